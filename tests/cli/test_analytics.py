"""``replicate analytics``: nothing is sent unless turned on AND an endpoint is configured."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cli_support import invoke, run_cli


class Receiver:
    """A loopback HTTP server that keeps the JSON bodies POSTed to it."""

    def __init__(self) -> None:
        self.bodies: list[dict[str, object]] = []
        received = self.bodies

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers["Content-Length"])
                received.append(json.loads(self.rfile.read(length)))
                self.send_response(204)
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/events"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    yield server
    server.close()


def _settings(env: dict[str, str]) -> dict[str, object]:
    return json.loads((Path(env["XDG_CONFIG_HOME"]) / "replicate" / "settings.json").read_text())


def test_off_by_default_and_nothing_written(env: dict[str, str]) -> None:
    done = invoke("analytics", "status", env=env)
    assert done.returncode == 0
    assert "Enabled: no" in done.stdout.splitlines()
    assert "Nothing is sent: analytics are off." in done.stdout.splitlines()
    assert not (Path(env["XDG_CONFIG_HOME"]) / "replicate").exists()


def test_on_without_an_endpoint_sends_nothing(env: dict[str, str], receiver: Receiver) -> None:
    done = invoke("analytics", "on", env=env)
    assert "Nothing is sent: no endpoint is configured." in done.stdout.splitlines()
    settings = _settings(env)
    assert settings["analytics_enabled"] is True and settings["analytics_id"]
    invoke("feedback", env=env)
    assert receiver.bodies == []


def test_on_with_an_endpoint_sends_the_five_fields_once_per_command(
    env: dict[str, str], receiver: Receiver
) -> None:
    on = run_cli("analytics", "on", "--endpoint", receiver.url, env=env)
    assert on.returncode == 0
    shown = on.stdout[on.stdout.index("{") :]
    would_send = json.loads(shown)
    assert receiver.bodies == []  # the analytics command itself is never recorded

    done = run_cli("feedback", "--no-color", env=env)
    assert done.returncode == 0
    [sent] = receiver.bodies
    assert set(sent) == {"id", "command", "version", "arch", "os"}
    assert sent["command"] == "replicate feedback"  # never the arguments
    assert sent["id"] == _settings(env)["analytics_id"]
    # `status` showed exactly this, but for its example command.
    assert {**would_send, "command": "replicate feedback"} == sent


@pytest.mark.parametrize(
    "variable", [("DO_NOT_TRACK", "1"), ("CI", "true"), ("REPLICATE_NO_ANALYTICS", "1")]
)
def test_the_environment_turns_it_off(
    env: dict[str, str], receiver: Receiver, variable: tuple[str, str]
) -> None:
    invoke("analytics", "on", "--endpoint", receiver.url, env=env)
    blocked = {**env, variable[0]: variable[1]}
    assert invoke("feedback", env=blocked).returncode == 0
    assert receiver.bodies == []
    status = invoke("analytics", "status", env=blocked)
    assert f"Nothing is sent: {variable[0]} is set." in status.stdout.splitlines()
    invoke("feedback", env={**env, variable[0]: "0"})  # "0" does not turn it off
    assert len(receiver.bodies) == 1


def test_endpoint_from_the_environment(env: dict[str, str], receiver: Receiver) -> None:
    invoke("analytics", "on", env=env)
    invoke("feedback", env={**env, "REPLICATE_ANALYTICS_URL": receiver.url})
    assert [body["command"] for body in receiver.bodies] == ["replicate feedback"]


def test_off_deletes_the_id_and_stops_sending(env: dict[str, str], receiver: Receiver) -> None:
    invoke("analytics", "on", "--endpoint", receiver.url, env=env)
    off = invoke("analytics", "off", env=env)
    assert off.returncode == 0
    settings = _settings(env)
    assert (settings["analytics_enabled"], settings["analytics_id"]) == (False, None)
    invoke("feedback", env=env)
    assert receiver.bodies == []


def test_debug_prints_instead_of_sending(env: dict[str, str], receiver: Receiver) -> None:
    invoke("analytics", "on", "--endpoint", receiver.url, env=env)
    done = invoke("feedback", env={**env, "REPLICATE_ANALYTICS_DEBUG": "1"})
    assert done.stderr.startswith('analytics: {"id": ')
    assert receiver.bodies == []


def test_an_unreachable_endpoint_does_not_fail_the_command(env: dict[str, str]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    invoke("analytics", "on", "--endpoint", f"http://127.0.0.1:{port}/x", env=env)
    done = invoke("feedback", env=env)
    assert (done.returncode, done.stderr) == (0, "")


def test_endpoint_only_goes_with_on(env: dict[str, str]) -> None:
    done = invoke("analytics", "off", "--endpoint", "http://x", env=env)
    assert (done.returncode, done.stderr) == (2, "error: --endpoint goes with 'on', not 'off'\n")
