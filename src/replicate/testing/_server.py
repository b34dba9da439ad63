"""A small HTTP/1.1 server (asyncio + h11) in front of the emulator, with keep-alive.

It listens on two loopback ports: one for the API and one standing in for the host that
serves model output files.
"""

from __future__ import annotations

import asyncio
import socket
from typing import Any, AsyncIterator

import h11

from ._app import App
from ._http import Disconnect, Request, Response

__all__ = ["Listener", "serve_connection", "start_listener"]

_READ_SIZE = 64 * 1024


class _Connection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer
        self.h11 = h11.Connection(h11.SERVER)
        self.body_done = False

    async def next_event(self) -> h11.Event | type[h11.PAUSED] | type[h11.NEED_DATA]:
        while True:
            event = self.h11.next_event()
            if event is h11.NEED_DATA:
                self.h11.receive_data(await self.reader.read(_READ_SIZE))
                continue
            return event

    async def body(self) -> AsyncIterator[bytes]:
        while not self.body_done:
            event = await self.next_event()
            if isinstance(event, h11.Data):
                yield bytes(event.data)
            elif isinstance(event, h11.EndOfMessage):
                self.body_done = True
                return
            else:
                raise Disconnect("the client went away mid-request")

    def send(self, event: h11.Event) -> None:
        data = self.h11.send(event)
        if data:
            self.writer.write(data)


def _as_request(event: h11.Request, body: AsyncIterator[bytes], base_url: str) -> Request:
    target = event.target.decode("latin-1")
    path, _, query = target.partition("?")
    headers = {
        name.decode("latin-1").lower(): value.decode("latin-1") for name, value in event.headers
    }
    return Request(event.method.decode("ascii"), path, query, headers, body, base_url)


async def _send_response(connection: _Connection, response: Response, method: str) -> None:
    headers = [(k, v) for k, v in response.headers]
    body = response.body
    if isinstance(body, bytes):
        headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
        headers.append(("content-length", str(len(body))))
    elif response.header("content-length") is None:
        headers.append(("transfer-encoding", "chunked"))
    connection.send(h11.Response(status_code=response.status, headers=headers))
    if isinstance(body, bytes):
        if body and method != "HEAD":
            connection.send(h11.Data(data=body))
    else:
        async for chunk in body:
            if chunk:
                connection.send(h11.Data(data=chunk))
                await connection.writer.drain()
    connection.send(h11.EndOfMessage())
    await connection.writer.drain()


async def serve_connection(
    app: App, host_kind: str, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
) -> None:
    """Serve requests on one connection until either side closes it."""
    connection = _Connection(reader, writer)
    sockname = writer.get_extra_info("sockname")
    base_url = f"http://{sockname[0]}:{sockname[1]}"
    try:
        while True:
            event = await connection.next_event()
            if not isinstance(event, h11.Request):
                break
            request = _as_request(event, connection.body(), base_url)
            response = await app.handle(request, host_kind)
            await _send_response(connection, response, request.method)
            if connection.h11.our_state is h11.MUST_CLOSE:
                break
            # Unread request bytes would corrupt the next request on this connection.
            async for _ in connection.body():
                pass
            connection.h11.start_next_cycle()
            connection.body_done = False
    except Disconnect:
        writer.transport.abort()
        return
    except (ConnectionError, h11.RemoteProtocolError, asyncio.IncompleteReadError):
        writer.transport.abort()
        return
    try:
        writer.close()
        await writer.wait_closed()
    except ConnectionError:
        pass


class Listener:
    """A listening socket and the connections it accepted."""

    def __init__(self) -> None:
        self.server: asyncio.AbstractServer | None = None
        self.connections: set[asyncio.StreamWriter] = set()

    @property
    def port(self) -> int:
        """The port it listens on."""
        assert self.server is not None
        server: Any = self.server  # asyncio.Server has .sockets; AbstractServer does not say so
        sockets: tuple[socket.socket, ...] = tuple(server.sockets)
        address: tuple[str, int] = sockets[0].getsockname()
        return address[1]

    async def close(self) -> None:
        """Stop listening and drop every open connection (keep-alive ones included)."""
        if self.server is not None:
            self.server.close()
        for writer in list(self.connections):
            writer.transport.abort()
        if self.server is not None:
            await self.server.wait_closed()


async def start_listener(app: App, host_kind: str, host: str, port: int) -> Listener:
    """Listen on ``host:port`` (0 picks a free port) and serve ``app`` as ``host_kind``."""
    listener = Listener()

    async def on_connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        listener.connections.add(writer)
        try:
            await serve_connection(app, host_kind, reader, writer)
        finally:
            listener.connections.discard(writer)

    listener.server = await asyncio.start_server(on_connection, host, port, limit=_READ_SIZE)
    return listener
