"""What an experiment records about where it ran: user, host, command, Python and packages."""

from __future__ import annotations

import functools
import getpass
import os
import platform
import shlex
import sys

__all__ = ["command", "host", "python_packages", "python_version", "user"]


def user() -> str:
    """``REPLICATE_USER``, else the login name."""
    try:
        return os.environ.get("REPLICATE_USER") or getpass.getuser()
    except (KeyError, OSError):
        return ""


def host() -> str:
    """``REPLICATE_HOST``, else the host name (never an address looked up on the network)."""
    return os.environ.get("REPLICATE_HOST") or platform.node()


def command() -> str:
    """``REPLICATE_COMMAND``, else the command line of this process."""
    override = os.environ.get("REPLICATE_COMMAND")
    if override:
        return override
    return shlex.join([os.path.basename(sys.executable), *sys.argv])


def python_version() -> str:
    return platform.python_version()


@functools.lru_cache(maxsize=1)
def _installed() -> dict[str, list[tuple[str, str]]]:
    """``{top-level module: [(distribution, version)]}``, read once per process (~0.3 s)."""
    from importlib import metadata

    mapping = getattr(metadata, "packages_distributions", None)
    if mapping is None:  # Python 3.9
        return {}
    versions: dict[str, str] = {}
    installed: dict[str, list[tuple[str, str]]] = {}
    for module, distributions in mapping().items():
        for distribution in distributions:
            if distribution not in versions:
                try:
                    versions[distribution] = metadata.version(distribution)
                except metadata.PackageNotFoundError:
                    continue
            installed.setdefault(module, []).append((distribution, versions[distribution]))
    return installed


def python_packages() -> dict[str, str]:
    """``{distribution: version}`` of the installed distributions this process imported."""
    imported = {name.partition(".")[0] for name in list(sys.modules)}
    installed = _installed()
    packages = {
        distribution: version
        for module in imported
        for distribution, version in installed.get(module, [])
    }
    return dict(sorted(packages.items()))
