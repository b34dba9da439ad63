"""``python -m replicate.testing serve``: run the emulator as a local HTTP server."""

from __future__ import annotations

import argparse
import sys
import threading
from typing import Sequence

from ._clock import SystemClock
from ._emulator import DEFAULT_TOKEN, Emulator

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m replicate.testing", description="A local emulator of Replicate's HTTP API."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the API on 127.0.0.1 until interrupted")
    serve.add_argument("--port", type=int, default=0, help="API port (default: a free one)")
    serve.add_argument(
        "--files-port", type=int, default=0, help="output-files port (default: a free one)"
    )
    serve.add_argument(
        "--token", action="append", help=f"accepted token, repeatable (default: {DEFAULT_TOKEN})"
    )
    serve.add_argument(
        "--speed", type=float, default=1.0, help="how much faster than real time models run"
    )
    serve.add_argument("--page-size", type=int, default=100, help="items per list page")
    return parser


def main(argv: Sequence[str] | None = None, *, stop: threading.Event | None = None) -> int:
    """Run the CLI; ``stop`` (for tests) ends serving when set, else Ctrl-C does."""
    args = _parser().parse_args(argv)
    emulator = Emulator(
        tokens=args.token or (DEFAULT_TOKEN,),
        clock=SystemClock(speed=args.speed),
        page_size=args.page_size,
    )
    with emulator, emulator.serve(port=args.port, files_port=args.files_port) as server:
        print(f"Replicate emulator at {server.base_url} (files at {server.files_url})", flush=True)
        print(f"export REPLICATE_API_TOKEN={(args.token or [DEFAULT_TOKEN])[0]}", flush=True)
        print(f"export REPLICATE_BASE_URL={server.base_url}", flush=True)
        waiter = stop or threading.Event()
        try:
            while not waiter.wait(0.5):
                pass
        except KeyboardInterrupt:
            print("stopped", file=sys.stderr)
    return 0
