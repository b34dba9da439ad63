"""The thread that rewrites an experiment's heartbeat while the training process lives."""

from __future__ import annotations

import os
import socket
import threading
import time
import warnings
from typing import TYPE_CHECKING, Optional

from ._status import DEFAULT_INTERVAL, Heartbeat
from ._timefmt import utc_now

if TYPE_CHECKING:
    from ._repo import Repository

__all__ = ["HeartbeatThread", "heartbeat_interval"]


def heartbeat_interval() -> float:
    """Seconds between heartbeats: ``REPLICATE_HEARTBEAT_INTERVAL``, default 10."""
    try:
        return max(float(os.environ.get("REPLICATE_HEARTBEAT_INTERVAL", DEFAULT_INTERVAL)), 0.05)
    except ValueError:
        return DEFAULT_INTERVAL


class HeartbeatThread:
    """Writes ``metadata/heartbeats/<id>.json`` every ``interval`` seconds (a daemon thread).

    A failed write is reported once as a warning and retried at the next beat.
    """

    def __init__(self, repository: Repository, experiment_id: str, interval: float) -> None:
        self._repository = repository
        self._experiment_id = experiment_id
        self._interval = interval
        self._stopped = threading.Event()
        self._warned = False
        self._process_started = time.time()
        self._thread = threading.Thread(target=self._beat, name="replicate-heartbeat", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def beat_once(self) -> None:
        """Write one heartbeat now."""
        self._repository.write_heartbeat(
            Heartbeat(
                experiment_id=self._experiment_id,
                last_heartbeat=utc_now(),
                interval=self._interval,
                hostname=socket.gethostname(),
                pid=os.getpid(),
                process_started=self._process_started,
            )
        )

    def _beat(self) -> None:
        while not self._stopped.is_set():
            try:
                self.beat_once()
            except Exception as error:
                if not self._warned:
                    self._warned = True
                    warnings.warn(
                        f"replicate: cannot write the heartbeat ({error}); retrying",
                        RuntimeWarning,
                        stacklevel=1,
                    )
            self._stopped.wait(self._interval)

    def stop(self, timeout: Optional[float] = 5.0) -> None:
        """Stop beating (the caller deletes the heartbeat file when the run is over)."""
        self._stopped.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout)
