"""Pydantic response models in ``src/replicate/types/``, via datamodel-code-generator.

The generator sees a document whose ``components.schemas`` holds every model that
needs a name: the spec's own components, the inline responses hoisted under their
2.x names (``AccountGetResponse``), and nested inline objects hoisted as
``<Parent><Property>`` (``PredictionUrls``) so that names never collide or depend on
the generator's numbering.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .naming import pascal_case, singular, types_module
from .spec_model import Spec

__all__ = ["DATAMODEL_CODEGEN_ARGS", "ModelPlan", "plan_models", "run_datamodel_codegen"]

DATAMODEL_CODEGEN_ARGS: tuple[str, ...] = (
    "--input-file-type",
    "openapi",
    "--openapi-scopes",
    "schemas",
    "--output-model-type",
    "pydantic_v2.BaseModel",
    "--base-class",
    "replicate._base_model.BaseModel",
    "--target-python-version",
    "3.10",
    "--no-use-union-operator",
    "--use-standard-collections",
    "--field-constraints",
    "--strict-nullable",
    "--enum-field-as-literal",
    "all",
    "--collapse-root-models",
    "--type-mappings",
    "string+uri=string",
    "--use-field-description",
    "--keep-model-order",
    "--disable-timestamp",
    "--output-datetime-class",
    "datetime",
    "--use-schema-description",
    "--no-formatters",
)


@dataclass
class ModelPlan:
    """Schemas to generate, and the public aliases per ``replicate.types`` module."""

    schemas: dict[str, Any]
    # module path below replicate.types (() is the package itself) → alias name → target
    aliases: dict[tuple[str, ...], dict[str, str]] = field(default_factory=dict)

    def add_alias(self, module: tuple[str, ...], name: str, target: str) -> None:
        """Record ``name = target`` for ``module``; a different earlier target is a bug."""
        existing = self.aliases.setdefault(module, {}).get(name)
        if existing is not None and existing != target:
            raise ValueError(
                f"type {name} in replicate.types.{'.'.join(module)} is both {existing} and {target}"
            )
        self.aliases[module][name] = target


def _is_inline_object(schema: dict[str, Any]) -> bool:
    return (
        "$ref" not in schema and schema.get("type") == "object" and bool(schema.get("properties"))
    )


def _hoist_nested(name: str, schema: dict[str, Any], schemas: dict[str, Any]) -> None:
    """Move inline object properties (and array items) of ``schema`` into ``schemas``."""
    for prop_name, prop in schema.get("properties", {}).items():
        if _is_inline_object(prop):
            child = name + pascal_case(prop_name)
            schemas[child] = prop
            prop.setdefault("description", f"The ``{prop_name}`` of a ``{name}``.")
            schema["properties"][prop_name] = {"$ref": f"#/components/schemas/{child}"}
            _hoist_nested(child, prop, schemas)
        elif prop.get("type") == "array" and _is_inline_object(prop.get("items", {})):
            child = name + pascal_case(singular(prop_name))
            schemas[child] = prop["items"]
            schemas[child].setdefault("description", f"One of the ``{prop_name}`` of a ``{name}``.")
            prop["items"] = {"$ref": f"#/components/schemas/{child}"}
            _hoist_nested(child, schemas[child], schemas)


def _describe(name: str, schema: dict[str, Any]) -> None:
    """Give ``schema`` a one-line description (its class docstring) if it has none.

    Our words, made from the type's name: the published spec's prose is not copied.
    """
    if isinstance(schema, dict) and "description" not in schema and "$ref" not in schema:
        words = re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()
        article = "An" if words[:1] in "aeiou" else "A"
        schema["description"] = f"{article} {words}, as the API returns it."


def _ref_name(schema: dict[str, Any]) -> str | None:
    ref = schema.get("$ref")
    return ref.rsplit("/", 1)[1] if isinstance(ref, str) else None


def plan_models(spec: Spec) -> ModelPlan:
    """Which models to generate and which public names alias them (pure)."""
    schemas: dict[str, Any] = copy.deepcopy(spec.raw.get("components", {}).get("schemas", {}))
    plan = ModelPlan(schemas=schemas)
    for operation in spec.operations:
        public = operation.extension("response-type")
        if public is None or operation.response_schema is None:
            continue
        module = types_module(operation.operation_id)
        schema = copy.deepcopy(operation.response_schema)
        if operation.extension("pagination"):
            schema = schema["properties"]["results"]["items"]
        target = _ref_name(schema)
        if target is None and schema.get("type") == "array":
            item = schema["items"]
            item_name = _ref_name(item) or public + "Item"
            if _ref_name(item) is None:
                schemas.setdefault(item_name, item)
            plan.add_alias(module, public, f"list[{item_name}]")
            continue
        if target is None:
            schemas.setdefault(public, schema)
            target = public
        elif target == public:
            # A shared data model (Prediction, SearchResponse) lives only in replicate.types.
            continue
        if module or target != public:
            plan.add_alias(module, public, target)
    for name in list(schemas):
        _hoist_nested(name, schemas[name], schemas)
    for name, schema in schemas.items():
        _describe(name, schema)
    plan.schemas = dict(sorted(schemas.items()))
    return plan


def run_datamodel_codegen(schemas: dict[str, Any]) -> str:
    """The generator's Python source for ``schemas`` (unformatted; ruff formats later)."""
    document = {
        "openapi": "3.1.0",
        "info": {"title": "models", "version": "0"},
        "paths": {},
        "components": {"schemas": schemas},
    }
    with tempfile.TemporaryDirectory(prefix="codegen-models-") as tmp:
        source = Path(tmp) / "models.json"
        output = Path(tmp) / "models.py"
        source.write_text(json.dumps(document, indent=2, sort_keys=True), encoding="utf-8")
        executable = Path(sys.executable).parent / "datamodel-codegen"
        subprocess.run(
            [
                str(executable),
                "--input",
                str(source),
                "--output",
                str(output),
                *DATAMODEL_CODEGEN_ARGS,
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        return output.read_text(encoding="utf-8")
