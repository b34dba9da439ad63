"""``import replicate`` stays as fast as before: experiment tracking loads on first use."""

from __future__ import annotations

import subprocess
import sys

from experiments.conftest import subprocess_environment

HEAVY = ("replicate.experiments", "yaml", "boto3", "botocore", "pathspec")


def importtime_modules(code: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        env=subprocess_environment(),
        capture_output=True,
        text=True,
        check=True,
    )
    modules: set[str] = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            modules.add(line.rsplit("|", 1)[1].strip())
    return modules


def test_import_replicate_loads_no_experiment_tracking() -> None:
    modules = importtime_modules("import replicate")
    assert "replicate" in modules  # the measurement works
    loaded = {name for name in modules if name.split(".")[0] in HEAVY or name in HEAVY}
    assert not loaded, f"import replicate loaded {sorted(loaded)}"


def test_tracking_names_resolve_on_first_use() -> None:
    modules = importtime_modules(
        "import replicate\n"
        "from replicate.experiments import Experiment, Project\n"
        "assert replicate.init is replicate.experiments.init\n"
        "assert replicate.checkpoint is replicate.experiments.checkpoint\n"
        "assert replicate.Project is Project\n"
        "assert callable(replicate.experiments.list) and callable(replicate.experiments.get)\n"
    )
    assert "replicate.experiments" in modules
    # Reading results needs neither boto3 (S3 only) nor pathspec (saving only).
    assert "boto3" not in modules and "pathspec" not in modules


RECORDING = (
    "replicate.experiments._api",
    "replicate.experiments._run",
    "replicate.experiments._uploader",
    "replicate.experiments._snapshot",
    "replicate.experiments._heartbeat",
    "concurrent.futures",
    "tarfile",
)


def test_reading_results_does_not_load_the_recording_machinery() -> None:
    modules = importtime_modules(
        "import replicate.experiments as experiments\n"
        "experiments.Project(repository='memory://lazy').experiments.list()\n"
    )
    assert "replicate.experiments._repo" in modules  # the measurement works
    loaded = sorted(name for name in RECORDING if name in modules)
    assert not loaded, f"reading results loaded {loaded}"
    # The recording names still resolve, loading it then.
    modules = importtime_modules("import replicate.experiments as e\nassert callable(e.init)")
    assert "replicate.experiments._run" in modules
