"""``AsyncReplicate``: the public client class."""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Callable, Mapping
from typing import TYPE_CHECKING, Any, Literal, Optional, Union, overload

import httpx
from typing_extensions import Unpack

from .._core.config import DEFAULT_MAX_RETRIES
from .._core.refs import RefLike
from .._core.sse import ServerSentEvent
from .._twins import AsyncClientTwins
from .._types import NOT_GIVEN, NotGiven, Timeout
from . import _run
from .resources import AsyncAPIResources

if TYPE_CHECKING:
    from .._twins import AwaitableFunction
    from .._types import HttpxAsyncClient
    from ._accounts import AsyncAccounts
    from ._deployments import AsyncDeployments
    from ._files import AsyncFiles
    from ._models import AsyncModels
    from ._predictions import AsyncPredictions
    from ._run import ModelRefArg, RunParams, StreamParams
    from ._trainings import AsyncTrainings
    from ._use import AsyncFunction
    from ._webhooks import AsyncWebhooks

__all__ = ["AsyncClient", "AsyncReplicate"]


class AsyncReplicate(AsyncClientTwins, AsyncAPIResources):
    """The client for Replicate's API: every resource and operation.

    Arguments (all optional):

    - ``bearer_token``: the API token; defaults to ``REPLICATE_API_TOKEN`` (1.x name: ``api_token``).
    - ``base_url``: used as given, its path the prefix of every request path
      (``http://localhost:4010`` sends ``/predictions`` there); default
      ``REPLICATE_BASE_URL`` (an origin without a path gets ``/v1``), then
      ``https://api.replicate.com/v1``.
    - ``timeout``: seconds or an ``httpx.Timeout``; default 60 s (5 s to connect).
    - ``max_retries``: how often a failed request may be resent when that is safe; default 2.
    - ``default_headers`` (1.x name: ``headers``) and ``default_query``: sent with every request.
    - ``http_client``: an ``httpx.AsyncClient`` to send through (proxies, custom transports).

    Example::

        async with replicate.AsyncReplicate() as client:
            output = await client.run("replicate/hello-world", {"text": "you"})
    """

    @functools.cached_property
    def accounts(self) -> AsyncAccounts:
        """``client.accounts``: 1.x's ``accounts.current()``, the same as ``account.get()``."""
        from ._accounts import AsyncAccounts

        return AsyncAccounts(self)

    @functools.cached_property
    def deployments(self) -> AsyncDeployments:
        """``client.deployments``; ``deployments.predictions.create`` takes 1.x's ``deployment=``."""
        from ._deployments import AsyncDeployments

        return AsyncDeployments(self)

    @functools.cached_property
    def files(self) -> AsyncFiles:
        """``client.files``."""
        from ._files import AsyncFiles

        return AsyncFiles(self)

    @functools.cached_property
    def models(self) -> AsyncModels:
        """``client.models``."""
        from ._models import AsyncModels

        return AsyncModels(self)

    @functools.cached_property
    def predictions(self) -> AsyncPredictions:
        """``client.predictions``."""
        from ._predictions import AsyncPredictions

        return AsyncPredictions(self)

    @functools.cached_property
    def trainings(self) -> AsyncTrainings:
        """``client.trainings``."""
        from ._trainings import AsyncTrainings

        return AsyncTrainings(self)

    @functools.cached_property
    def webhooks(self) -> AsyncWebhooks:
        """``client.webhooks``, with ``verify`` and ``validate`` for received webhooks."""
        from ._webhooks import AsyncWebhooks

        return AsyncWebhooks(self)

    async def run(
        self,
        ref: Optional[ModelRefArg] = None,
        input: Optional[Mapping[str, object]] = None,
        **params: Unpack[RunParams],
    ) -> Any:
        """Run a model and return its output once the prediction has finished.

        ``ref`` is ``owner/name`` (an official model or a model's latest version),
        ``owner/name:version``, a 64-character version id, or a model, version or
        deployment object; or pass ``deployment="owner/name"``. ``input`` is a dict of
        the model's inputs (positional, as in 1.x, or ``input=``); local files in it
        are uploaded (``file_encoding_strategy="base64"`` inlines them instead).

        The API holds the request while the prediction runs (``wait=True``: up to 60
        s; a number: that many seconds; ``False``: not at all); a prediction still
        running after that is followed on its event stream (or polled with backoff
        when it has none) until it finishes. ``timeout``
        (seconds) bounds the whole run: when it runs out the prediction is canceled and
        :class:`~replicate.PredictionTimeoutError` raised. ``progress`` is called with
        each :class:`~replicate.Progress` read from the logs as the model runs (``True``
        draws a bar on standard error); the create is then held for one second only.
        An interrupt (Ctrl-C, or cancelling the task) while the prediction runs cancels
        it on the server (best effort, about two seconds) before it goes on; not during
        the create's hold, before the API has given the prediction's id (pass a short
        ``wait`` where that matters).

        File URLs in the output become :class:`~replicate.AsyncFileOutput` objects
        unless ``use_file_output=False``. A model that streams its output (a language
        model) returns the list of its pieces: ``"".join(output)`` is the text. To get
        the whole prediction (id, logs, metrics) use ``client.predictions.run``, which
        takes the same arguments.

        Keyword arguments: ``deployment``, ``wait``, ``timeout``, ``progress``,
        ``use_file_output``, ``file_encoding_strategy``, ``stream``, ``webhook``,
        ``webhook_events_filter``, ``extra_headers``, ``extra_query``, ``extra_body``
        (see :class:`replicate._async._run.RunParams`).

        Raises:
            ArgumentTypeError: an unknown keyword argument (the message names the
                closest one); also a ``TypeError``.
            InvalidArgumentError: a malformed reference or input; also a ``ValueError``.
            ModelError: the prediction failed; ``error.prediction`` has its logs and error.
            PredictionTimeoutError: ``timeout`` ran out.

        Example::

            images = await client.run("black-forest-labs/flux-schnell", {"prompt": "a cat"})
            await images[0].save("cat.png")
        """
        return await _run.run(self, ref, input, **params)

    def stream(
        self,
        ref: Optional[ModelRefArg] = None,
        input: Optional[Mapping[str, object]] = None,
        **params: Unpack[StreamParams],
    ) -> AsyncIterator[ServerSentEvent]:
        """Run a model and yield its server-sent events as they happen.

        Events are ``output`` (``str(event)`` is the text), ``logs`` and finally
        ``done``. A dropped connection is resumed where it left off. References and
        input are as for :meth:`run`; keyword arguments: ``deployment``,
        ``file_encoding_strategy``, ``webhook``, ``webhook_events_filter``,
        ``extra_headers``, ``extra_query``, ``extra_body``.

        The sync client creates the prediction when ``stream`` is called, so a bad
        reference raises there; async code creates it at the first iteration.

        Raises:
            ArgumentTypeError: at the call, an unknown keyword argument (a ``TypeError``).
            ReplicateError: the model cannot stream its output; the prediction started
                for it is canceled.
            ModelError: the prediction failed.

        Example::

            async for event in client.stream("meta/meta-llama-3-8b-instruct",
                                             input={"prompt": "Write a haiku"}):
                print(str(event), end="")
        """
        return _run.stream(self, ref, input, **params)

    @overload
    def use(
        self,
        ref: RefLike,
        *,
        hint: Optional[Callable[..., Any]] = None,
        streaming: bool = False,
        use_async: Literal[False] = False,
    ) -> AsyncFunction: ...

    @overload
    def use(
        self,
        ref: RefLike,
        *,
        hint: Optional[Callable[..., Any]] = None,
        streaming: bool = False,
        use_async: Literal[True],
    ) -> AwaitableFunction: ...

    def use(
        self,
        ref: RefLike,
        *,
        hint: Optional[Callable[..., Any]] = None,
        streaming: bool = False,
        use_async: bool = False,
    ) -> Union[AsyncFunction, AwaitableFunction]:
        """A model as a function of this client: ``client.use("owner/name")(prompt="...")``.

        ``use_async=True`` gives a function to await, also from the sync client.
        See :func:`replicate.use`.
        """
        if use_async:
            return self._awaitable_use(ref, streaming=streaming)
        from ._use import use

        return use(self, ref, hint=hint, streaming=streaming)


class AsyncClient(AsyncReplicate):
    """The client under its 1.x name and arguments, for code written for 1.x.

    ``AsyncClient(api_token=None, *, base_url=None, timeout=None, headers=None, **httpx_options)``
    (``Client`` on the sync side) takes what 1.x's ``Client`` took:

    - ``base_url`` is the API's origin, as in 1.x: ``/v1`` is added unless it ends so
      (``Replicate(base_url=...)`` uses its URL as given);
    - ``timeout=None`` means the default timeout;
    - any other keyword argument (``transport=``, ``proxy=``, ``verify=``, ``limits=``,
      ``mounts=``, ...) goes to the httpx client the SDK builds, and to the async one
      the sync client's ``async_*`` methods use.

    The 2.x arguments (``bearer_token``, ``max_retries``, ``http_client``, ...) work too.

    Example::

        client = replicate.Client(api_token="r8_...", headers={"X-App": "demo"}, proxy="http://proxy:3128")
    """

    def __init__(
        self,
        api_token: str | None = None,
        *,
        bearer_token: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        headers: Mapping[str, str] | None = None,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        http_client: httpx.AsyncClient | None = None,
        async_http_client: HttpxAsyncClient | None = None,
        _strict_response_validation: bool | None = None,
        _base_url_is_origin: bool = True,
        **httpx_options: Any,
    ) -> None:
        super().__init__(
            bearer_token,
            api_token=api_token,
            base_url=base_url,
            timeout=NOT_GIVEN if timeout is None else timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            headers=headers,
            default_query=default_query,
            http_client=http_client,
            async_http_client=async_http_client,
            _strict_response_validation=_strict_response_validation,
            _http_options=httpx_options,
            _base_url_is_origin=_base_url_is_origin,
        )
