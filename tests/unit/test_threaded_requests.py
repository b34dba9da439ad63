"""A sync client shared by threads: every request carries the token, from the very first."""

from __future__ import annotations

import sys
import threading

import httpx

import replicate


def test_first_requests_from_many_threads_all_carry_the_token() -> None:
    # Switch threads as often as possible, so that a request built while another thread
    # prepares the headers would show.
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        _first_requests_carry_the_token()
    finally:
        sys.setswitchinterval(previous)


def _first_requests_carry_the_token() -> None:
    for _ in range(30):
        assert _authorization_of_first_requests(threads=8) == ["Bearer r8_token"] * 8


def _authorization_of_first_requests(threads: int) -> list[str | None]:
    """The Authorization header of the first ``threads`` requests of a new client, sent at once."""
    seen: list[str | None] = []
    lock = threading.Lock()

    def answer(request: httpx.Request) -> httpx.Response:
        with lock:
            seen.append(request.headers.get("Authorization"))
        return httpx.Response(200, json={"type": "user", "username": "u", "name": "U"})

    client = replicate.Replicate(
        bearer_token="r8_token", http_client=httpx.Client(transport=httpx.MockTransport(answer))
    )
    start = threading.Barrier(threads)

    def call() -> None:
        start.wait()
        client.account.get()

    workers = [threading.Thread(target=call) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    client.close()
    return seen


def test_changed_http_client_headers_are_picked_up() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"type": "user", "username": "u", "name": "U"})

    http_client = httpx.Client(transport=httpx.MockTransport(answer))
    client = replicate.Replicate(bearer_token="r8_token", http_client=http_client)
    client.account.get()
    http_client.headers["X-Later"] = "1"
    client.account.get()
    assert "x-later" not in seen[0].headers
    assert seen[1].headers["X-Later"] == "1"
    assert seen[1].headers["Authorization"] == "Bearer r8_token"
