"""A FastAPI service that runs models and receives Replicate's webhooks.

    pip install replicate fastapi uvicorn
    export REPLICATE_API_TOKEN=r8_...
    uvicorn fastapi_service:app          # from this directory

Endpoints:

- ``POST /greetings`` ``{"text": "..."}``: runs ``replicate/hello-world`` and returns its output.
- ``POST /webhooks/replicate``: where Replicate sends a prediction's updates when you pass
  ``webhook="https://<your host>/webhooks/replicate"``. Requests that are not signed by
  Replicate, or were signed too long ago, are rejected with 401.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Request
from pydantic import BaseModel

import replicate
from replicate.webhook import WebhookVerificationError

logger = logging.getLogger("fastapi_service")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncGenerator[None, None]:
    # One client for the whole app, created at startup and closed at shutdown: it holds the
    # connection pool, so every request reuses connections instead of opening new ones.
    # It reads REPLICATE_API_TOKEN (and REPLICATE_BASE_URL, if set) from the environment.
    async with replicate.AsyncReplicate() as client:
        app.state.replicate = client
        yield


app = FastAPI(title="Replicate example service", lifespan=lifespan)


def replicate_client(request: Request) -> replicate.AsyncReplicate:
    """The app's client, as a FastAPI dependency."""
    client: replicate.AsyncReplicate = request.app.state.replicate
    return client


Client = Annotated[replicate.AsyncReplicate, Depends(replicate_client)]


class Greeting(BaseModel):
    text: str


@app.post("/greetings")
async def greet(greeting: Greeting, client: Client) -> dict[str, Any]:
    """Run a model and answer with its output (the request waits while the model runs)."""
    output = await client.run("replicate/hello-world", input={"text": greeting.text})
    return {"output": output}


@app.post("/webhooks/replicate")
async def receive_webhook(request: Request, client: Client) -> dict[str, str]:
    """Accept a prediction update from Replicate, after checking that Replicate sent it."""
    try:
        # Checks the signature over the raw body and that the timestamp is recent (so an
        # old, captured request cannot be replayed). The signing secret is fetched from
        # the API once, then remembered; pass secret= to skip that request.
        await client.webhooks.verify(request)
    except WebhookVerificationError as error:
        raise HTTPException(status_code=401, detail=str(error)) from error

    prediction = await request.json()  # safe to parse now that it is verified
    logger.info("prediction %s is %s", prediction["id"], prediction["status"])
    # Answer quickly with a 2xx: Replicate retries deliveries that fail or time out.
    return {"received": prediction["id"]}
