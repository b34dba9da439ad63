"""Running or stopped: exit records first, then heartbeat age by the store's clock."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from replicate.experiments._status import Heartbeat, experiment_status, is_fresh

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)


def beat(age: float | None, interval: float = 10.0, **extra: object) -> Heartbeat:
    return Heartbeat("e" * 64, NOW - timedelta(seconds=age or 0), age, interval, **extra)  # type: ignore[arg-type]


def test_exit_record_wins_over_a_fresh_heartbeat() -> None:
    status = experiment_status(NOW, "failed", beat(1.0), now=NOW)
    assert (status.status, status.exit) == ("stopped", "failed")
    assert experiment_status(NOW, None, None, now=NOW).exit == "finished"


def test_fresh_heartbeat_is_running_stale_is_lost() -> None:
    assert experiment_status(None, None, beat(29.0), now=NOW).status == "running"
    stale = experiment_status(None, None, beat(31.0), now=NOW)
    assert (stale.status, stale.exit) == ("stopped", "lost")
    assert experiment_status(None, None, None, now=NOW).exit == "lost"


def test_long_intervals_allow_three_missed_beats() -> None:
    assert is_fresh(beat(80.0, interval=30.0), NOW)
    assert not is_fresh(beat(91.0, interval=30.0), NOW)


def test_store_age_is_used_not_the_readers_clock() -> None:
    # The file says it was written an hour ago (writer's clock wrong), the store says 2 s.
    skewed = Heartbeat("e" * 64, NOW - timedelta(hours=1), age=2.0)
    assert is_fresh(skewed, NOW)
    # Without a store age, the timestamp in the file is the fallback.
    assert not is_fresh(Heartbeat("e" * 64, NOW - timedelta(hours=1), age=None), NOW)
    assert is_fresh(Heartbeat("e" * 64, NOW - timedelta(seconds=5), age=None), NOW)


def test_a_dead_process_on_this_host_is_lost_at_once() -> None:
    assert not is_fresh(beat(1.0, process_gone=True), NOW)


def test_keepsake_data_has_no_exit_reason() -> None:
    status = experiment_status(None, None, None, legacy=True, now=NOW)
    assert (status.status, status.exit) == ("stopped", None)


def test_heartbeat_json_roundtrip() -> None:
    original = Heartbeat("a" * 64, NOW, None, 5.0, "host", 42, 1.5)
    assert Heartbeat.from_json(original.to_json()) == original
