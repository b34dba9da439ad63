"""Errors of waiting for a prediction or training, shared by the async and sync clients."""

from __future__ import annotations

from typing import Any

from ._exceptions import ReplicateError

__all__ = ["PredictionTimeoutError"]


class PredictionTimeoutError(ReplicateError, TimeoutError):
    """A prediction or training outlived the ``timeout=`` it was given and was canceled.

    ``prediction`` is the object as the cancel request returned it (also for trainings).

    Example::

        try:
            replicate.run("owner/slow-model", input={}, timeout=30)
        except replicate.PredictionTimeoutError as error:
            print("gave up on", error.prediction.id)
    """

    prediction: Any

    def __init__(self, prediction: Any, timeout: float | None) -> None:
        kind = "Training" if type(prediction).__name__.endswith("Training") else "Prediction"
        limit = f" within {timeout:g} s" if timeout is not None else ""
        super().__init__(
            f"{kind} {getattr(prediction, 'id', '?')} did not finish{limit}; it was canceled"
        )
        self.prediction = prediction
