"""``replicate.yaml``: where the project is, where its repository is, which metrics matter.

Searched for in the working directory and its parents: ``replicate.yaml``,
``replicate.yml``, then ``keepsake.yaml``/``keepsake.yml``. The directory holding it is
the project directory (without one, the working directory). Keys:

- ``repository`` (or ``storage``, its name in the library reference; not both): ``s3://bucket[/root]``,
  ``file:///absolute``, ``file://relative`` or a bare path, relative to the file.
  Default: ``.replicate/storage`` in the project directory.
- ``metrics``: a list of ``{name, goal: minimize|maximize, primary: bool}``.
- ``python``, ``cuda``, ``install``, ``install_script``, ``python_requirements``: accepted
  and ignored (they configured a remote runner that no longer exists).

``REPLICATE_REPOSITORY`` (or ``REPLICATE_STORAGE``) overrides the repository.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, cast

from ._errors import ConfigError
from ._model import GOALS, Goal, PrimaryMetric

__all__ = [
    "CONFIG_NAMES",
    "DEFAULT_REPOSITORY",
    "MetricSpec",
    "ProjectConfig",
    "find_config_file",
    "load_config",
]

CONFIG_NAMES = ("replicate.yaml", "replicate.yml", "keepsake.yaml", "keepsake.yml")
DEFAULT_REPOSITORY = ".replicate/storage"
MAX_PARENT_DEPTH = 100
_IGNORED_KEYS = {"python", "cuda", "install", "install_script", "python_requirements"}
_KNOWN_KEYS = {"repository", "storage", "metrics", *_IGNORED_KEYS}


@dataclass(frozen=True)
class MetricSpec:
    """A metric declared in ``replicate.yaml``."""

    name: str
    goal: Optional[Goal] = None
    primary: bool = False


@dataclass(frozen=True)
class ProjectConfig:
    """The resolved configuration of a project.

    ``repository`` is a URL (``file:///abs/path`` or ``s3://bucket/root``); ``directory``
    is the project directory; ``config_file`` is None without a ``replicate.yaml``.
    """

    directory: Path
    repository: str
    metrics: tuple[MetricSpec, ...] = ()
    config_file: Optional[Path] = None
    raw: dict[str, Any] = field(default_factory=dict[str, Any])

    @property
    def primary_metric(self) -> PrimaryMetric | None:
        """The metric declared ``primary: true``, if any."""
        for metric in self.metrics:
            if metric.primary and metric.goal is not None:
                return PrimaryMetric(metric.name, metric.goal)
        return None


def find_config_file(start: Path) -> Path | None:
    """The nearest ``replicate.yaml`` (or a variant) in ``start`` or its parents."""
    directory = start.resolve()
    for _ in range(MAX_PARENT_DEPTH):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file():
                return candidate
        if directory.parent == directory:
            return None
        directory = directory.parent
    return None


def resolve_repository_url(value: str, base: Path) -> str:
    """A repository setting as a URL: bare and ``file://`` paths become absolute to ``base``.

    Raises:
        ConfigError: empty, or an unsupported scheme.
    """
    value = value.strip()
    if not value:
        raise ConfigError("the repository is empty: set it to a path or an s3://bucket URL")
    scheme, separator, rest = value.partition("://")
    if not separator:
        return (base / Path(value).expanduser()).resolve().as_uri()
    scheme = scheme.lower()
    if scheme == "file":
        path = Path(rest) if rest.startswith("/") else base / rest
        return path.resolve().as_uri()
    if scheme in ("s3", "memory"):
        if not rest.strip("/"):
            raise ConfigError(f"{value!r} names no bucket: use {scheme}://bucket-name[/root]")
        return f"{scheme}://{rest.rstrip('/')}"
    if scheme in ("gs", "gcs"):
        raise ConfigError(
            f"{value!r}: Google Cloud Storage repositories are not supported yet "
            "(they will come with the 'replicate[gcs]' extra); use s3:// or a local path"
        )
    raise ConfigError(
        f"{value!r}: unsupported repository scheme {scheme!r}; use a local path, "
        "file:///absolute/path or s3://bucket[/root] (pip install 'replicate[s3]')"
    )


def _parse_metrics(value: Any, source: str) -> tuple[MetricSpec, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ConfigError(f"{source}: 'metrics' must be a list of {{name, goal, primary}}")
    specs: list[MetricSpec] = []
    for item in value:  # pyright: ignore[reportUnknownVariableType]
        entry = cast("dict[str, Any]", item) if isinstance(item, dict) else {}
        if not isinstance(entry.get("name"), str):
            raise ConfigError(f"{source}: each metric needs a 'name', got {item!r}")
        unknown = set(entry) - {"name", "goal", "primary"}
        if unknown:
            raise ConfigError(
                f"{source}: metric {entry['name']!r} has unknown keys {sorted(unknown)}; "
                "allowed: name, goal, primary"
            )
        goal = entry.get("goal")
        if goal is not None and goal not in GOALS:
            raise ConfigError(
                f"{source}: metric {entry['name']!r} has goal {goal!r}; use minimize or maximize"
            )
        primary = bool(entry.get("primary", False))
        if primary and goal is None:
            raise ConfigError(
                f"{source}: the primary metric {entry['name']!r} needs a goal "
                "(minimize or maximize)"
            )
        specs.append(MetricSpec(entry["name"], goal, primary))
    if sum(spec.primary for spec in specs) > 1:
        raise ConfigError(f"{source}: only one metric can be 'primary: true'")
    return tuple(specs)


def parse_config(data: Any, config_file: Path) -> ProjectConfig:
    """Validate the parsed YAML of a config file.

    Raises:
        ConfigError: the content is not a mapping, has unknown keys, sets both
            ``repository`` and ``storage``, or has invalid metrics.
    """
    source = str(config_file)
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise ConfigError(f"{source} must be a mapping of keys (repository:, metrics:)")
    mapping = dict(cast("Mapping[str, Any]", data))
    unknown = set(mapping) - _KNOWN_KEYS
    if unknown:
        raise ConfigError(
            f"{source}: unknown keys {sorted(unknown)}; allowed: repository, storage, metrics"
        )
    if "repository" in mapping and "storage" in mapping:
        raise ConfigError(
            f"{source} sets both 'repository' and 'storage': they are the same setting, "
            "keep only 'repository'"
        )
    directory = config_file.parent.resolve()
    setting = mapping.get("repository", mapping.get("storage"))
    if setting is not None and not isinstance(setting, str):
        raise ConfigError(f"{source}: 'repository' must be a string such as s3://bucket")
    repository = resolve_repository_url(setting or DEFAULT_REPOSITORY, directory)
    return ProjectConfig(
        directory=directory,
        repository=repository,
        metrics=_parse_metrics(mapping.get("metrics"), source),
        config_file=config_file,
        raw=mapping,
    )


def load_config(
    directory: str | Path | None = None, repository: str | None = None
) -> ProjectConfig:
    """The project's configuration.

    ``directory`` is where to start looking for ``replicate.yaml`` (default: the working
    directory). ``repository`` (like ``-R``) overrides the file's setting; then the
    project directory is ``directory``.

    Raises:
        ConfigError: the file cannot be parsed or is invalid (the message says what to fix).
    """
    start = Path(directory) if directory is not None else Path.cwd()
    if not start.is_dir():
        raise ConfigError(f"project directory {start} does not exist")
    override = (
        repository or os.environ.get("REPLICATE_REPOSITORY") or os.environ.get("REPLICATE_STORAGE")
    )
    if repository:
        return ProjectConfig(start.resolve(), resolve_repository_url(repository, Path.cwd()))
    config_file = find_config_file(start)
    if config_file is None:
        url = resolve_repository_url(override or DEFAULT_REPOSITORY, start.resolve())
        return ProjectConfig(start.resolve(), url)
    import yaml

    try:
        data = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ConfigError(f"cannot read {config_file}: {error}") from error
    config = parse_config(data, config_file)
    if override:
        url = resolve_repository_url(override, Path.cwd())
        return ProjectConfig(config.directory, url, config.metrics, config_file, config.raw)
    return config
