"""A real game played through the room services, with answers at known moments."""
from __future__ import annotations

import pytest
from django.utils import timezone

from quizgame.rooms import selectors, services
from quizgame.rooms.models import Game


def key_of(game: Game, index: int, text: str) -> int:
    """The display key the players saw for the choice with this text."""
    shown = selectors.presentation_for(game=game, index=index).shown
    return next(k for k, choice in enumerate(shown) if choice.text == text)


class Play:
    """Drives one game: open questions, answer after so many seconds, move on."""

    def __init__(self, game: Game, host, clock) -> None:
        self.game, self.host, self.clock = game, host, clock
        self.players: dict[str, int] = {}

    def join(self, *nicknames: str) -> None:
        for nickname in nicknames:
            self.players[nickname] = services.player_join(game_id=self.game.pk, nickname=nickname).pk
        # Joins are stamped by the database's clock; the game clock starts after them.
        self.clock.current = max(self.clock.current, timezone.now())

    def start(self) -> None:
        services.game_start(game_id=self.game.pk, actor=self.host)

    def answer(self, nickname: str, index: int, after: float, response: dict) -> None:
        self.clock.advance(after)
        services.answer_submit(game_id=self.game.pk, player_id=self.players[nickname], index=index, response=response)
        self.clock.advance(-after)

    def choose(self, nickname: str, index: int, after: float, *texts: str) -> None:
        keys = [key_of(self.game, index, t) for t in texts]
        response = {"choice": keys[0]} if len(keys) == 1 else {"choices": keys}
        self.answer(nickname, index, after, response)

    def next(self, times: int = 1) -> None:
        for _ in range(times):
            self.clock.advance(1)
            services.game_next(game_id=self.game.pk, actor=self.host)

    @property
    def state(self) -> Game:
        self.game.refresh_from_db()
        return self.game


@pytest.fixture
def play(bank, host_user, game_clock):
    return Play(services.game_create(host=host_user, bank=bank), host_user, game_clock)


@pytest.fixture
def played(play):
    """Ana, Ben and Cy play the four questions of the `bank` fixture to the end.

    1 single: Ana right in 2 s; Ben and Cy pick Calcification (4 s, 6 s)       → a distractor beat the answer
    2 multiple: everyone right in 1, 2, 3 s                                       → nearly everyone knew it
    3 true/false (False is right): Ana and Ben say True, Cy does not answer     → nobody right, distractor
    4 typed: Ana "osteoblasts"; Ben "Osteoclasts", Cy "osteoclasts"             → a common wrong answer
    """
    play.join("Ana", "Ben", "Cy")
    play.start()
    play.choose("Ana", 0, 2, "Ossification")
    play.choose("Ben", 0, 4, "Calcification")
    play.choose("Cy", 0, 6, "Calcification")
    play.next(2)
    for seconds, nickname in enumerate(("Ana", "Ben", "Cy"), start=1):
        play.choose(nickname, 1, seconds, "Dystrophic", "Metastatic")
    play.next(2)
    play.choose("Ana", 2, 3, "True")
    play.choose("Ben", 2, 5, "True")
    play.next(3)
    play.answer("Ana", 3, 5, {"text": "osteoblasts"})
    play.answer("Ben", 3, 6, {"text": "Osteoclasts"})
    play.answer("Cy", 3, 7, {"text": "osteoclasts"})
    play.next(2)
    assert play.state.phase == Game.Phase.FINISHED
    return play
