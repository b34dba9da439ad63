"""``use()``: a model as an async function. Call it with the model's inputs, get its output.

Files in the output become :class:`AsyncFileOutput` objects (where the version's schema
says the output holds files, or everywhere when it does not say); iterator outputs of
text are joined into one string, or streamed item by item with ``streaming=True``.
Local files in the inputs are uploaded first, and file outputs of one model can be
passed straight to another.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping
from typing import TYPE_CHECKING, Any, Optional, cast

from .._core.output_schema import is_concatenate_iterator, output_schema, transform_schema_files
from .._core.refs import ModelRef, RefLike, resolve_ref
from .._exceptions import ModelError
from . import _waiting
from ._file_output import AsyncFileOutput
from ._objects import AsyncPrediction
from ._run import create_prediction
from .resources.models import AsyncModelsResource
from .resources.models_versions import AsyncModelsVersionsResource
from .resources.predictions import AsyncPredictionsResource

if TYPE_CHECKING:
    from ._base_client import AsyncBaseClient

__all__ = ["AsyncFunction", "AsyncOutputIterator", "AsyncRun", "get_path_url", "use"]


def get_path_url(path: object) -> Optional[str]:
    """The remote URL of a file output (``None`` for anything else)."""
    url = getattr(path, "url", None)
    return url if isinstance(url, str) else None


class AsyncOutputIterator:
    """A streaming model's output, item by item as the model produces it.

    ``async for item in iterator`` yields each new item; :meth:`collect` waits for
    all of them (joined into one string for text models).
    """

    def __init__(self, items: Callable[[], AsyncIterator[object]], *, concatenate: bool) -> None:
        self._items = items
        self._concatenate = concatenate

    def __aiter__(self) -> AsyncIterator[object]:
        return self._items()

    async def collect(self) -> object:
        """Every item, once the model has finished: a joined string for text, else a list."""
        items = [item async for item in self._items()]
        if self._concatenate:
            return "".join(str(item) for item in items)
        return items


class AsyncRun:
    """A prediction started by :meth:`AsyncFunction.create`, running in the background."""

    def __init__(
        self,
        client: AsyncBaseClient,
        prediction: AsyncPrediction,
        schema: Mapping[str, Any],
        *,
        streaming: bool,
    ) -> None:
        self._client = client
        self._prediction = prediction
        self._output_schema = output_schema(schema)
        self._streaming = streaming

    @property
    def id(self) -> str:
        """The prediction's id."""
        return self._prediction.id

    @property
    def prediction(self) -> AsyncPrediction:
        """The prediction as last fetched."""
        return self._prediction

    @property
    def status(self) -> str:
        """The prediction's status as last fetched."""
        return self._prediction.status

    async def reload(self) -> AsyncPrediction:
        """Fetch the prediction again."""
        self._prediction = await AsyncPredictionsResource(self._client).get(self._prediction.id)
        return self._prediction

    async def wait(self) -> AsyncPrediction:
        """Wait until the prediction has finished (whatever its outcome) and return it.

        Follows the prediction's event stream when it has one, else polls with backoff.
        """
        await _waiting.wait_for(self._prediction, deadline=_waiting.start_deadline(None))
        return self._prediction

    async def output(self) -> object:
        """The output, once the model has finished (with ``streaming``: an iterator, now).

        Raises:
            ModelError: the prediction failed; ``.prediction`` holds it, logs included.
        """
        if self._streaming:
            return AsyncOutputIterator(
                self._stream_items, concatenate=is_concatenate_iterator(self._output_schema)
            )
        prediction = await self.wait()
        if prediction.status == "failed":
            raise ModelError(prediction)
        output: object = prediction.output
        if is_concatenate_iterator(self._output_schema) and isinstance(output, list):
            return "".join(str(item) for item in cast("list[object]", output))
        return self._files(output)

    async def logs(self) -> Optional[str]:
        """The prediction's logs so far (fetched now)."""
        return (await self.reload()).logs

    async def _stream_items(self) -> AsyncIterator[object]:
        item_schema_files = not is_concatenate_iterator(self._output_schema)
        async for item in _waiting.iter_output_items(self._prediction):
            yield self._item_files(item) if item_schema_files else item

    def _make_file(self, url: str) -> object:
        return AsyncFileOutput(url, self._client)

    def _files(self, output: object) -> object:
        return transform_schema_files(output, self._output_schema, self._make_file)

    def _item_files(self, item: object) -> object:
        items: object = self._output_schema.get("items")
        item_schema: Mapping[str, Any] = (
            cast("Mapping[str, Any]", items) if isinstance(items, dict) else {}
        )
        return transform_schema_files(item, item_schema, self._make_file)


class AsyncFunction:
    """A model as an async function: ``await function(**inputs)`` runs it and returns its output.

    Example::

        flux = client.use("black-forest-labs/flux-schnell")
        [image] = await flux(prompt="a cat in a hat")
        await image.save("cat.png")
    """

    def __init__(self, client: AsyncBaseClient, ref: RefLike, *, streaming: bool = False) -> None:
        self._client = client
        self._ref: ModelRef = resolve_ref(ref)
        self._streaming = streaming
        self._target: Optional[tuple[str, dict[str, Any]]] = None

    @property
    def ref(self) -> str:
        """The model reference: ``owner/name`` or ``owner/name:version``."""
        return str(self._ref)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.ref!r}, streaming={self._streaming})"

    async def __call__(self, **inputs: Any) -> Any:
        """Run the model with ``inputs`` and return its output (see :meth:`AsyncRun.output`)."""
        run = await self.create(**inputs)
        # Created for this call: an interrupt while it runs cancels it.
        async with _waiting.cancel_on_interrupt(run.prediction):
            return await run.output()

    async def create(self, **inputs: Any) -> AsyncRun:
        """Start the model with ``inputs`` and return the run without waiting for it."""
        target, schema = await self._resolve()
        # The client uploads the local files in them as part of the create.
        prepared = await _plain_inputs(inputs)
        prediction = await create_prediction(self._client, target, prepared)
        return AsyncRun(self._client, prediction, schema, streaming=self._streaming)

    async def openapi_schema(self) -> dict[str, Any]:
        """The OpenAPI schema of the version that runs (``{}`` when the API shows none)."""
        return (await self._resolve())[1]

    async def _resolve(self) -> tuple[str, dict[str, Any]]:
        """``(the reference to run, the version's OpenAPI schema)``, looked up once.

        ``owner/name`` stays as it is for an official model (or one without versions);
        another model is pinned to the version that is latest now, so every call of
        this function runs the schema it was read with.
        """
        if self._target is None:
            self._target = await self._lookup()
        return self._target

    async def _lookup(self) -> tuple[str, dict[str, Any]]:
        ref = self._ref
        if ref.owner is None or ref.name is None:
            return str(ref), {}  # a bare version id: nothing to look its schema up by
        if ref.version is not None:
            version = await AsyncModelsVersionsResource(self._client).get(
                ref.owner, ref.name, ref.version
            )
            return str(ref), _schema_of(version.openapi_schema)
        model = await AsyncModelsResource(self._client).get(ref.owner, ref.name)
        latest = model.latest_version
        schema = _schema_of(latest.openapi_schema if latest is not None else None)
        latest_id = latest.id if latest is not None else None
        if model.is_official or not isinstance(latest_id, str):
            return str(ref), schema
        return f"{ref.owner}/{ref.name}:{latest_id}", schema


def _schema_of(value: object) -> dict[str, Any]:
    return dict(cast("dict[str, Any]", value)) if isinstance(value, dict) else {}


async def _plain_inputs(inputs: Mapping[str, Any]) -> dict[str, object]:
    """Inputs with streamed outputs of other functions collected into their values."""
    plain: dict[str, object] = {}
    for key, value in inputs.items():
        plain[key] = await value.collect() if isinstance(value, AsyncOutputIterator) else value
    return plain


def use(
    client: AsyncBaseClient,
    ref: RefLike,
    *,
    hint: Optional[Callable[..., Any]] = None,
    streaming: bool = False,
) -> AsyncFunction:
    """A model as an async function (``client.use(ref)``); see :class:`AsyncFunction`.

    ``ref`` is ``owner/name``, ``owner/name:version`` or a version id. ``hint`` is a
    function with the model's signature, for type checkers only. With ``streaming=True``
    the output is an :class:`AsyncOutputIterator` yielding items as they are produced.
    """
    del hint  # only informs type checkers
    return AsyncFunction(client, ref, streaming=streaming)
