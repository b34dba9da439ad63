"""Creates the contenders' throwaway environments once, and reuses them while they fit."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import venv
from dataclasses import dataclass
from pathlib import Path

from .contenders import Environment

__all__ = ["EnvironmentStatus", "installed_versions", "prepare"]

MARKER = ".bench-requirements.json"
"""Written after a successful install; a different requirement list means reinstall."""


@dataclass(frozen=True)
class EnvironmentStatus:
    """Whether an environment is usable, and if not, why."""

    environment: Environment
    ready: bool
    problem: str = ""


def _pip(environment: Environment, *arguments: str) -> subprocess.CompletedProcess[str]:
    command = [str(environment.python), "-m", "pip", "install", "-q"]
    command += ["--disable-pip-version-check", *arguments]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def _last_line(text: str) -> str:
    """The most telling line of pip's error output."""
    lines = [line.strip() for line in text.strip().splitlines() if not line.startswith("WARNING")]
    errors = [line for line in lines if line.lower().startswith("error")]
    chosen = errors or lines
    return chosen[-1][:200] if chosen else "no output"


def _add_to_path(environment: Environment, source: str) -> None:
    script = "import sysconfig; print(sysconfig.get_path('purelib'))"
    result = subprocess.run(
        [str(environment.python), "-c", script], capture_output=True, text=True, check=True
    )
    site_packages = Path(result.stdout.strip())
    (site_packages / "replicate-bench-source.pth").write_text(source + "\n")


def prepare(environment: Environment, *, log: bool = True) -> EnvironmentStatus:
    """Create or reuse ``environment``; never raises for an install that fails."""
    marker = environment.path / MARKER
    wanted = {"requirements": list(environment.requirements), "source": environment.source_path}
    if marker.exists() and json.loads(marker.read_text()) == wanted:
        return EnvironmentStatus(environment, ready=True)
    if log:
        print(f"setting up {environment.path} ...", file=sys.stderr, flush=True)
    if not environment.python.exists():
        venv.EnvBuilder(with_pip=True, clear=True).create(environment.path)
    result = _pip(environment, *environment.requirements)
    if result.returncode != 0:
        problem = f"pip install failed: {_last_line(result.stderr)}"
        return EnvironmentStatus(environment, ready=False, problem=problem)
    if environment.source_path:
        _add_to_path(environment, environment.source_path)
    marker.write_text(json.dumps(wanted))
    return EnvironmentStatus(environment, ready=True)


def installed_versions(environment: Environment) -> dict[str, str]:
    """Versions of the environment's listed distributions (missing ones are left out)."""
    script = (
        "import json, sys\n"
        "from importlib import metadata\n"
        "found = {}\n"
        "for name in sys.argv[1:]:\n"
        "    try:\n"
        "        found[name] = metadata.version(name)\n"
        "    except metadata.PackageNotFoundError:\n"
        "        pass\n"
        "found['python'] = sys.version.split()[0]\n"
        "print(json.dumps(found))\n"
    )
    command = [str(environment.python), "-c", script, *environment.distributions]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return {}
    versions: dict[str, str] = json.loads(result.stdout)
    if environment.source_path:
        version_file = Path(environment.source_path) / "replicate" / "_version.py"
        found = re.search(r"__version__\s*=\s*[\"']([^\"']+)", version_file.read_text())
        versions = {"replicate (source)": found.group(1) if found else "unknown", **versions}
    return versions
