"""The exception classes, under the module name 1.x code imports them from.

Example::

    from replicate.exceptions import ModelError, ReplicateError, ReplicateException
"""

from ._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    ArgumentTypeError,
    AuthenticationError,
    BadRequestError,
    ClientStateError,
    ConflictError,
    InternalServerError,
    InvalidArgumentError,
    LocalFileNotFoundError,
    MissingAPITokenError,
    MissingDependencyError,
    ModelError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ReplicateError,
    ReplicateException,
    UnprocessableEntityError,
)
from ._run_errors import PredictionTimeoutError

__all__ = [
    "MissingDependencyError",
    "LocalFileNotFoundError",
    "InvalidArgumentError",
    "ClientStateError",
    "ArgumentTypeError",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "InternalServerError",
    "MissingAPITokenError",
    "ModelError",
    "NotFoundError",
    "PermissionDeniedError",
    "PredictionTimeoutError",
    "RateLimitError",
    "ReplicateError",
    "ReplicateException",
    "UnprocessableEntityError",
]
