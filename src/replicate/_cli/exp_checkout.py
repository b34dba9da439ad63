"""``replicate checkout <id>``: copy an experiment's or checkpoint's files into a directory.

An experiment id checks out its code, overlaid with its best checkpoint (else its latest);
a checkpoint id, its experiment's code overlaid with that checkpoint. Files are first
written to a staging directory beside the target, so that nothing is overwritten until
it is known what would be: files that exist with other contents are replaced only after
a yes at the prompt, or with ``--force``. ``replicate.yaml`` is never written, and a
line on standard error says when one was left out.
"""

from __future__ import annotations

import argparse
import contextlib
import filecmp
import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Optional

from .errors import CLIError
from .exp_common import add_repository_options, experiment_errors, open_repository
from .exp_ids import find

if TYPE_CHECKING:
    from ..experiments import Checkpoint, Experiment
    from .console import Console

__all__ = ["configure"]


def configure(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``replicate checkout``."""
    parser.add_argument(
        "ids", nargs=1, metavar="ID", help="an experiment or checkpoint id (or a unique prefix)"
    )
    parser.add_argument(
        "-o",
        "--output-directory",
        metavar="DIR",
        type=Path,
        help="where to write the files (default: the project directory)",
    )
    parser.add_argument(
        "-f", "--force", action="store_true", help="overwrite files that differ, without asking"
    )
    parser.add_argument(
        "--path", metavar="PATH", help="check out only this file or directory (as saved)"
    )
    add_repository_options(parser)
    parser.set_defaults(handler=experiment_errors(_checkout))


def _resolve(found: object) -> tuple[Experiment, Optional[Checkpoint]]:
    from ..experiments import Experiment

    if isinstance(found, Experiment):
        return found, found.best() or found.latest()
    checkpoint: Checkpoint = found  # type: ignore[assignment]
    assert checkpoint.experiment is not None
    return checkpoint.experiment, checkpoint


def _stage(experiment: Experiment, checkpoint: Optional[Checkpoint], stage: Path) -> None:
    """The experiment's files, then the checkpoint's over them, written under ``stage``."""
    from ..experiments import DoesNotExistError

    for source in (experiment, checkpoint):
        # One that saved no files raises; the other may still have some.
        if source is not None:
            with contextlib.suppress(DoesNotExistError):
                source.checkout(stage)


def _staged_files(stage: Path, only: Optional[str]) -> tuple[list[str], set[str]]:
    """The staged files to check out (all, or those under ``only``), and the
    configuration files among them that are left out."""
    from ..experiments._repo import CONFIG_FILES

    found: list[str] = []
    skipped: set[str] = set()
    for root, _, names in os.walk(stage):
        for name in names:
            relative = (Path(root) / name).relative_to(stage).as_posix()
            if relative in CONFIG_FILES:
                skipped.add(relative)  # the target keeps its own configuration
                continue
            if only is not None and relative != only and not relative.startswith(only + "/"):
                continue
            found.append(relative)
    return sorted(found), skipped


def _saved_configuration(experiment: Experiment) -> set[str]:
    """The configuration files (``replicate.yaml``...) the experiment saved, which its
    checkout leaves out; known from the manifest of what it saved (this library's format)."""
    from ..experiments import DoesNotExistError
    from ..experiments._repo import CONFIG_FILES

    if experiment.files is None or experiment.repository is None:
        return set()
    try:
        entries = experiment.repository.read_manifest(experiment.files.manifest)
    except DoesNotExistError:
        return set()  # then the checkout itself says what is missing
    return {entry.path for entry in entries if entry.path in CONFIG_FILES}


def _conflicts(stage: Path, target: Path, files: list[str]) -> list[str]:
    """Files that exist in ``target`` with other contents (or as directories)."""
    clashing: list[str] = []
    for relative in files:
        existing = target / relative
        if existing.is_dir() or (
            existing.exists() and not filecmp.cmp(stage / relative, existing, shallow=False)
        ):
            clashing.append(relative)
    return clashing


def _checkout(args: argparse.Namespace, console: Console) -> int:
    from ..experiments import Project
    from ..experiments._repo import CONFIG_FILES

    project = Project(repository=args.repository, directory=args.project_directory)
    experiment, checkpoint = _resolve(find(open_repository(args), args.ids[0]))
    target: Path = args.output_directory or project.directory
    if target.exists() and not target.is_dir():
        raise CLIError(f"{target} is a file, not a directory")
    target.mkdir(parents=True, exist_ok=True)
    only = None if args.path is None else PurePosixPath(args.path.strip("/")).as_posix()
    if only in CONFIG_FILES:
        raise CLIError(f"{only} is never checked out: the project keeps its own configuration")
    stage = Path(tempfile.mkdtemp(prefix=".replicate-checkout-", dir=target))
    try:
        _stage(experiment, checkpoint, stage)
        files, skipped = _staged_files(stage, only)
        if only is None:
            skipped |= _saved_configuration(experiment)
        what = f"experiment {experiment.short_id}" + (
            f" or checkpoint {checkpoint.short_id}" if checkpoint is not None else ""
        )
        if not files:
            if only is not None:
                raise CLIError(f"{only} is in neither {what.replace(' or ', ' nor ')}")
            raise CLIError(f"nothing to check out: {what.replace(' or ', ' and ')} saved no files")
        clashing = _conflicts(stage, target, files)
        if clashing and not args.force:
            shown = ", ".join(clashing[:5]) + (
                f" and {len(clashing) - 5} more" if len(clashing) > 5 else ""
            )
            console.info(f"These files in {target} differ from the checkout: {shown}")
            if not console.confirm(
                f"Overwrite {len(clashing)} file{'s' if len(clashing) != 1 else ''}?"
            ):
                raise CLIError(
                    "nothing checked out; use --force to overwrite the files that differ"
                )
        for relative in files:
            destination = target / relative
            if destination.is_dir():
                shutil.rmtree(destination)
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.replace(stage / relative, destination)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    if skipped:
        names = ", ".join(sorted(skipped))
        console.info(f"Skipped {names}: checkout never writes the project's configuration")
    source = f"checkpoint {checkpoint.short_id} of " if checkpoint is not None else ""
    console.print(
        f"Checked out {len(files)} file{'s' if len(files) != 1 else ''} from {source}experiment {experiment.short_id} to {target}"
    )
    if experiment.command:
        console.print(f"To run it again: {experiment.command}")
    return 0
