"""Garbage collection for a process holding thousands of sockets.

Each connected phone keeps a hundred or more long-lived objects (its transport, protocol, consumer, tasks), and
Python's cyclic collector rescans all of them on every full collection: with 5,000 players that was a pause of
0.6-0.8 s, landing in the middle of answer bursts and broadcasts. So the process moves what is alive out of the
collector's view (gc.freeze, which costs nothing) at start-up and whenever a question opens: while a question is
open only what it creates is scanned.

Frozen objects are never collected, garbage included, so the process also recycles: at a quiet moment, when no
question of any room it serves is open (a reveal, the end of a game, a room emptying), everything goes back to
the collector, one full collection frees what the rooms left behind, and the survivors are frozen again. Should
the process never be quiet (rooms overlapping without end), it recycles anyway after RECYCLE_AFTER questions.
"""
from __future__ import annotations

import gc

RECYCLE_AFTER = 50
_settled_since_recycle = 0


def settle() -> None:
    """A question opens: everything alive now stays alive for it, so keep the collector off it."""
    global _settled_since_recycle
    gc.freeze()
    _settled_since_recycle += 1


def recycle(*, quiet: bool) -> None:
    """Let the collector free what is dead, at a quiet moment (or when it has waited too long), then settle again."""
    global _settled_since_recycle
    if not quiet and _settled_since_recycle < RECYCLE_AFTER:
        return
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    _settled_since_recycle = 0
