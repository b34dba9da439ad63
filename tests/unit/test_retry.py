"""Retry decisions, Retry-After parsing and backoff bounds (replicate._core.retry)."""

from __future__ import annotations

import email.utils

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from replicate._core.retry import (
    Backoff,
    FailureKind,
    classify_failure,
    is_replay_safe,
    parse_retry_after,
    retry_delay,
    should_retry_failure,
    should_retry_status,
)


@pytest.mark.parametrize(
    ("method", "creates", "idempotency_key", "expected"),
    [
        ("GET", False, False, True),
        ("head", False, False, True),
        ("OPTIONS", False, False, True),
        ("DELETE", False, False, True),
        ("PUT", False, False, True),
        ("PATCH", False, False, True),
        ("QUERY", False, False, True),
        ("POST", False, False, False),  # any POST may create something
        ("POST", True, False, False),
        ("POST", True, True, True),  # an idempotency key makes a resend harmless
        ("POST", False, True, True),
        ("BREW", False, False, False),  # unknown methods are not assumed safe
    ],
)
def test_replay_safety(method: str, creates: bool, idempotency_key: bool, expected: bool) -> None:
    assert is_replay_safe(method, creates=creates, idempotency_key=idempotency_key) is expected


_REQUEST = httpx.Request("GET", "https://api.replicate.com/v1/predictions")


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (httpx.ConnectError("refused", request=_REQUEST), "connect"),
        (httpx.ConnectTimeout("slow connect", request=_REQUEST), "connect"),
        (httpx.PoolTimeout("pool full", request=_REQUEST), "connect"),
        (httpx.ReadTimeout("slow", request=_REQUEST), "timeout"),
        (httpx.WriteTimeout("slow", request=_REQUEST), "timeout"),
        (httpx.ReadError("reset", request=_REQUEST), "disconnect"),
        (httpx.RemoteProtocolError("cut", request=_REQUEST), "disconnect"),
        (httpx.UnsupportedProtocol("ftp", request=_REQUEST), "fatal"),
    ],
)
def test_classify_failure(error: Exception, kind: FailureKind) -> None:
    assert classify_failure(error) == kind


@pytest.mark.parametrize(
    ("kind", "replay_safe", "expected"),
    [
        ("connect", True, True),
        ("connect", False, True),  # never sent: safe to send even a create
        ("timeout", True, True),
        ("timeout", False, False),  # a create may be running already
        ("disconnect", True, True),
        ("disconnect", False, False),
        ("fatal", True, False),
        ("fatal", False, False),
    ],
)
def test_should_retry_failure(kind: FailureKind, replay_safe: bool, expected: bool) -> None:
    assert should_retry_failure(kind, replay_safe=replay_safe) is expected


@pytest.mark.parametrize(
    ("status", "headers", "replay_safe", "expected"),
    [
        (408, {}, True, True),
        (429, {}, True, True),
        (500, {}, True, True),
        (502, {}, True, True),
        (503, {}, True, True),
        (504, {}, True, True),
        (501, {}, True, False),
        (400, {}, True, False),
        (404, {}, True, False),
        (409, {}, True, False),
        (422, {}, True, False),
        # Not replay-safe: only when the server says nothing was processed.
        (429, {}, False, True),
        (503, {"Retry-After": "2"}, False, True),
        (503, {"retry-after-ms": "200"}, False, True),
        (503, {}, False, False),
        (500, {}, False, False),
        (500, {"Retry-After": "2"}, False, False),
        (502, {}, False, False),
        (504, {}, False, False),
        (408, {}, False, False),
    ],
)
def test_should_retry_status(
    status: int, headers: dict[str, str], replay_safe: bool, expected: bool
) -> None:
    assert should_retry_status(status, headers, replay_safe=replay_safe) is expected


NOW = 1_700_000_000.0


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({}, None),
        ({"Retry-After": "3"}, 3.0),
        ({"retry-after": "1.5"}, 1.5),
        ({"Retry-After": "-4"}, 0.0),
        ({"Retry-After": "soon"}, None),
        ({"Retry-After": "nan"}, None),
        ({"retry-after-ms": "250"}, 0.25),
        ({"retry-after-ms": "250", "Retry-After": "9"}, 0.25),  # the precise one wins
        ({"Retry-After": email.utils.formatdate(NOW + 30, usegmt=True)}, 30.0),
        ({"Retry-After": email.utils.formatdate(NOW - 30, usegmt=True)}, 0.0),
    ],
)
def test_parse_retry_after(headers: dict[str, str], expected: float | None) -> None:
    assert parse_retry_after(headers, now=NOW) == expected


def test_parse_retry_after_reads_httpx_headers() -> None:
    assert parse_retry_after(httpx.Headers({"RETRY-AFTER": "7"}), now=NOW) == 7.0


@pytest.mark.parametrize("attempt", range(8))
def test_backoff_is_exponential_and_jittered_within_bounds(attempt: int) -> None:
    backoff = Backoff(initial=0.5, maximum=8.0, jitter=0.25)
    base = min(0.5 * 2**attempt, 8.0)
    longest = retry_delay(attempt, retry_after=None, backoff=backoff, random=lambda: 0.0)
    shortest = retry_delay(attempt, retry_after=None, backoff=backoff, random=lambda: 0.999999)
    assert longest == base
    assert base * 0.75 <= shortest < base


def test_backoff_survives_huge_attempt_numbers() -> None:
    assert (
        retry_delay(10_000, retry_after=None, backoff=Backoff(), random=lambda: 0.0)
        == Backoff().maximum
    )


def test_retry_after_replaces_backoff_up_to_the_cap() -> None:
    backoff = Backoff(retry_after_cap=60.0)
    assert retry_delay(0, retry_after=1.0, backoff=backoff, random=lambda: 0.5) == 1.0
    assert retry_delay(3, retry_after=0.0, backoff=backoff, random=lambda: 0.5) == 0.0
    assert retry_delay(0, retry_after=3600.0, backoff=backoff, random=lambda: 0.5) == 60.0


@given(st.text(max_size=40), st.text(max_size=40))
def test_parse_retry_after_never_raises_and_never_goes_negative(
    seconds: str, milliseconds: str
) -> None:
    for headers in ({"Retry-After": seconds}, {"retry-after-ms": milliseconds}):
        delay = parse_retry_after(headers, now=NOW)
        assert delay is None or delay >= 0
