"""A local emulator of Replicate's HTTP API, for tests, demos and benchmarks.

Everything runs in memory, with deterministic built-in models and your own Python
functions as models. Reach it in-process through httpx transports (no sockets) or over
HTTP/1.1 on loopback::

    import httpx
    from replicate.testing import DEFAULT_TOKEN, Emulator, ManualClock

    with Emulator() as emulator:
        # in-process, sync or async
        client = httpx.Client(
            base_url=emulator.base_url,
            transport=emulator.transport(),          # or emulator.async_transport()
            headers={"Authorization": f"Bearer {DEFAULT_TOKEN}"},
        )
        # or a real server on 127.0.0.1
        with emulator.serve() as server:
            httpx.get(f"{server.base_url}/account", headers=...)

Built-in models: ``replicate/hello-world`` (version :data:`HELLO_WORLD_VERSION`),
``meta/meta-llama-3-8b-instruct`` (official, streams tokens),
``black-forest-labs/flux-schnell`` (official, outputs PNG files on the files host),
``emulator/slow`` (``seconds``, ``steps``; progress bars in its logs), ``emulator/fail``
(logs, then fails) and ``emulator/trainable`` (trainings create versions).

It is as strict as the API: the rules the published API states (official models by
name only, every other model by version; documented fields, bounds and ownership; data
removed an hour after a prediction finishes; throttled and retried webhooks) apply, and
requests through the in-process transports time out on the emulator's clock.

Add your own with :meth:`Emulator.add_model` (community models unless
``official=True``); inside a model, :func:`log` writes logs and
:func:`sleep` waits on the emulator's clock. Inject faults with ``emulator.faults.add``
(:class:`Status`, :class:`Delay`, :class:`Drop`, :class:`Cut`) and inspect every request
in ``emulator.requests``. Webhooks are signed with ``emulator.webhook_secret``
(:func:`sign_webhook`) and recorded in ``emulator.webhook_deliveries``.
"""

from __future__ import annotations

from ._builtin_models import HELLO_WORLD_VERSION
from ._clock import Clock, ManualClock, SystemClock
from ._emulator import API_HOST, DEFAULT_TOKEN, DEFAULT_WEBHOOK_SECRET, FILES_HOST, Emulator, Server
from ._faults import Cut, Delay, Drop, Fault, FaultRule, Faults, Status
from ._models import Model, OutputFile, log, sleep
from ._recording import RecordedRequest, RequestLog
from ._webhooks import WebhookDelivery, sign_webhook

__all__ = [
    "API_HOST",
    "DEFAULT_TOKEN",
    "DEFAULT_WEBHOOK_SECRET",
    "FILES_HOST",
    "HELLO_WORLD_VERSION",
    "Clock",
    "Cut",
    "Delay",
    "Drop",
    "Emulator",
    "Fault",
    "FaultRule",
    "Faults",
    "ManualClock",
    "Model",
    "OutputFile",
    "RecordedRequest",
    "RequestLog",
    "Server",
    "Status",
    "SystemClock",
    "WebhookDelivery",
    "log",
    "sign_webhook",
    "sleep",
]
