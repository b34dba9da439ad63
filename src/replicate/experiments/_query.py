"""Filters and sort keys over experiments, as ``replicate ls`` and ``experiments.list`` take them.

No I/O: everything works on loaded :class:`Experiment` objects (whose heartbeat is already
attached, for ``status``).

Filter grammar: ``<name> <op> <value>``, e.g. ``"val_loss < 0.2"``, ``"status = running"``.

- name: letters, digits, ``-``, ``_``, ``.`` and inner spaces, or ``"quoted"``. Optional
  prefixes ``params.``, ``metrics.`` and ``attr.`` pick the source; without one it is
  looked up in this order: ``started``/``created``, ``step`` (latest checkpoint's, 0 if
  none), ``user``, ``host``, ``command``, ``status``, ``exit``, ``id``, then the metrics of
  the best checkpoint (else the latest), then the params. Unknown names are an error that
  lists close matches.
- op: ``=`` (or ``==``), ``!=``, ``<``, ``<=``, ``>``, ``>=``, ``~=`` (shell-style glob).
- value: ``null``/``None``, an integer, a float, ``true``/``false`` (any case), a JSON
  object or list, else a string (surrounding double quotes removed). For
  ``created``/``started`` it is a date or date-time, compared as a moment.
- ``status`` takes ``running`` or ``stopped``, or how a stopped experiment ended:
  ``finished``, ``failed``, ``killed``, ``lost`` (``status = failed`` is ``exit =
  failed``; ``status != failed`` keeps running experiments too). ``exit`` takes those
  four or ``None``. Any other value is an error, not a filter that matches nothing.

Numbers compare with numbers; other mismatched types are an error, except that anything
compared with None is false but for ``= None`` (missing) and ``!= None`` (present).
"""

from __future__ import annotations

import difflib
import fnmatch
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable, Union

from ._errors import FilterError
from ._model import Experiment
from ._status import EXITS, STATUSES

__all__ = [
    "ATTRIBUTES",
    "Condition",
    "compare",
    "field_value",
    "filter_experiments",
    "known_names",
    "parse_filter",
    "parse_sort",
    "parse_value",
    "sort_experiments",
]

ATTRIBUTES = ("created", "started", "step", "user", "host", "command", "status", "exit", "id")
_TIME_NAMES = {"created", "started"}
_OPS = ("=", "!=", "<", "<=", ">", ">=", "~=")
_FILTER = re.compile(
    r'^\s*(?P<name>"[^"]+"|[-A-Za-z0-9_.]+(?:\s+[-A-Za-z0-9_.]+)*)\s*'
    r"(?P<op>==|!=|<=|>=|~=|=|<|>)\s*(?P<value>.*?)\s*$"
)
_DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y/%m/%d",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%d %b %Y",
    "%b %d %Y",
    "%a, %d %b %Y %H:%M:%S %Z",
)


class _Missing:
    def __repr__(self) -> str:
        return "None"


MISSING = _Missing()
"""The value of a name an experiment does not have."""

Value = Union[None, bool, int, float, str, list[Any], dict[str, Any], datetime]


@dataclass(frozen=True)
class Condition:
    """One parsed filter: ``name``, ``op`` and typed ``value``; ``source`` is the prefix or ``""``."""

    name: str
    op: str
    value: Any
    source: str = ""
    text: str = ""

    def matches(self, experiment: Experiment) -> bool:
        """Whether the experiment passes.

        Raises:
            FilterError: the experiment's value and the filter's have incomparable types.
        """
        if self.name == "status" and self.source in ("", "attr"):
            ended = experiment.exit_reason or experiment.status  # "running" has no exit
            if self.op == "~=":
                return compare(experiment.status, "~=", self.value) or compare(
                    ended, "~=", self.value
                )
            if self.value in EXITS:
                return compare(ended, self.op, self.value)
        return compare(field_value(experiment, self.name, self.source), self.op, self.value)


def parse_value(text: str) -> Any:
    """The typed value of the right-hand side of a filter (see the module docstring)."""
    stripped = text.strip()
    lowered = stripped.lower()
    if lowered in ("null", "none"):
        return None
    if lowered in ("true", "false"):
        return lowered == "true"
    try:
        return int(stripped)
    except ValueError:
        pass
    try:
        return float(stripped)
    except ValueError:
        pass
    if stripped[:1] in ("{", "["):
        try:
            return json.loads(stripped)
        except ValueError:
            pass
    if len(stripped) >= 2 and stripped[0] == stripped[-1] and stripped[0] in "\"'":
        return stripped[1:-1]  # a quoted string, in double or single quotes
    return stripped


def parse_time_value(text: str) -> datetime:
    """A date or date-time for ``created``/``started`` filters; naive times are local time.

    Raises:
        FilterError: not a recognised date.
    """
    cleaned = text.strip().strip('"')
    candidates = [cleaned.replace("Z", "+00:00")]
    for candidate in candidates:
        try:
            moment = datetime.fromisoformat(candidate)
        except ValueError:
            break
        return moment if moment.tzinfo else moment.astimezone()
    for form in _DATE_FORMATS:
        try:
            moment = datetime.strptime(cleaned, form)
        except ValueError:
            continue
        return moment if moment.tzinfo else moment.astimezone()
    raise FilterError(f"{text!r} is not a date (try 2026-11-30 or 2026-11-30T14:00:00)")


def parse_filter(text: str) -> Condition:
    """Parse ``"<name> <op> <value>"``.

    Raises:
        FilterError: the text does not follow the grammar.
    """
    match = _FILTER.match(text)
    if match is None:
        raise FilterError(
            f"invalid filter {text!r}: expected '<name> <operator> <value>' "
            f"with an operator among {' '.join(_OPS)}, e.g. 'val_loss < 0.2'"
        )
    name, op, raw = match.group("name"), match.group("op"), match.group("value")
    if not raw:
        raise FilterError(
            f"invalid filter {text!r}: the value after {op!r} is missing; "
            "expected '<name> <operator> <value>', e.g. 'val_loss < 0.2'"
        )
    op = "=" if op == "==" else op
    name, source = split_name(name)
    value: Any
    if source in ("", "attr") and name in _TIME_NAMES and raw.lower() not in ("null", "none"):
        value = parse_time_value(raw)
    elif op == "~=":
        value = raw.strip().strip('"')
    else:
        value = parse_value(raw)
    if source in ("", "attr") and name in ("status", "exit"):
        value = _check_state(name, op, value, text)
    return Condition(name, op, value, source, text)


def _check_state(name: str, op: str, value: Any, text: str) -> Any:
    """The value of a ``status`` or ``exit`` filter, checked against the values they take.

    Raises:
        FilterError: a value neither takes (a typo would otherwise match nothing).
    """
    valid: tuple[str, ...] = (*STATUSES, *EXITS) if name == "status" else EXITS
    allowed = ", ".join(valid) + (", None" if name == "exit" else "")
    if op not in ("=", "!=", "~="):
        raise FilterError(f"invalid filter {text!r}: {name} takes = != or ~= ({allowed})")
    if value is None and name == "exit":
        return value
    if isinstance(value, str):
        folded = value.lower()
        if op == "~=" and any(fnmatch.fnmatchcase(state, folded) for state in valid):
            return folded
        if folded in valid:
            return folded
    close = difflib.get_close_matches(str(value).lower(), valid, n=1)
    hint = f" (did you mean {close[0]}?)" if close else ""
    raise FilterError(f"invalid filter {text!r}: {name} is one of {allowed}{hint}")


def split_name(name: str) -> tuple[str, str]:
    """``("lr", "params")`` from ``params.lr``; quotes removed; no prefix gives ``""``."""
    if len(name) >= 2 and name[0] == name[-1] == '"':
        return name[1:-1], ""
    for source in ("params", "metrics", "attr"):
        if name.startswith(source + "."):
            return name[len(source) + 1 :], source
    return name, ""


def _metrics_checkpoint_values(experiment: Experiment) -> dict[str, Any]:
    checkpoint = experiment.best() or experiment.latest()
    return checkpoint.metrics if checkpoint is not None else {}


def _attribute(experiment: Experiment, name: str) -> Any:
    if name in _TIME_NAMES:
        return experiment.created
    if name == "step":
        latest = experiment.latest()
        return latest.step if latest is not None and latest.step is not None else 0
    if name == "status":
        return experiment.status
    if name == "exit":
        return experiment.exit_reason
    return getattr(experiment, name)


def field_value(experiment: Experiment, name: str, source: str = "") -> Any:
    """The value of ``name`` for an experiment (resolution order in the module docstring).

    Returns :data:`MISSING` when the experiment has no such value.
    """
    if source in ("", "attr") and name in ATTRIBUTES:
        return _attribute(experiment, name)
    if source == "attr":
        return MISSING
    if source in ("", "metrics"):
        metrics = _metrics_checkpoint_values(experiment)
        if name in metrics:
            return metrics[name]
        if source == "metrics":
            return MISSING
    return experiment.params.get(name, MISSING)


def known_names(experiments: Iterable[Experiment]) -> list[str]:
    """Every name a filter or sort may use for these experiments."""
    names = {*ATTRIBUTES}
    for experiment in experiments:
        names.update(experiment.params)
        names.update(experiment.metric_names())
    return sorted(names)


def check_names(names: Iterable[tuple[str, str]], experiments: Sequence[Experiment]) -> None:
    """Raise :class:`FilterError` for a name no experiment has, with close matches.

    Names are ``(name, source)`` pairs; nothing is checked when there are no experiments.
    Attributes need no look; params are looked up before metrics, and metric names come
    from each experiment's summary, so no checkpoint is parsed for this.
    """
    if not experiments:
        return
    params: set[str] | None = None
    metrics: set[str] | None = None
    for name, source in names:
        if source in ("", "attr") and name in ATTRIBUTES:
            continue
        if source in ("", "params"):
            if params is None:
                params = {key for experiment in experiments for key in experiment.params}
            if name in params:
                continue
        if source in ("", "metrics"):
            if metrics is None:
                metrics = {key for experiment in experiments for key in experiment.metric_names()}
            if name in metrics:
                continue
        pool = {
            "": {*ATTRIBUTES, *(params or ()), *(metrics or ())},
            "attr": set(ATTRIBUTES),
            "params": params or set(),
            "metrics": metrics or set(),
        }[source]
        close = difflib.get_close_matches(name, sorted(pool), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        label = f"{source}.{name}" if source else name
        raise FilterError(f"no experiment has {label!r}{hint}")


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _as_utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def compare(left: Any, op: str, right: Any) -> bool:
    """``left <op> right`` with the filter semantics (module docstring).

    Raises:
        FilterError: incomparable types, or an ordering operator on booleans, lists or dicts.
    """
    if left is MISSING or left is None or right is None:
        if right is None:
            present = left is not MISSING and left is not None
            if op == "=":
                return not present
            if op == "!=":
                return present
        return False
    if op == "~=":
        text = json.dumps(left) if isinstance(left, (list, dict)) else str(left)  # pyright: ignore[reportUnknownArgumentType]
        return fnmatch.fnmatchcase(text, str(right))
    if isinstance(left, datetime) and isinstance(right, datetime):
        left, right = _as_utc(left), _as_utc(right)
    elif _is_number(left) and _is_number(right):
        if isinstance(left, float) and math.isnan(left):
            return op == "!="
    elif type(left) is not type(right):
        raise FilterError(
            f"cannot compare {left!r} ({type(left).__name__}) with {right!r} "
            f"({type(right).__name__})"
        )
    if op == "=":
        return bool(left == right)
    if op == "!=":
        return bool(left != right)
    if isinstance(left, (bool, list, dict)):
        kind = type(left).__name__  # pyright: ignore[reportUnknownArgumentType]
        raise FilterError(f"{op} cannot order {kind} values; use = or !=")
    operations: dict[str, Callable[[Any, Any], bool]] = {
        "<": lambda a, b: bool(a < b),
        "<=": lambda a, b: bool(a <= b),
        ">": lambda a, b: bool(a > b),
        ">=": lambda a, b: bool(a >= b),
    }
    return operations[op](left, right)


def filter_experiments(
    experiments: Sequence[Experiment],
    filters: str | Sequence[str] | Callable[[Experiment], bool] | None,
) -> list[Experiment]:
    """The experiments passing every filter (ANDed). A callable is applied as is.

    Raises:
        FilterError: a filter is malformed, names nothing known, or compares mismatched types.
    """
    if filters is None:
        return list(experiments)
    if callable(filters):
        predicate = filters
        return [experiment for experiment in experiments if predicate(experiment)]
    texts = [filters] if isinstance(filters, str) else list(filters)
    conditions = [parse_filter(text) for text in texts]
    check_names([(condition.name, condition.source) for condition in conditions], experiments)
    return [
        experiment
        for experiment in experiments
        if all(condition.matches(experiment) for condition in conditions)
    ]


def parse_sort(key: str) -> tuple[str, str, bool]:
    """``(name, source, descending)`` from ``"created"``, ``"val_loss-desc"``, ``"params.lr-asc"``."""
    descending = False
    if key.endswith("-desc"):
        key, descending = key[: -len("-desc")], True
    elif key.endswith("-asc"):
        key = key[: -len("-asc")]
    name, source = split_name(key.strip())
    if not name:
        raise FilterError("empty sort key: use a name such as 'created' or 'val_loss-desc'")
    return name, source, descending


def _sort_rank(value: Any) -> tuple[int, Any]:
    if isinstance(value, datetime):
        return 0, _as_utc(value).timestamp()
    if _is_number(value) and not (isinstance(value, float) and math.isnan(value)):
        return 0, float(value)
    if isinstance(value, str):
        return 1, value
    if isinstance(value, bool):
        return 2, value
    return 3, 0  # missing, None, NaN, lists and dicts: always last


def sort_experiments(experiments: Sequence[Experiment], key: str = "created") -> list[Experiment]:
    """Sorted by ``key`` (see :func:`parse_sort`). Numbers first, then strings, booleans,
    and last the experiments without a comparable value, whatever the direction.

    Raises:
        FilterError: the key names nothing known.
    """
    name, source, descending = parse_sort(key)
    check_names([(name, source)], experiments)
    ranked = [(_sort_rank(field_value(e, name, source)), e) for e in experiments]
    ordered: list[Experiment] = []
    for group in (0, 1, 2, 3):
        members = [(rank[1], e) for rank, e in ranked if rank[0] == group]
        if group < 3:
            members.sort(key=lambda item: item[0], reverse=descending)
        ordered.extend(e for _, e in members)
    return ordered
