"""The clock that deadlines of ``run(timeout=...)`` and ``wait(timeout=...)`` are measured on.

One function, so that tests can swap in a simulated clock (together with
``replicate._primitives.async_sleep``/``sleep``) and run long waits instantly.
"""

from __future__ import annotations

import time

__all__ = ["monotonic"]


def monotonic() -> float:
    """Seconds on a clock that never goes backwards."""
    return time.monotonic()
