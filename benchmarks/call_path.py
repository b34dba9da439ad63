"""What lies between ``replicate.run("owner/name", input=...)`` and httpx.

Counts, for one run against the emulator served on loopback (no network):

- **frames**: the stack frames from the ``replicate.run`` call down to the first
  ``httpx.Client.send`` (both excluded), as a traceback would show them;
- **modules on the stack**: the distinct modules of those frames;
- **modules touched**: the distinct modules of this package whose functions ran
  between the call and that first send (found with a profile hook).

Run with the test environment: ``python benchmarks/call_path.py``.
"""

from __future__ import annotations

import os
import sys
from types import FrameType
from typing import Any

import httpx

import replicate
from replicate.testing import DEFAULT_TOKEN, Emulator, SystemClock


def main() -> None:
    emulator = Emulator(clock=SystemClock(speed=1000))
    with emulator.serve() as server:
        os.environ["REPLICATE_API_TOKEN"] = DEFAULT_TOKEN
        os.environ["REPLICATE_BASE_URL"] = server.base_url
        measure()


def measure() -> None:
    stack: list[str] = []
    touched: list[str] = []
    original_send = httpx.Client.send

    def send(self: httpx.Client, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        if not stack:
            frame: FrameType | None = sys._getframe(1)
            while frame is not None and frame.f_code.co_name != "measure":
                stack.append(f"{frame.f_globals.get('__name__')}.{frame.f_code.co_qualname}")
                frame = frame.f_back
            sys.setprofile(None)
        return original_send(self, request, **kwargs)

    def profile(frame: FrameType, event: str, arg: object) -> None:
        if event == "call":
            module = frame.f_globals.get("__name__", "")
            if module.startswith("replicate") and module not in touched:
                touched.append(module)

    httpx.Client.send = send  # type: ignore[method-assign]
    replicate.run(
        "black-forest-labs/flux-schnell", input={"prompt": "a cat"}, use_file_output=False
    )  # warm
    stack.clear()
    sys.setprofile(profile)
    replicate.run(
        "black-forest-labs/flux-schnell", input={"prompt": "a cat"}, use_file_output=False
    )
    sys.setprofile(None)
    httpx.Client.send = original_send  # type: ignore[method-assign]
    frames = [name for name in reversed(stack) if not name.startswith("__main__")]
    on_stack = sorted({name.rsplit(".", 1)[0] for name in frames})
    print(f"frames between the call and httpx: {len(frames)}")
    for name in frames:
        print(f"  {name}")
    print(f"modules on the stack: {len(on_stack)}")
    print(f"modules touched: {len(touched)}")
    for module in sorted(touched):
        print(f"  {module}")


if __name__ == "__main__":
    main()
