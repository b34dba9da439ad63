"""``replicate run`` and ``replicate stream``: run a model from the terminal.

``run`` starts a prediction, shows a progress bar on standard error (from the bars in
the model's logs) while it works, then prints its output; a language model's text is
printed as it arrives. Ctrl-C cancels the prediction on the server.
"""

from __future__ import annotations

import argparse
import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from .api_common import make_client
from .api_output import report, wait_with_progress
from .errors import CLIError, Interrupted, UsageError
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


def _stream_text(prediction: Prediction, console: Console) -> None:
    from .._exceptions import ModelError

    try:
        for event in prediction.stream():
            if event.event == "output":
                console.print(str(event), end="", flush=True)
            elif event.event == "logs":
                console.debug(event.data)
    except ModelError:
        pass  # reported from the prediction's final state, read below
    finally:
        console.print()
    prediction.reload()


def _should_stream(schema: object, prediction: Prediction, force: bool) -> bool:
    if not prediction.urls.stream:
        if force:
            _cancel_unstreamable(prediction)
        return False
    if force:
        return True
    if schema is None:
        return True  # a model that streams but shows no schema (official language models)
    from .._core.output_schema import is_concatenate_iterator, output_schema

    if not isinstance(schema, dict):
        return False
    return is_concatenate_iterator(output_schema(schema))  # pyright: ignore[reportUnknownArgumentType]


def _cancel_unstreamable(prediction: Prediction) -> NoReturn:
    """``replicate stream`` of a model that cannot stream: cancel its prediction, say so."""
    from .._exceptions import ReplicateError

    with contextlib.suppress(ReplicateError):
        prediction.cancel()
    fate = "canceled" if prediction.status == "canceled" else prediction.status
    model = prediction.model or prediction.version or "this model"
    raise CLIError(
        f"{model} cannot stream its output (prediction {prediction.id} {fate}); "
        "use 'replicate run' instead"
    )


def _follow(
    prediction: Prediction, console: Console, schema: object, force: bool, as_json: bool
) -> bool:
    """Wait for the prediction to finish; return whether its text was printed as it came.

    With ``--json`` nothing is printed before the JSON document, so nothing is streamed.
    """
    if not as_json and _should_stream(schema, prediction, force):
        _stream_text(prediction, console)
        return True
    wait_with_progress(prediction, console)
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
        streamed = _follow(prediction, console, schema, args.force_stream, args.json)
    except KeyboardInterrupt:
        prediction.cancel()
        raise Interrupted(f"interrupted: canceled prediction {prediction.id}") from None
    report(
        client,
        prediction,
        console,
        as_json_document=args.json,
        output_dir=args.output_dir,
        output_printed=streamed,
    )
    return 0
