"""Models that run inside the emulator: plain Python functions plus what the API shows of them.

A model function receives the prediction input as keyword arguments and returns the
output. A generator (sync or async) streams its output: every yielded item is one output
event. Inside a model, :func:`log` appends to the prediction's logs and :func:`sleep`
waits on the emulator's clock.
"""

from __future__ import annotations

import contextvars
import hashlib
import inspect
from dataclasses import dataclass, field
from typing import Any, AsyncIterator, Awaitable, Callable, Optional, Protocol

__all__ = [
    "Model",
    "ModelFunction",
    "OutputFile",
    "RunContext",
    "check_input",
    "current_run",
    "input_schema",
    "invoke",
    "log",
    "sleep",
]

ModelFunction = Callable[..., Any]


@dataclass(frozen=True)
class OutputFile:
    """A file a model outputs; the emulator serves it from its files host and outputs its URL."""

    content: bytes
    filename: str = "output.bin"
    content_type: str = "application/octet-stream"


class RunContext(Protocol):
    """What a running model can do besides returning output."""

    def log(self, line: str) -> None:
        """Append one line to the logs."""
        ...

    async def sleep(self, seconds: float) -> None:
        """Wait ``seconds`` on the emulator's clock."""
        ...


_current_run: contextvars.ContextVar[Optional[RunContext]] = contextvars.ContextVar(
    "replicate_testing_current_run", default=None
)


def current_run() -> contextvars.ContextVar[Optional[RunContext]]:
    """The context variable that holds the running prediction (set by the emulator)."""
    return _current_run


def _run() -> RunContext:
    run = _current_run.get()
    if run is None:
        raise RuntimeError("log() and sleep() work only inside a model run by the emulator")
    return run


def log(line: str) -> None:
    """Append ``line`` to the logs of the prediction this model is running for."""
    _run().log(line)


async def sleep(seconds: float) -> None:
    """Wait ``seconds`` on the emulator's clock (instant under a ``ManualClock`` being advanced)."""
    await _run().sleep(seconds)


@dataclass
class Model:
    """A model the emulator can run: its reference, function and what the API shows of it.

    ``official`` models run through ``POST /models/{owner}/{name}/predictions`` and have
    no public version (their predictions report ``version: "hidden"``). Others have one
    version, whose id is ``version_id`` (a stable 64-hex id derived from the reference
    when not given); ``has_version=False`` hides it (a model created through the API
    before any training). A prediction stays ``starting`` for ``setup_seconds`` on the
    emulator's clock before the function runs. ``trainer`` makes the model trainable: it receives the training
    input as keyword arguments and returns the input defaults of the trained version.
    """

    owner: str
    name: str
    function: ModelFunction
    version_id: str = ""
    official: bool = False
    description: str = ""
    readme: str = ""
    visibility: str = "public"
    hardware: str = "cpu"
    setup_seconds: float = 0.0
    has_version: bool = True
    trainer: Callable[..., Any] | None = None
    defaults: dict[str, Any] = field(default_factory=dict[str, Any])
    run_count: int = 0
    created_at: float = 0.0
    links: dict[str, str] = field(default_factory=dict[str, str])
    example_ids: list[str] = field(default_factory=list[str])
    """Ids of the predictions shown as its examples (see ``Emulator.add_example``)."""
    """``github_url``, ``paper_url``, ``license_url``, ``cover_image_url``, ``weights_url``."""

    def __post_init__(self) -> None:
        if not self.version_id:
            self.version_id = hashlib.sha256(f"{self.owner}/{self.name}:1".encode()).hexdigest()

    @property
    def ref(self) -> str:
        """``owner/name``."""
        return f"{self.owner}/{self.name}"

    @property
    def streams(self) -> bool:
        """Whether the function yields its output piece by piece."""
        return inspect.isgeneratorfunction(self.function) or inspect.isasyncgenfunction(
            self.function
        )


_JSON_TYPES: dict[type, str] = {
    str: "string",
    int: "integer",
    float: "number",
    bool: "boolean",
    dict: "object",
    list: "array",
}


def input_schema(function: ModelFunction) -> dict[str, Any]:
    """A Cog-style OpenAPI document describing the function's inputs, from its signature."""
    properties: dict[str, Any] = {}
    required: list[str] = []
    for position, (name, parameter) in enumerate(inspect.signature(function).parameters.items()):
        if parameter.kind in (inspect.Parameter.VAR_KEYWORD, inspect.Parameter.VAR_POSITIONAL):
            continue
        annotation = parameter.annotation
        prop: dict[str, Any] = {"title": name.replace("_", " ").title(), "x-order": position}
        json_type = _JSON_TYPES.get(annotation) if isinstance(annotation, type) else None
        if json_type is None and isinstance(annotation, str):
            json_type = {
                "str": "string",
                "int": "integer",
                "float": "number",
                "bool": "boolean",
            }.get(annotation)
        if json_type is not None:
            prop["type"] = json_type
        if parameter.default is inspect.Parameter.empty:
            required.append(name)
        else:
            prop["default"] = parameter.default
        properties[name] = prop
    input_object: dict[str, Any] = {"type": "object", "title": "Input", "properties": properties}
    if required:
        input_object["required"] = required
    return {
        "openapi": "3.0.2",
        "info": {"title": "Cog", "version": "0.1.0"},
        "paths": {},
        "components": {"schemas": {"Input": input_object, "Output": _output_schema(function)}},
    }


def _output_schema(function: ModelFunction) -> dict[str, Any]:
    """The output schema Cog writes: an iterator for a generator, shown joined when it yields text."""
    if not (inspect.isgeneratorfunction(function) or inspect.isasyncgenfunction(function)):
        return {"title": "Output"}
    schema: dict[str, Any] = {
        "title": "Output",
        "type": "array",
        "items": {},
        "x-cog-array-type": "iterator",
    }
    returns = inspect.signature(function).return_annotation
    if "[str]" in str(returns):
        schema["items"] = {"type": "string"}
        schema["x-cog-array-display"] = "concatenate"
    return schema


def _has_json_type(value: Any, json_type: str) -> bool:
    if json_type == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if json_type == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    python_type = {"string": str, "boolean": bool, "object": dict, "array": list}[json_type]
    return isinstance(value, python_type)


def check_input(function: ModelFunction, values: dict[str, Any]) -> str | None:
    """Why ``values`` cannot be passed to the function, or ``None`` when they can.

    Besides fitting the signature, each value must have the JSON type its annotation
    declares in the version's schema, as the API checks inputs against that schema.
    """
    try:
        inspect.signature(function).bind(**values)
    except TypeError as exc:
        return str(exc)
    properties: dict[str, Any] = input_schema(function)["components"]["schemas"]["Input"][
        "properties"
    ]
    for name, value in values.items():
        json_type = properties.get(name, {}).get("type")
        if json_type is not None and not _has_json_type(value, json_type):
            return f"{name} must be of type {json_type}, got {type(value).__name__}"
    return None


async def invoke(
    function: ModelFunction, values: dict[str, Any]
) -> AsyncIterator[tuple[bool, Any]]:
    """Run the function, yielding ``(streamed, item)``: each streamed item, or the single result."""
    if inspect.isasyncgenfunction(function):
        async for item in function(**values):
            yield True, item
    elif inspect.isgeneratorfunction(function):
        for item in function(**values):
            yield True, item
    else:
        result = function(**values)
        if inspect.isawaitable(result):
            awaited: Awaitable[Any] = result
            result = await awaited
        yield False, result
