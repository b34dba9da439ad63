"""Command line: ``python -m codegen [--check] | sync --from SPEC | unasync``.

``python -m codegen``          regenerate everything from ``openapi.json``
``python -m codegen --check``  regenerate into a temporary copy; fail on any difference
``python -m codegen unasync``  only regenerate the sync twins of ``_async`` trees
``python -m codegen sync --from PATH_OR_URL``  rebuild ``openapi.json`` from the published spec
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .pipeline import check_generated, generate_all, run_unasync_step

__all__ = ["main"]


def _repo_root() -> Path:
    return Path(__file__).resolve().parent.parent


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit status."""
    parser = argparse.ArgumentParser(prog="python -m codegen", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="fail if generated files are out of date"
    )
    parser.add_argument(
        "--root", type=Path, default=None, help="repository root (default: this checkout)"
    )
    commands = parser.add_subparsers(dest="command")
    sync = commands.add_parser("sync", help="rebuild openapi.json from Replicate's published spec")
    sync.add_argument(
        "--from", dest="source", required=True, help="path or URL of the published spec"
    )
    unasync = commands.add_parser("unasync", help="only regenerate the sync twins")
    unasync.add_argument(
        "--allow-unused",
        action="store_true",
        help="while the async code is still being written, report unused rules without failing",
    )
    args = parser.parse_args(argv)
    root: Path = (args.root or _repo_root()).resolve()

    if args.command == "sync":
        from .spec_sync import sync_spec

        sync_spec(args.source, root / "openapi.json")
        print(f"wrote {root / 'openapi.json'}")
        return 0
    if args.command == "unasync":
        return run_unasync_step(root, allow_unused=args.allow_unused)
    if args.check:
        return check_generated(root)
    return generate_all(root)


if __name__ == "__main__":
    sys.exit(main())
