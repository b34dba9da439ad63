"""Which files are saved (.replicateignore with gitignore semantics), copied while hashed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from replicate.experiments._snapshot import collect_files, stage_files


def tree(root: Path, files: dict[str, str]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)


def names(root: Path, path: str = ".", exclude: Path | None = None) -> list[str]:
    return [source.relative for source in collect_files(root, path, exclude=exclude)]


def test_skips_tool_directories_virtualenvs_and_the_repository(tmp_path: Path) -> None:
    tree(
        tmp_path,
        {
            "train.py": "",
            ".git/HEAD": "",
            ".replicate/storage/x": "",
            "__pycache__/a.pyc": "",
            "venv/pyvenv.cfg": "",
            "venv/lib/site.py": "",
            "repo/objects/1": "",
            "data/a.csv": "",
        },
    )
    assert names(tmp_path, exclude=tmp_path / "repo") == ["data/a.csv", "train.py"]


def test_replicateignore_has_gitignore_semantics(tmp_path: Path) -> None:
    tree(
        tmp_path,
        {
            ".replicateignore": "*.pt\n!keep.pt\ndata/\n/top.txt\nlogs/**/*.log\n",
            "a.pt": "",
            "keep.pt": "",
            "sub/b.pt": "",
            "data/x.csv": "",
            "sub/data/y.csv": "",
            "top.txt": "",
            "sub/top.txt": "",
            "logs/1/run.log": "",
            "logs/1/run.txt": "",
        },
    )
    assert names(tmp_path) == [
        ".replicateignore",
        "keep.pt",
        "logs/1/run.txt",
        "sub/top.txt",
    ]


def test_a_single_file_or_subdirectory(tmp_path: Path) -> None:
    tree(tmp_path, {"weights/a.bin": "", "weights/b/c.bin": "", "model.pth": ""})
    assert names(tmp_path, "model.pth") == ["model.pth"]
    assert names(tmp_path, "weights") == ["weights/a.bin", "weights/b/c.bin"]
    assert names(tmp_path, "weights/") == ["weights/a.bin", "weights/b/c.bin"]


@pytest.mark.parametrize(
    ("path", "message"),
    [("", "empty"), ("/etc/passwd", "relative"), ("../x", "inside"), ("missing", "does not exist")],
)
def test_invalid_paths(tmp_path: Path, path: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        collect_files(tmp_path, path)


def test_staging_copies_and_hashes_in_one_pass(tmp_path: Path) -> None:
    project = tmp_path / "project"
    tree(project, {"a.txt": "alpha", "b/c.txt": "gamma" * 300_000})
    (project / "a.txt").chmod(0o755)
    staged = stage_files(collect_files(project, "."), tmp_path / "stage")
    assert [item.entry.path for item in staged] == ["a.txt", "b/c.txt"]
    for item in staged:
        content = (project / item.entry.path).read_bytes()
        assert item.staged.read_bytes() == content
        assert item.entry.sha256 == hashlib.sha256(content).hexdigest()
        assert item.entry.size == len(content)
    assert staged[0].entry.mode == 0o755
    # The copy is independent: training may overwrite the original at once.
    (project / "a.txt").write_text("changed")
    assert staged[0].staged.read_text() == "alpha"
