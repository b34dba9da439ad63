"""The background worker: order, bounded queue, retries of failed jobs, progress at flush."""

from __future__ import annotations

import io
import threading
import warnings

import pytest

from replicate.experiments._uploader import Job, Uploader


def test_jobs_run_in_order() -> None:
    done: list[int] = []
    uploader = Uploader()
    for number in range(10):
        uploader.submit(Job(f"job {number}", lambda n=number: done.append(n)))
    assert uploader.flush(timeout=10)
    assert done == list(range(10))
    uploader.close()


def test_the_queue_is_bounded() -> None:
    release = threading.Event()
    uploader = Uploader(queue_size=2)
    uploader.submit(Job("blocked", lambda: release.wait(10) and None))
    uploader.submit(Job("a", lambda: None))
    uploader.submit(Job("b", lambda: None))  # the queue is now full (the first one runs)
    submitted = threading.Event()

    def submit_one_more() -> None:
        uploader.submit(Job("c", lambda: None))
        submitted.set()

    threading.Thread(target=submit_one_more, daemon=True).start()
    assert not submitted.wait(0.3)  # waits for room: staged data stays bounded
    release.set()
    assert submitted.wait(10)
    assert uploader.flush(timeout=10)
    uploader.close()


def test_a_failed_job_is_kept_and_retried_first_keeping_order() -> None:
    done: list[str] = []
    failures = iter([True, False])

    def flaky() -> None:
        if next(failures):
            raise OSError("network down")
        done.append("flaky")

    uploader = Uploader()
    with pytest.warns(RuntimeWarning, match="network down.*retried"):
        uploader.submit(Job("flaky", flaky))
        uploader.submit(Job("after", lambda: done.append("after")))
        uploader.flush(timeout=10, retries=0)
    assert done == [] and len(uploader.failed) == 2  # "after" waits for "flaky"
    uploader.submit(Job("next", lambda: done.append("next")))  # the next checkpoint
    assert uploader.flush(timeout=10)
    assert done == ["flaky", "after", "next"]
    uploader.close()


def test_flush_gives_up_after_its_retries_and_discards_on_request() -> None:
    discarded: list[str] = []

    def broken() -> None:
        raise OSError("disk full")

    uploader = Uploader()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        uploader.submit(Job("broken", broken, discard=lambda: discarded.append("broken")))
        assert uploader.flush(timeout=10, retries=2) is False
    assert sum("disk full" in str(w.message) for w in caught) == 3  # tried 1 + 2 times
    assert [job.description for job in uploader.discard_failed()] == ["broken"]
    assert discarded == ["broken"]
    uploader.close()


def test_flush_reports_progress_while_it_waits() -> None:
    release = threading.Event()
    stream = io.StringIO()
    uploader = Uploader(progress_stream=stream, progress_interval=0.05)
    uploader.submit(Job("slow", lambda: release.wait(10) and None, size=5_000_000))
    uploader.submit(Job("queued", lambda: None, size=2_000_000))
    threading.Timer(0.3, release.set).start()
    assert uploader.flush(timeout=10)
    assert "finishing uploads: 2 left (2.0 MB queued)" in stream.getvalue()
    uploader.close()


def test_flush_with_a_timeout_returns_while_a_job_is_stuck() -> None:
    release = threading.Event()
    uploader = Uploader(progress_stream=io.StringIO())
    uploader.submit(Job("stuck", lambda: release.wait(10) and None))
    assert uploader.flush(timeout=0.1) is False
    release.set()
    assert uploader.flush(timeout=10)
    uploader.close()
