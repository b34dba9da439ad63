"""Fan out: twenty predictions at once on one AsyncReplicate, with asyncio.TaskGroup (Python 3.11+).

export REPLICATE_API_TOKEN=r8_...
python examples/fanout.py
"""

from __future__ import annotations

import asyncio
import time

import replicate

MODEL = "replicate/hello-world"
GUESTS = [f"guest {number}" for number in range(1, 21)]
MAX_RUNNING = 10


async def greet(client: replicate.AsyncReplicate, limit: asyncio.Semaphore, guest: str) -> str:
    # The semaphore caps how many predictions run at once: a habit worth keeping when a
    # list can grow to thousands, since creating predictions is rate limited.
    async with limit:
        output = await client.run(MODEL, input={"text": guest})
    return str(output)


async def main() -> None:
    started = time.perf_counter()
    # One client for every task: they share its connection pool, so twenty concurrent
    # predictions reuse a handful of connections instead of opening twenty.
    async with replicate.AsyncReplicate() as client:
        limit = asyncio.Semaphore(MAX_RUNNING)
        # The TaskGroup waits for all its tasks. If one raises, it cancels the others and
        # raises their errors together in an ExceptionGroup.
        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(greet(client, limit, guest)) for guest in GUESTS]

    # Results come back in the order the tasks were created, whatever order they finished in.
    for guest, task in zip(GUESTS, tasks):
        print(f"{guest}: {task.result()}")
    print(f"{len(tasks)} predictions in {time.perf_counter() - started:.1f}s")


if __name__ == "__main__":
    asyncio.run(main())
