"""``python -m replicate.testing serve`` serves the API until stopped."""

from __future__ import annotations

import io
import re
import threading
from contextlib import redirect_stdout

import httpx

from replicate.testing import DEFAULT_TOKEN
from replicate.testing._cli import main


def test_serve_prints_its_url_and_answers() -> None:
    stop = threading.Event()
    output = io.StringIO()
    with redirect_stdout(output):
        thread = threading.Thread(target=main, args=(["serve"],), kwargs={"stop": stop})
        thread.start()
        try:
            for _ in range(200):
                found = re.search(r"REPLICATE_BASE_URL=(\S+)", output.getvalue())
                if found:
                    break
                stop.wait(0.01)
            assert found, output.getvalue()
            response = httpx.get(
                f"{found.group(1)}/account", headers={"Authorization": f"Bearer {DEFAULT_TOKEN}"}
            )
            assert response.json()["username"] == "test-user"
        finally:
            stop.set()
            thread.join(5)
