"""A record of every request the emulator received, for tests to count and inspect."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Iterator

__all__ = ["RecordedRequest", "RequestLog"]


@dataclass
class RecordedRequest:
    """One request as it arrived.

    ``host`` is ``"api"`` or ``"files"``; ``route`` is ``"POST /predictions"``-style (or
    ``None`` when no route matched) and ``operation_id`` the spec's id; ``headers`` have
    lowercase names; ``body_size`` counts the body bytes the emulator read; ``time`` is
    wall-clock seconds.
    """

    host: str
    method: str
    path: str
    query: str
    headers: dict[str, str]
    time: float
    route: str | None = None
    operation_id: str | None = None
    body_size: int = 0
    status: int | None = None
    fault: str | None = field(default=None)


class RequestLog:
    """Every recorded request, in arrival order; thread-safe."""

    def __init__(self) -> None:
        self._items: list[RecordedRequest] = []
        self._lock = threading.Lock()

    def append(self, request: RecordedRequest) -> None:
        """Record ``request``."""
        with self._lock:
            self._items.append(request)

    def __iter__(self) -> Iterator[RecordedRequest]:
        with self._lock:
            return iter(list(self._items))

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, index: int) -> RecordedRequest:
        return self._items[index]

    def matching(self, route: str) -> list[RecordedRequest]:
        """Requests to ``route``: an operation id, ``"METHOD /template"`` or ``"files"``."""
        return [r for r in self if route in (r.route, r.operation_id, r.host)]

    def count(self, route: str) -> int:
        """How many requests went to ``route`` (see :meth:`matching`)."""
        return len(self.matching(route))

    def clear(self) -> None:
        """Forget every recorded request."""
        with self._lock:
            self._items.clear()
