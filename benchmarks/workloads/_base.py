"""What a workload declares (variants, metrics, targets) and how its rows are computed."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Optional

from ..harness import Outcome, Sample, Variant
from ..stats import Formatter, median, ratio

__all__ = ["Metric", "Options", "Row", "Target", "Workload", "no_resources", "rows_for"]


@dataclass(frozen=True)
class Options:
    """Choices from the command line that change what a workload runs."""

    quick: bool = False
    repetitions: Optional[int] = None


@dataclass(frozen=True)
class Metric:
    """A figure read (or derived) from each sample; the report shows its median."""

    key: str
    title: str
    format: Formatter
    extract: Optional[Callable[[Sample], Optional[float]]] = None
    higher_is_better: bool = False
    compare: bool = True
    """False where a ratio to the baseline means nothing (counts, sanity checks)."""

    def value(self, sample: Sample) -> Optional[float]:
        if self.extract is not None:
            return self.extract(sample)
        return sample.get(self.key)


@dataclass(frozen=True)
class Target:
    """A goal for one variant's metric, checked on its median and its ratio to the baseline."""

    variant: str
    metric: str
    text: str
    met: Callable[[float, Optional[float]], bool]


@contextmanager
def no_resources() -> Iterator[dict[str, Any]]:
    yield {}


@dataclass(frozen=True)
class Workload:
    """One benchmark: which variants run, what is read from them and what is expected."""

    key: str
    """The workload's name as the drivers know it."""
    title: str
    variants: Callable[[Options, Mapping[str, Any]], list[Variant]]
    """Builds the variants from the options and the resources' parameters."""
    metrics: tuple[Metric, ...]
    repetitions: int
    quick_repetitions: int
    baseline: Optional[str] = "raw_httpx"
    """Key of the variant that ratios compare against."""
    targets: tuple[Target, ...] = ()
    time_scale: float = 1.0
    resources: Callable[[], Any] = no_resources
    """A context manager yielding parameters every variant gets (a temporary file, say)."""
    notes: tuple[str, ...] = ()

    def repetitions_for(self, options: Options) -> int:
        if options.repetitions is not None:
            return options.repetitions
        return self.quick_repetitions if options.quick else self.repetitions


@dataclass(frozen=True)
class Row:
    """One line of the results table."""

    workload: str
    contender: str
    metric: str
    value: str
    ratio: str = ""
    target: str = ""
    verdict: str = ""
    samples: int = 0


def _metric_median(outcome: Outcome, metric: Metric) -> Optional[float]:
    values = [v for v in (metric.value(s) for s in outcome.samples) if v is not None]
    return median(values)


def rows_for(workload: Workload, outcomes: list[Outcome]) -> list[Row]:
    """The table rows of one workload's outcomes: medians, ratios, target verdicts."""
    by_key = {outcome.variant.key: outcome for outcome in outcomes}
    base = by_key.get(workload.baseline or "")
    rows: list[Row] = []
    for outcome in outcomes:
        key = outcome.variant.key
        targets = [t for t in workload.targets if t.variant == key]
        if outcome.unavailable:
            target_text = "; ".join(t.text for t in targets)
            rows.append(
                Row(
                    workload.title,
                    outcome.variant.title,
                    "",
                    f"n/a ({outcome.unavailable})",
                    target=target_text,
                    verdict="n/a" if targets else "",
                )
            )
            continue
        for metric in workload.metrics:
            if outcome.variant.only_metrics and metric.key not in outcome.variant.only_metrics:
                continue
            value = _metric_median(outcome, metric)
            if value is None:
                continue
            base_value = _metric_median(base, metric) if base is not None else None
            compared = metric.compare and base is not outcome
            relative = ratio(value, base_value) if compared else None
            target = next((t for t in targets if t.metric == metric.key), None)
            verdict = ""
            if target is not None:
                verdict = "pass" if target.met(value, relative) else "miss"
            rows.append(
                Row(
                    workload.title,
                    outcome.variant.title,
                    metric.title,
                    metric.format(value),
                    f"{relative:.2f}x" if relative is not None else "",
                    target.text if target else "",
                    verdict,
                    len(outcome.samples),
                )
            )
    return rows
