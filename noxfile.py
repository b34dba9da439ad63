"""Development sessions. Run them through ``./scripts/nox``, which needs only Python 3.

- ``./scripts/nox``               lint, typecheck and tests (what CI runs)
- ``./scripts/nox -s demo``       the SDK against the local emulator: no token, no network
- ``./scripts/nox -s codegen``    regenerate everything from openapi.json
- ``./scripts/nox -s codegen -- --check``  fail if generated files are stale or edited
- ``./scripts/nox -s bench``      the benchmarks (not part of the test run)
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import nox

nox.options.sessions = ["lint", "typecheck", "tests", "smoke"]
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = False

ROOT = Path(__file__).parent
PRISM_VERSION = "5.16.0"
PRISM_DIR = ROOT / ".cache" / "prism"

TEST_DEPS = [
    "pytest>=8",
    "pytest-asyncio>=0.24",
    "pytest-timeout>=2.3",
    "respx>=0.22",
    "hypothesis>=6.100",
    "jsonschema>=4.21",
    "fastapi>=0.110",
    "hatchling==1.33.0",
    # S3 experiment repositories are tested against moto's server on loopback.
    "moto[server]==5.2.5",
]
CODEGEN_DEPS = ["datamodel-code-generator==0.89.0", "ruff==0.17.6", "jinja2>=3.1"]
LINT_DEPS = ["ruff==0.17.6"]
PYRIGHT_VERSION = "1.1.414"
PYRIGHT = f"pyright=={PYRIGHT_VERSION}"
TYPECHECK_DEPS = [
    PYRIGHT,
    "mypy==2.4.1",
    "pytest>=8",
    "boto3-stubs[s3]==1.43.106",
    "types-PyYAML==6.0.12.20261122",
]


def install_prism(session: nox.Session) -> Path:
    """Install the pinned Prism mock server with npm (once) and return its executable."""
    binary = PRISM_DIR / "node_modules" / ".bin" / "prism"
    if not binary.exists():
        if shutil.which("npm") is None:
            session.error(
                "npm is needed for the contract tests' mock server: install Node.js and npm"
            )
        PRISM_DIR.mkdir(parents=True, exist_ok=True)
        session.run(
            "npm", "install", "--no-audit", "--no-fund", "--loglevel=error",
            "--prefix", str(PRISM_DIR), f"@stoplight/prism-cli@{PRISM_VERSION}",
            external=True,
        )  # fmt: skip
    return binary


def _expose_pyenv_interpreters() -> None:
    """Put pyenv's interpreters on PATH as ``pythonX.Y`` (only those names), so nox finds them.

    pyenv's shims answer only for the selected versions; the others are still installed
    under ``$(pyenv root)/versions``. Where pyenv is absent this does nothing, and nox
    skips, with a notice, each session whose interpreter it cannot find.
    """
    root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    links = ROOT / ".cache" / "pythons"
    for binary in sorted(root.glob("3.*/bin/python3.*")):
        if not binary.name.replace("python", "").replace(".", "").isdigit():
            continue  # python3.11-config and the like
        links.mkdir(parents=True, exist_ok=True)
        link = links / binary.name
        if not link.exists():
            link.symlink_to(binary)
    if links.is_dir():
        os.environ["PATH"] = f"{links}{os.pathsep}{os.environ.get('PATH', '')}"


_expose_pyenv_interpreters()

MAIN_PYTHON = "3.11"
OTHER_PYTHONS = ["3.9", "3.10", "3.12", "3.13"]
SMOKE_DEPS = ["pytest>=8", "pytest-asyncio>=0.24", "pytest-timeout>=2.3"]


@nox.session(python=MAIN_PYTHON)
def tests(session: nox.Session) -> None:
    """Codegen check, then unit, contract (Prism), emulator end-to-end and example tests."""
    session.install("-e", ".[aiohttp,s3]", *TEST_DEPS, *CODEGEN_DEPS)
    session.run("python", "-m", "codegen", "--check")
    prism = install_prism(session)
    session.run(
        "python", "-m", "pytest", *(session.posargs or ["-q"]),
        env={"REPLICATE_PRISM_BIN": str(prism)},
    )  # fmt: skip


@nox.session(python=OTHER_PYTHONS)
def smoke(session: nox.Session) -> None:
    """Run, stream, upload, async, pages and errors on each other supported Python.

    An interpreter that is not installed is skipped with a notice.
    """
    session.install("-e", ".", *SMOKE_DEPS)
    session.run("python", "-m", "pytest", "tests/smoke", "-q", "-p", "no:cacheprovider")


TYPE_COMPLETENESS_FLOOR = 0.95
"""The share of the public API whose types a user's type checker sees completely."""


@nox.session
def lint(session: nox.Session) -> None:
    """ruff: lint rules and formatting; the public API's type completeness."""
    session.install(*LINT_DEPS)
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.install("-e", ".", PYRIGHT)
    report = session.run(
        "pyright", "--verifytypes", "replicate", "--ignoreexternal", "--outputjson",
        env={"PYRIGHT_PYTHON_FORCE_VERSION": PYRIGHT_VERSION},
        silent=True, success_codes=[0, 1],
    )  # fmt: skip
    score = json.loads(str(report))["typeCompleteness"]["completenessScore"]
    session.log(f"type completeness of the public API: {score:.1%}")
    if score < TYPE_COMPLETENESS_FLOOR:
        session.error(
            f"type completeness {score:.1%} is below {TYPE_COMPLETENESS_FLOOR:.0%}: "
            "run `pyright --verifytypes replicate --ignoreexternal` to see what lacks types"
        )


@nox.session
def typecheck(session: nox.Session) -> None:
    """pyright strict and mypy strict on src/, generated code included."""
    session.install("-e", ".[aiohttp,s3]", *TYPECHECK_DEPS)
    session.run("pyright", env={"PYRIGHT_PYTHON_FORCE_VERSION": "1.1.414"})
    session.run("mypy")
    # A user's code: misspelt keywords of run/stream must be type errors (tests/typing).
    session.run("pyright", "-p", "tests/typing", env={"PYRIGHT_PYTHON_FORCE_VERSION": "1.1.414"})
    session.run(
        "mypy", "--strict", "--warn-unused-ignores", "--python-version", "3.10",
        "--config-file", "/dev/null", "tests/typing/user_code.py",
    )  # fmt: skip


@nox.session
def codegen(session: nox.Session) -> None:
    """Regenerate openapi-derived code (pass `-- --check` to only verify)."""
    session.install("-e", ".", *CODEGEN_DEPS)
    session.run("python", "-m", "codegen", *session.posargs)


@nox.session
def demo(session: nox.Session) -> None:
    """Run a model, stream a reply, upload and download files against the local emulator."""
    session.install("-e", ".")
    session.run("python", "examples/demo.py")


@nox.session(venv_backend="none")
def bench(session: nox.Session) -> None:
    """Benchmarks against raw httpx and the 1.x/2.x clients (not part of the test run).

    They make their own throwaway environments under benchmarks/.venvs/.
    """
    session.run("python3", "benchmarks/run.py", *session.posargs, external=True)
