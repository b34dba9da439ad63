"""``replicate file upload|list|get|download|delete``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

from .api_common import (
    add_action,
    add_actions,
    add_list_options,
    as_json,
    make_client,
    print_fields,
    print_listing,
    short_time,
    take,
)
from .errors import CLIError, UsageError

if TYPE_CHECKING:
    from .console import Console

__all__ = ["PROGRESS_THRESHOLD", "configure"]

PROGRESS_THRESHOLD = 1024 * 1024
"""Uploads at least this big show a progress bar (on a terminal)."""


def configure(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``replicate file``."""
    actions = add_actions(parser)
    upload = add_action(actions, "upload", "Upload a file and print its id and URL", _upload)
    upload.add_argument("path", metavar="PATH", type=Path, help="the file to upload")
    upload.add_argument("--metadata", metavar="JSON", help="a JSON object to keep with the file")
    upload.add_argument("--json", action="store_true", help="print the file's record as JSON")
    upload.add_argument("-q", "--quiet", action="store_true", help="print only the file's id")
    listing = add_action(
        actions, "list", "List your uploaded files, newest first", _list, aliases=["ls"]
    )
    add_list_options(listing)
    get = add_action(actions, "get", "Show a file's record", _get)
    get.add_argument("id", metavar="ID", help="the file's id")
    get.add_argument("--json", action="store_true", help="print it as JSON")
    download = add_action(
        actions,
        "download",
        "Download a file from its signed download URL (or its id and the URL's parameters)",
        _download,
    )
    download.add_argument("source", metavar="URL|ID", help="the download URL, or the file's id")
    download.add_argument("--owner", help="with an id: the owner parameter of the signed URL")
    download.add_argument("--expiry", help="with an id: the expiry parameter of the signed URL")
    download.add_argument(
        "--signature", help="with an id: the signature parameter of the signed URL"
    )
    download.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        type=Path,
        help="where to save it (default: its name, here)",
    )
    delete = add_action(actions, "delete", "Delete a file", _delete, aliases=["rm"])
    delete.add_argument("id", metavar="ID", help="the file's id")


def _upload(args: argparse.Namespace, console: Console) -> int:
    import json

    from .progress import ProgressReader, bar_for, byte_progress

    path: Path = args.path
    if not path.is_file():
        raise CLIError(f"no such file: {path}")
    metadata: Any = None
    if args.metadata is not None:
        try:
            metadata = json.loads(args.metadata)
        except ValueError:
            raise UsageError(f"--metadata is not JSON: {args.metadata!r}") from None
    client = make_client()
    bar = bar_for(console) if path.stat().st_size >= PROGRESS_THRESHOLD else None
    options: dict[str, Any] = {} if metadata is None else {"metadata": metadata}
    try:
        if bar is None:
            record = client.files.create(path, **options)
        else:
            shown = bar

            def on_read(done: int, total: int) -> None:
                shown(byte_progress(done, total))

            with ProgressReader(path, on_read) as reader:
                upload = cast("IO[bytes]", reader)
                record = client.files.create(upload, filename=path.name, **options)
    finally:
        if bar is not None:
            bar.finish()
    if args.json:
        console.json(as_json(record))
    elif args.quiet:
        console.print(record.id)
    else:
        console.print(f"{record.id}  {record.urls.get}")
    return 0


def _list(args: argparse.Namespace, console: Console) -> int:
    files = take(make_client().files.list(), args.limit)
    print_listing(
        console,
        args,
        files,
        item_id=lambda f: f.id,
        headers=["ID", "NAME", "SIZE", "TYPE", "CREATED"],
        row=lambda f: [
            f.id,
            f.name or "",
            str(f.size),
            f.content_type or "",
            short_time(f.created_at),
        ],
        empty="No files found",
    )
    return 0


def _get(args: argparse.Namespace, console: Console) -> int:
    record = make_client().files.get(args.id)
    if args.json:
        console.json(as_json(record))
        return 0
    fields = [
        ("ID", record.id),
        ("Name", record.name or ""),
        ("Size", f"{record.size} bytes"),
        ("Type", record.content_type or ""),
        ("Checksums", _checksums(record.checksums)),
        ("Created", short_time(record.created_at)),
        ("Expires", short_time(record.expires_at)),
        ("URL", record.urls.get if record.urls else ""),
    ]
    print_fields(console, fields)
    return 0


def _checksums(checksums: object) -> str:
    values: object = as_json(checksums) if checksums is not None else {}
    if not isinstance(values, dict):
        return ""
    pairs = cast("dict[str, object]", values).items()
    return ", ".join(f"{kind}:{value}" for kind, value in pairs if value)


def _default_name(url: str) -> Path:
    """A file name for ``url``: its last path segment (the file id for ``.../{id}/download``)."""
    from urllib.parse import unquote, urlsplit

    path = Path(unquote(urlsplit(url).path))
    return Path(path.parent.name if path.name == "download" else path.name or "download")


def _download_url(args: argparse.Namespace, base_url: str) -> str:
    from urllib.parse import quote, urlencode

    source: str = args.source
    signed = (args.owner, args.expiry, args.signature)
    if source.startswith(("http://", "https://")):
        if any(part is not None for part in signed):
            raise UsageError("--owner, --expiry and --signature go with a file id, not a URL")
        return source
    if any(part is None for part in signed):
        raise UsageError(
            "downloading by id needs --owner, --expiry and --signature (from a signed "
            "download URL); or pass that URL itself"
        )
    query = urlencode({"owner": args.owner, "expiry": args.expiry, "signature": args.signature})
    return f"{base_url.rstrip('/')}/files/{quote(source, safe='')}/download?{query}"


def _download(args: argparse.Namespace, console: Console) -> int:
    from .._sync._file_output import FileOutput

    client = make_client()
    url = _download_url(args, str(client.base_url))  # pyright: ignore[reportUnknownMemberType, reportUnknownArgumentType]
    target: Path = args.output or _default_name(url)
    if target.is_dir():
        raise CLIError(f"{target} is a directory; pass -o with a file name")
    saved = FileOutput(url, client).save(target)
    console.print(str(saved))
    return 0


def _delete(args: argparse.Namespace, console: Console) -> int:
    make_client().files.delete(args.id)
    console.print(f"Deleted file {args.id}")
    return 0
