"""Async resource classes in ``src/replicate/_async/resources/`` from the operations of the spec.

One module per resource (``models_versions.py`` holds ``client.models.versions``); the
package's ``__init__.py`` holds ``AsyncAPIResources``, the client layer with one
cached property per top-level resource and the root operations as methods. Every
method only gathers its arguments and hands them to the client (see the contract in
``src/replicate/_async/_resource.py`` and ``_base_client.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .annotations import annotation
from .docs import parameter_doc
from .header import generated_header
from .naming import pascal_case
from .spec_model import Operation, Parameter, Spec

__all__ = [
    "RESOURCES_DIR",
    "MethodPlan",
    "ResourceNode",
    "build_tree",
    "generate_resources",
    "module_name",
    "plan_method",
    "resource_class",
]

RESOURCES_DIR = Path("src/replicate/_async/resources")
_PAGE_CLASSES = {
    "cursor-url": "AsyncCursorURLPage",
    "cursor-url-with-created-filters": "AsyncCursorURLPageWithCreatedFilters",
}


@dataclass
class ResourceNode:
    """A resource (``("models", "versions")``) with its operations and sub-resources."""

    path: tuple[str, ...]
    operations: list[Operation] = field(default_factory=list)
    children: dict[str, ResourceNode] = field(default_factory=dict)


def build_tree(spec: Spec) -> ResourceNode:
    """The resource tree; the root holds the top-level resources and root operations."""
    root = ResourceNode(())
    for operation in spec.operations:
        node = root
        for depth, part in enumerate(operation.resource, start=1):
            node = node.children.setdefault(part, ResourceNode(operation.resource[:depth]))
        node.operations.append(operation)
    return root


def module_name(path: tuple[str, ...]) -> str:
    """``("models", "versions")`` → ``models_versions``."""
    return "_".join(path)


def resource_class(path: tuple[str, ...]) -> str:
    """``("models", "versions")`` → ``AsyncModelsVersionsResource``; the root is the client layer."""
    if not path:
        return "AsyncAPIResources"
    return "Async" + "".join(pascal_case(part) for part in path) + "Resource"


def _python_name(parameter: Parameter) -> str:
    return parameter.name.lower().replace("-", "_")


@dataclass
class MethodPlan:
    """The pieces of one generated method, worked out from its operation."""

    operation: Operation
    constant: str
    signature: list[str]
    docs: list[tuple[str, str]]
    call_lines: list[str]
    returns: str
    is_list: bool
    imports: dict[str, set[str]]


def _pair(path_params: list[Parameter]) -> bool:
    """Whether the last two path parameters are an ``x_owner``/``x_name`` pair."""
    if len(path_params) < 2:
        return False
    owner, name = path_params[-2].name, path_params[-1].name
    return owner.endswith("_owner") and name == owner.removesuffix("_owner") + "_name"


def plan_method(operation: Operation, *, client_expr: str) -> MethodPlan:
    """Signature, docstring entries, call and imports of one method."""
    imports: dict[str, set[str]] = {}

    def need(module: str, *names: str) -> None:
        imports.setdefault(module, set()).update(names)

    constant = operation.operation_id.upper().replace(".", "_")
    path_params = [p for p in operation.parameters if p.location == "path"]
    query_params = [p for p in operation.parameters if p.location == "query"]
    header_params = [p for p in operation.parameters if p.location == "header"]
    files = set(operation.extension("file-fields", []))
    pagination = operation.extension("pagination")
    bound = operation.extension("bound-class")
    public_type = operation.extension("response-type")

    signature: list[str] = []
    docs: list[tuple[str, str]] = []
    path_values: list[str] = []
    pre_call: list[str] = []
    paired = _pair(path_params)
    for index, parameter in enumerate(path_params):
        name = parameter.name
        if paired and index == len(path_params) - 1:
            signature.append(f"{name}: Union[str, NotGiven] = NOT_GIVEN")
            need("..._types", "NOT_GIVEN", "NotGiven")
            need("typing", "Union")
            docs.append(
                (
                    name,
                    f"{parameter_doc(name) or 'Name.'} May be left out when {path_params[-2].name} is `owner/name`.",
                )
            )
            continue
        signature.append(f"{name}: str")
        docs.append((name, parameter_doc(name) or f"The {name.replace('_', ' ')}."))
    if paired:
        owner, name = path_params[-2].name, path_params[-1].name
        need("..._core.path_params", "owner_and_name")
        pre_call.append(f'{owner}, {name} = owner_and_name("{owner}", "{name}", {owner}, {name})')
    for index, parameter in enumerate(path_params):
        if paired and index >= len(path_params) - 2:
            path_values.append(f'"{parameter.name}": {parameter.name}')
        else:
            need("..._core.path_params", "path_param")
            path_values.append(
                f'"{parameter.name}": path_param("{parameter.name}", {parameter.name})'
            )

    text_body = operation.body_kind == "text"
    if text_body:
        signature.append("query: str")
        docs.append(("query", parameter_doc("query") or "The request body."))
    if pagination:
        # Omitted: the first page. `None` is refused, as 1.x did, since it is no page's cursor.
        need("..._types", "NOT_GIVEN", "NotGiven")
        need("typing", "Union")
        need(".._pagination", "cursor_argument")
        cursor = "cursor: Union[str, NotGiven] = NOT_GIVEN"
        if path_params:
            signature += ["*", cursor]
        else:
            signature += [cursor, "*"]
        docs.append(("cursor", parameter_doc("cursor") or ""))
    else:
        signature.append("*")

    fields: list[tuple[Parameter, str]] = [(p, "query") for p in query_params]
    if operation.body_kind in ("json", "multipart"):
        fields += [(f, "files" if f.name in files else "body") for f in operation.body_fields]
    ordered = [f for f in fields if f[0].required] + [f for f in fields if not f[0].required]
    groups: dict[str, list[str]] = {"query": [], "body": [], "files": [], "headers": []}
    file_inputs: list[str] = operation.extension("file-inputs", [])
    for parameter, group in ordered:
        kind = annotation(parameter.schema, file_field=group == "files")
        if kind == "FileContent":
            need("..._types", "FileContent")
        if parameter.name in file_inputs:
            # Any mapping will do: the client reads it to upload the files in it.
            kind = "Mapping[str, object]"
            need("collections.abc", "Mapping")
        if parameter.required:
            signature.append(f"{parameter.name}: {kind}")
        else:
            signature.append(f"{parameter.name}: Union[{kind}, NotGiven] = NOT_GIVEN")
            need("..._types", "NOT_GIVEN", "NotGiven")
            need("typing", "Union")
        groups[group].append(f'"{parameter.name}": {parameter.name}')
        text = parameter_doc(parameter.name) or parameter.description
        if text:
            docs.append((parameter.name, text))
    for parameter in header_params:
        name = _python_name(parameter)
        signature.append(f"{name}: Union[str, NotGiven] = NOT_GIVEN")
        need("..._types", "NOT_GIVEN", "NotGiven")
        need("typing", "Union")
        value = name
        if parameter.name == "Prefer":
            # 1.x's `wait=` on every create that takes the header: the same hold, as a flag or seconds.
            signature.append("wait: Union[bool, float, NotGiven] = NOT_GIVEN")
            need("..._core.polling", "prefer_header")
            value = f"prefer_header(wait, {name})"
        groups["headers"].append(f'"{parameter.name}": {value}')
        text = parameter_doc(name) or parameter.description
        if text:
            docs.append((name, text))
        if parameter.name == "Prefer":
            docs.append(("wait", parameter_doc("wait") or ""))
    if file_inputs:
        signature.append('file_encoding_strategy: FileEncodingStrategy = "url"')
        need("..._types", "FileEncodingStrategy")
        docs.append(
            (
                "file_encoding_strategy",
                f"How local files in {', '.join(f'`{name}`' for name in file_inputs)} are sent: "
                '`"url"` uploads each first, `"base64"` inlines it as a `data:` URL.',
            )
        )
    if signature and signature[-1] == "*":
        signature.pop()
    signature.append("**options: Unpack[RequestOptions]")
    need("typing_extensions", "Unpack")
    need("..._types", "RequestOptions")
    for word in ("Literal", "Optional"):
        if any(word + "[" in part for part in signature):
            need("typing", word)

    if bound:
        need(".._objects", bound)
        item = bound
    elif public_type:
        item = public_type
        need(
            "...types"
            + (
                "." + operation.extension("types-module")
                if operation.extension("types-module")
                else ""
            ),
            public_type,
        )
    else:
        item = ""
    if operation.operation_id in LEGACY_KEYWORDS:
        need("..._legacy_args", "legacy_keywords")
    call: list[str] = [constant]
    is_list = bool(pagination)
    if pagination:
        page = _PAGE_CLASSES[pagination]
        need(".._pagination", page)
        need("..._primitives", "AsyncPaginator")
        returns = f"AsyncPaginator[{item}, {page}[{item}]]"
        call += [f"model={item}", f"page={page}[{item}]", "cursor=cursor_argument(cursor)"]
    elif operation.response_kind == "binary":
        need(".._response", "AsyncBinaryAPIResponse")
        returns = "AsyncBinaryAPIResponse"
        call.append("cast_to=AsyncBinaryAPIResponse")
    elif operation.response_kind == "text":
        returns = "str"
        call.append("cast_to=str")
    elif operation.response_kind == "empty" or not item:
        returns = "None"
        call.append("cast_to=type(None)")
    else:
        returns = item
        call.append(f"cast_to={item}")
    if path_values:
        call.append("path_params={" + ", ".join(path_values) + "}")
    if groups["query"]:
        call.append("query={" + ", ".join(groups["query"]) + "}")
    if groups["headers"]:
        call.append("headers={" + ", ".join(groups["headers"]) + "}")
    if text_body:
        call.append("body=query")
    elif groups["body"]:
        call.append("body={" + ", ".join(groups["body"]) + "}")
    if groups["files"]:
        call.append("files={" + ", ".join(groups["files"]) + "}")
    if file_inputs:
        call.append("file_encoding_strategy=file_encoding_strategy")
    call.append("options=options")
    function = "_get_api_list" if pagination else "_request"
    # Returned even when it is `None`: under `with_raw_response` the client answers with the
    # response object instead, and the wrapper needs it back (a 204 has a response too).
    awaiting = "" if pagination else "await "
    call_lines = [*pre_call, f"return {awaiting}{client_expr}.{function}(" + ", ".join(call) + ")"]
    return MethodPlan(operation, constant, signature, docs, call_lines, returns, is_list, imports)


def _operation_constant(operation: Operation, constant: str) -> str:
    args = [
        f'id="{operation.operation_id}"',
        f'method="{operation.http_method}"',
        f'path="{operation.path}"',
    ]
    if operation.extension("creates"):
        args.append("creates=True")
    if operation.response_kind != "json":
        args.append(f'response="{operation.response_kind}"')
    if operation.body_kind in ("multipart", "text"):
        args.append(f'request="{operation.body_kind}"')
    file_inputs: list[str] = operation.extension("file-inputs", [])
    if file_inputs:
        names = ", ".join(f'"{name}"' for name in file_inputs)
        args.append(f"file_inputs=({names}{',' if len(file_inputs) == 1 else ''})")
    return f"{constant} = Operation({', '.join(args)})"


# The keyword names 1.x gave these operations' parameters, still accepted at run time.
LEGACY_KEYWORDS: dict[str, dict[str, str]] = {
    "collections.get": {"slug": "collection_slug"},
    "deployments.get": {"name": "deployment_owner"},
    "predictions.cancel": {"id": "prediction_id"},
    "predictions.get": {"id": "prediction_id"},
    "trainings.cancel": {"id": "training_id"},
    "trainings.get": {"id": "training_id"},
}


def _method_source(plan: MethodPlan) -> list[str]:
    keyword = "def" if plan.is_list else "async def"
    lines: list[str] = []
    legacy = LEGACY_KEYWORDS.get(plan.operation.operation_id)
    if legacy:
        names = ", ".join(f'{old}="{new}"' for old, new in sorted(legacy.items()))
        lines.append(f"    @legacy_keywords({names})")
    lines += [
        f"    {keyword} {plan.operation.method}(self, {', '.join(plan.signature)}) -> {plan.returns}:"
    ]
    doc = [f'        """{plan.operation.summary}']
    if plan.docs:
        doc += ["", "        Args:"]
        doc += [f"            {name}: {text}" for name, text in plan.docs if text]
    doc.append('        """')
    lines += doc
    lines += [f"        {line}" for line in plan.call_lines]
    return lines


def _wrapper_class(node: ResourceNode, kind: str) -> list[str]:
    """``WithRawResponse`` / ``WithStreamingResponse`` view of a resource."""
    cls = resource_class(node.path)
    helper = (
        "async_to_raw_response_wrapper" if kind == "Raw" else "async_to_streamed_response_wrapper"
    )
    what = "the HTTP response, unread" if kind == "Raw" else "the HTTP response, to be streamed"
    suffix = "WithRawResponse" if kind == "Raw" else "WithStreamingResponse"
    lines = [
        "",
        "",
        f"class {cls}{suffix}:",
        f'    """The methods of `{cls}`, returning {what}."""',
        "",
        f"    def __init__(self, resource: {cls}) -> None:",
        "        self._resource = resource",
    ]
    lines += [
        f"        self.{op.method} = {helper}(resource.{op.method})" for op in node.operations
    ]
    for name, child in sorted(node.children.items()):
        child_cls = resource_class(child.path) + suffix
        lines += [
            "",
            "    @functools.cached_property",
            f"    def {name}(self) -> {child_cls}:",
            f'        """`{".".join(child.path)}`, the same way."""',
            f"        from .{module_name(child.path)} import {child_cls}",
            "",
            f"        return {child_cls}(self._resource.{name})",
        ]
    return lines


def _resource_module(node: ResourceNode, header: str) -> str:
    is_root = not node.path
    client_expr = "self" if is_root else "self._client"
    plans = [plan_method(op, client_expr=client_expr) for op in node.operations]
    imports: dict[str, set[str]] = {"functools": set()}
    for plan in plans:
        for module, names in plan.imports.items():
            imports.setdefault(module, set()).update(names)
    if plans:
        imports.setdefault("..._operation", set()).add("Operation")
    imports.setdefault(".._response", set()).update(
        {"async_to_raw_response_wrapper", "async_to_streamed_response_wrapper"} if plans else set()
    )
    cls = resource_class(node.path)
    if is_root:
        imports.setdefault(".._base_client", set()).add("AsyncBaseClient")
        base = "AsyncBaseClient"
        doc = "Every API operation, grouped by resource; the client class builds on this layer."
    else:
        imports.setdefault(".._resource", set()).add("AsyncAPIResource")
        base = "AsyncAPIResource"
        doc = f"Operations on {' '.join(node.path[::-1]) if len(node.path) < 3 else '.'.join(node.path)}: `client.{'.'.join(node.path)}`."
    child_imports = [
        f"    from .{module_name(child.path)} import "
        + ", ".join(
            f"{resource_class(child.path)}{s}"
            for s in ("", "WithRawResponse", "WithStreamingResponse")
        )
        for child in (node.children[name] for name in sorted(node.children))
    ]
    names = [cls, f"{cls}WithRawResponse", f"{cls}WithStreamingResponse"]
    lines = [
        header,
        # Resources are the client's own layer: they call its protected request methods.
        "# pyright: reportPrivateUsage=false",
        f'"""{doc}"""',
        "",
        "from __future__ import annotations",
        "",
    ]
    for module in sorted(imports):
        members = sorted(imports[module])
        if module == "functools":
            lines.append("import functools")
        elif members:
            lines.append(f"from {module} import {', '.join(members)}")
    if child_imports:
        lines += ["from typing import TYPE_CHECKING", "", "if TYPE_CHECKING:", *child_imports]
    lines += ["", f"__all__ = {names!r}", ""]
    lines += [_operation_constant(plan.operation, plan.constant) for plan in plans]
    lines += ["", "", f"class {cls}({base}):", f'    """{doc}"""']
    for name, child in sorted(node.children.items()):
        child_cls = resource_class(child.path)
        lines += [
            "",
            "    @functools.cached_property",
            f"    def {name}(self) -> {child_cls}:",
            f'        """`client.{".".join(child.path)}`."""',
            f"        from .{module_name(child.path)} import {child_cls}",
            "",
            f"        return {child_cls}({'self' if is_root else 'self._client'})",
        ]
    for kind, suffix in (("Raw", "WithRawResponse"), ("Streaming", "WithStreamingResponse")):
        what = "return the HTTP response unread" if kind == "Raw" else "stream the HTTP response"
        lines += [
            "",
            "    @functools.cached_property",
            f"    def with_{'raw' if kind == 'Raw' else 'streaming'}_response(self) -> {cls}{suffix}:",
            f'        """The same methods, made to {what}."""',
            f"        return {cls}{suffix}(self)",
        ]
    for plan in plans:
        lines += ["", *_method_source(plan)]
    lines += _wrapper_class(node, "Raw")
    lines += _wrapper_class(node, "Streaming")
    lines.append("")
    return "\n".join(lines)


def _walk(node: ResourceNode) -> list[ResourceNode]:
    nodes = [node]
    for name in sorted(node.children):
        nodes += _walk(node.children[name])
    return nodes


def generate_resources(spec: Spec, header_source: str, digest: str) -> dict[Path, str]:
    """Every file of ``src/replicate/_async/resources/`` by path relative to the repository root."""
    header = generated_header(header_source, digest)
    files: dict[Path, str] = {}
    for node in _walk(build_tree(spec)):
        target = RESOURCES_DIR / (
            "__init__.py" if not node.path else f"{module_name(node.path)}.py"
        )
        files[target] = _resource_module(node, header)
    return files
