"""Deployment classes, under the module name 1.x code imports them from.

Example::

    from replicate.deployment import Deployment
"""

from ._async._deployments import AsyncDeployments, AsyncDeploymentsPredictions
from ._async._objects import AsyncDeployment, AsyncDeploymentPredictions
from ._sync._deployments import Deployments, DeploymentsPredictions
from ._sync._objects import Deployment, DeploymentPredictions

__all__ = [
    "AsyncDeployment",
    "AsyncDeploymentPredictions",
    "AsyncDeployments",
    "AsyncDeploymentsPredictions",
    "Deployment",
    "DeploymentPredictions",
    "Deployments",
    "DeploymentsPredictions",
]
