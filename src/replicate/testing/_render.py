"""Records rendered as the JSON objects the API answers with."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from ._models import Model, input_schema
from ._store import CollectionRecord, DeploymentRecord, FileRecord, PredictionRecord

__all__ = [
    "iso",
    "render_collection",
    "render_deployment",
    "render_file",
    "render_model",
    "render_prediction",
    "render_version",
]


def iso(timestamp: float | None) -> str | None:
    """``2024-01-02T03:04:05.678901Z`` for a Unix time, or ``None``."""
    if timestamp is None:
        return None
    return datetime.fromtimestamp(timestamp, timezone.utc).isoformat().replace("+00:00", "Z")


def render_prediction(record: PredictionRecord) -> dict[str, Any]:
    """A prediction or training as the API shows it."""
    base = f"{record.api_base}/v1"
    collection = "predictions" if record.kind == "prediction" else "trainings"
    urls: dict[str, str] = {
        "get": f"{base}/{collection}/{record.id}",
        "cancel": f"{base}/{collection}/{record.id}/cancel",
        "web": f"https://replicate.com/p/{record.id}",
    }
    if record.stream and record.kind == "prediction":
        urls["stream"] = f"{base}/{collection}/{record.id}/stream"
    metrics: dict[str, float] = {}
    if record.started_at is not None and record.completed_at is not None:
        metrics["predict_time"] = round(record.completed_at - record.started_at, 6)
    if record.completed_at is not None:
        metrics["total_time"] = round(record.completed_at - record.created_at, 6)
    document: dict[str, Any] = {
        "id": record.id,
        "model": record.model.ref,
        "version": record.version,
        "input": record.input,
        "output": record.output,
        "logs": "".join(line + "\n" for line in record.logs),
        "error": record.error,
        "status": record.status,
        "source": "api",
        "data_removed": record.data_removed,
        "created_at": iso(record.created_at),
        "urls": urls,
        "metrics": metrics,
    }
    if record.started_at is not None:
        document["started_at"] = iso(record.started_at)
    if record.completed_at is not None:
        document["completed_at"] = iso(record.completed_at)
    if record.deadline is not None:
        document["deadline"] = iso(record.deadline)
    if record.deployment is not None:
        document["deployment"] = record.deployment
    if record.kind == "training" and record.output is None:
        document.pop("output")
    return document


def render_version(model: Model) -> dict[str, Any]:
    """A model version, with the input schema taken from the function's signature."""
    return {
        "id": model.version_id,
        "created_at": iso(model.created_at),
        "cog_version": "0.9.0",
        "openapi_schema": input_schema(model.function),
    }


def render_model(
    model: Model, latest: Model | None, default_example: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A model; ``latest`` is the version shown as ``latest_version`` (``None`` if none)."""
    return {
        "url": f"https://replicate.com/{model.ref}",
        "owner": model.owner,
        "name": model.name,
        "description": model.description or None,
        "visibility": model.visibility,
        "github_url": model.links.get("github_url"),
        "paper_url": model.links.get("paper_url"),
        "license_url": model.links.get("license_url"),
        "cover_image_url": model.links.get("cover_image_url"),
        "run_count": model.run_count,
        "is_official": model.official,
        "default_example": default_example,
        "latest_version": render_version(latest) if latest is not None else None,
    }


def render_file(record: FileRecord, api_base: str) -> dict[str, Any]:
    """A file uploaded through the Files API."""
    stored = record.stored
    return {
        "id": stored.id,
        "name": stored.filename,
        "content_type": stored.content_type,
        "size": len(stored.content),
        "checksums": {"sha256": stored.sha256, "md5": stored.md5},
        "metadata": record.metadata,
        "created_at": iso(stored.created_at),
        "expires_at": iso(record.expires_at),
        "urls": {"get": f"{api_base}/v1/files/{stored.id}"},
    }


def render_deployment(record: DeploymentRecord) -> dict[str, Any]:
    """A deployment with its current release."""
    return {"owner": record.owner, "name": record.name, "current_release": record.current_release}


def render_collection(
    record: CollectionRecord, models: list[dict[str, Any]] | None
) -> dict[str, Any]:
    """A collection; ``models`` is given for the detail view and left out of list items."""
    document: dict[str, Any] = {
        "slug": record.slug,
        "name": record.name,
        "description": record.description,
    }
    if models is not None:
        document["models"] = models
        document["full_description"] = None
    return document
