"""Repository URLs of stores that do not exist yet fail at once, saying what to use instead."""

from __future__ import annotations

from pathlib import Path

import pytest

import replicate
from replicate.experiments import ConfigError, Project, open_repository
from replicate.experiments.store import open_store

GCS = r"Google Cloud Storage repositories are not supported yet .*replicate\[gcs\]"
OTHER = r"unsupported repository scheme 'az'.*s3://bucket.*pip install 'replicate\[s3\]'"


@pytest.mark.parametrize(("url", "message"), [("gs://bucket/root", GCS), ("az://c/d", OTHER)])
def test_every_way_of_naming_a_repository_gives_the_same_clear_error(
    url: str, message: str, project: Path
) -> None:
    with pytest.raises(ConfigError, match=message):
        open_repository(url)
    with pytest.raises(ConfigError, match=message):
        Project(repository=url).experiments.list()
    with pytest.raises(ConfigError, match=message):
        replicate.init(path=None, params={}, repository=url)
    with pytest.raises(ConfigError, match=message):
        open_store(url)  # the store layer alone says the same
