"""``replicate model get|list|versions|schema``."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from .api_common import (
    add_action,
    add_actions,
    add_list_options,
    as_json,
    make_client,
    print_fields,
    print_listing,
    print_table,
    short_time,
    take,
)
from .errors import CLIError, UsageError
from .inputs import choices, input_properties, required_inputs, schema_type

if TYPE_CHECKING:
    from .._core.refs import ModelRef
    from .._sync._client import Replicate
    from .console import Console

__all__ = ["configure"]


def configure(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``replicate model``."""
    actions = add_actions(parser)
    get = add_action(actions, "get", "Show a model", _get)
    get.add_argument("model", metavar="OWNER/NAME", help="the model")
    get.add_argument("--json", action="store_true", help="print it as JSON")
    listing = add_action(actions, "list", "List public models", _list, aliases=["ls"])
    add_list_options(listing)
    versions = add_action(actions, "versions", "List a model's versions, newest first", _versions)
    versions.add_argument("model", metavar="OWNER/NAME", help="the model")
    add_list_options(versions)
    schema = add_action(actions, "schema", "Show the inputs a model takes, as a table", _schema)
    schema.add_argument(
        "model", metavar="OWNER/NAME[:VERSION]", help="the model (default: its latest version)"
    )
    schema.add_argument("--json", action="store_true", help="print the input schema as JSON")


def _model_ref(text: str, *, version_allowed: bool = False) -> ModelRef:
    from .._core.refs import parse_ref

    try:
        ref = parse_ref(text)
    except ValueError as error:
        raise UsageError(str(error)) from None
    if ref.owner is None or (ref.version is not None and not version_allowed):
        raise UsageError(f"expected a model as owner/name, got {text!r}")
    return ref


def _get_model(client: Replicate, ref: ModelRef) -> Any:
    from .._exceptions import NotFoundError

    try:
        return client.models.get(ref.owner or "", ref.name or "")
    except NotFoundError:
        raise CLIError(f"model {ref.model} not found") from None


def _get(args: argparse.Namespace, console: Console) -> int:
    ref = _model_ref(args.model)
    model = _get_model(make_client(), ref)
    if args.json:
        console.json(as_json(model))
        return 0
    latest = model.latest_version
    fields = [
        ("Model", f"{model.owner}/{model.name}"),
        ("Description", model.description or ""),
        ("Visibility", model.visibility or ""),
        ("Runs", str(model.run_count) if model.run_count is not None else ""),
        ("URL", model.url or ""),
        ("Latest version", latest.id if latest is not None else "(none)"),
        ("Version created", short_time(latest.created_at) if latest is not None else ""),
    ]
    print_fields(console, fields)
    return 0


def _list(args: argparse.Namespace, console: Console) -> int:
    models = take(make_client().models.list(), args.limit)
    print_listing(
        console,
        args,
        models,
        item_id=lambda m: f"{m.owner}/{m.name}",
        headers=["MODEL", "RUNS", "DESCRIPTION"],
        row=lambda m: [f"{m.owner}/{m.name}", str(m.run_count or 0), _cut(m.description or "", 60)],
        empty="No models found",
    )
    return 0


def _versions(args: argparse.Namespace, console: Console) -> int:
    from .._exceptions import NotFoundError

    ref = _model_ref(args.model)
    client = make_client()
    try:
        versions = take(client.models.versions.list(ref.owner or "", ref.name or ""), args.limit)
    except NotFoundError:
        raise CLIError(f"model {ref.model} not found") from None
    print_listing(
        console,
        args,
        versions,
        item_id=lambda v: v.id,
        headers=["ID", "CREATED", "COG"],
        row=lambda v: [v.id, short_time(v.created_at), v.cog_version or ""],
        empty=f"{ref.model} has no versions",
    )
    return 0


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


def _schema(args: argparse.Namespace, console: Console) -> int:
    from .._exceptions import NotFoundError

    ref = _model_ref(args.model, version_allowed=True)
    client = make_client()
    try:
        if ref.version is not None:
            version: Any = client.models.versions.get(ref.owner or "", ref.name or "", ref.version)
        else:
            version = _get_model(client, ref).latest_version
    except NotFoundError:
        raise CLIError(f"version {ref.version} of {ref.model} not found") from None
    document: object = None if version is None else version.openapi_schema
    properties = input_properties(document)
    if properties is None:
        raise CLIError(f"{ref} publishes no input schema")
    if args.json:
        console.json(properties)
        return 0
    required = required_inputs(document)
    ordered = sorted(properties.items(), key=lambda item: item[1].get("x-order", 1_000_000))
    rows: list[list[str]] = []
    for name, prop in ordered:
        kind = schema_type(prop) or ""
        allowed = choices(prop)
        if allowed:
            kind += f" ({', '.join(allowed)})"
        default = "" if "default" not in prop else json.dumps(prop["default"], ensure_ascii=False)
        rows.append(
            [
                name + (" *" if name in required else ""),
                kind,
                _cut(default, 30),
                _cut(str(prop.get("description") or ""), 60),
            ]
        )
    print_table(console, ["INPUT", "TYPE", "DEFAULT", "DESCRIPTION"], rows)
    if required:
        console.print("* required")
    return 0
