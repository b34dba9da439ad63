"""Server-sent events: a pure decoder and the Replicate stream event model.

Nothing here does I/O. The transport feeds raw chunks (``bytes`` or ``str``)
into :class:`SSEStreamDecoder` and gets :class:`ServerSentEvent` values back;
reconnection is decided by :class:`StreamCursor` and :func:`reconnect_delay`.

Parsing follows the WHATWG "event stream interpretation" rules:

- lines end with CR, LF or CRLF, and a chunk may end anywhere, even between
  the CR and the LF of one line ending;
- one byte-order mark at the very start of the stream is dropped;
- ``:`` starts a comment; ``field: value`` loses one space after the colon;
- ``data`` lines are joined with ``\\n``; a blank line dispatches the event,
  unless it carried no ``data`` at all;
- an ``id`` containing NUL is ignored, and the last id persists across events;
- ``retry`` is taken only when it is all ASCII digits.
"""

from __future__ import annotations

import codecs
import enum
import json
import re
from dataclasses import dataclass, field
from typing import Any, ClassVar, Iterable, Iterator, Optional, Sequence, Union, cast

from .._exceptions import InvalidArgumentError

__all__ = [
    "LineSplitter",
    "ReconnectPolicy",
    "SSEDecoder",
    "SSEStreamDecoder",
    "ServerSentEvent",
    "StreamCursor",
    "StreamEventType",
    "decode_sse",
    "done_reason",
    "reconnect_delay",
    "stream_event_type",
]

_BOM = "\ufeff"
_LINE_ENDING = re.compile(r"\r\n?|\n")
# Characters str.splitlines() also breaks at, which are not line endings in an event stream.
_ASCII_OTHER_BREAKS = ("\x0b", "\x0c", "\x1c", "\x1d", "\x1e")
_OTHER_BREAKS = (*_ASCII_OTHER_BREAKS, "\x85", "\u2028", "\u2029")


def _has_other_line_breaks(text: str) -> bool:
    """Whether ``text`` holds a character that ``str.splitlines`` would wrongly break at."""
    # Each ``in`` is a fast scan in C; an ASCII string (known without a scan) skips three.
    candidates = _ASCII_OTHER_BREAKS if text.isascii() else _OTHER_BREAKS
    return any(char in text for char in candidates)


class StreamEventType(str, enum.Enum):
    """The kinds of event a Replicate prediction stream sends.

    A ``str`` enum, so ``event.event == StreamEventType.OUTPUT`` and
    ``event.event == "output"`` are both true for an output event.
    """

    OUTPUT = "output"
    """A piece of the prediction's output (for language models, a few tokens)."""
    LOGS = "logs"
    """A line of the prediction's logs."""
    ERROR = "error"
    """The prediction failed; ``data`` says why. The stream ends after it."""
    DONE = "done"
    """The prediction finished; ``data`` is a JSON object, maybe with a ``reason``."""


# Events whose data is not output: ``str()`` of them is empty so that the
# common ``print(str(event), end="")`` loop prints only the model's output.
_NON_OUTPUT_EVENTS = frozenset(
    {StreamEventType.LOGS.value, StreamEventType.ERROR.value, StreamEventType.DONE.value}
)


@dataclass(frozen=True)
class ServerSentEvent:
    """One dispatched server-sent event.

    ``str(event)`` is the event's data, except for Replicate's ``logs``,
    ``error`` and ``done`` events, where it is ``""``: iterating a prediction
    stream and printing ``str(event)`` then shows only the output.

    Example::

        >>> event = ServerSentEvent(event="output", data="Hello")
        >>> str(event)
        'Hello'
    """

    event: str = "message"
    """The event type; ``"message"`` when the stream did not name one."""
    data: str = ""
    """The data lines of the event, joined with ``"\\n"``."""
    id: Optional[str] = None
    """The last event id seen on the stream when this event was dispatched."""
    retry: Optional[int] = None
    """The reconnection time in milliseconds, if this event set one."""

    EventType: ClassVar[type[StreamEventType]] = StreamEventType

    def __str__(self) -> str:
        if self.event in _NON_OUTPUT_EVENTS:
            return ""
        return self.data

    def json(self) -> Any:
        """Parse :attr:`data` as JSON.

        Raises:
            json.JSONDecodeError: the data is not valid JSON.
        """
        return json.loads(self.data)


class LineSplitter:
    """Turns arbitrary text chunks into complete lines.

    Accepts CR, LF and CRLF endings. A CR at the end of one chunk ends the
    line at once; an LF at the start of the next chunk is then recognised
    as the second half of a CRLF and skipped, so no empty line appears.

    Example::

        >>> splitter = LineSplitter()
        >>> splitter.feed("data: a\\r")
        ['data: a']
        >>> splitter.feed("\\ndata: b\\n\\n")
        ['data: b', '']
    """

    def __init__(self) -> None:
        # Pieces of the current unfinished line. They never hold a line ending,
        # so a long line fed in small chunks is joined once, not once per chunk.
        self._pending: list[str] = []
        self._skip_lf = False

    def feed(self, chunk: str) -> list[str]:
        """Add a chunk; return the lines it completed, without their endings."""
        if not chunk:
            return []
        if self._skip_lf:
            self._skip_lf = False
            if chunk[0] == "\n":
                chunk = chunk[1:]
                if not chunk:
                    return []
        if "\n" not in chunk and "\r" not in chunk:
            self._pending.append(chunk)
            return []
        if self._pending:
            self._pending.append(chunk)
            chunk = "".join(self._pending)
            self._pending = []
        last = chunk[-1]
        if last == "\r":
            # A CR closing the chunk ended its line; an LF opening the next chunk belongs to it.
            self._skip_lf = True
        if _has_other_line_breaks(chunk):
            # The last piece is what follows the last line ending (empty after one).
            lines = _LINE_ENDING.split(chunk)
            rest = lines.pop()
        else:
            # str.splitlines is the fastest split there is, and with no other break
            # characters present it splits exactly at CR, LF and CRLF.
            lines = chunk.splitlines()
            rest = "" if last == "\n" or last == "\r" else lines.pop()
        if rest:
            self._pending.append(rest)
        return lines

    def flush(self) -> list[str]:
        """End of stream: return the unterminated last line, if any."""
        rest = "".join(self._pending)
        self._pending = []
        self._skip_lf = False
        return [rest] if rest else []


class SSEDecoder:
    """Decodes lines into events (the field-level rules).

    Example::

        >>> decoder = SSEDecoder()
        >>> decoder.decode("event: output")
        >>> decoder.decode("data: hi")
        >>> decoder.decode("")
        ServerSentEvent(event='output', data='hi', id=None, retry=None)
    """

    def __init__(self) -> None:
        self._event = ""
        self._data: list[str] = []
        self._retry: Optional[int] = None
        self._reconnection_ms: Optional[int] = None
        self._last_event_id: Optional[str] = None

    @property
    def last_event_id(self) -> Optional[str]:
        """The last ``id`` field seen on the stream, or ``None``."""
        return self._last_event_id

    @property
    def retry(self) -> Optional[int]:
        """The last valid ``retry`` field seen on the stream (milliseconds), or ``None``.

        Kept even when its event carried no data and so was never dispatched.
        """
        return self._reconnection_ms

    def decode(self, line: str) -> Optional[ServerSentEvent]:
        """Process one line (without its ending); return an event on dispatch."""
        events = self.decode_lines((line,))
        return events[0] if events else None

    def decode_lines(self, lines: Iterable[str]) -> list[ServerSentEvent]:
        """Process lines (without their endings); return the events they dispatched."""
        # One loop with the state in locals: streams carry tens of thousands of
        # lines per second, and this is the only Python code run for each of them.
        # The three lines Replicate sends for every event (``event: ``, ``id: ``,
        # ``data: ``, space included) are recognised by prefix; any other line takes
        # the general path, which implements the standard's field rules.
        events: list[ServerSentEvent] = []
        event, data, retry = self._event, self._data, self._retry
        last_id = self._last_event_id
        for line in lines:
            if not line:
                if data:
                    joined = data[0] if len(data) == 1 else "\n".join(data)
                    instance = _object_new(ServerSentEvent)
                    # The frozen dataclass's __init__ sets fields one checked call at a
                    # time; an event per line of output makes that the largest cost. Filling
                    # the new instance's own attribute dict skips those checks.
                    fields = instance.__dict__
                    fields["event"] = event or "message"
                    fields["data"] = joined
                    fields["id"] = last_id
                    fields["retry"] = retry
                    events.append(instance)
                    data = []
                event, retry = "", None
                continue
            if line[:6] == "data: ":
                data.append(line[6:])
                continue
            if line[:7] == "event: ":
                event = line[7:]
                continue
            if line[:4] == "id: " and "\0" not in line:
                last_id = line[4:]
                continue
            name, colon, value = line.partition(":")
            if colon and value[:1] == " ":
                value = value[1:]
            if name == "data":
                data.append(value)
            elif name == "event":
                event = value
            elif name == "id":
                if "\0" not in value:
                    last_id = value
            elif name == "retry" and value.isascii() and value.isdigit():
                retry = self._reconnection_ms = int(value)
        self._event, self._data, self._retry = event, data, retry
        self._last_event_id = last_id
        return events


_object_new = object.__new__


class SSEStreamDecoder:
    """Decodes a whole stream fed in chunks of ``bytes`` or ``str``.

    Bytes are decoded as UTF-8 incrementally (a multi-byte character may be
    split between chunks; invalid bytes become U+FFFD, as the standard says).

    Example::

        >>> decoder = SSEStreamDecoder()
        >>> decoder.feed(b"event: output\\ndata: Hel")
        []
        >>> decoder.feed(b"lo\\n\\n")
        [ServerSentEvent(event='output', data='Hello', id=None, retry=None)]
    """

    def __init__(self) -> None:
        self._utf8 = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._lines = LineSplitter()
        self._decoder = SSEDecoder()
        self._at_start = True

    @property
    def last_event_id(self) -> Optional[str]:
        """The last ``id`` field seen on the stream, or ``None``."""
        return self._decoder.last_event_id

    @property
    def retry(self) -> Optional[int]:
        """The last valid ``retry`` field seen on the stream (milliseconds), or ``None``."""
        return self._decoder.retry

    def feed(self, chunk: Union[bytes, str]) -> list[ServerSentEvent]:
        """Add a chunk; return the events it completed."""
        text = self._utf8.decode(chunk) if isinstance(chunk, bytes) else chunk
        return self._decode_text(text)

    def close(self) -> list[ServerSentEvent]:
        """End of stream. An event without its closing blank line is dropped."""
        text = self._utf8.decode(b"", final=True)
        events = self._decode_text(text)
        self._decoder.decode_lines(self._lines.flush())
        return events

    def _decode_text(self, text: str) -> list[ServerSentEvent]:
        if self._at_start and text:
            self._at_start = False
            if text[0] == _BOM:
                text = text[1:]
        return self._decoder.decode_lines(self._lines.feed(text))


def decode_sse(chunks: Iterable[Union[bytes, str]]) -> Iterator[ServerSentEvent]:
    """Decode an iterable of chunks into events, lazily.

    Example::

        >>> [e.data for e in decode_sse([b"data: a\\n\\nda", b"ta: b\\n\\n"])]
        ['a', 'b']
    """
    decoder = SSEStreamDecoder()
    for chunk in chunks:
        yield from decoder.feed(chunk)
    yield from decoder.close()


def stream_event_type(event: ServerSentEvent) -> Optional[StreamEventType]:
    """The Replicate kind of ``event``, or ``None`` for a kind this SDK does not know.

    Unknown kinds are for the caller to skip, so that a new event type on
    the server does not break existing clients.
    """
    try:
        return StreamEventType(event.event)
    except ValueError:
        return None


def done_reason(event: ServerSentEvent) -> Optional[str]:
    """Why a ``done`` event ended the stream: ``"canceled"``, ``"error"``, ...; ``None`` if
    it finished normally or the data carries no reason.

    Example::

        >>> done_reason(ServerSentEvent(event="done", data='{"reason": "canceled"}'))
        'canceled'
        >>> done_reason(ServerSentEvent(event="done", data="{}")) is None
        True
    """
    try:
        payload = json.loads(event.data) if event.data else None
    except ValueError:
        return None
    if isinstance(payload, dict):
        reason = cast("dict[str, object]", payload).get("reason")
        if isinstance(reason, str) and reason:
            return reason
    return None


@dataclass
class StreamCursor:
    """Where a stream got to, for resuming it after a dropped connection.

    Feed every received event to :meth:`observe`; on reconnect send
    :meth:`resume_headers` and wait :func:`reconnect_delay` first.
    """

    last_event_id: Optional[str] = None
    """The id to send as ``Last-Event-ID`` when reconnecting."""
    retry_ms: Optional[int] = None
    """The latest reconnection time the server asked for, in milliseconds."""
    failures: int = field(default=0)
    """Connection failures since the last event arrived."""

    def observe(self, event: ServerSentEvent) -> None:
        """Record an event: its id and retry, and that the stream made progress."""
        if event.id is not None:
            self.last_event_id = event.id
        if event.retry is not None:
            self.retry_ms = event.retry
        self.failures = 0

    def observe_batch(
        self, events: Sequence[ServerSentEvent], *, retry_ms: Optional[int] = None
    ) -> None:
        """Record events received together, in order: as :meth:`observe` of the last one.

        ``retry_ms`` is the decoder's latest ``retry`` (which an earlier event of the
        batch, or an event never dispatched, may have set); it wins when given.
        """
        if events:
            self.observe(events[-1])
        if retry_ms is not None:
            self.retry_ms = retry_ms

    def record_failure(self) -> int:
        """Count a dropped connection; return the attempt number of the reconnect."""
        self.failures += 1
        return self.failures

    def resume_headers(self) -> dict[str, str]:
        """Headers for the reconnecting request (``Last-Event-ID`` when known)."""
        headers = {"Accept": "text/event-stream", "Cache-Control": "no-store"}
        if self.last_event_id:
            headers["Last-Event-ID"] = self.last_event_id
        return headers


@dataclass(frozen=True)
class ReconnectPolicy:
    """How hard to try to resume a dropped stream."""

    max_attempts: int = 5
    """Reconnects in a row without receiving an event before giving up."""
    default_delay: float = 1.0
    """Seconds to wait when the server sent no ``retry`` field."""
    max_delay: float = 30.0
    """Upper bound of any wait, whatever the server asked for."""


def reconnect_delay(
    attempt: int, *, retry_ms: Optional[int] = None, policy: ReconnectPolicy = ReconnectPolicy()
) -> Optional[float]:
    """Seconds to wait before reconnect number ``attempt`` (1-based); ``None`` to give up.

    The server's ``retry`` (or the policy's default) is the first wait; it
    doubles on each further failure in a row, up to ``policy.max_delay``.

    Example::

        >>> reconnect_delay(1, retry_ms=2000)
        2.0
        >>> reconnect_delay(3, retry_ms=2000)
        8.0
        >>> reconnect_delay(6) is None
        True
    """
    if attempt < 1:
        raise InvalidArgumentError(f"attempt counts from 1; got {attempt}")
    if attempt > policy.max_attempts:
        return None
    base = policy.default_delay if retry_ms is None else retry_ms / 1000
    return float(min(base * 2 ** (attempt - 1), policy.max_delay))
