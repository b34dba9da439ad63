"""Benchmarks of the ``replicate`` command: start-up (``--help``) and ``ls`` over big repositories.

    python benchmarks/cli.py              # with the package installed (e.g. in .venv or .nox)
    python benchmarks/cli.py --no-write   # print, do not touch RESULTS.md

Each figure is the median wall time of fresh processes run by this interpreter. The
repositories are local, written through the experiment library into a temporary
directory: 100 and 10,000 experiments of 20 checkpoints each. The results replace the
"replicate command" section of benchmarks/RESULTS.md (the rest of the file is left as it is).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Optional

RESULTS = Path(__file__).parent / "RESULTS.md"
START = "<!-- replicate-command benchmarks: start -->"
END = "<!-- replicate-command benchmarks: end -->"


def wall_times(
    command: list[str], runs: int, env: dict[str, str], cwd: Optional[Path] = None
) -> list[float]:
    """Seconds each of ``runs`` fresh runs of ``command`` took (output discarded)."""
    times: list[float] = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            command,
            env=env,
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=True,
        )
        times.append(time.perf_counter() - started)
    return times


def make_repository(directory: Path, experiments: int, checkpoints: int = 20) -> Path:
    """A project whose local repository holds ``experiments`` experiments."""
    from replicate.experiments import Checkpoint, Experiment, PrimaryMetric, open_repository

    directory.mkdir(parents=True)
    (directory / "replicate.yaml").write_text("repository: file://.replicate\n")
    repository = open_repository(directory=directory)
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    for number in range(experiments):
        created = start + timedelta(minutes=number)
        repository.create_experiment(
            Experiment(
                id=f"{number:08x}".ljust(64, "0"),
                created=created,
                params={
                    "learning_rate": 10 ** -(number % 5),
                    "layers": number % 7,
                    "optimizer": "adam",
                },
                host="bench",
                user="bench",
                command="train.py",
                python_version="3.11.7",
                ended=created + timedelta(minutes=30),
                exit="finished",
                checkpoints=[
                    Checkpoint(
                        id=f"{number:08x}{step:04x}".ljust(64, "1"),
                        created=created + timedelta(seconds=step),
                        step=step,
                        metrics={
                            "loss": 1.0 / (step + 1 + number % 3),
                            "accuracy": step / checkpoints,
                        },
                        primary_metric=PrimaryMetric("loss", "minimize"),
                    )
                    for step in range(checkpoints)
                ],
            )
        )
    return directory


def milliseconds(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmarks of the replicate command.")
    parser.add_argument(
        "--no-write", action="store_true", help="print only; leave RESULTS.md alone"
    )
    parser.add_argument("--runs", type=int, default=15, help="runs of the quick measurements")
    args = parser.parse_args(argv)
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    env.pop("REPLICATE_API_TOKEN", None)
    python = sys.executable
    rows: list[tuple[str, str, float, str, Optional[float]]] = []

    baseline = statistics.median(wall_times([python, "-c", "pass"], args.runs, env))
    rows.append(("start-up", "python -c pass", baseline, "", None))
    help_time = statistics.median(wall_times([python, "-m", "replicate", "--help"], args.runs, env))
    rows.append(("start-up", "replicate --help", help_time, "< 150 ms", 0.150))
    rows.append(
        ("start-up", "replicate --help minus python -c pass", help_time - baseline, "", None)
    )

    with tempfile.TemporaryDirectory(prefix="replicate-cli-bench-") as scratch:
        for count, runs, target in ((100, args.runs, 0.300), (10_000, 3, 2.0)):
            written = time.perf_counter()
            project = make_repository(Path(scratch) / f"repo-{count}", count)
            print(
                f"wrote {count:,} experiments in {time.perf_counter() - written:.1f} s",
                file=sys.stderr,
            )
            median = statistics.median(
                wall_times([python, "-m", "replicate", "ls"], runs, env, project)
            )
            rows.append(
                (
                    f"{count:,} experiments x 20 checkpoints, local",
                    "replicate ls",
                    median,
                    f"< {milliseconds(target)}",
                    target,
                )
            )

    lines = [
        START,
        "## The replicate command",
        "",
        f"Written by `python benchmarks/cli.py` on {datetime.now(timezone.utc):%Y-%m-%d}: median wall time "
        f"of fresh processes ({platform.system()} {platform.release()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}).",
        "",
        "| workload | command | median wall | target | verdict |",
        "| --- | --- | --- | --- | --- |",
    ]
    for workload, command, seconds, target_text, target in rows:
        verdict = "" if target is None else ("pass" if seconds <= target else "miss")
        lines.append(
            f"| {workload} | `{command}` | {milliseconds(seconds)} | {target_text} | {verdict} |"
        )
    lines.append(END)
    section = "\n".join(lines)
    print(section)
    if not args.no_write:
        text = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n"
        if START in text and END in text:
            before, rest = text.split(START, 1)
            text = before + section + rest.split(END, 1)[1]
        else:
            text = text.rstrip("\n") + "\n\n" + section + "\n"
        RESULTS.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
