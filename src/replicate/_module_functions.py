"""``replicate.run``, ``replicate.stream``, ``replicate.use`` and their async forms.

Each runs on the module-level client (created on first use from the environment,
see ``replicate._module_client``); the ``async_*`` forms run on that client's async
twin, which has the same settings.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal, Optional, TypeVar, Union, overload

from typing_extensions import ParamSpec, Unpack

from ._module_client import default_client

if TYPE_CHECKING:
    from ._async._use import AsyncFunction
    from ._core.refs import RefLike
    from ._core.sse import ServerSentEvent
    from ._sync._run import ModelRefArg, RunParams, StreamParams
    from ._sync._use import Function
    from ._twins import AwaitableEventStream

__all__ = ["async_run", "async_stream", "run", "stream", "use"]

_P = ParamSpec("_P")
_R = TypeVar("_R")


def run(
    ref: Optional[ModelRefArg] = None,
    input: Optional[Mapping[str, object]] = None,
    **params: Unpack[RunParams],
) -> Any:
    """Run a model and return its output: ``Replicate.run`` on the module-level client.

    Takes the arguments of :meth:`replicate.Replicate.run`.

    Example::

        output = replicate.run("black-forest-labs/flux-schnell", input={"prompt": "a cat"})
    """
    return default_client().run(ref, input, **params)


async def async_run(
    ref: Optional[ModelRefArg] = None,
    input: Optional[Mapping[str, object]] = None,
    **params: Unpack[RunParams],
) -> Any:
    """``run`` for async code (1.x ``replicate.async_run``), on the module-level client.

    Example::

        output = await replicate.async_run("replicate/hello-world", input={"text": "you"})
    """
    return await default_client().async_run(ref, input, **params)


def stream(
    ref: Optional[ModelRefArg] = None,
    input: Optional[Mapping[str, object]] = None,
    **params: Unpack[StreamParams],
) -> Iterator[ServerSentEvent]:
    """Run a model and yield its server-sent events: ``Replicate.stream`` on the module client.

    Takes the arguments of :meth:`replicate.Replicate.stream`.

    Example::

        for event in replicate.stream("meta/meta-llama-3-8b-instruct", input={"prompt": "hi"}):
            print(str(event), end="")
    """
    return default_client().stream(ref, input, **params)


def async_stream(
    ref: Optional[ModelRefArg] = None,
    input: Optional[Mapping[str, object]] = None,
    **params: Unpack[StreamParams],
) -> AwaitableEventStream:
    """``stream`` for async code, as in 1.x: iterate it with ``async for`` (awaited or not).

    Example::

        async for event in await replicate.async_stream("meta/meta-llama-3-8b-instruct",
                                                        input={"prompt": "hi"}):
            print(str(event), end="")
    """
    return default_client().async_stream(ref, input, **params)


@overload
def use(
    ref: RefLike,
    *,
    hint: None = None,
    streaming: bool = False,
    use_async: Literal[False] = False,
) -> Function: ...


@overload
def use(
    ref: RefLike,
    *,
    hint: Callable[_P, _R],
    streaming: bool = False,
    use_async: Literal[False] = False,
) -> Callable[_P, _R]: ...


@overload
def use(
    ref: RefLike,
    *,
    hint: None = None,
    streaming: bool = False,
    use_async: Literal[True],
) -> AsyncFunction: ...


@overload
def use(
    ref: RefLike,
    *,
    hint: Callable[_P, _R],
    streaming: bool = False,
    use_async: Literal[True],
) -> Callable[_P, Awaitable[_R]]: ...


def use(
    ref: RefLike,
    *,
    hint: Optional[Callable[..., Any]] = None,
    streaming: bool = False,
    use_async: bool = False,
) -> Union[Function, AsyncFunction, Callable[..., Any]]:
    """A model as a function: ``replicate.use("owner/name")(prompt="...")``.

    ``use_async=True`` gives a function to await. See ``Replicate.use``. ``hint``, a
    function with the model's signature (never called), types the result for type
    checkers: ``use(ref, hint=fn)`` is typed like ``fn`` (its result awaitable with
    ``use_async=True``).

    Example::

        flux = replicate.use("black-forest-labs/flux-schnell", use_async=True)
        images = await flux(prompt="a cat")
    """
    client = default_client()
    if use_async:
        return client.use(ref, hint=hint, streaming=streaming, use_async=True)
    return client.use(ref, hint=hint, streaming=streaming)
