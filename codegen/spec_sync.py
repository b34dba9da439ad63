"""Build our curated ``openapi.json`` from Replicate's published OpenAPI document.

Facts are kept: paths, operationIds, parameters, request and response schemas,
field names, types, enums, required lists and status codes. Prose is not: every
``description``, ``summary`` and example is dropped and replaced by our own words
(``codegen/summaries.py``). The result is normalised so that both the model
generator and the Prism mock server read it:

- 3.0-style ``nullable: true`` becomes a 3.1 type list (``["string", "null"]``);
- the ``schemas_`` / ``parameters_`` name prefixes are dropped, and shared schemas get
  the names of the public types (``Prediction``, ``Training``, ...);
- request bodies and paginated envelopes are inlined into their operations, so that
  ``components.schemas`` holds exactly the response models;
- the non-standard ``QUERY /models`` moves to an ``x-replicate-query`` key of its
  path item (valid OpenAPI; tools that do not know it ignore it);
- our additions live in ``x-replicate-*`` extensions on each operation (among them
  ``x-replicate-file-inputs``: the body fields holding a model's inputs, where the
  client accepts local files);
- a few fields the published document leaves as a bare ``object`` (or leaves out) are
  given the type the API actually answers with (``REFINED_FIELDS``), each marked
  ``x-replicate-refined``.
"""

from __future__ import annotations

import copy
import json
import urllib.request
from http import HTTPStatus
from pathlib import Path
from typing import Any

from .naming import pascal_case, type_name, types_module
from .summaries import SUMMARIES

__all__ = [
    "FILE_INPUT_FIELDS",
    "HTTP_METHODS",
    "QUERY_KEY",
    "SCHEMA_NAMES",
    "dump_spec",
    "load_source",
    "normalise",
    "sync_spec",
]

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
QUERY_KEY = "x-replicate-query"

# Upstream schema name (without its prefix) → our name. Shared response schemas take the
# name of the public type; request bodies and paginated envelopes are inlined (None).
SCHEMA_NAMES: dict[str, str | None] = {
    "collection_list_item": "CollectionListResponse",
    "collection_response": "CollectionGetResponse",
    "deployment_response": "Deployment",
    "file_response": "File",
    "model_response": "Model",
    "page_response": "SearchPage",
    "paginated_collection_response": None,
    "paginated_model_response": None,
    "paginated_prediction_response": None,
    "paginated_version_response": None,
    "prediction_request": None,
    "prediction_response": "Prediction",
    "search_collection_response": "SearchCollection",
    "search_model_metadata_response": "SearchModelMetadata",
    "search_response": "SearchResponse",
    "training_request": None,
    "training_response": "Training",
    "version_prediction_request": None,
    "version_response": "ModelVersion",
}

# Response models that are returned bound to the client (they gain methods like wait()).
# Every operation answering with one of them returns the bound class, so an object from
# a list has the same methods as one from a get.
BOUND_CLASSES: dict[str, str] = {
    "CollectionGetResponse": "AsyncCollection",
    "Deployment": "AsyncDeployment",
    "Model": "AsyncModel",
    "ModelSearchResponse": "AsyncModelSearchResponse",
    "ModelVersion": "AsyncModelVersion",
    "Prediction": "AsyncPrediction",
    "SearchResponse": "AsyncSearchResponse",
    "Training": "AsyncTraining",
}

# Pagination style by operationId; every other list answers with the plain cursor envelope.
PAGINATION_OVERRIDES: dict[str, str] = {"predictions.list": "cursor-url-with-created-filters"}

# Short descriptions of our own, where a name alone does not say enough.
PARAMETER_DESCRIPTIONS: dict[str, str] = {
    "Prefer": "`wait` or `wait=N` (1-60): hold the request open up to N seconds for the output.",
    "Cancel-After": "Cancel the prediction if it runs longer than this duration, e.g. `30s` or `5m`.",
    "created_after": "Only predictions created at or after this time (ISO 8601).",
    "created_before": "Only predictions created before this time (ISO 8601).",
    "expiry": "Expiry of the signed download link, as a Unix timestamp.",
    "signature": "Signature of the signed download link.",
    "owner": "Owner of the file, as given in the signed download link.",
    "limit": "Maximum number of results per kind.",
}

# Body fields that hold a model's inputs (an object): local files may be given in them.
FILE_INPUT_FIELDS = ("input",)

_PROSE_KEYS = frozenset({"description", "summary", "example", "examples", "externalDocs", "title"})
_DROPPED_EXTENSIONS = frozenset({"x-feature-flag"})


def load_source(source: str) -> dict[str, Any]:
    """Read the published spec from a local path or an http(s) URL."""
    if source.startswith(("http://", "https://")):
        with urllib.request.urlopen(source, timeout=60) as response:
            data: dict[str, Any] = json.load(response)
            return data
    loaded: dict[str, Any] = json.loads(Path(source).read_text(encoding="utf-8"))
    return loaded


def _strip_prose(node: Any, *, property_map: bool = False) -> Any:
    """Drop prose keys everywhere except where they are the names of schema properties."""
    if isinstance(node, dict):
        out: dict[str, Any] = {}
        for key, value in node.items():
            if not property_map and (key in _PROSE_KEYS or key in _DROPPED_EXTENSIONS):
                continue
            out[key] = _strip_prose(value, property_map=(key == "properties" and not property_map))
        return out
    if isinstance(node, list):
        return [_strip_prose(item) for item in node]
    return node


def _schema_name(upstream: str) -> str | None:
    bare = upstream.removeprefix("schemas_")
    if bare in SCHEMA_NAMES:
        return SCHEMA_NAMES[bare]
    return pascal_case(bare)


def _rewrite(node: Any, schemas: dict[str, Any]) -> Any:
    """Rename references, inline the schemas we inline, and turn ``nullable`` into 3.1 types."""
    if isinstance(node, list):
        return [_rewrite(item, schemas) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str):
        if ref.startswith("#/components/schemas/"):
            upstream = ref.rsplit("/", 1)[1]
            name = _schema_name(upstream)
            if name is None:
                return _rewrite(copy.deepcopy(schemas[upstream]), schemas)
            return {**node, "$ref": f"#/components/schemas/{name}"}
        if ref.startswith("#/components/parameters/"):
            return {
                **node,
                "$ref": "#/components/parameters/"
                + ref.rsplit("/", 1)[1].removeprefix("parameters_"),
            }
        return dict(node)
    out: dict[str, Any] = {}
    for key, value in node.items():
        out[key] = value if key == "enum" else _rewrite(value, schemas)
    branches = out.get("oneOf")
    if isinstance(branches, list) and len({str(b.get("type")) for b in branches}) == 1:
        # Branches of one type overlap (a string, or the string "hidden"): a value that
        # matches both would fail `oneOf`, so the spec means `anyOf`.
        out["anyOf"] = out.pop("oneOf")
    if out.pop("nullable", False):
        kind = out.get("type")
        if isinstance(kind, str):
            out["type"] = [kind, "null"]
        elif isinstance(kind, list) and "null" not in kind:
            out["type"] = [*kind, "null"]
        elif kind is None:
            out = {"anyOf": [out, {"type": "null"}]}
        if "enum" in out and None not in out["enum"]:
            out["enum"] = [*out["enum"], None]
    return out


def _json_schema(responses: dict[str, Any]) -> tuple[str | None, dict[str, Any] | None]:
    """The first 2xx status and its JSON schema, if the operation answers with JSON."""
    for status in sorted(responses):
        if status.startswith("2"):
            content = responses[status].get("content", {})
            media = content.get("application/json")
            return status, (media or {}).get("schema")
    return None, None


def _item_ref(schema: dict[str, Any]) -> str | None:
    ref = schema.get("$ref")
    return ref.rsplit("/", 1)[1] if isinstance(ref, str) else None


def _annotate(operation_id: str, method: str, operation: dict[str, Any]) -> None:
    """Add our ``x-replicate-*`` extensions and our summary to one operation."""
    if operation_id not in SUMMARIES:
        raise KeyError(
            f"no summary for operation {operation_id!r}; add one to codegen/summaries.py"
        )
    operation["summary"] = SUMMARIES[operation_id]
    module = types_module(operation_id)
    if module:
        operation["x-replicate-types-module"] = ".".join(module)
    if method == "post" and operation_id.endswith(".create"):
        operation["x-replicate-creates"] = True
    has_query = any(
        p.get("in") == "query" for p in operation.get("parameters", []) if "$ref" not in p
    )
    json_body = "application/json" in operation.get("requestBody", {}).get("content", {})
    multipart = "multipart/form-data" in operation.get("requestBody", {}).get("content", {})
    if json_body or multipart or has_query:
        operation["x-replicate-params-type"] = type_name(operation_id, "Params")
    body = operation.get("requestBody", {}).get("content", {})
    json_properties = body.get("application/json", {}).get("schema", {}).get("properties", {})
    file_inputs = [
        name for name in FILE_INPUT_FIELDS if json_properties.get(name, {}).get("type") == "object"
    ]
    if file_inputs:
        operation["x-replicate-file-inputs"] = file_inputs
    if "multipart/form-data" in body:
        properties = body["multipart/form-data"]["schema"].get("properties", {})
        operation["x-replicate-file-fields"] = sorted(
            name for name, prop in properties.items() if prop.get("format") == "binary"
        )
    _, schema = _json_schema(operation.get("responses", {}))
    if schema is None:
        return
    item = schema
    results = schema.get("properties", {}).get("results")
    is_page = set(schema.get("properties", {})) >= {"next", "previous", "results"}
    if is_page and method != QUERY_KEY:
        operation["x-replicate-pagination"] = PAGINATION_OVERRIDES.get(operation_id, "cursor-url")
        item = results["items"]
    model = _item_ref(item)
    response_type = (
        model if model in ("Prediction", "SearchResponse") else type_name(operation_id, "Response")
    )
    # By the schema's name, or (an inline schema) by the name of the type generated for it.
    bound = BOUND_CLASSES.get(model or "") or BOUND_CLASSES.get(response_type)
    if bound is not None:
        operation["x-replicate-bound-class"] = bound
    operation["x-replicate-response-type"] = response_type


def _describe_responses(operation: dict[str, Any]) -> None:
    """Response objects require a description; ours is the status code's reason phrase."""
    for status, response in operation.get("responses", {}).items():
        response["description"] = HTTPStatus(int(status)).phrase


def _describe_parameter(parameter: dict[str, Any]) -> None:
    text = PARAMETER_DESCRIPTIONS.get(parameter.get("name", ""))
    if text is not None:
        parameter["description"] = text


def _nullable_ref(name: str) -> dict[str, Any]:
    return {"anyOf": [{"$ref": f"#/components/schemas/{name}"}, {"type": "null"}]}


# (schema, field) → the field's schema. The published document types a model's latest
# version and default example as bare objects, though they are a version and a
# prediction; a file's name is answered but not declared.
REFINED_FIELDS: dict[tuple[str, str], dict[str, Any]] = {
    ("Model", "latest_version"): _nullable_ref("ModelVersion"),
    ("Model", "default_example"): _nullable_ref("Prediction"),
    ("File", "name"): {"type": "string"},
}


def _refine(schemas: dict[str, Any]) -> None:
    for (schema, field), refined in REFINED_FIELDS.items():
        if schema not in schemas:
            continue  # a partial document (the tests' small fixtures)
        properties = schemas[schema].setdefault("properties", {})
        properties[field] = {**refined, "x-replicate-refined": True}


def normalise(upstream: dict[str, Any]) -> dict[str, Any]:
    """Our curated document from the published one (pure; see the module docstring)."""
    source = _strip_prose(upstream)
    upstream_schemas: dict[str, Any] = source.get("components", {}).get("schemas", {})
    schemas: dict[str, Any] = {}
    for name, schema in upstream_schemas.items():
        ours = _schema_name(name)
        if ours is not None:
            schemas[ours] = _rewrite(schema, upstream_schemas)
    _refine(schemas)
    parameters = {
        name.removeprefix("parameters_"): _rewrite(value, upstream_schemas)
        for name, value in source.get("components", {}).get("parameters", {}).items()
    }
    for parameter in parameters.values():
        _describe_parameter(parameter)

    paths: dict[str, Any] = {}
    for path, item in source.get("paths", {}).items():
        out_item: dict[str, Any] = {}
        for method, operation in item.items():
            key = method if method in HTTP_METHODS else (QUERY_KEY if method == "query" else None)
            if key is None:
                if method == "parameters":
                    out_item[method] = _rewrite(operation, upstream_schemas)
                continue
            rewritten = _rewrite(operation, upstream_schemas)
            for parameter in rewritten.get("parameters", []):
                _describe_parameter(parameter)
            _describe_responses(rewritten)
            _annotate(rewritten["operationId"], key, rewritten)
            out_item[key] = rewritten
        paths[path] = out_item

    schemes = copy.deepcopy(source.get("components", {}).get("securitySchemes", {}))
    for scheme in schemes.values():
        scheme.pop("bearerFormat", None)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Replicate HTTP API",
            "version": source.get("info", {}).get("version", "0"),
            "description": "Curated from Replicate's published OpenAPI document by `python -m codegen sync`.",
        },
        "servers": source.get("servers", [{"url": "https://api.replicate.com/v1"}]),
        "security": source.get("security", []),
        "paths": paths,
        "components": {"schemas": schemas, "parameters": parameters, "securitySchemes": schemes},
    }


def dump_spec(spec: dict[str, Any]) -> str:
    """Deterministic JSON text: sorted keys, two-space indent, trailing newline."""
    return json.dumps(spec, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def sync_spec(source: str, destination: Path) -> None:
    """Read ``source`` (path or URL), normalise it and write ``destination``."""
    destination.write_text(dump_spec(normalise(load_source(source))), encoding="utf-8")
