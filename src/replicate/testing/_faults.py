"""Injected faults: what can go wrong with a response, and which calls it hits.

Example::

    emulator.faults.add("POST /predictions", Status(429, retry_after=1), times=1)
    emulator.faults.add("predictions.get", Drop(), skip=2)  # the 3rd GET is dropped
    emulator.faults.add("GET /predictions/{prediction_id}/stream", Cut(after_events=3))
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from typing import Optional, Union

from ._http import Response

__all__ = ["Cut", "Delay", "Drop", "Fault", "FaultRule", "Faults", "Status"]


@dataclass(frozen=True)
class Status:
    """Answer with ``status`` instead of the real response.

    ``retry_after`` sets ``Retry-After`` (seconds), ``retry_after_ms`` sets
    ``retry-after-ms``. The body is an RFC 7807 JSON problem, or an HTML page with
    ``html=True`` (like a proxy in front of the API), or ``body`` verbatim.
    ``processed=True`` runs the real operation first (the work happened, the answer
    was lost), e.g. a 502 after the prediction was created.
    """

    status: int
    retry_after: Optional[float] = None
    retry_after_ms: Optional[int] = None
    html: bool = False
    body: Optional[bytes] = None
    processed: bool = False

    def response(self) -> Response:
        """The response this fault answers with."""
        headers: list[tuple[str, str]] = []
        if self.retry_after is not None:
            seconds = self.retry_after
            headers.append(
                ("retry-after", str(int(seconds)) if float(seconds).is_integer() else str(seconds))
            )
        if self.retry_after_ms is not None:
            headers.append(("retry-after-ms", str(self.retry_after_ms)))
        if self.body is not None:
            return Response(
                self.status, [("content-type", "application/octet-stream"), *headers], self.body
            )
        if self.html:
            page = f"<html><head><title>{self.status}</title></head><body><h1>{self.status}</h1></body></html>"
            return Response(self.status, [("content-type", "text/html"), *headers], page.encode())
        problem = {
            "type": "about:blank",
            "title": "Injected fault",
            "status": self.status,
            "detail": f"The emulator answered {self.status} as instructed.",
        }
        body = json.dumps(problem).encode()
        return Response(self.status, [("content-type", "application/problem+json"), *headers], body)


@dataclass(frozen=True)
class Delay:
    """Wait ``seconds`` on the emulator's clock before answering normally (a slow server).

    Real seconds under the default clock, fewer under ``SystemClock(speed=N)``, and
    until ``advance`` gets there under a ``ManualClock``. A client whose read timeout is
    shorter gets ``httpx.ReadTimeout``, in-process as over loopback.
    """

    seconds: float


@dataclass(frozen=True)
class Drop:
    """Close the connection without a response.

    By default the request is not processed at all; ``processed=True`` drops the
    connection after the operation ran (the client cannot tell which happened).
    """

    processed: bool = False


@dataclass(frozen=True)
class Cut:
    """Send the start of the response, then close the connection.

    ``after_bytes`` counts body bytes; ``after_events`` counts whole server-sent events.
    """

    after_bytes: Optional[int] = None
    after_events: Optional[int] = None

    def __post_init__(self) -> None:
        if (self.after_bytes is None) == (self.after_events is None):
            raise ValueError("give exactly one of after_bytes or after_events")


Fault = Union[Status, Delay, Drop, Cut]


@dataclass
class FaultRule:
    """A fault on one route: skips ``skip`` matching calls, then hits ``times`` calls (or all)."""

    route: Optional[str]
    fault: Fault
    times: Optional[int] = 1
    skip: int = 0
    seen: int = 0
    hits: int = field(default=0)

    def matches(self, operation_id: str | None, route_name: str | None) -> bool:
        """Whether this rule is about the request's route (``None`` means every route)."""
        return self.route is None or self.route in (operation_id, route_name)

    @property
    def exhausted(self) -> bool:
        """Whether this rule has hit as many calls as it was told to."""
        return self.times is not None and self.hits >= self.times


class Faults:
    """The faults waiting for requests; thread-safe, so tests may add them at any time."""

    def __init__(self) -> None:
        self._rules: list[FaultRule] = []
        self._lock = threading.Lock()

    def add(
        self, route: str | None, fault: Fault, *, times: int | None = 1, skip: int = 0
    ) -> FaultRule:
        """Inject ``fault`` on ``route``.

        ``route`` is an operation id (``"predictions.create"``), a method and path
        template (``"POST /predictions"``, ``"GET /predictions/{prediction_id}"``), a
        files-host route (``"GET files"``), or ``None`` for every request. The first
        ``skip`` matching calls pass untouched; the next ``times`` calls (every call when
        ``None``) get the fault.
        """
        rule = FaultRule(route, fault, times, skip)
        with self._lock:
            self._rules.append(rule)
        return rule

    def clear(self) -> None:
        """Remove every fault."""
        with self._lock:
            self._rules.clear()

    def take(self, operation_id: str | None, route_name: str | None) -> Fault | None:
        """The fault for this call, if any; counts the call against every matching rule."""
        chosen: Fault | None = None
        with self._lock:
            for rule in self._rules:
                if rule.exhausted or not rule.matches(operation_id, route_name):
                    continue
                rule.seen += 1
                if rule.seen > rule.skip and chosen is None:
                    rule.hits += 1
                    chosen = rule.fault
        return chosen
