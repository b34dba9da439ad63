"""Reading a model version's OpenAPI schema to shape what ``use()`` returns.

Cog models describe their output under ``components.schemas.Output``. Two facts
matter here: whether the output is an iterator of text to concatenate (a language
model streaming tokens), and where the output holds files (``format: uri``
strings), which become file objects. When the schema says nothing about the output's
type, every file URL is treated as a file, as ``run()`` does.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping, cast

from .outputs import is_file_url, transform_output_files

__all__ = [
    "is_concatenate_iterator",
    "is_iterator",
    "output_schema",
    "resolve_refs",
    "transform_schema_files",
]

_REF_PREFIX = "#/components/schemas/"


def _mapping(value: object) -> Mapping[str, Any]:
    """``value`` if it is a mapping (a JSON object), else an empty one."""
    return cast("Mapping[str, Any]", value) if isinstance(value, Mapping) else {}


def resolve_refs(
    schema: object, components: Mapping[str, Any], _seen: frozenset[str] = frozenset()
) -> Any:
    """``schema`` with every ``$ref`` to ``#/components/schemas/...`` replaced by its target.

    A reference cycle, or a reference to something missing, is left as it is.
    """
    if isinstance(schema, Mapping):
        mapping = cast("Mapping[str, Any]", schema)
        ref = mapping.get("$ref")
        if isinstance(ref, str) and ref.startswith(_REF_PREFIX):
            name = ref[len(_REF_PREFIX) :]
            target = components.get(name)
            if target is None or name in _seen:
                return dict(mapping)
            return resolve_refs(target, components, _seen | {name})
        return {key: resolve_refs(value, components, _seen) for key, value in mapping.items()}
    if isinstance(schema, list):
        return [resolve_refs(item, components, _seen) for item in cast("list[object]", schema)]
    return schema


def output_schema(openapi_schema: Mapping[str, Any]) -> dict[str, Any]:
    """The version's ``Output`` schema with references resolved; ``{}`` when absent.

    Example::

        >>> output_schema({"components": {"schemas": {"Output": {"type": "string", "format": "uri"}}}})
        {'type': 'string', 'format': 'uri'}
    """
    schemas = _mapping(_mapping(openapi_schema.get("components")).get("schemas"))
    output = _mapping(schemas.get("Output"))
    if not output:
        return {}
    return cast("dict[str, Any]", resolve_refs(output, schemas))


def is_iterator(schema: Mapping[str, Any]) -> bool:
    """Whether an ``Output`` schema is an iterator: the model yields its output piece by piece."""
    return schema.get("type") == "array" and schema.get("x-cog-array-type") == "iterator"


def is_concatenate_iterator(schema: Mapping[str, Any]) -> bool:
    """Whether an ``Output`` schema is an iterator of strings meant to be joined (streamed text)."""
    items = schema.get("items")
    return (
        is_iterator(schema)
        and schema.get("x-cog-array-display") == "concatenate"
        and isinstance(items, Mapping)
        and cast("Mapping[str, Any]", items).get("type") == "string"
    )


def _is_uri(schema: object) -> bool:
    if not isinstance(schema, Mapping):
        return False
    mapping = cast("Mapping[str, Any]", schema)
    return mapping.get("type") == "string" and mapping.get("format") == "uri"


def _apply(value: object, schema: Mapping[str, Any], make_file: Callable[[str], object]) -> Any:
    if _is_uri(schema):
        return make_file(value) if isinstance(value, str) and is_file_url(value) else value
    kind = schema.get("type")
    if kind == "array" and isinstance(value, list):
        item_schema = _mapping(schema.get("items"))
        return [_apply(item, item_schema, make_file) for item in cast("list[object]", value)]
    if kind == "object" and isinstance(value, Mapping):
        known = _mapping(schema.get("properties"))
        mapping = cast("Mapping[str, object]", value)
        return {
            key: _apply(item, _mapping(known.get(key)), make_file) for key, item in mapping.items()
        }
    return value


def transform_schema_files(
    output: object, schema: Mapping[str, Any], make_file: Callable[[str], object]
) -> Any:
    """``output`` with the files the ``Output`` schema marks replaced by ``make_file(url)``.

    Without a ``type`` in the schema, every file URL counts as a file.

    Example::

        >>> transform_schema_files(["https://x/a.png"], {"type": "array", "items": {"type": "string", "format": "uri"}}, str.upper)
        ['HTTPS://X/A.PNG']
        >>> transform_schema_files("https://x/a.png", {"type": "string"}, str.upper)
        'https://x/a.png'
    """
    if "type" not in schema:
        return transform_output_files(output, make_file)
    return _apply(output, schema, make_file)
