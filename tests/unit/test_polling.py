"""Tests of poll delays, REPLICATE_POLL_INTERVAL, deadlines and the Prefer: wait header."""

from __future__ import annotations

import doctest
import math
from itertools import islice
from typing import Optional, Union

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from replicate._core.polling import (
    Deadline,
    PollPolicy,
    poll_delays,
    poll_interval_from_env,
    prefer_wait_header,
)


def test_default_delays_start_small_grow_and_cap() -> None:
    delays = list(islice(poll_delays(), 12))
    assert delays[0] == 0.25
    assert all(b >= a for a, b in zip(delays, delays[1:]))
    assert delays[1] > delays[0]
    assert max(delays) == 2.0
    assert delays[-1] == 2.0


def test_custom_policy() -> None:
    policy = PollPolicy(initial=1.0, factor=2.0, maximum=5.0)
    assert list(islice(poll_delays(policy), 5)) == [1.0, 2.0, 4.0, 5.0, 5.0]


def test_fixed_interval_has_no_backoff() -> None:
    assert list(islice(poll_delays(PollPolicy(fixed=3.0)), 4)) == [3.0, 3.0, 3.0, 3.0]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"initial": 0.0},
        {"initial": 3.0, "maximum": 2.0},
        {"factor": 0.5},
        {"fixed": 0.0},
        {"fixed": -1.0},
    ],
)
def test_invalid_policy(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        PollPolicy(**kwargs)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, None),
        ({"REPLICATE_POLL_INTERVAL": ""}, None),
        ({"REPLICATE_POLL_INTERVAL": "  "}, None),
        ({"REPLICATE_POLL_INTERVAL": "0.5"}, 0.5),
        ({"REPLICATE_POLL_INTERVAL": " 2 "}, 2.0),
    ],
)
def test_poll_interval_from_env(environ: dict[str, str], expected: Optional[float]) -> None:
    assert poll_interval_from_env(environ) == expected


@pytest.mark.parametrize("raw", ["abc", "0", "-1", "nan", "inf", "1s"])
def test_bad_poll_interval_says_what_to_fix(raw: str) -> None:
    with pytest.raises(ValueError, match=r"REPLICATE_POLL_INTERVAL must be a positive number"):
        poll_interval_from_env({"REPLICATE_POLL_INTERVAL": raw})


def test_policy_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    assert PollPolicy.from_env({"REPLICATE_POLL_INTERVAL": "1.5"}).fixed == 1.5
    monkeypatch.setenv("REPLICATE_POLL_INTERVAL", "0.75")
    assert list(islice(poll_delays(PollPolicy.from_env()), 2)) == [0.75, 0.75]
    monkeypatch.delenv("REPLICATE_POLL_INTERVAL")
    assert PollPolicy.from_env() == PollPolicy()


# --- deadlines ------------------------------------------------------------------


def test_deadline_arithmetic() -> None:
    deadline = Deadline.after(10.0, now=100.0)
    assert deadline.at == 110.0
    assert deadline.remaining(now=104.0) == 6.0
    assert deadline.remaining(now=200.0) == 0.0
    assert not deadline.expired(now=109.9)
    assert deadline.expired(now=110.0)
    assert deadline.clamp(2.0, now=109.5) == 0.5
    assert deadline.clamp(2.0, now=100.0) == 2.0
    assert deadline.clamp(2.0, now=120.0) == 0.0


def test_no_deadline() -> None:
    deadline = Deadline.after(None, now=5.0)
    assert deadline.remaining(now=1e9) is None
    assert not deadline.expired(now=1e9)
    assert deadline.clamp(7.0, now=1e9) == 7.0


@pytest.mark.parametrize("timeout", [0, -1.0, math.nan])
def test_invalid_timeout(timeout: float) -> None:
    with pytest.raises(ValueError, match="timeout must be a positive number of seconds or None"):
        Deadline.after(timeout, now=0.0)


@settings(deadline=None)
@given(
    timeout=st.floats(min_value=0.001, max_value=1e6),
    start=st.floats(min_value=0, max_value=1e6),
    delays=st.lists(st.floats(min_value=0, max_value=100), max_size=50),
)
def test_clamped_waits_never_overshoot_the_deadline(
    timeout: float, start: float, delays: list[float]
) -> None:
    deadline = Deadline.after(timeout, now=start)
    now = start
    for delay in delays:
        now += deadline.clamp(delay, now=now)
    assert deadline.at is not None
    assert now <= deadline.at + 1e-6


# --- Prefer: wait -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("wait", "remaining", "expected"),
    [
        (True, None, "wait"),
        (False, None, None),
        (False, 3.0, None),
        (30, None, "wait=30"),
        (1, None, "wait=1"),
        (60, None, "wait=60"),
        (2.5, None, "wait=3"),
        (True, 4.2, "wait=5"),
        (True, 120.0, "wait=60"),
        (30, 10.0, "wait=10"),
        (30, 0.0, "wait=1"),
    ],
)
def test_prefer_wait_header(
    wait: Union[bool, float], remaining: Optional[float], expected: Optional[str]
) -> None:
    assert prefer_wait_header(wait, remaining=remaining) == expected


@pytest.mark.parametrize("wait", [0, 61, -5, 0.5])
def test_prefer_wait_out_of_range(wait: float) -> None:
    with pytest.raises(ValueError, match="from 1 to 60"):
        prefer_wait_header(wait)


def test_docstring_examples_hold() -> None:
    from replicate._core import polling

    result = doctest.testmod(polling)
    assert result.attempted > 0
    assert result.failed == 0
