"""Writes the results: a plain table on the console and ``RESULTS.md`` beside this file."""

from __future__ import annotations

import datetime
import os
import platform
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .contenders import Environment
from .workloads import Row, Workload

__all__ = ["Machine", "console_table", "describe_machine", "write_results"]

COLUMNS = ("contender", "metric", "median", "ratio to raw", "target", "verdict", "n")


@dataclass(frozen=True)
class Machine:
    cores: int
    cpu_model: str
    python: str
    system: str


def describe_machine() -> Machine:
    model = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return Machine(
        cores=os.cpu_count() or 1,
        cpu_model=model,
        python=platform.python_version(),
        system=f"{platform.system()} {platform.release()}",
    )


def _cells(row: Row) -> tuple[str, ...]:
    return (
        row.contender,
        row.metric,
        row.value,
        row.ratio,
        row.target,
        row.verdict,
        str(row.samples or ""),
    )


def console_table(title: str, rows: Sequence[Row]) -> str:
    """A fixed-width table of one workload's rows."""
    cells = [COLUMNS, *(_cells(row) for row in rows)]
    widths = [max(len(line[i]) for line in cells) for i in range(len(COLUMNS))]
    lines = [title, "-" * len(title)]
    for line in cells:
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip())
    return "\n".join(lines)


def _markdown_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def write_results(
    path: Path,
    *,
    command: str,
    machine: Machine,
    versions: dict[Environment, dict[str, str]],
    results: Sequence[tuple[Workload, Sequence[Row], int]],
    server_shares: dict[str, float],
    elapsed_seconds: float,
) -> None:
    """Write the whole report: machine, versions, one table, the targets and the notes."""
    today = datetime.date.today().isoformat()
    lines = [
        "# Benchmark results",
        "",
        f"Written by `{command}` on {today} in {elapsed_seconds / 60:.1f} minutes. "
        "Each figure is the median over fresh processes, the contenders interleaved "
        "round by round; ratios compare with raw httpx doing the same HTTP work against "
        "the same loopback server.",
        "",
        "## Machine",
        "",
        f"- {machine.cores} cores, {machine.cpu_model}",
        f"- {machine.system}, Python {machine.python} (runner)",
        "",
        "## Versions",
        "",
        "| environment | packages |",
        "| --- | --- |",
    ]
    for environment, found in versions.items():
        listed = ", ".join(f"{name} {version}" for name, version in found.items()) or "not set up"
        lines.append(_markdown_row((environment.name, listed)))
    lines += ["", "## Results", ""]
    lines.append(_markdown_row(("workload", *COLUMNS)))
    lines.append(_markdown_row(["---"] * (len(COLUMNS) + 1)))
    for workload, rows, repetitions in results:
        for row in rows:
            lines.append(_markdown_row((f"{workload.title} (x{repetitions})", *_cells(row))))
    lines += ["", "## Targets", ""]
    for workload, rows, _ in results:
        for row in rows:
            if row.verdict:
                subject = f"{row.contender}, {row.metric}" if row.metric else row.contender
                lines.append(
                    f"- **{row.verdict}** — {workload.title}: {subject} = {row.value}"
                    + (f" ({row.ratio})" if row.ratio else "")
                    + f"; target {row.target}"
                )
    notes = [(workload, note) for workload, _, _ in results for note in workload.notes]
    if notes:
        lines += ["", "## Notes", ""]
        lines += [f"- {workload.title}: {note}" for workload, note in notes]
    busiest = ", ".join(f"{title} {share:.0%}" for title, share in server_shares.items())
    lines += [
        "",
        "The loopback server (`benchmarks/server.py`) runs on its own core, the driver "
        "processes on the other; `n` is the number of processes behind each median. The "
        "server's CPU time as a share of a driver run's wall time, at most, per workload "
        f"(well under 100% means the server was not the limit): {busiest}.",
        "",
    ]
    path.write_text("\n".join(lines))
