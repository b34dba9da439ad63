"""API objects that remember the client they came from, so they can act on themselves.

The generated resources return these for predictions and trainings; the client binds
each parsed object to itself (``obj._bind(client)``) before handing it out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

import pydantic
from typing_extensions import Self

from ..types import Prediction as PredictionData
from ..types import Training as TrainingData

if TYPE_CHECKING:
    from ._base_client import AsyncBaseClient

__all__ = ["AsyncPrediction", "AsyncTraining"]


class AsyncPrediction(PredictionData):
    """A prediction, bound to the client that fetched it."""

    if TYPE_CHECKING:
        _client: Optional[AsyncBaseClient]
    else:
        # pydantic resolves private attribute annotations at class creation, when the client
        # module cannot be imported yet (it imports this one); checkers see the real type.
        _client: Any = pydantic.PrivateAttr(default=None)

    def _bind(self, client: AsyncBaseClient) -> Self:
        """Remember ``client`` for later calls on this prediction; returns ``self``."""
        self._client = client
        return self


class AsyncTraining(TrainingData):
    """A training, bound to the client that fetched it."""

    if TYPE_CHECKING:
        _client: Optional[AsyncBaseClient]
    else:
        # pydantic resolves private attribute annotations at class creation, when the client
        # module cannot be imported yet (it imports this one); checkers see the real type.
        _client: Any = pydantic.PrivateAttr(default=None)

    def _bind(self, client: AsyncBaseClient) -> Self:
        """Remember ``client`` for later calls on this training; returns ``self``."""
        self._client = client
        return self
