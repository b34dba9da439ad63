"""Reading a prediction's server-sent event stream, resuming it when the connection drops.

A dropped connection is reopened with ``Last-Event-ID``, so the server resumes after
the last event received: no event is lost and none is repeated. A stream the server
ends before its ``done`` event is reopened the same way while its prediction is still
running; once the prediction has finished, the stream ends as ``done`` would end it. The request goes through the client's transport,
which sends the API token only when the stream URL is on the API's own origin.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, NoReturn, cast

import httpx

from .. import _primitives, _timing
from .._core.polling import Deadline
from .._core.sse import (
    ReconnectPolicy,
    ServerSentEvent,
    SSEStreamDecoder,
    StreamCursor,
    reconnect_delay,
)
from .._exceptions import APIConnectionError, APIResponseValidationError, ModelError
from .._types import NOT_GIVEN, NotGiven
from . import _waiting

if TYPE_CHECKING:
    from ._base_client import AsyncBaseClient
    from ._objects import AsyncPrediction

__all__ = ["error_message", "iter_events"]

_DEFAULT_POLICY = ReconnectPolicy()


async def _event_batches(
    response: httpx.Response, decoder: SSEStreamDecoder
) -> AsyncIterator[list[ServerSentEvent]]:
    """The events decoded from each chunk of the body (chunks that end none are skipped),
    then those the end of the body completes. One resumption per chunk, not per event."""
    async for chunk in response.aiter_bytes():
        events = decoder.feed(chunk)
        if events:
            yield events
    yield decoder.close()


async def iter_events(
    client: AsyncBaseClient,
    url: str,
    *,
    policy: ReconnectPolicy = _DEFAULT_POLICY,
    deadline: Deadline | None = None,
    prediction: AsyncPrediction | None = None,
) -> AsyncIterator[ServerSentEvent]:
    """Every event of the stream at ``url``, up to and including ``done``.

    With ``deadline``, no read waits beyond it, and the iteration ends (without
    ``done``) once it has passed. With ``prediction`` (the one streaming), an
    ``error`` event is not yielded: the prediction is reloaded and the error raised.
    The check is made here, and not by a generator wrapping this one, because every
    layer between the decoder and the caller costs a resumption per event.

    Raises:
        APIConnectionError: the stream dropped ``policy.max_attempts`` times in a row
            without delivering an event.
        APIResponseValidationError: the URL answered with something else than an
            event stream.
        ModelError: with ``prediction``, the stream sent an ``error`` event.
    """
    transport = client._transport  # pyright: ignore[reportPrivateUsage]
    cursor = StreamCursor()
    while True:
        timeout: httpx.Timeout | NotGiven = NOT_GIVEN
        if deadline is not None and deadline.at is not None:
            left = deadline.remaining(now=_timing.monotonic())
            if not left:
                return
            timeout = _capped_timeout(transport.config.timeout, left)
        request: httpx.Request | None = None
        ended_early = False
        try:
            response = await transport.open(url, headers=cursor.resume_headers(), timeout=timeout)
        except APIConnectionError as error:
            request = error.request
        else:
            request = response.request
            try:
                _check_event_stream(response)
                decoder = SSEStreamDecoder()
                async for events in _event_batches(response, decoder):
                    # The cursor is updated once per batch, not per event: ids persist, so
                    # the last event carries the id to resume after.
                    cursor.observe_batch(events, retry_ms=decoder.retry)
                    for event in events:
                        kind = event.event
                        if kind == "error" and prediction is not None:
                            await _raise_model_error(prediction, event)
                        yield event
                        if kind == "done":
                            return
                ended_early = True  # the server closed the stream before `done`
            except httpx.TransportError:
                pass  # the connection dropped mid-stream: resume below
            finally:
                await response.aclose()
        if ended_early and prediction is not None and await _has_finished(prediction):
            # Nothing more will come: end as `done` would have, with the final state.
            if prediction.status == "failed":
                raise ModelError(prediction)
            return
        attempt = cursor.record_failure()
        delay = reconnect_delay(attempt, retry_ms=cursor.retry_ms, policy=policy)
        if delay is None:
            raise APIConnectionError(
                request=request,
                message=f"The event stream at {httpx.URL(url).copy_with(query=None)} dropped "
                f"{attempt - 1} times in a row without sending an event; giving up.",
            )
        if deadline is not None:
            delay = deadline.clamp(delay, now=_timing.monotonic())
        await _primitives.async_sleep(delay)


async def _has_finished(prediction: AsyncPrediction) -> bool:
    """Whether ``prediction`` has finished, by reading it now (it is updated in place)."""
    await prediction.reload()
    return _waiting.is_final(prediction.status)


async def _raise_model_error(prediction: AsyncPrediction, event: ServerSentEvent) -> NoReturn:
    """Reload the failed ``prediction`` (for its logs and error), then raise ``ModelError``."""
    await prediction.reload()
    raise ModelError(prediction, f"Prediction {prediction.id} failed: {error_message(event)}")


def _capped_timeout(timeout: httpx.Timeout, seconds: float) -> httpx.Timeout:
    """``timeout`` with no limit longer than ``seconds``."""

    def cap(limit: float | None) -> float:
        return seconds if limit is None else min(limit, seconds)

    return httpx.Timeout(
        connect=cap(timeout.connect),
        read=cap(timeout.read),
        write=cap(timeout.write),
        pool=cap(timeout.pool),
    )


def _check_event_stream(response: httpx.Response) -> None:
    content_type = response.headers.get("content-type", "")
    if "text/event-stream" not in content_type.lower():
        raise APIResponseValidationError(
            response=response,
            body=None,
            message=f"Expected an event stream (text/event-stream), got {content_type or 'no content type'}",
        )


def error_message(event: ServerSentEvent) -> str:
    """The message of an ``error`` event: its JSON ``detail``, or its data as it is."""
    try:
        payload = json.loads(event.data)
    except ValueError:
        return event.data
    if isinstance(payload, dict):
        detail = cast("dict[str, object]", payload).get("detail")
        if isinstance(detail, str) and detail:
            return detail
    return event.data
