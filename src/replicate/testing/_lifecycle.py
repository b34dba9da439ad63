"""Running predictions and trainings on the clock: starting → processing → a final status.

Each step appends to the record's server-sent-event log, wakes anyone waiting on the
record, and queues the webhooks its filter asks for.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from typing import Any, Callable

from ._clock import Clock
from ._models import Model, OutputFile, current_run, invoke
from ._render import render_prediction
from ._store import PredictionRecord, Store, StoredFile, new_id
from ._webhooks import WebhookSender

__all__ = ["DATA_LIFETIME", "PROGRESS_WEBHOOK_INTERVAL", "Lifecycle"]

DATA_LIFETIME = 3600.0
"""Seconds after it finishes that an API prediction keeps its input, output, logs and files."""

PROGRESS_WEBHOOK_INTERVAL = 0.5
"""At most one ``output`` or ``logs`` webhook per prediction in this many seconds."""


class _Run:
    """The :class:`RunContext` handed to a running model."""

    def __init__(self, lifecycle: Lifecycle, record: PredictionRecord) -> None:
        self._lifecycle = lifecycle
        self._record = record

    def log(self, line: str) -> None:
        self._lifecycle.append_log(self._record, line)

    async def sleep(self, seconds: float) -> None:
        clock = self._lifecycle.clock
        await clock.sleep_until(clock.now() + seconds)


class Lifecycle:
    """Starts, advances, finishes and cancels predictions and trainings."""

    def __init__(
        self,
        clock: Clock,
        store: Store,
        webhooks: WebhookSender,
        files_base_url: Callable[[], str],
    ) -> None:
        self.clock = clock
        self._store = store
        self._webhooks = webhooks
        self._files_base_url = files_base_url
        self._watchers: set[asyncio.Task[None]] = set()

    def start(self, record: PredictionRecord) -> None:
        """Begin running ``record`` in the background on the current event loop."""
        self._emit_webhook(record, "start")
        loop = asyncio.get_running_loop()
        record.task = loop.create_task(self._run(record))
        if record.deadline is not None:
            watcher = loop.create_task(self._enforce_deadline(record, record.deadline))
            self._watchers.add(watcher)
            watcher.add_done_callback(self._watchers.discard)

    def append_log(self, record: PredictionRecord, line: str) -> None:
        """Add a log line while the record runs."""
        if record.done:
            return
        record.logs.append(line)
        record.add_event("logs", line)
        self._emit_webhook(record, "logs")

    def cancel(self, record: PredictionRecord) -> None:
        """Cancel ``record`` unless it already finished."""
        if record.done:
            return
        if record.task is not None and record.task is not asyncio.current_task():
            record.task.cancel()
        self._finish(record, "canceled", None)

    def expire_data(self, record: PredictionRecord) -> PredictionRecord:
        """Remove the data of a prediction that finished more than an hour ago; return it.

        Its input, output and logs are emptied (the keys stay) and its output files are
        deleted from the files host.
        """
        if (
            record.data_removed
            or record.example
            or record.kind != "prediction"
            or record.completed_at is None
            or self.clock.now() < record.completed_at + DATA_LIFETIME
        ):
            return record
        record.data_removed = True
        record.input = {}
        record.output = None
        record.logs = []
        for file_id in record.output_file_ids:
            self._store.output_files.pop(file_id, None)
        record.output_file_ids = []
        return record

    async def _enforce_deadline(self, record: PredictionRecord, deadline: float) -> None:
        await self.clock.sleep_until(deadline)
        if record.done:
            return
        if record.status == "starting":
            # The deadline came before the model started: aborted, not canceled.
            if record.task is not None:
                record.task.cancel()
            self._finish(record, "aborted", None)
        else:
            self.cancel(record)

    async def _run(self, record: PredictionRecord) -> None:
        current_run().set(_Run(self, record))
        model = record.model
        try:
            if model.setup_seconds > 0:
                await self.clock.sleep_until(record.created_at + model.setup_seconds)
            record.status = "processing"
            record.started_at = self.clock.now()
            record.changed.notify()
            if record.kind == "training":
                record.output = self._train(record)
            else:
                await self._predict(record, model)
        except asyncio.CancelledError:
            return
        except Exception as exc:  # a failing model is a failed prediction, not an emulator error
            self._finish(record, "failed", str(exc) or type(exc).__name__)
            return
        self._finish(record, "succeeded", None)

    async def _predict(self, record: PredictionRecord, model: Model) -> None:
        values = {**model.defaults, **record.input}
        outputs: list[Any] = []
        async for streamed, item in invoke(model.function, values):
            value = self._materialise(item, record)
            if streamed:
                record.output = outputs
                outputs.append(value)
                record.add_event("output", value if isinstance(value, str) else json.dumps(value))
                self._emit_webhook(record, "output")
            else:
                record.output = value
                if value is not None:
                    record.add_event(
                        "output", value if isinstance(value, str) else json.dumps(value)
                    )
                    self._emit_webhook(record, "output")

    def _train(self, record: PredictionRecord) -> dict[str, Any]:
        base = record.model
        assert base.trainer is not None and record.destination is not None
        defaults = base.trainer(**record.input)
        owner, name = record.destination.split("/", 1)
        weights = OutputFile(json.dumps(defaults).encode(), "weights.json", "application/json")
        version_id = hashlib.sha256(f"{record.destination}:{record.id}".encode()).hexdigest()
        trained = Model(
            owner,
            name,
            base.function,
            version_id=version_id,
            description=base.description,
            defaults={**base.defaults, **dict(defaults or {})},
            created_at=self.clock.now(),
        )
        self._store.trained_versions[version_id] = trained
        destination = self._store.models.get(record.destination)
        if destination is not None:
            destination.function = base.function
            destination.defaults = trained.defaults
            destination.version_id = version_id
            destination.has_version = True
            destination.created_at = trained.created_at
        return {"version": version_id, "weights": self._materialise(weights, None)}

    def _materialise(self, value: Any, record: PredictionRecord | None) -> Any:
        """Replace output files with URLs on the files host, storing their bytes."""
        if isinstance(value, OutputFile):
            file_id = new_id()
            if record is not None:
                record.output_file_ids.append(file_id)
            self._store.output_files[file_id] = StoredFile(
                id=file_id,
                content=value.content,
                content_type=value.content_type,
                filename=value.filename,
                sha256=hashlib.sha256(value.content).hexdigest(),
                md5=hashlib.md5(value.content).hexdigest(),
                created_at=self.clock.now(),
            )
            return f"{self._files_base_url()}/{file_id}/{value.filename}"
        if isinstance(value, (list, tuple)):
            return [self._materialise(item, record) for item in value]  # pyright: ignore[reportUnknownVariableType]
        if isinstance(value, dict):
            return {key: self._materialise(item, record) for key, item in value.items()}  # pyright: ignore[reportUnknownVariableType]
        return value

    def _finish(self, record: PredictionRecord, status: str, error: str | None) -> None:
        record.status = status
        record.error = error
        record.completed_at = self.clock.now()
        if record.started_at is None and status not in ("canceled", "aborted"):
            record.started_at = record.completed_at
        if error is not None:
            record.add_event("error", json.dumps({"detail": error}))
        record.add_event(
            "done", json.dumps({"reason": status}) if status in ("canceled", "aborted") else "{}"
        )
        self._emit_webhook(record, "completed")
        record.changed.notify()
        record.finished.set()

    def _emit_webhook(self, record: PredictionRecord, event: str) -> None:
        if record.webhook is None or event not in record.webhook_events:
            return
        if event not in ("output", "logs"):
            # start and completed are never held back; a held progress update is superseded.
            if record.pending_progress_webhook is not None:
                record.pending_progress_webhook.cancel()
                record.pending_progress_webhook = None
            self._webhooks.send(record.webhook, event, render_prediction(record))
            return
        now = self.clock.now()
        last = record.last_progress_webhook
        if last is None or now >= last + PROGRESS_WEBHOOK_INTERVAL:
            record.last_progress_webhook = now
            self._webhooks.send(record.webhook, event, render_prediction(record))
        elif record.pending_progress_webhook is None:
            # Throttled: one webhook at the end of the interval carries the state by then.
            record.pending_progress_webhook = asyncio.get_running_loop().create_task(
                self._send_held_progress(record, event, last + PROGRESS_WEBHOOK_INTERVAL)
            )

    async def _send_held_progress(self, record: PredictionRecord, event: str, due: float) -> None:
        await self.clock.sleep_until(due)
        record.pending_progress_webhook = None
        if record.webhook is not None and not record.done:
            record.last_progress_webhook = self.clock.now()
            self._webhooks.send(record.webhook, event, render_prediction(record))
