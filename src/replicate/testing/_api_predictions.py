"""Handlers for predictions, trainings and deployment predictions, and their streams."""

from __future__ import annotations

import asyncio
import re
from datetime import datetime
from functools import partial
from typing import Any
from urllib.parse import urlsplit

from ._http import Problem, Request, Response, json_response
from ._models import Model, check_input
from ._pagination import paginate
from ._render import render_prediction
from ._routing import Router
from ._sse import sse_response
from ._state import State
from ._store import PredictionRecord, new_id
from ._webhooks import WEBHOOK_EVENTS

__all__ = ["parse_duration", "parse_prefer", "register_prediction_routes"]

_MAX_WAIT = 60.0
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)([hms]?)")
_PREFER = re.compile(r"wait(?:=(\d{1,2}))?")
# The fields each kind of create accepts; the API refuses any other.
_PREDICTION_FIELDS = frozenset({"input", "stream", "webhook", "webhook_events_filter"})
_VERSION_PREDICTION_FIELDS = _PREDICTION_FIELDS | {"version"}


def parse_prefer(value: str | None) -> float | None:
    """Seconds to hold a create request for ``Prefer: wait`` / ``wait=N``, or ``None``.

    The API accepts exactly ``wait`` or ``wait=N`` with ``N`` a whole number from 1 to 60;
    anything else is a 422 problem.
    """
    if value is None:
        return None
    match = _PREFER.fullmatch(value.strip())
    if match is None:
        raise Problem(
            422,
            "Invalid Prefer header",
            f"Prefer must be 'wait' or 'wait=N' with N a whole number of seconds from 1 to "
            f"{_MAX_WAIT:g}, got {value!r}.",
        )
    argument = match.group(1)
    if argument is None:
        return _MAX_WAIT
    seconds = int(argument)
    if not 1 <= seconds <= _MAX_WAIT:
        raise Problem(
            422, "Invalid Prefer header", f"wait must be from 1 to {_MAX_WAIT:g} seconds."
        )
    return float(seconds)


def parse_duration(value: str) -> float:
    """``"1h30m45s"``, ``"5m"``, ``"90"`` → seconds (at least 5), or a 422 problem."""
    text = value.strip().lower()
    position = 0
    total = 0.0
    for match in _DURATION_PART.finditer(text):
        if match.start() != position:
            break
        number, unit = float(match.group(1)), match.group(2) or "s"
        total += number * {"h": 3600, "m": 60, "s": 1}[unit]
        position = match.end()
    if not text or position != len(text):
        raise Problem(
            422,
            "Invalid Cancel-After header",
            f"{value!r} is not a duration like 30s, 5m or 1h30m.",
        )
    if total < 5:
        raise Problem(
            422, "Invalid Cancel-After header", "Cancel-After must be at least 5 seconds."
        )
    return total


def _check_fields(body: dict[str, Any], allowed: frozenset[str]) -> None:
    unknown = sorted(set(body) - allowed)
    if unknown:
        raise Problem(
            422,
            "Invalid request body",
            f"Unknown fields: {', '.join(unknown)}; this operation takes "
            f"{', '.join(sorted(allowed))}.",
        )
    stream: Any = body.get("stream")
    if stream is not None and not isinstance(stream, bool):
        raise Problem(422, "Invalid stream", "stream must be true or false.")


def _webhook_settings(body: dict[str, Any]) -> tuple[str | None, frozenset[str]]:
    webhook: Any = body.get("webhook")
    if webhook is not None:
        parts = urlsplit(webhook) if isinstance(webhook, str) else None
        if parts is None or parts.scheme != "https" or not parts.hostname:
            raise Problem(422, "Invalid webhook", "webhook must be an https:// URL.")
    events: Any = body.get("webhook_events_filter")
    if events is None:
        return webhook, WEBHOOK_EVENTS
    if not isinstance(events, list) or not all(e in WEBHOOK_EVENTS for e in events):  # pyright: ignore[reportUnknownVariableType]
        raise Problem(
            422,
            "Invalid webhook_events_filter",
            f"webhook_events_filter must list events from {sorted(WEBHOOK_EVENTS)}.",
        )
    return webhook, frozenset(str(e) for e in events)  # pyright: ignore[reportUnknownArgumentType, reportUnknownVariableType]


def _input_of(body: dict[str, Any], function: Any) -> dict[str, Any]:
    value: Any = body.get("input")
    if not isinstance(value, dict):
        raise Problem(422, "Invalid input", "input is required and must be a JSON object.")
    values: dict[str, Any] = dict(value)  # pyright: ignore[reportUnknownArgumentType]
    reason = check_input(function, values)
    if reason is not None:
        raise Problem(422, "Invalid input", f"The input does not fit the model: {reason}.")
    return values


async def _hold(state: State, record: PredictionRecord, seconds: float) -> None:
    """Wait on the clock up to ``seconds``, returning as soon as ``record`` finishes."""
    deadline = state.clock.now() + seconds
    if record.done:
        return
    finished = asyncio.ensure_future(record.finished.wait())
    timer = asyncio.ensure_future(state.clock.sleep_until(deadline))
    try:
        await asyncio.wait({finished, timer}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        finished.cancel()
        timer.cancel()


async def _start(
    state: State,
    request: Request,
    body: dict[str, Any],
    model: Model,
    version: str,
    deployment: str | None = None,
) -> Response:
    values = _input_of(body, model.function)
    webhook, events = _webhook_settings(body)
    wait = parse_prefer(request.header("prefer"))
    cancel_after = request.header("cancel-after")
    now = state.clock.now()
    record = PredictionRecord(
        id=new_id(),
        kind="prediction",
        model=model,
        version=version,
        input=values,
        created_at=now,
        # Per the API: a stream URL when the model streams; `stream: true` is deprecated.
        stream=model.streams,
        api_base=request.base_url,
        webhook=webhook,
        webhook_events=events,
        deployment=deployment,
        deadline=now + parse_duration(cancel_after) if cancel_after else None,
    )
    state.store.predictions[record.id] = record
    model.run_count += 1
    state.lifecycle.start(record)
    if wait is not None:
        await _hold(state, record, wait)
    status = 202 if wait is not None and not record.done else 201
    return json_response(status, render_prediction(record))


def _model_of(state: State, owner: str, name: str) -> Model:
    model = state.store.models.get(f"{owner}/{name}")
    if model is None:
        raise Problem(404, "Not found", f"The model {owner}/{name} does not exist.")
    return model


async def create_prediction(state: State, request: Request) -> Response:
    body = await request.json_object()
    _check_fields(body, _VERSION_PREDICTION_FIELDS)
    version: Any = body.get("version")
    if not isinstance(version, str) or not version:
        raise Problem(
            422, "Invalid version", "version is required: a version id, or owner/name:version."
        )
    ref, _, version_id = version.rpartition(":")
    if not version_id or "/" in version_id:
        # A bare model name runs only official models; every other model needs a version.
        model = state.store.models.get(version)
        if model is None or not model.official:
            raise _invalid_version(version)
        return await _start(state, request, body, model, "hidden")
    versioned = state.store.find_version(version_id)
    if versioned is None or (ref and ref != versioned.ref):
        raise _invalid_version(version)
    return await _start(state, request, body, versioned, version_id)


def _invalid_version(version: str) -> Problem:
    return Problem(
        422,
        "Invalid version or not permitted",
        f"No version {version!r} you may run: give a version id (or owner/name:version_id); "
        "a bare owner/name runs only official models.",
    )


async def create_model_prediction(state: State, request: Request) -> Response:
    params = request.path_params
    model = state.store.models.get(f"{params['model_owner']}/{params['model_name']}")
    if model is None or not model.official:
        # Only official models are served here; the others are run by version.
        raise Problem(404, "Not found", "The requested resource could not be found.")
    body = await request.json_object()
    _check_fields(body, _PREDICTION_FIELDS)
    return await _start(state, request, body, model, "hidden")


async def create_deployment_prediction(state: State, request: Request) -> Response:
    params = request.path_params
    key = f"{params['deployment_owner']}/{params['deployment_name']}"
    deployment = state.store.deployments.get(key)
    if deployment is None:
        raise Problem(404, "Not found", f"The deployment {key} does not exist.")
    release = deployment.current_release
    model = state.store.find_version(release["version"]) or state.store.models.get(release["model"])
    if model is None:
        raise Problem(
            422, "Invalid deployment", f"The deployment's version {release['version']} is gone."
        )
    body = await request.json_object()
    _check_fields(body, _PREDICTION_FIELDS)
    return await _start(state, request, body, model, release["version"], deployment=key)


def _record(records: dict[str, PredictionRecord], record_id: str, kind: str) -> PredictionRecord:
    record = records.get(record_id)
    if record is None:
        raise Problem(404, "Not found", f"The {kind} {record_id} does not exist.")
    return record


async def get_prediction(state: State, request: Request) -> Response:
    record = _record(state.store.predictions, request.path_params["prediction_id"], "prediction")
    return json_response(200, render_prediction(state.lifecycle.expire_data(record)))


async def cancel_prediction(state: State, request: Request) -> Response:
    record = _record(state.store.predictions, request.path_params["prediction_id"], "prediction")
    state.lifecycle.cancel(record)
    return json_response(200, render_prediction(state.lifecycle.expire_data(record)))


async def stream_prediction(state: State, request: Request) -> Response:
    record = _record(state.store.predictions, request.path_params["prediction_id"], "prediction")
    if not record.stream:
        raise Problem(
            404, "Not found", f"The prediction {record.id} was not created with stream: true."
        )
    return sse_response(record, request.header("last-event-id"))


def _timestamp(request: Request, name: str) -> float | None:
    value = request.query.get(name)
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
    except ValueError:
        raise Problem(
            400, f"Invalid {name}", f"{name} must be an ISO 8601 date-time, got {value!r}."
        ) from None


async def list_predictions(state: State, request: Request) -> Response:
    after, before = _timestamp(request, "created_after"), _timestamp(request, "created_before")
    source = request.query.get("source")
    if source is not None and source != "web":
        raise Problem(400, "Invalid source", f"source can only be 'web', got {source!r}.")
    records = [
        state.lifecycle.expire_data(record)
        for record in reversed(state.store.predictions.values())
        # Every prediction here came through the API: none match source=web.
        if source is None
        and (after is None or record.created_at >= after)
        and (before is None or record.created_at < before)
    ]
    return json_response(200, paginate(request, records, state.page_size, render_prediction))


async def create_training(state: State, request: Request) -> Response:
    params = request.path_params
    model = _model_of(state, params["model_owner"], params["model_name"])
    version_id = params["version_id"]
    version = state.store.find_version(version_id)
    if version is None or version.ref != model.ref:
        raise Problem(404, "Not found", f"The version {version_id} of {model.ref} does not exist.")
    if version.trainer is None:
        raise Problem(422, "Not trainable", f"{model.ref} cannot be trained.")
    body = await request.json_object()
    destination: Any = body.get("destination")
    if not isinstance(destination, str) or destination.count("/") != 1:
        raise Problem(
            422,
            "Invalid destination",
            "destination is required, as owner/name of an existing model.",
        )
    if destination not in state.store.models:
        raise Problem(
            404,
            "Not found",
            f"The destination model {destination} does not exist; create it first.",
        )
    if destination.split("/", 1)[0] != state.username:
        raise Problem(
            403,
            "Forbidden",
            f"You can only train into models you own; {destination} is not owned by "
            f"{state.username}.",
        )
    values = _input_of(body, version.trainer)
    webhook, events = _webhook_settings(body)
    record = PredictionRecord(
        id=new_id(),
        kind="training",
        model=version,
        version=version_id,
        input=values,
        created_at=state.clock.now(),
        stream=False,
        api_base=request.base_url,
        webhook=webhook,
        webhook_events=events,
        destination=destination,
    )
    state.store.trainings[record.id] = record
    state.lifecycle.start(record)
    return json_response(201, render_prediction(record))


async def get_training(state: State, request: Request) -> Response:
    record = _record(state.store.trainings, request.path_params["training_id"], "training")
    return json_response(200, render_prediction(record))


async def cancel_training(state: State, request: Request) -> Response:
    record = _record(state.store.trainings, request.path_params["training_id"], "training")
    state.lifecycle.cancel(record)
    return json_response(200, render_prediction(record))


async def list_trainings(state: State, request: Request) -> Response:
    records = list(reversed(state.store.trainings.values()))
    return json_response(200, paginate(request, records, state.page_size, render_prediction))


def register_prediction_routes(router: Router, state: State) -> None:
    """Add the prediction, training and deployment-prediction operations to ``router``."""
    routes = [
        ("predictions.create", "POST", "/predictions", create_prediction),
        ("predictions.list", "GET", "/predictions", list_predictions),
        ("predictions.get", "GET", "/predictions/{prediction_id}", get_prediction),
        ("predictions.cancel", "POST", "/predictions/{prediction_id}/cancel", cancel_prediction),
        ("predictions.stream", "GET", "/predictions/{prediction_id}/stream", stream_prediction),
        (
            "models.predictions.create",
            "POST",
            "/models/{model_owner}/{model_name}/predictions",
            create_model_prediction,
        ),
        (
            "deployments.predictions.create",
            "POST",
            "/deployments/{deployment_owner}/{deployment_name}/predictions",
            create_deployment_prediction,
        ),
        (
            "trainings.create",
            "POST",
            "/models/{model_owner}/{model_name}/versions/{version_id}/trainings",
            create_training,
        ),
        ("trainings.list", "GET", "/trainings", list_trainings),
        ("trainings.get", "GET", "/trainings/{training_id}", get_training),
        ("trainings.cancel", "POST", "/trainings/{training_id}/cancel", cancel_training),
    ]
    for operation_id, method, template, handler in routes:
        router.add(operation_id, method, template, partial(handler, state))
