"""List methods: the first page, the next ones, and iteration over every item."""

from __future__ import annotations

import pytest
import respx

from replicate import AsyncReplicate

from .conftest import API, TOKEN, prediction_json

PAGE_2 = f"{API}/predictions?cursor=c2"
PAGE_3 = f"{API}/predictions?cursor=c3"


def _mock_three_pages(respx_mock: respx.MockRouter) -> None:
    respx_mock.get(PAGE_2).respond(
        200,
        json={
            "results": [prediction_json("p3"), prediction_json("p4")],
            "next": PAGE_3,
            "previous": f"{API}/predictions",
        },
    )
    respx_mock.get(PAGE_3).respond(
        200, json={"results": [prediction_json("p5")], "next": None, "previous": PAGE_2}
    )
    respx_mock.get(f"{API}/predictions").respond(
        200,
        json={
            "results": [prediction_json("p1"), prediction_json("p2")],
            "next": PAGE_2,
            "previous": None,
        },
    )


async def test_first_page(client: AsyncReplicate, respx_mock: respx.MockRouter) -> None:
    _mock_three_pages(respx_mock)
    page = await client.predictions.list()
    assert [p.id for p in page.results] == ["p1", "p2"]
    assert page.next == PAGE_2
    assert page.previous is None
    assert page.has_next_page()
    assert page.results[0]._client is client  # items are bound like single objects


async def test_iterating_yields_every_item_across_pages(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    _mock_three_pages(respx_mock)
    ids = [prediction.id async for prediction in client.predictions.list()]
    assert ids == ["p1", "p2", "p3", "p4", "p5"]
    page = await client.predictions.list()
    assert [prediction.id async for prediction in page] == ["p1", "p2", "p3", "p4", "p5"]


async def test_iter_pages_and_get_next_page(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    _mock_three_pages(respx_mock)
    first = await client.predictions.list()
    pages = [page async for page in first.iter_pages()]
    assert [[p.id for p in page.results] for page in pages] == [["p1", "p2"], ["p3", "p4"], ["p5"]]
    last = pages[-1]
    assert not last.has_next_page()
    with pytest.raises(RuntimeError, match="has_next_page"):
        await last.get_next_page()
    second = await first.get_next_page()
    assert type(second) is type(first)
    assert second.previous == f"{API}/predictions"


async def test_a_next_url_can_be_passed_back_to_list(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    _mock_three_pages(respx_mock)
    first = await client.predictions.list()
    assert first.next is not None
    second = await client.predictions.list(first.next)
    assert [p.id for p in second.results] == ["p3", "p4"]


async def test_a_bare_cursor_is_sent_as_a_query_parameter(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    _mock_three_pages(respx_mock)
    page = await client.predictions.list("c3")
    assert [p.id for p in page.results] == ["p5"]


async def test_filters_go_with_the_first_request(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    route = respx_mock.get(f"{API}/predictions").respond(200, json={"results": [], "next": None})
    page = await client.predictions.list(created_after="2025-01-01T00:00:00Z")
    assert page.results == []
    assert not page.has_next_page()
    assert route.calls.last.request.url.params["created_after"] == "2025-01-01T00:00:00Z"


async def test_next_page_on_another_host_gets_no_token(respx_mock: respx.MockRouter) -> None:
    elsewhere = "https://mirror.example.com/v1/predictions?cursor=x"
    respx_mock.get(f"{API}/predictions").respond(
        200, json={"results": [prediction_json("p1")], "next": elsewhere}
    )
    foreign = respx_mock.get(elsewhere).respond(
        200, json={"results": [prediction_json("p2")], "next": None}
    )
    async with AsyncReplicate(bearer_token=TOKEN) as client:
        ids = [prediction.id async for prediction in client.predictions.list()]
    assert ids == ["p1", "p2"]
    assert "Authorization" not in foreign.calls.last.request.headers


async def test_later_pages_keep_per_call_headers(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    _mock_three_pages(respx_mock)
    page = await client.predictions.list(extra_headers={"X-Trace": "t1"})
    await page.get_next_page()
    for call in respx_mock.calls:
        assert call.request.headers["X-Trace"] == "t1"


async def test_page_without_results_is_empty_when_lenient(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    respx_mock.get(f"{API}/predictions").respond(200, json={"next": None})
    page = await client.predictions.list()
    assert page.results == []


async def test_items_are_bound_and_an_unknown_status_in_one_item_survives(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    respx_mock.get(f"{API}/predictions").respond(
        200,
        json={"results": [prediction_json("p1"), prediction_json("p2", status="queued")]},
    )
    page = await client.predictions.list()
    assert [(item.id, item.status) for item in page.results] == [
        ("p1", "starting"),
        ("p2", "queued"),
    ]
    assert all(item._client is client for item in page.results)
    assert page.next is None
