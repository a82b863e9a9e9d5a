"""Garbage collection for a process holding thousands of sockets.

Each connected phone keeps a hundred or more long-lived objects (its transport, protocol, consumer, tasks), and
Python's cyclic collector rescans all of them on every full collection: with 5,000 players that was a pause of
0.6-0.8 s, landing in the middle of answer bursts and broadcasts. The sockets of a room that is playing are
alive for the whole game, so they are moved out of the collector's view (gc.freeze, which costs nothing) when
the process starts and whenever a question opens; only what a question creates is scanned. When a room of
this process empties, everything is handed back to the collector so that what the room left behind is freed.
"""
from __future__ import annotations

import gc


def settle() -> None:
    """Everything alive now is long-lived: keep the collector off it (start-up, a question opening)."""
    gc.freeze()


def release() -> None:
    """A room emptied: let the collector see, and free, whatever it left behind."""
    gc.unfreeze()
