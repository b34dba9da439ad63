"""Helpers for tests/cli: the ``replicate`` command run as a user runs it, in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import AsyncIterator, Mapping, Optional

from replicate.testing import Emulator, Server, sleep

__all__ = [
    "Api",
    "Finished",
    "cli_environment",
    "echo",
    "run_cli",
    "run_cli_on_terminal",
    "ticker",
]

# Settings of the environment the tests' own process may have that would change what the
# command does: these never reach the command unless a test sets them.
_CLEARED_PREFIXES = ("REPLICATE_",)
_CLEARED = {"DO_NOT_TRACK", "CI", "NO_COLOR", "XDG_CONFIG_HOME", "APPDATA"}


@dataclass(frozen=True)
class Finished:
    """How a run of the command ended."""

    returncode: int
    stdout: str
    stderr: str


def cli_environment(home: Path, extra: Optional[Mapping[str, str]] = None) -> dict[str, str]:
    """This process's environment without Replicate or analytics settings, configs in ``home``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(_CLEARED_PREFIXES) and key not in _CLEARED
    }
    env["XDG_CONFIG_HOME"] = str(home / "config")
    env["HOME"] = str(home)
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra or {})
    return env


def run_cli(
    *args: str,
    env: Mapping[str, str],
    cwd: Optional[Path] = None,
    stdin: Optional[str] = None,
    timeout: float = 60,
) -> Finished:
    """Run ``python -m replicate ARGS`` with its output piped (not a terminal)."""
    done = subprocess.run(
        [sys.executable, "-m", "replicate", *args],
        env=dict(env),
        cwd=cwd,
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return Finished(done.returncode, done.stdout, done.stderr)


def run_cli_on_terminal(
    *args: str, env: Mapping[str, str], cwd: Optional[Path] = None, timeout: float = 60
) -> Finished:
    """Run the command with standard error on a pseudo-terminal (standard output piped).

    ``stderr`` is what the terminal showed, ``\\r`` and all.
    """
    master, slave = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "replicate", *args],
        env=dict(env),
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=slave,
    )
    os.close(slave)
    shown = bytearray()
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the last holder of the terminal's other end has gone
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    assert process.stdout is not None
    stdout = process.stdout.read().decode()
    process.stdout.close()
    returncode = process.wait(timeout)
    return Finished(returncode, stdout, shown.decode(errors="replace"))


@dataclass(frozen=True)
class Api:
    """An emulator served on loopback, and the environment that points the command at it."""

    emulator: Emulator
    server: Server
    env: dict[str, str]


async def ticker(count: int = 3, seconds: float = 1.0) -> AsyncIterator[str]:
    """Streams ``tick0 tick1 ...``, one token every ``seconds`` (emulator time)."""
    for number in range(count):
        yield f"tick{number} "
        await sleep(seconds)


def echo(document: str) -> str:
    """Outputs its input: for a file input, the URL it was uploaded to."""
    return document


def invoke(
    *args: str, env: Mapping[str, str], cwd: Optional[Path] = None, stdin: str = ""
) -> Finished:
    """Run the command in this process (fast: the SDK is imported once), output captured.

    For behaviours that do not depend on being a separate process; every command also
    has tests through :func:`run_cli`.
    """
    import io
    from contextlib import redirect_stderr, redirect_stdout
    from unittest import mock

    from replicate._cli.main import main

    out, err = io.StringIO(), io.StringIO()
    previous = Path.cwd()
    environment = mock.patch.dict(os.environ, dict(env), clear=True)
    given = mock.patch("sys.stdin", io.StringIO(stdin))
    with environment, given, redirect_stdout(out), redirect_stderr(err):
        try:
            if cwd is not None:
                os.chdir(cwd)
            returncode = main(list(args))
        finally:
            os.chdir(previous)
    return Finished(returncode, out.getvalue(), err.getvalue())
