"""Model classes, under the module name 1.x code imports them from.

Example::

    from replicate.model import Model
"""

from ._async._models import AsyncModels, AsyncModelsPredictions
from ._async._objects import AsyncModel
from ._sync._models import Models, ModelsPredictions
from ._sync._objects import Model

__all__ = [
    "AsyncModel",
    "AsyncModels",
    "AsyncModelsPredictions",
    "Model",
    "Models",
    "ModelsPredictions",
]
