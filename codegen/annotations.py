"""Python annotations (as source text) for the JSON schemas of parameters and body fields."""

from __future__ import annotations

from typing import Any

__all__ = ["annotation", "literal"]


def literal(values: list[Any]) -> str:
    """``Literal["a", "b"]`` (``None`` members become ``Optional``)."""
    members = ", ".join(repr(v) for v in values if v is not None)
    text = f"Literal[{members}]"
    return f"Optional[{text}]" if None in values else text


def annotation(schema: dict[str, Any], *, file_field: bool = False) -> str:
    """The annotation a caller passes for a value described by ``schema``."""
    if file_field:
        return "FileContent"
    if "enum" in schema:
        return literal(schema["enum"])
    kind = schema.get("type")
    nullable = False
    if isinstance(kind, list):
        nullable = "null" in kind
        rest = [k for k in kind if k != "null"]
        kind = rest[0] if len(rest) == 1 else None
    text: str
    if kind == "string":
        text = "str"
    elif kind == "integer":
        text = "int"
    elif kind == "number":
        text = "float"
    elif kind == "boolean":
        text = "bool"
    elif kind == "array":
        text = f"list[{annotation(schema.get('items', {}))}]"
    elif kind == "object":
        text = "dict[str, object]"
    else:
        text = "object"
    return f"Optional[{text}]" if nullable and text != "object" else text
