"""``client.trainings``: the generated operations, plus the 1.x ``create`` and ``wait``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Optional, Union

from typing_extensions import Unpack

from .._core.keywords import check_options
from .._core.path_params import owner_and_name
from .._core.refs import ModelLike, VersionLike, resolve_ref, training_endpoint
from .._exceptions import InvalidArgumentError
from .._legacy_args import OwnerNameLike, completed_webhook, owner_and_name_of
from .._types import NOT_GIVEN, FileEncodingStrategy, NotGiven, RequestOptions
from . import _waiting
from ._objects import AsyncTraining, ProgressCallback
from ._run import WebhookEvent
from .resources.trainings import AsyncTrainingsResource

__all__ = ["AsyncTrainings"]


def _training_params(
    model_owner: Union[str, ModelLike, None],
    model_name: Optional[str],
    version_id: Union[str, VersionLike, None],
) -> dict[str, str]:
    """The path parameters from the 2.x positional parts or the 1.x ``model``/``version``.

    Ids and names are passed on as given (the server judges them); only a value that
    cannot be one URL path segment is refused, by the generated method.
    """
    if isinstance(version_id, str) and "/" in version_id and model_owner is None:
        return training_endpoint(version_id).path_params  # 1.x: version="owner/name:id"
    if model_owner is None or version_id is None:
        raise InvalidArgumentError(
            "A training needs the model and version to train: "
            "trainings.create('owner', 'name', 'version-id', ...) or "
            "trainings.create(model='owner/name', version='version-id', ...)"
        )
    version = version_id if isinstance(version_id, str) else resolve_ref(version_id).version
    if isinstance(model_owner, str):
        owner, name = owner_and_name(
            "model_owner",
            "model_name",
            model_owner,
            NOT_GIVEN if model_name is None else model_name,
        )
    else:
        model = resolve_ref(model_owner)
        owner, name = model.owner or "", model.name or ""
    return {"model_owner": owner, "model_name": name, "version_id": version or ""}


def _shift_1x_arguments(
    second: Union[str, Mapping[str, object], None],
    third: Optional[str],
    destination: Optional[OwnerNameLike],
) -> tuple[Union[str, Mapping[str, object], None], None, Optional[OwnerNameLike]]:
    """1.x's ``create(ref, input, destination)``: the positional input and destination."""
    if third is not None:
        if destination is not None:
            raise InvalidArgumentError(
                "Pass the destination positionally or as destination=, not both"
            )
        destination = third
    return second, None, destination


class AsyncTrainings(AsyncTrainingsResource):
    """Operations on trainings: ``client.trainings``."""

    async def create(  # pyright: ignore[reportIncompatibleMethodOverride]
        self,
        model_owner: Optional[str] = None,
        model_name: Union[str, Mapping[str, object], None] = None,
        version_id: Optional[str] = None,
        *,
        destination: Optional[OwnerNameLike] = None,
        input: Optional[Mapping[str, object]] = None,
        model: Union[str, ModelLike, None] = None,
        version: Union[str, VersionLike, None] = None,
        webhook: Union[str, NotGiven] = NOT_GIVEN,
        webhook_events_filter: Union[list[WebhookEvent], NotGiven] = NOT_GIVEN,
        webhook_completed: Union[str, NotGiven] = NOT_GIVEN,
        file_encoding_strategy: FileEncodingStrategy = "url",
        **options: Unpack[RequestOptions],
    ) -> AsyncTraining:
        """Start a training of a model version; the result becomes a version of ``destination``.

        ``POST /models/{owner}/{name}/versions/{id}/trainings``. The version to train is
        given as in 2.x (``model_owner``, ``model_name``, ``version_id``; the first may
        be ``"owner/name"``) or as in 1.x: ``model=`` and ``version=``,
        ``version="owner/name:id"`` alone, or positionally
        ``create("owner/name:id", input, destination)``. ``destination`` is
        ``"owner/name"``, an ``(owner, name)`` tuple or a model object. Local files in
        ``input`` are uploaded first (or inlined with ``file_encoding_strategy="base64"``).

        Raises:
            ValueError: the version or the destination is missing, or given twice.

        Example::

            training = await client.trainings.create(
                model="stability-ai/sdxl", version="39ed52f2...", input={"input_images": url},
                destination="my-name/my-model",
            )
        """
        check_options(AsyncTrainings.create, options)
        webhook, webhook_events_filter = completed_webhook(
            webhook, webhook_events_filter, webhook_completed
        )
        if (
            isinstance(model_owner, str)
            and "/" in model_owner.partition(":")[0]
            and ":" in model_owner
        ):
            # 1.x positional form: create("owner/name:version", input, destination); a
            # 2.x owner (no "/" before the ":") is a path parameter, sent as given.
            if version is not None or model is not None:
                raise InvalidArgumentError(
                    "Pass the version once: 'owner/name:version' or version="
                )
            version, model_owner = model_owner, None
            model_name, version_id, destination = _shift_1x_arguments(
                model_name, version_id, destination
            )
        if isinstance(model_name, Mapping):
            if input is not None:
                raise InvalidArgumentError("Pass the input positionally or as input=, not both")
            input, model_name = model_name, None
        if model is not None and model_owner is not None:
            raise InvalidArgumentError("Pass the model positionally or as model=, not both")
        if version is not None and version_id is not None:
            raise InvalidArgumentError("Pass the version positionally or as version=, not both")
        if destination is None:
            raise InvalidArgumentError(
                "A training needs destination='owner/name': the model that receives the "
                "trained version"
            )
        owner: Union[str, ModelLike, None] = model if model is not None else model_owner
        name = model_name
        chosen_version: Union[str, VersionLike, None] = (
            version if version is not None else version_id
        )
        if isinstance(owner, str) and "/" in owner and name is not None and chosen_version is None:
            # 1.x positional form: create("owner/name", "version-id", ...)
            name, chosen_version = None, name
        params = _training_params(owner, name, chosen_version)
        destination_owner, destination_name = owner_and_name_of("destination", destination)
        return await super().create(
            params["model_owner"],
            params["model_name"],
            params["version_id"],
            destination=f"{destination_owner}/{destination_name}",
            input={} if input is None else input,
            webhook=webhook,
            webhook_events_filter=webhook_events_filter,
            file_encoding_strategy=file_encoding_strategy,
            **options,
        )

    async def wait(
        self,
        training_id: str,
        *,
        timeout: Optional[float] = None,
        progress: Optional[ProgressCallback] = None,
    ) -> AsyncTraining:
        """Wait for the training ``training_id`` to finish and return it.

        A failed training is returned, not raised: check ``status``. With ``timeout``
        the training is canceled when it runs out and
        :class:`~replicate.PredictionTimeoutError` raised.
        """
        deadline = _waiting.start_deadline(timeout)
        training = await self.get(training_id)
        await _waiting.wait_for(
            training, deadline=deadline, timeout=timeout, progress=progress, follow_stream=False
        )
        return training
