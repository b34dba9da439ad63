"""Benchmarks of the ``replicate`` command: start-up (``--help``) and ``ls`` over big repositories.

    python benchmarks/cli.py              # with the package installed (e.g. in .venv or .nox)
    python benchmarks/cli.py --no-write   # print, do not touch RESULTS.md

Each figure is the median wall time of fresh processes run by this interpreter, with the
package's bytecode compiled first (as ``pip install`` leaves it: without it every run
compiles the command's modules again, which is most of a short command's time). The
repositories are local, written through the experiment library into a temporary
directory: 100 and 10,000 experiments of 20 checkpoints each (random ids, as recorded
ones are), listed once with no cache, then again with the experiment library's listing
cache, which is kept in the temporary directory too. The results replace the "replicate
command" section of benchmarks/RESULTS.md (the rest of the file is left as it is).
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import os
import platform
import resource
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


def measure(
    command: list[str], runs: int, env: dict[str, str], cwd: Optional[Path] = None
) -> tuple[float, float]:
    """Median wall and median CPU (user + system) seconds of ``runs`` fresh runs of ``command``.

    CPU time is reported beside wall time because on a shared machine the wall time of
    a short process is mostly waiting for a core.
    """
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(
            command,
            env=env,
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=True,
        )
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def make_repository(directory: Path, experiments: int, checkpoints: int = 20) -> Path:
    """A project whose local repository holds ``experiments`` experiments."""
    from replicate.experiments import Checkpoint, Experiment, PrimaryMetric, open_repository

    directory.mkdir(parents=True)
    (directory / "replicate.yaml").write_text("repository: file://.replicate\n")
    repository = open_repository(directory=directory)
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)

    def random_id(name: str) -> str:  # 64 hex characters, the same on every run
        return hashlib.sha256(name.encode()).hexdigest()

    for number in range(experiments):
        created = start + timedelta(minutes=number)
        repository.create_experiment(
            Experiment(
                id=random_id(f"experiment {number}"),
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
                        id=random_id(f"checkpoint {number} {step}"),
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
    import replicate

    compileall.compile_dir(Path(replicate.__file__).parent, quiet=1)
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    env.pop("REPLICATE_API_TOKEN", None)
    python = sys.executable
    rows: list[tuple[str, str, tuple[float, float], str, Optional[float]]] = []

    baseline = measure([python, "-c", "pass"], args.runs, env)
    rows.append(("start-up", "python -c pass", baseline, "", None))
    help_time = measure([python, "-m", "replicate", "--help"], args.runs, env)
    rows.append(("start-up", "replicate --help", help_time, "< 150 ms", 0.150))
    extra = (help_time[0] - baseline[0], help_time[1] - baseline[1])
    rows.append(("start-up", "replicate --help minus python -c pass", extra, "", None))

    with tempfile.TemporaryDirectory(prefix="replicate-cli-bench-") as scratch:
        env["REPLICATE_CACHE_DIR"] = str(Path(scratch) / "cache")
        for count, runs, target in ((100, args.runs, 0.300), (10_000, 3, 2.0)):
            written = time.perf_counter()
            project = make_repository(Path(scratch) / f"repo-{count}", count)
            print(
                f"wrote {count:,} experiments in {time.perf_counter() - written:.1f} s",
                file=sys.stderr,
            )
            workload = f"{count:,} experiments x 20 checkpoints, local"
            command = [python, "-m", "replicate", "ls"]
            # The first listing fills the library's listing cache; later ones read it.
            first = measure(command, 1, env, project)
            rows.append(
                (workload, "replicate ls (first)", first, f"< {milliseconds(target)}", target)
            )
            later = measure(command, runs, env, project)
            rows.append(
                (workload, "replicate ls (later)", later, f"< {milliseconds(target)}", target)
            )
            if count == 10_000:
                as_json = measure([*command, "--json"], runs, env, project)
                rows.append((workload, "replicate ls --json (later)", as_json, "", None))
                quiet = measure([*command, "-q"], runs, env, project)
                rows.append((workload, "replicate ls -q (later)", quiet, "", None))
                running = measure([python, "-m", "replicate", "ps"], runs, env, project)
                rows.append((workload, "replicate ps (later)", running, "< 1,000 ms", 1.0))

    lines = [
        START,
        "## The replicate command",
        "",
        f"Written by `python benchmarks/cli.py` on {datetime.now(timezone.utc):%Y-%m-%d}: "
        "medians over fresh processes, with the package's bytecode compiled as pip leaves it "
        f"({platform.system()} {platform.release()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, load average "
        f"{os.getloadavg()[0]:.1f} at the end). The targets are wall times on a quiet machine; "
        "on a shared one the wall time of a short process is mostly the wait for a core, so "
        "the CPU time (user + system) is shown too and judged against the same target.",
        "",
        "| workload | command | median wall | median CPU | target | verdict (wall / CPU) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for workload, command, (wall, cpu), target_text, target in rows:
        verdict = ""
        if target is not None:
            verdict = " / ".join("pass" if value <= target else "miss" for value in (wall, cpu))
        lines.append(
            f"| {workload} | `{command}` | {milliseconds(wall)} | {milliseconds(cpu)} "
            f"| {target_text} | {verdict} |"
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
