"""``x-replicate-file-inputs``: derived by the sync step, turned into an operation field and a keyword."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from codegen.resources import _operation_constant, plan_method  # pyright: ignore[reportPrivateUsage]
from codegen.spec_model import load_spec
from codegen.spec_sync import normalise

REPO = Path(__file__).resolve().parents[2]
MINI = Path(__file__).resolve().parent / "fixtures" / "mini-openapi.json"


def _upstream_with_input(input_schema: dict[str, Any]) -> dict[str, Any]:
    """A published-style document whose one create has ``input`` shaped as given."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/predictions": {
                "post": {
                    "operationId": "predictions.create",
                    "requestBody": {
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "input": input_schema,
                                        "version": {"type": "string"},
                                    },
                                }
                            }
                        }
                    },
                    "responses": {"201": {"description": "x"}},
                }
            }
        },
    }


def test_an_object_input_field_is_marked() -> None:
    operation = normalise(_upstream_with_input({"type": "object"}))["paths"]["/predictions"]["post"]
    assert operation["x-replicate-file-inputs"] == ["input"]


def test_an_input_field_that_is_not_an_object_is_not_marked() -> None:
    operation = normalise(_upstream_with_input({"type": "string"}))["paths"]["/predictions"]["post"]
    assert "x-replicate-file-inputs" not in operation


def test_the_committed_spec_marks_exactly_the_creates_that_take_model_inputs() -> None:
    spec = json.loads((REPO / "openapi.json").read_text(encoding="utf-8"))
    marked = {
        operation["operationId"]: operation["x-replicate-file-inputs"]
        for item in spec["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict) and "x-replicate-file-inputs" in operation
    }
    assert marked == {
        "predictions.create": ["input"],
        "models.predictions.create": ["input"],
        "deployments.predictions.create": ["input"],
        "trainings.create": ["input"],
    }


def test_the_marker_gives_the_operation_field_and_the_keyword() -> None:
    operations = {op.operation_id: op for op in load_spec(MINI).operations}
    marked = operations["predictions.create"]
    plan = plan_method(marked, client_expr="self._client")
    assert _operation_constant(marked, plan.constant).endswith('file_inputs=("input",))')
    assert plan.signature[-2:] == [
        'file_encoding_strategy: FileEncodingStrategy = "url"',
        "**options: Unpack[RequestOptions]",
    ]
    assert "input: Mapping[str, object]" in plan.signature
    assert "file_encoding_strategy=file_encoding_strategy" in plan.call_lines[-1]
    assert "FileEncodingStrategy" in plan.imports["..._types"]
    assert any(name == "file_encoding_strategy" for name, _ in plan.docs)


def test_an_unmarked_create_gets_neither() -> None:
    unmarked = next(op for op in load_spec(MINI).operations if op.operation_id == "models.create")
    plan = plan_method(unmarked, client_expr="self._client")
    assert "file_inputs" not in _operation_constant(unmarked, plan.constant)
    assert not any("file_encoding_strategy" in part for part in plan.signature)
    assert "file_encoding_strategy" not in plan.call_lines[-1]
