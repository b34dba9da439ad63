"""The command itself: help, version, entry points, exit statuses, errors in one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from cli_support import invoke, run_cli

from replicate import __version__
from replicate._cli import registry

HEAVY = ("pydantic", "httpx", "boto3", "botocore", "yaml")
# Standard modules the command's start-up has no use for, each a few milliseconds.
UNNEEDED = ("shutil", "traceback", "difflib", "dataclasses", "platform", "threading")


def _modules_loaded_by(
    argv_list: list[list[str]], env: dict[str, str], modules: tuple[str, ...] = HEAVY
) -> list[str]:
    """Top-level packages among ``modules`` that running main() with each argv imports."""
    script = (
        "import io, json, sys\n"
        "from contextlib import redirect_stdout\n"
        "from replicate._cli.main import main\n"
        f"for argv in {argv_list!r}:\n"
        "    with redirect_stdout(io.StringIO()):\n"
        "        assert main(argv) == 0, argv\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({modules!r}))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def test_help_imports_neither_pydantic_nor_httpx_nor_storage_backends(env: dict[str, str]) -> None:
    assert _modules_loaded_by([["--help"]], env) == []


def test_help_and_feedback_import_no_module_they_do_not_use(env: dict[str, str]) -> None:
    assert _modules_loaded_by([["--help"], ["feedback"]], env, UNNEEDED) == []


def test_each_commands_help_imports_only_what_it_uses(env: dict[str, str]) -> None:
    argv_list = [[command.name, "--help"] for command in registry.COMMANDS]
    argv_list += [["prediction", "list", "--help"], ["file", "upload", "--help"]]
    assert _modules_loaded_by(argv_list, env) == []


def test_help_lists_every_command_by_section(env: dict[str, str]) -> None:
    done = run_cli("--help", env=env)
    assert done.returncode == 0
    assert done.stdout.startswith("usage: replicate [options] <command> [<args>]")
    for command in registry.COMMANDS:
        assert f"\n  {command.name}  " in done.stdout
    assert done.stdout.index("Experiment commands:") < done.stdout.index("API commands:")


def test_no_command_prints_the_help(env: dict[str, str]) -> None:
    done = invoke(env=env)
    assert done.returncode == 0
    assert "API commands:" in done.stdout


def test_version(env: dict[str, str]) -> None:
    for flag in ("--version", "-V"):
        done = invoke(flag, env=env)
        assert (done.returncode, done.stdout) == (0, f"replicate {__version__}\n")


def test_console_script_is_installed_next_to_python(env: dict[str, str]) -> None:
    script = Path(sys.executable).parent / "replicate"
    done = subprocess.run(
        [str(script), "--version"], env=env, capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout) == (0, f"replicate {__version__}\n")


def test_every_command_has_help(env: dict[str, str]) -> None:
    for command in registry.COMMANDS:
        done = invoke(command.name, "--help", env=env)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith(f"usage: replicate {command.name}")
        assert command.summary in done.stdout


def test_unknown_command_is_a_usage_error_with_suggestions(env: dict[str, str]) -> None:
    done = run_cli("lss", env=env)
    assert done.returncode == 2
    assert (
        done.stderr == "error: unknown command 'lss'; did you mean 'ls'? (see 'replicate --help')\n"
    )


def test_bad_arguments_are_a_usage_error_in_one_line(env: dict[str, str]) -> None:
    done = run_cli("prediction", env=env)
    assert done.returncode == 2
    assert done.stderr == (
        "error: the following arguments are required: <action> "
        "(see 'replicate prediction --help')\n"
    )
    done = invoke("feedback", "--frobnicate", env=env)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "--frobnicate" in done.stderr


def test_global_options_go_before_or_after_the_command(env: dict[str, str]) -> None:
    assert invoke("-v", "feedback", env=env).returncode == 0
    assert invoke("feedback", "--verbose", "--no-color", env=env).returncode == 0
    # The reference gives every command -D, analytics and feedback too (they ignore it).
    for args in (["feedback", "-D", "."], ["analytics", "status", "--project-directory", "."]):
        done = run_cli(*args, env=env)
        assert (done.returncode, done.stderr) == (0, ""), args


def test_keepsakes_color_flag_with_a_value(tmp_path: Path, env: dict[str, str]) -> None:
    from cli_experiments import make_project

    project = make_project(tmp_path / "project")
    # Keepsake's --color was a Go boolean flag: --color=false turned colour off.
    assert run_cli("ls", "--color=false", env=env, cwd=project).stdout.startswith("EXPERIMENT")
    on = run_cli("--color=true", "ls", env=env, cwd=project)
    assert on.stdout.startswith("\x1b[1mEXPERIMENT")
    wrong = run_cli("ls", "--color=maybe", env=env, cwd=project)
    assert wrong.returncode == 2 and wrong.stderr.count("\n") == 1


def test_a_commands_unknown_option_points_to_its_own_help(env: dict[str, str]) -> None:
    done = run_cli("ls", "--frobnicate", env=env)
    assert (done.returncode, done.stderr) == (
        2,
        "error: unrecognized arguments: --frobnicate (see 'replicate ls --help')\n",
    )


def test_aliases_run_the_same_command(env: dict[str, str]) -> None:
    assert run_cli("predictions", "--help", env=env).stdout.startswith(
        "usage: replicate prediction"
    )


def test_feedback_prints_where_to_go(env: dict[str, str]) -> None:
    done = invoke("feedback", env=env)
    assert done.returncode == 0
    assert "https://github.com/replicate/replicate-python/issues" in done.stdout


def test_an_unexpected_error_is_one_line_and_its_traceback_comes_with_verbose(
    tmp_path: Path, env: dict[str, str]
) -> None:
    repository = tmp_path / "repository"
    (repository / "metadata" / "experiments").mkdir(parents=True)
    (repository / "metadata" / "experiments" / "broken.json").write_text("{not json")
    quiet = run_cli("ls", "-R", str(repository), env=env)
    assert quiet.returncode == 1
    assert quiet.stderr.count("\n") == 1 and "Traceback" not in quiet.stderr
    assert quiet.stderr.endswith("(run with --verbose for the traceback)\n")
    verbose = run_cli("ls", "-R", str(repository), "--verbose", env=env)
    assert verbose.returncode == 1
    assert "Traceback (most recent call last)" in verbose.stderr
    # Already verbose: not told to run with --verbose.
    assert "--verbose" not in verbose.stderr.splitlines()[-1]


def test_an_error_of_several_lines_is_reported_on_one(tmp_path: Path, env: dict[str, str]) -> None:
    (tmp_path / "replicate.yaml").write_text("repository: [unclosed\n")
    done = run_cli("ls", env=env, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith(f"error: cannot read {tmp_path / 'replicate.yaml'}: ")
    assert done.stderr.count("\n") == 1
