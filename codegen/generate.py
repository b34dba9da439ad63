"""Regenerate ``replicate.types``, the async resources and ``api.md`` from ``openapi.json``."""

from __future__ import annotations

from pathlib import Path

from .api_md import render_api_md
from .header import is_generated, sha256_of
from .output import write_files
from .resources import RESOURCES_DIR, generate_resources
from .spec_model import load_spec
from .types_gen import TYPES_DIR, generate_types

__all__ = ["SPEC_FILE", "generate_from_spec", "spec_outputs"]

SPEC_FILE = "openapi.json"


def spec_outputs(root: Path) -> dict[Path, str]:
    """Every file generated from the spec, by path relative to ``root`` (nothing written)."""
    spec = load_spec(root / SPEC_FILE)
    digest = sha256_of(spec.text)
    files: dict[Path, str] = {}
    files.update(generate_types(spec, SPEC_FILE, digest))
    files.update(generate_resources(spec, SPEC_FILE, digest))
    files[Path("api.md")] = render_api_md(spec, SPEC_FILE, digest)
    return files


def _stale(root: Path, files: dict[Path, str]) -> list[Path]:
    stale: list[Path] = []
    for directory in (TYPES_DIR, RESOURCES_DIR):
        base = root / directory
        if not base.is_dir():
            continue
        for existing in sorted(base.rglob("*")):
            if not existing.is_file() or "__pycache__" in existing.parts:
                continue
            relative = existing.relative_to(root)
            if relative in files:
                continue
            if is_generated(existing.read_text("utf-8")):
                stale.append(relative)
            else:
                raise RuntimeError(
                    f"{relative} is in a generated directory but is not generated; move it"
                )
    return stale


def generate_from_spec(root: Path) -> None:
    """Write every file generated from the spec, remove stale ones, format."""
    files = spec_outputs(root)
    write_files(root, files, _stale(root, files))
