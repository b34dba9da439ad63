"""``replicate run`` and ``replicate stream``: run a model from the terminal.

``run`` starts a prediction, shows a progress bar on standard error (from the bars in
the model's logs) while it works, then prints its output; a language model's text is
printed as it arrives. Ctrl-C cancels the prediction on the server.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from .api_common import as_json, make_client
from .errors import EXIT_INTERRUPTED, CLIError, UsageError
from .inputs import build_input, input_properties

if TYPE_CHECKING:
    from .._core.refs import ModelRef
    from .._sync._client import Replicate
    from .._sync._objects import Prediction
    from .console import Console

__all__ = ["configure_run", "configure_stream"]


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "model", metavar="MODEL", help="owner/name, owner/name:version or a 64-character version id"
    )
    parser.add_argument(
        "inputs",
        nargs="*",
        metavar="KEY=VALUE",
        help="an input of the model; KEY=@PATH sends a local file",
    )
    parser.add_argument(
        "--json", action="store_true", help="print the finished prediction as JSON instead"
    )


def configure_run(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``replicate run``."""
    parser.epilog = """\
examples:
  replicate run replicate/hello-world text=Alice
  replicate run black-forest-labs/flux-schnell prompt="a lighthouse" -o images/
  replicate run salesforce/blip image=@photo.jpg"""
    _add_common(parser)
    parser.add_argument(
        "-o",
        "--output-dir",
        metavar="DIR",
        type=Path,
        help="save output files in DIR and print their paths (default: print their URLs)",
    )
    parser.add_argument(
        "--wait",
        type=float,
        metavar="N",
        default=0.0,
        help="ask the API to hold the first request up to N seconds (1-60) until the "
        "prediction is done (default: 0, do not hold)",
    )
    parser.set_defaults(handler=_run, force_stream=False)


def configure_stream(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``replicate stream``."""
    parser.epilog = """\
example:
  replicate stream meta/meta-llama-3-8b-instruct prompt="Write a haiku about llamas" """
    _add_common(parser)
    parser.set_defaults(handler=_run, force_stream=True, output_dir=None, wait=0.0)


def _parse_ref(text: str) -> ModelRef:
    from .._core.refs import parse_ref

    try:
        return parse_ref(text)
    except ValueError as error:
        raise UsageError(str(error)) from None


def _openapi_schema(client: Replicate, ref: ModelRef) -> object:
    """The version's OpenAPI document, or ``None`` when it cannot be known.

    Raises:
        CLIError: the model (or the version) does not exist.
    """
    from .._exceptions import NotFoundError

    if ref.owner is None or ref.name is None:
        return None  # a bare version id: nothing to look its model up by
    try:
        if ref.version is not None:
            version = client.models.versions.get(ref.owner, ref.name, ref.version)
            return version.openapi_schema
        model = client.models.get(ref.owner, ref.name)
    except NotFoundError:
        what = f"version {ref.version} of {ref.model}" if ref.version else f"model {ref.model}"
        raise CLIError(f"{what} not found") from None
    latest = model.latest_version
    return None if latest is None else latest.openapi_schema


def _stream_text(client: Replicate, prediction: Prediction, console: Console) -> None:
    for event in prediction.stream():
        if event.event == "output":
            console.print(str(event), end="", flush=True)
        elif event.event == "logs":
            console.debug(event.data)
    console.print()
    prediction.reload()


def _should_stream(schema: object, prediction: Prediction, force: bool) -> bool:
    if force:
        return True
    if not prediction.urls.stream:
        return False
    if schema is None:
        return True  # a model that streams but shows no schema (official language models)
    from .._core.output_schema import is_concatenate_iterator, output_schema

    if not isinstance(schema, dict):
        return False
    return is_concatenate_iterator(output_schema(schema))  # pyright: ignore[reportUnknownArgumentType]


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


def _save_files(client: Replicate, output: object, directory: Path) -> object:
    """``output`` with each file URL replaced by the path it was saved to."""
    from .._core.outputs import transform_output_files
    from .._sync._file_output import FileOutput

    if directory.exists() and not directory.is_dir():
        raise CLIError(f"--output-dir {directory} is not a directory")
    directory.mkdir(parents=True, exist_ok=True)
    taken = {path.name for path in directory.iterdir()}

    def save(url: str) -> str:
        return str(FileOutput(url, client).save(directory / _file_name(url, taken)))

    return transform_output_files(output, save)


def _print_output(console: Console, output: object) -> None:
    if output is None:
        return
    if isinstance(output, str):
        console.print(output)
    elif isinstance(output, list) and all(isinstance(item, str) for item in output):  # pyright: ignore[reportUnknownVariableType]
        for item in output:  # pyright: ignore[reportUnknownVariableType]
            console.print(str(item))  # pyright: ignore[reportUnknownArgumentType]
    else:
        console.json(output)


def _follow(
    client: Replicate, prediction: Prediction, console: Console, schema: object, force: bool
) -> bool:
    """Wait for the prediction to finish; return whether its text was printed as it came."""
    from .progress import bar_for

    if _should_stream(schema, prediction, force):
        _stream_text(client, prediction, console)
        return True
    bar = bar_for(console)
    try:
        prediction.wait(progress=bar)
    finally:
        if bar is not None:
            bar.finish()
    return False


def _run(args: argparse.Namespace, console: Console) -> int:
    ref = _parse_ref(args.model)
    if args.wait and not 1 <= args.wait <= 60:
        raise UsageError(f"--wait takes 1 to 60 seconds, got {args.wait:g}")
    client = make_client()
    schema = _openapi_schema(client, ref)
    model_input = build_input(args.inputs, input_properties(schema))
    create: dict[str, Any] = {"input": model_input}
    if ref.version is not None:
        create["version"] = str(ref)
    else:
        create["model"] = str(ref)
    if args.force_stream:
        create["stream"] = True
    if args.wait:
        create["wait"] = args.wait
    prediction = client.predictions.create(**create)
    if console.interactive or console.verbose:
        console.info(f"Prediction {prediction.id} ({prediction.urls.web or 'started'})")
    try:
        streamed = _follow(client, prediction, console, schema, args.force_stream)
    except KeyboardInterrupt:
        prediction.cancel()
        error = CLIError(f"interrupted: canceled prediction {prediction.id}")
        error.exit_code = EXIT_INTERRUPTED
        raise error from None
    if prediction.status == "failed":
        if prediction.logs:
            console.debug(prediction.logs.rstrip("\n"))
        raise CLIError(f"prediction {prediction.id} failed: {prediction.error or 'no error given'}")
    if prediction.status == "canceled":
        raise CLIError(f"prediction {prediction.id} was canceled")
    output: object = prediction.output
    if args.output_dir is not None:
        output = _save_files(client, output, args.output_dir)
    if args.json:
        document = as_json(prediction)
        document["output"] = output
        console.json(document)
    elif not streamed:
        _print_output(console, output)
    return 0
