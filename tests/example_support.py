"""Helpers for tests/examples: running the example scripts against a loopback emulator."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from replicate.testing import DEFAULT_TOKEN, Emulator, Server

__all__ = ["EXAMPLES", "Served", "clean_environment", "load_example", "run_example", "run_script"]

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@dataclass(frozen=True)
class Served:
    """An emulator and the loopback server it answers on."""

    emulator: Emulator
    server: Server


def load_example(name: str) -> ModuleType:
    """Import ``examples/<name>.py`` as a module (its ``__main__`` block does not run)."""
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def clean_environment() -> dict[str, str]:
    """This process's environment without any Replicate settings."""
    return {key: value for key, value in os.environ.items() if not key.startswith("REPLICATE_")}


STRICT_PYTHON = ("-X", "dev", "-W", "error")
"""Interpreter options for scripts run by the tests: development mode, warnings as errors."""


def assert_clean(stderr: str) -> None:
    """No warning and no error swallowed in a destructor (``Exception ignored in ...``)."""
    assert "Warning" not in stderr, stderr
    assert "Exception ignored" not in stderr, stderr


def run_script(
    name: str, *args: str, env: dict[str, str], cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``examples/<name>`` with this Python; returns its exit code and output.

    It runs in development mode with warnings as errors: an unclosed socket or a
    deprecated call fails it (see :func:`assert_clean`).
    """
    return subprocess.run(
        [sys.executable, *STRICT_PYTHON, str(EXAMPLES / name), *args],
        env={**env, "PYTHONUNBUFFERED": "1"},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def run_example(name: str, served: Served) -> subprocess.CompletedProcess[str]:
    """Run an example configured, as a user would, through its environment to use ``served``."""
    env = clean_environment()
    env["REPLICATE_API_TOKEN"] = DEFAULT_TOKEN
    env["REPLICATE_BASE_URL"] = served.server.base_url
    return run_script(name, env=env)
