"""The pydantic base class of every model in ``replicate.types``, and lenient parsing.

The API grows: a new field, a new prediction status. An SDK released before that must
still read the answer, so ``parse_response_data`` keeps whatever does not match the
declared types instead of failing: an unknown status stays the string the server sent,
an unknown field stays an attribute, a field the answer leaves out reads as ``None``.
Strict parsing (for tests) raises instead.
"""

from __future__ import annotations

import functools
import types
import typing
from typing import Any, Generic, List, Optional, TypeVar, Union, cast

import pydantic
import typing_extensions

__all__ = ["BaseModel", "parse_response_data", "validate_json_bytes", "validate_page_json"]

_T = TypeVar("_T")

# ``Optional[X]`` and, from Python 3.10, ``X | None``.
_UNION_ORIGINS: tuple[object, ...] = (Union, getattr(types, "UnionType", Union))


class BaseModel(pydantic.BaseModel):
    """API objects: unknown fields are kept, so a newer API never breaks an older SDK."""

    model_config: typing.ClassVar[pydantic.ConfigDict] = pydantic.ConfigDict(
        extra="allow", populate_by_name=True, protected_namespaces=()
    )

    def to_dict(
        self, *, mode: typing.Literal["json", "python"] = "python", exclude_unset: bool = True
    ) -> dict[str, Any]:
        """The object as a dict of the fields the API sent (2.x's ``to_dict``).

        ``mode="json"`` gives only JSON values (dates as strings); ``exclude_unset=False``
        also gives the fields the answer left out, as ``None``.
        """
        return self.model_dump(mode=mode, by_alias=True, exclude_unset=exclude_unset)

    def to_json(self, *, indent: Optional[int] = 2, exclude_unset: bool = True) -> str:
        """The object as a JSON document (2.x's ``to_json``), indented by ``indent`` spaces."""
        return self.model_dump_json(indent=indent, by_alias=True, exclude_unset=exclude_unset)


def parse_response_data(cast_to: type[_T], data: object, *, strict: bool = False) -> _T:
    """``data`` (decoded JSON) as an instance of ``cast_to``.

    Validation is tried first. When it fails and ``strict`` is false, the value is built
    anyway, field by field, in nested models too: each field that validates is converted,
    each one that does not keeps the value the server sent, and each one the server left
    out reads as its default or ``None``. With ``strict`` the ``pydantic.ValidationError``
    is raised.
    """
    if cast_to is object:
        return cast(_T, data)
    try:
        return cast(_T, _adapter(cast_to).validate_python(data))
    except pydantic.ValidationError:
        if strict:
            raise
    return cast(_T, _lenient_value(cast_to, data))


def validate_json_bytes(cast_to: type[_T], content: bytes) -> _T:
    """A JSON document, as received, validated as ``cast_to`` in one pass.

    Parsing and validating together is several times faster than ``json.loads``
    followed by validation. It is exact, never lenient: on any mismatch (or invalid
    JSON) it raises ``pydantic.ValidationError``, and the caller falls back to
    :func:`parse_response_data` on the decoded document, which decides how to go on.
    """
    return cast(_T, _adapter(cast_to).validate_json(content))


class _PageDocument(typing_extensions.TypedDict, Generic[_T]):
    """A page of a list, as the API sends it (other keys are ignored)."""

    results: List[_T]
    next: typing_extensions.NotRequired[Optional[str]]
    previous: typing_extensions.NotRequired[Optional[str]]


def validate_page_json(
    item: type[_T], content: bytes
) -> tuple[list[_T], Optional[str], Optional[str]]:
    """A page's items, ``next`` and ``previous``, validated from the JSON as received.

    The whole page is one validation call, not one per item. Exact, like
    :func:`validate_json_bytes`: it raises ``pydantic.ValidationError`` on any mismatch.
    """
    page = _adapter(_PageDocument[item]).validate_json(content)  # type: ignore[valid-type]
    document = cast("_PageDocument[_T]", page)
    return document["results"], document.get("next"), document.get("previous")


@functools.lru_cache(maxsize=512)
def _cached_adapter(annotation: Any) -> pydantic.TypeAdapter[Any]:
    return pydantic.TypeAdapter(annotation)


def _adapter(annotation: Any) -> pydantic.TypeAdapter[Any]:
    try:
        return _cached_adapter(annotation)
    except TypeError:  # an unhashable annotation cannot be cached
        return pydantic.TypeAdapter(annotation)


def _lenient_value(annotation: Any, value: object) -> object:
    """``value`` converted to ``annotation`` where possible, else as close as it gets."""
    try:
        return _adapter(annotation).validate_python(value)
    except (pydantic.ValidationError, pydantic.PydanticSchemaGenerationError, TypeError):
        pass
    origin = typing_extensions.get_origin(annotation)
    args = typing_extensions.get_args(annotation)
    if (
        isinstance(annotation, type)
        and issubclass(annotation, pydantic.BaseModel)
        and isinstance(value, dict)
    ):
        return _lenient_model(annotation, cast("dict[str, object]", value))
    if origin in _UNION_ORIGINS:
        # Try the members that can hold this kind of value, models first.
        for member in args:
            if (
                isinstance(member, type)
                and issubclass(member, pydantic.BaseModel)
                and isinstance(value, dict)
            ):
                return _lenient_model(member, cast("dict[str, object]", value))
        return value
    if origin in (list, typing.List) and args and isinstance(value, list):
        return [_lenient_value(args[0], item) for item in cast("list[object]", value)]
    if origin in (dict, typing.Dict) and len(args) == 2 and isinstance(value, dict):
        return {
            key: _lenient_value(args[1], item)
            for key, item in cast("dict[object, object]", value).items()
        }
    if origin is typing_extensions.Annotated and args:
        return _lenient_value(args[0], value)
    return value


def _lenient_model(model: type[pydantic.BaseModel], data: dict[str, object]) -> pydantic.BaseModel:
    """``model`` built from ``data`` without failing: see :func:`parse_response_data`.

    A field the answer leaves out reads as its default, or ``None`` when it has none
    (never an ``AttributeError``); it is not counted among ``model_fields_set``.
    """
    values: dict[str, object] = {}
    missing: dict[str, object] = {}
    known: set[str] = set()
    for name, field in model.model_fields.items():
        key = field.alias or name
        known.update((key, name))
        if key in data:
            values[name] = _lenient_value(field.annotation, data[key])
        elif name in data:
            values[name] = _lenient_value(field.annotation, data[name])
        elif field.is_required():
            missing[name] = None  # fields with a default get it from model_construct
    extra = {key: value for key, value in data.items() if key not in known}
    # model_construct skips validation: fields that failed keep the server's value.
    fields: dict[str, Any] = {**missing, **values, **extra}
    return model.model_construct({*values, *extra}, **fields)
