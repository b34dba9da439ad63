"""The public names of the package, and what ``import replicate`` costs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import replicate

SRC = Path(replicate.__file__).resolve().parents[1]

EXPECTED_NAMES = {
    "DEFAULT_CONNECTION_LIMITS",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "NOT_GIVEN",
    "APIConnectionError",
    "APIError",
    "APIResponse",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
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
    "ConflictError",
    "DefaultAioHttpClient",
    "DefaultAsyncHttpxClient",
    "DefaultHttpxClient",
    "FileOutput",
    "InternalServerError",
    "MissingAPITokenError",
    "ModelError",
    "NotFoundError",
    "NotGiven",
    "PermissionDeniedError",
    "PredictionTimeoutError",
    "Progress",
    "RateLimitError",
    "Replicate",
    "ReplicateError",
    "RequestOptions",
    "ServerSentEvent",
    "Timeout",
    "UnprocessableEntityError",
    "__version__",
    "async_paginate",
    "async_run",
    "async_stream",
    "client",
    "exceptions",
    "pagination",
    "paginate",
    "run",
    "stream",
    "types",
    "use",
}


def test_public_names() -> None:
    assert set(replicate.__all__) >= EXPECTED_NAMES
    for name in replicate.__all__:
        assert getattr(replicate, name) is not None, name


def test_1x_import_paths() -> None:
    from replicate.client import Client
    from replicate.exceptions import ModelError, PredictionTimeoutError, ReplicateError

    assert issubclass(Client, replicate.Replicate)
    assert Client is replicate.Client
    assert issubclass(ModelError, ReplicateError)
    assert PredictionTimeoutError is replicate.PredictionTimeoutError
    assert replicate.exceptions.PredictionTimeoutError is replicate.PredictionTimeoutError


def test_exceptions_module_has_every_exception_class() -> None:
    exported = {
        name
        for name in replicate.__all__
        if isinstance(getattr(replicate, name), type)
        and issubclass(getattr(replicate, name), Exception)
    }
    assert exported <= set(replicate.exceptions.__all__)
    for name in replicate.exceptions.__all__:
        assert getattr(replicate.exceptions, name) is getattr(replicate, name)
    assert replicate.APIError is replicate.ReplicateError


def test_pagination_module() -> None:
    from replicate.pagination import (
        AsyncCursorURLPage,
        AsyncCursorURLPageWithCreatedFilters,
        SyncCursorURLPage,
        SyncCursorURLPageWithCreatedFilters,
    )

    assert issubclass(SyncCursorURLPageWithCreatedFilters, SyncCursorURLPage)
    assert issubclass(AsyncCursorURLPageWithCreatedFilters, AsyncCursorURLPage)


def test_unknown_attribute_is_an_attribute_error() -> None:
    try:
        replicate.no_such_thing  # noqa: B018
    except AttributeError as error:
        assert "no_such_thing" in str(error)
    else:
        raise AssertionError("expected AttributeError")


def test_resources_are_listed_by_dir() -> None:
    assert {"predictions", "models", "Replicate"} <= set(dir(replicate))


def _run(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(SRC)},
    ).stdout


def test_import_loads_neither_pydantic_nor_the_clients() -> None:
    loaded = _run(
        "import sys, replicate; print(' '.join(m for m in ('pydantic', 'replicate._sync._client', "
        "'replicate._async._client', 'anyio') if m in sys.modules))"
    )
    assert loaded.strip() == ""


def test_module_level_resources_use_a_lazily_made_client_without_network() -> None:
    output = _run(
        "import replicate; from replicate import _module_client as m; "
        "assert m._client is None; p = replicate.predictions; "
        "print(type(p).__name__, type(m._client).__name__, replicate.predictions is p)"
    )
    assert output.split() == ["Predictions", "Replicate", "True"]


def test_import_and_client_creation_open_no_connection() -> None:
    output = _run(
        "import socket\n"
        "def refuse(*args, **kwargs):\n"
        "    raise AssertionError('network touched')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "socket.getaddrinfo = refuse\n"
        "import replicate\n"
        "replicate.predictions, replicate.models.versions, replicate.Replicate()\n"
        "print('quiet')\n"
    )
    assert output.strip() == "quiet"
