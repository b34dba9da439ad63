"""Every exception the SDK raises survives pickling, with its fields and without the token."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import httpx
import pytest

import replicate
from replicate import exceptions
from replicate._sync._objects import Prediction
from replicate.testing import DEFAULT_TOKEN, Emulator
from replicate.webhook import (
    InvalidWebhookSignatureError,
    MissingWebhookHeaderError,
    WebhookTimestampError,
    WebhookVerificationError,
)

TOKEN = "r8_secret_token_value"


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch) -> Iterator[replicate.Replicate]:
    monkeypatch.setenv("REPLICATE_POLL_INTERVAL", "0.01")
    with Emulator() as emulator:
        emulator.add_model("acme/broken", lambda text: 1 / 0)
        yield replicate.Replicate(
            bearer_token=DEFAULT_TOKEN,
            base_url=emulator.base_url,
            http_client=httpx.Client(transport=emulator.transport()),
            max_retries=0,
        )


def round_trip(error: BaseException) -> BaseException:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    return copy


def status_error(status: int, body: object) -> replicate.APIStatusError:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json=body)

    client = replicate.Replicate(
        bearer_token=TOKEN,
        http_client=httpx.Client(transport=httpx.MockTransport(answer)),
        max_retries=0,
    )
    with pytest.raises(replicate.APIStatusError) as raised:
        client.predictions.get("p1")
    return raised.value


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (400, replicate.BadRequestError),
        (401, replicate.AuthenticationError),
        (403, replicate.PermissionDeniedError),
        (404, replicate.NotFoundError),
        (409, replicate.ConflictError),
        (422, replicate.UnprocessableEntityError),
        (429, replicate.RateLimitError),
        (500, replicate.InternalServerError),
    ],
)
def test_status_errors_keep_status_body_and_problem_fields(
    status: int, kind: type[replicate.APIStatusError]
) -> None:
    body = {"type": "about:blank", "title": "T", "detail": "D", "status": status, "instance": "/i"}
    error = status_error(status, body)
    assert isinstance(error, kind)
    copy = round_trip(error)
    assert isinstance(copy, replicate.APIStatusError)
    assert (copy.status_code, copy.body, copy.status) == (status, body, status)
    assert (copy.type, copy.title, copy.detail, copy.instance) == ("about:blank", "T", "D", "/i")
    assert copy.response.json() == body
    assert copy.request.url == error.request.url


def test_the_token_does_not_travel_with_a_pickled_error() -> None:
    error = status_error(404, {"detail": "x"})
    assert error.request.headers["Authorization"] == f"Bearer {TOKEN}"
    data = pickle.dumps(error)
    assert TOKEN.encode() not in data
    copy = round_trip(error)
    assert isinstance(copy, replicate.APIStatusError)
    assert "authorization" not in copy.request.headers


def test_model_error_keeps_the_prediction(client: replicate.Replicate) -> None:
    with pytest.raises(replicate.ModelError) as raised:
        client.run("acme/broken", {"text": "x"})
    copy = round_trip(raised.value)
    assert isinstance(copy, replicate.ModelError)
    assert copy.prediction.id == raised.value.prediction.id
    assert copy.prediction.status == "failed"
    assert copy.prediction.error == raised.value.prediction.error == "division by zero"


def test_prediction_timeout_error_keeps_the_prediction(client: replicate.Replicate) -> None:
    with pytest.raises(replicate.PredictionTimeoutError) as raised:
        client.run("emulator/slow", {"seconds": 30}, timeout=0.2, wait=False)
    copy = round_trip(raised.value)
    assert isinstance(copy, replicate.PredictionTimeoutError)
    assert copy.prediction.id == raised.value.prediction.id


def test_connection_timeout_validation_and_token_errors() -> None:
    request = httpx.Request(
        "GET", "https://api.replicate.com/v1/x", headers={"Authorization": "Bearer t"}
    )
    response = httpx.Response(200, text="<html>", request=request)
    errors: list[replicate.ReplicateError] = [
        replicate.APIConnectionError(request=request),
        replicate.APITimeoutError(request=request),
        replicate.APIResponseValidationError(response=response, body="<html>", message="bad"),
        replicate.MissingAPITokenError(),
    ]
    for error in errors:
        copy = round_trip(error)
        assert copy.__dict__.keys() == error.__dict__.keys()


def test_webhook_errors_are_replicate_errors_and_pickle() -> None:
    for kind in (
        WebhookVerificationError,
        MissingWebhookHeaderError,
        InvalidWebhookSignatureError,
        WebhookTimestampError,
    ):
        error = kind("why")
        assert isinstance(error, replicate.ReplicateError)
        assert isinstance(error, ValueError)
        round_trip(error)


@pytest.mark.parametrize(
    ("kind", "builtin"),
    [
        (replicate.InvalidArgumentError, ValueError),
        (replicate.ArgumentTypeError, TypeError),
        (replicate.ClientStateError, RuntimeError),
        (replicate.LocalFileNotFoundError, FileNotFoundError),
        (replicate.MissingDependencyError, ImportError),
    ],
)
def test_argument_errors_are_replicate_errors_and_builtin_ones(
    kind: type[replicate.ReplicateError], builtin: type[Exception]
) -> None:
    error = kind("what to fix")
    assert isinstance(error, replicate.ReplicateError) and isinstance(error, builtin)
    copy = round_trip(error)
    assert type(copy) is kind and str(copy) == "what to fix"


def test_bad_input_raises_replicate_errors_before_any_request(client: replicate.Replicate) -> None:
    with pytest.raises(replicate.InvalidArgumentError, match="owner/name"):
        client.run("not a model", {})
    with pytest.raises(replicate.ArgumentTypeError, match="input"):
        client.run("replicate/hello-world", ["text"])  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    with pytest.raises(replicate.ArgumentTypeError, match="timeout"):
        client.run("replicate/hello-world", {}, timout=3)  # type: ignore[call-arg]
    with pytest.raises(replicate.LocalFileNotFoundError):
        client.run("replicate/hello-world", {"image": Path("/no/such/file.png")})
    with pytest.raises(replicate.ClientStateError, match="not attached"):
        Prediction.model_construct(id="p", status="starting").reload()


def test_every_exported_exception_class_is_covered() -> None:
    covered = {
        "ArgumentTypeError",
        "ClientStateError",
        "InvalidArgumentError",
        "LocalFileNotFoundError",
        "MissingDependencyError",
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
        "UnprocessableEntityError",
    }
    exported = {name for name in exceptions.__all__ if isinstance(getattr(exceptions, name), type)}
    assert exported - covered <= {"ReplicateException"}


def test_a_not_found_error_in_a_process_pool_worker_reaches_the_caller() -> None:
    from pickle_support import fetch_missing_prediction

    with ProcessPoolExecutor(max_workers=1) as pool:
        future = pool.submit(fetch_missing_prediction, "p-missing")
        with pytest.raises(replicate.NotFoundError) as raised:
            future.result(timeout=60)
        assert raised.value.status_code == 404
        assert raised.value.detail == "No such prediction"
        # The pool still works after the error came back.
        assert pool.submit(len, "abc").result(timeout=60) == 3


def test_experiment_errors_are_replicate_errors() -> None:
    from replicate.experiments import ConfigError, DoesNotExistError, ExperimentsError, FilterError

    for kind in (ExperimentsError, ConfigError, DoesNotExistError, FilterError):
        error = kind("what to fix")
        assert isinstance(error, replicate.ReplicateError)
        assert str(round_trip(error)) == "what to fix"
    assert isinstance(FilterError("x"), ValueError)


def test_a_timeout_that_is_not_a_number_says_so(client: replicate.Replicate) -> None:
    with pytest.raises(replicate.ArgumentTypeError, match="timeout must be a number"):
        client.run("replicate/hello-world", {}, timeout="5")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
