"""File outputs: reading, streaming and saving, and the API token kept away from file hosts."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from replicate import APIConnectionError, AsyncReplicate, NotFoundError
from replicate._async._file_output import AsyncFileOutput, wrap_output
from replicate.testing import DEFAULT_TOKEN, Emulator

from .conftest import emulator_client


async def flux_output(client: AsyncReplicate, num_outputs: int = 1) -> list[str]:
    prediction = await client.models.predictions.create(
        "black-forest-labs/flux-schnell",
        input={"prompt": "a lighthouse", "num_outputs": num_outputs},
        prefer="wait",
    )
    assert prediction.status == "succeeded"
    return list(prediction.output)


async def test_wrap_output_makes_file_objects_at_any_depth(client: AsyncReplicate) -> None:
    output = {
        "image": "https://files.example/a.png",
        "frames": ["https://files.example/1.png", ("data:text/plain;base64,aGk=",)],
        "caption": "a cat",
        "score": 0.5,
    }
    wrapped = wrap_output(client, output)
    assert isinstance(wrapped, dict)
    assert isinstance(wrapped["image"], AsyncFileOutput)
    assert isinstance(wrapped["frames"][0], AsyncFileOutput)
    assert isinstance(wrapped["frames"][1][0], AsyncFileOutput)
    assert (wrapped["caption"], wrapped["score"]) == ("a cat", 0.5)
    assert wrap_output(client, output, use_file_output=False) is output


async def test_read_iterate_and_save(client: AsyncReplicate, tmp_path: Path) -> None:
    [url] = await flux_output(client)
    [image] = wrap_output(client, [url])  # type: ignore[misc]
    assert isinstance(image, AsyncFileOutput)
    assert (image.url, str(image)) == (url, url)
    data = await image.read()
    assert data.startswith(b"\x89PNG")
    chunks = [chunk async for chunk in image]
    assert b"".join(chunks) == data
    assert b"".join([chunk async for chunk in image.iter_bytes(chunk_size=7)]) == data
    saved = await image.save(tmp_path / "out.png")
    assert saved.read_bytes() == data


async def test_data_url_is_decoded_without_requests(
    client: AsyncReplicate, emulator: Emulator, tmp_path: Path
) -> None:
    output = AsyncFileOutput("data:text/plain;base64,aGVsbG8gd29ybGQ=", client)
    assert await output.read() == b"hello world"
    assert [chunk async for chunk in output.iter_bytes(chunk_size=5)] == [b"hello", b" worl", b"d"]
    assert (await output.save(tmp_path / "a.txt")).read_text() == "hello world"
    assert len(emulator.requests) == 0
    assert repr(output) == "AsyncFileOutput('data:text/plain;base64,...(39 characters)')"


async def test_token_never_reaches_the_file_host(
    client: AsyncReplicate, emulator: Emulator
) -> None:
    urls = await flux_output(client, num_outputs=2)
    for output in wrap_output(client, urls):  # type: ignore[attr-defined]
        await output.read()
    file_requests = emulator.requests.matching("files")
    assert len(file_requests) == 2
    for request in file_requests:
        assert "authorization" not in request.headers
        assert DEFAULT_TOKEN not in str(request.headers)
    api_requests = [r for r in emulator.requests if r.host == "api"]
    assert api_requests and all(
        r.headers["authorization"] == f"Bearer {DEFAULT_TOKEN}" for r in api_requests
    )


async def test_token_on_a_callers_http_client_does_not_reach_the_file_host(
    emulator: Emulator,
) -> None:
    leaky = httpx.AsyncClient(
        transport=emulator.async_transport(), headers={"Authorization": f"Bearer {DEFAULT_TOKEN}"}
    )
    async with AsyncReplicate(
        bearer_token=DEFAULT_TOKEN, base_url=emulator.base_url, http_client=leaky
    ) as client:
        [url] = await flux_output(client)
        await AsyncFileOutput(url, client).read()
    [request] = emulator.requests.matching("files")
    assert "authorization" not in request.headers


def redirecting_transport(
    emulator: Emulator, redirects: dict[str, str], seen: list[httpx.Request]
) -> httpx.MockTransport:
    """The emulator, with some URLs answering a redirect instead; records every request."""
    inner = emulator.transport()

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        target = redirects.get(str(request.url))
        if target is not None:
            return httpx.Response(302, headers={"Location": target})
        response = inner.handle_request(request)
        content = response.read()
        return httpx.Response(response.status_code, headers=response.headers, content=content)

    return httpx.MockTransport(handle)


async def test_redirect_to_another_host_drops_the_token(emulator: Emulator) -> None:
    seen: list[httpx.Request] = []
    async with emulator_client(emulator) as plain:
        [file_url] = await flux_output(plain)
    api_url = f"{emulator.base_url}/outputs/1"
    hop_url = f"{emulator.base_url}/outputs/hop"
    transport = redirecting_transport(emulator, {api_url: hop_url, hop_url: file_url}, seen)
    async with emulator_client(emulator, transport) as client:
        data = await AsyncFileOutput(api_url, client).read()
    assert data.startswith(b"\x89PNG")
    assert [str(r.url) for r in seen] == [api_url, hop_url, file_url]
    # On the API origin the token is sent; past the redirect to the file host it is not.
    assert seen[0].headers["authorization"] == f"Bearer {DEFAULT_TOKEN}"
    assert seen[1].headers["authorization"] == f"Bearer {DEFAULT_TOKEN}"
    assert "authorization" not in seen[2].headers
    [recorded] = emulator.requests.matching("files")
    assert "authorization" not in recorded.headers


async def test_redirect_back_to_the_api_origin_stays_without_the_token(emulator: Emulator) -> None:
    seen: list[httpx.Request] = []
    async with emulator_client(emulator) as plain:
        [file_url] = await flux_output(plain)
    elsewhere = "http://cdn.example/start"
    back = f"{emulator.base_url}/outputs/back"
    transport = redirecting_transport(emulator, {elsewhere: back, back: file_url}, seen)
    async with emulator_client(emulator, transport) as client:
        await AsyncFileOutput(elsewhere, client).read()
    assert [str(r.url) for r in seen] == [elsewhere, back, file_url]
    assert all("authorization" not in r.headers for r in seen)


async def test_endless_redirects_give_up(emulator: Emulator) -> None:
    loop_a, loop_b = "http://cdn.example/a", "http://cdn.example/b"
    transport = redirecting_transport(emulator, {loop_a: loop_b, loop_b: loop_a}, [])
    client = emulator_client(emulator, transport)
    with pytest.raises(APIConnectionError, match="redirected more than 20 times"):
        await AsyncFileOutput(loop_a, client).read()
    await client.close()


async def test_missing_file_raises_not_found(client: AsyncReplicate) -> None:
    output = AsyncFileOutput("http://files.replicate.localhost/nope/out.png", client)
    with pytest.raises(NotFoundError):
        await output.read()


async def test_repr_hides_the_query_string(client: AsyncReplicate) -> None:
    output = AsyncFileOutput("https://files.example/a.png?signature=s3cret&expiry=1", client)
    assert "s3cret" not in repr(output)
    assert repr(output) == "AsyncFileOutput('https://files.example/a.png')"
    assert output == AsyncFileOutput(output.url, client)
    assert len({output, AsyncFileOutput(output.url, client)}) == 1
