"""Misspelt keyword arguments of run, stream and predictions.run raise before the network."""

from __future__ import annotations

from typing import Any

import pytest
import respx

from replicate import AsyncReplicate


@pytest.mark.parametrize(
    ("typo", "suggestion"),
    [
        ("timout", "timeout"),
        ("wiat", "wait"),
        ("use_file_ouput", "use_file_output"),
        ("webhok", "webhook"),
        ("webhook_event_filter", "webhook_events_filter"),
        ("extra_header", "extra_headers"),
        ("imput", "input"),
        ("inputs", "input"),
    ],
)
async def test_run_names_the_typo_and_the_closest_keyword(
    client: AsyncReplicate, respx_mock: respx.MockRouter, typo: str, suggestion: str
) -> None:
    options: dict[str, Any] = {typo: 1}
    with pytest.raises(TypeError, match=f"'{typo}'; did you mean '{suggestion}'"):
        await client.run("owner/name", {"prompt": "a"}, **options)
    assert not respx_mock.calls


async def test_predictions_run_checks_its_keywords(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    with pytest.raises(TypeError, match="did you mean 'timeout'"):
        await client.predictions.run("owner/name", {}, timout=1)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    # run's own keyword is not one of predictions.run's: it returns the prediction.
    with pytest.raises(TypeError, match="use_file_output"):
        await client.predictions.run("owner/name", {}, use_file_output=False)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    assert not respx_mock.calls


async def test_stream_checks_its_keywords_when_called(
    client: AsyncReplicate, respx_mock: respx.MockRouter
) -> None:
    with pytest.raises(TypeError, match="stream\\(\\) got an unexpected keyword argument 'wait'"):
        client.stream("owner/name", {}, wait=True)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    assert not respx_mock.calls
