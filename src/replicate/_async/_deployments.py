"""``client.deployments``: the generated operations; ``predictions.create`` takes local files."""

from __future__ import annotations

import functools

from ._scoped_predictions import AsyncDeploymentsPredictions
from .resources.deployments import AsyncDeploymentsResource

__all__ = ["AsyncDeployments"]


class AsyncDeployments(AsyncDeploymentsResource):
    """Operations on deployments: ``client.deployments``."""

    @functools.cached_property
    def predictions(self) -> AsyncDeploymentsPredictions:
        """``client.deployments.predictions``."""
        return AsyncDeploymentsPredictions(self._client)
