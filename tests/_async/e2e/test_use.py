"""``use()``: models as functions, background runs, streamed output, files in and out."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from replicate import AsyncReplicate, ModelError
from replicate._async._file_output import AsyncFileOutput
from replicate._async._use import AsyncOutputIterator, get_path_url, use
from replicate.testing import HELLO_WORLD_VERSION, Emulator, OutputFile

TEXT_SCHEMA = {
    "type": "array",
    "items": {"type": "string"},
    "x-cog-array-type": "iterator",
    "x-cog-array-display": "concatenate",
}


async def test_call_runs_the_model_and_returns_its_output(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    hello = use(client, "replicate/hello-world")
    assert await hello(text="Ada") == "hello Ada"
    # A model with versions runs its latest version through POST /predictions.
    assert emulator.requests.count("predictions.create") == 1
    assert emulator.prediction(emulator.prediction_ids()[0])["version"] == HELLO_WORLD_VERSION


async def test_pinned_version_and_bare_version_id(client: AsyncReplicate) -> None:
    pinned = use(client, f"replicate/hello-world:{HELLO_WORLD_VERSION}")
    assert await pinned(text="pin") == "hello pin"
    assert "Input" in (await pinned.openapi_schema())["components"]["schemas"]
    bare = use(client, HELLO_WORLD_VERSION)
    assert await bare(text="bare") == "hello bare"
    assert await bare.openapi_schema() == {}


async def test_official_model_runs_through_the_model_endpoint(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    flux = use(client, "black-forest-labs/flux-schnell")
    [image] = await flux(prompt="a fox")
    assert isinstance(image, AsyncFileOutput)
    assert (await image.read()).startswith(b"\x89PNG")
    assert get_path_url(image) == image.url
    assert emulator.requests.count("models.predictions.create") == 1


async def test_create_returns_a_run_with_output_and_logs(client: AsyncReplicate) -> None:
    run = await use(client, "emulator/slow").create(seconds=0.05, steps=2)
    assert run.id == run.prediction.id
    assert run.status in ("starting", "processing")
    assert await run.output() == "finished after 0.05 seconds"
    assert run.status == "succeeded"
    logs = await run.logs()
    assert logs is not None and "2/2" in logs


async def test_failed_model_raises_model_error_with_the_prediction(client: AsyncReplicate) -> None:
    run = await use(client, "emulator/fail").create(after_lines=1)
    with pytest.raises(ModelError) as caught:
        await run.output()
    assert caught.value.prediction.id == run.id
    assert "ran out of memory" in str(caught.value)


async def test_streaming_yields_items_as_they_come(client: AsyncReplicate) -> None:
    llm = use(client, "meta/meta-llama-3-8b-instruct", streaming=True)
    output = await llm(prompt="hi there")
    assert isinstance(output, AsyncOutputIterator)
    assert [token async for token in output] == ["You", " said:", " hi", " there", "."]


async def test_text_iterator_schema_joins_the_output(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    async def words(prompt: str) -> AsyncIterator[str]:
        for word in prompt.split():
            yield word + "!"

    emulator.add_model("acme/shout", words)
    # The emulator's schemas leave the output untyped; give this function's the Cog text type.
    shout = use(client, "acme/shout")
    (await shout.openapi_schema())["components"]["schemas"]["Output"] = TEXT_SCHEMA
    assert await shout(prompt="a b") == "a!b!"
    stream = use(client, "acme/shout", streaming=True)
    (await stream.openapi_schema())["components"]["schemas"]["Output"] = TEXT_SCHEMA
    streamed = await stream(prompt="c d")
    assert [word async for word in streamed] == ["c!", "d!"]
    assert await streamed.collect() == "c!d!"


async def test_schema_decides_which_outputs_are_files(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    def pictures() -> dict[str, object]:
        return {
            "image": OutputFile(b"\x89PNG...", "a.png", "image/png"),
            "link": OutputFile(b"x", "b.txt"),
        }

    emulator.add_model("acme/pictures", pictures)
    function = use(client, "acme/pictures")
    (await function.openapi_schema())["components"]["schemas"]["Output"] = {
        "type": "object",
        "properties": {"image": {"type": "string", "format": "uri"}, "link": {"type": "string"}},
    }
    output = await function()
    assert isinstance(output["image"], AsyncFileOutput)
    assert isinstance(output["link"], str)


async def test_file_inputs_are_uploaded_and_outputs_chain(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    def size(image: str) -> str:
        return image

    emulator.add_model("acme/echo", size)
    echo = use(client, "acme/echo")
    uploaded = await echo(image=b"\x89PNG local bytes")
    assert isinstance(uploaded, AsyncFileOutput) and "/files/" in uploaded.url
    assert emulator.requests.count("files.create") == 1
    [image] = await use(client, "black-forest-labs/flux-schnell")(prompt="chain")
    assert (await echo(image=image)).url == image.url  # passed on as its URL, not re-uploaded
    assert emulator.requests.count("files.create") == 1


async def test_bad_reference_fails_before_the_network(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    with pytest.raises(ValueError, match="owner/name"):
        use(client, "not a model")
    assert len(emulator.requests) == 0
