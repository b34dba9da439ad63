"""Every error this package raises.

```
ReplicateException                    the 1.x base class: ``except ReplicateException`` catches all
└── ReplicateError (alias APIError)
    ├── InvalidArgumentError          a bad argument, before any request (also a ValueError)
    ├── ArgumentTypeError             an argument of the wrong type (also a TypeError)
    ├── ClientStateError              a call the object cannot make now (also a RuntimeError)
    ├── LocalFileNotFoundError        a local input file is missing (also a FileNotFoundError)
    ├── MissingDependencyError        an optional package is not installed (also an ImportError)
    ├── MissingAPITokenError          no token was configured; raised at the first request
    ├── ModelError                    a prediction failed; ``.prediction`` says why
    ├── PredictionTimeoutError        run()/wait() ``timeout`` ran out (also a TimeoutError)
    ├── WebhookVerificationError      a webhook failed verification (also a ValueError)
    │   └── (missing header/body, bad signature or secret, old timestamp)
    ├── APIConnectionError            the request did not get an answer
    │   └── APITimeoutError           ...because it timed out
    ├── APIResponseValidationError    the answer did not match the expected shape (strict mode)
    └── APIStatusError                the API answered with a 4xx or 5xx status
        ├── BadRequestError           400
        ├── AuthenticationError       401
        ├── PermissionDeniedError     403
        ├── NotFoundError             404
        ├── ConflictError             409
        ├── UnprocessableEntityError  422
        ├── RateLimitError            429
        └── InternalServerError       500 and above
```

In 1.x, ``ModelError`` and ``ReplicateError`` were siblings under ``ReplicateException``;
here ``ModelError`` is also a ``ReplicateError``, as in 2.x, so that code of either
kind catches it where it expects to.

Status errors carry the fields of the RFC 7807 problem document the API sends
(``type``, ``title``, ``status``, ``detail``, ``instance``). The base class declares them
as ``None`` so that code written for 1.x, which read them from any ``ReplicateError``,
keeps working.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:
    import httpx

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "ArgumentTypeError",
    "AuthenticationError",
    "BadRequestError",
    "ClientStateError",
    "ConflictError",
    "InternalServerError",
    "InvalidArgumentError",
    "LocalFileNotFoundError",
    "MissingAPITokenError",
    "MissingDependencyError",
    "ModelError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ReplicateError",
    "ReplicateException",
    "UnprocessableEntityError",
]


class ReplicateException(Exception):
    """Base class of every error raised by this package (its 1.x name and place)."""


class ReplicateError(ReplicateException):
    """Base class of every error raised by this package."""

    message: str
    # RFC 7807 problem fields; only status errors fill them in.
    type: Optional[str] = None
    title: Optional[str] = None
    status: Optional[int] = None
    detail: Optional[str] = None
    instance: Optional[str] = None

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt without calling __init__ (whose arguments differ per class), from its
        # state made safe to send: responses without their connection, requests without
        # the token. So errors cross process boundaries (multiprocessing, task queues).
        state = {key: _portable(value) for key, value in self.__dict__.items()}
        return (_rebuild_error, (type(self), self.args, state))

    def to_dict(self) -> dict[str, Any]:
        """The problem fields that are set, as 1.x returned them."""
        fields = {
            "type": self.type,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "instance": self.instance,
        }
        return {key: value for key, value in fields.items() if value is not None}


APIError = ReplicateError
"""The 2.x name of :class:`ReplicateError`."""


def _rebuild_error(
    cls: type[ReplicateError], args: tuple[Any, ...], state: dict[str, Any]
) -> ReplicateError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


def _portable(value: object) -> object:
    """``value`` as it can be pickled: HTTP messages detached from their connection."""
    import httpx

    if isinstance(value, httpx.Response):
        content = getattr(value, "_content", b"")
        return httpx.Response(
            value.status_code,
            headers=value.headers,
            content=content if isinstance(content, bytes) else b"",
            request=_portable(value.request) if _has_request(value) else None,  # type: ignore[arg-type]
        )
    if isinstance(value, httpx.Request):
        headers = [
            (key, item) for key, item in value.headers.items() if key.lower() != "authorization"
        ]
        return httpx.Request(value.method, value.url, headers=headers)
    return value


def _has_request(response: httpx.Response) -> bool:
    try:
        response.request  # noqa: B018
    except RuntimeError:
        return False
    return True


class InvalidArgumentError(ReplicateError, ValueError):
    """An argument the SDK cannot use, found before any request; the message says what to fix.

    Also a ``ValueError``, as Python code expects of a bad value.
    """


class ArgumentTypeError(ReplicateError, TypeError):
    """An argument of the wrong type, found before any request; the message says what to pass.

    Also a ``TypeError``, as Python code expects of a wrong type.
    """


class ClientStateError(ReplicateError, RuntimeError):
    """A call the object cannot make in its state (no client attached, no next page).

    Also a ``RuntimeError``.
    """


class LocalFileNotFoundError(ReplicateError, FileNotFoundError):
    """A local file given as an input does not exist. Also a ``FileNotFoundError``."""


class MissingDependencyError(ReplicateError, ImportError):
    """An optional package a setting needs is not installed; the message names the extra.

    Also an ``ImportError``.
    """


class MissingAPITokenError(ReplicateError):
    """No API token was given to the client and ``REPLICATE_API_TOKEN`` is not set."""

    def __init__(self) -> None:
        super().__init__(
            "No Replicate API token is set. Set the REPLICATE_API_TOKEN environment variable, "
            "or pass it to the client: replicate.Replicate(bearer_token='r8_...'). "
            "Tokens are listed at https://replicate.com/account/api-tokens."
        )


class ModelError(ReplicateError):
    """A prediction finished with status ``failed``; ``prediction`` holds it, logs included."""

    prediction: Any

    def __init__(self, prediction: Any, message: str | None = None) -> None:
        error = getattr(prediction, "error", None)
        prediction_id = getattr(prediction, "id", None)
        if message is None:
            message = (
                f"Prediction {prediction_id} failed: {error}"
                if error
                else f"Prediction {prediction_id} failed"
            )
        super().__init__(message)
        self.prediction = prediction


class APIConnectionError(ReplicateError):
    """The request got no HTTP answer: the connection failed or was cut."""

    request: httpx.Request

    def __init__(self, *, request: httpx.Request, message: str | None = None) -> None:
        super().__init__(message or f"Could not connect to {request.url.host}: connection error")
        self.request = request


class APITimeoutError(APIConnectionError):
    """The request timed out before an answer arrived."""

    def __init__(self, *, request: httpx.Request, message: str | None = None) -> None:
        super().__init__(
            request=request,
            message=message
            or f"{request.method} {request.url.copy_with(query=None)} timed out; pass a larger "
            "timeout= to the client or to the call",
        )


class APIResponseValidationError(ReplicateError):
    """The API answered 2xx but the body did not match the expected type (strict mode only)."""

    response: httpx.Response
    body: object

    def __init__(self, *, response: httpx.Response, body: object, message: str) -> None:
        super().__init__(message)
        self.response = response
        self.body = body

    @property
    def status_code(self) -> int:
        """The HTTP status of the answer."""
        return self.response.status_code


class APIStatusError(ReplicateError):
    """The API answered with a 4xx or 5xx status.

    ``body`` is the decoded JSON document when there was one, else the text of the answer
    (for example an HTML error page from a proxy), else ``None``.
    """

    response: httpx.Response
    status_code: int
    status: Optional[int]
    body: object

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: object,
        type: str | None = None,
        title: str | None = None,
        detail: str | None = None,
        instance: str | None = None,
    ) -> None:
        super().__init__(message)
        self.response = response
        self.status_code = response.status_code
        self.body = body
        self.type = type
        self.title = title
        self.status = response.status_code
        self.detail = detail
        self.instance = instance

    @property
    def request(self) -> httpx.Request:
        """The request that got this answer."""
        return self.response.request


class BadRequestError(APIStatusError):
    """400: the request was malformed."""


class AuthenticationError(APIStatusError):
    """401: the API token is missing, wrong or revoked."""


class PermissionDeniedError(APIStatusError):
    """403: the token is valid but may not do this."""


class NotFoundError(APIStatusError):
    """404: no such resource, or it is private to another account."""


class ConflictError(APIStatusError):
    """409: the request conflicts with the resource's current state."""


class UnprocessableEntityError(APIStatusError):
    """422: the request was understood but its values are invalid."""


class RateLimitError(APIStatusError):
    """429: too many requests; wait before sending more."""


class InternalServerError(APIStatusError):
    """500 and above: the server failed to handle the request."""
