"""``client.accounts`` (1.x): the account the API token belongs to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from typing_extensions import Unpack

from .._twins import AsyncResourceTwins
from .._types import RequestOptions
from ..types import AccountGetResponse

if TYPE_CHECKING:
    from ._base_client import AsyncBaseClient

__all__ = ["AsyncAccounts"]


class AsyncAccounts(AsyncResourceTwins):
    """``client.accounts.current()``: 1.x's name for ``client.account.get()``."""

    def __init__(self, client: AsyncBaseClient) -> None:
        self._client = client

    async def current(self, **options: Unpack[RequestOptions]) -> AccountGetResponse:
        """The account the API token belongs to (``GET /account``).

        Example::

            account = await client.accounts.current()
            print(account.username, account.type)
        """
        from .resources.account import AsyncAccountResource

        return await AsyncAccountResource(self._client).get(**options)
