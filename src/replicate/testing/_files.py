"""The Files API's storage: streamed uploads with checksums, and signed download URLs."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any, AsyncIterator

from ._http import Problem
from ._multipart import PartData, PartStart, boundary_of, parse_multipart
from ._store import FileRecord, StoredFile, new_id

__all__ = ["download_signature", "receive_upload", "verify_download"]

_FIELD_LIMIT = 64 * 1024


def download_signature(secret: bytes, owner: str, file_id: str, expiry: int) -> str:
    """Base64 HMAC-SHA256 of ``"{owner} {id} {expiry}"``, as the download URL carries it."""
    message = f"{owner} {file_id} {expiry}".encode()
    return base64.b64encode(hmac.new(secret, message, hashlib.sha256).digest()).decode()


def verify_download(secret: bytes, record: FileRecord, query: dict[str, str], now: float) -> None:
    """Raise a problem unless ``query`` holds a valid, unexpired signature for ``record``."""
    missing = [name for name in ("owner", "expiry", "signature") if not query.get(name)]
    if missing:
        raise Problem(400, "Missing parameters", f"Download URLs need {', '.join(missing)}.")
    try:
        expiry = int(query["expiry"])
    except ValueError:
        raise Problem(400, "Invalid expiry", "expiry must be a Unix timestamp.") from None
    expected = download_signature(secret, query["owner"], record.stored.id, expiry)
    if query["owner"] != record.owner or not hmac.compare_digest(expected, query["signature"]):
        raise Problem(403, "Invalid signature", "The download signature does not match.")
    if expiry < now:
        raise Problem(403, "Expired", "This download URL has expired.")


_MAX_FILENAME_BYTES = 255


def _filename(value: bytes | str | None) -> str:
    """The upload's file name: required, valid UTF-8, at most 255 bytes."""
    if not value:
        raise Problem(
            422,
            "Missing filename",
            "Name the file: a 'filename' form field, or a filename on the 'content' part.",
        )
    raw = value.encode() if isinstance(value, str) else value
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Problem(422, "Invalid filename", "The filename must be valid UTF-8.") from None
    if len(raw) > _MAX_FILENAME_BYTES:
        raise Problem(
            422,
            "Invalid filename",
            f"The filename is {len(raw)} bytes long; at most {_MAX_FILENAME_BYTES} are allowed.",
        )
    return text


async def receive_upload(
    body: AsyncIterator[bytes], content_type: str | None, owner: str, now: float, lifetime: float
) -> FileRecord:
    """Read a multipart upload part by part, hashing the content as it arrives."""
    boundary = boundary_of(content_type)
    fields: dict[str, bytearray] = {}
    current: str | None = None
    content: list[bytes] = []
    sha256 = hashlib.sha256()
    md5 = hashlib.md5()
    upload_filename: str | None = None
    upload_type: str | None = None
    seen_content = False
    async for event in parse_multipart(body, boundary):
        if isinstance(event, PartStart):
            current = event.name
            if current == "content":
                seen_content = True
                upload_filename = event.filename
                upload_type = event.content_type
            else:
                fields[current] = bytearray()
        elif isinstance(event, PartData):
            if current == "content":
                content.append(event.data)
                sha256.update(event.data)
                md5.update(event.data)
            elif current is not None:
                fields[current] += event.data
                if len(fields[current]) > _FIELD_LIMIT:
                    raise Problem(
                        413, "Field too large", f"The form field {current!r} is too large."
                    )
        else:
            current = None
    if not seen_content:
        raise Problem(422, "Missing content", "Send the file in a multipart part named 'content'.")
    filename = _filename(bytes(fields["filename"]) if "filename" in fields else upload_filename)
    declared_type = fields["type"].decode() if "type" in fields else upload_type
    metadata: dict[str, Any] = {}
    if "metadata" in fields:
        try:
            parsed: object = json.loads(bytes(fields["metadata"]) or b"{}")
        except ValueError:
            raise Problem(422, "Invalid metadata", "metadata must be a JSON object.") from None
        if not isinstance(parsed, dict):
            raise Problem(422, "Invalid metadata", "metadata must be a JSON object.")
        metadata = dict(parsed)  # pyright: ignore[reportUnknownArgumentType]
    stored = StoredFile(
        id=new_id(),
        content=b"".join(content),
        content_type=declared_type or "application/octet-stream",
        filename=filename,
        sha256=sha256.hexdigest(),
        md5=md5.hexdigest(),
        created_at=now,
    )
    return FileRecord(stored, owner, metadata, now + lifetime)
