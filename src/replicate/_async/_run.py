"""``run()`` and ``stream()``: create a prediction for a model reference, then wait or stream.

``run`` asks the API to hold the create request until the prediction finishes
(``Prefer: wait``), so a prediction that takes a few seconds costs one request; one
still running after the hold is waited for by ``_waiting`` (its event stream, else
polls with backoff). Its output comes back with file URLs as file objects. Every
reference goes to its create operation through :func:`create_prediction`.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable, Mapping
from typing import TYPE_CHECKING, Any, Literal, NoReturn, Optional, Union, cast

from typing_extensions import TypedDict, Unpack

from .. import _primitives, _timing
from .._core.keywords import check_keywords
from .._core.polling import prefer_wait_header
from .._core.progress import Progress
from .._core.refs import Endpoint, RefLike, deployment_prediction_endpoint, prediction_endpoint
from .._core.sse import ServerSentEvent
from .._exceptions import (
    ArgumentTypeError,
    InvalidArgumentError,
    ModelError,
    NotFoundError,
    ReplicateError,
)
from .._primitives import AsyncRunOutputs
from .._progress_bar import ProgressBar
from .._types import NOT_GIVEN, FileEncodingStrategy, NotGiven, RequestOptions
from ..types import Deployment as DeploymentData
from . import _waiting
from ._file_output import wrap_output
from ._objects import AsyncPrediction

if TYPE_CHECKING:
    from ._base_client import AsyncBaseClient

__all__ = [
    "DeploymentRef",
    "ModelRefArg",
    "PredictionRunParams",
    "RequestParams",
    "RunParams",
    "StreamParams",
    "PROGRESS_HOLD_SECONDS",
    "WebhookEvent",
    "create_prediction",
    "run",
    "run_prediction",
    "stream",
]

WebhookEvent = Literal["start", "output", "logs", "completed"]
DeploymentRef = Union[str, DeploymentData]
"""A deployment: ``"owner/name"`` or a deployment object."""
ModelRefArg = Union[RefLike, DeploymentData]
"""What ``run`` accepts as a reference: ``owner/name``, ``owner/name:version``, a version
id, a model, version or deployment object."""


class RequestParams(TypedDict, total=False):
    """Per-call request options, merged over what the call sends.

    (``timeout`` is not among them: for ``run`` it bounds the whole prediction.)
    """

    extra_headers: Mapping[str, str]
    """Headers added to the create request."""
    extra_query: Mapping[str, object]
    """Query parameters added to the create request."""
    extra_body: Mapping[str, Any]
    """Fields added to the create request's JSON body."""


class StreamParams(RequestParams, total=False):
    """The keyword arguments of ``stream`` (and of what ``run`` takes beyond them)."""

    deployment: DeploymentRef
    """Run this deployment (``"owner/name"`` or a deployment object) instead of a model."""
    file_encoding_strategy: FileEncodingStrategy
    """How local files in the input are sent: ``"url"`` (uploaded first, the default) or
    ``"base64"`` (inlined as ``data:`` URLs)."""
    webhook: str
    """An HTTPS URL to receive the prediction when it changes."""
    webhook_events_filter: list[WebhookEvent]
    """Which changes are sent to ``webhook``: ``start``, ``output``, ``logs``, ``completed``."""


class PredictionRunParams(StreamParams, total=False):
    """The keyword arguments of ``predictions.run``: ``stream``'s, and how to wait."""

    wait: Union[bool, float]
    """How long the API holds the create request while the prediction runs: ``True``
    (the default) up to 60 s, a number of seconds, or ``False`` not at all."""
    timeout: Optional[float]
    """Seconds the whole run may take; then the prediction is canceled and
    ``PredictionTimeoutError`` raised. Default: no limit."""
    progress: Union[Callable[[Progress], object], bool, None]
    """Called with each ``Progress`` read from the logs; ``True`` draws a bar on stderr."""
    stream: bool
    """Ask for a stream URL, so the output can also be read as server-sent events."""


class RunParams(PredictionRunParams, total=False):
    """The keyword arguments of ``run``: ``predictions.run``'s, and how to give the output."""

    use_file_output: bool
    """Output file URLs become file objects (the default), or stay strings with ``False``."""


PROGRESS_HOLD_SECONDS = 1
"""How long ``run`` with ``progress`` lets the API hold the create before following the
prediction's logs (its event stream, or polls), so that progress arrives as it happens."""


def _checked(function: str, params: Mapping[str, object], kind: type[Any]) -> None:
    """Raise ``TypeError`` for a keyword ``kind`` (one of the ``*Params``) does not declare.

    A typo such as ``timout=`` would otherwise be dropped; the message names the
    closest valid keyword.
    """
    # `ref` and `input` are named parameters, never in `params`: listed for the suggestion.
    check_keywords(function, params, _declared_keys(kind) | {"ref", "input"})


def _declared_keys(kind: type[Any]) -> frozenset[str]:
    keys: frozenset[str] = kind.__optional_keys__ | kind.__required_keys__
    return keys


def _request_options(params: Mapping[str, Any]) -> RequestOptions:
    options = {key: params[key] for key in _declared_keys(RequestParams) if key in params}
    return cast(RequestOptions, options)


def _deployment_name(deployment: DeploymentRef) -> str:
    if isinstance(deployment, str):
        return deployment
    if not deployment.owner or not deployment.name:
        raise InvalidArgumentError("This deployment object has no owner/name to run it by")
    return f"{deployment.owner}/{deployment.name}"


async def create_prediction(
    client: AsyncBaseClient,
    ref: Optional[ModelRefArg],
    input: Optional[Mapping[str, object]],
    *,
    deployment: Optional[DeploymentRef] = None,
    version: Optional[str] = None,
    stream: Union[bool, NotGiven] = NOT_GIVEN,
    webhook: Union[str, NotGiven] = NOT_GIVEN,
    webhook_events_filter: Union[list[WebhookEvent], NotGiven] = NOT_GIVEN,
    prefer: Union[str, NotGiven] = NOT_GIVEN,
    cancel_after: Union[str, NotGiven] = NOT_GIVEN,
    file_encoding_strategy: Optional[FileEncodingStrategy] = None,
    options: Optional[RequestOptions] = None,
) -> AsyncPrediction:
    """Start a prediction on the endpoint ``ref`` (or ``deployment``) calls for.

    A version (``owner/name:version``, a 64-hex id or a version object) goes to
    ``POST /predictions``; a model (``owner/name`` or a model object) to the model's
    own endpoint; a deployment (``deployment=`` or a deployment object) to the
    deployment's. ``version`` instead sends that string as it is to
    ``POST /predictions`` (the API takes an id, ``owner/name:version`` or
    ``owner/name`` there). Local files in ``input`` are uploaded first (or inlined
    with ``file_encoding_strategy="base64"``).

    Raises:
        ValueError: the reference is malformed, or both ``ref`` and ``deployment`` given.
    """
    if sum(given is not None for given in (ref, deployment, version)) > 1:
        raise InvalidArgumentError(
            "Pass one of a model reference, deployment= or version=, not several"
        )
    if isinstance(ref, DeploymentData):
        ref, deployment = None, ref
    if deployment is not None:
        endpoint = deployment_prediction_endpoint(_deployment_name(deployment))
    elif version is not None:
        endpoint = None
    elif ref is None:
        raise InvalidArgumentError(
            "Say what to run: 'owner/name', 'owner/name:version', a version id, or deployment="
        )
    else:
        endpoint = prediction_endpoint(ref)
    common: dict[str, Any] = {
        # The client uploads the local files in it (the operations mark `input` for that).
        "input": {} if input is None else input,
        "file_encoding_strategy": file_encoding_strategy or "url",
        "stream": stream,
        "webhook": webhook,
        "webhook_events_filter": webhook_events_filter,
        "prefer": prefer,
        "cancel_after": cancel_after,
        **(options or {}),
    }
    if endpoint is None or endpoint.operation_id == "predictions.create":
        from .resources.predictions import AsyncPredictionsResource

        body_version = version if endpoint is None else endpoint.version
        return await AsyncPredictionsResource(client).create(version=body_version or "", **common)
    if endpoint.operation_id == "deployments.predictions.create":
        from .resources.deployments_predictions import AsyncDeploymentsPredictionsResource

        params = endpoint.path_params
        return await AsyncDeploymentsPredictionsResource(client).create(
            params["deployment_owner"], params["deployment_name"], **common
        )
    return await _create_on_model(client, endpoint, common)


async def _create_on_model(
    client: AsyncBaseClient, endpoint: Endpoint, common: dict[str, Any]
) -> AsyncPrediction:
    """A prediction for ``owner/name``: on the model's endpoint, or on its latest version.

    The model-name endpoint serves official models only and answers 404 for any other
    model. Then the model is fetched and its latest version run on ``POST /predictions``;
    the client remembers the name, so later runs of it skip the model endpoint (and
    still run the version that is latest at that time).
    """
    from .resources.models_predictions import AsyncModelsPredictionsResource
    from .resources.predictions import AsyncPredictionsResource

    owner, name = endpoint.path_params["model_owner"], endpoint.path_params["model_name"]
    model_name = f"{owner}/{name}"
    community = client._community_models  # pyright: ignore[reportPrivateUsage]
    if model_name in community:
        version_id = await _latest_version_id(client, owner, name, not_found=None)
    else:
        # Local files are uploaded once, so that a second create sends the same URLs.
        prepared = await client._prepare_file_inputs(  # pyright: ignore[reportPrivateUsage]
            common, ("input",), common["file_encoding_strategy"]
        )
        common = cast("dict[str, Any]", prepared)
        try:
            return await AsyncModelsPredictionsResource(client).create(owner, name, **common)
        except NotFoundError as not_official:
            version_id = await _latest_version_id(client, owner, name, not_found=not_official)
            community.add(model_name)
    return await AsyncPredictionsResource(client).create(version=version_id, **common)


async def _latest_version_id(
    client: AsyncBaseClient, owner: str, name: str, *, not_found: Optional[NotFoundError]
) -> str:
    """The id of the model's latest version (``GET /models/{owner}/{name}``).

    Raises:
        NotFoundError: the model does not exist (or, with ``not_found``, has no version:
            that error is raised again).
        ReplicateError: the model has no version to run.
    """
    from .resources.models import AsyncModelsResource

    # Without the call's options: under `with_raw_response`, the create's answer is the one.
    model = await AsyncModelsResource(client).get(owner, name)
    latest = model.latest_version
    if latest is not None and latest.id:
        return latest.id
    if not_found is not None:
        raise not_found
    raise ReplicateError(
        f"The model {owner}/{name} has no version to run; push a version or run a version id"
    )


def _progress_callback(
    progress: Union[Callable[[Progress], object], bool, None],
) -> tuple[Optional[Callable[[Progress], object]], Optional[ProgressBar]]:
    if progress is True:
        bar = ProgressBar()
        return bar, bar
    if progress is None or progress is False:
        return None, None
    if not callable(progress):
        raise ArgumentTypeError(
            f"progress must be a function taking a Progress, or True; got {type(progress).__name__}"
        )
    return progress, None


async def run_prediction(
    client: AsyncBaseClient,
    ref: Optional[ModelRefArg] = None,
    input: Optional[Mapping[str, object]] = None,
    **params: Unpack[PredictionRunParams],
) -> AsyncPrediction:
    """Create a prediction and wait until it has finished; return it (``predictions.run``).

    Raises:
        TypeError: a keyword argument that is not one of :class:`PredictionRunParams`.
        ModelError: the prediction failed.
        PredictionTimeoutError: ``timeout`` ran out; the prediction was canceled.
    """
    _checked("run", params, PredictionRunParams)
    return await _run_prediction(client, ref, input, params)


async def _run_prediction(
    client: AsyncBaseClient,
    ref: Optional[ModelRefArg],
    input: Optional[Mapping[str, object]],
    params: PredictionRunParams,
) -> AsyncPrediction:
    timeout = params.get("timeout")
    deadline = _waiting.start_deadline(timeout)
    callback, bar = _progress_callback(params.get("progress"))
    wait = params.get("wait", True)
    if callback is not None and wait is True:
        # A long hold would report all progress at the end: hold briefly, then follow it.
        wait = PROGRESS_HOLD_SECONDS
    prefer = prefer_wait_header(wait, remaining=deadline.remaining(now=_timing.monotonic()))
    prediction = await create_prediction(
        client,
        ref,
        input,
        deployment=params.get("deployment"),
        stream=params.get("stream", NOT_GIVEN),
        webhook=params.get("webhook", NOT_GIVEN),
        webhook_events_filter=params.get("webhook_events_filter", NOT_GIVEN),
        prefer=NOT_GIVEN if prefer is None else prefer,
        file_encoding_strategy=params.get("file_encoding_strategy"),
        options=_request_options(params),
    )
    try:
        async with _waiting.cancel_on_interrupt(prediction):
            await _waiting.wait_for(
                prediction, deadline=deadline, timeout=timeout, progress=callback
            )
    finally:
        if bar is not None:
            bar.finish()
    if prediction.status == "failed":
        raise ModelError(prediction)
    return prediction


async def run(
    client: AsyncBaseClient,
    ref: Optional[ModelRefArg] = None,
    input: Optional[Mapping[str, object]] = None,
    **params: Unpack[RunParams],
) -> Any:
    """Run a model and return its output once the prediction has finished (``client.run``).

    Output file URLs become file objects unless ``use_file_output=False``. A list
    output is also an async iterator over its items, as 1.x's ``async_run`` returned for
    iterator outputs.

    Raises:
        TypeError: a keyword argument that is not one of :class:`RunParams`.
        ModelError: the prediction failed.
        PredictionTimeoutError: ``timeout`` ran out; the prediction was canceled.
    """
    _checked("run", params, RunParams)
    prediction = await _run_prediction(client, ref, input, params)
    output = wrap_output(
        client, prediction.output, use_file_output=params.get("use_file_output", True)
    )
    return AsyncRunOutputs.finish(output)


def stream(
    client: AsyncBaseClient,
    ref: Optional[ModelRefArg] = None,
    input: Optional[Mapping[str, object]] = None,
    **params: Unpack[StreamParams],
) -> AsyncIterator[ServerSentEvent]:
    """Create a streaming prediction and yield its server-sent events until it is done.

    The sync client creates the prediction when ``stream`` is called, so a bad
    reference or input raises there; async code creates it at the first iteration.

    Raises:
        TypeError: at the call, a keyword argument that is not one of :class:`StreamParams`.
        ReplicateError: the model cannot stream its output (the prediction started for
            it is canceled).
        ModelError: the prediction failed (an ``error`` event).
    """
    _checked("stream", params, StreamParams)
    events = _stream_events(client, ref, input, params)
    return _primitives.AsyncEager.start(events)


async def _stream_events(
    client: AsyncBaseClient,
    ref: Optional[ModelRefArg],
    input: Optional[Mapping[str, object]],
    params: StreamParams,
) -> AsyncIterator[ServerSentEvent]:
    prediction = await create_prediction(
        client,
        ref,
        input,
        deployment=params.get("deployment"),
        stream=True,
        webhook=params.get("webhook", NOT_GIVEN),
        webhook_events_filter=params.get("webhook_events_filter", NOT_GIVEN),
        file_encoding_strategy=params.get("file_encoding_strategy"),
        options=_request_options(params),
    )
    if _waiting.stream_url(prediction) is None:
        await _cancel_unstreamable(prediction)
    if _primitives.AsyncEager.STARTED is not None:
        yield _primitives.AsyncEager.STARTED  # the sync client's call ends here
    # Created for this stream: an interrupt while it is read cancels it.
    async with _waiting.cancel_on_interrupt(prediction):
        async for event in prediction.stream():
            yield event


async def _cancel_unstreamable(prediction: AsyncPrediction) -> NoReturn:
    """Cancel ``prediction``, started for a model that cannot stream, and say so."""
    # If the cancel fails, the error below still says what matters.
    with contextlib.suppress(ReplicateError):
        await prediction.cancel()
    model = prediction.model or prediction.version or "this model"
    fate = "it was canceled" if prediction.status == "canceled" else f"it has {prediction.status}"
    raise ReplicateError(
        f"{model} cannot stream its output (prediction {prediction.id} has no stream URL; "
        f"{fate}). Use run() instead of stream()."
    )
