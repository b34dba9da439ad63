"""Training classes, under the module name 1.x code imports them from.

Example::

    from replicate.training import Training
"""

from ._async._objects import AsyncTraining
from ._async._trainings import AsyncTrainings
from ._sync._objects import Training
from ._sync._trainings import Trainings

__all__ = ["AsyncTraining", "AsyncTrainings", "Training", "Trainings"]
