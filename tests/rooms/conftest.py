import pytest
from channels.layers import get_channel_layer
from django.conf import settings
from django.test import Client

from quizgame.rooms import consumers, guesses, services
from quizgame.rooms.fanout import hub

from .wsclient import RoomClient


@pytest.fixture
async def room_hub():
    """Stop this test loop's hub and empty the in-process layer afterwards."""
    consumers._pin_guesses = None  # each test starts with a clean record of PIN guesses
    if settings.REDIS_URL:  # the scaled mode keeps that record in Redis
        await guesses.forget(settings.REDIS_URL)
    yield
    while RoomClient.opened:
        client = RoomClient.opened.pop()
        try:
            await client.close()
        except Exception:
            pass  # already closed by the server
    await hub().stop()
    layer = get_channel_layer()
    if hasattr(layer, "flush"):
        await layer.flush()


def session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


@pytest.fixture
def host_cookie(host_user):
    return session_cookie(host_user)


@pytest.fixture
def game(bank, host_user):
    return services.game_create(host=host_user, bank=bank)
