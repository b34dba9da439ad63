"""The documented examples of the 1.x README, the 2.x API reference and the Python
get-started guide, run verbatim against a loopback emulator through ``import replicate``.

Only real typos are fixed (a missing comma, a missing colon); interactive ``>>>``
sessions are written as plain statements, top-level ``await`` goes into ``asyncio.run``,
an ``import replicate`` made by an earlier snippet is repeated, and the training
destination names the emulator's user; ``display`` is a notebook builtin, given here.
"""

from __future__ import annotations

import hashlib
import textwrap
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from replicate import _module_client
from replicate.testing import DEFAULT_TOKEN, Emulator, OutputFile, SystemClock, log, sleep


def _image(prompt: str = "", **_: Any) -> list[OutputFile]:
    digest = hashlib.sha256(prompt.encode()).digest()
    return [OutputFile(b"\x89PNG\r\n\x1a\n" + digest, "out-0.png", "image/png")]


async def _images(prompt: str, num_outputs: int = 1) -> list[OutputFile]:
    await sleep(0.5)
    return [
        OutputFile(b"\x89PNG\r\n\x1a\n" + bytes([i]), f"out-{i}.png", "image/png")
        for i in range(num_outputs)
    ]


def _vision(image: str, prompt: str) -> str:
    assert image.startswith(("http://", "https://"))
    return f"You have a well-stocked refrigerator ({prompt[:10]}...)"


async def _chat(prompt: str, system_prompt: str = "") -> AsyncIterator[str]:
    for word in ["Dolly", " the", " sheep", " was", " cloned."]:
        await sleep(0.05)
        yield word


async def _clipdraw(prompt: str) -> str:
    for step in range(0, 40, 10):
        log(f"iteration: {step}, render:loss: -0.{step + 6}")
        await sleep(0.5)
    return "https://example.com/output.png"


def _fails(prompt: str) -> str:
    log("(some known issue) happened")
    raise RuntimeError("the model crashed")


def _trainable(prompt: str = "") -> str:
    return prompt


def _train(input_images: str, **settings: Any) -> dict[str, Any]:
    return {"trained_on": input_images}


def _blip(image: str) -> str:
    return "an astronaut riding a horse"


def _upscale(image: Any) -> str:
    url = image[0] if isinstance(image, list) else image  # the pipeline passes a list
    return str(url).replace("out-0", "upscaled")


MODELS: list[tuple[str, Any, dict[str, Any]]] = [
    ("black-forest-labs/flux-schnell", _images, {"official": True}),
    (
        "yorickvp/llava-13b",
        _vision,
        {"version_id": "a0fdc44e4f2e1f20f2bb4e27846899953ac8e66c5886c5878fa1d6b73ce009e5"},
    ),
    ("anthropic/claude-3.7-sonnet", _chat, {"official": True}),
    ("anthropic/claude-sonnet-4", _chat, {"official": True}),
    ("meta/meta-llama-3-70b-instruct", _chat, {"official": True}),
    (
        "stability-ai/stable-diffusion",
        _image,
        {"version_id": "27b93a2413e7f36cd83da926f3656280b2931564ff050bf9575f1fdf9bcd7478"},
    ),
    ("stability-ai/stable-diffusion-3", _fails, {"official": True}),
    (
        "stability-ai/sdxl",
        _image,
        {
            "version_id": "39ed52f2a78e934b3ba6e2a89f5b1c712de7dfea535525255b1aa35c5565e08b",
            "trainer": _train,
        },
    ),
    (
        "kvfrans/clipdraw",
        _clipdraw,
        {"version_id": "5797a99edc939ea0e9242d5e8c9cb3bc7d125b1eac21bda852e5cb79ede2cd9b"},
    ),
    (
        "andreasjansson/blip-2",
        _blip,
        {"version_id": "f677695e5e89f8b236e52ecd1d3f01beb44c34606419bcc19345e046d8f786f9"},
    ),
    (
        "afiaka87/laionide-v4",
        _image,
        {"version_id": "b21cbe271e65c1718f2999b038c18b45e21e4fba961181fbfae9342fc53b9e05"},
    ),
    (
        "jingyunliang/swinir",
        _upscale,
        {"version_id": "660d922d33153019e8c263a3bba265de882e7f4f70396546b6c9c8f9d47a021a"},
    ),
    (
        "replicate/hello-world",
        lambda text="world": f"hello {text}",
        {"version_id": "9dcd6d78e7c6560c340d916fe32e9f24aabfa331e5cce95fe31f77fb03121426"},
    ),
]


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    with Emulator(clock=SystemClock(speed=50)) as emulator:
        for ref, function, options in MODELS:
            emulator.add_model(ref, function, **options)
        with emulator.serve() as server:
            yield server.base_url


@pytest.fixture
def run_example(served: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    monkeypatch.setenv("REPLICATE_API_TOKEN", DEFAULT_TOKEN)
    monkeypatch.setenv("REPLICATE_BASE_URL", served)
    monkeypatch.setenv("REPLICATE_POLL_INTERVAL", "0.02")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(_module_client, "_client", None)

    def run(code: str) -> dict[str, Any]:
        namespace: dict[str, Any] = {"display": lambda value: None}
        exec(compile(textwrap.dedent(code), "<example>", "exec"), namespace)
        return namespace

    return run


def test_get_started_run_a_model(run_example: Any, capsys: pytest.CaptureFixture[str]) -> None:
    run_example("""
        import replicate

        output = replicate.run(
          "black-forest-labs/flux-schnell",
          input={"prompt": "an iguana on the beach, pointillism"}
        )

        # Save the generated image
        with open('output.png', 'wb') as f:
            f.write(output[0].read())

        print(f"Image saved as output.png")
    """)
    assert Path("output.png").read_bytes().startswith(b"\x89PNG")
    assert "Image saved as output.png" in capsys.readouterr().out


def test_get_started_local_file_and_url_inputs(
    run_example: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("my_fridge.jpg").write_bytes(b"\xff\xd8\xff fridge")
    run_example("""
        import replicate

        image = open("my_fridge.jpg", "rb")
        output = replicate.run(
            "yorickvp/llava-13b:a0fdc44e4f2e1f20f2bb4e27846899953ac8e66c5886c5878fa1d6b73ce009e5",
            input={
                "image": image,
                "prompt": "Here's what's in my fridge. What can I make for dinner tonight?"
            }
        )
        print(output)

        image = "https://example.com/my_fridge.jpg"
        output = replicate.run(
            "yorickvp/llava-13b:a0fdc44e4f2e1f20f2bb4e27846899953ac8e66c5886c5878fa1d6b73ce009e5",
            input={
                "image": image,
                "prompt": "Here's what's in my fridge. What can I make for dinner tonight?"
            }
        )
        print(output)
    """)
    assert capsys.readouterr().out.count("You have a well-stocked refrigerator") == 2


def test_get_started_iterator_output(run_example: Any, capsys: pytest.CaptureFixture[str]) -> None:
    run_example(
        """
        import replicate  # imported by the guide's first example
        iterator = replicate.run(
          "anthropic/claude-3.7-sonnet",
          input={"prompt": "Who was Dolly the sheep?"},
        )
        for text in iterator:
            print(text, end="")
    """
    )
    assert capsys.readouterr().out == "Dolly the sheep was cloned."


def test_get_started_file_outputs(run_example: Any) -> None:
    run_example("""
        import replicate
        output = replicate.run(
            "black-forest-labs/flux-schnell",
            input={"prompt": "A majestic lion"}
        )

        # Save the generated image
        with open('lion.png', 'wb') as f:
            f.write(output[0].read())

        print("Image saved as lion.png")

        # Handle multiple outputs

        output = replicate.run(
            "black-forest-labs/flux-schnell",
            input={"prompt": "A majestic lion", "num_outputs": 2}
        )

        for idx, file_output in enumerate(output):
            with open(f'output_{idx}.png', 'wb') as f:
                f.write(file_output.read())
    """)
    assert Path("lion.png").exists() and Path("output_1.png").read_bytes().endswith(b"\x01")


def test_readme_run_model_error_and_file_input(
    run_example: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("path/to").mkdir(parents=True)
    Path("path/to/mystery.jpg").write_text("pixels")
    namespace = run_example("""
        import replicate
        from replicate.exceptions import ModelError

        first = replicate.run(
                "stability-ai/stable-diffusion:27b93a2413e7f36cd83da926f3656280b2931564ff050bf9575f1fdf9bcd7478",
                input={"prompt": "a 19th century portrait of a wombat gentleman"}
            )
        output = replicate.run(
                "andreasjansson/blip-2:f677695e5e89f8b236e52ecd1d3f01beb44c34606419bcc19345e046d8f786f9",
                input={ "image": open("path/to/mystery.jpg") }
            )

        try:
          output = replicate.run("stability-ai/stable-diffusion-3", { "prompt": "An astronaut riding a rainbow unicorn" })
        except ModelError as e:
          if "(some known issue)" in e.prediction.logs:
            pass

          print("Failed prediction: " + e.prediction.id)
    """)
    assert str(namespace["first"][0]).endswith("out-0.png")
    assert namespace["output"] == "an astronaut riding a horse"
    assert "Failed prediction: " in capsys.readouterr().out


def test_readme_streaming(run_example: Any, capsys: pytest.CaptureFixture[str]) -> None:
    run_example("""
        import replicate

        for event in replicate.stream(
            "meta/meta-llama-3-70b-instruct",
            input={
                "prompt": "Please write a haiku about llamas.",
            },
        ):
            print(str(event), end="")

        prediction = replicate.predictions.create(
            model="meta/meta-llama-3-70b-instruct",
            input={"prompt": "Please write a haiku about llamas."},
            stream=True,
        )

        for event in prediction.stream():
            print(str(event), end="")
    """)
    assert capsys.readouterr().out == "Dolly the sheep was cloned." * 2


def test_readme_background_cancel_and_list(
    run_example: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    namespace = run_example("""
        import replicate
        model = replicate.models.get("kvfrans/clipdraw")
        version = model.versions.get("5797a99edc939ea0e9242d5e8c9cb3bc7d125b1eac21bda852e5cb79ede2cd9b")
        prediction = replicate.predictions.create(
            version=version,
            input={"prompt":"Watercolor painting of an underwater submarine"})
        first_status = prediction.status
        as_dict = dict(prediction)
        prediction.reload()
        prediction.wait()
        print(prediction.logs)

        canceled = replicate.predictions.create(
                version=version,
                input={"prompt":"Watercolor painting of an underwater submarine"}
            )
        canceled.cancel()
        canceled.reload()

        page1 = replicate.predictions.list()

        if page1.next:
            page2 = replicate.predictions.list(page1.next)
    """)
    assert namespace["first_status"] == "starting"
    assert namespace["as_dict"]["status"] == "starting"
    assert namespace["prediction"].status == "succeeded"
    assert namespace["prediction"].output == "https://example.com/output.png"
    assert namespace["canceled"].status == "canceled"
    assert "iteration: 30" in capsys.readouterr().out
    assert len(namespace["page1"].results) >= 2


def test_readme_pipeline_and_iterator(run_example: Any) -> None:
    namespace = run_example(
        """
        import replicate  # imported by the README's first example
        laionide = replicate.models.get("afiaka87/laionide-v4").versions.get("b21cbe271e65c1718f2999b038c18b45e21e4fba961181fbfae9342fc53b9e05")
        swinir = replicate.models.get("jingyunliang/swinir").versions.get("660d922d33153019e8c263a3bba265de882e7f4f70396546b6c9c8f9d47a021a")
        image = laionide.predict(prompt="avocado armchair")
        upscaled_image = swinir.predict(image=image)
    """
    )
    assert "upscaled" in str(namespace["upscaled_image"])


def test_readme_catalog_hardware_and_training(run_example: Any) -> None:
    namespace = run_example("""
        import replicate
        models = []
        for page in replicate.paginate(replicate.models.list):
            models.extend(page.results)
            if len(models) > 100:
                break

        collections = [collection for page in replicate.paginate(replicate.collections.list) for collection in page]
        slug = collections[0].slug
        text_to_image = replicate.collections.get("text-to-image").models
        skus = [hw.sku for hw in replicate.hardware.list()]

        model = replicate.models.create(
            owner="test-user",
            name="model-name",
            visibility="public",
            hardware="gpu-a40-large"
        )
        training = replicate.trainings.create(
            model="stability-ai/sdxl",
            version="39ed52f2a78e934b3ba6e2a89f5b1c712de7dfea535525255b1aa35c5565e08b",
            input={
              "input_images": "https://my-domain/training-images.zip",
              "token_string": "TOK",
              "caption_prefix": "a photo of TOK",
              "max_train_steps": 1000,
              "use_face_detection_instead": False
            },
            # You need to create a model on Replicate that will be the destination for the trained version.
            destination="test-user/model-name"
        )
    """)
    assert len(namespace["models"]) >= 10
    assert "cpu" in namespace["skus"]
    assert namespace["training"].status == "starting"


def test_readme_async_run_in_a_task_group(run_example: Any) -> None:
    namespace = run_example("""
        import asyncio
        import replicate

        async def main():
            # https://replicate.com/stability-ai/sdxl
            model_version = "stability-ai/sdxl:39ed52f2a78e934b3ba6e2a89f5b1c712de7dfea535525255b1aa35c5565e08b"
            prompts = [
                f"A chariot pulled by a team of {count} rainbow unicorns"
                for count in ["two", "four", "six", "eight"]
            ]

            async with asyncio.TaskGroup() as tg:
                tasks = [
                    tg.create_task(replicate.async_run(model_version, input={"prompt": prompt}))
                    for prompt in prompts
                ]

            results = await asyncio.gather(*tasks)
            print(results)
            return results

        results = asyncio.run(main())
    """)
    assert len(namespace["results"]) == 4
    assert len({str(result[0]) for result in namespace["results"]}) == 4


def test_2x_run_and_predictions_create(
    run_example: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    run_example("""
        import replicate

        # Run a model and get the output directly
        output = replicate.run(
            "anthropic/claude-sonnet-4",
            input={"prompt": "Hello, world!"}
        )
        print(output)

        prediction = replicate.predictions.create(
            input={
                "text": "Alice"
            },
            version="replicate/hello-world:9dcd6d78e7c6560c340d916fe32e9f24aabfa331e5cce95fe31f77fb03121426",
        )
        print(prediction.id)
    """)
    out = capsys.readouterr().out
    assert "Dolly" in out
