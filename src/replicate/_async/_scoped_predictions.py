"""``client.models.predictions`` and ``client.deployments.predictions``, taking local files.

The generated methods send ``input`` as it is; these upload the local files in it
first (or inline them with ``file_encoding_strategy="base64"``), as
``client.predictions.create`` does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Union

from typing_extensions import Unpack

from .._types import NOT_GIVEN, NotGiven, RequestOptions
from ._objects import AsyncPrediction
from ._run import WebhookEvent
from ._uploads import FileEncodingStrategy, prepare_input
from .resources.deployments_predictions import AsyncDeploymentsPredictionsResource
from .resources.models_predictions import AsyncModelsPredictionsResource

__all__ = ["AsyncDeploymentsPredictions", "AsyncModelsPredictions"]


class AsyncModelsPredictions(AsyncModelsPredictionsResource):
    """Predictions of official models by name: ``client.models.predictions``."""

    async def create(  # pyright: ignore[reportIncompatibleMethodOverride]
        self,
        model_owner: str,
        model_name: Union[str, NotGiven] = NOT_GIVEN,
        *,
        input: Mapping[str, object],
        stream: Union[bool, NotGiven] = NOT_GIVEN,
        webhook: Union[str, NotGiven] = NOT_GIVEN,
        webhook_events_filter: Union[list[WebhookEvent], NotGiven] = NOT_GIVEN,
        prefer: Union[str, NotGiven] = NOT_GIVEN,
        cancel_after: Union[str, NotGiven] = NOT_GIVEN,
        file_encoding_strategy: FileEncodingStrategy = "url",
        **options: Unpack[RequestOptions],
    ) -> AsyncPrediction:
        """Start a prediction on a model by name; local files in ``input`` are uploaded first.

        Example::

            prediction = await client.models.predictions.create(
                model_owner="black-forest-labs", model_name="flux-schnell",
                input={"prompt": "a cat", "image": pathlib.Path("cat.png")},
            )
        """
        prepared = await prepare_input(
            self._client, input, file_encoding_strategy=file_encoding_strategy
        )
        return await super().create(
            model_owner,
            model_name,
            input=prepared,
            stream=stream,
            webhook=webhook,
            webhook_events_filter=webhook_events_filter,
            prefer=prefer,
            cancel_after=cancel_after,
            **options,
        )


class AsyncDeploymentsPredictions(AsyncDeploymentsPredictionsResource):
    """Predictions on deployments: ``client.deployments.predictions``."""

    async def create(  # pyright: ignore[reportIncompatibleMethodOverride]
        self,
        deployment_owner: str,
        deployment_name: Union[str, NotGiven] = NOT_GIVEN,
        *,
        input: Mapping[str, object],
        stream: Union[bool, NotGiven] = NOT_GIVEN,
        webhook: Union[str, NotGiven] = NOT_GIVEN,
        webhook_events_filter: Union[list[WebhookEvent], NotGiven] = NOT_GIVEN,
        prefer: Union[str, NotGiven] = NOT_GIVEN,
        cancel_after: Union[str, NotGiven] = NOT_GIVEN,
        file_encoding_strategy: FileEncodingStrategy = "url",
        **options: Unpack[RequestOptions],
    ) -> AsyncPrediction:
        """Start a prediction on a deployment; local files in ``input`` are uploaded first.

        Example::

            prediction = await client.deployments.predictions.create(
                deployment_owner="acme", deployment_name="captioner",
                input={"image": open("cat.png", "rb")},
            )
        """
        prepared = await prepare_input(
            self._client, input, file_encoding_strategy=file_encoding_strategy
        )
        return await super().create(
            deployment_owner,
            deployment_name,
            input=prepared,
            stream=stream,
            webhook=webhook,
            webhook_events_filter=webhook_events_filter,
            prefer=prefer,
            cancel_after=cancel_after,
            **options,
        )
