"""``key=value`` words of ``replicate run`` turned into a model's input, typed by its schema.

``@path`` as a value sends that local file (the SDK uploads it). When the model's input
schema is known, values take its types (``steps=4`` is the integer 4 if ``steps`` is an
integer) and unknown names are refused with the names that exist; without a schema every
value is a string.
"""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path
from typing import Any, Mapping, Optional, Sequence, cast

from .errors import CLIError, UsageError

__all__ = ["build_input", "choices", "input_properties", "required_inputs", "schema_type"]

_JSON_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(?P<fraction>\.[0-9]+)?(?P<exponent>[eE][-+]?[0-9]+)?")
_TRUE = {"true", "yes", "1", "on"}
_FALSE = {"false", "no", "0", "off"}


def _member(value: object, key: str) -> object:
    """``value[key]`` if ``value`` is a JSON object, else ``None``."""
    return cast("Mapping[str, object]", value).get(key) if isinstance(value, Mapping) else None


def required_inputs(openapi_schema: object) -> frozenset[str]:
    """The names of the inputs a Cog OpenAPI document marks as required."""
    schemas = _member(_member(openapi_schema, "components"), "schemas")
    required = _member(_member(schemas, "Input"), "required")
    if not isinstance(required, list):
        return frozenset()
    return frozenset(str(name) for name in cast("list[object]", required))


def choices(prop: Mapping[str, Any]) -> list[str]:
    """The values an input may take when it is an enum (Cog puts them under ``allOf``)."""
    values = prop.get("enum")
    if isinstance(values, list):
        return [str(value) for value in cast("list[object]", values)]
    for key in ("allOf", "anyOf", "oneOf"):
        for part in prop.get(key) or ():
            if isinstance(part, Mapping):
                found = choices(cast("Mapping[str, Any]", part))
                if found:
                    return found
    return []


def input_properties(openapi_schema: object) -> Optional[dict[str, dict[str, Any]]]:
    """The ``Input`` properties of a Cog OpenAPI document, references resolved; ``None`` if absent."""
    from .._core.output_schema import resolve_refs

    schemas = _member(_member(openapi_schema, "components"), "schemas")
    if not isinstance(schemas, Mapping):
        return None
    schemas = cast("Mapping[str, Any]", schemas)
    resolved = resolve_refs(schemas.get("Input"), schemas)
    if not isinstance(resolved, Mapping):
        return None
    properties = cast("Mapping[str, Any]", resolved).get("properties")
    if not isinstance(properties, Mapping):
        return None
    return {
        str(name): cast("dict[str, Any]", prop) if isinstance(prop, dict) else {}
        for name, prop in cast("Mapping[str, Any]", properties).items()
    }


def schema_type(prop: Mapping[str, Any]) -> Optional[str]:
    """A property's JSON type, looking through ``allOf``/``anyOf`` (Cog puts enums there)."""
    kind = prop.get("type")
    if isinstance(kind, str):
        return kind
    for key in ("allOf", "anyOf", "oneOf"):
        for part in prop.get(key) or ():
            if isinstance(part, Mapping):
                found = schema_type(cast("Mapping[str, Any]", part))
                if found is not None and found != "null":
                    return found
    return None


def _typed(name: str, raw: str, kind: Optional[str]) -> object:
    def bad(what: str) -> UsageError:
        return UsageError(f"input {name}: {raw!r} is not {what}")

    if kind == "integer":
        try:
            return int(raw)
        except ValueError:
            raise bad("an integer") from None
    if kind == "number":
        try:
            return int(raw)
        except ValueError:
            pass
        try:
            return float(raw)
        except ValueError:
            raise bad("a number") from None
    if kind == "boolean":
        if raw.lower() in _TRUE:
            return True
        if raw.lower() in _FALSE:
            return False
        raise bad("a boolean (true or false)")
    if kind in ("array", "object"):
        try:
            value = json.loads(raw)
        except ValueError:
            if kind == "object":
                raise bad("a JSON object") from None
            return None  # not JSON: the caller treats it as one item
        parsed: object = value
        if kind == "object":
            if not isinstance(parsed, dict):
                raise bad("a JSON object")
            return cast("dict[str, object]", parsed)
        return cast("list[object]", parsed) if isinstance(parsed, list) else None
    return raw


def _value(name: str, raw: str, prop: Optional[Mapping[str, Any]]) -> object:
    if raw.startswith("@"):
        path = Path(raw[1:]).expanduser()
        if not path.is_file():
            raise CLIError(f"input {name}: no such file {raw[1:]!r}")
        return path
    if prop is None:
        return _guessed(raw)
    return _typed(name, raw, schema_type(prop))


def _guessed(raw: str) -> object:
    """A value without a schema: a JSON number or boolean if it reads as one, else the string."""
    if raw in ("true", "false"):
        return raw == "true"
    number = _JSON_NUMBER.fullmatch(raw)
    if number is None:
        return raw
    return float(raw) if number["fraction"] or number["exponent"] else int(raw)


def build_input(
    words: Sequence[str], properties: Optional[Mapping[str, Mapping[str, Any]]]
) -> dict[str, object]:
    """The input for ``words`` (``key=value`` each), typed by ``properties`` when known.

    A key given twice makes a list when the property is an array (``image=@a.png
    image=@b.png``); a value of an array property that is not a JSON list is one item.

    Raises:
        UsageError: a word is not ``key=value``, a name is unknown, a value has the wrong type.
        CLIError: an ``@path`` file does not exist.
    """
    result: dict[str, object] = {}
    for word in words:
        name, equals, raw = word.partition("=")
        if not equals or not name:
            raise UsageError(f"inputs are key=value (or key=@file); got {word!r}")
        prop: Optional[Mapping[str, Any]] = None
        if properties is not None:
            if name not in properties:
                close = difflib.get_close_matches(name, list(properties), n=3)
                hint = f"; did you mean {', '.join(close)}?" if close else ""
                known = ", ".join(properties) or "none"
                raise UsageError(f"unknown input {name!r}{hint} (inputs: {known})")
            prop = properties[name]
        is_array = prop is not None and schema_type(prop) == "array"
        value = _value(name, raw, prop)
        if is_array:
            items = cast("list[object]", result.setdefault(name, []))
            if isinstance(value, list):
                items.extend(cast("list[object]", value))
            else:
                items_prop = cast("Mapping[str, Any]", (prop or {}).get("items") or {})
                items.append(value if isinstance(value, Path) else _value(name, raw, items_prop))
        elif name in result:
            raise UsageError(f"input {name!r} given twice")
        else:
            result[name] = value
    return result
