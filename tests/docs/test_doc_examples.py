"""Every Python example in README.md and api.md runs, unchanged, against a loopback emulator.

Each fenced ``python`` block runs as its own script in a fresh process, configured the way a
user configures the SDK (``REPLICATE_API_TOKEN``/``REPLICATE_BASE_URL``), in a temporary
working directory. A block that fails, or prints a traceback, fails its test.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from example_support import STRICT_PYTHON, assert_clean, clean_environment

from replicate.testing import DEFAULT_TOKEN, Emulator, SystemClock

ROOT = Path(__file__).resolve().parents[2]
DOCS = ("README.md", "api.md")
BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)
# The smallest JPEG header: enough for a file to be recognised as an image.
PHOTO = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9")


def doc_blocks(name: str) -> list[tuple[str, str]]:
    """(``doc:line``, code) of every python block in one document."""
    text = (ROOT / name).read_text(encoding="utf-8")
    return [
        (f"{name}:{text.count(chr(10), 0, match.start()) + 1}", match.group(1))
        for match in BLOCK.finditer(text)
    ]


BLOCKS = [block for name in DOCS for block in doc_blocks(name)]


def caption(image: str, task: str = "image_captioning") -> str:
    """Stands in for salesforce/blip: proves the SDK turned the local file into a URL."""
    assert image.startswith("http"), f"expected an uploaded file's URL, got {image!r}"
    return f"Caption: a photo ({task})"


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with Emulator(clock=SystemClock(speed=20.0)) as emulator, emulator.serve() as server:
        emulator.add_model("salesforce/blip", caption)
        yield server.base_url


def test_the_docs_have_examples() -> None:
    assert len(doc_blocks("README.md")) >= 15
    assert len(doc_blocks("api.md")) >= 9


@pytest.mark.parametrize(("where", "code"), BLOCKS, ids=[where for where, _ in BLOCKS])
def test_doc_example_runs(where: str, code: str, base_url: str, tmp_path: Path) -> None:
    # Placeholders a reader replaces with their own token stand for the emulator's here.
    code = code.replace('"r8_..."', f'"{DEFAULT_TOKEN}"')
    code = code.replace('"https://api.replicate.com/v1"', f'"{base_url}"')
    env = {
        **clean_environment(),
        "REPLICATE_API_TOKEN": DEFAULT_TOKEN,
        "REPLICATE_BASE_URL": base_url,
        "PYTHONUNBUFFERED": "1",
    }
    (tmp_path / "photo.jpg").write_bytes(PHOTO)
    result = subprocess.run(
        [sys.executable, *STRICT_PYTHON, "-c", code],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, f"{where} failed:\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr
    assert_clean(result.stderr)
