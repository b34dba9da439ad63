"""Fixtures: a small repository root holding the mini spec and an async module, in a temp dir."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# The generator is a package at the repository root, not part of the installed SDK.
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
FIXTURES = Path(__file__).resolve().parent / "fixtures"
UPSTREAM = REPO.parent / "shared" / "upstream" / "replicate-openapi.json"


@pytest.fixture
def mini_root(tmp_path: Path) -> Path:
    """A repository root with the mini spec, the project's ruff settings and one async module."""
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copy(FIXTURES / "mini-openapi.json", tmp_path / "openapi.json")
    async_dir = tmp_path / "src" / "replicate" / "_async"
    async_dir.mkdir(parents=True)
    shutil.copy(FIXTURES / "async_sample.py", async_dir / "_sample.py")
    return tmp_path
