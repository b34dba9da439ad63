"""``client.files``: the generated Files API, with uploads that take any kind of local file."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Union, cast

from typing_extensions import Unpack

from .._core.keywords import check_options
from .._exceptions import ArgumentTypeError, InvalidArgumentError
from .._types import NOT_GIVEN, FileContent, FileInput, NotGiven, RequestOptions
from ..types import FileCreateResponse
from ._uploads import upload_file
from .resources.files import AsyncFilesResource

__all__ = ["AsyncFiles"]


class AsyncFiles(AsyncFilesResource):
    """Operations on files: ``client.files``; ``create`` streams files of any size from disk."""

    # Wider than the generated method (content may also come positionally, as in 1.x); pyright
    # misreads the positional parameter against the base's **options, hence the ignore.
    async def create(  # pyright: ignore[reportIncompatibleMethodOverride]
        self,
        content: Union[FileInput, FileContent, str],
        *,
        filename: Union[str, NotGiven] = NOT_GIVEN,
        metadata: Union[Mapping[str, object], NotGiven, None] = NOT_GIVEN,
        type: Union[str, NotGiven] = NOT_GIVEN,
        content_type: Union[str, NotGiven] = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> FileCreateResponse:
        """Upload a file and return its record (``.urls.get`` is its URL).

        Args:
            content: The file: a ``pathlib.Path`` (or a path string, as in the 1.x client),
                an open file (binary or text), ``bytes``, ``io.BytesIO``, or a tuple
                ``(filename, content)`` / ``(filename, content, content_type)``.
            filename: Name to store the file under; default: the file's own name.
            metadata: Your own JSON metadata to keep with the file.
            type: Content type of the file; default: guessed from the name or content.
            content_type: The 1.x name of ``type``.

        Example::

            file = await client.files.create(pathlib.Path("weights.tar"), metadata={"run": 7})
        """
        check_options(AsyncFiles.create, options)
        name = None if isinstance(filename, NotGiven) else filename
        if not isinstance(type, NotGiven) and not isinstance(content_type, NotGiven):
            raise InvalidArgumentError("Pass type= or its 1.x name content_type=, not both")
        given = type if isinstance(content_type, NotGiven) else content_type
        media_type = None if isinstance(given, NotGiven) else given
        source: object = content
        if isinstance(content, tuple):
            parts: tuple[object, ...] = tuple(content)
            if len(parts) not in (2, 3) or not all(
                part is None or isinstance(part, str) for part in parts[::2]
            ):
                raise ArgumentTypeError(
                    "a content tuple is (filename, content) or (filename, content, content_type), "
                    "with str or None for the names"
                )
            given_name, source = parts[0], parts[1]
            given_type = parts[2] if len(parts) == 3 else None
            name = name or cast("str | None", given_name)
            media_type = media_type or cast("str | None", given_type)
        if isinstance(source, str):
            # The 1.x client took a path string here; files are never strings otherwise.
            source = Path(source)
        return await upload_file(
            self._client,
            source,
            filename=name,
            content_type=media_type,
            metadata=None if isinstance(metadata, NotGiven) else metadata,
            **options,
        )
