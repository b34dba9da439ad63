"""Fixtures for the client tests: a clean environment, retries without waiting, a mocked API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from replicate import AsyncReplicate, _primitives

API = "https://api.replicate.com/v1"
TOKEN = "r8_test0123456789secret"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's token or settings."""
    for name in (
        "REPLICATE_API_TOKEN",
        "REPLICATE_BASE_URL",
        "REPLICATE_LOG",
        "REPLICATE_STRICT_RESPONSES",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Retry waits, recorded instead of slept."""
    recorded: list[float] = []

    async def record(seconds: float) -> None:
        recorded.append(seconds)

    monkeypatch.setattr(_primitives, "async_sleep", record)
    return recorded


@pytest.fixture
async def client() -> AsyncIterator[AsyncReplicate]:
    async with AsyncReplicate(bearer_token=TOKEN) as client:
        yield client


def prediction_json(
    prediction_id: str = "p1", status: str = "starting", **changes: Any
) -> dict[str, Any]:
    """A prediction as the API returns it."""
    return {
        "id": prediction_id,
        "model": "owner/name",
        "version": "v1",
        "input": {"prompt": "hi"},
        "output": None,
        "logs": "",
        "error": None,
        "status": status,
        "created_at": "2025-01-01T00:00:00Z",
        "data_removed": False,
        "urls": {
            "get": f"{API}/predictions/{prediction_id}",
            "cancel": f"{API}/predictions/{prediction_id}/cancel",
            "web": f"https://replicate.com/p/{prediction_id}",
        },
        **changes,
    }
