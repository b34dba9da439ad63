"""API objects that 1.x returned as plain dicts: ``prediction.urls``, ``file.checksums``, ...

In 1.x ``prediction.urls["stream"]``, ``prediction.metrics.get("predict_time")`` and
``training.output["version"]`` read dicts; in 2.x the same values are models read by
attribute (``prediction.urls.stream``). ``MappingModel`` is both: a model with the read
side of a mapping, over the fields the API sent.

One name is taken twice: the ``urls`` of predictions, trainings and files have a field
``get`` (the URL to fetch the object), which is also the name of a mapping's method. The
field reads as that URL string, which calling does the lookup, so
``urls.get == "https://..."`` and ``urls.get("stream")`` both read as their client meant.
"""

from __future__ import annotations

from collections.abc import ItemsView, KeysView, ValuesView
from typing import Any, Optional

from typing_extensions import Self

from ._base_model import BaseModel

__all__ = ["MappingModel"]


class _MappingMethodString(str):
    """The value of a field named ``get``; calling it is the mapping's ``get``."""

    _owner: MappingModel

    def __new__(cls, value: str, owner: MappingModel) -> Self:
        text = super().__new__(cls, value)
        text._owner = owner
        return text

    def __call__(self, key: str, default: Any = None) -> Any:
        return self._owner._mapping_get(key, default)  # pyright: ignore[reportPrivateUsage]

    def __reduce__(self) -> tuple[type[str], tuple[str]]:
        return (str, (str(self),))


class _GetField:
    """Read access to a field named ``get``: its value, callable as the mapping's ``get``.

    A data descriptor, so it is consulted before the instance's attributes; the value
    is wrapped only when read, so parsing a response costs nothing more.
    """

    def __get__(self, instance: Optional[MappingModel], owner: Optional[type] = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__.get("get")
        if isinstance(value, str):
            return _MappingMethodString(value, instance)
        return instance._mapping_get  # pyright: ignore[reportPrivateUsage]

    def __set__(self, instance: MappingModel, value: object) -> None:
        vars(instance)["get"] = value


class MappingModel(BaseModel):
    """A model that also reads as the dict 1.x returned in its place.

    ``obj["key"]``, ``obj.get("key", default)`` (the value, or ``default`` when the API
    did not send it), ``"key" in obj``, ``keys()``,
    ``values()``, ``items()`` and ``len(obj)`` see the fields the API sent (unknown
    ones included); attributes work as on any model.

    Example::

        prediction.urls["stream"] == prediction.urls.stream
    """

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        if "get" in cls.model_fields:
            type.__setattr__(cls, "get", _GetField())

    def _as_dict(self) -> dict[str, Any]:
        sent = self.model_fields_set
        fields = {name: value for name, value in self.__dict__.items() if name in sent}
        return {**fields, **(self.__pydantic_extra__ or {})}

    def _mapping_get(self, key: str, default: Any = None) -> Any:
        return self._as_dict().get(key, default)

    def __getattr__(self, name: str) -> Any:
        # ``get`` is looked up here, not defined on the class: a model with a field of
        # that name (the ``urls`` models) keeps it as a field, and makes it callable.
        if name == "get":
            return self._mapping_get
        return super().__getattr__(name)  # type: ignore[misc]  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType, reportUnknownVariableType]

    def __getitem__(self, key: str) -> Any:
        values = self._as_dict()
        if key not in values:
            raise KeyError(key)
        return values[key]

    def __contains__(self, key: object) -> bool:
        return key in self._as_dict()

    def __len__(self) -> int:
        return len(self._as_dict())

    def keys(self) -> KeysView[str]:
        """The names the API sent (1.x dict)."""
        return self._as_dict().keys()

    def values(self) -> ValuesView[Any]:
        """The values the API sent (1.x dict)."""
        return self._as_dict().values()

    def items(self) -> ItemsView[str, Any]:
        """``(name, value)`` pairs of what the API sent (1.x dict)."""
        return self._as_dict().items()
