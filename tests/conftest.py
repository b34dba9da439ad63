"""Fixtures shared by every test tree."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from prism_support import run_prism


@pytest.fixture(scope="session")
def prism_url() -> Iterator[str]:
    """Root URL of a Prism mock server serving openapi.json, started once per session."""
    yield from run_prism()
