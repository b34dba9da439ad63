"""Tests of the pure server-sent-events decoder and the stream event model."""

from __future__ import annotations

import doctest
from typing import Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from replicate._core.sse import (
    LineSplitter,
    ReconnectPolicy,
    ServerSentEvent,
    SSEDecoder,
    SSEStreamDecoder,
    StreamCursor,
    StreamEventType,
    decode_sse,
    done_reason,
    reconnect_delay,
    stream_event_type,
)


def decode_all(text: str) -> list[ServerSentEvent]:
    return list(decode_sse([text]))


# --- line splitting ---------------------------------------------------------


@pytest.mark.parametrize(
    ("chunks", "lines"),
    [
        (["a\nb\n"], ["a", "b"]),
        (["a\rb\r"], ["a", "b"]),
        (["a\r\nb\r\n"], ["a", "b"]),
        (["a\r", "\nb\n"], ["a", "b"]),
        (["a\r", "", "\nb\n"], ["a", "b"]),
        (["a\r", "\r\n"], ["a", ""]),
        (["a\n\n"], ["a", ""]),
        (["a\r\r"], ["a", ""]),
        (["a\n\r\n"], ["a", ""]),
        (["ab", "c", "\n"], ["abc"]),
        (["", "x\n"], ["x"]),
    ],
)
def test_line_splitter_handles_every_line_ending(chunks: list[str], lines: list[str]) -> None:
    splitter = LineSplitter()
    got: list[str] = []
    for chunk in chunks:
        got.extend(splitter.feed(chunk))
    assert got == lines


def test_line_splitter_emits_cr_terminated_line_without_waiting_for_next_chunk() -> None:
    splitter = LineSplitter()
    assert splitter.feed("data: a\r") == ["data: a"]
    assert splitter.feed("\n") == []


def test_line_splitter_joins_a_long_line_fed_one_character_at_a_time() -> None:
    splitter = LineSplitter()
    text = "data: " + "x" * 50_000 + "\r\n"
    lines = [line for char in text for line in splitter.feed(char)]
    assert lines == ["data: " + "x" * 50_000]


def test_line_splitter_flush_returns_unterminated_line() -> None:
    splitter = LineSplitter()
    assert splitter.feed("partial") == []
    assert splitter.flush() == ["partial"]
    assert splitter.flush() == []


# --- field rules ------------------------------------------------------------


def test_default_event_type_is_message() -> None:
    assert decode_all("data: hi\n\n") == [ServerSentEvent(event="message", data="hi")]


def test_multiline_data_joined_with_newline() -> None:
    assert decode_all("data: a\ndata: b\ndata:\n\n")[0].data == "a\nb\n"


def test_only_one_leading_space_is_removed() -> None:
    assert decode_all("data:  two spaces\n\n")[0].data == " two spaces"
    assert decode_all("data:nospace\n\n")[0].data == "nospace"


def test_field_without_colon_has_empty_value() -> None:
    assert decode_all("data\n\n") == [ServerSentEvent(data="")]


def test_comments_are_ignored() -> None:
    assert decode_all(": keep-alive\ndata: x\n: another\n\n") == [ServerSentEvent(data="x")]


def test_events_without_data_are_not_dispatched() -> None:
    assert decode_all("event: output\n\n") == []
    assert decode_all(": only a comment\n\n") == []


def test_event_type_does_not_leak_into_next_event() -> None:
    events = decode_all("event: logs\n\nevent: output\ndata: a\n\ndata: b\n\n")
    assert [(e.event, e.data) for e in events] == [("output", "a"), ("message", "b")]


def test_unknown_fields_are_ignored() -> None:
    assert decode_all("foo: bar\ndata: x\n\n") == [ServerSentEvent(data="x")]


def test_id_persists_across_events_and_can_be_reset() -> None:
    events = decode_all("id: 1\ndata: a\n\ndata: b\n\nid\ndata: c\n\n")
    assert [e.id for e in events] == ["1", "1", ""]


def test_id_with_nul_is_ignored() -> None:
    events = decode_all("id: 7\ndata: a\n\nid: bad\0id\ndata: b\n\n")
    assert [e.id for e in events] == ["7", "7"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("3000", 3000), ("0", 0), ("12a", None), ("-5", None), ("", None), ("\u0663", None)],
)
def test_retry_only_accepts_ascii_digits(value: str, expected: Optional[int]) -> None:
    event = decode_all(f"retry: {value}\ndata: x\n\n")[0]
    assert event.retry == expected


def test_retry_is_remembered_even_without_dispatch() -> None:
    decoder = SSEStreamDecoder()
    assert decoder.feed("retry: 1500\n\n") == []
    assert decoder.retry == 1500
    event = decoder.feed("data: x\n\n")[0]
    assert event.retry is None
    assert decoder.retry == 1500


def test_bom_at_stream_start_is_dropped_once() -> None:
    assert decode_all("\ufeffdata: a\n\n") == [ServerSentEvent(data="a")]
    # A second BOM is part of the first field name, which is then unknown.
    assert decode_all("\ufeff\ufeffdata: a\n\n") == []


def test_bom_split_across_byte_chunks() -> None:
    bom = "\ufeff".encode()
    events = list(decode_sse([bom[:1], bom[1:], b"data: a\n\n"]))
    assert events == [ServerSentEvent(data="a")]


def test_multibyte_character_split_between_chunks() -> None:
    raw = "data: caf\u00e9 \U0001f600\n\n".encode()
    chunks = [raw[i : i + 1] for i in range(len(raw))]
    assert list(decode_sse(chunks)) == [ServerSentEvent(data="caf\u00e9 \U0001f600")]


def test_invalid_utf8_becomes_replacement_character() -> None:
    assert list(decode_sse([b"data: \xff\n\n"])) == [ServerSentEvent(data="\ufffd")]


def test_incomplete_event_at_end_of_stream_is_dropped() -> None:
    assert decode_all("data: a\n\ndata: b") == [ServerSentEvent(data="a")]
    assert decode_all("data: a\n\ndata: b\n") == [ServerSentEvent(data="a")]


def test_line_decoder_returns_event_on_blank_line() -> None:
    decoder = SSEDecoder()
    assert decoder.decode("event: output") is None
    assert decoder.decode("id: abc") is None
    assert decoder.decode("data: hi") is None
    assert decoder.decode("") == ServerSentEvent(event="output", data="hi", id="abc")
    assert decoder.last_event_id == "abc"


# --- the event value --------------------------------------------------------


def test_str_of_output_and_message_events_is_data() -> None:
    assert str(ServerSentEvent(event="output", data="tok")) == "tok"
    assert str(ServerSentEvent(data="plain")) == "plain"


@pytest.mark.parametrize("kind", ["logs", "error", "done"])
def test_str_of_non_output_replicate_events_is_empty(kind: str) -> None:
    assert str(ServerSentEvent(event=kind, data="something")) == ""


def test_json_helper_parses_data() -> None:
    assert ServerSentEvent(event="done", data='{"reason": "canceled"}').json() == {
        "reason": "canceled"
    }
    with pytest.raises(ValueError):
        ServerSentEvent(data="not json").json()


def test_event_type_enum_compares_equal_to_strings() -> None:
    event = ServerSentEvent(event="output", data="x")
    assert event.event == ServerSentEvent.EventType.OUTPUT
    assert stream_event_type(event) is StreamEventType.OUTPUT
    assert stream_event_type(ServerSentEvent(event="logs")) is StreamEventType.LOGS
    assert stream_event_type(ServerSentEvent(event="future-kind")) is None


def test_realistic_replicate_stream() -> None:
    raw = (
        b"event: output\nid: 1690212292:0\ndata: Once\n\n"
        b"event: logs\nid: 1690212292:1\ndata: step 1\n\n"
        b"event: output\nid: 1690212292:2\ndata:  upon\n\n"
        b"event: done\nid: 1690212293:0\ndata: {}\n\n"
    )
    events = list(decode_sse([raw[:17], raw[17:50], raw[50:]]))
    assert [stream_event_type(e) for e in events] == [
        StreamEventType.OUTPUT,
        StreamEventType.LOGS,
        StreamEventType.OUTPUT,
        StreamEventType.DONE,
    ]
    assert "".join(str(e) for e in events) == "Once upon"
    assert events[-1].id == "1690212293:0"


# --- property: chunking never changes the result -----------------------------

_field_text = st.text(
    alphabet=st.characters(blacklist_characters="\r\n\0", blacklist_categories=("Cs",)),
    max_size=12,
)
_event = st.tuples(
    st.sampled_from(["", "output", "logs", "done", "error", "custom"]),
    st.lists(_field_text, min_size=1, max_size=3),
    st.one_of(st.none(), st.text(alphabet="abc:0123456789", max_size=6)),
    st.one_of(st.none(), st.integers(min_value=0, max_value=10**6)),
)
_ending = st.sampled_from(["\n", "\r", "\r\n"])


@st.composite
def _streams(draw: st.DrawFn) -> tuple[str, list[ServerSentEvent]]:
    events = draw(st.lists(_event, max_size=6))
    # One ending per stream: a CR ending followed by an LF blank line would be a CRLF.
    ending = draw(_ending)
    parts: list[str] = []
    expected: list[ServerSentEvent] = []
    last_id: Optional[str] = None
    if draw(st.booleans()):
        parts.append("\ufeff")
    for kind, data_lines, event_id, retry in events:
        if draw(st.booleans()):
            parts.append(": comment" + ending)
        if kind:
            parts.append(f"event: {kind}" + ending)
        for line in data_lines:
            parts.append(f"data: {line}" + ending)
        if event_id is not None:
            parts.append(f"id: {event_id}" + ending)
            last_id = event_id
        if retry is not None:
            parts.append(f"retry: {retry}" + ending)
        parts.append(ending)
        expected.append(
            ServerSentEvent(
                event=kind or "message", data="\n".join(data_lines), id=last_id, retry=retry
            )
        )
    return "".join(parts), expected


def _split(data: str, cuts: list[int]) -> list[str]:
    points = sorted({min(c, len(data)) for c in cuts})
    pieces: list[str] = []
    start = 0
    for point in points:
        pieces.append(data[start:point])
        start = point
    pieces.append(data[start:])
    return pieces


@settings(deadline=None)
@given(_streams(), st.lists(st.integers(min_value=0, max_value=400), max_size=20))
def test_any_text_chunking_decodes_to_the_same_events(
    stream: tuple[str, list[ServerSentEvent]], cuts: list[int]
) -> None:
    text, expected = stream
    assert list(decode_sse(_split(text, cuts))) == expected


@settings(deadline=None)
@given(_streams(), st.lists(st.integers(min_value=0, max_value=800), max_size=20))
def test_any_byte_chunking_decodes_to_the_same_events(
    stream: tuple[str, list[ServerSentEvent]], cuts: list[int]
) -> None:
    text, expected = stream
    raw = text.encode()
    points = sorted({min(c, len(raw)) for c in cuts})
    chunks = [raw[a:b] for a, b in zip([0, *points], [*points, len(raw)])]
    assert list(decode_sse(chunks)) == expected


@settings(deadline=None)
@given(st.text(max_size=200), st.lists(st.integers(min_value=0, max_value=200), max_size=10))
def test_arbitrary_input_never_crashes_and_chunking_is_irrelevant(
    text: str, cuts: list[int]
) -> None:
    assert list(decode_sse(_split(text, cuts))) == list(decode_sse([text]))


# --- reconnection -----------------------------------------------------------


def test_cursor_tracks_last_event_id_and_retry() -> None:
    cursor = StreamCursor()
    assert "Last-Event-ID" not in cursor.resume_headers()
    cursor.observe(ServerSentEvent(event="output", data="a", id="5", retry=2500))
    cursor.observe(ServerSentEvent(event="output", data="b", id="6"))
    assert cursor.last_event_id == "6"
    assert cursor.retry_ms == 2500
    headers = cursor.resume_headers()
    assert headers["Last-Event-ID"] == "6"
    assert headers["Accept"] == "text/event-stream"


def test_cursor_counts_failures_and_resets_on_progress() -> None:
    cursor = StreamCursor()
    assert cursor.record_failure() == 1
    assert cursor.record_failure() == 2
    cursor.observe(ServerSentEvent(data="x"))
    assert cursor.failures == 0
    assert cursor.record_failure() == 1


def test_empty_last_event_id_is_not_sent() -> None:
    cursor = StreamCursor()
    cursor.observe(ServerSentEvent(data="x", id=""))
    assert "Last-Event-ID" not in cursor.resume_headers()


@pytest.mark.parametrize(
    ("attempt", "retry_ms", "expected"),
    [
        (1, None, 1.0),
        (2, None, 2.0),
        (1, 250, 0.25),
        (3, 250, 1.0),
        (5, 20_000, 30.0),
        (6, None, None),
    ],
)
def test_reconnect_delay(attempt: int, retry_ms: Optional[int], expected: Optional[float]) -> None:
    assert reconnect_delay(attempt, retry_ms=retry_ms) == expected


def test_reconnect_delay_honours_policy() -> None:
    policy = ReconnectPolicy(max_attempts=2, default_delay=0.5, max_delay=0.75)
    assert reconnect_delay(1, policy=policy) == 0.5
    assert reconnect_delay(2, policy=policy) == 0.75
    assert reconnect_delay(3, policy=policy) is None


def test_reconnect_delay_rejects_attempt_zero() -> None:
    with pytest.raises(ValueError, match="attempt counts from 1"):
        reconnect_delay(0)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ("{}", None),
        ("", None),
        ('{"reason": "canceled"}', "canceled"),
        ('{"reason": "error"}', "error"),
        ('{"reason": ""}', None),
        ('{"reason": 3}', None),
        ("[1, 2]", None),
        ("not json", None),
    ],
)
def test_done_reason(data: str, reason: Optional[str]) -> None:
    assert done_reason(ServerSentEvent(event="done", data=data)) == reason


def test_docstring_examples_hold() -> None:
    from replicate._core import sse

    result = doctest.testmod(sse)
    assert result.attempted > 0
    assert result.failed == 0


def test_cursor_observe_batch_takes_the_last_id_and_the_latest_retry() -> None:
    cursor = StreamCursor(failures=2)
    events = decode_all("id: 1\nretry: 700\ndata: a\n\nid: 2\ndata: b\n\n")
    cursor.observe_batch(events, retry_ms=700)
    assert (cursor.last_event_id, cursor.retry_ms, cursor.failures) == ("2", 700, 0)


def test_cursor_observe_batch_of_nothing_keeps_failures_but_takes_retry() -> None:
    cursor = StreamCursor(last_event_id="5", failures=1)
    cursor.observe_batch([], retry_ms=250)
    assert (cursor.last_event_id, cursor.retry_ms, cursor.failures) == ("5", 250, 1)


def test_decoder_matches_line_by_line_rules_for_mixed_fields_in_one_chunk() -> None:
    text = "event: output\nid: 9\ndata: a\ndata:b\nretry: 10\n\n: c\nevent: logs\n\ndata: z\n\n"
    events = decode_all(text)
    assert events == [
        ServerSentEvent(event="output", data="a\nb", id="9", retry=10),
        ServerSentEvent(event="message", data="z", id="9"),
    ]


@pytest.mark.parametrize(
    "char", ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
)
def test_only_cr_and_lf_end_lines_not_other_unicode_breaks(char: str) -> None:
    events = list(decode_sse([f"data: a{char}b\n", f"data: {char}\n\n".encode()]))
    assert events == [ServerSentEvent(data=f"a{char}b\n{char}")]
