"""The one error type a room action raises; the consumer turns it into an `error` message."""
from __future__ import annotations


class GameError(Exception):
    """A refused action with a stable machine-readable code and a message a person can read."""

    def __init__(self, code: str, message: str, *, fatal: bool = False) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        # A fatal error ends the connection (unknown game, kicked player).
        self.fatal = fatal

    def as_message(self) -> dict[str, str]:
        return {"type": "error", "code": self.code, "message": self.message}
