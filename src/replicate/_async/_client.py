"""``AsyncReplicate``: the public client class."""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Callable, Mapping
from typing import TYPE_CHECKING, Any, Literal, Optional, Union, overload

from typing_extensions import Unpack

from .._core.progress import Progress
from .._core.refs import RefLike
from .._core.sse import ServerSentEvent
from .._twins import AsyncClientTwins
from .._types import NOT_GIVEN, FileEncodingStrategy, NotGiven
from . import _run
from .resources import AsyncAPIResources

if TYPE_CHECKING:
    from .._twins import AwaitableFunction
    from ._accounts import AsyncAccounts
    from ._deployments import AsyncDeployments
    from ._files import AsyncFiles
    from ._models import AsyncModels
    from ._predictions import AsyncPredictions
    from ._run import DeploymentRef, ModelRefArg, RunOptions, WebhookEvent
    from ._trainings import AsyncTrainings
    from ._use import AsyncFunction
    from ._webhooks import AsyncWebhooks

__all__ = ["AsyncClient", "AsyncReplicate"]


class AsyncReplicate(AsyncAPIResources, AsyncClientTwins):
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
        *,
        deployment: Optional[DeploymentRef] = None,
        wait: Union[bool, float] = True,
        timeout: Optional[float] = None,
        progress: Union[Callable[[Progress], object], bool, None] = None,
        use_file_output: bool = True,
        file_encoding_strategy: Optional[FileEncodingStrategy] = None,
        stream: Union[bool, NotGiven] = NOT_GIVEN,
        webhook: Union[str, NotGiven] = NOT_GIVEN,
        webhook_events_filter: Union[list[WebhookEvent], NotGiven] = NOT_GIVEN,
        **options: Unpack[RunOptions],
    ) -> Any:
        """Run a model and return its output once the prediction has finished.

        ``ref`` is ``owner/name`` (an official model or a model's latest version),
        ``owner/name:version``, a 64-character version id, or a model, version or
        deployment object; or pass ``deployment="owner/name"``. ``input`` is a dict of
        the model's inputs (positional, as in 1.x, or ``input=``); local files in it
        are uploaded (``file_encoding_strategy="base64"`` inlines them instead).

        The API holds the request while the prediction runs (``wait=True``: up to 60
        s; a number: that many seconds; ``False``: not at all); a prediction still
        running after that is polled with backoff until it finishes. ``timeout``
        (seconds) bounds the whole run: when it runs out the prediction is canceled and
        :class:`~replicate.PredictionTimeoutError` raised. ``progress`` is called with
        each :class:`~replicate.Progress` read from the logs (``True`` draws a bar on
        standard error).

        File URLs in the output become :class:`~replicate.AsyncFileOutput` objects
        unless ``use_file_output=False``. A model that streams its output (a language
        model) returns the list of its pieces: ``"".join(output)`` is the text. To get
        the whole prediction (id, logs, metrics) use ``client.predictions.run``, which
        takes the same arguments.

        Raises:
            ModelError: the prediction failed; ``error.prediction`` has its logs and error.
            PredictionTimeoutError: ``timeout`` ran out.

        Example::

            images = await client.run("black-forest-labs/flux-schnell", {"prompt": "a cat"})
            await images[0].save("cat.png")
        """
        return await _run.run(
            self,
            ref,
            input,
            deployment=deployment,
            wait=wait,
            timeout=timeout,
            progress=progress,
            use_file_output=use_file_output,
            file_encoding_strategy=file_encoding_strategy,
            stream=stream,
            webhook=webhook,
            webhook_events_filter=webhook_events_filter,
            **options,
        )

    def stream(
        self,
        ref: Optional[ModelRefArg] = None,
        input: Optional[Mapping[str, object]] = None,
        *,
        deployment: Optional[DeploymentRef] = None,
        file_encoding_strategy: Optional[FileEncodingStrategy] = None,
        webhook: Union[str, NotGiven] = NOT_GIVEN,
        webhook_events_filter: Union[list[WebhookEvent], NotGiven] = NOT_GIVEN,
        **options: Unpack[RunOptions],
    ) -> AsyncIterator[ServerSentEvent]:
        """Run a model and yield its server-sent events as they happen.

        Events are ``output`` (``str(event)`` is the text), ``logs`` and finally
        ``done``. A dropped connection is resumed where it left off. References and
        input are as for :meth:`run`.

        Raises:
            ModelError: the prediction failed.

        Example::

            async for event in client.stream("meta/meta-llama-3-8b-instruct",
                                             input={"prompt": "Write a haiku"}):
                print(str(event), end="")
        """
        return _run.stream(
            self,
            ref,
            input,
            deployment=deployment,
            file_encoding_strategy=file_encoding_strategy,
            webhook=webhook,
            webhook_events_filter=webhook_events_filter,
            **options,
        )

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


AsyncClient = AsyncReplicate
"""The 1.x name of the client class."""
