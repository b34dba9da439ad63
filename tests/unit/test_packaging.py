"""The package as the index shows it: license, URLs, classifiers, and a README that renders there."""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SUPPORTED = ("3.9", "3.10", "3.11", "3.12", "3.13")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-d", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return out


def wheel_metadata(built: Path) -> tuple[zipfile.ZipFile, str]:
    [wheel] = built.glob("*.whl")
    archive = zipfile.ZipFile(wheel)
    [name] = [name for name in archive.namelist() if name.endswith(".dist-info/METADATA")]
    return archive, archive.read(name).decode()


def test_the_license_is_in_the_repository_the_sdist_and_the_wheel(built: Path) -> None:
    assert "Apache License" in (ROOT / "LICENSE").read_text()
    archive, metadata = wheel_metadata(built)
    assert any(name.endswith("licenses/LICENSE") for name in archive.namelist())
    [sdist] = built.glob("*.tar.gz")
    with tarfile.open(sdist) as tar:
        assert any(name.endswith("/LICENSE") for name in tar.getnames())
    assert "License-Expression: Apache-2.0" in metadata


def test_metadata_has_urls_and_a_classifier_per_supported_python(built: Path) -> None:
    _, text = wheel_metadata(built)
    metadata = Parser().parsestr(text)
    urls = dict(entry.split(", ", 1) for entry in metadata.get_all("Project-URL") or [])
    assert {"Homepage", "Documentation", "Source", "Issues"} <= set(urls)
    classifiers = set(metadata.get_all("Classifier") or [])
    for version in SUPPORTED:
        assert f"Programming Language :: Python :: {version}" in classifiers
    assert metadata["Requires-Python"] == ">=3.9"


def test_the_readme_has_no_relative_links() -> None:
    readme = (ROOT / "README.md").read_text()
    targets = re.findall(r"\]\(([^)]+)\)", readme)
    relative = [target for target in targets if not target.startswith(("http://", "https://", "#"))]
    assert relative == []
