"""Command line: set up the environments, run the workloads, print and write the results.

python3 benchmarks/run.py                 # everything, writes benchmarks/RESULTS.md
python3 benchmarks/run.py --quick         # fewer repetitions, same workloads
python3 benchmarks/run.py sync_get sse    # only these workloads
python3 benchmarks/run.py --list          # the workloads' names
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Optional

if __package__ in (None, ""):
    # Run as a script: make the package importable by its name.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    __package__ = "benchmarks"

from benchmarks.contenders import BENCH_DIR, CONTENDERS, ENVIRONMENTS
from benchmarks.harness import busiest_server_share, run_interleaved
from benchmarks.report import console_table, describe_machine, write_results
from benchmarks.venvs import installed_versions, prepare
from benchmarks.workloads import WORKLOADS, Options, Row, Workload, rows_for

__all__ = ["main"]


def _parse(argv: Optional[list[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python3 benchmarks/run.py",
        description="What the SDK costs on top of raw httpx, beside the 1.x and 2.x clients.",
    )
    parser.add_argument("workloads", nargs="*", help="workloads to run (default: all)")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("-n", "--repetitions", type=int, help="processes per variant")
    parser.add_argument(
        "--contenders",
        help=f"comma-separated contenders to run (default: all of {', '.join(CONTENDERS)})",
    )
    parser.add_argument("--list", action="store_true", help="list the workloads and exit")
    parser.add_argument(
        "--output",
        type=Path,
        default=BENCH_DIR / "RESULTS.md",
        help="where to write the report (default: benchmarks/RESULTS.md)",
    )
    parser.add_argument("--no-write", action="store_true", help="print only; write no report")
    return parser.parse_args(argv)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: Optional[list[str]] = None) -> int:
    args = _parse(argv)
    if args.list:
        for key, workload in WORKLOADS.items():
            print(f"{key:14} {workload.title}")
        return 0
    unknown = [name for name in args.workloads if name not in WORKLOADS]
    if unknown:
        _say(f"unknown workload(s) {', '.join(unknown)}; choose from {', '.join(WORKLOADS)}")
        return 2
    wanted = set(args.contenders.split(",")) if args.contenders else set(CONTENDERS)
    if wanted - set(CONTENDERS):
        _say(f"unknown contender(s) {', '.join(sorted(wanted - set(CONTENDERS)))}")
        return 2
    options = Options(quick=args.quick, repetitions=args.repetitions)
    chosen = [WORKLOADS[name] for name in args.workloads or WORKLOADS]

    started = time.perf_counter()
    for environment in ENVIRONMENTS:
        status = prepare(environment)
        if status.problem:
            _say(f"{environment.name}: {status.problem}")
    versions = {environment: installed_versions(environment) for environment in ENVIRONMENTS}

    results: list[tuple[Workload, list[Row], int]] = []
    server_shares: dict[str, float] = {}
    for workload in chosen:
        repetitions = workload.repetitions_for(options)
        _say(f"{workload.title} ({repetitions} rounds)")
        with workload.resources() as resources:
            variants = [
                variant
                for variant in workload.variants(options, resources)
                if variant.contender.key in wanted
            ]
            outcomes = run_interleaved(
                workload.key,
                variants,
                repetitions,
                time_scale=workload.time_scale,
                progress=_say,
            )
        rows = rows_for(workload, outcomes)
        results.append((workload, rows, repetitions))
        server_shares[workload.title] = busiest_server_share(outcomes)
        print(console_table(workload.title, rows), flush=True)
        print(f"(server busy at most {server_shares[workload.title]:.0%} of a run)\n", flush=True)

    elapsed = time.perf_counter() - started
    if not args.no_write:
        command = "python3 benchmarks/run.py" + (" --quick" if args.quick else "")
        if args.contenders:
            command += f" --contenders {args.contenders}"
        if args.workloads:
            command += " " + " ".join(args.workloads)
        write_results(
            args.output,
            command=command,
            machine=describe_machine(),
            versions=versions,
            results=results,
            server_shares=server_shares,
            elapsed_seconds=elapsed,
        )
        _say(f"wrote {args.output} ({elapsed / 60:.1f} min)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
