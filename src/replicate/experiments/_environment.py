"""What an experiment records about where it ran: user, host, command, Python and packages."""

from __future__ import annotations

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


def python_packages() -> dict[str, str]:
    """``{distribution: version}`` of the installed distributions this process imported."""
    from importlib import metadata

    imported = {name.partition(".")[0] for name in list(sys.modules)}
    packages: dict[str, str] = {}
    mapping = getattr(metadata, "packages_distributions", None)
    if mapping is None:  # Python 3.9
        return packages
    for module, distributions in mapping().items():
        if module not in imported:
            continue
        for distribution in distributions:
            try:
                packages[distribution] = metadata.version(distribution)
            except metadata.PackageNotFoundError:
                continue
    return dict(sorted(packages.items()))
