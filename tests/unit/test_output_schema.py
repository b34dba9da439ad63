"""Reading a version's Output schema: references, iterators, and which values are files."""

from __future__ import annotations

from typing import Any

from replicate._core.output_schema import (
    is_concatenate_iterator,
    is_iterator,
    output_schema,
    transform_schema_files,
)

URI = {"type": "string", "format": "uri"}


def document(output: Any, **components: Any) -> dict[str, Any]:
    return {"components": {"schemas": {"Output": output, **components}}}


def test_output_schema_resolves_references_and_survives_cycles() -> None:
    doc = document({"$ref": "#/components/schemas/Files"}, Files={"type": "array", "items": URI})
    assert output_schema(doc) == {"type": "array", "items": URI}
    looped = document(
        {"$ref": "#/components/schemas/Node"}, Node={"items": {"$ref": "#/components/schemas/Node"}}
    )
    assert output_schema(looped) == {"items": {"$ref": "#/components/schemas/Node"}}
    assert output_schema({}) == {}
    assert output_schema({"components": {"schemas": {"Output": "nonsense"}}}) == {}


def test_iterator_kinds() -> None:
    text = {
        "type": "array",
        "items": {"type": "string"},
        "x-cog-array-type": "iterator",
        "x-cog-array-display": "concatenate",
    }
    files = {"type": "array", "items": URI, "x-cog-array-type": "iterator"}
    assert is_iterator(text) and is_concatenate_iterator(text)
    assert is_iterator(files) and not is_concatenate_iterator(files)
    assert not is_iterator({"type": "array", "items": {"type": "string"}})


def test_only_uri_values_become_files() -> None:
    schema = {
        "type": "object",
        "properties": {
            "image": URI,
            "frames": {"type": "array", "items": URI},
            "caption": {"type": "string"},
        },
    }
    output = {
        "image": "https://x/a.png",
        "frames": ["https://x/1.png", "data:image/png;base64,AA=="],
        "caption": "https://x/not-a-file",
        "extra": "https://x/unknown",
    }
    assert transform_schema_files(output, schema, lambda url: ("file", url)) == {
        "image": ("file", "https://x/a.png"),
        "frames": [("file", "https://x/1.png"), ("file", "data:image/png;base64,AA==")],
        "caption": "https://x/not-a-file",
        "extra": "https://x/unknown",
    }


def test_untyped_schema_treats_every_url_as_a_file() -> None:
    assert transform_schema_files(["https://x/a.png", "plain"], {"title": "Output"}, str.upper) == [
        "HTTPS://X/A.PNG",
        "plain",
    ]
    assert transform_schema_files("not a url", URI, str.upper) == "not a url"
