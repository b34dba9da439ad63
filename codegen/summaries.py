"""Our one-line summaries of each operation, keyed by operationId.

They become the ``summary`` of each operation in ``openapi.json`` and the first line
of each generated method's docstring. An operation missing here fails the sync, so a
new upstream operation is never published without words of our own.
"""

from __future__ import annotations

__all__ = ["SUMMARIES"]

SUMMARIES: dict[str, str] = {
    "account.get": "Return the account that owns the API token.",
    "collections.get": "Return one collection and the models in it.",
    "collections.list": "List the curated collections of models.",
    "deployments.create": "Create a deployment: a model version on dedicated hardware.",
    "deployments.delete": "Delete a deployment (it must have no running instances).",
    "deployments.get": "Return a deployment and its current release.",
    "deployments.list": "List the deployments of the account.",
    "deployments.predictions.create": "Start a prediction on a deployment.",
    "deployments.update": "Change a deployment's version, hardware or instance limits.",
    "files.create": "Upload a file and return its record.",
    "files.delete": "Delete an uploaded file.",
    "files.download": "Download the bytes of an uploaded file through a signed link.",
    "files.get": "Return the record of an uploaded file.",
    "files.list": "List the files uploaded by the account.",
    "hardware.list": "List the hardware a model or deployment can run on.",
    "models.create": "Create a model owned by a user or organization.",
    "models.delete": "Delete a private model that has no versions.",
    "models.examples.list": "List the example predictions shown on a model's page.",
    "models.get": "Return a model and its latest version.",
    "models.list": "List public models.",
    "models.predictions.create": "Start a prediction on an official model, by model name.",
    "models.readme.get": "Return a model's README as Markdown text.",
    "models.search": "Search public models by a text query.",
    "models.update": "Change a model's links and README.",
    "models.versions.delete": "Remove one version of a model, with its predictions.",
    "models.versions.get": "Return one version of a model.",
    "models.versions.list": "List the versions of a model, newest first.",
    "predictions.cancel": "Cancel a prediction that is still running.",
    "predictions.create": "Start a prediction on a model version.",
    "predictions.get": "Return the current state of a prediction.",
    "predictions.list": "List the predictions of the account, newest first.",
    "search": "Search models, collections and documentation pages.",
    "trainings.cancel": "Cancel a training that is still running.",
    "trainings.create": "Start a training that produces a new version of a destination model.",
    "trainings.get": "Return the current state of a training.",
    "trainings.list": "List the trainings of the account, newest first.",
    "webhooks.default.secret.get": "Return the secret that signs the account's webhook requests.",
}
