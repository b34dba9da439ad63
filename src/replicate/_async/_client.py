"""``AsyncReplicate``: the public client class."""

from __future__ import annotations

from .resources import AsyncAPIResources

__all__ = ["AsyncClient", "AsyncReplicate"]


class AsyncReplicate(AsyncAPIResources):
    """The client for Replicate's API: every resource and operation.

    Arguments (all optional):

    - ``bearer_token``: the API token; defaults to ``REPLICATE_API_TOKEN`` (1.x name: ``api_token``).
    - ``base_url``: defaults to ``REPLICATE_BASE_URL``, then ``https://api.replicate.com/v1``.
    - ``timeout``: seconds or an ``httpx.Timeout``; default 60 s (5 s to connect).
    - ``max_retries``: how often a failed request may be resent when that is safe; default 2.
    - ``default_headers`` (1.x name: ``headers``) and ``default_query``: sent with every request.
    - ``http_client``: an ``httpx.AsyncClient`` to send through (proxies, custom transports).

    Example::

        async with replicate.AsyncReplicate() as client:
            prediction = await client.predictions.get("ufawqhfynnddngldkgtslldrkq")
    """


AsyncClient = AsyncReplicate
"""The 1.x name of the client class."""
