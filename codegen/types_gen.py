"""The ``src/replicate/types/`` package: response models, request dicts and 2.x names."""

from __future__ import annotations

import re
from pathlib import Path

from .annotations import annotation
from .header import generated_header
from .models import ModelPlan, plan_models, run_datamodel_codegen
from .naming import types_module
from .spec_model import Operation, Spec

__all__ = ["TYPES_DIR", "generate_types", "params_fields"]

TYPES_DIR = Path("src/replicate/types")
_MODULE_DOCS: dict[tuple[str, ...], str] = {
    (): "Data types of the API: response models, request parameter dicts and their 2.x names.",
    ("models",): "Types of the model operations (`client.models.*`).",
    ("deployments",): "Types of the deployment operations (`client.deployments.*`).",
    ("webhooks",): "Types of the webhook operations (`client.webhooks.*`).",
    (
        "webhooks",
        "default",
    ): "Types of the default webhook operations (`client.webhooks.default.*`).",
}


def params_fields(operation: Operation) -> list[tuple[str, str, bool]]:
    """(name, annotation, required) of the request dict: query parameters and body fields."""
    files = set(operation.extension("file-fields", []))
    fields = [
        (p.name, annotation(p.schema), p.required)
        for p in operation.parameters
        if p.location == "query"
    ]
    if operation.body_kind in ("json", "multipart"):
        fields += [
            (f.name, annotation(f.schema, file_field=f.name in files), f.required)
            for f in operation.body_fields
        ]
    return fields


def _params_module(header: str, module: tuple[str, ...], operations: list[Operation]) -> str:
    uses_files = any(operation.extension("file-fields") for operation in operations)
    lines = [
        header,
        '"""Request parameters of each operation, as typed dicts (keyword arguments of the methods)."""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import Optional",
        "",
        "from typing_extensions import Literal, Required, TypedDict",
        "",
    ]
    if uses_files:
        lines.append(f"from {'.' * (len(module) + 2)}_types import FileContent")
    body: list[str] = []
    names: list[str] = []
    for operation in operations:
        name = operation.extension("params-type")
        names.append(name)
        body += [
            "",
            "",
            f"class {name}(TypedDict, total=False):",
            f'    """Parameters of `{operation.operation_id}`."""',
            "",
        ]
        for field_name, kind, required in params_fields(operation):
            body.append(f"    {field_name}: {f'Required[{kind}]' if required else kind}")
    lines += ["", f"__all__ = {sorted(names)!r}", *body, ""]
    return "\n".join(lines)


def _init_module(
    header: str,
    module: tuple[str, ...],
    plan: ModelPlan,
    schema_names: list[str],
    params: list[str],
    children: list[str],
) -> str:
    depth = "." * (len(module) + 1)
    aliases = plan.aliases.get(module, {})
    imported: set[str] = set(schema_names)
    for name, target in aliases.items():
        inner = target.removeprefix("list[").removesuffix("]")
        if inner == name or inner not in aliases:
            imported.add(inner)
    lines = [header, f'"""{_MODULE_DOCS.get(module, "Types of the API.")}"""', ""]
    if any(t.startswith("list[") for t in aliases.values()):
        lines += ["from typing_extensions import TypeAlias", ""]
    if children:
        lines.append(f"from . import {', '.join(children)}")
    if imported:
        lines.append(f"from {depth}_schemas import {', '.join(sorted(imported))}")
    if params:
        lines.append(f"from ._params import {', '.join(sorted(params))}")
    lines.append("")
    for name, target in sorted(aliases.items()):
        if name == target:
            continue
        if target.startswith("list["):
            lines.append(f"{name}: TypeAlias = {target}")
        else:
            lines.append(f"{name} = {target}")
    exported = sorted({*imported, *params, *aliases, *children})
    lines += ["", f"__all__ = {exported!r}", ""]
    return "\n".join(lines)


# Models that 1.x returned as plain dicts: they also read as mappings (``urls["stream"]``).
MAPPING_MODELS = (
    "FileChecksums",
    "FileUrls",
    "PredictionMetrics",
    "PredictionUrls",
    "TrainingMetrics",
    "TrainingOutput",
    "TrainingUrls",
)


def _with_mapping_bases(body: str) -> str:
    """``body`` with each of ``MAPPING_MODELS`` it defines based on ``MappingModel``."""
    found = False
    for name in MAPPING_MODELS:
        declaration = f"class {name}(BaseModel):"
        if declaration in body:
            body = body.replace(declaration, f"class {name}(MappingModel):")
            found = True
    if not found:
        return body
    base_import = "from replicate._base_model import BaseModel\n"
    return body.replace(
        base_import, base_import + "from replicate._mapping_model import MappingModel\n", 1
    )


def _class_var_model_config(body: str) -> str:
    """``model_config`` declared a ``ClassVar``, as type checkers need to read it alike."""
    declaration = "    model_config = ConfigDict("
    if declaration not in body:
        return body
    body = body.replace(declaration, "    model_config: ClassVar[ConfigDict] = ConfigDict(")
    typing_import = re.search(r"^from typing import (.+)$", body, flags=re.MULTILINE)
    if typing_import is None:
        return body.replace(
            "from pydantic import", "from typing import ClassVar\n\nfrom pydantic import", 1
        )
    names = sorted({*typing_import.group(1).split(", "), "ClassVar"})
    return body.replace(typing_import.group(0), f"from typing import {', '.join(names)}", 1)


def generate_types(spec: Spec, header_source: str, digest: str) -> dict[Path, str]:
    """Every file of ``src/replicate/types/`` by path relative to the repository root."""
    header = generated_header(header_source, digest)
    plan = plan_models(spec)
    models_source = run_datamodel_codegen(plan.schemas)
    body = "\n".join(
        line for line in models_source.splitlines() if not line.startswith("#   filename:")
    )
    body = body.replace("# generated by datamodel-codegen:\n", "", 1)
    body = _with_mapping_bases(body)
    body = _class_var_model_config(body)
    schema_names = sorted(plan.schemas)
    files: dict[Path, str] = {
        TYPES_DIR
        / "_schemas.py": f'{header}\n"""Response models of the API."""\n\n{body.lstrip()}\n'
        + "\n# Resolve the forward references now: subclasses defined in other modules (the\n"
        + "# bound objects) cannot resolve them from their own namespace later.\n"
        + "".join(f"{name}.model_rebuild()\n" for name in schema_names)
        + f"\n__all__ = {schema_names!r}\n"
    }
    params_by_module: dict[tuple[str, ...], list[Operation]] = {}
    for operation in spec.operations:
        if operation.extension("params-type"):
            params_by_module.setdefault(types_module(operation.operation_id), []).append(operation)
    modules: set[tuple[str, ...]] = {(), *plan.aliases, *params_by_module}
    for module in list(modules):
        for depth in range(1, len(module)):
            modules.add(module[:depth])
    for module in sorted(modules):
        directory = TYPES_DIR.joinpath(*module)
        operations = params_by_module.get(module, [])
        if operations:
            files[directory / "_params.py"] = _params_module(header, module, operations)
        children = sorted(
            m[-1] for m in modules if len(m) == len(module) + 1 and m[: len(module)] == module
        )
        files[directory / "__init__.py"] = _init_module(
            header,
            module,
            plan,
            schema_names if module == () else [],
            [str(op.extension("params-type")) for op in operations],
            children,
        )
    return files
