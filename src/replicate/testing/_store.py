"""The emulator's in-memory state: predictions, trainings, files, deployments, collections."""

from __future__ import annotations

import asyncio
import itertools
import secrets
from dataclasses import dataclass, field
from typing import Any

from ._models import Model

__all__ = [
    "CollectionRecord",
    "DeploymentRecord",
    "FileRecord",
    "PredictionRecord",
    "SSEEvent",
    "Signal",
    "Store",
    "StoredFile",
    "TERMINAL_STATUSES",
    "new_id",
]

TERMINAL_STATUSES = frozenset({"succeeded", "failed", "canceled", "aborted"})

_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def new_id(length: int = 26) -> str:
    """A fresh lowercase id shaped like Replicate's (``"gm3qorzdhgbfurvjtvhg6dckhu"``)."""
    return "".join(secrets.choice(_ID_ALPHABET) for _ in range(length))


class Signal:
    """Wakes every waiter when something changed; cheaper than a Condition for many readers."""

    def __init__(self) -> None:
        self._waiters: list[asyncio.Future[None]] = []

    async def wait(self) -> None:
        """Return at the next ``notify``."""
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append(future)
        try:
            await future
        finally:
            if future in self._waiters:
                self._waiters.remove(future)

    def notify(self) -> None:
        """Wake everyone waiting now."""
        waiters, self._waiters = self._waiters, []
        for future in waiters:
            if not future.done():
                future.set_result(None)


@dataclass(frozen=True)
class SSEEvent:
    """One server-sent event of a prediction's stream; ``id`` is its position, from 1."""

    id: int
    event: str
    data: str


@dataclass
class PredictionRecord:
    """A prediction or training and everything that happened to it so far."""

    id: str
    kind: str  # "prediction" or "training"
    model: Model
    version: str
    input: dict[str, Any]
    created_at: float
    stream: bool
    api_base: str
    webhook: str | None = None
    webhook_events: frozenset[str] = frozenset({"start", "output", "logs", "completed"})
    deployment: str | None = None
    destination: str | None = None
    status: str = "starting"
    started_at: float | None = None
    completed_at: float | None = None
    output: Any = None
    logs: list[str] = field(default_factory=list[str])
    error: str | None = None
    deadline: float | None = None
    events: list[SSEEvent] = field(default_factory=list[SSEEvent])
    changed: Signal = field(default_factory=Signal)
    finished: asyncio.Event = field(default_factory=asyncio.Event)
    task: asyncio.Task[None] | None = None
    data_removed: bool = False
    example: bool = False
    output_file_ids: list[str] = field(default_factory=list[str])
    last_progress_webhook: float | None = None
    pending_progress_webhook: asyncio.Task[None] | None = None

    @property
    def done(self) -> bool:
        """Whether the status is terminal."""
        return self.status in TERMINAL_STATUSES

    def add_event(self, event: str, data: str) -> None:
        """Append an event to the stream and wake readers."""
        self.events.append(SSEEvent(len(self.events) + 1, event, data))
        self.changed.notify()


@dataclass
class StoredFile:
    """Bytes kept by the emulator, with what the Files API reports about them."""

    id: str
    content: bytes
    content_type: str
    filename: str
    sha256: str
    md5: str
    created_at: float


@dataclass
class FileRecord:
    """A file uploaded through ``POST /files``."""

    stored: StoredFile
    owner: str
    metadata: dict[str, Any]
    expires_at: float


@dataclass
class DeploymentRecord:
    """A deployment and its releases (the latest is current)."""

    owner: str
    name: str
    releases: list[dict[str, Any]]
    offline_since: float | None = None
    """When it last went down to no instances (``None`` while ``min_instances`` > 0)."""

    @property
    def current_release(self) -> dict[str, Any]:
        """The newest release."""
        return self.releases[-1]


@dataclass
class CollectionRecord:
    """A named group of models."""

    slug: str
    name: str
    description: str
    model_refs: list[str]


@dataclass
class Store:
    """Every record the emulator holds, keyed by id or reference."""

    models: dict[str, Model] = field(default_factory=dict[str, Model])
    trained_versions: dict[str, Model] = field(default_factory=dict[str, Model])
    predictions: dict[str, PredictionRecord] = field(default_factory=dict[str, PredictionRecord])
    trainings: dict[str, PredictionRecord] = field(default_factory=dict[str, PredictionRecord])
    files: dict[str, FileRecord] = field(default_factory=dict[str, FileRecord])
    output_files: dict[str, StoredFile] = field(default_factory=dict[str, StoredFile])
    deployments: dict[str, DeploymentRecord] = field(default_factory=dict[str, DeploymentRecord])
    collections: dict[str, CollectionRecord] = field(default_factory=dict[str, CollectionRecord])
    _sequence: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def next_sequence(self) -> int:
        """A number that grows with every call, to order records created at the same instant."""
        return next(self._sequence)

    def find_version(self, version_id: str) -> Model | None:
        """The model (or trained version) whose version id is ``version_id``."""
        trained = self.trained_versions.get(version_id)
        if trained is not None:
            return trained
        for model in self.models.values():
            if model.version_id == version_id and not model.official:
                return model
        return None
