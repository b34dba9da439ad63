"""Run the project's pinned ruff over generated files, so output never depends on a template's layout."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

__all__ = ["PINNED_RUFF", "format_python", "ruff_executable"]

# The output of `ruff format` changes between releases; generated files are compared
# byte for byte by `--check`, so one exact version is required.
PINNED_RUFF = "0.17.6"


def ruff_executable() -> str:
    """The ruff next to the running interpreter (the dev venv), else the one on PATH."""
    beside = Path(sys.executable).parent / "ruff"
    if beside.exists():
        return str(beside)
    found = shutil.which("ruff")
    if found is None:
        raise RuntimeError(f"ruff {PINNED_RUFF} is needed; install it in the venv running codegen")
    return found


def _check_version(ruff: str) -> None:
    out = subprocess.run([ruff, "--version"], capture_output=True, text=True, check=True).stdout
    version = out.split()[-1]
    if version != PINNED_RUFF:
        raise RuntimeError(
            f"codegen formats with ruff {PINNED_RUFF} but found {version} at {ruff}; "
            f"install the pinned version (pip install ruff=={PINNED_RUFF})"
        )


def format_python(paths: Sequence[Path], cwd: Path) -> None:
    """Fix what ruff can fix (import order, unused imports left by renames) and format.

    ``cwd`` is the repository root whose ``pyproject.toml`` holds the ruff settings.
    Lint findings that cannot be fixed are not an error here: the project's own
    ``ruff check`` reports them against the source they came from.
    """
    files = [str(p) for p in paths if p.suffix == ".py"]
    if not files:
        return
    ruff = ruff_executable()
    _check_version(ruff)
    # Import grouping must not depend on whether the package is importable where we run.
    first_party = ["--config", "lint.isort.known-first-party = ['replicate']"]
    for chunk_start in range(0, len(files), 200):
        chunk = files[chunk_start : chunk_start + 200]
        # `async for x in it: yield x` becomes a plain loop that ruff wants as `yield from`;
        # for the plain iterators of sync twins that rewrite is exact.
        subprocess.run(
            [
                ruff,
                "check",
                "--fix",
                "--unsafe-fixes",
                "--select",
                "UP028",
                "--exit-zero",
                "--quiet",
                *chunk,
            ],
            cwd=cwd,
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [ruff, "check", "--fix", "--exit-zero", "--quiet", *first_party, *chunk],
            cwd=cwd,
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [ruff, "format", "--quiet", *chunk], cwd=cwd, check=True, capture_output=True
        )
