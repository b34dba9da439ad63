"""The background worker that uploads snapshots and publishes metadata, off the training loop.

One thread runs jobs in submission order (so metadata changes keep their order). The queue
is bounded: when it is full, ``submit`` waits, so staged data on disk stays bounded too. A
job that fails is kept, with its staged files, and run again before the next job and at
the final flush; the failure is reported as a warning, never raised.
"""

from __future__ import annotations

import sys
import threading
import time
import warnings
from collections import deque
from dataclasses import dataclass, field
from typing import Callable, Optional, TextIO

__all__ = ["Job", "Uploader"]

DEFAULT_QUEUE_SIZE = 2
PROGRESS_INTERVAL = 2.0


@dataclass
class Job:
    """Work for the worker. ``run`` must be safe to run again after a failure.

    ``size`` is the bytes it uploads (for progress); ``discard`` frees its staged files
    when the job is given up.
    """

    description: str
    run: Callable[[], None]
    size: int = 0
    discard: Callable[[], None] = field(default=lambda: None)
    attempts: int = 0


class Uploader:
    """A worker thread with a bounded queue of :class:`Job`."""

    def __init__(
        self,
        *,
        queue_size: int = DEFAULT_QUEUE_SIZE,
        progress_stream: Optional[TextIO] = None,
        progress_interval: float = PROGRESS_INTERVAL,
    ) -> None:
        self._queue: deque[Job] = deque()
        self._failed: list[Job] = []
        self._queue_size = queue_size
        self._condition = threading.Condition()
        self._busy = False
        self._closed = False
        self._progress_stream = progress_stream
        self._progress_interval = progress_interval
        self._thread = threading.Thread(target=self._work, name="replicate-uploader", daemon=True)
        self._thread.start()

    @property
    def failed(self) -> list[Job]:
        """Jobs that failed and wait for another try."""
        with self._condition:
            return list(self._failed)

    def pending_bytes(self) -> int:
        with self._condition:
            return sum(job.size for job in (*self._queue, *self._failed))

    def submit(self, job: Job) -> None:
        """Queue ``job`` after any failed jobs (retried first); waits while the queue is full."""
        with self._condition:
            while len(self._queue) >= self._queue_size and not self._closed:
                self._condition.wait()
            self._queue.extend(self._failed)
            self._failed.clear()
            self._queue.append(job)
            self._condition.notify_all()

    def _work(self) -> None:
        while True:
            with self._condition:
                while not self._queue and not self._closed:
                    self._condition.wait()
                if not self._queue:
                    return
                job = self._queue.popleft()
                self._busy = True
                self._condition.notify_all()
            failed = False
            try:
                job.attempts += 1
                job.run()
            except Exception as error:
                failed = True
                warnings.warn(
                    f"replicate: could not save {job.description} (try {job.attempts}): "
                    f"{error}; it will be retried",
                    RuntimeWarning,
                    stacklevel=1,
                )
            with self._condition:
                if failed:
                    # Later jobs may depend on this one (a checkpoint on its experiment):
                    # keep the order by holding them all for the retry.
                    self._failed.append(job)
                    self._failed.extend(self._queue)
                    self._queue.clear()
                self._busy = False
                self._condition.notify_all()

    def idle(self) -> bool:
        with self._condition:
            return not self._queue and not self._busy

    def flush(self, timeout: Optional[float] = None, *, retries: int = 1) -> bool:
        """Wait until every job ran; failed ones get ``retries`` more tries.

        Prints progress to stderr (or the stream given) while it waits more than a moment.
        Returns True when nothing is left to upload.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        for attempt in range(retries + 1):
            if attempt:
                with self._condition:
                    if not self._failed:
                        break
                    self._queue.extend(self._failed)
                    self._failed.clear()
                    self._condition.notify_all()
            if not self._wait_idle(deadline):
                return False
        return not self._failed

    def _wait_idle(self, deadline: Optional[float]) -> bool:
        started = time.monotonic()
        next_report = started + self._progress_interval
        with self._condition:
            while self._queue or self._busy:
                now = time.monotonic()
                if deadline is not None and now >= deadline:
                    return False
                if now >= next_report:
                    self._report(now - started)
                    next_report = now + self._progress_interval
                wait = next_report - now
                if deadline is not None:
                    wait = min(wait, deadline - now)
                self._condition.wait(max(wait, 0.01))
        return True

    def _report(self, elapsed: float) -> None:
        count = len(self._queue) + (1 if self._busy else 0)
        size = sum(job.size for job in self._queue)
        stream = self._progress_stream or sys.stderr
        print(
            f"replicate: finishing uploads: {count} left ({size / 1e6:.1f} MB queued), "
            f"{elapsed:.0f} s so far",
            file=stream,
            flush=True,
        )

    def close(self) -> None:
        """Stop the worker once the queue is empty (failed jobs are not run again)."""
        with self._condition:
            self._closed = True
            self._condition.notify_all()
        self._thread.join(timeout=5)

    def discard_failed(self) -> list[Job]:
        """Give up failed jobs (freeing their staged files); returns them."""
        with self._condition:
            jobs, self._failed = self._failed, []
        for job in jobs:
            job.discard()
        return jobs
