"""The hardware class, under the module name 1.x code imports it from.

``replicate.hardware`` is also the module-level client's ``hardware`` resource
(``replicate.hardware.list()``); once this module is imported, its other attributes are
looked up on that resource.

Example::

    from replicate.hardware import Hardware
"""

from typing import Any

from .types import HardwareListResponseItem as Hardware

__all__ = ["Hardware"]


def __getattr__(name: str) -> Any:
    from ._module_client import module_client_attribute

    return getattr(module_client_attribute("hardware"), name)
