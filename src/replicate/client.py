"""The client classes, under the module name 1.x code imports them from.

Example::

    from replicate.client import Client

    client = Client(api_token="r8_...", headers={"User-Agent": "my-app/1.0"})
"""

from ._async._client import AsyncClient, AsyncReplicate
from ._sync._client import Client, Replicate

__all__ = ["AsyncClient", "AsyncReplicate", "Client", "Replicate"]
