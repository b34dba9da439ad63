"""Our words for the parameters of generated methods (used in docstrings and ``api.md``)."""

from __future__ import annotations

__all__ = ["PARAMETER_DOCS", "parameter_doc"]

PARAMETER_DOCS: dict[str, str] = {
    "prediction_id": "Id of the prediction.",
    "training_id": "Id of the training.",
    "file_id": "Id of the file.",
    "collection_slug": "Slug of the collection, e.g. `text-to-image`.",
    "model_owner": "User or organization owning the model.",
    "model_name": "Name of the model.",
    "deployment_owner": "User or organization owning the deployment.",
    "deployment_name": "Name of the deployment.",
    "version_id": "Id of the model version.",
    "input": "Inputs of the model, as described by its version's OpenAPI schema.",
    "version": "Model version id (or `owner/name:version`) to run.",
    "stream": "Ask for a stream URL that sends output as server-sent events.",
    "webhook": "HTTPS URL to receive a POST with the object when it changes.",
    "webhook_events_filter": "Which events trigger the webhook: start, output, logs, completed.",
    "destination": "Model (`owner/name`) that receives the trained version.",
    "prefer": "`wait` or `wait=N`: hold the request open up to N seconds for the output.",
    "wait": "`True` (up to 60 s) or seconds (1-60): the same hold as `prefer` (1.x); not with `prefer`.",
    "cancel_after": "Cancel if it runs longer than this duration, e.g. `30s` or `5m`.",
    "cursor": "The `next` URL (or cursor) of an earlier page, to continue from there.",
    "content": "The file to upload: bytes, an open binary file, a path or a tuple.",
    "filename": "Name to store the file under.",
    "type": "Content type of the file.",
    "metadata": "Your own JSON metadata to keep with the file.",
    "query": "Text to search for.",
    "hardware": "SKU of the hardware to run on (see `hardware.list`).",
    "min_instances": "Fewest instances kept running.",
    "max_instances": "Most instances started under load.",
}


def parameter_doc(name: str) -> str | None:
    """Our description of a parameter, if a name alone does not say enough."""
    return PARAMETER_DOCS.get(name)
