"""What the experiment commands share: ``-R``/``-D``, opening the repository, their errors.

Experiment commands never read ``REPLICATE_API_TOKEN`` and make no network calls except
to the repository.
"""

from __future__ import annotations

import argparse
import functools
import gc
import re
from typing import TYPE_CHECKING, Callable, Optional

from .errors import CLIError, UsageError

if TYPE_CHECKING:
    from pathlib import Path

    from ..experiments import Repository
    from .console import Console

__all__ = [
    "add_ignored_project_directory",
    "add_repository_options",
    "experiment_errors",
    "open_repository",
]

Handler = Callable[[argparse.Namespace, "Console"], int]

# Prediction ids are 26 lowercase letters and digits; experiment ids are hex.
_PREDICTION_ID = re.compile(r"[a-z0-9]{26}")


def add_repository_options(parser: argparse.ArgumentParser) -> None:
    """``-R/--repository`` and ``-D/--project-directory``, also accepted before the verb."""
    group = parser.add_argument_group("repository options")
    group.add_argument(
        "-R",
        "--repository",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="repository URL, e.g. s3://my-bucket or file:///data/repo "
        "(default: the one replicate.yaml names)",
    )
    _add_project_directory(
        group.add_argument,
        "project directory (default: nearest parent directory with replicate.yaml)",
    )


def _add_project_directory(add_argument: Callable[..., object], help: str) -> None:
    """``-D`` with ``add_argument`` of a parser or of one of its groups."""
    add_argument("-D", "--project-directory", metavar="DIR", default=argparse.SUPPRESS, help=help)


def add_ignored_project_directory(parser: argparse.ArgumentParser) -> None:
    """``-D/--project-directory`` on a command that has no use for it (``analytics``,
    ``feedback``): Keepsake took it on every command, so scripts may pass it."""
    _add_project_directory(
        parser.add_argument, "accepted, as Keepsake's command did; no effect here"
    )


def open_repository(args: argparse.Namespace) -> Repository:
    """The repository the command line names (``-R``), or the project's (``-D`` or here).

    Raises:
        RepositoryError: ``-R`` names a local directory that does not exist (a typo
            would otherwise list as an empty repository).
    """
    from ..experiments import RepositoryError
    from ..experiments import open_repository as open_named

    named: Optional[str] = args.repository
    if named is not None:
        local = _local_path(named)
        if local is not None and not local.is_dir():
            raise RepositoryError(
                f"no repository at {local}: -R takes an existing directory or a URL such as "
                "s3://bucket/path"
            )
    return open_named(repository=named, directory=args.project_directory)


def _local_path(named: str) -> Optional[Path]:
    """The directory a ``-R`` value names on this machine, or ``None`` for a remote URL."""
    from pathlib import Path

    if named.startswith("file://"):
        from urllib.parse import unquote, urlparse

        return Path(unquote(urlparse(named).path))
    if "://" in named:
        return None
    return Path(named).expanduser()


def experiment_errors(handler: Handler) -> Handler:
    """``handler`` with the experiment library's errors reported as one-line CLI errors.

    A bad filter or sort key is a usage error (exit 2); an unknown id says when it looks
    like a prediction id; everything else is an error (exit 1).

    The cyclic garbage collector is paused while the command runs: listing a large
    repository builds millions of objects that all stay alive until the command ends,
    and each collection would walk them all again (it made ``ls`` of 10,000 experiments
    over a second slower).
    """

    @functools.wraps(handler)
    def guarded(args: argparse.Namespace, console: Console) -> int:
        from ..experiments import DoesNotExistError, ExperimentsError, FilterError

        collecting = gc.isenabled()
        gc.disable()
        try:
            return handler(args, console)
        except FilterError as error:
            raise UsageError(str(error)) from None
        except DoesNotExistError as error:
            given: list[str] = list(getattr(args, "ids", None) or [])
            ids = [value for value in given if _PREDICTION_ID.fullmatch(value)]
            hint = f" (for a prediction, run: replicate prediction get {ids[0]})" if ids else ""
            raise CLIError(f"{error}{hint}") from None
        except ExperimentsError as error:
            raise CLIError(str(error)) from None
        except BrokenPipeError:
            raise  # the reader of the output went away: not the repository's fault
        except OSError as error:  # the local disk: permissions, space, a path in the way
            raise CLIError(str(error)) from None
        finally:
            if collecting:
                gc.enable()

    return guarded
