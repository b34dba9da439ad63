"""examples/demo.py: the README's first command, on a machine with no token and no network."""

from __future__ import annotations

from pathlib import Path

import pytest
from example_support import assert_clean, clean_environment, load_example, run_script


def test_demo_tours_the_sdk_without_configuration(tmp_path: Path) -> None:
    output_dir = tmp_path / "demo-output"

    # No REPLICATE_* variables at all: the demo brings its own emulator.
    finished = run_script("demo.py", "--output-dir", str(output_dir), env=clean_environment())

    assert finished.returncode == 0, finished.stdout + finished.stderr

    assert_clean(finished.stderr)
    out = finished.stdout
    assert "\n   'hello demo'\n" in out
    assert "\n   You said: Tell me about llamas.\n   (7 tokens, each printed as it arrived)" in out
    assert (
        "\n   {'lines': 3, 'words': 32}\n   (the SDK uploaded notes.txt, 193 bytes, to http" in out
    )
    assert f'output[0].save("{output_dir / "lighthouse.png"}")\n   (saved a ' in out
    assert "\n   ModelError: the model ran out of memory (prediction " in out
    assert "\n   $ replicate run replicate/hello-world text=terminal\n   hello terminal\n" in out
    assert f"Files are in {output_dir}" in out
    assert (output_dir / "lighthouse.png").read_bytes().startswith(b"\x89PNG")
    assert finished.stderr == ""


def test_demo_saves_to_a_new_temporary_directory_by_default(tmp_path: Path) -> None:
    env = {**clean_environment(), "TMPDIR": str(tmp_path)}

    finished = run_script("demo.py", env=env, cwd=tmp_path)

    assert finished.returncode == 0, finished.stdout + finished.stderr

    assert_clean(finished.stderr)
    [created] = tmp_path.glob("replicate-demo-*")
    assert (created / "lighthouse.png").is_file()
    assert f"Files are in {created}" in finished.stdout


def test_demo_exits_non_zero_when_a_step_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    demo = load_example("demo")

    def failing_tour(output_dir: Path) -> None:
        raise RuntimeError("the model said no")

    monkeypatch.setattr(demo, "tour", failing_tour)
    # main() points the environment at its emulator; monkeypatch puts it back afterwards.
    for name in ("REPLICATE_API_TOKEN", "REPLICATE_BASE_URL"):
        monkeypatch.setenv(name, "restored after the test")

    assert demo.main(["--output-dir", str(tmp_path)]) == 1
    errors = capsys.readouterr().err
    assert "RuntimeError: the model said no" in errors
    assert "The demo failed" in errors
