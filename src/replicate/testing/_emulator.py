"""The :class:`Emulator`: Replicate's HTTP API in memory, reachable in-process or over loopback."""

from __future__ import annotations

import asyncio
import base64
import contextlib
from dataclasses import dataclass
from typing import Any, Callable, Generator, Iterable
from urllib.parse import urlencode

import httpx

from ._api_catalog import register_catalog_routes
from ._api_files import register_file_routes
from ._api_predictions import register_prediction_routes
from ._app import API, FILES, App
from ._builtin_models import builtin_collections
from ._builtin_models import builtin_models as make_builtin_models
from ._clock import Clock, SystemClock
from ._faults import Faults
from ._files import download_signature
from ._lifecycle import Lifecycle
from ._loop import LoopThread
from ._models import Model, ModelFunction
from ._recording import RequestLog
from ._render import render_prediction
from ._routing import Router
from ._server import Listener, start_listener
from ._state import State
from ._store import Store
from ._transports import EmulatorAsyncTransport, EmulatorTransport
from ._webhooks import WebhookDelivery, WebhookSender

__all__ = [
    "API_HOST",
    "DEFAULT_TOKEN",
    "DEFAULT_WEBHOOK_SECRET",
    "FILES_HOST",
    "Emulator",
    "Server",
]

DEFAULT_TOKEN = "r8_emulator_test_token"
"""The token every emulator accepts unless told otherwise."""

DEFAULT_WEBHOOK_SECRET = "whsec_" + base64.b64encode(b"replicate-emulator-webhook-key!!").decode()
"""The signing secret served at ``GET /v1/webhooks/default/secret`` unless told otherwise."""

API_HOST = "api.replicate.localhost"
"""The API's host name for in-process transports."""

FILES_HOST = "files.replicate.localhost"
"""The host name that serves model output files in-process (never send the token here)."""


@dataclass(frozen=True)
class Server:
    """A running loopback server: where the API and the output-files host listen."""

    base_url: str
    """``http://127.0.0.1:PORT/v1``: pass as the client's base URL."""
    files_url: str
    """``http://127.0.0.1:PORT2``: where output file URLs point while serving."""
    port: int
    files_port: int


class Emulator:
    """Replicate's HTTP API, in memory, for tests, demos and benchmarks.

    Args:
        tokens: The bearer tokens accepted (default: :data:`DEFAULT_TOKEN`).
        clock: What time it is for predictions; default real time. Use
            ``ManualClock`` for exact, instant tests or ``SystemClock(speed=100)`` to
            run simulated work a hundred times faster.
        username: The account's username; owns uploaded files and deployments.
        page_size: How many items each list page holds.
        webhook_secret: The ``whsec_...`` secret webhooks are signed with.
        webhook_transport: Where webhooks go (default: real HTTP); e.g.
            ``httpx.MockTransport(handler)`` to receive them in-process.
        files_host: Host name of the in-process output-files host.
        builtin_models: Start with the built-in models and collections.

    Example::

        with Emulator() as emulator:
            client = httpx.Client(base_url=emulator.base_url, transport=emulator.transport(),
                                  headers={"Authorization": f"Bearer {DEFAULT_TOKEN}"})
            client.post("/predictions", json={"version": HELLO_WORLD_VERSION, "input": {"text": "you"}},
                        headers={"Prefer": "wait"}).json()["output"]  # 'hello you'
    """

    def __init__(
        self,
        *,
        tokens: Iterable[str] = (DEFAULT_TOKEN,),
        clock: Clock | None = None,
        username: str = "test-user",
        page_size: int = 100,
        webhook_secret: str = DEFAULT_WEBHOOK_SECRET,
        webhook_transport: httpx.AsyncBaseTransport | None = None,
        files_host: str = FILES_HOST,
        builtin_models: bool = True,
    ) -> None:
        if page_size < 1:
            raise ValueError(f"page_size must be at least 1, got {page_size}")
        self.clock: Clock = clock if clock is not None else SystemClock()
        self.faults = Faults()
        """Faults to inject; see :meth:`Faults.add`."""
        self.requests = RequestLog()
        """Every request received, in order."""
        self.files_host = files_host
        self._files_base_url = f"http://{files_host}"
        self._loop = LoopThread()
        self._store = Store()
        self._webhooks = WebhookSender(webhook_secret, webhook_transport)
        lifecycle = Lifecycle(self.clock, self._store, self._webhooks, lambda: self._files_base_url)
        self._state = State(
            store=self._store,
            clock=self.clock,
            lifecycle=lifecycle,
            webhooks=self._webhooks,
            username=username,
            page_size=page_size,
            files_secret=webhook_secret.encode() + b":files",
            file_lifetime=24 * 3600,
        )
        router = Router()
        register_prediction_routes(router, self._state)
        register_catalog_routes(router, self._state)
        register_file_routes(router, self._state)
        self._app = App(self._state, router, tuple(tokens), self.faults, self.requests)
        if builtin_models:
            for model in make_builtin_models():
                self._register(model)
            for collection in builtin_collections():
                self._store.collections[collection.slug] = collection

    base_url = f"http://{API_HOST}/v1"
    """The API's base URL for in-process transports."""

    @property
    def files_base_url(self) -> str:
        """Where output file URLs point now (the loopback files port while serving)."""
        return self._files_base_url

    @property
    def webhook_secret(self) -> str:
        """The ``whsec_...`` secret webhooks are signed with."""
        return self._webhooks.secret

    @property
    def webhook_deliveries(self) -> list[WebhookDelivery]:
        """Every webhook sent so far, in order."""
        return list(self._webhooks.deliveries)

    def _register(self, model: Model) -> Model:
        if not model.created_at:
            model.created_at = self.clock.now()
        self._store.models[model.ref] = model
        return model

    def add_model(
        self,
        ref: str,
        function: ModelFunction,
        *,
        official: bool = False,
        visibility: str = "public",
        version_id: str | None = None,
        description: str = "",
        readme: str = "",
        setup_seconds: float = 0.0,
        trainer: Callable[..., Any] | None = None,
    ) -> Model:
        """Register ``function`` as the model ``ref`` (``"owner/name"``) and return it.

        The function takes the prediction's input as keyword arguments. Sync or async;
        a generator or async generator streams its output item by item. Inside it,
        ``replicate.testing.log(line)`` writes logs and ``await replicate.testing.sleep(s)``
        waits on the emulator's clock. Returning :class:`OutputFile` (or a list of them)
        outputs URLs on the files host.

        Like most models on Replicate, a model is a community model unless
        ``official=True``: it runs by version only, through ``POST /v1/predictions`` with
        ``model.version_id``, and ``POST /v1/models/{owner}/{name}/predictions`` answers
        404 for it, as the real API does. An official model runs by name only, through
        that endpoint (or ``POST /v1/predictions`` with ``version: "owner/name"``), and its
        predictions report ``version: "hidden"``. A ``"private"`` model is visible only
        when ``owner`` is the emulator's ``username``.
        """
        owner, slash, name = ref.partition("/")
        if not slash or not owner or not name or "/" in name:
            raise ValueError(f"model references look like 'owner/name', got {ref!r}")
        if visibility not in ("public", "private"):
            raise ValueError(f"visibility is 'public' or 'private', got {visibility!r}")
        model = Model(
            owner,
            name,
            function,
            version_id=version_id or "",
            official=official,
            visibility=visibility,
            description=description,
            readme=readme,
            setup_seconds=setup_seconds,
            trainer=trainer,
        )
        return self._register(model)

    def add_example(self, ref: str, prediction_id: str) -> None:
        """Show the prediction ``prediction_id`` as an example of the model ``ref``.

        On Replicate a model's author picks its examples on the website; the account's
        own predictions never become examples by themselves. The first example is the
        model's ``default_example``; an example's data is never removed.
        """
        model = self._store.models[ref]
        record = self._store.predictions[prediction_id]
        if record.model.ref != ref:
            raise ValueError(f"the prediction {prediction_id} ran {record.model.ref}, not {ref}")
        record.example = True
        if prediction_id not in model.example_ids:
            model.example_ids.append(prediction_id)

    def model(self, ref: str) -> Model:
        """The registered model ``ref``; raises ``KeyError`` if there is none."""
        return self._store.models[ref]

    def prediction_ids(self) -> list[str]:
        """Ids of every prediction created so far, oldest first."""
        return list(self._store.predictions)

    def prediction(self, prediction_id: str) -> dict[str, Any]:
        """A prediction as the API would show it now (without going through HTTP)."""
        return render_prediction(self._store.predictions[prediction_id])

    def signed_download_url(
        self, file_id: str, *, expires_in: float = 3600, base_url: str | None = None
    ) -> str:
        """A ``/files/{id}/download`` URL signed for the file's owner, valid ``expires_in`` seconds."""
        record = self._store.files[file_id]
        expiry = int(self.clock.now() + expires_in)
        signature = download_signature(self._state.files_secret, record.owner, file_id, expiry)
        query = urlencode({"owner": record.owner, "expiry": expiry, "signature": signature})
        return f"{base_url or self.base_url}/files/{file_id}/download?{query}"

    def wait_for_webhooks(self, timeout: float = 5.0) -> list[WebhookDelivery]:
        """Block until every queued webhook has been attempted; return all deliveries."""
        self._loop.run(asyncio.wait_for(self._webhooks.drain(), timeout))
        return self.webhook_deliveries

    async def await_webhooks(self, timeout: float = 5.0) -> list[WebhookDelivery]:
        """Async twin of :meth:`wait_for_webhooks`."""
        await self._loop.arun(asyncio.wait_for(self._webhooks.drain(), timeout))
        return self.webhook_deliveries

    def transport(self) -> httpx.BaseTransport:
        """An in-process transport for ``httpx.Client``; responses stream chunk by chunk."""
        return EmulatorTransport(self)

    def async_transport(self) -> httpx.AsyncBaseTransport:
        """An in-process transport for ``httpx.AsyncClient``, from any event loop."""
        return EmulatorAsyncTransport(self)

    @contextlib.contextmanager
    def serve(
        self, port: int = 0, files_port: int = 0, host: str = "127.0.0.1"
    ) -> Generator[Server, None, None]:
        """Serve over HTTP/1.1 on loopback while the block runs (port 0 picks a free one)."""

        async def start() -> tuple[Listener, Listener]:
            api = await start_listener(self._app, API, host, port)
            files = await start_listener(self._app, FILES, host, files_port)
            return api, files

        api, files = self._loop.run(start())
        api_port, served_files_port = api.port, files.port
        previous = self._files_base_url
        server = Server(
            base_url=f"http://{host}:{api_port}/v1",
            files_url=f"http://{host}:{served_files_port}",
            port=api_port,
            files_port=served_files_port,
        )
        self._files_base_url = server.files_url
        try:
            yield server
        finally:
            self._files_base_url = previous

            async def stop() -> None:
                await api.close()
                await files.close()

            self._loop.run(stop())

    def close(self) -> None:
        """Stop the emulator's background loop (and cancel anything still running)."""
        self._loop.close(self._webhooks.aclose())

    def __enter__(self) -> Emulator:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Emulator models={len(self._store.models)} predictions={len(self._store.predictions)}>"
