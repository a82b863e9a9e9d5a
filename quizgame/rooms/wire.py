"""A shorter road from a room event to the socket, for sockets served by Daphne over plain TCP.

Sending one text frame through the standard ASGI path costs about 0.1-0.2 ms of one core: Daphne's reply
coroutine, Autobahn's framing and bookkeeping, then Twisted buffering the bytes, asking the event loop to watch the
socket for writability and writing on a later turn. For a question shown to 5,000 phones that is most of a
second. Here the frame is built once per broadcast and, when nothing is waiting in the connection's buffers,
handed straight to the kernel; whatever the kernel does not take goes through Twisted's own buffer, so bytes
always leave in order.

The shortcut is taken only when every condition it relies on holds (an open, uncompressed, unfragmented
Autobahn connection on a plain Twisted TCP or Unix-socket transport with empty buffers, a frame within Autobahn's
size limit); otherwise, and under any other ASGI server or test harness, sockets use the standard path. Player
sockets take it; host sockets go through the session middleware, whose send wrapper hides Daphne's, so they use
the standard path (one socket per room). QUIZGAME_DIRECT_WRITES=0 turns it off.
"""
from __future__ import annotations

import functools
import struct
from collections.abc import Callable
from typing import Any

from django.conf import settings

Writer = Callable[[bytes], bool]


def text_frame(text: str) -> bytes:
    """One final, unmasked WebSocket text frame (what a server sends) carrying `text`."""
    payload = text.encode("utf-8")
    size = len(payload)
    if size < 126:
        header = struct.pack("!BB", 0x81, size)
    elif size < 1 << 16:
        header = struct.pack("!BBH", 0x81, 126, size)
    else:
        header = struct.pack("!BBQ", 0x81, 127, size)
    return header + payload


def writer_for(send: Any) -> Writer | None:
    """A function writing whole frames to the socket behind `send`, or None where the shortcut does not apply."""
    if not settings.QUIZGAME.get("DIRECT_WRITES", True):
        return None
    protocol = _daphne_protocol(send)
    if protocol is None:
        return None
    transport = getattr(protocol, "transport", None)
    try:
        from twisted.internet import tcp
    except ImportError:  # pragma: no cover - Daphne always brings Twisted
        return None
    if not isinstance(transport, tcp.Connection) or getattr(transport, "TLS", True):
        return None
    if getattr(protocol, "_perMessageCompress", None) is not None or getattr(protocol, "autoFragmentSize", 0):
        return None
    return functools.partial(_write, protocol, transport)


def _daphne_protocol(send: Any) -> Any:
    """Daphne hands each application `partial(server.handle_reply, protocol)` as its send callable."""
    if not isinstance(send, functools.partial) or len(send.args) != 1:
        return None
    owner = getattr(send.func, "__self__", None)
    if type(owner).__module__ != "daphne.server" or getattr(send.func, "__name__", "") != "handle_reply":
        return None
    protocol = send.args[0]
    if type(protocol).__module__ != "daphne.ws_protocol":
        return None
    return protocol


def _write(protocol: Any, transport: Any, frame: bytes) -> bool:
    """Write one frame; False means "not written, use the standard path" (nothing was sent in that case)."""
    if (
        protocol.state != protocol.STATE_OPEN
        or 0 < protocol.maxMessagePayloadSize < len(frame)  # Autobahn refuses these: let it say so
        or protocol.maskServerFrames
        or protocol.send_state != protocol.SEND_STATE_GROUND
        or protocol.send_queue
        or protocol._perMessageCompress is not None
        or not transport.connected
        or transport.disconnecting
    ):
        return False
    sent = 0
    if not transport.dataBuffer and not transport._tempDataLen:
        try:
            sent = transport.socket.send(frame)
        except BlockingIOError:
            sent = 0
        except OSError:
            return False  # a broken connection: the standard path notices and closes it in its own way
    if sent < len(frame):
        transport.write(frame[sent:] if sent else frame)
    return True
