"""The pydantic base class of every model in ``replicate.types``."""

from __future__ import annotations

import pydantic

__all__ = ["BaseModel"]


class BaseModel(pydantic.BaseModel):
    """API objects: unknown fields are kept, so a newer API never breaks an older SDK."""

    model_config = pydantic.ConfigDict(extra="allow", populate_by_name=True, protected_namespaces=())
