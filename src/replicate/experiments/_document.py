"""The stored experiment document as bytes: how it is written and how listing reads it cheaply.

A format-2 document is written with ``checkpoints`` as its last key and, before it, a
``summary`` of the checkpoints::

    {"id": ..., "params": ..., ..., "summary": {"size": 1234, "count": 20,
     "metrics": ["loss", "accuracy"], "primary_metric": {"name": "loss", "goal": "minimize"},
     "best": {<checkpoint>}, "latest": {<checkpoint>}}, "checkpoints": [...]}

Most of a document's bytes are its checkpoints, and listing rarely needs them: ``ls``,
filters and sorts use params, attributes, the best and latest checkpoints and the metric
names. :func:`split_document` parses the part before ``"summary"`` and keeps the summary
and the checkpoints as JSON text, each parsed only when used (the listing cache holds
them as text too, which keeps it cheap to load). It trusts that split only when the
summary's ``size`` (its first key) equals the length of the checkpoints' text, which no
other layout gives (a document of Keepsake's, or one whose checkpoints are not last);
anything else is parsed whole, as before. Nothing here does I/O.
"""

from __future__ import annotations

import json
import re
from typing import Any, Optional, Union

from ._model import summarize_checkpoints

__all__ = ["Document", "RawCheckpoints", "encode_document", "split_document", "summarize"]

Document = dict[str, Any]
# The checkpoints of a document: JSON text (parsed on first use) or already parsed.
RawCheckpoints = Union[bytes, list[Any]]

_MARKER = b',"checkpoints":'
_SUMMARY_MARKER = b',"summary":'
_SIZE = re.compile(rb'\{"size":(\d+)[,}]')  # the summary's first key
# Set in a head read from a document with a "checkpoints" key, so that format 1 (which
# has the key) is still told from format 0 (which has not) once the key's value is elsewhere.
HAS_CHECKPOINTS = "checkpoints"


def _dumps(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), allow_nan=False).encode()


def summarize(checkpoints: list[Any], size: int) -> Document:
    """The ``summary`` of a document's checkpoints (``size``: bytes of their JSON text)."""
    return {"size": size, **summarize_checkpoints(checkpoints)}


def encode_document(document: Document) -> bytes:
    """An experiment document as stored: compact JSON; format 2 with its summary, checkpoints last."""
    checkpoints = document.get("checkpoints")
    version = document.get("format")
    if not (isinstance(version, int) and version >= 2 and isinstance(checkpoints, list)):
        return _dumps(document)  # Keepsake's formats are rewritten as they are
    array = _dumps(checkpoints)
    head = {key: value for key, value in document.items() if key not in ("checkpoints", "summary")}
    summary = summarize(checkpoints, len(array))  # pyright: ignore[reportUnknownArgumentType]
    return _dumps(head)[:-1] + _SUMMARY_MARKER + _dumps(summary) + _MARKER + array + b"}"


def split_document(data: bytes) -> tuple[Document, RawCheckpoints, Optional[bytes]]:
    """``(head, checkpoints, summary)`` of a stored document.

    ``head`` is the document without ``summary`` and ``checkpoints``. When the document is
    laid out as :func:`encode_document` writes it, ``checkpoints`` and ``summary`` are
    their JSON text (parsed when used); otherwise ``checkpoints`` is the parsed list and
    ``summary`` None.

    Raises:
        ValueError: the document is not a JSON object.
    """
    at = data.rfind(_MARKER)
    start = data.rfind(_SUMMARY_MARKER, 0, at) if at > 0 else -1
    if start > 0:
        end = data if data.endswith(b"}") else data.rstrip()  # no copy in the usual case
        text = end[at + len(_MARKER) : -1]
        summary = data[start + len(_SUMMARY_MARKER) : at]
        size = _SIZE.match(summary)
        if end.endswith(b"}") and size is not None and int(size.group(1)) == len(text):
            try:
                head = json.loads(data[:start].decode() + "}")  # str: no encoding sniffing
            except ValueError:
                head = None  # a marker inside a nested value: parse it all below
            if isinstance(head, dict) and HAS_CHECKPOINTS not in head and "summary" not in head:
                # The summary is parsed when used; if it then fails to, the checkpoints are.
                return head, text, summary  # pyright: ignore[reportUnknownVariableType]
    document = json.loads(data)
    if not isinstance(document, dict):
        raise ValueError("an experiment document must be a JSON object")
    whole: Document = document  # pyright: ignore[reportUnknownVariableType]
    whole.pop("summary", None)  # not known to describe these checkpoints
    if HAS_CHECKPOINTS not in whole:
        return whole, [], None
    raw = whole[HAS_CHECKPOINTS]
    whole[HAS_CHECKPOINTS] = None
    return whole, raw if isinstance(raw, list) else [], None  # pyright: ignore[reportUnknownVariableType]


def parse_checkpoints(raw: RawCheckpoints) -> list[Any]:
    """The checkpoint objects (as dicts) of :func:`split_document`'s ``checkpoints``."""
    if isinstance(raw, bytes):
        parsed = json.loads(raw)
        return parsed if isinstance(parsed, list) else []  # pyright: ignore[reportUnknownVariableType]
    return raw
