"""The 2.x client (``replicate==2.0.0b4``, generated) through its public API."""

from __future__ import annotations

import asyncio
import pathlib
import time
from typing import Any

from _common import (
    TOKEN,
    Context,
    Unsupported,
    cpu_seconds,
    peak_rss_bytes,
    reset_peak_rss,
    rss_bytes,
    run_driver,
)


def client_for(ctx: Context) -> Any:
    import replicate

    return replicate.Replicate(bearer_token=TOKEN, base_url=ctx.api_url)


def import_time(ctx: Context) -> dict[str, Any]:
    started = time.perf_counter()
    import replicate  # noqa: F401

    return {"seconds": time.perf_counter() - started}


def construct(ctx: Context) -> dict[str, Any]:
    """Seconds to make one client (after the first, which pays for imports)."""
    count = ctx.param("clients")
    client_for(ctx).close()
    started = time.perf_counter()
    for _ in range(count):
        client_for(ctx).close()
    return {"seconds": (time.perf_counter() - started) / count}


def sync_get(ctx: Context) -> dict[str, Any]:
    client = client_for(ctx)
    calls = ctx.param("calls")
    client.predictions.get(prediction_id="warmup")
    wall, cpu = time.perf_counter(), cpu_seconds()
    for index in range(calls):
        client.predictions.get(prediction_id=f"p{index}")
    cpu, wall = cpu_seconds() - cpu, time.perf_counter() - wall
    return {"cpu_per_call": cpu / calls, "wall_per_call": wall / calls}


def async_create(ctx: Context) -> dict[str, Any]:
    import replicate

    calls, tasks = ctx.param("calls"), ctx.param("tasks")

    async def worker(client: Any, count: int) -> None:
        for _ in range(count):
            await client.predictions.create(version=ctx.param("version"), input={"prompt": "hello"})

    async def main() -> None:
        options: dict[str, Any] = {}
        if ctx.param("transport") == "aiohttp":
            options["http_client"] = replicate.DefaultAioHttpClient()
        async with replicate.AsyncReplicate(
            bearer_token=TOKEN, base_url=ctx.api_url, **options
        ) as client:
            await asyncio.gather(*(worker(client, calls // tasks) for _ in range(tasks)))

    reset_peak_rss()
    wall, cpu = time.perf_counter(), cpu_seconds()
    asyncio.run(main())
    cpu, wall = cpu_seconds() - cpu, time.perf_counter() - wall
    return {
        "calls_per_second": calls / wall,
        "cpu_per_call": cpu / calls,
        "peak_rss": peak_rss_bytes(),
    }


def run_short(ctx: Context) -> dict[str, Any]:
    client = client_for(ctx)
    ref = f"bench/model:{ctx.param('version')}"
    beyond: list[float] = []
    for _ in range(ctx.param("calls")):
        started = time.perf_counter()
        client.run(ref, input={"prompt": "hello"})
        beyond.append(time.perf_counter() - started - ctx.param("seconds"))
    later = sorted(beyond[1:]) or beyond
    return {"first_beyond": beyond[0], "later_beyond": later[len(later) // 2], "calls": len(beyond)}


def run_long(ctx: Context) -> dict[str, Any]:
    client_for(ctx).run(f"bench/model:{ctx.param('version')}", input={"prompt": "hello"})
    return {"returned_at": time.monotonic()}


def sse(ctx: Context) -> dict[str, Any]:
    raise Unsupported("2.x stream() polls the prediction's output; it reads no server-sent events")


def upload(ctx: Context) -> dict[str, Any]:
    client = client_for(ctx)
    client.predictions.get(prediction_id="warmup")
    path = ctx.param("path")
    before = rss_bytes()
    reset_peak_rss()
    started = time.perf_counter()
    if ctx.param("mode") == "path":
        client.files.create(content=pathlib.Path(path))
    else:
        with open(path, "rb") as file:
            client.files.create(content=file)
    elapsed = time.perf_counter() - started
    return {"seconds": elapsed, "rss_growth": peak_rss_bytes() - before}


def paginate(ctx: Context) -> dict[str, Any]:
    client = client_for(ctx)
    client.predictions.get(prediction_id="warmup")
    items = 0
    cpu = cpu_seconds()
    for _prediction in client.predictions.list():
        items += 1
    cpu = cpu_seconds() - cpu
    return {"items": items, "cpu_per_item": cpu / items}


if __name__ == "__main__":
    run_driver(
        {
            "import": import_time,
            "construct": construct,
            "sync_get": sync_get,
            "async_create": async_create,
            "run_short": run_short,
            "run_long": run_long,
            "sse": sse,
            "upload": upload,
            "paginate": paginate,
        }
    )
