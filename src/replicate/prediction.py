"""Prediction classes, under the module name 1.x code imports them from.

Example::

    from replicate.prediction import Prediction

    def describe(prediction: Prediction) -> str:
        return f"{prediction.id}: {prediction.status}"
"""

from ._async._objects import AsyncPrediction
from ._async._predictions import AsyncPredictions
from ._core.progress import Progress
from ._sync._objects import Prediction
from ._sync._predictions import Predictions

__all__ = ["AsyncPrediction", "AsyncPredictions", "Prediction", "Predictions", "Progress"]
