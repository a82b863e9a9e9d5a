"""The short road to Daphne's sockets (quizgame/rooms/wire.py): frames as any WebSocket client parses them, bytes
never reordered or lost when the kernel takes only part of a frame, and the standard path everywhere else."""
from __future__ import annotations

import socket

import pytest
from websockets.frames import Frame, Opcode
from websockets.streams import StreamReader

from quizgame.rooms import wire


def parse_frames(data: bytes) -> list[Frame]:
    reader = StreamReader()
    reader.feed_data(data)
    frames = []
    while reader.buffer:
        parser = Frame.parse(reader.read_exact, mask=False)
        try:
            while True:
                next(parser)
        except StopIteration as done:
            frames.append(done.value)
    return frames


@pytest.mark.parametrize("size", [0, 1, 125, 126, 1000, 65535, 65536, 200_000])
def test_text_frames_of_every_length_class_parse_back(size):
    text = ("é" + "x" * size)[:size] if size else ""
    (frame,) = parse_frames(wire.text_frame(text))
    assert frame.opcode == Opcode.TEXT and frame.fin and frame.data.decode() == text


class StandInProtocol:
    """Autobahn's connection state, as much of it as the shortcut reads."""

    STATE_OPEN, STATE_CLOSED = 1, 3
    SEND_STATE_GROUND = 0
    state = STATE_OPEN
    send_state = SEND_STATE_GROUND
    send_queue: list[bytes] = []
    _perMessageCompress = None
    maxMessagePayloadSize = 1 << 20
    maskServerFrames = False


class BufferingTransport:
    """Twisted's transport at its boundary: a real socket, and a buffer for what the kernel would not take."""

    def __init__(self, sock: socket.socket) -> None:
        self.socket = sock
        self.connected = True
        self.disconnecting = False
        self.dataBuffer = b""
        self._tempDataLen = 0
        self.buffered: list[bytes] = []

    def write(self, data: bytes) -> None:
        self.buffered.append(data)
        self._tempDataLen += len(data)


def test_what_the_kernel_does_not_take_is_buffered_in_order():
    server, client = socket.socketpair()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
    server.setblocking(False)
    transport = BufferingTransport(server)
    frames = [wire.text_frame(f"message {i} " + "y" * 3000) for i in range(200)]
    for frame in frames:
        assert wire._write(StandInProtocol(), transport, frame) is True
    assert transport.buffered, "the socket buffer was meant to fill up"
    client.setblocking(False)
    received = b""
    while True:
        try:
            chunk = client.recv(1 << 20)
        except BlockingIOError:
            break
        if not chunk:
            break
        received += chunk
    # Straight to the kernel until it was full, then everything through the transport's buffer, in order.
    assert received + b"".join(transport.buffered) == b"".join(frames)
    server.close()
    client.close()


def test_a_closed_or_busy_connection_takes_the_standard_path():
    server, client = socket.socketpair()
    transport = BufferingTransport(server)
    closed = StandInProtocol()
    closed.state = StandInProtocol.STATE_CLOSED
    assert wire._write(closed, transport, wire.text_frame("hi")) is False
    queued = StandInProtocol()
    queued.send_queue = [b"pending"]
    assert wire._write(queued, transport, wire.text_frame("hi")) is False
    assert wire._write(StandInProtocol(), transport, wire.text_frame("x" * (2 << 20))) is False  # over the limit
    assert transport.buffered == []
    server.close()
    client.close()


async def test_other_servers_and_test_harnesses_use_the_standard_path(settings):
    async def send(message):
        return None

    assert wire.writer_for(send) is None
    settings.QUIZGAME = {**settings.QUIZGAME, "DIRECT_WRITES": False}
    assert wire.writer_for(send) is None

