"""The one error type practice actions raise; views turn it into a JSON error or a page with its HTTP status."""
from __future__ import annotations


class PracticeError(Exception):
    """A refused action with a stable machine-readable code, a message a person can read, and an HTTP status."""

    def __init__(self, code: str, message: str, *, status: int = 400) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status

    def as_json(self) -> dict[str, str]:
        return {"error": self.code, "message": self.message}
