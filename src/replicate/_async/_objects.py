"""API objects that remember the client they came from, so they can act on themselves.

The generated resources return these for predictions, trainings, models, versions,
deployments and collections, from gets and lists alike; the client binds each parsed
object to itself (``obj._bind(client)``) before handing it out, and with it the bound
objects inside (a collection's models, a model's latest version and default example).
Methods that fetch a newer state (``reload``, ``wait``, ``cancel``) update the object in
place, as in the 1.x client, so ``prediction.status`` is current afterwards.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Optional, TypeVar, Union, cast

import pydantic
from typing_extensions import Self

from .._core.progress import Progress, parse_progress
from .._core.refs import ModelRef
from .._core.sse import ServerSentEvent
from .._exceptions import ClientStateError, InvalidArgumentError
from .._legacy_args import completed_webhook, legacy_keywords
from .._twins import (
    AsyncModelVersionTwins,
    AsyncPredictionTwins,
    AsyncResourceTwins,
    AsyncTrainingTwins,
)
from .._types import NOT_GIVEN, FileEncodingStrategy, NotGiven, RequestOptions
from ..types import CollectionGetResponse as CollectionData
from ..types import Deployment as DeploymentData
from ..types import Model as ModelData
from ..types import ModelSearchResponse as ModelSearchData
from ..types import ModelSearchResponseResult as ModelSearchResultData
from ..types import ModelVersion as ModelVersionData
from ..types import Prediction as PredictionData
from ..types import SearchResponse as SearchData
from ..types import SearchResponseModel as SearchModelData
from ..types import Training as TrainingData
from . import _stream, _waiting
from ._response import AsyncAPIResponse

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .._primitives import AsyncPaginator
    from ._base_client import AsyncBaseClient
    from ._pagination import AsyncCursorURLPage

__all__ = [
    "AsyncCollection",
    "AsyncDeployment",
    "AsyncDeploymentPredictions",
    "AsyncModel",
    "AsyncModelSearchResponse",
    "AsyncModelSearchResult",
    "AsyncModelVersion",
    "AsyncModelVersions",
    "AsyncPrediction",
    "AsyncSearchResponse",
    "AsyncSearchResult",
    "AsyncTraining",
    "ProgressCallback",
    "copy_state",
    "rebind",
]

_ModelT = TypeVar("_ModelT", bound=pydantic.BaseModel)

ProgressCallback = _waiting.ProgressCallback


def copy_state(target: pydantic.BaseModel, source: pydantic.BaseModel) -> None:
    """Give ``target`` every field of ``source`` (known and unknown), keeping its client."""
    for key, value in source.__dict__.items():
        object.__setattr__(target, key, value)
    object.__setattr__(target, "__pydantic_extra__", dict(source.__pydantic_extra__ or {}))
    object.__setattr__(target, "__pydantic_fields_set__", set(source.model_fields_set))


def rebind(cls: type[_ModelT], source: pydantic.BaseModel, client: AsyncBaseClient) -> _ModelT:
    """``source`` as an instance of the bound class ``cls``, bound to ``client``.

    Under ``with_raw_response`` the method got a response, not a model: the rebinding
    then happens when the response is parsed.
    """
    if isinstance(source, AsyncAPIResponse):
        response = cast("AsyncAPIResponse[pydantic.BaseModel]", source)
        return cast(_ModelT, response.mapped(lambda parsed: rebind(cls, parsed, client)))
    target = cls.model_construct()
    copy_state(target, source)
    for name in getattr(cls, "_bound_children", ()):
        object.__setattr__(target, name, _in_world_of(cls, getattr(target, name, None), client))
    bind = getattr(target, "_bind", None)
    if callable(bind):
        bind(client)
    return target


def _in_world_of(cls: type, value: object, client: AsyncBaseClient) -> object:
    """``value`` (a bound child of an object being rebound) as a class of ``cls``'s module.

    An async model copied for the sync client (or the reverse) holds async children; each
    becomes its counterpart (``AsyncModelVersion`` and ``ModelVersion``) in ``cls``'s world.
    """
    if isinstance(value, list):
        return [_in_world_of(cls, item, client) for item in cast("list[object]", value)]
    if not isinstance(value, pydantic.BaseModel) or type(value).__module__ == cls.__module__:
        return value
    module = sys.modules[cls.__module__]
    prefix, name = "Async", type(value).__name__
    in_async_world = cls.__module__.split(".")[1] == "_async"
    if in_async_world and not name.startswith(prefix):
        name = prefix + name
    elif not in_async_world and name.startswith(prefix):
        name = name[len(prefix) :]
    counterpart = getattr(module, name, None)
    if not isinstance(counterpart, type) or not issubclass(counterpart, pydantic.BaseModel):
        return value
    return rebind(counterpart, value, client)


def _unbound(kind: str) -> ClientStateError:
    return ClientStateError(
        f"This {kind} is not attached to a client; get it from a client "
        f"(e.g. client.{kind}s.get(id)) to call methods on it"
    )


class _Bound(pydantic.BaseModel):
    """Holds the client an object came from.

    The client lives in pydantic's private storage, put there by ``_bind``, instead of
    being declared as a private attribute: a declared one makes pydantic set up private
    storage for every instance it validates, which costs more than validating a small
    object, and list pages validate a hundred at a time.
    """

    _bound_children: ClassVar[tuple[str, ...]] = ()
    """Fields holding bound objects (or lists of them), bound with this one."""

    @property
    def _client(self) -> Optional[AsyncBaseClient]:
        """The client this object came from, or ``None`` when it was built by hand."""
        private = self.__pydantic_private__
        if private is None:
            return None
        return cast("Optional[AsyncBaseClient]", private.get("_client"))

    def _bind(self, client: AsyncBaseClient) -> Self:
        """Remember ``client`` for later calls on this object; returns ``self``."""
        object.__setattr__(self, "__pydantic_private__", {"_client": client})
        for name in self._bound_children:
            _bind_nested(self.__dict__.get(name), client)
        return self

    def __getstate__(self) -> dict[Any, Any]:
        # Pickled without its client (a connection pool cannot travel): bind it again,
        # or read its fields, on the other side.
        state = super().__getstate__()
        state["__pydantic_private__"] = None
        return state

    def _require_client(self, kind: str) -> AsyncBaseClient:
        if self._client is None:
            raise _unbound(kind)
        return self._client


def _bind_nested(value: object, client: AsyncBaseClient) -> None:
    if isinstance(value, _Bound):
        value._bind(client)  # pyright: ignore[reportPrivateUsage]
    elif isinstance(value, list):
        for item in cast("list[object]", value):
            _bind_nested(item, client)


class AsyncPrediction(PredictionData, _Bound, AsyncPredictionTwins):
    """A prediction, bound to the client that fetched it.

    Example::

        prediction = await client.predictions.create(model="meta/meta-llama-3-8b-instruct",
                                                     input={"prompt": "hi"})
        await prediction.wait()
        print(prediction.status, prediction.output)
    """

    @property
    def progress(self) -> Optional[Progress]:
        """How far the model has got, read from the progress bar in its logs (if any)."""
        return parse_progress(self.logs)

    async def reload(self) -> None:
        """Fetch the prediction's current state into this object."""
        from .resources.predictions import AsyncPredictionsResource

        client = self._require_client("prediction")
        copy_state(self, await AsyncPredictionsResource(client).get(self.id))

    async def cancel(self) -> None:
        """Cancel the prediction on the server; this object shows the answer."""
        from .resources.predictions import AsyncPredictionsResource

        client = self._require_client("prediction")
        copy_state(self, await AsyncPredictionsResource(client).cancel(self.id))

    async def wait(
        self,
        *,
        timeout: Optional[float] = None,
        progress: Optional[ProgressCallback] = None,
    ) -> None:
        """Wait until the prediction succeeds, fails or is canceled; update this object.

        Waits on the prediction's event stream for its end when it has a stream URL
        (one request, told at once), then fetches the final state; otherwise, or when
        ``progress`` is given or the stream keeps failing, polls with backoff
        (``REPLICATE_POLL_INTERVAL`` fixes the interval). With
        ``timeout`` (seconds) the prediction is canceled on the server when it runs
        out, and :class:`~replicate.PredictionTimeoutError` raised. ``progress`` is
        called with each new :class:`~replicate.Progress` parsed from the logs. A
        failed prediction does not raise here: check ``status`` and ``error``.
        """
        await _waiting.wait_for(
            self, deadline=_waiting.start_deadline(timeout), timeout=timeout, progress=progress
        )

    def stream(self) -> AsyncIterator[ServerSentEvent]:
        """The prediction's server-sent events as they happen, until it is done.

        Each event's ``event`` is ``output``, ``logs`` or ``done``; ``str(event)`` is the
        text of an output event. A dropped connection is resumed without losing or
        repeating events. The prediction needs a stream URL, which the API gives to
        predictions of models that stream their output (language models).

        Raises:
            InvalidArgumentError: at once, before any request, when the prediction has
                no stream URL (also a ``ValueError``).
            ModelError: while iterating, the prediction failed (an ``error`` event);
                ``.prediction`` has its logs and error.

        Example::

            async for event in prediction.stream():
                print(str(event), end="")
        """
        client = self._require_client("prediction")
        url = _waiting.stream_url(self)
        if url is None:
            raise InvalidArgumentError(
                f"Prediction {self.id} has no stream URL: its model does not stream its "
                "output. Wait for it with prediction.wait() instead."
            )
        return _stream.iter_events(client, url, prediction=self)

    async def output_iterator(self) -> AsyncIterator[Any]:
        """The output's items as the model produces them (for models whose output is a list).

        Polls the prediction and yields each new item once; ends when the prediction is
        done.

        Raises:
            ModelError: the prediction failed.
        """
        async for item in _waiting.iter_output_items(self):
            yield item


class AsyncTraining(TrainingData, _Bound, AsyncTrainingTwins):
    """A training, bound to the client that fetched it."""

    destination: Optional[str] = None
    """The model (``owner/name``) the trained version goes to, when the API says (1.x)."""

    @property
    def progress(self) -> Optional[Progress]:
        """How far the training has got, read from the progress bar in its logs (if any)."""
        return parse_progress(self.logs)

    def _training_id(self) -> str:
        if not self.id:
            raise InvalidArgumentError("This training has no id")
        return self.id

    async def reload(self) -> None:
        """Fetch the training's current state into this object."""
        from .resources.trainings import AsyncTrainingsResource

        client = self._require_client("training")
        copy_state(self, await AsyncTrainingsResource(client).get(self._training_id()))

    async def cancel(self) -> None:
        """Cancel the training on the server; this object shows the answer."""
        from .resources.trainings import AsyncTrainingsResource

        client = self._require_client("training")
        copy_state(self, await AsyncTrainingsResource(client).cancel(self._training_id()))

    async def wait(
        self,
        *,
        timeout: Optional[float] = None,
        progress: Optional[ProgressCallback] = None,
    ) -> None:
        """Wait until the training succeeds, fails or is canceled; update this object.

        ``timeout`` and ``progress`` work as for :meth:`AsyncPrediction.wait`.
        """
        await _waiting.wait_for(
            self,
            deadline=_waiting.start_deadline(timeout),
            timeout=timeout,
            progress=progress,
            follow_stream=False,
        )


class AsyncModelVersion(ModelVersionData, _Bound, AsyncModelVersionTwins):
    """A model version, bound to the client that fetched it: ``await version.predict(...)``."""

    async def predict(self, **input: Any) -> Any:
        """Run this version with ``input`` as keyword arguments and return its output (1.x).

        Example::

            version = (await client.models.get("owner/name")).versions.get("5c7d...")
            output = await version.predict(prompt="an avocado armchair")
        """
        from ._run import run

        client = self._require_client("version")
        if not self.id:
            raise InvalidArgumentError("This version has no id to run")
        # A reference, not the bare id string: any id names a version, also one that is not hex.
        return await run(client, ModelRef(version=self.id), input)


class AsyncModelVersions(AsyncResourceTwins):
    """The versions of one model: ``model.versions.get(id)``, ``.list()`` and ``.delete(id)`` (1.x)."""

    def __init__(self, client: AsyncBaseClient, owner: str, name: str) -> None:
        self._client = client
        self._owner = owner
        self._name = name

    @legacy_keywords(id="version_id")
    async def get(self, version_id: str) -> AsyncModelVersion:
        """The version ``version_id`` of this model (``GET /models/{owner}/{name}/versions/{id}``)."""
        from .resources.models_versions import AsyncModelsVersionsResource

        return await AsyncModelsVersionsResource(self._client).get(
            self._owner, self._name, version_id
        )

    def list(self) -> AsyncPaginator[AsyncModelVersion, AsyncCursorURLPage[AsyncModelVersion]]:
        """The versions of this model, newest first (``GET /models/{owner}/{name}/versions``)."""
        from .resources.models_versions import AsyncModelsVersionsResource

        return AsyncModelsVersionsResource(self._client).list(self._owner, self._name)

    @legacy_keywords(id="version_id")
    async def delete(self, version_id: str) -> bool:
        """Delete the version ``version_id`` and its predictions; ``True`` once done (1.x).

        ``DELETE /models/{owner}/{name}/versions/{id}``; the API refuses versions of
        public models and versions others have run.

        Raises:
            APIStatusError: the API refused (e.g. ``NotFoundError``, ``ConflictError``).
        """
        from .resources.models_versions import AsyncModelsVersionsResource

        await AsyncModelsVersionsResource(self._client).delete(self._owner, self._name, version_id)
        return True


class _AsyncModelMethods(_Bound):
    """What every model object has, whichever list or get it came from (1.x)."""

    def _owner_and_name(self) -> tuple[str, str]:
        owner, name = getattr(self, "owner", None), getattr(self, "name", None)
        if not isinstance(owner, str) or not owner or not isinstance(name, str) or not name:
            raise InvalidArgumentError("This model has no owner/name to look its versions up by")
        return owner, name

    @property
    def id(self) -> str:
        """``owner/name`` (1.x)."""
        return "/".join(self._owner_and_name())

    @property
    def versions(self) -> AsyncModelVersions:
        """This model's versions: ``get(id)``, ``list()`` and ``delete(id)``."""
        client = self._require_client("model")
        owner, name = self._owner_and_name()
        return AsyncModelVersions(client, owner, name)


class AsyncModel(ModelData, _AsyncModelMethods):
    """A model, bound to the client that fetched it: ``model.versions.get(id)`` (1.x).

    The same from ``models.get``, ``models.list``, ``models.create``, a collection's
    ``models`` and ``search``; its ``latest_version`` and ``default_example`` are bound too.
    """

    _bound_children: ClassVar[tuple[str, ...]] = ("default_example", "latest_version")

    default_example: Optional[AsyncPrediction] = None  # pyright: ignore[reportIncompatibleVariableOverride]
    latest_version: Optional[AsyncModelVersion] = None  # pyright: ignore[reportIncompatibleVariableOverride]

    async def reload(self) -> None:
        """Fetch the model's current state into this object (``GET /models/{owner}/{name}``)."""
        from .resources.models import AsyncModelsResource

        client = self._require_client("model")
        copy_state(self, await AsyncModelsResource(client).get(self.id))


class AsyncModelSearchResult(ModelSearchResultData, _AsyncModelMethods):
    """A model found by ``models.search``: ``result.versions`` as on any model (1.x)."""


class AsyncModelSearchResponse(ModelSearchData, _Bound):
    """What ``models.search`` finds; each of ``results`` is bound like a model."""

    _bound_children: ClassVar[tuple[str, ...]] = ("results",)

    results: list[AsyncModelSearchResult]  # type: ignore[assignment]  # pyright: ignore[reportIncompatibleVariableOverride]

    def __len__(self) -> int:
        """How many models this page of results holds (1.x's page)."""
        return len(self.results)

    def __getitem__(self, index: int) -> AsyncModelSearchResult:
        """The result at ``index`` (1.x's page)."""
        return self.results[index]

    def __iter__(self) -> Iterator[AsyncModelSearchResult]:  # type: ignore[override]  # pyright: ignore[reportIncompatibleMethodOverride]
        """The models found, as iterating 1.x's page (and 2.x's) gave them."""
        return iter(self.results)


class AsyncCollection(CollectionData, _Bound):
    """A collection of models; each of its ``models`` is bound like one from ``models.get``."""

    _bound_children: ClassVar[tuple[str, ...]] = ("models",)

    models: list[AsyncModel]  # type: ignore[assignment]  # pyright: ignore[reportIncompatibleVariableOverride]


class AsyncSearchResult(SearchModelData, _Bound):
    """A model found by ``client.search``: its ``model`` is bound like one from ``models.get``."""

    _bound_children: ClassVar[tuple[str, ...]] = ("model",)

    model: AsyncModel  # pyright: ignore[reportIncompatibleVariableOverride]


class AsyncSearchResponse(SearchData, _Bound):
    """What ``client.search`` finds; each of ``models`` holds a bound model."""

    _bound_children: ClassVar[tuple[str, ...]] = ("models",)

    models: list[AsyncSearchResult]  # type: ignore[assignment]  # pyright: ignore[reportIncompatibleVariableOverride]


class AsyncDeploymentPredictions(AsyncResourceTwins):
    """``deployment.predictions``: start predictions on one deployment (1.x)."""

    def __init__(self, client: AsyncBaseClient, owner: str, name: str) -> None:
        self._client = client
        self._owner = owner
        self._name = name

    async def create(
        self,
        input: Optional[Mapping[str, object]] = None,
        *,
        stream: Union[bool, NotGiven] = NOT_GIVEN,
        webhook: Union[str, NotGiven] = NOT_GIVEN,
        webhook_events_filter: Union[
            list[Literal["start", "output", "logs", "completed"]], NotGiven
        ] = NOT_GIVEN,
        webhook_completed: Union[str, NotGiven] = NOT_GIVEN,
        wait: Union[bool, float, NotGiven] = NOT_GIVEN,
        prefer: Union[str, NotGiven] = NOT_GIVEN,
        cancel_after: Union[str, NotGiven] = NOT_GIVEN,
        file_encoding_strategy: FileEncodingStrategy = "url",
        **options: Unpack[RequestOptions],
    ) -> AsyncPrediction:
        """Start a prediction on this deployment (``POST /deployments/{owner}/{name}/predictions``).

        Arguments are those of ``client.deployments.predictions.create``; ``wait``
        holds the request up to 60 s (or that many seconds) for the output.

        Example::

            deployment = await client.deployments.get("acme/my-app")
            prediction = await deployment.predictions.create(input={"prompt": "hi"}, wait=True)
        """
        webhook, webhook_events_filter = completed_webhook(
            webhook, webhook_events_filter, webhook_completed
        )
        from .resources.deployments_predictions import AsyncDeploymentsPredictionsResource

        return await AsyncDeploymentsPredictionsResource(self._client).create(
            self._owner,
            self._name,
            input={} if input is None else input,
            stream=stream,
            webhook=webhook,
            webhook_events_filter=webhook_events_filter,
            wait=wait,
            prefer=prefer,
            cancel_after=cancel_after,
            file_encoding_strategy=file_encoding_strategy,
            **options,
        )


class AsyncDeployment(DeploymentData, _Bound):
    """A deployment, bound to the client that fetched it: ``deployment.predictions.create(...)``."""

    @property
    def id(self) -> str:
        """``owner/name`` (1.x)."""
        return f"{self.owner}/{self.name}"

    @property
    def predictions(self) -> AsyncDeploymentPredictions:
        """Predictions on this deployment: ``await deployment.predictions.create(input={...})``."""
        client = self._require_client("deployment")
        if not self.owner or not self.name:
            raise InvalidArgumentError("This deployment has no owner/name to run it by")
        return AsyncDeploymentPredictions(client, self.owner, self.name)
