"""Turning an error answer into an exception: status → class, RFC 7807 body → fields, message."""

from __future__ import annotations

import json
import urllib.parse
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from .._exceptions import (
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)

if TYPE_CHECKING:
    import httpx

__all__ = ["Problem", "error_message", "make_status_error", "parse_problem", "status_error_class"]

_ERROR_CLASSES: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}

# What a person can do about each kind of failure.
_HINTS: dict[int, str] = {
    401: "Check the API token: set REPLICATE_API_TOKEN or pass bearer_token= to the client.",
    403: "The token is valid but its account may not do this.",
    404: "Check the name or id; private resources are visible only to their owner.",
    413: "The request is too large: send large data as a file (a local path or open "
    "file in the input is uploaded), not inline.",
    429: "Too many requests: wait a little, or send fewer requests at once.",
}
_SERVER_HINT = "The server failed; try again later."
_NO_V1_HINT = (
    "The API's paths start with /v1: check the base URL (e.g. https://api.replicate.com/v1)."
)
_SERVER_HINT_FOR_CREATE = (
    "The server failed, but what this request creates may exist all the same: check "
    "with client.predictions.list() (or trainings.list(), files.list()) before sending it again."
)

# Enough of a plain-text body to explain the failure without flooding a log line.
_MAX_TEXT_DETAIL = 200


@dataclass(frozen=True)
class Problem:
    """The fields of an error answer; ``body`` is the decoded JSON, or the text, or ``None``."""

    body: object
    type: str | None = None
    title: str | None = None
    status: int | None = None
    detail: str | None = None
    instance: str | None = None


def status_error_class(status_code: int) -> type[APIStatusError]:
    """The exception class for an HTTP error status."""
    if status_code >= 500:
        return InternalServerError
    return _ERROR_CLASSES.get(status_code, APIStatusError)


def parse_problem(content: bytes, content_type: str | None) -> Problem:
    """Read an error body: an RFC 7807 document, other JSON, plain text or an HTML page.

    Never raises: whatever the body is, the caller gets a ``Problem`` to report.
    """
    if not content:
        return Problem(body=None)
    text = content.decode("utf-8", errors="replace")
    try:
        document: object = json.loads(text)
    except ValueError:
        media_type = (content_type or "").split(";")[0].strip().lower()
        if media_type == "text/html" or text.lstrip().startswith("<"):
            # A proxy's error page: keep it in ``body`` but do not quote markup in messages.
            return Problem(body=text)
        detail = text.strip()
        if len(detail) > _MAX_TEXT_DETAIL:
            detail = detail[:_MAX_TEXT_DETAIL] + "..."
        return Problem(body=text, detail=detail or None)
    if not isinstance(document, dict):
        return Problem(body=document)
    fields = cast("dict[str, object]", document)
    status = fields.get("status")
    return Problem(
        body=fields,
        type=_string_or_none(fields.get("type")),
        title=_string_or_none(fields.get("title")),
        status=status if isinstance(status, int) and not isinstance(status, bool) else None,
        detail=_string_or_none(fields.get("detail")) or _string_or_none(fields.get("error")),
        instance=_string_or_none(fields.get("instance")),
    )


def error_message(
    *,
    method: str,
    url: str,
    status_code: int,
    reason: str,
    problem: Problem,
    creates: bool = False,
) -> str:
    """One sentence on what happened, the server's explanation, and what to do.

    ``creates`` says the request creates something (not safe to send twice), so a 5xx
    does not advise simply trying again.
    """
    parts = [f"{method} {url} failed with {status_code} {reason}".rstrip() + "."]
    explanation = problem.detail or problem.title
    if explanation:
        parts.append(explanation.rstrip(".") + ".")
    server_hint = _SERVER_HINT_FOR_CREATE if creates else _SERVER_HINT
    hint = _HINTS.get(status_code) or (server_hint if status_code >= 500 else None)
    if status_code == 404 and "/v1/" not in urllib.parse.urlsplit(url).path + "/":
        hint = _NO_V1_HINT
    if hint:
        parts.append(hint)
    return " ".join(parts)


def make_status_error(
    response: httpx.Response, content: bytes, *, creates: bool = False
) -> APIStatusError:
    """The exception for an error answer whose body has already been read into ``content``.

    ``creates``: the request creates something, so a 5xx message does not say "try again".
    """
    problem = parse_problem(content, response.headers.get("content-type"))
    message = error_message(
        method=response.request.method,
        # The query string may hold signed file parameters; the path is enough to say what failed.
        url=str(response.request.url.copy_with(query=None)),
        status_code=response.status_code,
        reason=response.reason_phrase,
        problem=problem,
        creates=creates,
    )
    error_class = status_error_class(response.status_code)
    return error_class(
        message,
        response=response,
        body=problem.body,
        type=problem.type,
        title=problem.title,
        detail=problem.detail,
        instance=problem.instance,
    )


def _string_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
