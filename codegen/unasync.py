"""Generate the sync twin of every async module and test, file for file, by renaming.

The async code is the source of truth. Each rule of ``RULES`` is a regex
substitution; a rule that matches nothing across a whole run is an error, so the
table cannot keep rules for code that no longer exists. What renaming cannot
express is written by hand in pairs: an async file whose first line is
``# unasync: skip`` is not converted, and its sync counterpart is left alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .header import generated_header, is_generated, sha256_of, strip_header

__all__ = [
    "FORBIDDEN",
    "RULES",
    "SKIP_MARKER",
    "TREES",
    "ForbiddenPatternError",
    "Rule",
    "UnasyncResult",
    "UnusedRulesError",
    "plan_unasync",
    "unasync_text",
]

SKIP_MARKER = "# unasync: skip"

# (async source tree, sync output tree), relative to the repository root.
TREES: tuple[tuple[str, str], ...] = (
    ("src/replicate/_async", "src/replicate/_sync"),
    ("tests/_async", "tests/_sync"),
)


@dataclass(frozen=True)
class Rule:
    """One substitution: ``pattern`` (a regex) is replaced by ``replacement``."""

    pattern: str
    replacement: str
    flags: int = 0
    compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compiled", re.compile(self.pattern, self.flags))


# Order matters: specific names are rewritten before the general ``AsyncX`` → ``X``.
RULES: tuple[Rule, ...] = (
    # The async paginator is awaitable and async-iterable; the sync client returns the page.
    Rule(
        r"\bAsyncPaginator\[\s*([\w.]+),\s*AsyncCursorURLPage(WithCreatedFilters)?\[\s*\1\s*\],?\s*\]",
        r"SyncCursorURLPage\2[\1]",
    ),
    # Page classes keep a prefix in both worlds (2.x names them SyncCursorURLPage).
    Rule(r"\bAsyncCursorURLPage(WithCreatedFilters)?\b", r"SyncCursorURLPage\1"),
    # Without this, the general rule below would still be right, but httpx is named explicitly
    # so that a different httpx class name never slips through unnoticed.
    Rule(r"\bhttpx\.AsyncClient\b", "httpx.Client"),
    # httpx.ByteStream is a concrete body; the base class of sync bodies is SyncByteStream.
    Rule(r"\bhttpx\.AsyncByteStream\b", "httpx.SyncByteStream"),
    Rule(r"\basync_to_(raw|streamed)_response_wrapper\b", r"to_\1_response_wrapper"),
    # Sleeping differs by world; replicate._primitives is written by hand as a pair.
    Rule(r"\basync_sleep\b", "sleep"),
    # The emulator's in-process transports: async_transport() for httpx.AsyncClient.
    Rule(r"\.async_transport\(\)", ".transport()"),
    Rule(r"\breplicate\._async\b", "replicate._sync"),
    Rule(r"\bAsync([A-Z]\w*)", r"\1"),
    Rule(r"\basync def\b", "def"),
    Rule(r"\basync for\b", "for"),
    Rule(r"\basync with\b", "with"),
    Rule(r"\bawait ", ""),
    Rule(r"\b__a(enter|exit|iter|next)__\b", r"__\1__"),
    Rule(r"\baclose\b", "close"),
    # httpx names a response's async readers with an ``a``: aread, aiter_bytes, ...
    Rule(r"\.a(read|iter_bytes|iter_text|iter_lines)\(", r".\1("),
)

# Async idioms with no faithful rename: they must go through a hand-written pair.
FORBIDDEN: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"\b(asyncio|anyio)\.sleep\b"),
        "sleep through replicate._primitives.async_sleep (its sync twin is a hand-written sleep)",
    ),
)


class UnusedRulesError(Exception):
    """Some rules matched nothing in a whole run; the table must be trimmed."""

    def __init__(self, unused: Sequence[Rule]) -> None:
        self.unused = list(unused)
        listed = "\n".join(f"  {rule.pattern!r} -> {rule.replacement!r}" for rule in unused)
        super().__init__(
            f"unasync rules that matched nothing (remove them from codegen/unasync.py):\n{listed}"
        )


class ForbiddenPatternError(Exception):
    """An async source uses something that renaming cannot turn into sync code."""


@dataclass
class UnasyncResult:
    """What a run produces: sync files by path (relative to the root) and the stale ones."""

    files: dict[Path, str]
    stale: list[Path]
    unused: list[Rule]


def unasync_text(
    text: str, usage: Counter[str] | None = None, rules: Sequence[Rule] = RULES
) -> str:
    """Apply every rule to ``text``; count matches per rule pattern in ``usage``."""
    for rule in rules:
        text, count = rule.compiled.subn(rule.replacement, text)
        if usage is not None:
            usage[rule.pattern] += count
    return text


def _check_forbidden(relpath: str, text: str) -> None:
    for pattern, advice in FORBIDDEN:
        match = pattern.search(text)
        if match is not None:
            line = text.count("\n", 0, match.start()) + 1
            raise ForbiddenPatternError(
                f"{relpath}:{line}: {match.group(0)} cannot be unasynced; {advice}"
            )


def plan_unasync(
    root: Path, trees: Sequence[tuple[str, str]] = TREES, rules: Sequence[Rule] = RULES
) -> UnasyncResult:
    """Work out every sync file from the async trees under ``root``, without writing.

    A sync file that exists but is neither produced here nor the hand-written twin of a
    skipped async file is stale if it carries a generated header; without one it is
    somebody's hand-written work in a generated tree, which is an error.
    """
    usage: Counter[str] = Counter()
    files: dict[Path, str] = {}
    hand_pairs: set[Path] = set()
    for source_dir, target_dir in trees:
        source_root = root / source_dir
        if not source_root.is_dir():
            continue
        for source in sorted(source_root.rglob("*.py")):
            if "__pycache__" in source.parts:
                continue
            relative = source.relative_to(source_root)
            target = Path(target_dir) / relative
            raw = source.read_bytes()
            text = raw.decode("utf-8")
            if text.startswith(SKIP_MARKER):
                hand_pairs.add(target)
                continue
            relpath = source.relative_to(root).as_posix()
            body = strip_header(text)
            _check_forbidden(relpath, body)
            converted = unasync_text(body, usage, rules)
            files[target] = generated_header(relpath, sha256_of(raw)) + "\n" + converted
    stale: list[Path] = []
    for _, target_dir in trees:
        target_root = root / target_dir
        if not target_root.is_dir():
            continue
        for existing in sorted(target_root.rglob("*")):
            if not existing.is_file() or "__pycache__" in existing.parts:
                continue
            relative = existing.relative_to(root)
            if relative in files or relative in hand_pairs:
                continue
            if existing.suffix == ".py" and is_generated(existing.read_text("utf-8")):
                stale.append(relative)
            else:
                raise RuntimeError(
                    f"{relative} is in a generated tree but is not generated; move it to the "
                    f"async tree, or mark its async twin with {SKIP_MARKER!r} as a hand-written pair"
                )
    unused = [rule for rule in rules if usage[rule.pattern] == 0]
    return UnasyncResult(files=files, stale=stale, unused=unused)
