"""``replicate.run``, ``replicate.stream``, ``replicate.use`` and their async forms.

Each runs on the module-level client (created on first use from the environment,
see ``replicate._module_client``); the ``async_*`` forms run on that client's async
twin, which has the same settings.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal, Optional, TypeVar, Union, cast, overload

from typing_extensions import Concatenate, ParamSpec

from ._module_client import default_client
from ._sync._client import Replicate

if TYPE_CHECKING:
    from ._async._use import AsyncFunction
    from ._core.refs import RefLike
    from ._sync._use import Function

__all__ = ["async_run", "async_stream", "run", "stream", "use"]


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _module_level(method: Callable[Concatenate[Any, _P], _R]) -> Callable[_P, _R]:
    """``method`` of the module-level client, with the method's own signature and docs.

    The client is looked up at each call (see ``replicate._module_client``), so the
    environment as it is then decides the token and base URL.
    """
    name = method.__name__

    @functools.wraps(method)
    def call(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        return cast("_R", getattr(default_client(), name)(*args, **kwargs))

    del call.__wrapped__  # the signature shown is the method's, without `self`
    call.__signature__ = _without_self(method)  # type: ignore[attr-defined]
    return call


def _without_self(method: Callable[..., object]) -> inspect.Signature:
    signature = inspect.signature(method)
    return signature.replace(parameters=list(signature.parameters.values())[1:])


# Each has the signature and documentation of the client method it calls.
run = _module_level(Replicate.run)

async_run = _module_level(Replicate.async_run)

stream = _module_level(Replicate.stream)

async_stream = _module_level(Replicate.async_stream)


@overload
def use(
    ref: RefLike,
    *,
    hint: Optional[Callable[..., Any]] = None,
    streaming: bool = False,
    use_async: Literal[False] = False,
) -> Function: ...


@overload
def use(
    ref: RefLike,
    *,
    hint: Optional[Callable[..., Any]] = None,
    streaming: bool = False,
    use_async: Literal[True],
) -> AsyncFunction: ...


def use(
    ref: RefLike,
    *,
    hint: Optional[Callable[..., Any]] = None,
    streaming: bool = False,
    use_async: bool = False,
) -> Union[Function, AsyncFunction]:
    """A model as a function: ``replicate.use("owner/name")(prompt="...")``.

    ``use_async=True`` gives a function to await. See ``Replicate.use``.

    Example::

        flux = replicate.use("black-forest-labs/flux-schnell", use_async=True)
        images = await flux(prompt="a cat")
    """
    client = default_client()
    if use_async:
        return client.use(ref, hint=hint, streaming=streaming, use_async=True)
    return client.use(ref, hint=hint, streaming=streaming)
