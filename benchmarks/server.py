"""A lean loopback HTTP/1.1 server that answers the Replicate routes the benchmarks call.

Run as a script: ``python server.py --time-scale 100`` binds 127.0.0.1 on a free port and
prints ``PORT <n>`` once it listens. It uses only the standard library so any interpreter
can run it, and parses HTTP with a hand-written ``asyncio.Protocol`` because a general
parser (h11) costs more per request than the clients under test, which would make the
benchmarks measure the server.

What it answers (all under ``/v1``):

- ``POST /predictions`` (and the model and deployment forms): the version id picks the
  behaviour (see ``version_id()``): a prediction that completes some simulated
  milliseconds after creation, or one that streams some output events; any other
  version completes at once.
  ``Prefer: wait[=N]`` holds the response until completion or N simulated seconds.
- ``GET /predictions/{id}``: the prediction's state on the scaled clock (an unknown id
  is a finished prediction, so reads need no set-up).
- ``GET /predictions``: 50 cursor pages of 100 predictions.
- ``GET /stream/{id}``: server-sent events: the output events, then ``done`` once the
  prediction completes.
- ``POST /files``: the body is counted and dropped as it arrives, never held.
- ``GET /models/{owner}/{name}`` and ``.../versions/{id}``: a model with a string output.
- ``GET /_bench/stats``, ``POST /_bench/reset``: counters for the harness (connections
  accepted, requests served, bytes uploaded) and, for the last timed prediction, when it
  completed, how many requests concerned it and when a client was first told it finished.

Simulated time: the server's clock runs ``--time-scale`` times faster than the real one,
so a five-minute prediction with scale 100 completes after three real seconds, and a
``Prefer: wait=60`` is held 0.6 real seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import re
import sys
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

__all__ = ["INSTANT_VERSION", "SLEEP", "STREAM", "BenchServerState", "main", "version_id"]

PAGE_SIZE = 100
PAGE_COUNT = 50
DEFAULT_WAIT_SECONDS = 60.0
MAX_HEADER_BYTES = 64 * 1024
TIMESTAMP = "2025-01-01T00:00:00.000000Z"

SLEEP = "a"
STREAM = "b"
_SCENARIO_VERSION = re.compile(r"([ab])(\d{15})0{48}")
INSTANT_VERSION = "0" * 64
_PREFER_WAIT = re.compile(r"wait(?:=(\d+))?")
_MODEL_PREDICTIONS = re.compile(r"/v1/(?:models|deployments)/([^/]+)/([^/]+)/predictions")
_VERSION_PATH = re.compile(r"/v1/models/([^/]+)/([^/]+)/versions/([^/]+)")
_MODEL_PATH = re.compile(r"/v1/models/([^/]+)/([^/]+)")
_REASONS = {200: b"OK", 201: b"Created", 400: b"Bad Request", 404: b"Not Found"}


def version_id(kind: str, amount: int) -> str:
    """A 64-hex-digit version id (the API's form) that tells the server what to do.

    ``kind`` is ``SLEEP`` (complete ``amount`` simulated milliseconds after creation) or
    ``STREAM`` (stream ``amount`` output events).

    Example::

        >>> version_id(SLEEP, 1000)[:16]
        'a000000000001000'
    """
    return f"{kind}{amount:015d}" + "0" * 48


@dataclass
class Prediction:
    """A prediction the server created, with its schedule in real (monotonic) time."""

    id: str
    version: str
    input: Any
    created: float
    done: float
    stream_events: int = 0
    requests: int = 1
    """Requests about this prediction: its create, reads and streams."""
    terminal_sent: Optional[float] = None
    """When the server first told a client the prediction had finished."""

    def finished(self, now: float) -> bool:
        return now >= self.done

    def told_finished(self, at: float) -> None:
        if self.terminal_sent is None:
            self.terminal_sent = at


@dataclass
class BenchServerState:
    """Predictions and counters shared by every connection."""

    time_scale: float
    predictions: dict[str, Prediction] = field(default_factory=dict)
    accepts: int = 0
    requests: int = 0
    upload_bytes: int = 0
    last_timed: Optional[Prediction] = None
    ids: itertools.count[int] = field(default_factory=itertools.count)
    page_cache: dict[tuple[str, int], bytes] = field(default_factory=dict)

    def reset(self) -> None:
        self.predictions.clear()
        self.accepts = self.requests = self.upload_bytes = 0
        self.last_timed = None

    def create(self, version: str, input: Any) -> Prediction:
        now = time.monotonic()
        prediction_id = f"bench{next(self.ids):010d}"
        duration = 0.0
        events = 0
        if match := _SCENARIO_VERSION.fullmatch(version):
            kind, amount = match.group(1), int(match.group(2))
            if kind == SLEEP:
                duration = amount / 1000.0 / self.time_scale
            else:
                events = amount
        prediction = Prediction(prediction_id, version, input, now, now + duration, events)
        if duration:
            self.predictions[prediction_id] = prediction
            self.last_timed = prediction
        elif events:
            self.predictions[prediction_id] = prediction
        return prediction


def prediction_json(
    host: str, prediction: Optional[Prediction], prediction_id: str, *, now: float, created: bool
) -> dict[str, Any]:
    """The API's prediction object; ``created`` answers a create, which reports ``starting``."""
    finished = prediction is None or prediction.finished(now)
    status = "succeeded" if finished else ("starting" if created else "processing")
    base = f"http://{host}/v1"
    return {
        "id": prediction_id,
        "model": "bench/model",
        "version": prediction.version if prediction else INSTANT_VERSION,
        "input": prediction.input if prediction else {"prompt": "hello"},
        "logs": "",
        "output": "done" if finished else None,
        "data_removed": False,
        "error": None,
        "source": "api",
        "status": status,
        "created_at": TIMESTAMP,
        "started_at": TIMESTAMP,
        "completed_at": TIMESTAMP if finished else None,
        "urls": {
            "get": f"{base}/predictions/{prediction_id}",
            "cancel": f"{base}/predictions/{prediction_id}/cancel",
            "stream": f"{base}/stream/{prediction_id}",
            "web": f"https://replicate.com/p/{prediction_id}",
        },
        "metrics": {"predict_time": 0.1} if finished else {},
    }


def version_json(version_id: str) -> dict[str, Any]:
    schema = {
        "openapi": "3.0.2",
        "info": {"title": "Cog", "version": "0.1.0"},
        "paths": {},
        "components": {
            "schemas": {
                "Input": {
                    "type": "object",
                    "title": "Input",
                    "properties": {"prompt": {"type": "string", "title": "Prompt"}},
                },
                "Output": {"type": "string", "title": "Output"},
            }
        },
    }
    return {
        "id": version_id,
        "created_at": TIMESTAMP,
        "cog_version": "0.9.0",
        "openapi_schema": schema,
    }


def model_json(owner: str, name: str) -> dict[str, Any]:
    return {
        "url": f"https://replicate.com/{owner}/{name}",
        "owner": owner,
        "name": name,
        "description": "benchmark model",
        "visibility": "public",
        "github_url": None,
        "paper_url": None,
        "license_url": None,
        "run_count": 0,
        "cover_image_url": None,
        "default_example": None,
        "latest_version": version_json(INSTANT_VERSION),
    }


def sse_event(event: str, event_id: int, data: str) -> bytes:
    return f"event: {event}\nid: {event_id}\ndata: {data}\n\n".encode()


def chunk(payload: bytes) -> bytes:
    return b"%x\r\n%s\r\n" % (len(payload), payload)


class ChunkedBody:
    """Incremental decoder of a chunked request body; keeps it or only counts it."""

    def __init__(self, keep: bool) -> None:
        self.keep = keep
        self.body = bytearray()
        self.size = 0
        self.remaining = 0  # bytes left in the current chunk's data
        self.pending = bytearray()  # an unfinished size line or trailer
        self.state = "size"
        self.done = False

    def feed(self, data: memoryview) -> int:
        """Consume ``data``; return how many bytes of it belong to this body."""
        used = 0
        while used < len(data) and not self.done:
            if self.state == "data":
                take = min(self.remaining, len(data) - used)
                if self.keep:
                    self.body += data[used : used + take]
                self.size += take
                self.remaining -= take
                used += take
                if self.remaining == 0:
                    self.state = "crlf"
                continue
            end = bytes(data[used:]).find(b"\n")
            if end < 0:
                self.pending += data[used:]
                return len(data)
            line = bytes(self.pending + data[used : used + end]).strip()
            self.pending.clear()
            used += end + 1
            if self.state == "crlf":
                self.state = "size"
            elif self.state == "size":
                self.remaining = int(line.split(b";")[0], 16)
                self.state = "data" if self.remaining else "trailer"
            elif not line:  # the empty line after the (usually absent) trailers
                self.done = True
        return used


class BenchProtocol(asyncio.Protocol):
    """One client connection: parses requests one at a time and answers them."""

    def __init__(self, state: BenchServerState) -> None:
        self.state = state
        self.buffer = bytearray()
        self.transport: Optional[asyncio.Transport] = None
        self.held = False  # a response is scheduled for later; read nothing meanwhile
        self.request: Optional[tuple[str, str, dict[str, str]]] = None
        self.body_length = 0  # remaining Content-Length bytes of the current request
        self.chunked: Optional[ChunkedBody] = None
        self.discard = False
        self.body = bytearray()
        self.control = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.state.accepts += 1

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if not self.held:
            self.process()

    def process(self) -> None:
        while self.transport is not None and not self.held:
            if self.request is None and not self.read_head():
                return
            if not self.read_body():
                return
            assert self.request is not None
            method, target, headers = self.request
            body = bytes(self.body)
            self.request = None
            self.body = bytearray()
            self.dispatch(method, target, headers, body)

    def read_head(self) -> bool:
        end = self.buffer.find(b"\r\n\r\n")
        if end < 0:
            if len(self.buffer) > MAX_HEADER_BYTES and self.transport:
                self.transport.close()
            return False
        head = bytes(self.buffer[:end]).decode("latin-1").split("\r\n")
        del self.buffer[: end + 4]
        method, target, _ = head[0].split(" ", 2)
        headers: dict[str, str] = {}
        for line in head[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        self.request = (method, target, headers)
        self.discard = target.startswith("/v1/files")
        if headers.get("transfer-encoding", "").lower() == "chunked":
            self.chunked = ChunkedBody(keep=not self.discard)
        else:
            self.chunked = None
            self.body_length = int(headers.get("content-length", "0"))
        return True

    def read_body(self) -> bool:
        if self.chunked is not None:
            used = self.chunked.feed(memoryview(self.buffer))
            del self.buffer[:used]
            if not self.chunked.done:
                return False
            self.state.upload_bytes += self.chunked.size if self.discard else 0
            self.body = self.chunked.body
            self.chunked = None
            return True
        take = min(self.body_length, len(self.buffer))
        if take:
            if self.discard:
                self.state.upload_bytes += take
            else:
                self.body += self.buffer[:take]
            del self.buffer[:take]
            self.body_length -= take
        return self.body_length == 0

    def respond(
        self,
        status: int,
        payload: bytes,
        content_type: bytes = b"application/json",
        close: bool = False,
    ) -> None:
        if self.transport is None or self.transport.is_closing():
            return
        head = b"HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n" % (
            status,
            _REASONS.get(status, b"OK"),
            content_type,
            len(payload),
        )
        if close:
            head += b"Connection: close\r\n"
        self.transport.write(head + b"\r\n" + payload)
        if close:
            self.transport.close()

    def respond_json(self, status: int, value: object, close: bool = False) -> None:
        self.respond(status, json.dumps(value, separators=(",", ":")).encode(), close=close)

    def release(self, send: Callable[[], None]) -> None:
        """Send a held response, then read whatever the client sent meanwhile."""
        self.held = False
        send()
        self.process()

    def dispatch(self, method: str, target: str, headers: dict[str, str], body: bytes) -> None:
        path, _, query = target.partition("?")
        close = headers.get("connection", "").lower() == "close"
        host = headers.get("host", "127.0.0.1")
        if path.startswith("/_bench/"):
            self.control_request(path)
            return
        self.state.requests += 1
        if method == "POST" and (path == "/v1/predictions" or _MODEL_PREDICTIONS.fullmatch(path)):
            self.create_prediction(host, headers, body, close)
        elif method == "GET" and path.startswith("/v1/predictions/"):
            prediction_id = path.rsplit("/", 1)[1]
            prediction = self.state.predictions.get(prediction_id)
            now = time.monotonic()
            if prediction is not None:
                prediction.requests += 1
                if prediction.finished(now):
                    prediction.told_finished(now)
            self.respond_json(
                200,
                prediction_json(host, prediction, prediction_id, now=now, created=False),
                close,
            )
        elif method == "GET" and path == "/v1/predictions":
            self.respond(200, self.page(host, query), close=close)
        elif method == "GET" and path.startswith("/v1/stream/"):
            self.stream(path.rsplit("/", 1)[1])
        elif method == "POST" and path == "/v1/files":
            self.respond_json(201, file_json(host), close)
        elif method == "GET" and (match := _VERSION_PATH.fullmatch(path)):
            self.respond_json(200, version_json(match.group(3)), close)
        elif method == "GET" and (match := _MODEL_PATH.fullmatch(path)):
            self.respond_json(200, model_json(match.group(1), match.group(2)), close)
        else:
            self.respond_json(404, {"detail": f"no route for {method} {path}", "status": 404})

    def control_request(self, path: str) -> None:
        if not self.control:
            # The harness's own connection is not one the client under test opened.
            self.control = True
            self.state.accepts -= 1
        if path == "/_bench/reset":
            self.state.reset()
        last = self.state.last_timed
        stats = {
            "accepts": self.state.accepts,
            "requests": self.state.requests,
            "upload_bytes": self.state.upload_bytes,
            "last_done": last.done if last else None,
            "last_requests": last.requests if last else None,
            "last_terminal_sent": last.terminal_sent if last else None,
            "pid": os.getpid(),
        }
        self.respond_json(200, stats, close=True)

    def create_prediction(
        self, host: str, headers: dict[str, str], body: bytes, close: bool
    ) -> None:
        try:
            request = json.loads(body or b"{}")
        except ValueError:
            self.respond_json(400, {"detail": "body is not JSON", "status": 400})
            return
        version = str(request.get("version") or INSTANT_VERSION)
        prediction = self.state.create(version, request.get("input", {}))
        wait = _PREFER_WAIT.fullmatch(headers.get("prefer", "").strip())
        now = time.monotonic()
        if wait is None or prediction.finished(now) or prediction.stream_events:
            if prediction.finished(now):
                prediction.told_finished(now)
            self.respond_json(
                201, prediction_json(host, prediction, prediction.id, now=now, created=True), close
            )
            return
        seconds = float(wait.group(1) or DEFAULT_WAIT_SECONDS) / self.state.time_scale
        deadline = min(prediction.done, now + seconds)

        def send() -> None:
            sent = time.monotonic()
            if prediction.finished(sent):
                # Released by the completion timer: count it as on time, since the
                # event loop's timer granularity is the server's, not the client's.
                prediction.told_finished(prediction.done)
            value = prediction_json(host, prediction, prediction.id, now=sent, created=True)
            self.respond_json(201, value, close)

        self.held = True
        asyncio.get_running_loop().call_at(loop_time_at(deadline), self.release, send)

    def page(self, host: str, query: str) -> bytes:
        match = re.search(r"(?:^|&)cursor=(\d+)", query)
        index = int(match.group(1)) if match else 0
        key = (host, index)
        cached = self.state.page_cache.get(key)
        if cached is None:
            results = [
                prediction_json(
                    host, None, f"page{index:03d}item{item:03d}", now=0.0, created=False
                )
                for item in range(PAGE_SIZE)
            ]
            following = index + 1
            next_url = (
                f"http://{host}/v1/predictions?cursor={following}"
                if following < PAGE_COUNT
                else None
            )
            page = {"previous": None, "next": next_url, "results": results}
            cached = json.dumps(page, separators=(",", ":")).encode()
            self.state.page_cache[key] = cached
        return cached

    def stream(self, prediction_id: str) -> None:
        assert self.transport is not None
        prediction = self.state.predictions.get(prediction_id)
        if prediction is not None:
            prediction.requests += 1
        self.transport.write(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            b"Cache-Control: no-store\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        count = prediction.stream_events if prediction else 0
        batch = 1000
        for start in range(0, count, batch):
            events = b"".join(
                sse_event("output", index, f"token {index} ")
                for index in range(start, min(start + batch, count))
            )
            self.transport.write(chunk(events))

        def finish(on_time: Optional[float] = None) -> None:
            assert self.transport is not None
            tail = b""
            if prediction is not None and not prediction.stream_events:
                tail = sse_event("output", count, "done")
            tail += sse_event("done", count + 1, "{}")
            self.transport.write(chunk(tail) + b"0\r\n\r\n")
            if prediction is not None:
                prediction.told_finished(on_time or time.monotonic())

        if prediction is None or prediction.finished(time.monotonic()):
            finish()
            return
        self.held = True
        done = prediction.done
        asyncio.get_running_loop().call_at(
            loop_time_at(done), self.release, lambda: finish(on_time=done)
        )

    def connection_lost(self, exc: Optional[Exception]) -> None:
        self.transport = None


def loop_time_at(monotonic_instant: float) -> float:
    """The event loop's clock reading at a ``time.monotonic()`` instant."""
    loop = asyncio.get_running_loop()
    return loop.time() + (monotonic_instant - time.monotonic())


def file_json(host: str) -> dict[str, Any]:
    file_id = "benchfile"
    return {
        "id": file_id,
        "name": "upload.bin",
        "content_type": "application/octet-stream",
        "size": 0,
        "etag": "bench",
        "checksums": {"sha256": "0" * 64},
        "metadata": {},
        "created_at": TIMESTAMP,
        "expires_at": None,
        "urls": {"get": f"http://{host}/v1/files/{file_id}"},
    }


async def serve(time_scale: float, port: int) -> None:
    state = BenchServerState(time_scale=time_scale)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: BenchProtocol(state), "127.0.0.1", port, backlog=1024, reuse_address=True
    )
    bound = server.sockets[0].getsockname()[1]
    print(f"PORT {bound}", flush=True)
    async with server:
        await server.serve_forever()


def main(argv: Optional[list[str]] = None) -> None:
    parser = argparse.ArgumentParser(description="The benchmarks' loopback Replicate server.")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument(
        "--time-scale", type=float, default=1.0, help="simulated seconds per real second"
    )
    args = parser.parse_args(argv)
    try:
        asyncio.run(serve(args.time_scale, args.port))
    except KeyboardInterrupt:
        sys.exit(0)


if __name__ == "__main__":
    main()
