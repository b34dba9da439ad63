"""Who is measured: each contender is a driver script run by one environment's interpreter."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "BENCH_DIR",
    "CONTENDERS",
    "ENVIRONMENTS",
    "OURS",
    "RAW_AIOHTTP",
    "RAW_HTTPX",
    "REPO_DIR",
    "V1",
    "V2",
    "Contender",
    "Environment",
]

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
VENVS_DIR = BENCH_DIR / ".venvs"
DRIVERS_DIR = BENCH_DIR / "drivers"


@dataclass(frozen=True)
class Environment:
    """A throwaway virtual environment under ``benchmarks/.venvs/``."""

    name: str
    requirements: tuple[str, ...]
    """``pip install`` arguments, installed in one step."""
    source_path: str = ""
    """A source tree put on the environment's path (a ``.pth`` file), like an editable install
    without a build step; the requirements carry its dependencies."""
    distributions: tuple[str, ...] = ()
    """Distributions whose versions the report lists."""

    @property
    def path(self) -> Path:
        return VENVS_DIR / self.name

    @property
    def python(self) -> Path:
        return self.path / "bin" / "python"


def project_requirements(pyproject: Path, extras: tuple[str, ...]) -> tuple[str, ...]:
    """The project's dependencies and the named extras', read from its ``pyproject.toml``."""
    try:
        import tomllib  # pyright: ignore[reportMissingImports]
    except ImportError:  # Python < 3.11: the same list, written out
        return FALLBACK_REQUIREMENTS
    project = tomllib.loads(pyproject.read_text())["project"]
    requirements = list(project.get("dependencies", []))
    for extra in extras:
        requirements += project.get("optional-dependencies", {}).get(extra, [])
    return tuple(requirements)


FALLBACK_REQUIREMENTS = (
    "httpx>=0.27,<1",
    "pydantic>=2.5,<3",
    "anyio>=4.2,<5",
    "typing-extensions>=4.10",
    "httpx-aiohttp>=0.1.8",
    "aiohttp>=3.9",
)

# The SDK's environment also runs the raw baselines, so that they use the same httpx,
# aiohttp and interpreter as the SDK does.
OURS_ENV = Environment(
    name="ours",
    requirements=project_requirements(REPO_DIR / "pyproject.toml", extras=("aiohttp",)),
    source_path=str(REPO_DIR / "src"),
    distributions=("httpx", "httpcore", "aiohttp", "httpx-aiohttp", "pydantic", "anyio"),
)
V1_ENV = Environment(
    name="v1",
    requirements=("replicate==1.0.7",),
    distributions=("replicate", "httpx", "pydantic"),
)
V2_ENV = Environment(
    name="v2",
    requirements=("replicate[aiohttp]==2.0.0b4",),
    distributions=("replicate", "httpx", "aiohttp", "httpx-aiohttp", "pydantic"),
)
ENVIRONMENTS = (OURS_ENV, V1_ENV, V2_ENV)


@dataclass(frozen=True)
class Contender:
    """One client under test, and the environment its driver runs in."""

    key: str
    label: str
    environment: Environment
    driver: str
    needs_sdk: bool = False
    """True when the driver imports this project's SDK (not only its environment's packages)."""

    @property
    def script(self) -> Path:
        return DRIVERS_DIR / f"{self.driver}.py"


RAW_HTTPX = Contender("raw_httpx", "raw httpx", OURS_ENV, "raw_httpx")
RAW_AIOHTTP = Contender("raw_aiohttp", "raw aiohttp", OURS_ENV, "raw_aiohttp")
OURS = Contender("ours", "this SDK", OURS_ENV, "ours", needs_sdk=True)
V1 = Contender("v1", "replicate 1.0.7", V1_ENV, "v1")
V2 = Contender("v2", "replicate 2.0.0b4", V2_ENV, "v2")
CONTENDERS = {c.key: c for c in (RAW_HTTPX, RAW_AIOHTTP, OURS, V1, V2)}
