"""Python SDK for Replicate's HTTP API: run, stream, train and manage machine-learning models.

Example::

    import replicate

    output = replicate.run("black-forest-labs/flux-schnell", input={"prompt": "a cat"})
    prediction = replicate.predictions.get("ufawqhfynnddngldkgtslldrkq")

``import replicate`` is cheap: the clients, models and resources load on first use, and
module-level calls such as ``replicate.predictions`` go to a client created on first use
with ``REPLICATE_API_TOKEN`` (``replicate.default_client``).

The classes users hold are also importable from 1.x's module paths:
``replicate.prediction.Prediction``, ``replicate.model.Model``,
``replicate.version.Version``, ``replicate.training.Training``,
``replicate.deployment.Deployment``, ``replicate.collection.Collection``,
``replicate.file.File``, ``replicate.account.Account``, ``replicate.hardware.Hardware``,
``replicate.helpers.FileOutput``, ``replicate.stream.ServerSentEvent``,
``replicate.pagination.Page`` and ``replicate.exceptions.ReplicateException``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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
from ._types import NOT_GIVEN, NotGiven, RequestOptions, Timeout
from ._version import __version__

if TYPE_CHECKING:
    from . import (
        client,
        collection,
        deployment,
        exceptions,
        experiments,
        file,
        helpers,
        model,
        pagination,
        prediction,
        training,
        types,
        version,
    )
    from ._async._client import AsyncClient, AsyncReplicate
    from ._async._file_output import AsyncFileOutput
    from ._async._response import AsyncAPIResponse, AsyncBinaryAPIResponse
    from ._base_model import BaseModel
    from ._core.config import DEFAULT_MAX_RETRIES
    from ._core.progress import Progress
    from ._core.sse import ServerSentEvent
    from ._core.timeouts import DEFAULT_TIMEOUT
    from ._http_client import (
        DEFAULT_CONNECTION_LIMITS,
        DefaultAioHttpClient,
        DefaultAsyncHttpxClient,
        DefaultHttpxClient,
    )
    from ._module_functions import async_run, async_stream, run, stream, use
    from ._paginate import async_paginate, paginate
    from ._run_errors import PredictionTimeoutError
    from ._sync._accounts import Accounts
    from ._sync._client import Client, Replicate
    from ._sync._file_output import FileOutput
    from ._sync._files import Files
    from ._sync._models import Models
    from ._sync._predictions import Predictions
    from ._sync._response import APIResponse, BinaryAPIResponse
    from ._sync._trainings import Trainings
    from ._sync._webhooks import Webhooks
    from ._sync.resources.account import AccountResource
    from ._sync.resources.collections import CollectionsResource
    from ._sync.resources.deployments import DeploymentsResource
    from ._sync.resources.hardware import HardwareResource
    from .experiments import Project, checkpoint, init

    # Served by the default client through __getattr__; declared for type checkers.
    default_client: Replicate
    account: AccountResource
    accounts: Accounts
    collections: CollectionsResource
    deployments: DeploymentsResource
    files: Files
    hardware: HardwareResource
    models: Models
    predictions: Predictions
    trainings: Trainings
    webhooks: Webhooks
    search = Replicate().search

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponse",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "ArgumentTypeError",
    "AsyncAPIResponse",
    "AsyncBinaryAPIResponse",
    "AsyncClient",
    "AsyncFileOutput",
    "AsyncReplicate",
    "AuthenticationError",
    "BadRequestError",
    "BaseModel",
    "BinaryAPIResponse",
    "Client",
    "ClientStateError",
    "ConflictError",
    "DEFAULT_CONNECTION_LIMITS",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "DefaultAioHttpClient",
    "DefaultAsyncHttpxClient",
    "DefaultHttpxClient",
    "FileOutput",
    "InternalServerError",
    "InvalidArgumentError",
    "LocalFileNotFoundError",
    "MissingAPITokenError",
    "MissingDependencyError",
    "ModelError",
    "NOT_GIVEN",
    "NotFoundError",
    "NotGiven",
    "PermissionDeniedError",
    "PredictionTimeoutError",
    "Progress",
    "Project",
    "RateLimitError",
    "Replicate",
    "ReplicateError",
    "ReplicateException",
    "RequestOptions",
    "ServerSentEvent",
    "Timeout",
    "UnprocessableEntityError",
    "__version__",
    "async_paginate",
    "async_run",
    "async_stream",
    "checkpoint",
    "client",
    "collection",
    "deployment",
    "exceptions",
    "experiments",
    "file",
    "helpers",
    "init",
    "model",
    "paginate",
    "pagination",
    "prediction",
    "run",
    "stream",
    "training",
    "types",
    "use",
    "version",
]

# Public name -> module that defines it, imported on first access to keep `import replicate` fast.
_LAZY_ATTRIBUTES: dict[str, str] = {
    "AsyncClient": "._async._client",
    "AsyncFileOutput": "._async._file_output",
    "FileOutput": "._sync._file_output",
    "PredictionTimeoutError": "._run_errors",
    "Progress": "._core.progress",
    "ServerSentEvent": "._core.sse",
    "async_run": "._module_functions",
    "async_stream": "._module_functions",
    "run": "._module_functions",
    "stream": "._module_functions",
    "use": "._module_functions",
    "AsyncReplicate": "._async._client",
    "AsyncAPIResponse": "._async._response",
    "AsyncBinaryAPIResponse": "._async._response",
    "APIResponse": "._sync._response",
    "BinaryAPIResponse": "._sync._response",
    "BaseModel": "._base_model",
    "Client": "._sync._client",
    "Replicate": "._sync._client",
    "DEFAULT_MAX_RETRIES": "._core.config",
    "DEFAULT_TIMEOUT": "._core.timeouts",
    "DEFAULT_CONNECTION_LIMITS": "._http_client",
    "DefaultAioHttpClient": "._http_client",
    "DefaultAsyncHttpxClient": "._http_client",
    "DefaultHttpxClient": "._http_client",
    "async_paginate": "._paginate",
    "paginate": "._paginate",
    # Experiment tracking (replicate.experiments): loaded only when used.
    "init": ".experiments",
    "checkpoint": ".experiments",
    "Project": ".experiments",
}
# Submodules reachable as attributes before they are imported (``replicate.prediction``).
# ``account``, ``hardware`` and ``stream`` are not among them: those names are first the
# module-level client's resources and ``replicate.stream()``; their modules load on import.
_LAZY_SUBMODULES = frozenset(
    {
        "client",
        "collection",
        "deployment",
        "exceptions",
        "experiments",
        "file",
        "helpers",
        "model",
        "pagination",
        "prediction",
        "training",
        "types",
        "version",
    }
)


def __getattr__(name: str) -> Any:
    module_name = _LAZY_ATTRIBUTES.get(name)
    if module_name is not None:
        value = getattr(importlib.import_module(module_name, __name__), name)
        globals()[name] = value  # later lookups skip this function
        return value
    if name in _LAZY_SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    from ._module_client import CLIENT_ATTRIBUTES, default_client, module_client_attribute

    if name == "default_client":
        # Not cached: the module-level client follows the environment.
        return default_client()

    if name in CLIENT_ATTRIBUTES:
        return module_client_attribute(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    from ._module_client import CLIENT_ATTRIBUTES

    return sorted({*globals(), *__all__, *CLIENT_ATTRIBUTES, *_LAZY_SUBMODULES, "default_client"})
