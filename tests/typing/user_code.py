"""Code as a user writes it, type-checked by the lint session with pyright and mypy (strict).

Each misspelt keyword below must be flagged by both checkers: their ignore comments
are required to be used (unused ones are errors), so a signature that accepted
anything would fail the check.
"""

from __future__ import annotations

import replicate


def correct() -> None:
    replicate.run("owner/name", {"prompt": "a"}, wait=10, timeout=60, use_file_output=False)
    replicate.run("owner/name", input={"prompt": "a"}, progress=True)
    for event in replicate.stream("owner/name", input={"prompt": "a"}):
        print(str(event))


def typos() -> None:
    replicate.run("owner/name", {}, timout=10)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    replicate.run("owner/name", {}, wiat=True)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    replicate.run("owner/name", {}, use_file_ouput=False)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    replicate.stream("owner/name", {}, webhok="https://x")  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]
    client = replicate.Replicate()
    client.run("owner/name", {}, timout=10)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]


async def async_typos() -> None:
    await replicate.async_run("owner/name", {}, wait=5)
    async with replicate.AsyncReplicate() as client:
        await client.run("owner/name", {}, timout=10)  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]


def flux_schnell(prompt: str, num_outputs: int = 1) -> list[str]:
    """The model's signature, for type checkers (never called)."""
    raise NotImplementedError


def typed_models() -> None:
    flux = replicate.use("black-forest-labs/flux-schnell", hint=flux_schnell)
    images: list[str] = flux(prompt="a cat", num_outputs=2)
    print(images)
    flux(prompt=1)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    flux(promt="a cat")  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]


async def typed_async_models() -> None:
    flux = replicate.use("black-forest-labs/flux-schnell", hint=flux_schnell, use_async=True)
    images: list[str] = await flux(prompt="a cat")
    print(images)


def version_objects() -> None:
    model = replicate.models.get("replicate/hello-world")
    assert model.latest_version is not None
    version = model.versions.get(model.latest_version.id or "")
    prediction = replicate.predictions.create(version=version, input={"text": "a"})
    prediction.wait()
    replicate.run(version, {"text": "b"})
