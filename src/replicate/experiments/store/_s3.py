"""A store in an S3 bucket (or MinIO, R2...: set ``AWS_ENDPOINT_URL_S3``), through boto3.

Credentials come from boto3's usual chain (environment, ``aws configure`` profiles, SSO,
instance roles). Create-only and compare-and-swap writes use S3 conditional writes
(``If-None-Match: *`` and ``If-Match: <etag>`` on PutObject). Large files go up as
multipart uploads of 8 MiB parts, 4 at a time, streamed from disk, so memory stays
bounded whatever the file size; S3 never shows a partly uploaded object.
"""

from __future__ import annotations

import io
import os
import threading
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Optional, cast

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from ._base import Listing, NotFoundError, ObjectInfo, PreconditionFailed, StorageError

if TYPE_CHECKING:
    from mypy_boto3_s3.client import S3Client

__all__ = ["S3Store"]

PART_SIZE = 8 * 1024 * 1024
TRANSFER = TransferConfig(
    multipart_threshold=PART_SIZE,
    multipart_chunksize=PART_SIZE,
    max_concurrency=4,
    # Bounds the parts read ahead of the network, hence memory.
    max_io_queue=4,
)
_NOT_FOUND = {"404", "NoSuchKey", "NotFound"}
_PRECONDITION = {"412", "PreconditionFailed", "ConditionalRequestConflict", "409"}


_clients: dict[tuple[str, ...], S3Client] = {}
_clients_lock = threading.Lock()


def shared_client() -> S3Client:
    """One S3 client per configuration for the process (making one takes about 0.5 s).

    boto3 clients are thread-safe; the key holds the settings read from the environment.
    """
    key = tuple(
        os.environ.get(name, "")
        for name in ("AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL", "AWS_PROFILE", "AWS_ACCESS_KEY_ID")
    )
    with _clients_lock:
        client = _clients.get(key)
        if client is None:
            config = Config(
                retries={"max_attempts": 5, "mode": "standard"}, max_pool_connections=32
            )
            client = boto3.session.Session().client(  # pyright: ignore[reportUnknownMemberType]
                "s3", config=config
            )
            _clients[key] = client
        return client


def _code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))


class _Body(io.RawIOBase):
    """An S3 response body as a standard binary stream (read in chunks)."""

    def __init__(self, body: Any) -> None:
        self._body = body

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        data: bytes = self._body.read(len(view))
        view[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._body.close()
        super().close()


class S3Store:
    """Keys under ``s3://bucket/root/``.

    ``parallel_uploads`` is how many small files the uploader sends at once.
    """

    parallel_uploads = 8

    def __init__(self, bucket: str, root: str = "", client: Optional[S3Client] = None) -> None:
        self.bucket = bucket
        self.root = root.strip("/")
        self.url = f"s3://{bucket}/{self.root}" if self.root else f"s3://{bucket}"
        self._client = client

    @property
    def client(self) -> S3Client:
        if self._client is None:
            self._client = shared_client()
        return self._client

    def _key(self, key: str) -> str:
        return f"{self.root}/{key}" if self.root else key

    def _fail(self, action: str, key: str, error: Exception) -> StorageError:
        if isinstance(error, ClientError):
            code = _code(error)
            if code in _NOT_FOUND:
                return NotFoundError(key)
            if code in _PRECONDITION:
                return PreconditionFailed(f"{key}: {code}")
            if code == "NoSuchBucket":
                return StorageError(f"bucket {self.bucket!r} does not exist: create it first")
        return StorageError(f"cannot {action} {self.url}/{key}: {error}")

    def get(self, key: str) -> tuple[bytes, str]:
        try:
            response = self.client.get_object(Bucket=self.bucket, Key=self._key(key))
            return response["Body"].read(), response["ETag"]
        except (ClientError, BotoCoreError) as error:
            raise self._fail("read", key, error) from None

    def open_read(self, key: str) -> BinaryIO:
        try:
            response = self.client.get_object(Bucket=self.bucket, Key=self._key(key))
        except (ClientError, BotoCoreError) as error:
            raise self._fail("read", key, error) from None
        return cast(BinaryIO, io.BufferedReader(_Body(response["Body"]), 1024 * 1024))

    def exists(self, key: str) -> bool:
        try:
            self.client.head_object(Bucket=self.bucket, Key=self._key(key))
        except ClientError as error:
            failure = self._fail("check", key, error)
            if isinstance(failure, NotFoundError):
                return False
            raise failure from None
        except BotoCoreError as error:
            raise self._fail("check", key, error) from None
        return True

    def put_bytes(self, key: str, data: bytes) -> str:
        try:
            response = self.client.put_object(Bucket=self.bucket, Key=self._key(key), Body=data)
        except (ClientError, BotoCoreError) as error:
            raise self._fail("write", key, error) from None
        return response["ETag"]

    def put_file(self, key: str, path: Path, *, consume: bool = False) -> None:
        try:
            self.client.upload_file(str(path), self.bucket, self._key(key), Config=TRANSFER)
        except (ClientError, BotoCoreError) as error:
            raise self._fail("write", key, error) from None
        except Exception as error:  # s3transfer wraps failures in its own exceptions
            raise StorageError(f"cannot write {self.url}/{key}: {error}") from error
        if consume:
            path.unlink(missing_ok=True)

    def put_if_absent(self, key: str, data: bytes) -> str:
        try:
            response = self.client.put_object(
                Bucket=self.bucket, Key=self._key(key), Body=data, IfNoneMatch="*"
            )
        except (ClientError, BotoCoreError) as error:
            raise self._fail("write", key, error) from None
        return response["ETag"]

    def put_if_match(self, key: str, data: bytes, etag: str) -> str:
        try:
            response = self.client.put_object(
                Bucket=self.bucket, Key=self._key(key), Body=data, IfMatch=etag
            )
        except ClientError as error:
            if _code(error) in _NOT_FOUND:
                raise PreconditionFailed(f"{key} was deleted") from None
            raise self._fail("write", key, error) from None
        except BotoCoreError as error:
            raise self._fail("write", key, error) from None
        return response["ETag"]

    def list(self, prefix: str) -> Listing:
        objects: list[ObjectInfo] = []
        server_time: Optional[float] = None
        strip = len(self.root) + 1 if self.root else 0
        try:
            paginator = self.client.get_paginator("list_objects_v2")
            for page in paginator.paginate(Bucket=self.bucket, Prefix=self._key(prefix)):
                if server_time is None:
                    date = page["ResponseMetadata"]["HTTPHeaders"].get("date")
                    if date:
                        server_time = parsedate_to_datetime(date).timestamp()
                for item in page.get("Contents", []):
                    objects.append(
                        ObjectInfo(
                            item.get("Key", "")[strip:],
                            item.get("Size", 0),
                            item.get("ETag", ""),
                            item["LastModified"].timestamp() if "LastModified" in item else 0.0,
                        )
                    )
        except (ClientError, BotoCoreError) as error:
            raise self._fail("list", prefix, error) from None
        if server_time is None:
            import time

            server_time = time.time()
        return Listing(objects, server_time)

    def delete(self, key: str) -> None:
        try:
            self.client.delete_object(Bucket=self.bucket, Key=self._key(key))
        except (ClientError, BotoCoreError) as error:
            raise self._fail("delete", key, error) from None
