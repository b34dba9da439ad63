"""Every example in the docstrings of ``replicate._core`` holds."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import replicate._core

MODULES = sorted(info.name for info in pkgutil.iter_modules(replicate._core.__path__))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name: str) -> None:
    module = importlib.import_module(f"replicate._core.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
