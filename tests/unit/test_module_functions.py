"""The module-level run/stream functions: the client methods' signatures, keywords checked."""

from __future__ import annotations

import inspect

import pytest
import respx

import replicate


async def test_module_level_functions_check_their_keywords(
    monkeypatch: pytest.MonkeyPatch, respx_mock: respx.MockRouter
) -> None:
    monkeypatch.setenv("REPLICATE_API_TOKEN", "r8_x")
    with pytest.raises(TypeError, match="did you mean 'timeout'"):
        replicate.run("owner/name", {}, timout=1)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    with pytest.raises(TypeError, match="did you mean 'webhook'"):
        replicate.stream("owner/name", {}, webhok="x")  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    with pytest.raises(TypeError, match="did you mean 'wait'"):
        await replicate.async_run("owner/name", {}, wiat=1)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    assert not respx_mock.calls


def test_module_level_functions_take_the_client_methods_keywords() -> None:
    for name in ("run", "async_run", "stream", "async_stream"):
        module_level = inspect.signature(getattr(replicate, name))
        method = inspect.signature(getattr(replicate.Replicate, name))
        assert list(module_level.parameters) == list(method.parameters)[1:]
        assert module_level.parameters[list(module_level.parameters)[-1]].annotation == (
            method.parameters[list(method.parameters)[-1]].annotation
        )
