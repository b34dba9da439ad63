"""Manifests: the list of files (path, size, sha256, mode) saved by an experiment or checkpoint.

A manifest is canonical JSON (sorted keys and paths, no spaces), stored under its own
sha256, so identical file sets share one manifest and one id.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

__all__ = ["ManifestEntry", "decode_manifest", "encode_manifest"]


@dataclass(frozen=True)
class ManifestEntry:
    """One file: ``path`` relative to the project directory (``/``-separated), ``size`` in
    bytes, ``sha256`` hex of its content, and its permission bits ``mode``."""

    path: str
    size: int
    sha256: str
    mode: int = 0o644

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "size": self.size, "sha256": self.sha256, "mode": self.mode}


def encode_manifest(entries: Iterable[ManifestEntry]) -> tuple[str, bytes]:
    """``(sha256 id, canonical bytes)`` of a manifest."""
    files = sorted((entry.to_json() for entry in entries), key=lambda item: item["path"])
    data = json.dumps({"files": files}, sort_keys=True, separators=(",", ":")).encode()
    return hashlib.sha256(data).hexdigest(), data


def decode_manifest(data: bytes) -> list[ManifestEntry]:
    """The entries of a stored manifest.

    Raises:
        ValueError: not a manifest.
    """
    document = json.loads(data)
    return [
        ManifestEntry(str(item["path"]), int(item["size"]), str(item["sha256"]), int(item["mode"]))
        for item in document["files"]
    ]
