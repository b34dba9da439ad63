"""Anonymous usage analytics: off unless the user turns them on *and* names an endpoint.

State lives in ``settings.json`` in the user's config directory
(``$XDG_CONFIG_HOME/replicate``, ``~/.config/replicate``, ``%APPDATA%\\replicate``)::

    {"analytics_enabled": false, "analytics_id": null, "analytics_endpoint": null}

What is sent, once per command after it has finished, is :func:`payload`: a random id for
this machine, the command's name (never its arguments), the package version, the CPU
architecture and the operating system. ``DO_NOT_TRACK``, ``REPLICATE_NO_ANALYTICS`` and
``CI`` turn it off whatever the settings say; no endpoint is built in
(``analytics_endpoint`` or ``REPLICATE_ANALYTICS_URL``). ``REPLICATE_ANALYTICS_DEBUG=1``
prints the payload to standard error instead of sending it.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, Optional

from .._version import __version__

__all__ = [
    "SEND_TIMEOUT",
    "disabled_by_environment",
    "endpoint",
    "load_settings",
    "payload",
    "record_command",
    "save_settings",
    "settings_path",
]

SEND_TIMEOUT = 1.0
"""Seconds a command waits, at most, for its analytics to be sent."""

_DEFAULTS: dict[str, Any] = {
    "analytics_enabled": False,
    "analytics_id": None,
    "analytics_endpoint": None,
}
_OFF_VALUES = {"", "0", "false", "no", "off"}


def settings_path() -> Path:
    """Where the settings file is (it may not exist)."""
    if sys.platform == "win32" and os.environ.get("APPDATA"):
        base = Path(os.environ["APPDATA"])
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "replicate" / "settings.json"


def load_settings() -> dict[str, Any]:
    """The settings, with defaults for what is missing; an unreadable file counts as absent."""
    settings = dict(_DEFAULTS)
    try:
        stored = json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return settings
    if isinstance(stored, dict):
        settings.update(stored)  # pyright: ignore[reportUnknownArgumentType]
    return settings


def save_settings(settings: dict[str, Any]) -> None:
    """Write the settings atomically (a temporary file renamed over the old one)."""
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def disabled_by_environment() -> Optional[str]:
    """The environment variable that turns analytics off, if one does."""
    for name in ("DO_NOT_TRACK", "REPLICATE_NO_ANALYTICS", "CI"):
        if os.environ.get(name, "").strip().lower() not in _OFF_VALUES:
            return name
    return None


def endpoint(settings: dict[str, Any]) -> Optional[str]:
    """Where analytics would go: ``REPLICATE_ANALYTICS_URL``, else the settings; ``None`` if nowhere."""
    url = os.environ.get("REPLICATE_ANALYTICS_URL") or settings.get("analytics_endpoint")
    return url if isinstance(url, str) and url else None


def payload(settings: dict[str, Any], command: str) -> dict[str, Any]:
    """What is sent for one run of ``command``: nothing else, never the arguments."""
    import platform

    return {
        "id": settings.get("analytics_id"),
        "command": f"replicate {command}",
        "version": __version__,
        "arch": platform.machine().lower(),
        "os": platform.system().lower(),
    }


def _send(url: str, body: bytes) -> None:
    import urllib.request

    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=SEND_TIMEOUT):
            pass
    except Exception:
        return


def record_command(command: str) -> None:
    """Send the analytics of one finished ``command`` if, and only if, they are allowed.

    Allowed means: turned on, with an id and an endpoint, and not turned off by the
    environment. Failures are dropped; the command waits :data:`SEND_TIMEOUT` at most.
    """
    if not settings_path().exists():
        return  # the common case, decided without parsing anything
    settings = load_settings()
    url = endpoint(settings)
    if (
        settings.get("analytics_enabled") is not True
        or not settings.get("analytics_id")
        or url is None
        or disabled_by_environment() is not None
    ):
        return
    data = payload(settings, command)
    if os.environ.get("REPLICATE_ANALYTICS_DEBUG", "").strip().lower() not in _OFF_VALUES:
        sys.stderr.write(f"analytics: {json.dumps(data)}\n")
        return
    import threading

    sender = threading.Thread(target=_send, args=(url, json.dumps(data).encode()), daemon=True)
    sender.start()
    sender.join(SEND_TIMEOUT)
