"""The example scripts, run as a user would run them, against a loopback emulator."""

from __future__ import annotations

import re
import sys
from datetime import datetime

import pytest
from example_support import Served, assert_clean, run_example

import replicate
from replicate.testing import DEFAULT_TOKEN, Emulator


def api_requests(emulator: Emulator, route: str) -> int:
    """How many requests the emulator answered on ``route`` (e.g. ``"GET /predictions"``)."""
    return sum(1 for request in emulator.requests if request.route == route)


def test_sync_basics(served: Served) -> None:
    # An account with a history of predictions, for the example to page through.
    with replicate.Replicate(bearer_token=DEFAULT_TOKEN, base_url=served.server.base_url) as client:
        for number in range(4):
            client.run("replicate/hello-world", input={"text": f"earlier {number}"})

    finished = run_example("sync_basics.py", served)

    assert finished.returncode == 0, finished.stderr

    assert_clean(finished.stderr)
    out = finished.stdout
    assert "run: hello sync world" in out
    created = re.search(r"created prediction (\w+) \((\w+)\)", out)
    assert created, out
    assert f"prediction {created.group(1)} succeeded: hello step by step" in out
    # Five predictions listed across pages of two: the iteration fetched three pages.
    listed = out.split("recent predictions:\n")[1].splitlines()[:5]
    assert all(re.fullmatch(r"  \w+ succeeded", line) for line in listed), listed
    assert len({line.split()[0] for line in listed}) == 5
    assert "first page: 2 predictions, more: True" in out
    assert api_requests(served.emulator, "GET /predictions") == 3 + 1
    assert "not found (404): The model replicate/no-such-model does not exist" in out
    assert re.search(r"unauthenticated \(401\): \S", out), out


def test_streaming(served: Served) -> None:
    finished = run_example("streaming.py", served)

    assert finished.returncode == 0, finished.stderr

    assert_clean(finished.stderr)
    lines = finished.stdout.splitlines()
    assert lines[0] == "You said: Tell me about streams."
    assert re.fullmatch(r"\[\w+\] You said: Stream this prediction\.", lines[1]), lines
    assert lines[2] == "You said: Now do it asynchronously."
    # Every reply came over a server-sent event stream, not from polling the prediction.
    assert len(served.emulator.prediction_ids()) == 3
    streamed = [
        r for r in served.emulator.requests if "text/event-stream" in r.headers.get("accept", "")
    ]
    assert len(streamed) == 3


@pytest.mark.skipif(sys.version_info < (3, 11), reason="asyncio.TaskGroup needs Python 3.11")
def test_fanout(served: Served) -> None:
    # Each prediction waits a moment before it starts, so runs that do not overlap show.
    served.emulator.model("replicate/hello-world").setup_seconds = 1.0
    finished = run_example("fanout.py", served)

    assert finished.returncode == 0, finished.stderr

    assert_clean(finished.stderr)
    lines = finished.stdout.splitlines()
    assert lines[:20] == [f"guest {n}: hello guest {n}" for n in range(1, 21)]
    assert re.fullmatch(r"20 predictions in \d+\.\ds", lines[20]), lines
    predictions = [served.emulator.prediction(i) for i in served.emulator.prediction_ids()]
    assert len(predictions) == 20
    # They ran at the same time: some prediction was created before another had finished.
    spans = sorted(
        (datetime.fromisoformat(p["created_at"]), datetime.fromisoformat(p["completed_at"]))
        for p in predictions
    )
    assert any(later[0] < earlier[1] for earlier, later in zip(spans, spans[1:]))
