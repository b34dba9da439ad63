"""The account class, under the module name 1.x code imports it from.

``replicate.account`` is also the module-level client's ``account`` resource
(``replicate.account.get()``, as in 2.x); once this module is imported, its other
attributes are looked up on that resource.

Example::

    from replicate.account import Account
"""

from typing import Any

from .types import AccountGetResponse as Account

__all__ = ["Account"]


def __getattr__(name: str) -> Any:
    from ._module_client import module_client_attribute

    return getattr(module_client_attribute("account"), name)
