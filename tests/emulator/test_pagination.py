"""Cursor pagination with absolute next/previous URLs."""

from __future__ import annotations

import httpx

from replicate.testing import HELLO_WORLD_VERSION


def test_pages_link_forward_and_back(client: httpx.Client) -> None:
    ids = [
        client.post("/predictions", json={"version": HELLO_WORLD_VERSION, "input": {}}).json()["id"]
        for _ in range(5)
    ]
    seen: list[str] = []
    page = client.get("/predictions").json()
    pages = [page]
    while page["next"]:
        assert page["next"].startswith("http://api.replicate.localhost/v1/predictions?")
        page = client.get(page["next"]).json()
        pages.append(page)
    for p in pages:
        seen.extend(item["id"] for item in p["results"])
    assert seen == list(reversed(ids))
    assert [len(p["results"]) for p in pages] == [2, 2, 1]
    assert pages[0]["previous"] is None
    back = client.get(pages[2]["previous"]).json()
    assert back["results"] == pages[1]["results"]


def test_pagination_keeps_filters_and_rejects_bad_cursors(client: httpx.Client) -> None:
    for _ in range(3):
        client.post("/predictions", json={"version": HELLO_WORLD_VERSION, "input": {}})
    page = client.get("/predictions", params={"created_after": "2000-01-01T00:00:00Z"}).json()
    assert "created_after=" in page["next"]
    assert client.get("/predictions", params={"cursor": "garbage!"}).status_code == 400


def test_models_list_pages(client: httpx.Client) -> None:
    first = client.get("/models").json()
    assert len(first["results"]) == 2 and first["next"] is not None
