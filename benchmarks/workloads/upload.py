"""Uploading a 200 MB file given as a path and as an open file: wall time, memory growth."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..contenders import OURS, RAW_HTTPX, V1, V2
from ..harness import Variant
from ..stats import bytes_mib, seconds
from ._base import Metric, Options, Target, Workload

__all__ = ["WORKLOAD"]

SIZE_MB = 200
RSS_LIMIT = 16 * 2**20


@contextmanager
def upload_file() -> Iterator[dict[str, Any]]:
    """A file of SIZE_MB incompressible megabytes in a temporary directory, removed after."""
    with tempfile.TemporaryDirectory(prefix="replicate-bench-") as directory:
        path = Path(directory) / "upload.bin"
        block = os.urandom(2**20)
        with path.open("wb") as file:
            for _ in range(SIZE_MB):
                file.write(block)
            # Written back and read once, so no contender pays for the disk and the
            # first one does not compete with the writeback.
            file.flush()
            os.fsync(file.fileno())
        with path.open("rb") as file:
            while file.read(2**24):
                pass
        yield {"path": str(path)}


def variants(options: Options, resources: Mapping[str, Any]) -> list[Variant]:
    path = {**resources, "mode": "path"}
    opened = {**resources, "mode": "file"}
    return [
        Variant("raw_httpx", RAW_HTTPX, opened, label="raw httpx (multipart, open file)"),
        Variant("ours_path", OURS, path, label="this SDK (path)"),
        Variant("ours_file", OURS, opened, label="this SDK (open file)"),
        Variant("v1_path", V1, path, label="replicate 1.0.7 (path)"),
        Variant("v1_file", V1, opened, label="replicate 1.0.7 (open file)"),
        Variant("v2_path", V2, path, label="replicate 2.0.0b4 (path)"),
        Variant("v2_file", V2, opened, label="replicate 2.0.0b4 (open file)"),
    ]


def _wall(value: float, relative: Any) -> bool:
    return relative is not None and relative <= 1.1


WORKLOAD = Workload(
    key="upload",
    title=f"upload a {SIZE_MB} MB file",
    variants=variants,
    metrics=(
        Metric("seconds", "wall", seconds),
        Metric("rss_growth", "peak RSS growth", bytes_mib, compare=False),
        Metric("server_upload_bytes", "bytes received", bytes_mib, compare=False),
    ),
    repetitions=5,
    quick_repetitions=2,
    resources=upload_file,
    targets=(
        Target("ours_path", "seconds", "≤ 1.1x raw", _wall),
        Target("ours_path", "rss_growth", "≤ 16 MiB", lambda v, r: v <= RSS_LIMIT),
        Target("ours_file", "seconds", "≤ 1.1x raw", _wall),
        Target("ours_file", "rss_growth", "≤ 16 MiB", lambda v, r: v <= RSS_LIMIT),
    ),
    notes=(
        "Peak RSS growth is the process's high-water mark during the upload minus its "
        "resident size just before it.",
    ),
)
