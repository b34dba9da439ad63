"""From an operation and a call's arguments to the parts of an HTTP request, before any I/O.

Bad arguments fail here, before the network, with an error that names the argument.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import cast

from .._exceptions import ArgumentTypeError, InvalidArgumentError
from .._operation import Operation
from .._types import NOT_GIVEN, RESPONSE_MODE_OPTION, NotGiven, RequestOptions, Timeout
from .keywords import suggestion
from .retry import is_replay_safe

__all__ = [
    "NO_BODY",
    "OPTION_NAMES",
    "RequestParts",
    "build_operation_request",
    "build_request",
    "drop_not_given",
    "encode_query",
]

OPTION_NAMES = frozenset(RequestOptions.__annotations__) | {RESPONSE_MODE_OPTION}
"""The names a method's ``**options`` may hold."""

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class _NoBody:
    def __repr__(self) -> str:
        return "NO_BODY"


NO_BODY = _NoBody()
"""The request has no JSON body (as opposed to a JSON ``null`` body)."""


@dataclass(frozen=True)
class RequestParts:
    """A request ready for the transport. ``url`` is a path under the base URL, or absolute."""

    method: str
    url: str
    params: Mapping[str, object] = field(default_factory=dict[str, object])
    headers: Mapping[str, str] = field(default_factory=dict[str, str])
    json: object = NO_BODY
    content: bytes | None = None
    data: Mapping[str, str] | None = None
    files: Mapping[str, object] | None = None
    timeout: Timeout | NotGiven = NOT_GIVEN
    replay_safe: bool = True
    response_mode: str | None = None
    """``"raw"`` or ``"stream"`` under ``with_raw_response``/``with_streaming_response``."""


def drop_not_given(values: Mapping[str, object] | None) -> dict[str, object]:
    """``values`` without the entries the caller left out (``NOT_GIVEN``)."""
    if not values:
        return {}
    return {key: value for key, value in values.items() if not isinstance(value, NotGiven)}


def encode_query(values: Mapping[str, object]) -> dict[str, object]:
    """Query values as the API reads them: booleans lower-case, dates ISO 8601, ``None`` left out."""
    encoded: dict[str, object] = {}
    for key, value in values.items():
        if value is None or isinstance(value, NotGiven):
            continue
        encoded[key] = _encode_query_value(value)
    return encoded


def build_request(
    method: str,
    url: str,
    *,
    query: Mapping[str, object] | None = None,
    headers: Mapping[str, object] | None = None,
    body: object = NO_BODY,
    files: Mapping[str, object] | None = None,
    options: RequestOptions | None = None,
    creates: bool = False,
) -> RequestParts:
    """The request for ``method url`` with the call's arguments and per-call ``options``."""
    options = options or {}
    unknown = sorted(set(options) - OPTION_NAMES)
    if unknown:
        public = [name for name in OPTION_NAMES if not name.startswith("_")]
        hint = suggestion(unknown[0], public, listed_as="options")
        raise ArgumentTypeError(f"Unexpected keyword argument(s): {', '.join(unknown)}{hint}")
    merged_headers = {
        key: str(value) for key, value in drop_not_given(headers).items() if value is not None
    }
    merged_headers.update(options.get("extra_headers") or {})
    params = encode_query({**drop_not_given(query), **(options.get("extra_query") or {})})
    extra_body = options.get("extra_body")
    if isinstance(body, Mapping):
        body = {**drop_not_given(body), **(extra_body or {})}  # pyright: ignore[reportUnknownArgumentType]
    elif extra_body:
        if body is not NO_BODY:
            raise ArgumentTypeError("extra_body needs a JSON object body to merge into")
        body = dict(extra_body)
    data: dict[str, str] | None = None
    if files is not None:
        # A multipart request: body fields travel as form fields beside the files.
        data = _form_fields(body)
        body = NO_BODY
    idempotency_key = any(name.lower() == "idempotency-key" for name in merged_headers)
    return RequestParts(
        method=method.upper(),
        url=url,
        params=params,
        headers=merged_headers,
        json=body,
        data=data,
        files=files,
        timeout=options.get("timeout", NOT_GIVEN),
        replay_safe=is_replay_safe(method, creates=creates, idempotency_key=idempotency_key),
        response_mode=cast("dict[str, str | None]", options).get(RESPONSE_MODE_OPTION),
    )


def build_operation_request(
    op: Operation,
    *,
    path_params: Mapping[str, str] | None = None,
    query: Mapping[str, object] | None = None,
    headers: Mapping[str, object] | None = None,
    body: object = NO_BODY,
    files: Mapping[str, object] | None = None,
    options: RequestOptions | None = None,
) -> RequestParts:
    """The request for ``op``; raises ``ValueError`` for a missing or empty path parameter.

    A ``str`` body is sent as plain text (``QUERY /models`` takes its search text so);
    any other body is sent as JSON.
    """
    given = path_params or {}
    values: dict[str, str] = {}
    for name in _PLACEHOLDER.findall(op.path):
        value = given.get(name)
        if not isinstance(value, str) or not value:
            raise InvalidArgumentError(
                f"{op.id}: expected a non-empty string for `{name}`, got {value!r}"
            )
        values[name] = value
    accept = _ACCEPT_BY_RESPONSE.get(op.response)
    if accept is not None and not any(name.lower() == "accept" for name in headers or {}):
        headers = {"Accept": accept, **(headers or {})}
    parts = build_request(
        op.method,
        op.url_path(values),
        query=query,
        headers=headers,
        body=NO_BODY if isinstance(body, str) else body,
        files=files,
        options=options,
        creates=op.creates,
    )
    if not isinstance(body, str):
        return parts
    text_headers = dict(parts.headers)
    if not any(name.lower() == "content-type" for name in text_headers):
        text_headers["Content-Type"] = "text/plain; charset=utf-8"
    return dataclasses.replace(parts, content=body.encode(), headers=text_headers)


# What to ask for where the answer is not JSON (the transport's default Accept).
_ACCEPT_BY_RESPONSE = {"text": "text/plain, application/json;q=0.5", "binary": "*/*"}


def _encode_query_value(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [
            _encode_query_value(item) for item in cast("list[object] | tuple[object, ...]", value)
        ]
    return value


def _form_fields(body: object) -> dict[str, str]:
    if body is NO_BODY or body is None:
        return {}
    if not isinstance(body, Mapping):
        raise ArgumentTypeError("a multipart request's body must be a mapping of form fields")
    fields: dict[str, str] = {}
    for key, value in body.items():  # pyright: ignore[reportUnknownVariableType]
        if value is None or isinstance(value, NotGiven):
            continue
        fields[str(key)] = value if isinstance(value, str) else json.dumps(value)  # pyright: ignore[reportUnknownArgumentType]
    return fields
