"""A typed view of ``openapi.json``: the operations and what each one needs generated."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .naming import method_name, resource_path
from .spec_sync import HTTP_METHODS, QUERY_KEY

__all__ = ["Operation", "Parameter", "Spec", "load_spec"]


@dataclass(frozen=True)
class Parameter:
    """A path, query or header parameter, or a top-level field of a request body."""

    name: str
    location: str  # "path", "query", "header" or "body"
    schema: dict[str, Any]
    required: bool
    description: str | None = None


@dataclass
class Operation:
    """One API operation, as the resource templates need it."""

    operation_id: str
    http_method: str
    path: str
    summary: str
    raw: dict[str, Any]
    parameters: list[Parameter] = field(default_factory=list)
    body_fields: list[Parameter] = field(default_factory=list)
    body_kind: str | None = None  # "json", "multipart", "text" or None
    response_kind: str = "json"  # "json", "empty", "binary" or "text"
    response_schema: dict[str, Any] | None = None

    @property
    def resource(self) -> tuple[str, ...]:
        """The resource path of the operation, e.g. ``("models", "versions")``."""
        return resource_path(self.operation_id)

    @property
    def method(self) -> str:
        """The Python method name."""
        return method_name(self.operation_id)

    def extension(self, name: str, default: Any = None) -> Any:
        """The value of ``x-replicate-<name>`` on the operation."""
        return self.raw.get(f"x-replicate-{name}", default)


@dataclass
class Spec:
    """The parsed document: its operations in a stable order, and its raw JSON."""

    raw: dict[str, Any]
    text: bytes
    operations: list[Operation]

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        """Follow a local ``$ref`` (once per level) to the object it names."""
        while "$ref" in node:
            target: Any = self.raw
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            node = target
        return node


def _response(operation: dict[str, Any]) -> tuple[str, dict[str, Any] | None]:
    for status in sorted(operation.get("responses", {})):
        if not status.startswith("2"):
            continue
        content = operation["responses"][status].get("content") or {}
        if "application/json" in content:
            return "json", content["application/json"].get("schema")
        if "application/octet-stream" in content:
            return "binary", None
        if "text/plain" in content:
            return "text", content["text/plain"].get("schema")
        return "empty", None
    return "empty", None


def _build(spec: Spec, path: str, method: str, raw: dict[str, Any], shared: list[Any]) -> Operation:
    http_method = "QUERY" if method == QUERY_KEY else method.upper()
    operation = Operation(
        operation_id=raw["operationId"],
        http_method=http_method,
        path=path,
        summary=raw.get("summary", ""),
        raw=raw,
    )
    for entry in [*shared, *raw.get("parameters", [])]:
        parameter = spec.resolve(entry)
        operation.parameters.append(
            Parameter(
                name=parameter["name"],
                location=parameter["in"],
                schema=parameter.get("schema", {}),
                required=bool(parameter.get("required", False)),
                description=parameter.get("description"),
            )
        )
    content = raw.get("requestBody", {}).get("content", {})
    for media, kind in (
        ("application/json", "json"),
        ("multipart/form-data", "multipart"),
        ("text/plain", "text"),
    ):
        if media in content:
            operation.body_kind = kind
            schema = spec.resolve(content[media].get("schema", {}))
            required = set(schema.get("required", []))
            for name, prop in schema.get("properties", {}).items():
                operation.body_fields.append(
                    Parameter(name, "body", prop, name in required, prop.get("description"))
                )
            break
    operation.response_kind, operation.response_schema = _response(raw)
    return operation


def load_spec(path: Path) -> Spec:
    """Parse ``openapi.json``; operations are sorted by operationId for stable output."""
    text = path.read_bytes()
    raw: dict[str, Any] = json.loads(text)
    spec = Spec(raw=raw, text=text, operations=[])
    for api_path, item in raw.get("paths", {}).items():
        shared = item.get("parameters", [])
        for method, operation in item.items():
            if method in HTTP_METHODS or method == QUERY_KEY:
                spec.operations.append(_build(spec, api_path, method, operation, shared))
    spec.operations.sort(key=lambda op: op.operation_id)
    return spec
