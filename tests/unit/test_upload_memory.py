"""Uploading a 200 MB file by path keeps memory flat: the file is streamed, never read whole.

Each client runs in a fresh subprocess, whose peak resident size (``ru_maxrss``) is
compared before and after the upload. The server side is a small httpx
transport that reads the request body chunk by chunk and keeps only a hash.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SIZE = 200 * 1024 * 1024
LIMIT = 32 * 1024 * 1024

SCRIPT = r"""
import asyncio, hashlib, json, resource, sys
from pathlib import Path
import httpx
from replicate import AsyncReplicate, Replicate
from replicate._async._uploads import upload_file as async_upload_file
from replicate._sync._uploads import upload_file

path, kind = Path(sys.argv[1]), sys.argv[2]
received = {"bytes": 0}

def record(chunk: bytes, digest) -> None:
    received["bytes"] += len(chunk)
    digest.update(chunk)

def answer(digest) -> httpx.Response:
    return httpx.Response(201, json={
        "id": "f1", "content_type": "application/octet-stream", "size": 0,
        "checksums": {"sha256": digest.hexdigest()}, "metadata": {},
        "created_at": "2025-01-01T00:00:00Z", "expires_at": "2025-01-02T00:00:00Z",
        "urls": {"get": "https://api.replicate.com/v1/files/f1"},
    })

# Servers that read the body chunk by chunk as it is produced (httpx.MockTransport reads it whole).
class Sink(httpx.BaseTransport):
    def handle_request(self, request):
        digest = hashlib.sha256()
        for chunk in request.stream:
            record(chunk, digest)
        return answer(digest)

class AsyncSink(httpx.AsyncBaseTransport):
    async def handle_async_request(self, request):
        digest = hashlib.sha256()
        async for chunk in request.stream:
            record(chunk, digest)
        return answer(digest)

def peak() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux

if kind == "async":
    client = AsyncReplicate(bearer_token="r8_x", http_client=httpx.AsyncClient(transport=AsyncSink()))
    before = peak()
    asyncio.run(async_upload_file(client, path))
else:
    client = Replicate(bearer_token="r8_x", http_client=httpx.Client(transport=Sink()))
    before = peak()
    upload_file(client, path)
print(json.dumps({"growth": peak() - before, "received": received["bytes"]}))
"""


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("upload") / "big.bin"
    with open(path, "wb") as handle:
        handle.truncate(SIZE)  # sparse: quick to make, still 200 MB to read
    return path


@pytest.mark.parametrize("kind", ["async", "sync"])
def test_upload_by_path_streams_in_bounded_memory(big_file: Path, kind: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(big_file), kind],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    measured = json.loads(result.stdout.strip().splitlines()[-1])
    assert measured["received"] > SIZE  # the whole file went out (plus multipart framing)
    assert measured["growth"] < LIMIT, f"peak memory grew by {measured['growth'] / 2**20:.1f} MiB"
