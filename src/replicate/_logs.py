"""The ``replicate`` logger, switched on with ``REPLICATE_LOG=info`` or ``REPLICATE_LOG=debug``.

Nothing logged here carries the API token: headers go through ``redact_headers``.
"""

from __future__ import annotations

import logging
import os
import threading

__all__ = ["logger", "setup_logging_from_env"]

logger = logging.getLogger("replicate")

_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}
_setup_lock = threading.Lock()
_handler: logging.Handler | None = None


def setup_logging_from_env() -> None:
    """Apply ``REPLICATE_LOG`` (``info`` or ``debug``) to the ``replicate`` logger.

    Adds one stderr handler the first time; an application's own logging configuration
    is left alone when the variable is not set.
    """
    global _handler
    level = _LEVELS.get(os.environ.get("REPLICATE_LOG", "").strip().lower())
    if level is None:
        return
    with _setup_lock:
        logger.setLevel(level)
        if _handler is None:
            _handler = logging.StreamHandler()
            _handler.setFormatter(
                logging.Formatter("[%(asctime)s - %(name)s:%(lineno)d - %(levelname)s] %(message)s")
            )
            logger.addHandler(_handler)
