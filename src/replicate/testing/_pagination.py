"""Cursor pagination shared by every list operation."""

from __future__ import annotations

import base64
from typing import Any, Callable, Sequence, TypeVar
from urllib.parse import parse_qsl, urlencode

from ._http import Problem, Request

__all__ = ["paginate"]

T = TypeVar("T")


def _encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def _decode_cursor(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, _, number = text.partition(":")
        if kind != "o":
            raise ValueError(kind)
        return max(0, int(number))
    except ValueError:
        raise Problem(
            400, "Invalid cursor", f"The cursor {cursor!r} is not one this API issued."
        ) from None


def _page_url(request: Request, offset: int) -> str:
    params = [
        (k, v) for k, v in parse_qsl(request.query_string, keep_blank_values=True) if k != "cursor"
    ]
    params.append(("cursor", _encode_cursor(offset)))
    return f"{request.base_url}{request.path}?{urlencode(params)}"


def paginate(
    request: Request,
    items: Sequence[T],
    page_size: int,
    render: Callable[[T], Any],
) -> dict[str, Any]:
    """One page of ``items`` chosen by the request's ``cursor``, with absolute next/previous URLs."""
    cursor = request.query.get("cursor")
    offset = _decode_cursor(cursor) if cursor else 0
    page = items[offset : offset + page_size]
    has_next = offset + page_size < len(items)
    return {
        "next": _page_url(request, offset + page_size) if has_next else None,
        "previous": _page_url(request, max(0, offset - page_size)) if offset > 0 else None,
        "results": [render(item) for item in page],
    }
