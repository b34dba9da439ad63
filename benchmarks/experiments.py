"""Experiment tracking benchmarks: init() blocking time, checkpoint() memory and throughput,
listing a large repository. Writes its section of benchmarks/RESULTS.md.

    python3 benchmarks/experiments.py              # all, 1 GB checkpoint (about 5 min)
    python3 benchmarks/experiments.py --size-mb 256 --no-write
    python3 benchmarks/experiments.py --only list  # listing rows only; the others are kept
    python3 benchmarks/experiments.py --only init --only list

Run with the tests' environment (it needs boto3 and moto[server]):
``.nox/tests/bin/python benchmarks/experiments.py``. Each measurement runs in a fresh
process; figures are medians. The S3 figures use moto's server in its own process on
127.0.0.1 (an S3 API, not S3's network), so they compare clients, not networks.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
START, END = "<!-- experiments:start -->", "<!-- experiments:end -->"


def run_child(code: str, cwd: Path, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``code`` in a fresh interpreter; it prints one ``RESULT {json}`` line."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})}
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    for line in result.stdout.splitlines():
        if line.startswith("RESULT "):
            return dict(json.loads(line[len("RESULT ") :]))
    raise RuntimeError(f"benchmark child failed:\n{result.stdout}\n{result.stderr}")


# --- init() on a 1,000-file, 10 MB project -------------------------------------------------

INIT_CHILD = """
    import time
    import replicate
    import replicate.experiments
    replicate.init  # loads the recording part: import cost is not init()'s
    start, cpu = time.perf_counter(), time.process_time()
    experiment = replicate.init(path=".", params={"learning_rate": 0.01}, quiet=True)
    blocking, blocking_cpu = time.perf_counter() - start, time.process_time() - cpu
    experiment.flush()
    total = time.perf_counter() - start
    experiment.stop()
    print("RESULT", {"blocking": blocking, "blocking_cpu": blocking_cpu, "total": total,
                     "files": experiment.files.count,
                     "bytes": experiment.files.size}.__repr__().replace("'", '"'))
"""


def bench_init(work: Path, rounds: int) -> dict[str, Any]:
    project = work / "init-project"
    for number in range(1000):
        path = project / f"pkg{number % 20}" / f"module{number}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(os.urandom(10 * 1024))
    (project / "replicate.yaml").write_text(f"repository: {work / 'init-repository'}\n")
    results = [run_child(INIT_CHILD, project) for _ in range(rounds)]
    return {
        "blocking_ms": statistics.median(r["blocking"] for r in results) * 1000,
        "blocking_cpu_ms": statistics.median(r["blocking_cpu"] for r in results) * 1000,
        "total_ms": statistics.median(r["total"] for r in results) * 1000,
        "files": results[0]["files"],
        "mb": results[0]["bytes"] / 1e6,
        "n": rounds,
    }


# --- checkpoint() of a large directory -----------------------------------------------------

CHECKPOINT_CHILD = """
    import json, os, threading, time
    import replicate
    from replicate.experiments import store as stores

    uploaded = [0]
    lock = threading.Lock()  # uploads run on several threads
    for cls in (stores.LocalStore, stores.S3Store):
        original = cls.put_file
        def counting(self, key, path, *, consume=False, _original=original):
            with lock:
                uploaded[0] += os.path.getsize(path)
            return _original(self, key, path, consume=consume)
        cls.put_file = counting

    def rss(field):
        for line in open("/proc/self/status"):
            if line.startswith(field):
                return int(line.split()[1]) * 1024
    experiment = replicate.init(path=None, params={}, quiet=True)
    experiment.flush()
    figures = {}
    for name in ("first", "unchanged"):
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")  # reset the peak (VmHWM) to the current size
        baseline = rss("VmRSS")
        uploaded[0] = 0
        start, cpu = time.perf_counter(), time.process_time()
        experiment.checkpoint(path="data", metrics={"loss": 1.0}, quiet=True)
        returned = time.perf_counter()
        experiment.flush()
        done = time.perf_counter()
        figures[name] = {"blocking": returned - start, "upload": done - returned,
                         "cpu": time.process_time() - cpu,
                         "total": done - start, "uploaded": uploaded[0],
                         "rss_growth": rss("VmHWM") - baseline}
    experiment.stop()
    print("RESULT " + json.dumps(figures))
"""

BOTO3_CHILD = """
    import json, os, time, boto3
    client = boto3.client("s3")
    bucket = os.environ["BENCH_BUCKET"]
    client.create_bucket(Bucket=bucket)
    start = time.perf_counter()
    total = 0
    for root, _, names in os.walk("data"):
        for name in sorted(names):
            path = os.path.join(root, name)
            client.upload_file(path, bucket, path)
            total += os.path.getsize(path)
    print("RESULT " + json.dumps({"seconds": time.perf_counter() - start, "bytes": total}))
"""


def make_data(project: Path, size_mb: int) -> int:
    """A checkpoint directory: a few large files and many small ones, ``size_mb`` in all."""
    data = project / "data"
    data.mkdir(parents=True)
    small_count = size_mb // 4  # a quarter of the bytes in 1 MiB files
    for number in range(small_count):
        (data / f"shard{number:04d}.bin").write_bytes(os.urandom(1024 * 1024))
    remaining = size_mb - small_count
    large = 4
    chunk = os.urandom(1024 * 1024)
    for number in range(large):
        with open(data / f"weights{number}.pt", "wb") as out:
            for _ in range(remaining // large):
                out.write(chunk[:-1] + bytes([number]))
    return sum(path.stat().st_size for path in data.iterdir())


def start_moto() -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    return server, endpoint


def bench_checkpoint(work: Path, size_mb: int) -> dict[str, Any]:
    project = work / "checkpoint-project"
    total_bytes = make_data(project, size_mb)
    results: dict[str, Any] = {"bytes": total_bytes}
    (project / "replicate.yaml").write_text(f"repository: {work / 'checkpoint-repository'}\n")
    results["local"] = run_child(CHECKPOINT_CHILD, project)
    shutil.rmtree(work / "checkpoint-repository", ignore_errors=True)

    server, endpoint = start_moto()
    try:
        env = {
            "AWS_ACCESS_KEY_ID": "bench",
            "AWS_SECRET_ACCESS_KEY": "bench",
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_ENDPOINT_URL_S3": endpoint,
        }
        import boto3

        client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                              aws_access_key_id="bench", aws_secret_access_key="bench")  # fmt: skip
        client.create_bucket(Bucket="bench-ours")
        (project / "replicate.yaml").write_text("repository: s3://bench-ours/repo\n")
        results["s3"] = run_child(CHECKPOINT_CHILD, project, env)
        results["boto3"] = run_child(BOTO3_CHILD, project, {**env, "BENCH_BUCKET": "bench-raw"})
    finally:
        server.terminate()
        server.wait()
    return results


# --- listing 10,000 experiments x 20 checkpoints -------------------------------------------

LIST_CHILD = """
    import json, time
    start = time.perf_counter()
    import replicate.experiments as experiments
    imported = time.perf_counter() - start

    def timed(function):
        start, cpu = time.perf_counter(), time.process_time()
        result = function()
        return result, time.perf_counter() - start, time.process_time() - cpu

    listed, wall, cpu = timed(experiments.list)
    figures = {"import": imported, "list": wall, "list_cpu": cpu, "experiments": len(listed)}
    _, figures["shown"], figures["shown_cpu"] = timed(
        lambda: [(e.best(), e.latest(), e.status) for e in experiments.list()])
    selected, figures["filtered"], figures["filtered_cpu"] = timed(
        lambda: experiments.list(filter="loss < 0.5", sort="loss-desc"))
    figures["selected"] = len(selected)
    target = listed[len(listed) // 2]
    _, figures["get"], _ = timed(lambda: experiments.get(target.id[:10]))
    repository = experiments.Project().repository
    _, figures["find"], _ = timed(lambda: repository.find(target.latest().id[:10]))
    figures["checkpoints"] = sum(len(e.checkpoints) for e in listed[:100]) * len(listed) // 100
    print("RESULT " + json.dumps(figures))
"""


def build_large_repository(root: Path, experiments: int, checkpoints: int) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from datetime import timedelta

    from replicate.experiments._document import encode_document
    from replicate.experiments._ids import new_id
    from replicate.experiments._model import Checkpoint, CheckpointList, Experiment, PrimaryMetric
    from replicate.experiments._timefmt import utc_now

    directory = root / "metadata" / "experiments"
    directory.mkdir(parents=True)
    (root / "repository.json").write_text('{"version": 2}')
    now = utc_now()
    primary = PrimaryMetric("loss", "minimize")
    for number in range(experiments):
        created = now - timedelta(minutes=number)
        experiment = Experiment(
            id=new_id(), created=created,
            params={"learning_rate": 10 ** -(number % 5), "layers": number % 7, "model": "resnet"},
            host="gpu-1", user="ana", command="python train.py", path=".",
            python_version="3.11.7", python_packages={"torch": "2.3.0", "numpy": "1.26.4"},
            checkpoints=CheckpointList(
                Checkpoint(id=new_id(), created=created + timedelta(seconds=step), step=step,
                           metrics={"loss": 1 / (step + 1 + number % 3), "accuracy": step / 20},
                           path="weights", primary_metric=primary)
                for step in range(checkpoints)
            ),
            ended=created + timedelta(minutes=1), exit="finished", replicate_version="0.1.0",
        )  # fmt: skip
        (directory / f"{experiment.id}.json").write_bytes(encode_document(experiment.to_json()))


def bench_list(work: Path, rounds: int) -> dict[str, Any]:
    project = work / "list-project"
    project.mkdir()
    (project / "replicate.yaml").write_text(f"repository: {work / 'list-repository'}\n")
    build_large_repository(work / "list-repository", 10_000, 20)
    cold: list[dict[str, Any]] = []
    warm: list[dict[str, Any]] = []
    for round_number in range(rounds):
        cache = {"REPLICATE_CACHE_DIR": str(work / f"list-cache-{round_number}")}
        cold.append(run_child(LIST_CHILD, project, cache))  # fills the listing cache
        warm.append(run_child(LIST_CHILD, project, cache))

    def median(results: list[dict[str, Any]], name: str) -> float:
        return statistics.median(result[name] for result in results)

    return {
        "cold_s": median(cold, "list"),
        "cold_cpu_s": median(cold, "list_cpu"),
        "list_s": median(warm, "list"),
        "list_cpu_s": median(warm, "list_cpu"),
        "shown_s": median(warm, "shown"),
        "shown_cpu_s": median(warm, "shown_cpu"),
        "filtered_s": median(warm, "filtered"),
        "filtered_cpu_s": median(warm, "filtered_cpu"),
        "get_ms": median(warm, "get") * 1000,
        "find_ms": median(warm, "find") * 1000,
        "import_ms": median(cold + warm, "import") * 1000,
        "experiments": warm[0]["experiments"],
        "checkpoints": warm[0]["checkpoints"],
        "n": rounds,
    }


# --- report ------------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "pass" if ok else "MISS"


def init_rows(init: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        ("init(), 1,000 files / 10 MB, local repository", "blocking time (CPU)",
         f"{init['blocking_ms']:.0f} ms ({init['blocking_cpu_ms']:.0f} ms)", "≤ 200 ms",
         verdict(init["blocking_ms"] <= 200), init["n"]),
        ("init(), 1,000 files / 10 MB, local repository", "until stored (background)",
         f"{init['total_ms']:.0f} ms", "", "", init["n"]),
    ]  # fmt: skip


def checkpoint_rows(checkpoint: dict[str, Any]) -> list[tuple[Any, ...]]:
    mib = 1024 * 1024
    local, s3, raw = checkpoint["local"], checkpoint["s3"], checkpoint["boto3"]
    size = checkpoint["bytes"]
    ours_s3 = size / s3["first"]["upload"] / 1e6
    ours_s3_total = size / s3["first"]["total"] / 1e6
    boto3_rate = raw["bytes"] / raw["seconds"] / 1e6
    return [
        (f"checkpoint() of {size / 1e9:.2f} GB, local repository", "peak RSS growth",
         f"{local['first']['rss_growth'] / mib:.1f} MiB", "≤ 64 MiB",
         verdict(local["first"]["rss_growth"] <= 64 * mib), 1),
        (f"checkpoint() of {size / 1e9:.2f} GB, local repository", "blocking (copy + hash)",
         f"{local['first']['blocking']:.2f} s", "", "", 1),
        (f"checkpoint() of {size / 1e9:.2f} GB, local repository", "until stored",
         f"{local['first']['total']:.2f} s", "", "", 1),
        ("same directory again, unchanged, local", "bytes uploaded",
         f"{local['unchanged']['uploaded']}", "0", verdict(local["unchanged"]["uploaded"] == 0), 1),
        (f"checkpoint() of {size / 1e9:.2f} GB to S3 (moto)", "peak RSS growth",
         f"{s3['first']['rss_growth'] / mib:.1f} MiB", "≤ 64 MiB",
         verdict(s3["first"]["rss_growth"] <= 64 * mib), 1),
        (f"checkpoint() of {size / 1e9:.2f} GB to S3 (moto)", "upload throughput (after return)",
         f"{ours_s3:.0f} MB/s ({ours_s3 / boto3_rate:.2f}x boto3)", "≥ 0.8x boto3 upload_file",
         verdict(ours_s3 >= 0.8 * boto3_rate), 1),
        (f"checkpoint() of {size / 1e9:.2f} GB to S3 (moto)", "end to end (copy, hash, upload)",
         f"{ours_s3_total:.0f} MB/s ({ours_s3_total / boto3_rate:.2f}x boto3)", "", "", 1),
        (f"boto3 upload_file of the same {raw['bytes'] / 1e9:.2f} GB, file by file",
         "throughput", f"{boto3_rate:.0f} MB/s", "", "", 1),
        ("same directory again, unchanged, S3", "bytes uploaded",
         f"{s3['unchanged']['uploaded']}", "0", verdict(s3["unchanged"]["uploaded"] == 0), 1),
    ]  # fmt: skip


LIST_WORKLOAD = "list 10,000 experiments x 20 checkpoints, local"


def list_rows(listing: dict[str, Any]) -> list[tuple[Any, ...]]:
    n = listing["n"]
    return [
        (LIST_WORKLOAD, "experiments.list(), no listing cache yet: wall (CPU)",
         f"{listing['cold_s']:.2f} s ({listing['cold_cpu_s']:.2f} s)",
         "≤ 2 s", verdict(listing["cold_s"] <= 2), n),
        (LIST_WORKLOAD, "experiments.list(), later (cache): wall (CPU)",
         f"{listing['list_s']:.2f} s ({listing['list_cpu_s']:.2f} s)",
         "≤ 2 s", verdict(listing["list_s"] <= 2), n),
        (LIST_WORKLOAD, "list, then best(), latest(), status of each (what ls shows): wall (CPU)",
         f"{listing['shown_s']:.2f} s ({listing['shown_cpu_s']:.2f} s)", "", "", n),
        (LIST_WORKLOAD, "filter on a metric, sort by it: wall (CPU)",
         f"{listing['filtered_s']:.2f} s ({listing['filtered_cpu_s']:.2f} s)", "", "", n),
        (LIST_WORKLOAD, "experiments.get(10-char prefix)",
         f"{listing['get_ms']:.0f} ms", "", "", n),
        (LIST_WORKLOAD, "Repository.find(checkpoint prefix), cache filled",
         f"{listing['find_ms']:.0f} ms", "", "", n),
        ("import replicate.experiments (fresh process)", "wall",
         f"{listing['import_ms']:.0f} ms", "", "", 2 * n),
    ]  # fmt: skip


def render_rows(rows: list[tuple[Any, ...]]) -> list[str]:
    return [f"| {a} | {b} | {c} | {d} | {e} | {f} |" for a, b, c, d, e, f in rows]


def machine_note(load_before: float) -> str:
    return (
        f"({platform.python_version()}, {os.cpu_count()} cores, load average {load_before:.1f} "
        f"at the start, {os.getloadavg()[0]:.1f} at the end: other work shared the cores, so "
        "wall times are inflated; CPU times are shown beside them)"
    )


def report(init: dict[str, Any], checkpoint: dict[str, Any], listing: dict[str, Any],
           size_mb: int, elapsed: float, load_before: float) -> str:  # fmt: skip
    lines = [
        START,
        "## Experiment tracking",
        "",
        f"Written by `benchmarks/experiments.py` on {time.strftime('%Y-%m-%d')} in "
        f"{elapsed / 60:.1f} minutes {machine_note(load_before)}. "
        "Each figure comes from fresh processes (median of `n`). The S3 rows use moto's "
        "server in its own process on 127.0.0.1, so they compare clients, not networks; "
        "boto3's figure is `upload_file` called file by file with its default settings.",
        "",
        "| workload | metric | figure | target | verdict | n |",
        "| --- | --- | --- | --- | --- | --- |",
        *render_rows(init_rows(init) + checkpoint_rows(checkpoint) + list_rows(listing)),
        "",
    ]
    if size_mb < 1024:
        lines.append(f"The checkpoint rows use {size_mb} MiB instead of 1 GiB (`--size-mb`).")
        lines.append("")
    lines.append(END)
    return "\n".join(lines) + "\n"


# Which rows belong to which part, by the start of their first cell.
PART_ROWS = {
    "init": ("| init(",),
    "checkpoint": ("| checkpoint(", "| same directory", "| boto3"),
    "list": ("| list ", "| import replicate.experiments"),
}


def report_parts(new_rows: dict[str, list[tuple[Any, ...]]], elapsed: float,
                 load_before: float) -> str:  # fmt: skip
    """The section with the rows of the parts measured replaced, the others kept as they were."""
    text = RESULTS.read_text() if RESULTS.exists() else ""
    section = text.partition(START)[2].partition(END)[0]
    lines = section.splitlines()
    earlier = [line for line in lines if line.startswith("Written by")]
    notes = [line for line in lines if line.startswith("The checkpoint rows")]
    rows: list[str] = []
    for part, prefixes in PART_ROWS.items():
        if part in new_rows:
            rows += render_rows(new_rows[part])
        else:
            rows += [line for line in lines if line.startswith(prefixes)]
    names = " and ".join(sorted(new_rows))
    flags = " ".join(f"--only {name}" for name in sorted(new_rows))
    return "\n".join([
        START,
        "## Experiment tracking",
        "",
        *(earlier or ["(no earlier full run)"]),
        "",
        f"The {names} rows were rerun by `benchmarks/experiments.py {flags}` on "
        f"{time.strftime('%Y-%m-%d')} in {elapsed / 60:.1f} minutes "
        f"{machine_note(load_before)}; the other rows are from the run above.",
        "",
        "| workload | metric | figure | target | verdict | n |",
        "| --- | --- | --- | --- | --- | --- |",
        *rows,
        "",
        *([*notes, ""] if notes else []),
        END,
    ]) + "\n"  # fmt: skip


def write_section(section: str) -> None:
    text = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n"
    if START in text and END in text:
        before, _, rest = text.partition(START)
        _, _, after = rest.partition(END)
        text = before + section.rstrip("\n") + after
    else:
        text = text.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size-mb", type=int, default=1024, help="checkpoint size (MiB)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="print, do not update RESULTS.md")
    parser.add_argument(
        "--only",
        action="append",
        choices=["init", "list"],
        help="run only these rows (repeatable); keep the others in RESULTS.md",
    )
    args = parser.parse_args()
    started, load_before = time.perf_counter(), os.getloadavg()[0]
    with tempfile.TemporaryDirectory(
        prefix="replicate-bench-", dir=os.environ.get("BENCH_TMP")
    ) as scratch:
        work = Path(scratch)
        if args.only:
            measured: dict[str, list[tuple[Any, ...]]] = {}
            if "init" in args.only:
                init = bench_init(work, args.rounds)
                print("init", init, flush=True)
                measured["init"] = init_rows(init)
            if "list" in args.only:
                listing = bench_list(work, args.rounds)
                print("list", listing, flush=True)
                measured["list"] = list_rows(listing)
            section = report_parts(measured, time.perf_counter() - started, load_before)
            print(section)
            if not args.no_write:
                write_section(section)
            return
        init = bench_init(work, args.rounds)
        print("init", init, flush=True)
        listing = bench_list(work, max(args.rounds - 2, 1))
        print("list", listing, flush=True)
        checkpoint = bench_checkpoint(work, args.size_mb)
        print("checkpoint", json.dumps(checkpoint), flush=True)
    elapsed = time.perf_counter() - started
    section = report(init, checkpoint, listing, args.size_mb, elapsed, load_before)
    print(section)
    if not args.no_write:
        write_section(section)


if __name__ == "__main__":
    main()
