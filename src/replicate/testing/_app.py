"""The emulator's front door: records each request, checks the token, applies faults, routes.

Transports and the HTTP server hand requests to :meth:`App.handle` and turn a
:class:`Disconnect` raised there (or from a response body) into a dropped connection.
"""

from __future__ import annotations

import logging
import time
from typing import AsyncIterator, Collection

from ._api_files import serve_output_file
from ._faults import Cut, Delay, Drop, Faults, Status
from ._http import Disconnect, Problem, Request, Response, problem_response
from ._recording import RecordedRequest, RequestLog
from ._routing import Router
from ._state import State

__all__ = ["API", "FILES", "App"]

API = "api"
FILES = "files"

# Reachable without a token: the stream URL and signed downloads carry their own authority.
_PUBLIC_OPERATIONS = frozenset({"predictions.stream", "files.download"})

logger = logging.getLogger("replicate.testing")


async def _counting(body: AsyncIterator[bytes], record: RecordedRequest) -> AsyncIterator[bytes]:
    async for chunk in body:
        record.body_size += len(chunk)
        yield chunk


async def _drain(body: AsyncIterator[bytes]) -> None:
    async for _ in body:
        pass


async def _cut_body(body: bytes | AsyncIterator[bytes], cut: Cut) -> AsyncIterator[bytes]:
    sent = 0
    events = 0
    chunks: AsyncIterator[bytes] = _single(body) if isinstance(body, bytes) else body
    async for chunk in chunks:
        if cut.after_bytes is not None:
            room = cut.after_bytes - sent
            if len(chunk) >= room:
                if room:
                    yield chunk[:room]
                raise Disconnect(f"cut after {cut.after_bytes} bytes")
            sent += len(chunk)
            yield chunk
        else:
            assert cut.after_events is not None
            start = 0
            while True:
                end = chunk.find(b"\n\n", start)
                if end < 0:
                    break
                events += 1
                start = end + 2
                if events >= cut.after_events:
                    yield chunk[:start]
                    raise Disconnect(f"cut after {cut.after_events} events")
            yield chunk
    raise Disconnect("cut before the end of the body")


async def _single(body: bytes) -> AsyncIterator[bytes]:
    yield body


class App:
    """Answers requests for one emulator."""

    def __init__(
        self, state: State, router: Router, tokens: Collection[str], faults: Faults, log: RequestLog
    ) -> None:
        self.state = state
        self.router = router
        self.tokens = frozenset(tokens)
        self.faults = faults
        self.log = log

    async def handle(self, request: Request, host: str = API) -> Response:
        """The response to ``request`` arriving at ``host`` (``"api"`` or ``"files"``)."""
        record = RecordedRequest(
            host=host,
            method=request.method,
            path=request.path,
            query=request.query_string,
            headers=dict(request.headers),
            time=time.time(),
        )
        self.log.append(record)
        request.body = _counting(request.body, record)
        match = self.router.match(request.method, request.path) if host == API else None
        if match is not None:
            record.route, record.operation_id = match.route.name, match.route.operation_id
            request.path_params = match.params
        elif host == FILES:
            record.route = f"{request.method} {FILES}"
        fault = self.faults.take(record.operation_id, record.route)
        record.fault = type(fault).__name__ if fault is not None else None
        if isinstance(fault, Delay):
            clock = self.state.clock
            await clock.sleep_until(clock.now() + fault.seconds)
        elif isinstance(fault, Drop) and not fault.processed:
            raise Disconnect("dropped before processing")
        elif isinstance(fault, Status) and not fault.processed:
            await _drain(request.body)
            response = fault.response()
            record.status = response.status
            return response
        response = await self._answer(request, host)
        record.status = response.status
        if isinstance(fault, Drop):
            raise Disconnect("dropped after processing")
        if isinstance(fault, Status):
            return fault.response()
        if isinstance(fault, Cut):
            length = len(response.body) if isinstance(response.body, bytes) else None
            response.body = _cut_body(response.body, fault)
            if length is not None:
                response.headers.append(("content-length", str(length)))
        return response

    async def _answer(self, request: Request, host: str) -> Response:
        try:
            if host == FILES:
                return await serve_output_file(self.state, request)
            match = self.router.match(request.method, request.path)
            if match is None:
                allowed = self.router.allowed_methods(request.path)
                if allowed:
                    raise Problem(
                        405, "Method not allowed", f"{request.path} allows {', '.join(allowed)}."
                    )
                raise Problem(
                    404, "Not found", f"No API operation at {request.method} {request.path}."
                )
            if match.route.operation_id not in _PUBLIC_OPERATIONS:
                self._authenticate(request)
            return await match.route.handler(request)
        except Problem as problem:
            return problem_response(problem, request.path)
        except Exception as exc:  # the emulator answers 500 like a server would, and says why
            logger.exception("emulator handler failed")
            return problem_response(
                Problem(500, "Internal server error", f"{type(exc).__name__}: {exc}"), request.path
            )

    def _authenticate(self, request: Request) -> None:
        scheme, _, token = (request.header("authorization") or "").partition(" ")
        if scheme.lower() not in ("bearer", "token") or token.strip() not in self.tokens:
            raise Problem(
                401,
                "Unauthenticated",
                "You did not pass a valid authentication token: send Authorization: Bearer <token>.",
                {"www-authenticate": 'Bearer realm="replicate"'},
            )
