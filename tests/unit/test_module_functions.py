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


def test_module_level_functions_have_the_client_methods_signatures() -> None:
    assert str(inspect.signature(replicate.run)) == str(
        inspect.signature(replicate.Replicate.run)
    ).replace("self, ", "")
    assert replicate.run.__doc__ == replicate.Replicate.run.__doc__
