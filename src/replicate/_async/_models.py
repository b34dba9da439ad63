"""``client.models``: the generated operations; ``get`` returns a model with ``versions`` (1.x)."""

from __future__ import annotations

from typing import Union

from typing_extensions import Unpack

from .._types import NOT_GIVEN, NotGiven, RequestOptions
from ._objects import AsyncModel, rebind
from .resources.models import AsyncModelsResource

__all__ = ["AsyncModels"]


class AsyncModels(AsyncModelsResource):
    """Operations on models: ``client.models``."""

    async def get(
        self,
        model_owner: str,
        model_name: Union[str, NotGiven] = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AsyncModel:
        """Return a model and its latest version (``"owner/name"`` or owner and name).

        The model knows its client: ``model.versions.get(id)`` and
        ``model.versions.list()`` work on it, as in 1.x.

        Example::

            model = await client.models.get("replicate/hello-world")
            version = await model.versions.get(model.latest_version.id)
        """
        model = await super().get(model_owner, model_name, **options)
        return rebind(AsyncModel, model, self._client)
