"""A function for process-pool workers (importable by module name from a child process)."""

from __future__ import annotations

import httpx

import replicate


def fetch_missing_prediction(prediction_id: str) -> None:
    """Raise the ``NotFoundError`` a real 404 gives, from inside a worker process."""

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404, json={"title": "Not found", "detail": "No such prediction"})

    client = replicate.Replicate(
        bearer_token="r8_secret_token_value",
        http_client=httpx.Client(transport=httpx.MockTransport(answer)),
        max_retries=0,
    )
    client.predictions.get(prediction_id)
