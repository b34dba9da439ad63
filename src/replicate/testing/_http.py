"""The emulator's own request and response objects, independent of how they travel."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, AsyncIterator, Mapping, Union
from urllib.parse import parse_qsl

__all__ = [
    "Body",
    "Disconnect",
    "Problem",
    "Request",
    "Response",
    "empty_body",
    "json_response",
    "problem_response",
]

Body = Union[bytes, AsyncIterator[bytes]]


async def empty_body() -> AsyncIterator[bytes]:
    """A request body with no bytes."""
    return
    yield b""  # pragma: no cover - makes this an async generator


@dataclass
class Request:
    """One HTTP request as the emulator's handlers see it.

    ``base_url`` is the scheme and authority the client used (``http://host:port``), so
    URLs in responses point back to where the client is talking.
    """

    method: str
    path: str
    query_string: str
    headers: Mapping[str, str]
    body: AsyncIterator[bytes]
    base_url: str
    path_params: dict[str, str] = field(default_factory=dict[str, str])

    @property
    def query(self) -> dict[str, str]:
        """Query parameters; the last one wins when a name repeats."""
        return dict(parse_qsl(self.query_string, keep_blank_values=True))

    def header(self, name: str) -> str | None:
        """A header's value, looked up without regard to case."""
        return self.headers.get(name.lower())

    async def read(self, limit: int = 64 * 1024 * 1024) -> bytes:
        """The whole body (for small JSON bodies; uploads are streamed instead)."""
        chunks: list[bytes] = []
        size = 0
        async for chunk in self.body:
            size += len(chunk)
            if size > limit:
                raise Problem(413, "Request too large", f"The body exceeds {limit} bytes.")
            chunks.append(chunk)
        return b"".join(chunks)

    async def json_object(self) -> dict[str, Any]:
        """The body parsed as a JSON object, or a 422 problem saying why it is not one."""
        raw = await self.read()
        try:
            value: object = json.loads(raw or b"null")
        except ValueError as exc:
            raise Problem(
                422, "Invalid JSON", f"The request body is not valid JSON: {exc}"
            ) from None
        if not isinstance(value, dict):
            raise Problem(422, "Invalid request body", "The request body must be a JSON object.")
        return dict(value)  # pyright: ignore[reportUnknownArgumentType]


@dataclass
class Response:
    """One HTTP response: status, headers and a body of bytes or a stream of chunks.

    ``sse`` marks a server-sent-events body, whose chunks are whole events; faults that
    cut a stream count those.
    """

    status: int
    headers: list[tuple[str, str]] = field(default_factory=list[tuple[str, str]])
    body: Body = b""
    sse: bool = False

    def header(self, name: str) -> str | None:
        """A header's value, looked up without regard to case."""
        lowered = name.lower()
        for key, value in self.headers:
            if key.lower() == lowered:
                return value
        return None


def json_response(
    status: int, payload: object, headers: Mapping[str, str] | None = None
) -> Response:
    """A response carrying ``payload`` as compact JSON."""
    body = json.dumps(payload, separators=(",", ":")).encode()
    pairs = [("content-type", "application/json")]
    pairs.extend((headers or {}).items())
    return Response(status, pairs, body)


class Problem(Exception):
    """An error answered as an RFC 7807 problem document, the way Replicate answers errors."""

    def __init__(
        self, status: int, title: str, detail: str, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.title = title
        self.detail = detail
        self.headers = dict(headers or {})


def problem_response(problem: Problem, instance: str | None = None) -> Response:
    """The response for ``problem``: ``application/problem+json`` with type, title, status, detail."""
    document: dict[str, object] = {
        "type": "about:blank",
        "title": problem.title,
        "status": problem.status,
        "detail": problem.detail,
    }
    if instance is not None:
        document["instance"] = instance
    pairs = [("content-type", "application/problem+json")]
    pairs.extend(problem.headers.items())
    return Response(problem.status, pairs, json.dumps(document, separators=(",", ":")).encode())


class Disconnect(Exception):
    """The emulator closes the connection here, without (the rest of) a response."""
