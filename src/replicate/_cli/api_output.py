"""Printing what predictions and trainings produced: text, JSON, or files saved to disk."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Union

from .api_common import as_json
from .errors import CLIError

if TYPE_CHECKING:
    from .._sync._client import Replicate
    from .._sync._objects import Prediction, Training
    from .console import Console

__all__ = ["check_finished", "print_output", "report", "save_files", "wait_with_progress"]


def _file_name(url: str, taken: set[str]) -> str:
    from urllib.parse import unquote, urlsplit

    name = Path(unquote(urlsplit(url).path)).name or "output"
    stem, suffix = Path(name).stem, Path(name).suffix
    number = 1
    while name in taken:
        number += 1
        name = f"{stem}-{number}{suffix}"
    taken.add(name)
    return name


def save_files(client: Replicate, output: object, directory: Path) -> object:
    """``output`` with each file URL in it replaced by the path it was saved to in ``directory``.

    Existing files in ``directory`` are never overwritten: a new name gets ``-2``, ``-3``...

    Raises:
        CLIError: ``directory`` exists and is not a directory.
    """
    from .._core.outputs import transform_output_files
    from .._sync._file_output import FileOutput

    if directory.exists() and not directory.is_dir():
        raise CLIError(f"--output-dir {directory} is not a directory")
    directory.mkdir(parents=True, exist_ok=True)
    taken = {path.name for path in directory.iterdir()}

    def save(url: str) -> str:
        return str(FileOutput(url, client).save(directory / _file_name(url, taken)))

    return transform_output_files(output, save)


def print_output(console: Console, output: object) -> None:
    """A string as it is, a list of strings one per line, anything else as JSON."""
    if output is None:
        return
    if isinstance(output, str):
        console.print(output)
    elif isinstance(output, list) and all(isinstance(item, str) for item in output):  # pyright: ignore[reportUnknownVariableType]
        for item in output:  # pyright: ignore[reportUnknownVariableType]
            console.print(str(item))  # pyright: ignore[reportUnknownArgumentType]
    else:
        console.json(output)


def wait_with_progress(job: Union[Prediction, Training], console: Console) -> None:
    """Wait for ``job`` to finish, with a progress bar on standard error if it is a terminal."""
    from .progress import bar_for

    bar = bar_for(console)
    try:
        job.wait(progress=bar)
    finally:
        if bar is not None:
            bar.finish()


def check_finished(job: Union[Prediction, Training], console: Console) -> None:
    """Raise unless ``job`` succeeded (its logs go to standard error with ``--verbose``).

    Raises:
        CLIError: it failed or was canceled.
    """
    kind = "training" if type(job).__name__ == "Training" else "prediction"
    if job.status == "failed":
        if job.logs:
            console.debug(job.logs.rstrip("\n"))
        raise CLIError(f"{kind} {job.id} failed: {job.error or 'no error given'}")
    if job.status == "canceled":
        raise CLIError(f"{kind} {job.id} was canceled")


def report(
    client: Replicate,
    job: Union[Prediction, Training],
    console: Console,
    *,
    as_json_document: bool,
    output_dir: Optional[Path] = None,
    output_printed: bool = False,
) -> None:
    """Print a finished job's output (saving files first with ``output_dir``), or all of it as JSON."""
    check_finished(job, console)
    output: Any = as_json(job.output)
    if output_dir is not None:
        output = save_files(client, output, output_dir)
    if as_json_document:
        document = as_json(job)
        document["output"] = output
        console.json(document)
    elif not output_printed:
        print_output(console, output)
