"""What must hold in a repository whatever happened to its writers."""

from __future__ import annotations

import hashlib

from replicate.experiments import Repository
from replicate.experiments._layout import manifest_key, object_key
from replicate.experiments._model import FileSet
from replicate.experiments.store import Store


def check_files(store: Store, files: FileSet) -> None:
    assert store.exists(manifest_key(files.manifest)), f"manifest {files.manifest} missing"
    entries = Repository(store).read_manifest(files.manifest)
    assert len(entries) == files.count
    assert sum(entry.size for entry in entries) == files.size
    for entry in entries:
        data, _ = store.get(object_key(entry.sha256))
        assert len(data) == entry.size and hashlib.sha256(data).hexdigest() == entry.sha256


def check_repository(store: Store) -> int:
    """Every listed experiment and checkpoint is complete; returns the checkpoint count."""
    count = 0
    for experiment in Repository(store).list_experiments():  # every document parses
        if experiment.files is not None:
            check_files(store, experiment.files)
        for checkpoint in experiment.checkpoints:
            count += 1
            if checkpoint.files is not None:
                check_files(store, checkpoint.files)
    return count
