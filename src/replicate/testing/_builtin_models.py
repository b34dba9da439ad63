"""The models every emulator starts with: small, deterministic stand-ins for real ones."""

from __future__ import annotations

import hashlib
import struct
import zlib
from typing import Any, AsyncIterator

from ._models import Model, OutputFile, log, sleep
from ._store import CollectionRecord

__all__ = [
    "HELLO_WORLD_VERSION",
    "builtin_collections",
    "builtin_models",
    "png",
    "progress_bar",
]

HELLO_WORLD_VERSION = "5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa"


def hello_world(text: str = "world") -> str:
    """Greets ``text``."""
    return f"hello {text}"


async def language_model(
    prompt: str, max_tokens: int = 128, system_prompt: str = "", seconds_per_token: float = 0.02
) -> AsyncIterator[str]:
    """Streams a reply token by token: the prompt's words echoed back after a fixed preface."""
    words = ["You", " said:"] + [f" {word}" for word in prompt.split()] + ["."]
    log(f"Generating up to {max_tokens} tokens")
    for token in words[:max_tokens]:
        await sleep(seconds_per_token)
        yield token


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A valid PNG of one flat colour."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


async def image_model(
    prompt: str, num_outputs: int = 1, width: int = 64, height: int = 64
) -> list[OutputFile]:
    """Images whose colour is derived from the prompt, served from the files host."""
    digest = hashlib.sha256(prompt.encode()).digest()
    log(f"Using seed {int.from_bytes(digest[:4], 'big')}")
    await sleep(0.5)
    return [
        OutputFile(
            png(width, height, (digest[i], digest[i + 1], digest[i + 2])),
            f"out-{i}.png",
            "image/png",
        )
        for i in range(num_outputs)
    ]


def progress_bar(done: int, total: int, elapsed: float, rate: float) -> str:
    """A tqdm-style progress line: ``  50%|█████     | 5/10 [00:01<00:01, 4.5it/s]``."""
    filled = int(10 * done / total) if total else 10
    percent = int(100 * done / total) if total else 100
    remaining = (total - done) / rate if rate else 0.0

    def clock(seconds: float) -> str:
        return f"{int(seconds) // 60:02d}:{int(seconds) % 60:02d}"

    bar = "█" * filled + " " * (10 - filled)
    return (
        f"{percent:4d}%|{bar}| {done}/{total} [{clock(elapsed)}<{clock(remaining)}, {rate:.1f}it/s]"
    )


async def slow_model(seconds: float = 10.0, steps: int = 10) -> str:
    """Works for ``seconds`` on the clock, logging a progress bar after each of ``steps``."""
    step = seconds / steps if steps else 0.0
    rate = 1 / step if step else 0.0
    log(progress_bar(0, steps, 0.0, rate))
    for done in range(1, steps + 1):
        await sleep(step)
        log(progress_bar(done, steps, done * step, rate))
    return f"finished after {seconds:g} seconds"


async def failing_model(message: str = "the model ran out of memory", after_lines: int = 3) -> Any:
    """Logs a few lines, then fails with ``message``."""
    for number in range(1, after_lines + 1):
        log(f"step {number}")
        await sleep(0.1)
    raise RuntimeError(message)


def trainable_model(prompt: str, style: str = "plain") -> str:
    """Writes ``prompt`` in ``style``; training changes the default style."""
    return f"[{style}] {prompt}"


def train_style(style: str, steps: int = 100) -> dict[str, Any]:
    """A training run: the trained version's default ``style``."""
    log(f"training for {steps} steps")
    return {"style": style}


def builtin_models() -> list[Model]:
    """A fresh set of the built-in models."""
    return [
        Model(
            "replicate",
            "hello-world",
            hello_world,
            version_id=HELLO_WORLD_VERSION,
            description="A tiny model that says hello",
            readme="# hello-world\n\nSays hello to the text you give it.\n",
        ),
        Model(
            "meta",
            "meta-llama-3-8b-instruct",
            language_model,
            official=True,
            description="A language model that streams its reply token by token",
            hardware="gpu-a100-large",
        ),
        Model(
            "black-forest-labs",
            "flux-schnell",
            image_model,
            official=True,
            description="An image model that outputs PNG files",
            hardware="gpu-h100",
        ),
        Model(
            "emulator",
            "slow",
            slow_model,
            description="Takes a while and reports progress in its logs",
        ),
        Model("emulator", "fail", failing_model, description="Logs a few lines and then fails"),
        Model(
            "emulator",
            "trainable",
            trainable_model,
            trainer=train_style,
            description="A model whose trainings make new versions",
        ),
    ]


def builtin_collections() -> list[CollectionRecord]:
    """The built-in collections."""
    return [
        CollectionRecord(
            "language-models",
            "Language models",
            "Models that write text",
            ["meta/meta-llama-3-8b-instruct"],
        ),
        CollectionRecord(
            "text-to-image", "Text to image", "Models that draw", ["black-forest-labs/flux-schnell"]
        ),
    ]
