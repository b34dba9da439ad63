"""Where things live in a repository (the same keys on every store).

::

    repository.json                      {"version": 2, "created", "writer"}
    metadata/experiments/<id>.json       experiment + its checkpoints (v1 and v2)
    metadata/heartbeats/<id>.json        written every few seconds while running
    manifests/<sha256>.json              files of an experiment or checkpoint
    objects/sha256/<2 hex>/<62 hex>      file contents, stored once whatever the number of uses
    experiments/<id>.tar.gz              Keepsake v1 code snapshot (read only)
    checkpoints/<id>.tar.gz              Keepsake v1 checkpoint files (read only)
    experiments/<id>/..., commits/<id>/..., metadata/commits/<id>.json   2020 v0 (read only)
"""

from __future__ import annotations

__all__ = [
    "COMMITS_METADATA_PREFIX",
    "EXPERIMENTS_PREFIX",
    "HEARTBEATS_PREFIX",
    "REPOSITORY_JSON",
    "experiment_key",
    "heartbeat_key",
    "id_from_key",
    "manifest_key",
    "object_key",
]

REPOSITORY_JSON = "repository.json"
EXPERIMENTS_PREFIX = "metadata/experiments/"
HEARTBEATS_PREFIX = "metadata/heartbeats/"
COMMITS_METADATA_PREFIX = "metadata/commits/"


def experiment_key(experiment_id: str) -> str:
    return f"{EXPERIMENTS_PREFIX}{experiment_id}.json"


def heartbeat_key(experiment_id: str) -> str:
    return f"{HEARTBEATS_PREFIX}{experiment_id}.json"


def manifest_key(manifest_id: str) -> str:
    return f"manifests/{manifest_id}.json"


def object_key(sha256: str) -> str:
    return f"objects/sha256/{sha256[:2]}/{sha256[2:]}"


def v1_experiment_tarball(experiment_id: str) -> str:
    return f"experiments/{experiment_id}.tar.gz"


def v1_checkpoint_tarball(checkpoint_id: str) -> str:
    return f"checkpoints/{checkpoint_id}.tar.gz"


def v0_experiment_prefix(experiment_id: str) -> str:
    return f"experiments/{experiment_id}/"


def v0_commit_prefix(commit_id: str) -> str:
    return f"commits/{commit_id}/"


def id_from_key(key: str) -> str:
    """``abc`` from ``metadata/experiments/abc.json``."""
    name = key.rsplit("/", 1)[-1]
    return name[: -len(".json")] if name.endswith(".json") else name
