"""A second reference for concurrent creates: plain aiohttp, the fastest common asyncio client."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from _common import TOKEN, Context, cpu_seconds, peak_rss_bytes, reset_peak_rss, run_driver


def async_create(ctx: Context) -> dict[str, Any]:
    import aiohttp

    calls, tasks = ctx.param("calls"), ctx.param("tasks")
    body = {"version": ctx.param("version"), "input": {"prompt": "hello"}}
    url = ctx.api_url + "/predictions"

    async def worker(session: aiohttp.ClientSession, count: int) -> None:
        for _ in range(count):
            async with session.post(url, json=body) as response:
                response.raise_for_status()
                await response.json()

    async def main() -> None:
        headers = {"Authorization": f"Bearer {TOKEN}"}
        async with aiohttp.ClientSession(headers=headers) as session:
            await asyncio.gather(*(worker(session, calls // tasks) for _ in range(tasks)))

    reset_peak_rss()
    wall, cpu = time.perf_counter(), cpu_seconds()
    asyncio.run(main())
    cpu, wall = cpu_seconds() - cpu, time.perf_counter() - wall
    return {
        "calls_per_second": calls / wall,
        "cpu_per_call": cpu / calls,
        "peak_rss": peak_rss_bytes(),
    }


if __name__ == "__main__":
    run_driver({"async_create": async_create})
