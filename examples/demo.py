"""A tour of the SDK against a local emulator of Replicate's API: no account, token or network.

    ./scripts/nox -s demo               # installs the package in a fresh virtualenv, runs this
    python examples/demo.py             # the same, with the package installed

It starts the emulator as an HTTP server on 127.0.0.1, points the SDK at it through
REPLICATE_API_TOKEN and REPLICATE_BASE_URL, and from then on uses the SDK exactly as a
script using Replicate would: it runs a model, streams a language model's reply, sends
a local file as input and saves an output file; last, it runs a model with the
``replicate`` command. The saved files go to a new temporary directory (or
``--output-dir``), printed at the end.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

import httpx

import replicate
from replicate.exceptions import ModelError
from replicate.testing import DEFAULT_TOKEN, Emulator, Server

NOTES = """\
Replicate runs machine-learning models in the cloud.
This SDK runs them from Python: one call, or streamed token by token.
Local files become uploads, and output files come back ready to save.
"""


def add_word_count_model(emulator: Emulator, server: Server) -> None:
    """A model with a file input, served by the emulator as ``demo/word-count``."""

    async def word_count(document: str) -> dict[str, int]:
        # The model receives the URL the SDK uploaded the file to, and downloads it, as a
        # model on Replicate would.
        file_id = document.rstrip("/").rsplit("/", 1)[-1]
        download_url = emulator.signed_download_url(file_id, base_url=server.base_url)
        async with httpx.AsyncClient(trust_env=False) as http:  # loopback: no proxies
            response = await http.get(download_url)
            response.raise_for_status()
        text = response.text
        return {"lines": len(text.splitlines()), "words": len(text.split())}

    emulator.add_model("demo/word-count", word_count, description="Counts a text file's words")


def step(number: int, title: str, *code: str) -> None:
    """Print a step's title and the code it runs, as typed at a Python prompt."""
    print(f"\n{number}. {title}")
    for index, line in enumerate(code):
        print(f"   {'...' if line.startswith(' ') and index else '>>>'} {line}")


def say(text: str) -> None:
    print(f"   {text}")


def check(condition: bool, problem: str) -> None:
    """Stop the demo, failing, when something did not come out as it should."""
    if not condition:
        raise RuntimeError(problem)


def tour(output_dir: Path) -> None:
    """Use the SDK like any script would: the environment says where the API is."""
    step(1, "Run a model", 'replicate.run("replicate/hello-world", input={"text": "demo"})')
    greeting = replicate.run("replicate/hello-world", input={"text": "demo"})
    say(repr(greeting))
    check(greeting == "hello demo", f"unexpected output {greeting!r}")

    prompt = "Tell me about llamas"
    step(
        2,
        "Stream a language model's reply",
        f'for event in replicate.stream("meta/meta-llama-3-8b-instruct", input={{"prompt": "{prompt}"}}):',
        '    print(event, end="")',
    )
    print("   ", end="", flush=True)
    tokens: list[str] = []
    for event in replicate.stream("meta/meta-llama-3-8b-instruct", input={"prompt": prompt}):
        # Output events carry the text; the logs and done events print as "".
        if event.event == "output":
            tokens.append(str(event))
        print(event, end="", flush=True)
    print()
    say(f"({len(tokens)} tokens, each printed as it arrived)")
    check(len(tokens) > 1, "the reply did not arrive as a stream of tokens")

    notes = output_dir / "notes.txt"
    notes.write_text(NOTES, encoding="utf-8")
    step(
        3,
        "Use a local file as input",
        f'replicate.run("demo/word-count", input={{"document": Path("{notes}")}})',
    )
    counts: Any = replicate.run("demo/word-count", input={"document": notes})
    say(repr(counts))
    # The newest upload is the one the SDK just made for this run.
    uploaded = next(iter(replicate.files.list()))
    say(f"(the SDK uploaded {notes.name}, {uploaded.size} bytes, to {uploaded.urls.get})")
    check(counts == {"lines": 3, "words": len(NOTES.split())}, f"unexpected counts {counts!r}")

    image_path = output_dir / "lighthouse.png"
    step(
        4,
        "Save an output file",
        'output = replicate.run("black-forest-labs/flux-schnell", input={"prompt": "a lighthouse"})',
        f'output[0].save("{image_path}")',
    )
    output: Any = replicate.run("black-forest-labs/flux-schnell", input={"prompt": "a lighthouse"})
    saved = output[0].save(image_path)
    content = saved.read_bytes()
    say(f"(saved a {len(content)}-byte PNG, downloaded from {output[0].url})")
    check(content.startswith(b"\x89PNG"), "the saved file is not a PNG image")

    step(5, "Catch a failed prediction", 'replicate.run("emulator/fail", input={})')
    try:
        replicate.run("emulator/fail", input={})
    except ModelError as error:
        prediction = error.prediction
        say(f"ModelError: {prediction.error} (prediction {prediction.id} {prediction.status})")
    else:
        check(False, "a failing model did not raise ModelError")

    # The same API from a terminal: the `replicate` command, configured by the same variables.
    print("\n6. Run a model from the terminal")
    print("   $ replicate run replicate/hello-world text=terminal")
    command = [sys.executable, "-m", "replicate", "run", "replicate/hello-world", "text=terminal"]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    say(finished.stdout.strip())
    check(
        finished.returncode == 0 and finished.stdout == "hello terminal\n",
        f"replicate run failed: {finished.stderr.strip()}",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="A tour of the SDK against a local emulator.")
    parser.add_argument(
        "--output-dir", type=Path, help="where to save files (default: a new temporary directory)"
    )
    args = parser.parse_args(argv)
    output_dir: Path = args.output_dir or Path(tempfile.mkdtemp(prefix="replicate-demo-"))
    output_dir.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    with Emulator() as emulator, emulator.serve() as server:
        add_word_count_model(emulator, server)
        # Only configuration: the SDK reads these two variables, as it would for real.
        os.environ["REPLICATE_API_TOKEN"] = DEFAULT_TOKEN
        os.environ["REPLICATE_BASE_URL"] = server.base_url
        print("Replicate Python SDK demo")
        print(
            f"A local Replicate emulator is serving at {server.base_url}: no account, token or network needed."
        )
        try:
            tour(output_dir)
        except Exception:
            traceback.print_exc()
            print("\nThe demo failed; the error is above.", file=sys.stderr)
            return 1
    print(f"\nDone in {time.perf_counter() - started:.1f}s. Files are in {output_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
