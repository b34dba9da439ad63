"""Matching a method and path to the operation that answers it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Awaitable, Callable

from ._http import Request, Response

__all__ = ["Handler", "Route", "RouteMatch", "Router"]

Handler = Callable[[Request], Awaitable[Response]]

_PARAM = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Route:
    """One operation: its id (``predictions.create``), method and path template under ``/v1``."""

    operation_id: str
    method: str
    template: str
    handler: Handler

    @property
    def name(self) -> str:
        """``"POST /predictions"``: how faults and recorded requests refer to the route."""
        return f"{self.method} {self.template}"


@dataclass(frozen=True)
class RouteMatch:
    """A route together with the path parameters taken from the request path."""

    route: Route
    params: dict[str, str]


class Router:
    """Finds the route for a request; answers which methods a path allows when none match."""

    def __init__(self, prefix: str = "/v1") -> None:
        self._prefix = prefix
        self._routes: list[tuple[Route, re.Pattern[str]]] = []

    def add(self, operation_id: str, method: str, template: str, handler: Handler) -> None:
        """Register ``handler`` for ``method`` on ``template`` (e.g. ``/predictions/{prediction_id}``)."""
        pattern = _PARAM.sub(
            r"(?P<\1>[^/]+)", re.escape(template).replace(r"\{", "{").replace(r"\}", "}")
        )
        self._routes.append(
            (
                Route(operation_id, method, template, handler),
                re.compile(f"^{self._prefix}{pattern}$"),
            )
        )

    @property
    def routes(self) -> list[Route]:
        """Every registered route, in registration order."""
        return [route for route, _ in self._routes]

    def match(self, method: str, path: str) -> RouteMatch | None:
        """The route for ``method`` and ``path``, or ``None``."""
        for route, pattern in self._routes:
            if route.method != method:
                continue
            found = pattern.match(path)
            if found is not None:
                return RouteMatch(route, found.groupdict())
        return None

    def allowed_methods(self, path: str) -> list[str]:
        """Methods registered for ``path`` (to tell 404 from 405)."""
        return [route.method for route, pattern in self._routes if pattern.match(path)]
