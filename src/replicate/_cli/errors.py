"""How a command fails: one line on standard error and an exit status.

```
CLIError        exit 1: the command could not do its job (not found, unreachable, ...)
├── UsageError  exit 2: the command line itself is wrong (bad flag, bad filter, ...)
└── Interrupted exit 130: Ctrl-C, after cleaning up (a prediction canceled, ...)
```
"""

from __future__ import annotations

__all__ = ["EXIT_ERROR", "EXIT_INTERRUPTED", "EXIT_USAGE", "CLIError", "Interrupted", "UsageError"]

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
"""128 + SIGINT, as shells report a command stopped by Ctrl-C."""


class CLIError(Exception):
    """A failure to report as ``error: <message>`` with exit status 1."""

    exit_code = EXIT_ERROR


class UsageError(CLIError):
    """A wrong command line: reported like :class:`CLIError`, with exit status 2."""

    exit_code = EXIT_USAGE


class Interrupted(CLIError):
    """Ctrl-C, reported after what it interrupted was cleaned up; exit status 130."""

    exit_code = EXIT_INTERRUPTED
