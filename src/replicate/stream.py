"""``ServerSentEvent``, under the module name 1.x code imports it from.

``replicate.stream`` is also the function that streams a model's output
(``replicate.stream("owner/name", input={...})``). Importing this module makes the
attribute ``replicate.stream`` this module, so the module is callable: calling it is
calling that function.

Example::

    from replicate.stream import ServerSentEvent
"""

import sys
import types
from collections.abc import Iterator
from typing import Any

from ._core.sse import ServerSentEvent

__all__ = ["ServerSentEvent"]


class _StreamModule(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> Iterator[ServerSentEvent]:
        from ._module_functions import stream

        return stream(*args, **kwargs)


sys.modules[__name__].__class__ = _StreamModule
