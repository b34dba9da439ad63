"""``client.deployments``: the generated operations, with 1.x's argument forms.

``deployments.predictions.create`` takes ``deployment=`` and a positional input, as in
1.x; the 2.x keyword forms work unchanged. Every deployment returned is bound:
``deployment.predictions.create(...)`` starts a prediction on it.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Literal, Optional, Union

from typing_extensions import Unpack

from .._core.keywords import check_options
from .._legacy_args import OwnerNameLike, completed_webhook, split_target_and_input
from .._types import NOT_GIVEN, FileEncodingStrategy, NotGiven, RequestOptions
from ._objects import AsyncPrediction
from .resources.deployments import AsyncDeploymentsResource
from .resources.deployments_predictions import AsyncDeploymentsPredictionsResource

__all__ = ["AsyncDeployments", "AsyncDeploymentsPredictions"]


class AsyncDeploymentsPredictions(AsyncDeploymentsPredictionsResource):
    """``client.deployments.predictions``: start a prediction on a deployment."""

    async def create(  # pyright: ignore[reportIncompatibleMethodOverride]
        self,
        deployment_owner: Optional[OwnerNameLike] = None,
        deployment_name: Union[str, Mapping[str, object], NotGiven] = NOT_GIVEN,
        *,
        deployment: Optional[OwnerNameLike] = None,
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
        """Start a prediction on a deployment (``POST /deployments/{owner}/{name}/predictions``).

        The deployment is ``deployment_owner, deployment_name`` or
        ``deployment_owner="owner/name"`` (2.x), or ``deployment=`` as ``"owner/name"``,
        an ``(owner, name)`` tuple or a deployment object (1.x); the input is ``input=``
        or, as in 1.x, the argument after the deployment. ``wait`` (``True`` or 1-60
        seconds) holds the request for the output (``Prefer: wait``).

        Raises:
            ValueError: the deployment is missing or given twice.
            NotFoundError: no such deployment.

        Example::

            prediction = await client.deployments.predictions.create(
                deployment="acme/my-app", input={"prompt": "hi"}, wait=True
            )
        """
        check_options(AsyncDeploymentsPredictions.create, options)
        webhook, webhook_events_filter = completed_webhook(
            webhook, webhook_events_filter, webhook_completed
        )
        owner, name, deployment_input = split_target_and_input(
            "deployment", deployment_owner, deployment_name, deployment, input
        )
        return await super().create(
            owner,
            name,
            input=deployment_input,
            stream=stream,
            webhook=webhook,
            webhook_events_filter=webhook_events_filter,
            wait=wait,
            prefer=prefer,
            cancel_after=cancel_after,
            file_encoding_strategy=file_encoding_strategy,
            **options,
        )


class AsyncDeployments(AsyncDeploymentsResource):
    """Operations on deployments: ``client.deployments``."""

    @functools.cached_property
    def predictions(self) -> AsyncDeploymentsPredictions:  # pyright: ignore[reportIncompatibleVariableOverride]
        """``client.deployments.predictions``, taking 1.x's ``deployment=`` too."""
        return AsyncDeploymentsPredictions(self._client)
