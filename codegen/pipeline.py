"""The steps of a full generation run, and the ``--check`` that replays them in a copy."""

from __future__ import annotations

import filecmp
import shutil
import sys
import tempfile
from pathlib import Path

from .output import write_files
from .unasync import ForbiddenPatternError, UnusedRulesError, plan_unasync

__all__ = [
    "GENERATED_DIRS",
    "GENERATED_FILES",
    "check_generated",
    "generate_all",
    "run_unasync_step",
]

# Everything below these paths is generated (hand-written pairs in _sync are left alone
# by the generator and compared like the rest, so they never show up as differences).
GENERATED_DIRS: tuple[str, ...] = (
    "src/replicate/types",
    "src/replicate/_async/resources",
    "src/replicate/_sync",
    "tests/_sync",
)
GENERATED_FILES: tuple[str, ...] = ("api.md",)
# What a regeneration reads: copied into a temporary root by --check.
_INPUTS: tuple[str, ...] = ("src", "tests", "openapi.json", "pyproject.toml", "api.md")


def run_unasync_step(root: Path, *, allow_unused: bool = False) -> int:
    """Regenerate the sync trees; non-zero when a rule matched nothing (unless allowed)."""
    try:
        result = plan_unasync(root)
    except ForbiddenPatternError as exc:
        print(f"unasync: {exc}", file=sys.stderr)
        return 1
    write_files(root, result.files, result.stale)
    if result.unused:
        error = UnusedRulesError(result.unused)
        if allow_unused:
            print(f"unasync (warning): {error}", file=sys.stderr)
            return 0
        print(f"unasync: {error}", file=sys.stderr)
        return 1
    return 0


def generate_all(root: Path) -> int:
    """Regenerate models, resources, ``api.md`` and the sync twins from ``openapi.json``."""
    spec = root / "openapi.json"
    if spec.exists():
        from .generate import generate_from_spec

        generate_from_spec(root)
    return run_unasync_step(root)


def _generated_paths(root: Path) -> set[Path]:
    found: set[Path] = set()
    for directory in GENERATED_DIRS:
        base = root / directory
        if base.is_dir():
            found.update(
                p.relative_to(root)
                for p in base.rglob("*")
                if p.is_file() and "__pycache__" not in p.parts
            )
    found.update(Path(name) for name in GENERATED_FILES if (root / name).exists())
    return found


def check_generated(root: Path) -> int:
    """Regenerate in a temporary copy of ``root``; list changed, missing and extra files."""
    with tempfile.TemporaryDirectory(prefix="codegen-check-") as tmp:
        copy = Path(tmp)
        for name in _INPUTS:
            source = root / name
            if source.is_dir():
                shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
            elif source.exists():
                shutil.copy2(source, copy / name)
        status = generate_all(copy)
        if status != 0:
            return status
        expected = _generated_paths(copy)
        actual = _generated_paths(root)
        problems = [f"missing: {p}" for p in sorted(expected - actual)]
        problems += [f"extra:   {p}" for p in sorted(actual - expected)]
        problems += [
            f"changed: {p}"
            for p in sorted(expected & actual)
            if not filecmp.cmp(copy / p, root / p, shallow=False)
        ]
    if problems:
        print("generated files are out of date (run `python -m codegen`):", file=sys.stderr)
        for line in problems:
            print(f"  {line}", file=sys.stderr)
        return 1
    return 0
