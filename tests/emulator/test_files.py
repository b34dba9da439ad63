"""Uploads with checksums, signed downloads, and output files on a separate host."""

from __future__ import annotations

import hashlib
from typing import Iterator

import httpx

from replicate.testing import DEFAULT_TOKEN, Emulator, ManualClock

FLUX = "/models/black-forest-labs/flux-schnell/predictions"


def test_upload_reports_size_checksums_and_metadata(client: httpx.Client) -> None:
    content = b"x" * 300_000
    response = client.post(
        "/files",
        files={"content": ("ignored.bin", content, "application/octet-stream")},
        data={"filename": "data.bin", "type": "application/x-test", "metadata": '{"k": "v"}'},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["size"] == len(content)
    assert body["checksums"] == {
        "sha256": hashlib.sha256(content).hexdigest(),
        "md5": hashlib.md5(content).hexdigest(),
    }
    assert (body["content_type"], body["metadata"]) == ("application/x-test", {"k": "v"})
    assert client.get(body["urls"]["get"]).json()["id"] == body["id"]


def test_upload_streams_from_a_generator_over_loopback(
    served: httpx.Client, emulator: Emulator
) -> None:
    boundary = "b0undary"

    def body() -> Iterator[bytes]:
        yield f'--{boundary}\r\nContent-Disposition: form-data; name="content"; filename="big.bin"\r\n\r\n'.encode()
        for _ in range(64):
            yield b"y" * 65536
        yield f"\r\n--{boundary}--\r\n".encode()

    response = served.post(
        "/files",
        content=body(),
        headers={"content-type": f"multipart/form-data; boundary={boundary}"},
    )
    assert response.status_code == 201, response.text
    assert response.json()["checksums"]["sha256"] == hashlib.sha256(b"y" * 65536 * 64).hexdigest()
    assert emulator.requests.matching("files.create")[-1].body_size > 64 * 65536


def test_upload_without_content_part_is_422(client: httpx.Client) -> None:
    response = client.post("/files", files={"other": ("a", b"1")})
    assert response.status_code == 422


def test_signed_download_needs_a_valid_unexpired_signature(
    client: httpx.Client, emulator: Emulator
) -> None:
    file_id = client.post("/files", files={"content": ("a.txt", b"hello", "text/plain")}).json()[
        "id"
    ]
    url = emulator.signed_download_url(file_id, expires_in=60)
    anonymous = httpx.Client(transport=emulator.transport())
    assert anonymous.get(url).content == b"hello"
    assert anonymous.get(url.replace("signature=", "signature=AA")).status_code == 403
    assert anonymous.get(emulator.signed_download_url(file_id, expires_in=-1)).status_code == 403
    assert anonymous.get(f"{emulator.base_url}/files/{file_id}/download").status_code == 400


def test_output_files_are_served_from_the_files_host_without_the_token() -> None:
    emulator_fast = Emulator()
    try:
        with (
            emulator_fast.serve() as server,
            httpx.Client(headers={"Authorization": f"Bearer {DEFAULT_TOKEN}"}) as api,
        ):
            prediction = api.post(
                f"{server.base_url}{FLUX}",
                json={"input": {"prompt": "cat", "num_outputs": 2}},
                headers={"Prefer": "wait"},
            ).json()
            urls = prediction["output"]
            assert all(url.startswith(server.files_url) for url in urls) and len(urls) == 2
            image = httpx.get(urls[0])
            assert image.headers["content-type"] == "image/png" and image.content.startswith(
                b"\x89PNG"
            )
        files_requests = emulator_fast.requests.matching("files")
        assert len(files_requests) == 1
        assert "authorization" not in files_requests[0].headers
    finally:
        emulator_fast.close()


def test_in_process_output_files_use_the_files_host_name(
    client: httpx.Client, emulator: Emulator, clock: ManualClock
) -> None:
    prediction = client.post(FLUX, json={"input": {"prompt": "dog"}}).json()
    clock.advance(1)
    url = client.get(f"/predictions/{prediction['id']}").json()["output"][0]
    assert url.startswith(f"http://{emulator.files_host}/")
    with httpx.Client(transport=emulator.transport()) as plain:
        assert plain.get(url).content.startswith(b"\x89PNG")
    assert emulator.requests[-1].host == "files"
