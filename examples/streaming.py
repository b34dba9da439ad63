"""Streaming a language model's reply as it is written, with the sync and the async client.

export REPLICATE_API_TOKEN=r8_...
python examples/streaming.py
"""

from __future__ import annotations

import asyncio

import replicate

MODEL = "meta/meta-llama-3-8b-instruct"


def stream_sync(client: replicate.Replicate) -> None:
    # stream() starts a prediction and yields its server-sent events while the model runs.
    # str(event) is the text an output event carries, so printing them shows the reply
    # growing token by token; flush, or the terminal shows it only at the end of the line.
    for event in client.stream(MODEL, input={"prompt": "Tell me about streams"}):
        print(str(event), end="", flush=True)
    print()


def stream_a_prediction(client: replicate.Replicate) -> None:
    # Create the prediction yourself when you also need it (its id, to cancel it, or to
    # look it up later), then stream it.
    prediction = client.predictions.create(
        model=MODEL, input={"prompt": "Stream this prediction"}, stream=True
    )
    print(f"[{prediction.id}] ", end="")
    for event in prediction.stream():
        print(str(event), end="", flush=True)
    print()


async def stream_async() -> None:
    # The async client streams the same way, with `async for`; the event loop stays free
    # for other work while tokens arrive.
    async with replicate.AsyncReplicate() as client:
        async for event in client.stream(MODEL, input={"prompt": "Now do it asynchronously"}):
            print(str(event), end="", flush=True)
    print()


def main() -> None:
    # Both clients read REPLICATE_API_TOKEN (and REPLICATE_BASE_URL, if set).
    with replicate.Replicate() as client:
        stream_sync(client)
        stream_a_prediction(client)
    asyncio.run(stream_async())


if __name__ == "__main__":
    main()
