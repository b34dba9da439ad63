"""Handlers for models, versions, collections, search, deployments, hardware and the account."""

from __future__ import annotations

from functools import partial
from typing import Any

from ._http import Problem, Request, Response, json_response
from ._models import Model
from ._pagination import paginate
from ._render import (
    iso,
    render_collection,
    render_deployment,
    render_model,
    render_prediction,
    render_version,
)
from ._routing import Router
from ._state import State
from ._store import DeploymentRecord, PredictionRecord

__all__ = ["HARDWARE", "MODELS_PER_ACCOUNT", "register_catalog_routes"]

MODELS_PER_ACCOUNT = 1000
"""How many models one account may own."""

DEPLOYMENT_IDLE_BEFORE_DELETE = 15 * 60.0
"""Seconds a deployment must have been offline and unused before it can be deleted."""

_URL_FIELDS = ("github_url", "paper_url", "license_url", "cover_image_url")
_UPDATABLE_FIELDS = (
    "description",
    "readme",
    "github_url",
    "paper_url",
    "weights_url",
    "license_url",
)

HARDWARE = [
    {"name": "CPU", "sku": "cpu"},
    {"name": "Nvidia T4 GPU", "sku": "gpu-t4"},
    {"name": "Nvidia A40 GPU", "sku": "gpu-a40-small"},
    {"name": "Nvidia A40 (Large) GPU", "sku": "gpu-a40-large"},
    {"name": "Nvidia L40S GPU", "sku": "gpu-l40s"},
    {"name": "Nvidia A100 (80GB) GPU", "sku": "gpu-a100-large"},
    {"name": "Nvidia H100 GPU", "sku": "gpu-h100"},
]


def _unversioned(**_: Any) -> Any:
    raise RuntimeError("this model has no version to run yet")


def _versions(state: State, model: Model) -> list[Model]:
    """The model's versions, newest first."""
    found: dict[str, Model] = {}
    for version in state.store.trained_versions.values():
        if version.ref == model.ref:
            found[version.version_id] = version
    if model.has_version and not model.official:
        found.setdefault(model.version_id, model)
    return sorted(found.values(), key=lambda v: v.created_at, reverse=True)


def _latest_version(state: State, model: Model) -> Model | None:
    if model.official:
        # Official models show the version behind them, though they run by name only.
        return model
    versions = _versions(state, model)
    return versions[0] if versions else None


def _examples(state: State, model: Model) -> list[PredictionRecord]:
    found = (state.store.predictions.get(i) for i in model.example_ids)
    return [record for record in found if record is not None]


def _model_json(state: State, model: Model) -> dict[str, Any]:
    examples = _examples(state, model)
    default = render_prediction(examples[0]) if examples else None
    return render_model(model, _latest_version(state, model), default)


def _visible(state: State, model: Model) -> bool:
    """Public models, and private ones the account owns."""
    return model.visibility == "public" or model.owner == state.username


def _model(state: State, request: Request) -> Model:
    ref = f"{request.path_params['model_owner']}/{request.path_params['model_name']}"
    model = state.store.models.get(ref)
    if model is None or not _visible(state, model):
        raise Problem(404, "Not found", f"The model {ref} does not exist.")
    return model


def _owned_model(state: State, request: Request, action: str) -> Model:
    model = _model(state, request)
    if model.owner != state.username:
        raise Problem(
            403, "Forbidden", f"You can only {action} models you own; {model.ref} is not yours."
        )
    return model


def _hardware(value: Any) -> None:
    if value not in {h["sku"] for h in HARDWARE}:
        skus = ", ".join(h["sku"] for h in HARDWARE)
        raise Problem(422, "Invalid hardware", f"hardware must be one of {skus}; got {value!r}.")


def _optional_strings(body: dict[str, Any], names: tuple[str, ...]) -> None:
    wrong = [name for name in names if name in body and not isinstance(body[name], str)]
    if wrong:
        raise Problem(
            422, "Invalid request body", f"These fields must be strings: {', '.join(wrong)}."
        )


def _required_strings(body: dict[str, Any], names: list[str]) -> None:
    missing = [name for name in names if not isinstance(body.get(name), str) or not body[name]]
    if missing:
        raise Problem(
            422, "Invalid request body", f"Missing or invalid fields: {', '.join(missing)}."
        )


async def get_account(state: State, request: Request) -> Response:
    return json_response(200, state.account())


async def list_models(state: State, request: Request) -> Response:
    models = [m for m in state.store.models.values() if m.visibility == "public"]
    direction = request.query.get("sort_direction", "desc")
    if direction not in ("asc", "desc"):
        raise Problem(400, "Invalid sort_direction", "sort_direction must be asc or desc.")
    sort_by = request.query.get("sort_by", "latest_version_created_at")
    if sort_by == "model_created_at":
        models.sort(key=lambda m: (m.created_at, m.ref), reverse=direction == "desc")
    elif sort_by == "latest_version_created_at":
        # Models without a version sort after every model with one, in either direction.
        def version_time(model: Model) -> tuple[bool, float, str]:
            latest = _latest_version(state, model)
            if latest is None:
                return (direction == "desc", 0.0, model.ref)
            return (direction != "desc", latest.created_at, model.ref)

        models.sort(key=version_time, reverse=direction == "desc")
    else:
        raise Problem(
            400,
            "Invalid sort_by",
            "sort_by must be model_created_at or latest_version_created_at.",
        )
    return json_response(
        200, paginate(request, models, state.page_size, partial(_model_json, state))
    )


async def search_models(state: State, request: Request) -> Response:
    query = (await request.read()).decode("utf-8", "replace").strip().lower()
    found = [
        m
        for m in state.store.models.values()
        if m.visibility == "public" and (query in m.ref.lower() or query in m.description.lower())
    ]
    return json_response(
        200, paginate(request, found, state.page_size, partial(_model_json, state))
    )


async def create_model(state: State, request: Request) -> Response:
    body = await request.json_object()
    _required_strings(body, ["owner", "name", "visibility", "hardware"])
    _optional_strings(body, ("description", *_URL_FIELDS))
    if body["visibility"] not in ("public", "private"):
        raise Problem(422, "Invalid visibility", "visibility must be public or private.")
    _hardware(body["hardware"])
    if body["owner"] != state.username:
        raise Problem(
            403,
            "Forbidden",
            f"Models can only be created for the token's own account, {state.username}; "
            f"got owner {body['owner']!r}.",
        )
    ref = f"{body['owner']}/{body['name']}"
    if ref in state.store.models:
        raise Problem(409, "Conflict", f"The model {ref} already exists.")
    owned = sum(1 for m in state.store.models.values() if m.owner == state.username)
    if owned >= MODELS_PER_ACCOUNT:
        raise Problem(
            403, "Too many models", f"An account can own at most {MODELS_PER_ACCOUNT} models."
        )
    model = Model(
        body["owner"],
        body["name"],
        _unversioned,
        description=str(body.get("description") or ""),
        visibility=body["visibility"],
        hardware=body["hardware"],
        has_version=False,
        created_at=state.clock.now(),
        links={name: body[name] for name in _URL_FIELDS if body.get(name)},
    )
    state.store.models[ref] = model
    return json_response(201, _model_json(state, model))


async def get_model(state: State, request: Request) -> Response:
    return json_response(200, _model_json(state, _model(state, request)))


async def update_model(state: State, request: Request) -> Response:
    model = _owned_model(state, request, "update")
    body = await request.json_object()
    _optional_strings(body, _UPDATABLE_FIELDS)
    if "description" in body:
        model.description = body["description"]
    if "readme" in body:
        model.readme = body["readme"]
    for name in _UPDATABLE_FIELDS[2:]:
        if name in body:
            model.links[name] = body[name]
    return json_response(200, _model_json(state, model))


async def delete_model(state: State, request: Request) -> Response:
    model = _owned_model(state, request, "delete")
    if model.visibility != "private":
        raise Problem(
            403, "Forbidden", f"Only private models can be deleted; {model.ref} is public."
        )
    if model.official or _versions(state, model):
        raise Problem(
            409,
            "Conflict",
            f"{model.ref} still has versions: delete them before deleting the model.",
        )
    del state.store.models[model.ref]
    return Response(204)


async def get_readme(state: State, request: Request) -> Response:
    model = _model(state, request)
    if not model.readme:
        raise Problem(404, "Not found", f"{model.ref} has no README.")
    return Response(200, [("content-type", "text/plain; charset=utf-8")], model.readme.encode())


async def list_examples(state: State, request: Request) -> Response:
    # Examples are chosen by a model's author on the website (Emulator.add_example);
    # the account's own predictions never become examples by themselves.
    examples = _examples(state, _model(state, request))
    return json_response(200, paginate(request, examples, state.page_size, render_prediction))


async def list_versions(state: State, request: Request) -> Response:
    model = _model(state, request)
    if model.official:
        raise Problem(
            404, "Not found", f"{model.ref} is an official model: it has no list of versions."
        )
    versions = _versions(state, model)
    return json_response(200, paginate(request, versions, state.page_size, render_version))


def _version(state: State, request: Request) -> Model:
    model = _model(state, request)
    version_id = request.path_params["version_id"]
    for version in _versions(state, model):
        if version.version_id == version_id:
            return version
    raise Problem(404, "Not found", f"The version {version_id} of {model.ref} does not exist.")


async def get_version(state: State, request: Request) -> Response:
    return json_response(200, render_version(_version(state, request)))


async def delete_version(state: State, request: Request) -> Response:
    version = _version(state, request)
    model = state.store.models[version.ref]
    if model.owner != state.username:
        raise Problem(
            403, "Forbidden", f"You can only delete versions of models you own; not {model.ref}."
        )
    if model.visibility != "private":
        raise Problem(
            403,
            "Forbidden",
            f"Only versions of private models can be deleted; {model.ref} is public.",
        )
    if any(t.version == version.version_id for t in state.store.trainings.values()):
        raise Problem(
            409, "Conflict", f"The version {version.version_id} is the base of a training."
        )
    for deployment in state.store.deployments.values():
        if any(r["version"] == version.version_id for r in deployment.releases):
            raise Problem(
                409,
                "Conflict",
                f"The version {version.version_id} is used by the deployment "
                f"{deployment.owner}/{deployment.name}.",
            )
    # The version's predictions, and their output files, go with it.
    for record in list(state.store.predictions.values()):
        if record.version == version.version_id:
            for file_id in record.output_file_ids:
                state.store.output_files.pop(file_id, None)
            del state.store.predictions[record.id]
    state.store.trained_versions.pop(version.version_id, None)
    if model.version_id == version.version_id:
        remaining = _versions(state, model)
        model.has_version = False
        if remaining:
            model.version_id = remaining[0].version_id
    return Response(202)


async def list_collections(state: State, request: Request) -> Response:
    collections = list(state.store.collections.values())
    return json_response(
        200, paginate(request, collections, state.page_size, lambda c: render_collection(c, None))
    )


async def get_collection(state: State, request: Request) -> Response:
    slug = request.path_params["collection_slug"]
    collection = state.store.collections.get(slug)
    if collection is None:
        raise Problem(404, "Not found", f"The collection {slug} does not exist.")
    models = [
        _model_json(state, state.store.models[r])
        for r in collection.model_refs
        if r in state.store.models
    ]
    return json_response(200, render_collection(collection, models))


async def search(state: State, request: Request) -> Response:
    query = request.query.get("query", "").strip()
    if not query:
        raise Problem(400, "Missing query", "Pass the search words as ?query=.")
    try:
        limit = int(request.query.get("limit", "20"))
    except ValueError:
        raise Problem(400, "Invalid limit", "limit must be an integer.") from None
    if not 1 <= limit <= 50:
        raise Problem(400, "Invalid limit", f"limit must be from 1 to 50, got {limit}.")
    words = query.lower()
    models = [
        m
        for m in state.store.models.values()
        if m.visibility == "public" and (words in m.ref.lower() or words in m.description.lower())
    ]
    collections = [
        c
        for c in state.store.collections.values()
        if words in c.slug.lower() or words in c.name.lower()
    ]
    payload: dict[str, Any] = {
        "query": query,
        "models": [
            {
                "model": _model_json(state, m),
                "metadata": {
                    "generated_description": m.description or None,
                    "score": 1.0,
                    "tags": [],
                },
            }
            for m in models[:limit]
        ],
        "collections": [render_collection(c, None) for c in collections],
        "pages": [],
    }
    return json_response(200, payload)


async def list_hardware(state: State, request: Request) -> Response:
    return json_response(200, HARDWARE)


async def get_webhook_secret(state: State, request: Request) -> Response:
    return json_response(200, {"key": state.webhooks.secret})


def _deployment(state: State, request: Request) -> DeploymentRecord:
    key = f"{request.path_params['deployment_owner']}/{request.path_params['deployment_name']}"
    deployment = state.store.deployments.get(key)
    if deployment is None:
        raise Problem(404, "Not found", f"The deployment {key} does not exist.")
    return deployment


def _release(
    state: State, number: int, model: str, version: str, config: dict[str, Any]
) -> dict[str, Any]:
    return {
        "number": number,
        "model": model,
        "version": version,
        "created_at": iso(state.clock.now()),
        "created_by": state.account(),
        "configuration": config,
    }


def _check_version(state: State, model_ref: str, version_id: str) -> None:
    model = state.store.find_version(version_id)
    if model is None or model.ref != model_ref:
        raise Problem(422, "Invalid version", f"{model_ref} has no version {version_id}.")


_INSTANCE_LIMITS = {"min_instances": 5, "max_instances": 20}


def _check_instances(body: dict[str, Any], required: bool) -> None:
    for name, most in _INSTANCE_LIMITS.items():
        value = body.get(name)
        if value is None and not required and name not in body:
            continue
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= most:
            raise Problem(
                422,
                "Invalid request body",
                f"{name} must be a whole number from 0 to {most}, got {value!r}.",
            )


async def create_deployment(state: State, request: Request) -> Response:
    body = await request.json_object()
    _required_strings(body, ["name", "model", "version", "hardware"])
    _check_instances(body, required=True)
    _hardware(body["hardware"])
    _check_version(state, body["model"], body["version"])
    key = f"{state.username}/{body['name']}"
    if key in state.store.deployments:
        raise Problem(409, "Conflict", f"The deployment {key} already exists.")
    config = {k: body[k] for k in ("hardware", "min_instances", "max_instances")}
    record = DeploymentRecord(
        state.username,
        body["name"],
        [_release(state, 1, body["model"], body["version"], config)],
        offline_since=state.clock.now() if config["min_instances"] == 0 else None,
    )
    state.store.deployments[key] = record
    return json_response(200, render_deployment(record))


async def list_deployments(state: State, request: Request) -> Response:
    deployments = list(reversed(state.store.deployments.values()))
    return json_response(200, paginate(request, deployments, state.page_size, render_deployment))


async def get_deployment(state: State, request: Request) -> Response:
    return json_response(200, render_deployment(_deployment(state, request)))


async def update_deployment(state: State, request: Request) -> Response:
    deployment = _deployment(state, request)
    body = await request.json_object()
    _check_instances(body, required=False)
    if "hardware" in body:
        _hardware(body["hardware"])
    if "version" in body and not isinstance(body["version"], str):
        raise Problem(422, "Invalid version", "version must be a version id.")
    current = deployment.current_release
    config = dict(current["configuration"])
    for name in ("hardware", "min_instances", "max_instances"):
        if name in body:
            config[name] = body[name]
    version = body.get("version", current["version"])
    if version != current["version"]:
        _check_version(state, current["model"], version)
    deployment.releases.append(
        _release(state, len(deployment.releases) + 1, current["model"], version, config)
    )
    if config["min_instances"] > 0:
        deployment.offline_since = None
    elif deployment.offline_since is None:
        deployment.offline_since = state.clock.now()
    return json_response(200, render_deployment(deployment))


async def delete_deployment(state: State, request: Request) -> Response:
    deployment = _deployment(state, request)
    key = f"{deployment.owner}/{deployment.name}"
    now = state.clock.now()
    last_used = max(
        (
            now if record.completed_at is None else record.completed_at
            for record in state.store.predictions.values()
            if record.deployment == key
        ),
        default=None,
    )
    offline = deployment.offline_since
    idle_since = None if offline is None else max(offline, last_used or offline)
    if idle_since is None or now - idle_since < DEPLOYMENT_IDLE_BEFORE_DELETE:
        minutes = DEPLOYMENT_IDLE_BEFORE_DELETE / 60
        raise Problem(
            409,
            "Deployment in use",
            f"A deployment can be deleted only after it has been offline (min_instances 0) "
            f"and unused for {minutes:g} minutes.",
        )
    del state.store.deployments[key]
    return Response(204)


def register_catalog_routes(router: Router, state: State) -> None:
    """Add the catalog operations to ``router``."""
    model_path = "/models/{model_owner}/{model_name}"
    deployment_path = "/deployments/{deployment_owner}/{deployment_name}"
    routes = [
        ("account.get", "GET", "/account", get_account),
        ("models.list", "GET", "/models", list_models),
        ("models.create", "POST", "/models", create_model),
        ("models.search", "QUERY", "/models", search_models),
        ("models.get", "GET", model_path, get_model),
        ("models.update", "PATCH", model_path, update_model),
        ("models.delete", "DELETE", model_path, delete_model),
        ("models.readme.get", "GET", f"{model_path}/readme", get_readme),
        ("models.examples.list", "GET", f"{model_path}/examples", list_examples),
        ("models.versions.list", "GET", f"{model_path}/versions", list_versions),
        ("models.versions.get", "GET", f"{model_path}/versions/{{version_id}}", get_version),
        (
            "models.versions.delete",
            "DELETE",
            f"{model_path}/versions/{{version_id}}",
            delete_version,
        ),
        ("collections.list", "GET", "/collections", list_collections),
        ("collections.get", "GET", "/collections/{collection_slug}", get_collection),
        ("search", "GET", "/search", search),
        ("hardware.list", "GET", "/hardware", list_hardware),
        ("webhooks.default.secret.get", "GET", "/webhooks/default/secret", get_webhook_secret),
        ("deployments.list", "GET", "/deployments", list_deployments),
        ("deployments.create", "POST", "/deployments", create_deployment),
        ("deployments.get", "GET", deployment_path, get_deployment),
        ("deployments.update", "PATCH", deployment_path, update_deployment),
        ("deployments.delete", "DELETE", deployment_path, delete_deployment),
    ]
    for operation_id, method, template, handler in routes:
        router.add(operation_id, method, template, partial(handler, state))
