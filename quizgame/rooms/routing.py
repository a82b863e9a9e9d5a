from channels.auth import AuthMiddlewareStack
from django.urls import re_path

from . import consumers

# Only the host's socket needs the signed-in session; players are anonymous, and skipping the session and user
# lookups on every player connection (and the session wrapper on every message) matters in rooms of thousands.
websocket_urlpatterns = [
    re_path(r"^ws/host/(?P<pin>\d{6})/$", AuthMiddlewareStack(consumers.HostConsumer.as_asgi())),
    re_path(r"^ws/play/(?P<pin>\d{6})/$", consumers.PlayerConsumer.as_asgi()),
    # Any other PIN-shaped path still gets a readable refusal rather than a dropped handshake.
    re_path(r"^ws/play/(?P<pin>[^/]{0,12})/$", consumers.PlayerConsumer.as_asgi()),
]
