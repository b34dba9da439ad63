"""Lenient and strict parsing of API answers (replicate._base_model)."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any, Literal, Optional, Union

import pydantic
import pytest
import typing_extensions

import replicate.types
from replicate._async import _objects as async_objects
from replicate._base_model import (
    BaseModel,
    parse_response_data,
    validate_json_bytes,
    validate_page_json,
)
from replicate._mapping_model import MappingModel
from replicate._sync import _objects as sync_objects


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
    assert item.urls is None  # type: ignore[comparison-overlap]
    assert item.model_fields_set == {"id", "status"}


def test_omitted_fields_read_as_none_or_their_default() -> None:
    item = parse_response_data(Item, {"status": "new"})
    assert (item.id, item.urls, item.count) == (None, None, None)
    assert item.model_dump() == {"id": None, "status": "new", "urls": None, "count": None}
    assert "id=None" in repr(item)


def test_omitted_fields_of_a_nested_object_read_as_none() -> None:
    item = parse_response_data(Item, _item(urls={}))
    assert isinstance(item.urls, Urls)
    assert item.urls.get is None  # type: ignore[comparison-overlap]


def test_strict_mode_raises_on_an_omitted_field() -> None:
    with pytest.raises(pydantic.ValidationError, match="get"):
        parse_response_data(Item, _item(urls={}), strict=True)


def _model_classes() -> list[type[pydantic.BaseModel]]:
    """Every model of ``replicate.types``, and the bound classes the client returns."""
    modules = [replicate.types] + [
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages(replicate.types.__path__, "replicate.types.")
    ]
    found = {
        value
        for module in [*modules, async_objects, sync_objects]
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, pydantic.BaseModel)
        and value.model_fields
        and value is not BaseModel
    }
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def _nested_models(annotation: Any) -> list[type[pydantic.BaseModel]]:
    """The model classes a field's annotation may hold directly (``X``, ``Optional[X]``)."""
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return [annotation]
    origin = typing_extensions.get_origin(annotation)
    if origin is Union or type(annotation).__name__ == "UnionType":
        return [m for arg in typing_extensions.get_args(annotation) for m in _nested_models(arg)]
    return []


def _list_item_models(annotation: Any) -> list[type[pydantic.BaseModel]]:
    """The model classes of a list field's items (``list[X]``, ``Optional[list[X]]``)."""
    origin = typing_extensions.get_origin(annotation)
    if origin is list:
        return _nested_models(typing_extensions.get_args(annotation)[0])
    if origin is Union or type(annotation).__name__ == "UnionType":
        return [m for arg in typing_extensions.get_args(annotation) for m in _list_item_models(arg)]
    return []


MODEL_CLASSES = _model_classes()


def test_the_model_classes_are_found() -> None:
    names = {cls.__name__ for cls in MODEL_CLASSES}
    assert {"Prediction", "AsyncPrediction", "Model", "AsyncModel", "Training"} <= names
    assert len(MODEL_CLASSES) > 25


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_every_model_given_an_empty_object_reads_every_field(
    cls: type[pydantic.BaseModel],
) -> None:
    value = parse_response_data(cls, {})
    assert type(value) is cls
    for name, field in cls.model_fields.items():
        expected = None if field.is_required() else field.get_default(call_default_factory=True)
        if name == "get" and isinstance(value, MappingModel):
            # The `urls` models read as 1.x's dicts too: an absent `get` URL leaves `get`
            # as the mapping's lookup, so that `urls.get("stream")` works.
            assert value.get("anything") is None  # type: ignore[operator]
            continue
        assert getattr(value, name) == expected, name
    assert value.model_fields_set == set()
    value.model_dump()  # every field is there to dump


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_every_nested_model_given_an_empty_object_reads_every_field(
    cls: type[pydantic.BaseModel],
) -> None:
    for name, field in cls.model_fields.items():
        key = field.alias or name
        for nested in _nested_models(field.annotation):
            value = getattr(parse_response_data(cls, {key: {}}), name)
            assert isinstance(value, nested), (name, nested)
            for inner in nested.model_fields:
                assert hasattr(value, inner), (name, inner)
        for nested in _list_item_models(field.annotation):
            items = getattr(parse_response_data(cls, {key: [{}]}), name)
            assert isinstance(items[0], nested), (name, nested)
            for inner in nested.model_fields:
                assert hasattr(items[0], inner), (name, inner)


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
