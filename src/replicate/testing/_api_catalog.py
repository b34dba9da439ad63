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
from ._store import DeploymentRecord

__all__ = ["HARDWARE", "register_catalog_routes"]

HARDWARE = [
    {"name": "CPU", "sku": "cpu"},
    {"name": "Nvidia T4 GPU", "sku": "gpu-t4"},
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


def _model_json(state: State, model: Model) -> dict[str, Any]:
    versions = _versions(state, model)
    return render_model(model, versions[0] if versions else None)


def _model(state: State, request: Request) -> Model:
    ref = f"{request.path_params['model_owner']}/{request.path_params['model_name']}"
    model = state.store.models.get(ref)
    if model is None:
        raise Problem(404, "Not found", f"The model {ref} does not exist.")
    return model


def _required_strings(body: dict[str, Any], names: list[str]) -> None:
    missing = [name for name in names if not isinstance(body.get(name), str) or not body[name]]
    if missing:
        raise Problem(
            422, "Invalid request body", f"Missing or invalid fields: {', '.join(missing)}."
        )


async def get_account(state: State, request: Request) -> Response:
    return json_response(200, state.account())


async def list_models(state: State, request: Request) -> Response:
    models = list(state.store.models.values())
    direction = request.query.get("sort_direction", "desc")
    if direction not in ("asc", "desc"):
        raise Problem(400, "Invalid sort_direction", "sort_direction must be asc or desc.")
    models.sort(key=lambda m: (m.created_at, m.ref), reverse=direction == "desc")
    return json_response(
        200, paginate(request, models, state.page_size, partial(_model_json, state))
    )


async def search_models(state: State, request: Request) -> Response:
    query = (await request.read()).decode("utf-8", "replace").strip().lower()
    found = [
        m
        for m in state.store.models.values()
        if query in m.ref.lower() or query in m.description.lower()
    ]
    return json_response(
        200, paginate(request, found, state.page_size, partial(_model_json, state))
    )


async def create_model(state: State, request: Request) -> Response:
    body = await request.json_object()
    _required_strings(body, ["owner", "name", "visibility", "hardware"])
    if body["visibility"] not in ("public", "private"):
        raise Problem(422, "Invalid visibility", "visibility must be public or private.")
    ref = f"{body['owner']}/{body['name']}"
    if ref in state.store.models:
        raise Problem(409, "Conflict", f"The model {ref} already exists.")
    model = Model(
        body["owner"],
        body["name"],
        _unversioned,
        description=str(body.get("description") or ""),
        visibility=body["visibility"],
        hardware=body["hardware"],
        has_version=False,
        created_at=state.clock.now(),
    )
    state.store.models[ref] = model
    return json_response(201, _model_json(state, model))


async def get_model(state: State, request: Request) -> Response:
    return json_response(200, _model_json(state, _model(state, request)))


async def update_model(state: State, request: Request) -> Response:
    model = _model(state, request)
    body = await request.json_object()
    if "description" in body:
        model.description = str(body["description"] or "")
    if "readme" in body:
        model.readme = str(body["readme"] or "")
    return json_response(200, _model_json(state, model))


async def delete_model(state: State, request: Request) -> Response:
    model = _model(state, request)
    del state.store.models[model.ref]
    return Response(204)


async def get_readme(state: State, request: Request) -> Response:
    model = _model(state, request)
    if not model.readme:
        raise Problem(404, "Not found", f"{model.ref} has no README.")
    return Response(200, [("content-type", "text/plain; charset=utf-8")], model.readme.encode())


async def list_examples(state: State, request: Request) -> Response:
    model = _model(state, request)
    examples = [
        p
        for p in state.store.predictions.values()
        if p.model.ref == model.ref and p.status == "succeeded"
    ][:1]
    return json_response(200, paginate(request, examples, state.page_size, render_prediction))


async def list_versions(state: State, request: Request) -> Response:
    versions = _versions(state, _model(state, request))
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
    state.store.trained_versions.pop(version.version_id, None)
    model = state.store.models[version.ref]
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
    words = query.lower()
    models = [
        m
        for m in state.store.models.values()
        if words in m.ref.lower() or words in m.description.lower()
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
        "collections": [render_collection(c, None) for c in collections[:limit]],
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


async def create_deployment(state: State, request: Request) -> Response:
    body = await request.json_object()
    _required_strings(body, ["name", "model", "version", "hardware"])
    for name in ("min_instances", "max_instances"):
        if not isinstance(body.get(name), int):
            raise Problem(
                422, "Invalid request body", f"{name} is required and must be an integer."
            )
    _check_version(state, body["model"], body["version"])
    key = f"{state.username}/{body['name']}"
    if key in state.store.deployments:
        raise Problem(409, "Conflict", f"The deployment {key} already exists.")
    config = {k: body[k] for k in ("hardware", "min_instances", "max_instances")}
    record = DeploymentRecord(
        state.username, body["name"], [_release(state, 1, body["model"], body["version"], config)]
    )
    state.store.deployments[key] = record
    return json_response(200, render_deployment(record))


async def list_deployments(state: State, request: Request) -> Response:
    deployments = list(state.store.deployments.values())
    return json_response(200, paginate(request, deployments, state.page_size, render_deployment))


async def get_deployment(state: State, request: Request) -> Response:
    return json_response(200, render_deployment(_deployment(state, request)))


async def update_deployment(state: State, request: Request) -> Response:
    deployment = _deployment(state, request)
    body = await request.json_object()
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
    return json_response(200, render_deployment(deployment))


async def delete_deployment(state: State, request: Request) -> Response:
    deployment = _deployment(state, request)
    del state.store.deployments[f"{deployment.owner}/{deployment.name}"]
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
