"""Runs drivers in fresh processes against a fresh server, interleaving the contenders.

The server and the drivers are pinned to different cores when the machine has two or
more, so the client under test does not share a core with the server answering it.
Each repetition runs every variant once (A B C, A B C, ...) so that drift in the
machine's speed during a run affects every contender alike.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from .contenders import BENCH_DIR, Contender

__all__ = [
    "BenchServer",
    "Outcome",
    "Variant",
    "busiest_server_share",
    "run_interleaved",
    "start_server",
]

Sample = dict[str, float]

SERVER_CPU = 1
DRIVER_CPU = 0
DRIVER_TIMEOUT_SECONDS = 180.0


def _pin(cpu: int) -> Optional[Callable[[], None]]:
    """A ``preexec_fn`` that pins the child to ``cpu``, or None where that is not possible."""
    if not hasattr(os, "sched_setaffinity") or (os.cpu_count() or 1) < 2:
        return None

    def pin() -> None:
        os.sched_setaffinity(0, {cpu})

    return pin


@dataclass
class BenchServer:
    """A running loopback server, with access to its counters."""

    process: subprocess.Popen[str]
    root_url: str

    def _control(self, path: str, method: str) -> dict[str, Any]:
        request = urllib.request.Request(self.root_url + path, method=method, data=b"")
        with urllib.request.urlopen(request, timeout=10) as response:
            stats: dict[str, Any] = json.loads(response.read())
        return stats

    def reset(self) -> None:
        self._control("/_bench/reset", "POST")

    def stats(self) -> dict[str, Any]:
        return self._control("/_bench/stats", "GET")

    def cpu_seconds(self) -> float:
        """CPU the server has used so far, to check that it is not the bottleneck."""
        with open(f"/proc/{self.process.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks


@contextmanager
def start_server(time_scale: float = 1.0) -> Iterator[BenchServer]:
    """Start ``server.py`` on a free port and stop it (by its own pid) when done."""
    command = [sys.executable, str(BENCH_DIR / "server.py"), "--time-scale", str(time_scale)]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, text=True, preexec_fn=_pin(SERVER_CPU)
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line.startswith("PORT "):
            raise RuntimeError(f"benchmark server did not start: {line!r}")
        yield BenchServer(process, f"http://127.0.0.1:{int(line.split()[1])}")
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass(frozen=True)
class Variant:
    """One contender doing one workload with given parameters (a row of the report)."""

    key: str
    contender: Contender
    params: Mapping[str, Any]
    env: Mapping[str, str] = field(default_factory=dict)
    label: str = ""
    only_metrics: tuple[str, ...] = ()
    """When set, the report shows only these metrics for this variant."""

    @property
    def title(self) -> str:
        return self.label or self.contender.label


@dataclass
class Outcome:
    """The samples a variant produced, or why it produced none."""

    variant: Variant
    samples: list[Sample] = field(default_factory=list)
    unavailable: str = ""


def _run_driver(
    variant: Variant, workload: str, server: BenchServer
) -> tuple[Optional[Sample], str]:
    """Run one driver process; return its sample (with the server's counters) or a reason."""
    contender = variant.contender
    if not contender.environment.python.exists():
        return None, f"environment {contender.environment.name} is missing"
    env = {**os.environ, **variant.env}
    env.pop("PYTHONPATH", None)
    command = [
        str(contender.environment.python),
        str(contender.script),
        workload,
        server.root_url,
        json.dumps(dict(variant.params)),
    ]
    server.reset()
    server_cpu, started = server.cpu_seconds(), time.perf_counter()
    try:
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            env=env,
            timeout=DRIVER_TIMEOUT_SECONDS,
            preexec_fn=_pin(DRIVER_CPU),
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None, f"timed out after {DRIVER_TIMEOUT_SECONDS:.0f} s"
    lines = result.stdout.strip().splitlines()
    last = lines[-1] if lines else ""
    if result.returncode != 0 or not last:
        errors = [line for line in result.stderr.strip().splitlines() if line.strip()]
        reason = errors[-1].strip() if errors else f"exit status {result.returncode}"
        return None, reason[:160]
    if last.startswith("UNSUPPORTED "):
        return None, last.removeprefix("UNSUPPORTED ")
    sample: Sample = json.loads(last.removeprefix("RESULT "))
    # How busy the server was, to show it was not what limited the client.
    elapsed = time.perf_counter() - started
    sample["server_cpu_share"] = (server.cpu_seconds() - server_cpu) / elapsed
    stats = server.stats()
    sample["server_requests"] = stats["requests"]
    sample["server_accepts"] = stats["accepts"]
    sample["server_upload_bytes"] = stats["upload_bytes"]
    for name in ("last_done", "last_requests", "last_terminal_sent"):
        if stats[name] is not None:
            sample[f"server_{name}"] = stats[name]
    return sample, ""


def run_interleaved(
    workload: str,
    variants: list[Variant],
    repetitions: int,
    *,
    time_scale: float = 1.0,
    progress: Callable[[str], None] = lambda _: None,
) -> list[Outcome]:
    """Run every variant ``repetitions`` times, one of each per round, each in a new process.

    A variant that fails is not run again: its outcome says why, and the others go on.
    """
    outcomes = [Outcome(variant) for variant in variants]
    with start_server(time_scale) as server:
        for round_index in range(repetitions):
            for outcome in outcomes:
                if outcome.unavailable:
                    continue
                started = time.perf_counter()
                sample, reason = _run_driver(outcome.variant, workload, server)
                if sample is None:
                    outcome.unavailable = reason
                    progress(f"  {outcome.variant.title}: n/a ({reason})")
                    continue
                outcome.samples.append(sample)
                elapsed = time.perf_counter() - started
                progress(
                    f"  round {round_index + 1}/{repetitions} {outcome.variant.title}"
                    f" ({elapsed:.1f} s)"
                )
    return outcomes


def busiest_server_share(outcomes: list[Outcome]) -> float:
    """The largest share of a driver run's wall time that the server spent on the CPU."""
    shares = [s.get("server_cpu_share", 0.0) for o in outcomes for s in o.samples]
    return max(shares, default=0.0)
