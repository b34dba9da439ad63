"""Lenient and strict parsing of API answers (replicate._base_model)."""

from __future__ import annotations

from typing import Any, Literal, Optional

import pydantic
import pytest

from replicate._base_model import (
    BaseModel,
    parse_response_data,
    validate_json_bytes,
    validate_page_json,
)


class Urls(BaseModel):
    get: str


class Item(BaseModel):
    id: str
    status: Literal["starting", "succeeded"]
    urls: Urls
    count: Optional[int] = None


def _item(**changes: Any) -> dict[str, Any]:
    return {"id": "p1", "status": "starting", "urls": {"get": "https://x/p1"}, **changes}


def test_valid_data_is_validated() -> None:
    item = parse_response_data(Item, _item(count="3"))
    assert item.count == 3
    assert isinstance(item.urls, Urls)


def test_unknown_fields_survive() -> None:
    item = parse_response_data(Item, _item(brand_new={"a": 1}))
    assert item.model_extra == {"brand_new": {"a": 1}}


def test_unknown_enum_value_survives_and_the_rest_is_still_parsed() -> None:
    item = parse_response_data(Item, _item(status="paused", count="7"))
    assert item.status == "paused"
    assert item.count == 7
    assert isinstance(item.urls, Urls)
    assert item.urls.get == "https://x/p1"


def test_nested_mismatch_keeps_the_server_value_in_place() -> None:
    item = parse_response_data(Item, _item(urls={"get": 5, "extra": True}))
    assert isinstance(item.urls, Urls)
    assert item.urls.get == 5  # type: ignore[comparison-overlap]
    assert item.urls.model_extra == {"extra": True}


def test_missing_required_field_does_not_raise_when_lenient() -> None:
    data = _item()
    del data["urls"]
    item = parse_response_data(Item, data)
    assert item.id == "p1"


def test_lists_of_models_are_parsed_item_by_item() -> None:
    items = parse_response_data(list[Item], [_item(), _item(status="new")])
    assert [item.status for item in items] == ["starting", "new"]
    assert all(isinstance(item, Item) for item in items)


def test_optional_model_with_bad_member_is_parsed_leniently() -> None:
    value = parse_response_data(Optional[Item], _item(status="new"))  # type: ignore[arg-type]
    assert isinstance(value, Item)
    assert value.status == "new"


def test_strict_mode_raises_on_mismatch() -> None:
    with pytest.raises(pydantic.ValidationError):
        parse_response_data(Item, _item(status="paused"), strict=True)


def test_strict_mode_accepts_unknown_fields() -> None:
    assert parse_response_data(Item, _item(added=1), strict=True).model_extra == {"added": 1}


def test_object_returns_data_unchanged() -> None:
    data = {"anything": [1, 2]}
    assert parse_response_data(object, data) is data


def test_validate_json_bytes_parses_and_keeps_unknown_fields() -> None:
    item = validate_json_bytes(
        Item, b'{"id": "p1", "status": "starting", "urls": {"get": "u"}, "new": 1}'
    )
    assert (item.id, item.urls.get, item.model_extra) == ("p1", "u", {"new": 1})


@pytest.mark.parametrize(
    "content", [b'{"id": "p1", "status": "paused", "urls": {"get": "u"}}', b"{not json"]
)
def test_validate_json_bytes_is_exact_and_leaves_leniency_to_the_caller(content: bytes) -> None:
    with pytest.raises(pydantic.ValidationError):
        validate_json_bytes(Item, content)


def test_validate_page_json_validates_every_item_and_the_links() -> None:
    content = (
        b'{"results": [{"id": "a", "status": "starting", "urls": {"get": "u"}}], '
        b'"next": "https://x/?cursor=2", "other": 1}'
    )
    results, next_url, previous_url = validate_page_json(Item, content)
    assert [type(item) for item in results] == [Item]
    assert (results[0].id, next_url, previous_url) == ("a", "https://x/?cursor=2", None)


def test_validate_page_json_raises_on_an_unknown_item_value() -> None:
    content = b'{"results": [{"id": "a", "status": "paused", "urls": {"get": "u"}}]}'
    with pytest.raises(pydantic.ValidationError):
        validate_page_json(Item, content)
