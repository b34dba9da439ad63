"""What every driver script shares: argument parsing, clocks, memory readings, the result line.

A driver is run as ``python <driver>.py WORKLOAD ROOT_URL PARAMS_JSON`` inside a contender's
environment. It runs one workload once and prints one line, ``RESULT {json}`` with its
measurements or ``UNSUPPORTED <reason>`` when the contender's API cannot do the workload.
This module imports only what every Python process has loaded anyway, so that it does not
change what an import benchmark measures.
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass
from typing import Any, Callable

__all__ = [
    "Context",
    "Unsupported",
    "cpu_seconds",
    "peak_rss_bytes",
    "reset_peak_rss",
    "rss_bytes",
    "run_driver",
    "scale_sleeps",
]

TOKEN = "r8_benchmark_token"
"""The token every contender sends; the loopback server does not check it."""


class Unsupported(Exception):
    """The contender's public API cannot do this workload; the message says why."""


@dataclass(frozen=True)
class Context:
    """What a workload needs to know: where the server is and the workload's parameters."""

    root_url: str
    """``http://127.0.0.1:PORT``, without the ``/v1`` prefix."""
    params: dict[str, Any]

    @property
    def api_url(self) -> str:
        """The API base URL including ``/v1``, as clients that append only the path expect."""
        return self.root_url + "/v1"

    def param(self, name: str) -> Any:
        return self.params[name]


def cpu_seconds() -> float:
    """CPU time of this process (user + system), which excludes waiting on the server."""
    return time.process_time()


def _status_kib(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field):
                return int(line.split()[1])
    raise RuntimeError(f"/proc/self/status has no {field}")


def rss_bytes() -> int:
    """Resident memory now."""
    return _status_kib("VmRSS:") * 1024


def peak_rss_bytes() -> int:
    """Highest resident memory since the process started or ``reset_peak_rss()``."""
    return _status_kib("VmHWM:") * 1024


def reset_peak_rss() -> None:
    """Restart the peak-memory reading from the current resident size (Linux only)."""
    with open("/proc/self/clear_refs", "w") as clear_refs:
        clear_refs.write("5")


Workload = Callable[[Context], dict[str, Any]]


def scale_sleeps(factor: float) -> None:
    """Make ``time.sleep`` and ``asyncio.sleep`` last ``1/factor`` of what they are asked.

    Together with a server clock running ``factor`` times fast, every client's own poll
    schedule plays out as it would in real time, without reading the client's settings.
    Called before any client library is imported, so names they import are the scaled ones.
    """
    import asyncio

    real_sleep = time.sleep
    real_async_sleep = asyncio.sleep

    def sleep(seconds: Any) -> None:
        real_sleep(seconds / factor)

    async def async_sleep(delay: float, result: Any = None) -> Any:
        return await real_async_sleep(delay / factor, result)

    time.sleep = sleep
    asyncio.sleep = async_sleep


def run_driver(workloads: dict[str, Workload]) -> None:
    """Run the workload named on the command line and print its result line."""
    name, root_url, params = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    os.environ.setdefault("REPLICATE_API_TOKEN", TOKEN)
    workload = workloads.get(name)
    if workload is None:
        print(f"UNSUPPORTED this driver has no {name!r} workload", flush=True)
        return
    if "sleep_scale" in params:
        scale_sleeps(float(params["sleep_scale"]))
    try:
        result = workload(Context(root_url.rstrip("/"), params))
    except Unsupported as reason:
        print(f"UNSUPPORTED {reason}", flush=True)
        return
    print("RESULT " + json.dumps(result), flush=True)
