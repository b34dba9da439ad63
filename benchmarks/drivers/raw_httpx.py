"""The baseline: plain httpx doing the same HTTP work as the SDK calls, and nothing more."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

from _common import (
    TOKEN,
    Context,
    cpu_seconds,
    peak_rss_bytes,
    reset_peak_rss,
    rss_bytes,
    run_driver,
)

HEADERS = {"Authorization": f"Bearer {TOKEN}"}
TERMINAL = {"succeeded", "failed", "canceled"}


def import_time(ctx: Context) -> dict[str, Any]:
    started = time.perf_counter()
    import httpx  # noqa: F401

    return {"seconds": time.perf_counter() - started}


def construct(ctx: Context) -> dict[str, Any]:
    """Seconds to make one client (after the first, which pays for imports)."""
    count = ctx.param("clients")
    import httpx

    httpx.Client(base_url=ctx.api_url, headers=HEADERS).close()
    started = time.perf_counter()
    for _ in range(count):
        httpx.Client(base_url=ctx.api_url, headers=HEADERS).close()
    return {"seconds": (time.perf_counter() - started) / count}


def sync_get(ctx: Context) -> dict[str, Any]:
    import httpx

    calls = ctx.param("calls")
    with httpx.Client(base_url=ctx.api_url, headers=HEADERS) as client:
        client.get("/predictions/warmup").json()
        wall, cpu = time.perf_counter(), cpu_seconds()
        for index in range(calls):
            client.get(f"/predictions/p{index}").json()
        cpu, wall = cpu_seconds() - cpu, time.perf_counter() - wall
    return {"cpu_per_call": cpu / calls, "wall_per_call": wall / calls}


def async_create(ctx: Context) -> dict[str, Any]:
    import httpx

    calls, tasks = ctx.param("calls"), ctx.param("tasks")
    body = {"version": ctx.param("version"), "input": {"prompt": "hello"}}

    async def worker(client: httpx.AsyncClient, count: int) -> None:
        for _ in range(count):
            response = await client.post("/predictions", json=body)
            response.raise_for_status()
            response.json()

    async def main() -> None:
        async with httpx.AsyncClient(base_url=ctx.api_url, headers=HEADERS) as client:
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


def wait_for(client: Any, version: str, poll_interval: float) -> dict[str, Any]:
    response = client.post(
        "/predictions",
        json={"version": version, "input": {"prompt": "hello"}},
        headers={"Prefer": "wait"},
        timeout=70,
    )
    prediction: dict[str, Any] = json.loads(response.content)
    while prediction["status"] not in TERMINAL:
        time.sleep(poll_interval)
        prediction = json.loads(client.get(f"/predictions/{prediction['id']}").content)
    return prediction


def run_short(ctx: Context) -> dict[str, Any]:
    import httpx

    calls, version, poll = ctx.param("calls"), ctx.param("version"), ctx.param("poll_interval")
    beyond: list[float] = []
    with httpx.Client(base_url=ctx.api_url, headers=HEADERS) as client:
        for _ in range(calls):
            started = time.perf_counter()
            wait_for(client, version, poll)
            beyond.append(time.perf_counter() - started - ctx.param("seconds"))
    later = sorted(beyond[1:]) or beyond
    return {"first_beyond": beyond[0], "later_beyond": later[len(later) // 2], "calls": len(beyond)}


def run_long(ctx: Context) -> dict[str, Any]:
    import httpx

    with httpx.Client(base_url=ctx.api_url, headers=HEADERS) as client:
        wait_for(client, ctx.param("version"), ctx.param("poll_interval"))
    return {"returned_at": time.monotonic()}


def sse(ctx: Context) -> dict[str, Any]:
    import httpx

    with httpx.Client(base_url=ctx.api_url, headers=HEADERS, timeout=60) as client:
        started = time.perf_counter()
        prediction = client.post(
            "/predictions",
            json={"version": ctx.param("version"), "input": {"prompt": "hello"}, "stream": True},
        ).json()
        first = 0.0
        events = 0
        headers = {"Accept": "text/event-stream", "Cache-Control": "no-store"}
        with client.stream("GET", prediction["urls"]["stream"], headers=headers) as response:
            event, data = "", []
            for line in response.iter_lines():
                if line:
                    field, _, value = line.partition(":")
                    if field == "event":
                        event = value.lstrip()
                    elif field == "data":
                        data.append(value[1:] if value.startswith(" ") else value)
                    continue
                if event == "output":
                    "\n".join(data)
                    events += 1
                    if events == 1:
                        first = time.perf_counter() - started
                elif event == "done":
                    break
                event, data = "", []
        elapsed = time.perf_counter() - started
    return {"events": events, "events_per_second": events / elapsed, "first_event": first}


def upload(ctx: Context) -> dict[str, Any]:
    import httpx

    path = ctx.param("path")
    with httpx.Client(base_url=ctx.api_url, headers=HEADERS, timeout=300) as client:
        client.get("/predictions/warmup")
        before = rss_bytes()
        reset_peak_rss()
        started = time.perf_counter()
        with open(path, "rb") as file:
            response = client.post(
                "/files",
                files={"content": ("upload.bin", file, "application/octet-stream")},
                data={"filename": "upload.bin", "type": "application/octet-stream"},
            )
        response.raise_for_status()
        elapsed = time.perf_counter() - started
    return {"seconds": elapsed, "rss_growth": peak_rss_bytes() - before}


def paginate(ctx: Context) -> dict[str, Any]:
    import httpx

    with httpx.Client(base_url=ctx.api_url, headers=HEADERS) as client:
        client.get("/predictions/warmup")
        items = 0
        cpu = cpu_seconds()
        url: str | None = "/predictions"
        while url:
            page = json.loads(client.get(url).content)
            items += len(page["results"])
            url = page["next"]
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
