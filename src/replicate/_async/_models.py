"""``client.models``: the generated operations, with 1.x's argument forms.

``models.create(owner, name, ...)`` takes the owner and name positionally, and
``models.predictions.create`` takes ``model=`` and a positional input, as in 1.x; the
2.x keyword forms work unchanged. Every model returned is bound (``model.versions``).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Literal, Optional, Union

from typing_extensions import Unpack

from .._core.keywords import check_options
from .._legacy_args import OwnerNameLike, completed_webhook, split_target_and_input
from .._types import NOT_GIVEN, FileEncodingStrategy, NotGiven, RequestOptions
from ._objects import AsyncModel, AsyncPrediction
from .resources.models import AsyncModelsResource
from .resources.models_predictions import AsyncModelsPredictionsResource

__all__ = ["AsyncModels", "AsyncModelsPredictions"]


class AsyncModelsPredictions(AsyncModelsPredictionsResource):
    """``client.models.predictions``: start a prediction on an official model by its name."""

    async def create(  # pyright: ignore[reportIncompatibleMethodOverride]
        self,
        model_owner: Optional[OwnerNameLike] = None,
        model_name: Union[str, Mapping[str, object], NotGiven] = NOT_GIVEN,
        *,
        model: Optional[OwnerNameLike] = None,
        input: Optional[Mapping[str, object]] = None,
        stream: Union[bool, NotGiven] = NOT_GIVEN,
        webhook: Union[str, NotGiven] = NOT_GIVEN,
        webhook_events_filter: Union[
            list[Literal["start", "output", "logs", "completed"]], NotGiven
        ] = NOT_GIVEN,
        webhook_completed: Union[str, NotGiven] = NOT_GIVEN,
        wait: Union[bool, float, NotGiven] = NOT_GIVEN,
        prefer: Union[str, NotGiven] = NOT_GIVEN,
        cancel_after: Union[str, NotGiven] = NOT_GIVEN,
        file_encoding_strategy: FileEncodingStrategy = "url",
        **options: Unpack[RequestOptions],
    ) -> AsyncPrediction:
        """Start a prediction on an official model (``POST /models/{owner}/{name}/predictions``).

        The model is ``model_owner, model_name`` or ``model_owner="owner/name"`` (2.x),
        or ``model=`` as ``"owner/name"``, an ``(owner, name)`` tuple or a model object
        (1.x); the input is ``input=`` or, as in 1.x, the argument after the model.
        ``wait`` (``True`` or 1-60 seconds) holds the request for the output
        (``Prefer: wait``).

        Raises:
            ValueError: the model is missing or given twice.
            NotFoundError: no such model, or it is not an official model.

        Example::

            prediction = await client.models.predictions.create(
                model="meta/meta-llama-3-8b-instruct", input={"prompt": "hi"}, wait=True
            )
        """
        check_options(AsyncModelsPredictions.create, options)
        webhook, webhook_events_filter = completed_webhook(
            webhook, webhook_events_filter, webhook_completed
        )
        owner, name, model_input = split_target_and_input(
            "model", model_owner, model_name, model, input
        )
        return await super().create(
            owner,
            name,
            input=model_input,
            stream=stream,
            webhook=webhook,
            webhook_events_filter=webhook_events_filter,
            wait=wait,
            prefer=prefer,
            cancel_after=cancel_after,
            file_encoding_strategy=file_encoding_strategy,
            **options,
        )


class AsyncModels(AsyncModelsResource):
    """Operations on models: ``client.models``."""

    @functools.cached_property
    def predictions(self) -> AsyncModelsPredictions:  # pyright: ignore[reportIncompatibleVariableOverride]
        """``client.models.predictions``, taking 1.x's ``model=`` too."""
        return AsyncModelsPredictions(self._client)

    async def create(  # pyright: ignore[reportIncompatibleMethodOverride]
        self,
        owner: str,
        name: str,
        *,
        hardware: str,
        visibility: Literal["public", "private"],
        cover_image_url: Union[str, NotGiven] = NOT_GIVEN,
        description: Union[str, NotGiven] = NOT_GIVEN,
        github_url: Union[str, NotGiven] = NOT_GIVEN,
        license_url: Union[str, NotGiven] = NOT_GIVEN,
        paper_url: Union[str, NotGiven] = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AsyncModel:
        """Create a model (``POST /models``); ``owner`` and ``name`` positionally (1.x) or by keyword.

        Example::

            model = await client.models.create(
                "my-name", "my-model", visibility="private", hardware="cpu"
            )
        """
        return await super().create(
            hardware=hardware,
            name=name,
            owner=owner,
            visibility=visibility,
            cover_image_url=cover_image_url,
            description=description,
            github_url=github_url,
            license_url=license_url,
            paper_url=paper_url,
            **options,
        )
