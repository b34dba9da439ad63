"""The 1.x client (``replicate==1.0.7``, hand-written) through its public API."""

from __future__ import annotations

import asyncio
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

    # 1.x appends "/v1/..." itself, so it takes the server's root.
    return replicate.Client(api_token=TOKEN, base_url=ctx.root_url)


def import_time(ctx: Context) -> dict[str, Any]:
    started = time.perf_counter()
    import replicate  # noqa: F401

    return {"seconds": time.perf_counter() - started}


def construct(ctx: Context) -> dict[str, Any]:
    """Seconds to make one client (after the first, which pays for imports)."""
    count = ctx.param("clients")
    client_for(ctx)
    started = time.perf_counter()
    for _ in range(count):
        client_for(ctx)
    return {"seconds": (time.perf_counter() - started) / count}


def sync_get(ctx: Context) -> dict[str, Any]:
    client = client_for(ctx)
    calls = ctx.param("calls")
    client.predictions.get("warmup")
    wall, cpu = time.perf_counter(), cpu_seconds()
    for index in range(calls):
        client.predictions.get(f"p{index}")
    cpu, wall = cpu_seconds() - cpu, time.perf_counter() - wall
    return {"cpu_per_call": cpu / calls, "wall_per_call": wall / calls}


def async_create(ctx: Context) -> dict[str, Any]:
    if ctx.param("transport") != "default":
        raise Unsupported("1.x has no aiohttp-backed transport")
    calls, tasks = ctx.param("calls"), ctx.param("tasks")

    async def worker(client: Any, count: int) -> None:
        for _ in range(count):
            await client.predictions.async_create(
                version=ctx.param("version"), input={"prompt": "hello"}
            )

    async def main() -> None:
        client = client_for(ctx)
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
    client = client_for(ctx)
    started = time.perf_counter()
    first = 0.0
    events = 0
    for event in client.stream(f"bench/model:{ctx.param('version')}", input={"prompt": "hello"}):
        if event.event.value == "output":  # 1.x event kinds are an Enum
            events += 1
            if events == 1:
                first = time.perf_counter() - started
    elapsed = time.perf_counter() - started
    return {"events": events, "events_per_second": events / elapsed, "first_event": first}


def upload(ctx: Context) -> dict[str, Any]:
    client = client_for(ctx)
    client.predictions.get("warmup")
    path = ctx.param("path")
    before = rss_bytes()
    reset_peak_rss()
    started = time.perf_counter()
    if ctx.param("mode") == "path":
        client.files.create(path)
    else:
        with open(path, "rb") as file:
            client.files.create(file)
    elapsed = time.perf_counter() - started
    return {"seconds": elapsed, "rss_growth": peak_rss_bytes() - before}


def paginate(ctx: Context) -> dict[str, Any]:
    import replicate

    client = client_for(ctx)
    client.predictions.get("warmup")
    items = 0
    cpu = cpu_seconds()
    for page in replicate.paginate(client.predictions.list):
        for _prediction in page.results:
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
