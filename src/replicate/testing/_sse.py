"""A prediction's server-sent-event stream, resumable with ``Last-Event-ID``."""

from __future__ import annotations

from typing import AsyncIterator

from ._http import Problem, Response
from ._store import PredictionRecord, SSEEvent

__all__ = ["encode_event", "sse_response"]

# Events already available are sent together, up to this many bytes per chunk, so long
# streams move quickly; each event still arrives as soon as it exists.
_MAX_CHUNK = 64 * 1024


def encode_event(event: SSEEvent) -> bytes:
    """The wire form of one event: ``event``, ``id`` and one ``data`` line per line of data."""
    lines = [f"event: {event.event}", f"id: {event.id}"]
    lines.extend(f"data: {line}" for line in event.data.split("\n"))
    return ("\n".join(lines) + "\n\n").encode()


def _resume_position(last_event_id: str | None, record: PredictionRecord) -> int:
    if not last_event_id:
        return 0
    try:
        position = int(last_event_id)
    except ValueError:
        raise Problem(
            400, "Invalid Last-Event-ID", f"{last_event_id!r} is not an id of this stream."
        ) from None
    return max(0, position)


async def _events(record: PredictionRecord, position: int) -> AsyncIterator[bytes]:
    while True:
        if position < len(record.events):
            pending = record.events[position:]
            chunk = bytearray()
            for event in pending:
                chunk += encode_event(event)
                position += 1
                if len(chunk) >= _MAX_CHUNK:
                    break
            yield bytes(chunk)
            if record.events[position - 1].event == "done":
                return
            continue
        if record.done:
            return
        await record.changed.wait()


def sse_response(record: PredictionRecord, last_event_id: str | None) -> Response:
    """The streaming response for ``record``, starting after ``last_event_id`` when given."""
    position = _resume_position(last_event_id, record)
    headers = [
        ("content-type", "text/event-stream"),
        ("cache-control", "no-store"),
    ]
    return Response(200, headers, _events(record, position), sse=True)
