"""Development sessions. Run them through ``./scripts/nox``, which needs only Python 3.

- ``./scripts/nox``               lint, typecheck and tests (what CI runs)
- ``./scripts/nox -s demo``       the SDK against the local emulator: no token, no network
- ``./scripts/nox -s codegen``    regenerate everything from openapi.json
- ``./scripts/nox -s codegen -- --check``  fail if generated files are stale or edited
- ``./scripts/nox -s bench``      the benchmarks (not part of the test run)
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nox

nox.options.sessions = ["lint", "typecheck", "tests"]
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
    # S3 experiment repositories are tested against moto's server on loopback.
    "moto[server]==5.2.5",
]
CODEGEN_DEPS = ["datamodel-code-generator==0.89.0", "ruff==0.17.6", "jinja2>=3.1"]
LINT_DEPS = ["ruff==0.17.6"]
TYPECHECK_DEPS = [
    "pyright==1.1.414",
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


@nox.session
def tests(session: nox.Session) -> None:
    """Codegen check, then unit, contract (Prism), emulator end-to-end and example tests."""
    session.install("-e", ".[aiohttp,s3]", *TEST_DEPS, *CODEGEN_DEPS)
    session.run("python", "-m", "codegen", "--check")
    prism = install_prism(session)
    session.run(
        "python", "-m", "pytest", *(session.posargs or ["-q"]),
        env={"REPLICATE_PRISM_BIN": str(prism)},
    )  # fmt: skip


@nox.session
def lint(session: nox.Session) -> None:
    """ruff: lint rules and formatting."""
    session.install(*LINT_DEPS)
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def typecheck(session: nox.Session) -> None:
    """pyright strict and mypy strict on src/, generated code included."""
    session.install("-e", ".[aiohttp,s3]", *TYPECHECK_DEPS)
    session.run("pyright", env={"PYRIGHT_PYTHON_FORCE_VERSION": "1.1.414"})
    session.run("mypy")


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
