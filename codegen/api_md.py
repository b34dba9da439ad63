"""``api.md``: every resource method with its signature, return type and summary."""

from __future__ import annotations

from pathlib import Path

from .header import HEADER_PREFIX
from .models import plan_models
from .resources import ResourceNode, build_tree, plan_method
from .spec_model import Spec
from .unasync import unasync_text

__all__ = ["HIGH_LEVEL", "render_api_md"]

# The hand-written helpers' reference, placed before the generated operations.
HIGH_LEVEL = Path(__file__).with_name("api_high_level.md")


def _walk(node: ResourceNode) -> list[ResourceNode]:
    nodes = [node]
    for name in sorted(node.children):
        nodes += _walk(node.children[name])
    return nodes


def _signature(parts: list[str]) -> str:
    shown = [part.split(":", 1)[0] if ":" in part and "=" not in part else part for part in parts]
    shown = [
        part.split(":", 1)[0] + "=" + part.rsplit("=", 1)[1].strip()
        if ":" in part and "=" in part
        else part
        for part in shown
    ]
    return ", ".join([*(p for p in shown if not p.startswith("**options")), "**options"])


def render_api_md(spec: Spec, source: str, digest: str) -> str:
    """The Markdown text (sync names; the async client has the same methods, awaited)."""
    header = (
        "<!-- " + HEADER_PREFIX.removeprefix("# ") + f"{source} (sha256 {digest}); do not edit. -->"
    )
    lines = [
        header,
        "",
        "# API reference",
        "",
        "Every method below exists on `replicate.Replicate()` (shown) and on",
        "`replicate.AsyncReplicate()`, where it is awaited and list methods return an",
        "async paginator. Each also accepts the request options `extra_headers`,",
        "`extra_query`, `extra_body` and `timeout`. Through `client.with_raw_response`",
        "and `client.with_streaming_response` each returns the HTTP response instead.",
        "",
        HIGH_LEVEL.read_text(encoding="utf-8").rstrip("\n"),
        "",
        "## Operations",
    ]
    for node in _walk(build_tree(spec)):
        if not node.operations:
            continue
        prefix = "client" + "".join("." + part for part in node.path)
        lines += ["", f"### {prefix}", ""]
        for operation in node.operations:
            plan = plan_method(operation, client_expr="self._client")
            returns = unasync_text(plan.returns)
            lines += [
                f"#### `{prefix}.{operation.method}({_signature(plan.signature)}) -> {returns}`",
                "",
                operation.summary,
                "",
            ]
    plan = plan_models(spec)
    lines += ["## Types", "", "```python", "from replicate.types import ("]
    lines += [f"    {name}," for name in sorted({*plan.schemas, *plan.aliases.get((), {})})]
    lines += [")"]
    for module, aliases in sorted(plan.aliases.items()):
        if module:
            lines.append(
                f"from replicate.types.{'.'.join(module)} import {', '.join(sorted(aliases))}"
            )
    lines += ["```", ""]
    return "\n".join(lines)
