"""``client.predictions``: the generated operations, plus the 1.x ways to create and wait."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Optional, Union

from typing_extensions import Unpack

from .._core.keywords import check_options
from .._core.polling import prefer_header
from .._core.refs import ModelLike, VersionLike
from .._exceptions import ArgumentTypeError, InvalidArgumentError
from .._legacy_args import completed_webhook, owner_and_name_of
from .._types import NOT_GIVEN, FileEncodingStrategy, NotGiven, RequestOptions
from . import _waiting
from ._objects import AsyncPrediction, ProgressCallback
from ._run import (
    DeploymentRef,
    ModelRefArg,
    PredictionRunParams,
    WebhookEvent,
    create_prediction,
    run_prediction,
)
from .resources.predictions import AsyncPredictionsResource

__all__ = ["AsyncPredictions"]


def _version_string(version: Union[str, VersionLike]) -> str:
    """The ``version`` body field: a string as given, or a version object's id."""
    if isinstance(version, str):
        # Sent as given: whether it names a version is the API's to say.
        if not version:
            raise InvalidArgumentError(
                "version= is empty; pass a version id or 'owner/name:version'"
            )
        return version
    version_id = getattr(version, "id", None)
    if not isinstance(version_id, str) or not version_id:
        raise ArgumentTypeError(
            f"version= takes a version id, 'owner/name:version' or a version object; "
            f"got a {type(version).__name__} without an id"
        )
    return version_id


class AsyncPredictions(AsyncPredictionsResource):
    """Operations on predictions: ``client.predictions``.

    ``create`` takes ``version=``, ``model=`` or ``deployment=`` (1.x); ``wait`` and
    ``run`` wait for a prediction to finish.
    """

    async def create(  # pyright: ignore[reportIncompatibleMethodOverride]
        self,
        version: Union[str, VersionLike, None] = None,
        input: Optional[Mapping[str, object]] = None,
        *,
        model: Union[str, tuple[str, str], ModelLike, None] = None,
        deployment: Union[DeploymentRef, tuple[str, str], None] = None,
        stream: Union[bool, NotGiven] = NOT_GIVEN,
        webhook: Union[str, NotGiven] = NOT_GIVEN,
        webhook_events_filter: Union[list[WebhookEvent], NotGiven] = NOT_GIVEN,
        webhook_completed: Union[str, NotGiven] = NOT_GIVEN,
        wait: Union[bool, float, NotGiven] = NOT_GIVEN,
        prefer: Union[str, NotGiven] = NOT_GIVEN,
        cancel_after: Union[str, NotGiven] = NOT_GIVEN,
        file_encoding_strategy: Optional[FileEncodingStrategy] = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPrediction:
        """Start a prediction on a version, a model or a deployment.

        Give exactly one of ``version`` (a version id, ``owner/name:version`` or a
        version object), ``model`` (``owner/name``, an ``(owner, name)`` tuple or a
        model object: runs its latest version or the official model) and ``deployment``
        (``owner/name``, a tuple or a deployment object). ``version`` and ``input`` may
        be passed positionally, as
        in 1.x: ``create(version, input)``. Local files in ``input`` are uploaded
        first. ``wait`` (``True`` or 1 to 60 seconds) holds the request until the
        prediction finishes, as the ``Prefer: wait`` header does.

        Raises:
            ValueError: not exactly one of ``version``, ``model`` and ``deployment``;
                both ``wait`` and ``prefer``.

        Example::

            prediction = await client.predictions.create(
                version="replicate/hello-world:5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa",
                input={"text": "Alice"},
            )
        """
        check_options(AsyncPredictions.create, options)
        webhook, webhook_events_filter = completed_webhook(
            webhook, webhook_events_filter, webhook_completed
        )
        given = [
            name
            for name, value in (("version", version), ("model", model), ("deployment", deployment))
            if value is not None
        ]
        if len(given) != 1:
            raise InvalidArgumentError(
                "Pass exactly one of version=, model= or deployment= to say what to run; "
                + (f"got {' and '.join(given)}" if given else "got none")
            )
        prefer = prefer_header(wait, prefer)
        if isinstance(model, tuple):
            model = "/".join(owner_and_name_of("model", model))
        if isinstance(deployment, tuple):
            deployment = "/".join(owner_and_name_of("deployment", deployment))
        return await create_prediction(
            self._client,
            model,
            input,
            deployment=deployment,
            version=None if version is None else _version_string(version),
            stream=stream,
            webhook=webhook,
            webhook_events_filter=webhook_events_filter,
            prefer=prefer,
            cancel_after=cancel_after,
            file_encoding_strategy=file_encoding_strategy,
            options=options,
        )

    async def wait(
        self,
        prediction_id: str,
        *,
        timeout: Optional[float] = None,
        progress: Optional[ProgressCallback] = None,
    ) -> AsyncPrediction:
        """Wait for the prediction ``prediction_id`` to finish and return it.

        A failed prediction is returned, not raised: check ``status``. With
        ``timeout`` the prediction is canceled when it runs out and
        :class:`~replicate.PredictionTimeoutError` raised.
        """
        deadline = _waiting.start_deadline(timeout)
        prediction = await self.get(prediction_id)
        await _waiting.wait_for(prediction, deadline=deadline, timeout=timeout, progress=progress)
        return prediction

    async def run(
        self,
        ref: Optional[ModelRefArg] = None,
        input: Optional[Mapping[str, object]] = None,
        **params: Unpack[PredictionRunParams],
    ) -> AsyncPrediction:
        """Like ``client.run``, but returns the finished prediction, not just its output.

        Takes the same arguments as ``client.run`` but ``use_file_output``.

        The prediction's ``id``, ``logs``, ``metrics`` and ``output`` (URLs as plain
        strings) are all there.

        Raises:
            ModelError: the prediction failed; ``error.prediction`` holds it.
            PredictionTimeoutError: ``timeout`` ran out; the prediction was canceled.

        Example::

            prediction = await client.predictions.run("replicate/hello-world", {"text": "you"})
            print(prediction.id, prediction.metrics)
        """
        return await run_prediction(self._client, ref, input, **params)
