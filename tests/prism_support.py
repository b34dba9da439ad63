"""The Prism mock server, started from our openapi.json, for the contract tests.

Prism validates every request against the spec (an invalid one is answered 422) and answers
with responses built from the spec's schemas. ``./scripts/nox`` installs the pinned Prism with
npm and passes its path in ``REPLICATE_PRISM_BIN``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "openapi.json"
LOCAL_PRISM = ROOT / ".cache" / "prism" / "node_modules" / ".bin" / "prism"


def _prism_binary() -> Path:
    configured = os.environ.get("REPLICATE_PRISM_BIN")
    binary = Path(configured) if configured else LOCAL_PRISM
    if not binary.exists():
        pytest.fail(
            f"Prism mock server not found at {binary}: run the tests with ./scripts/nox, "
            "which installs it, or set REPLICATE_PRISM_BIN",
            pytrace=False,
        )
    return binary


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run_prism() -> Iterator[str]:
    """Root URL of a Prism mock server started for this test session.

    Prism serves the spec's paths without the ``/v1`` prefix of the API's server URL; the
    clients built on it (see ``PrismTransport``) strip that prefix on the way out.
    """
    port = _free_port()
    (ROOT / ".cache").mkdir(exist_ok=True)
    log = (ROOT / ".cache" / "prism.log").open("w")
    process = subprocess.Popen(
        [str(_prism_binary()), "mock", "--host", "127.0.0.1", "--port", str(port), str(SPEC)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"Prism exited with code {process.returncode}; see .cache/prism.log")
            try:
                httpx.get(base + "/account", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    pytest.fail("Prism did not start within 60 s; see .cache/prism.log")
                time.sleep(0.2)
        yield base
    finally:
        log.close()
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _strip_api_prefix(request: httpx.Request) -> None:
    path = request.url.raw_path
    if path.startswith(b"/v1/") or path == b"/v1":
        request.url = request.url.copy_with(raw_path=path[3:] or b"/")


class PrismTransport(httpx.HTTPTransport):
    """Sends the SDK's ``/v1/...`` requests to Prism's unprefixed paths."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        _strip_api_prefix(request)
        return super().handle_request(request)


class AsyncPrismTransport(httpx.AsyncHTTPTransport):
    """Async twin of :class:`PrismTransport`."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        _strip_api_prefix(request)
        return await super().handle_async_request(request)
