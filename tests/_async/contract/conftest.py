"""Clients pointed at the Prism mock server, which validates each request against openapi.json."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from prism_support import AsyncPrismTransport

from replicate import AsyncReplicate


@pytest.fixture
async def prism_client(prism_url: str) -> AsyncIterator[AsyncReplicate]:
    http_client = httpx.AsyncClient(transport=AsyncPrismTransport())
    async with AsyncReplicate(
        bearer_token="r8_contract_test_token",
        base_url=prism_url,
        http_client=http_client,
        max_retries=0,
        _strict_response_validation=True,
    ) as client:
        yield client
