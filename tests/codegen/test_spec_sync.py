"""The sync step: facts kept, prose dropped, names and nullability normalised."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from codegen.spec_sync import QUERY_KEY, dump_spec, normalise

REPO = Path(__file__).resolve().parents[2]
UPSTREAM = REPO.parent / "shared" / "upstream" / "replicate-openapi.json"
PROSE = "A long upstream sentence that must never reach our document."


def _upstream() -> dict[str, Any]:
    """A small document in the published spec's style (3.1 header, 3.0 habits)."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1", "description": PROSE},
        "paths": {
            "/models": {
                "query": {
                    "operationId": "models.search",
                    "summary": PROSE,
                    "requestBody": {"content": {"text/plain": {"schema": {"type": "string"}}}},
                    "responses": {
                        "200": {
                            "description": PROSE,
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "$ref": "#/components/schemas/schemas_model_response"
                                    }
                                }
                            },
                        }
                    },
                },
            },
            "/predictions": {
                "post": {
                    "operationId": "predictions.create",
                    "description": PROSE,
                    "parameters": [{"$ref": "#/components/parameters/parameters_prefer_header"}],
                    "requestBody": {
                        "content": {
                            "application/json": {
                                "schema": {
                                    "$ref": "#/components/schemas/schemas_prediction_request"
                                }
                            }
                        }
                    },
                    "responses": {
                        "201": {
                            "description": PROSE,
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "$ref": "#/components/schemas/schemas_prediction_response"
                                    }
                                }
                            },
                        }
                    },
                },
            },
        },
        "components": {
            "parameters": {
                "parameters_prefer_header": {
                    "in": "header",
                    "name": "Prefer",
                    "description": PROSE,
                    "schema": {"type": "string"},
                }
            },
            "schemas": {
                "schemas_model_response": {
                    "type": "object",
                    "properties": {
                        "description": {"type": "string", "nullable": True, "description": PROSE},
                        "visibility": {
                            "type": "string",
                            "enum": ["public", "private"],
                            "example": "public",
                        },
                    },
                },
                "schemas_prediction_request": {
                    "type": "object",
                    "required": ["input"],
                    "properties": {"input": {"type": "object", "description": PROSE}},
                },
                "schemas_prediction_response": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {
                        "error": {"type": "string", "nullable": True},
                        "version": {
                            "oneOf": [{"type": "string"}, {"type": "string", "enum": ["hidden"]}]
                        },
                        "output": {"oneOf": [{"type": "string"}, {"type": "array"}]},
                    },
                },
            },
        },
    }


def test_prefixes_are_dropped_and_shared_schemas_get_public_names() -> None:
    spec = normalise(_upstream())
    assert set(spec["components"]["schemas"]) == {"Model", "Prediction"}
    assert set(spec["components"]["parameters"]) == {"prefer_header"}
    operation = spec["paths"]["/predictions"]["post"]
    assert operation["parameters"] == [{"$ref": "#/components/parameters/prefer_header"}]
    schema = operation["responses"]["201"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/Prediction"}


def test_request_schemas_are_inlined() -> None:
    body = normalise(_upstream())["paths"]["/predictions"]["post"]["requestBody"]
    assert body["content"]["application/json"]["schema"] == {
        "type": "object",
        "required": ["input"],
        "properties": {"input": {"type": "object"}},
    }


def test_nullable_becomes_a_type_list() -> None:
    schemas = normalise(_upstream())["components"]["schemas"]
    assert schemas["Prediction"]["properties"]["error"] == {"type": ["string", "null"]}
    assert "nullable" not in json.dumps(schemas)


def test_overlapping_one_of_becomes_any_of() -> None:
    # "hidden" is a string too: under oneOf it would match both branches and be rejected.
    properties = normalise(_upstream())["components"]["schemas"]["Prediction"]["properties"]
    assert properties["version"] == {
        "anyOf": [{"type": "string"}, {"type": "string", "enum": ["hidden"]}]
    }
    assert properties["output"] == {"oneOf": [{"type": "string"}, {"type": "array"}]}


def test_a_property_named_description_is_a_fact_and_is_kept() -> None:
    model = normalise(_upstream())["components"]["schemas"]["Model"]
    assert model["properties"]["description"] == {"type": ["string", "null"]}
    assert model["properties"]["visibility"] == {"type": "string", "enum": ["public", "private"]}


def test_query_operation_moves_to_an_extension_key() -> None:
    item = normalise(_upstream())["paths"]["/models"]
    assert "query" not in item
    assert item[QUERY_KEY]["operationId"] == "models.search"
    assert item[QUERY_KEY]["summary"] == "Search public models by a text query."


def test_our_annotations_are_added() -> None:
    operation = normalise(_upstream())["paths"]["/predictions"]["post"]
    assert operation["x-replicate-creates"] is True
    assert operation["x-replicate-bound-class"] == "AsyncPrediction"
    assert operation["x-replicate-response-type"] == "Prediction"
    assert operation["x-replicate-params-type"] == "PredictionCreateParams"
    assert operation["responses"]["201"]["description"] == "Created"


def test_no_upstream_prose_survives() -> None:
    assert PROSE not in dump_spec(normalise(_upstream()))


def test_an_operation_without_our_summary_is_refused() -> None:
    upstream = _upstream()
    upstream["paths"]["/predictions"]["post"]["operationId"] = "predictions.brand_new"
    with pytest.raises(KeyError, match=r"predictions\.brand_new"):
        normalise(upstream)


def test_output_is_deterministic() -> None:
    assert dump_spec(normalise(_upstream())) == dump_spec(normalise(_upstream()))


def _prose_strings(node: Any, out: set[str], in_properties: bool = False) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if not in_properties and key in ("description", "summary") and isinstance(value, str):
                out.add(value)
            else:
                _prose_strings(value, out, key == "properties" and not in_properties)
    elif isinstance(node, list):
        for item in node:
            _prose_strings(item, out)


@pytest.mark.skipif(not UPSTREAM.exists(), reason="the published spec is not available here")
def test_committed_openapi_json_is_the_sync_of_the_published_spec() -> None:
    upstream = json.loads(UPSTREAM.read_text())
    ours = (REPO / "openapi.json").read_text()
    assert dump_spec(normalise(upstream)) == ours
    prose: set[str] = set()
    _prose_strings(upstream, prose)
    leaked = [text for text in prose if len(text) > 20 and text in ours]
    assert leaked == []
    operations = [
        op
        for item in json.loads(ours)["paths"].values()
        for op in item.values()
        if "operationId" in op
    ]
    assert len(operations) == 37


def test_committed_spec_types_fields_the_published_one_leaves_bare() -> None:
    spec = json.loads((Path(__file__).resolve().parents[2] / "openapi.json").read_text())
    model = spec["components"]["schemas"]["Model"]["properties"]
    assert model["latest_version"]["anyOf"][0] == {"$ref": "#/components/schemas/ModelVersion"}
    assert model["default_example"]["anyOf"][0] == {"$ref": "#/components/schemas/Prediction"}
    assert spec["components"]["schemas"]["File"]["properties"]["name"]["type"] == "string"
    assert all(
        field.get("x-replicate-refined")
        for field in (model["latest_version"], model["default_example"])
    )
