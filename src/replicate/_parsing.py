"""From an HTTP answer to what a method returns: I/O-free, shared by the async and sync clients.

The body is already read when these run. Answers are validated strictly first (fast);
an answer that does not validate (a value the spec does not list, a field left out) is
parsed leniently, keeping what it holds, unless the client asked for strict validation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Optional, TypeVar, cast

import httpx
import pydantic

from ._base_model import parse_response_data, validate_json_bytes, validate_page_json
from ._exceptions import APIResponseValidationError

__all__ = ["decode_json", "parse_page", "parse_response"]

_T = TypeVar("_T")

Bind = Callable[[Any], Any]
"""Binds an object that acts on itself to the client (returns it)."""


def parse_response(
    response: httpx.Response, cast_to: type[Any], *, strict: bool, bind: Bind
) -> Any:
    """The body of ``response`` as ``cast_to`` (a model, ``str``, ``bytes``, ``object``, ...).

    Raises:
        APIResponseValidationError: the body is not JSON where JSON is expected, or (with
            ``strict``, or without an object for a model) does not match ``cast_to``.
    """
    if cast_to is type(None):
        return None
    if cast_to is httpx.Response:
        return response
    if cast_to is str:
        return response.text
    if cast_to is bytes:
        return response.content
    if not response.content and cast_to is object:
        return None
    if cast_to is not object:
        try:
            value = validate_json_bytes(cast_to, response.content)
        except pydantic.ValidationError:
            pass  # unknown values or invalid JSON: the lenient path decides below
        else:
            return bind(value)
    return _build(response, cast_to, decode_json(response), strict=strict, bind=bind)


def parse_page(
    response: httpx.Response, model: type[_T], *, strict: bool, bind: Bind
) -> tuple[list[_T], Optional[str], Optional[str]]:
    """A page's ``(results as model, next URL, previous URL)``.

    Raises:
        APIResponseValidationError: the page is not a JSON object, or (with ``strict``)
            has no ``results`` list or an item that does not match ``model``.
    """
    next_url: object
    previous_url: object
    try:
        results, next_url, previous_url = validate_page_json(model, response.content)
    except pydantic.ValidationError:
        # Unknown values or a malformed page: item by item, leniently.
        results, next_url, previous_url = _parse_page_leniently(
            response, model, strict=strict, bind=bind
        )
    else:
        for item in results:
            bind(item)
    return (
        results,
        next_url if isinstance(next_url, str) and next_url else None,
        previous_url if isinstance(previous_url, str) and previous_url else None,
    )


def _parse_page_leniently(
    response: httpx.Response, model: type[_T], *, strict: bool, bind: Bind
) -> tuple[list[_T], object, object]:
    data = decode_json(response)
    if not isinstance(data, dict):
        raise APIResponseValidationError(
            response=response,
            body=data,
            message=f"Expected a page (a JSON object), got {type(data).__name__}",
        )
    document = cast("dict[str, Any]", data)
    raw_results: object = document.get("results")
    if not isinstance(raw_results, list):
        if strict:
            raise APIResponseValidationError(
                response=response, body=document, message="The page has no `results` list"
            )
        raw_results = cast("list[object]", [])
    results = [
        _build(response, model, item, strict=strict, bind=bind)
        for item in cast("list[object]", raw_results)
    ]
    return results, document.get("next"), document.get("previous")


def _build(
    response: httpx.Response, cast_to: type[_T], data: object, *, strict: bool, bind: Bind
) -> _T:
    if _is_model_class(cast_to) and _json_kind(data) != "an object":
        # Leniency keeps what the fields hold; with no object there are no fields to keep.
        raise APIResponseValidationError(
            response=response,
            body=data,
            message=f"Expected a JSON object for {cast_to.__name__}, got {_json_kind(data)}",
        )
    try:
        value = parse_response_data(cast_to, data, strict=strict)
    except pydantic.ValidationError as error:
        name = getattr(cast_to, "__name__", repr(cast_to))
        raise APIResponseValidationError(
            response=response, body=data, message=f"The response does not match {name}: {error}"
        ) from error
    return cast(_T, bind(value))


def decode_json(response: httpx.Response) -> object:
    """The JSON body of ``response``.

    Raises:
        APIResponseValidationError: the body is not JSON; the message names the request
            and the content type that came instead.
    """
    try:
        return response.json()
    except ValueError as error:
        request = response.request
        raise APIResponseValidationError(
            response=response,
            body=response.text,
            message=f"Expected JSON from {request.method} {request.url.copy_with(query=None)}, "
            f"got {response.headers.get('content-type', 'no content type')}",
        ) from error


def _json_kind(data: object) -> str:
    """What a decoded JSON value is, in JSON's words (``null``, ``array``, ...)."""
    if data is None:
        return "null"
    if isinstance(data, bool):
        return "a boolean"
    if isinstance(data, (int, float)):
        return "a number"
    if isinstance(data, str):
        return "a string"
    if isinstance(data, list):
        return "an array"
    if isinstance(data, dict):
        return "an object"
    return type(data).__name__


def _is_model_class(cast_to: object) -> bool:
    return isinstance(cast_to, type) and issubclass(cast_to, pydantic.BaseModel)
