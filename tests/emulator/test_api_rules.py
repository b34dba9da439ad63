"""The rules the published API states for each operation, enforced as the API enforces them.

Each test checks one rule: what the API refuses, the emulator refuses too.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
import pytest

from replicate.testing import HELLO_WORLD_VERSION, Emulator, ManualClock, OutputFile

HELLO = {"version": HELLO_WORLD_VERSION, "input": {"text": "x"}}


def create_private_model(client: httpx.Client, name: str = "mine", **fields: Any) -> None:
    response = client.post(
        "/models",
        json={
            "owner": "test-user",
            "name": name,
            "visibility": "private",
            "hardware": "cpu",
            **fields,
        },
    )
    assert response.status_code == 201, response.text


def train_into(client: httpx.Client, emulator: Emulator, destination: str) -> str:
    """Train ``emulator/trainable`` into ``destination``; the new version's id."""
    trainable = emulator.model("emulator/trainable")
    training = client.post(
        f"/models/emulator/trainable/versions/{trainable.version_id}/trainings",
        json={"destination": destination, "input": {"style": "loud"}},
    )
    assert training.status_code == 201, training.text
    for _ in range(200):
        current = client.get(f"/trainings/{training.json()['id']}").json()
        if current["status"] == "succeeded":
            return str(current["output"]["version"])
        emulator.wait_for_webhooks()  # yields to the emulator's loop
    raise AssertionError("the training did not finish")


# --- Official models -------------------------------------------------------------------


def test_model_endpoint_answers_404_for_a_community_model(
    client: httpx.Client, emulator: Emulator
) -> None:
    emulator.add_model("someone/fine-tune", lambda text="": text)
    for ref in ("someone/fine-tune", "replicate/hello-world"):
        response = client.post(f"/models/{ref}/predictions", json={"input": {}})
        assert response.status_code == 404, ref
        assert response.json()["status"] == 404
    assert emulator.prediction_ids() == []


def test_model_endpoint_runs_an_official_model(client: httpx.Client, emulator: Emulator) -> None:
    emulator.add_model("acme/official", lambda: "done", official=True)
    response = client.post(
        "/models/acme/official/predictions", json={"input": {}}, headers={"Prefer": "wait"}
    )
    assert response.status_code == 201
    assert response.json()["version"] == "hidden" and response.json()["output"] == "done"


def test_builtin_official_models_are_marked_official(client: httpx.Client) -> None:
    official = {
        ref: client.get(f"/models/{ref}").json()["is_official"]
        for ref in (
            "black-forest-labs/flux-schnell",
            "meta/meta-llama-3-8b-instruct",
            "replicate/hello-world",
            "emulator/slow",
        )
    }
    assert official == {
        "black-forest-labs/flux-schnell": True,
        "meta/meta-llama-3-8b-instruct": True,
        "replicate/hello-world": False,
        "emulator/slow": False,
    }


def test_add_model_makes_community_models_by_default(emulator: Emulator) -> None:
    assert emulator.add_model("me/model", lambda: None).official is False


def test_a_bare_model_name_as_version_runs_only_official_models(
    client: httpx.Client, emulator: Emulator
) -> None:
    refused = client.post(
        "/predictions", json={"version": "replicate/hello-world", "input": {"text": "x"}}
    )
    assert refused.status_code == 422
    assert client.post("/predictions", json={"version": "no/such", "input": {}}).status_code == 422
    accepted = client.post(
        "/predictions",
        json={"version": "meta/meta-llama-3-8b-instruct", "input": {"prompt": "hi"}},
    )
    assert accepted.status_code == 201 and accepted.json()["version"] == "hidden"
    assert len(emulator.prediction_ids()) == 1


def test_official_models_show_a_latest_version_but_no_version_list(client: httpx.Client) -> None:
    model = client.get("/models/black-forest-labs/flux-schnell").json()
    assert model["latest_version"]["openapi_schema"]["components"]["schemas"]["Input"]
    assert client.get("/models/black-forest-labs/flux-schnell/versions").status_code == 404


# --- Creating predictions ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/predictions", {**HELLO, "model": "replicate/hello-world"}),
        ("/models/meta/meta-llama-3-8b-instruct/predictions", {"input": {}, "version": "x"}),
        ("/predictions", {**HELLO, "stream": "yes"}),
    ],
)
def test_prediction_requests_with_unknown_or_mistyped_fields_are_422(
    client: httpx.Client, emulator: Emulator, path: str, body: dict[str, Any]
) -> None:
    assert client.post(path, json=body).status_code == 422
    assert emulator.prediction_ids() == []


@pytest.mark.parametrize(
    ("value", "valid"),
    [(3, True), (2.5, True), ("3", False), (True, False), (None, False)],
)
def test_inputs_must_have_the_type_the_schema_declares(
    client: httpx.Client, emulator: Emulator, value: object, valid: bool
) -> None:
    slow = emulator.model("emulator/slow").version_id  # seconds: number, steps: integer
    response = client.post("/predictions", json={"version": slow, "input": {"seconds": value}})
    assert (response.status_code == 201) is valid, response.text
    steps = client.post("/predictions", json={"version": slow, "input": {"steps": 2.5}})
    assert steps.status_code == 422 and "steps" in steps.json()["detail"]


def test_deployment_prediction_requests_take_no_version(
    client: httpx.Client, emulator: Emulator
) -> None:
    client.post(
        "/deployments",
        json={
            "name": "d",
            "model": "replicate/hello-world",
            "version": HELLO_WORLD_VERSION,
            "hardware": "cpu",
            "min_instances": 0,
            "max_instances": 1,
        },
    )
    response = client.post("/deployments/test-user/d/predictions", json=HELLO)
    assert response.status_code == 422 and "version" in response.json()["detail"]


@pytest.mark.parametrize(
    "webhook", ["http://hooks.test/in", "hooks.test/in", "https://", 42, "ftp://hooks.test/x"]
)
def test_webhook_must_be_an_https_url(client: httpx.Client, webhook: object) -> None:
    response = client.post("/predictions", json={**HELLO, "webhook": webhook})
    assert response.status_code == 422 and "webhook" in response.json()["detail"]


@pytest.mark.parametrize(
    "prefer", ["wait=0", "wait=61", "wait=1.5", "wait=abc", "respond-async", "wait, foo", "Wait=5"]
)
def test_prefer_must_be_wait_or_wait_with_whole_seconds_from_1_to_60(
    client: httpx.Client, prefer: str
) -> None:
    response = client.post("/predictions", json=HELLO, headers={"Prefer": prefer})
    assert response.status_code == 422, prefer


@pytest.mark.parametrize("prefer", ["wait", "wait=1", "wait=60"])
def test_valid_prefer_values_are_accepted(client: httpx.Client, prefer: str) -> None:
    response = client.post("/predictions", json=HELLO, headers={"Prefer": prefer})
    assert response.status_code == 201, response.text


def test_a_deadline_before_the_model_starts_aborts_the_prediction(
    client: httpx.Client, emulator: Emulator, clock: ManualClock
) -> None:
    emulator.add_model("me/cold", lambda: "warm", setup_seconds=30)
    created = client.post(
        "/predictions",
        json={"version": emulator.model("me/cold").version_id, "input": {}},
        headers={"Cancel-After": "10s"},
    ).json()
    clock.advance(11)
    prediction = client.get(f"/predictions/{created['id']}").json()
    assert prediction["status"] == "aborted"
    assert "started_at" not in prediction


def test_a_deadline_while_running_cancels_the_prediction(
    client: httpx.Client, emulator: Emulator, clock: ManualClock
) -> None:
    created = client.post(
        "/predictions",
        json={"version": emulator.model("emulator/slow").version_id, "input": {"seconds": 60}},
        headers={"Cancel-After": "10s"},
    ).json()
    clock.advance(11)
    assert client.get(f"/predictions/{created['id']}").json()["status"] == "canceled"


# --- Reading predictions -------------------------------------------------------------------


def test_data_of_api_predictions_is_removed_an_hour_after_they_finish(
    client: httpx.Client, emulator: Emulator, clock: ManualClock
) -> None:
    emulator.add_model("me/picture", lambda: OutputFile(b"png", "out.png", "image/png"))
    created = client.post(
        "/predictions",
        json={"version": emulator.model("me/picture").version_id, "input": {}},
        headers={"Prefer": "wait"},
    ).json()
    file_url = created["output"]
    assert client.get(file_url).status_code == 200
    clock.advance(3599)
    assert client.get(f"/predictions/{created['id']}").json()["data_removed"] is False
    clock.advance(1)
    removed = client.get(f"/predictions/{created['id']}").json()
    assert removed["data_removed"] is True
    assert removed["output"] is None and "output" in removed
    assert removed["input"] == {} and removed["logs"] == ""
    assert client.get(file_url).status_code == 404
    listed = client.get("/predictions").json()["results"][0]
    assert listed["id"] == created["id"] and listed["data_removed"] is True


def test_created_after_includes_the_instant_itself(client: httpx.Client) -> None:
    created = client.post("/predictions", json=HELLO).json()
    after = client.get("/predictions", params={"created_after": created["created_at"]}).json()
    assert [p["id"] for p in after["results"]] == [created["id"]]
    before = client.get("/predictions", params={"created_before": created["created_at"]}).json()
    assert before["results"] == []


def test_source_filter_takes_only_web(client: httpx.Client) -> None:
    client.post("/predictions", json=HELLO)
    assert client.get("/predictions", params={"source": "web"}).json()["results"] == []
    assert client.get("/predictions", params={"source": "api"}).status_code == 400


# --- Models ----------------------------------------------------------------------------------


def test_models_are_created_only_for_the_tokens_account(client: httpx.Client) -> None:
    response = client.post(
        "/models",
        json={"owner": "someone-else", "name": "m", "visibility": "public", "hardware": "cpu"},
    )
    assert response.status_code == 403
    assert client.get("/models/someone-else/m").status_code == 404


def test_models_are_created_only_on_listed_hardware(client: httpx.Client) -> None:
    response = client.post(
        "/models",
        json={"owner": "test-user", "name": "m", "visibility": "public", "hardware": "gpu-x"},
    )
    assert response.status_code == 422 and "hardware" in response.json()["detail"]


def test_an_account_owns_at_most_1000_models(emulator: Emulator, client: httpx.Client) -> None:
    for number in range(1000):
        emulator.add_model(f"test-user/m{number}", lambda: None)
    response = client.post(
        "/models",
        json={"owner": "test-user", "name": "one-more", "visibility": "public", "hardware": "cpu"},
    )
    assert response.status_code == 403


def test_created_models_keep_their_links(client: httpx.Client) -> None:
    create_private_model(
        client,
        github_url="https://github.com/test-user/mine",
        paper_url="https://arxiv.org/abs/1",
        license_url="https://example.com/license",
        cover_image_url="https://example.com/cover.png",
    )
    model = client.get("/models/test-user/mine").json()
    assert model["github_url"] == "https://github.com/test-user/mine"
    assert model["paper_url"] == "https://arxiv.org/abs/1"
    assert model["license_url"] == "https://example.com/license"
    assert model["cover_image_url"] == "https://example.com/cover.png"


def test_only_your_own_models_can_be_updated(client: httpx.Client) -> None:
    response = client.patch("/models/replicate/hello-world", json={"description": "mine now"})
    assert response.status_code == 403
    create_private_model(client)
    updated = client.patch(
        "/models/test-user/mine",
        json={"description": "d", "github_url": "https://github.com/x/y", "weights_url": "w"},
    )
    assert updated.status_code == 200
    assert updated.json()["github_url"] == "https://github.com/x/y"
    assert client.patch("/models/test-user/mine", json={"readme": 3}).status_code == 422


def test_private_models_of_others_are_invisible(client: httpx.Client, emulator: Emulator) -> None:
    emulator.add_model("someone/secret", lambda: None, visibility="private")
    assert client.get("/models/someone/secret").status_code == 404
    create_private_model(client)
    assert client.get("/models/test-user/mine").status_code == 200


def test_lists_and_searches_show_public_models_only(client: httpx.Client) -> None:
    create_private_model(client, description="hello there")
    refs = {f"{m['owner']}/{m['name']}" for m in client.get("/models").json()["results"]}
    assert "test-user/mine" not in refs
    searched = client.request("QUERY", "/models", content="hello").json()["results"]
    assert "mine" not in {m["name"] for m in searched}
    found = client.get("/search", params={"query": "hello"}).json()["models"]
    assert "mine" not in {m["model"]["name"] for m in found}


def test_models_sort_by_latest_version_by_default(emulator: Emulator, clock: ManualClock) -> None:
    with Emulator(clock=clock, builtin_models=False) as fresh:
        fresh.add_model("a/old-model", lambda: None)  # model and version created now
        clock.advance(10)
        fresh.add_model("b/new-model", lambda: None)
        # The older model gets the newest version.
        fresh.model("a/old-model").created_at = clock.now() + 5
        with httpx.Client(
            base_url=fresh.base_url,
            transport=fresh.transport(),
            headers={"Authorization": "Bearer r8_emulator_test_token"},
        ) as client:

            def names(**params: str) -> list[str]:
                page = client.get("/models", params=params).json()
                return [m["name"] for m in page["results"]]

            assert names() == ["old-model", "new-model"]
            assert names(sort_by="model_created_at") == ["old-model", "new-model"]
            assert names(sort_by="latest_version_created_at", sort_direction="asc") == [
                "new-model",
                "old-model",
            ]
            assert client.get("/models", params={"sort_by": "name"}).status_code == 400


def test_only_your_private_models_without_versions_can_be_deleted(
    client: httpx.Client, emulator: Emulator
) -> None:
    assert client.delete("/models/replicate/hello-world").status_code == 403  # not yours
    client.post(
        "/models",
        json={"owner": "test-user", "name": "open", "visibility": "public", "hardware": "cpu"},
    )
    assert client.delete("/models/test-user/open").status_code == 403  # public
    create_private_model(client)
    version = train_into(client, emulator, "test-user/mine")
    assert client.delete("/models/test-user/mine").status_code == 409  # has a version
    assert client.delete(f"/models/test-user/mine/versions/{version}").status_code == 202
    assert client.delete("/models/test-user/mine").status_code == 204
    assert client.get("/models/test-user/mine").status_code == 404


def test_only_versions_of_your_private_models_can_be_deleted(
    client: httpx.Client, emulator: Emulator
) -> None:
    hello = f"/models/replicate/hello-world/versions/{HELLO_WORLD_VERSION}"
    assert client.delete(hello).status_code == 403
    client.post(
        "/models",
        json={"owner": "test-user", "name": "open", "visibility": "public", "hardware": "cpu"},
    )
    public_version = train_into(client, emulator, "test-user/open")
    assert client.delete(f"/models/test-user/open/versions/{public_version}").status_code == 403


def test_a_version_used_by_a_deployment_or_as_a_training_base_stays(
    client: httpx.Client, emulator: Emulator
) -> None:
    create_private_model(client)
    version = train_into(client, emulator, "test-user/mine")
    client.post(
        "/deployments",
        json={
            "name": "d",
            "model": "test-user/mine",
            "version": version,
            "hardware": "cpu",
            "min_instances": 0,
            "max_instances": 1,
        },
    )
    assert client.delete(f"/models/test-user/mine/versions/{version}").status_code == 409

    emulator.add_model("test-user/base", lambda: None, visibility="private", trainer=lambda: {})
    base = emulator.model("test-user/base").version_id
    create_private_model(client, "target")
    trained = client.post(
        f"/models/test-user/base/versions/{base}/trainings",
        json={"destination": "test-user/target", "input": {}},
    )
    assert trained.status_code == 201
    assert client.delete(f"/models/test-user/base/versions/{base}").status_code == 409


def test_deleting_a_version_deletes_its_predictions(
    client: httpx.Client, emulator: Emulator
) -> None:
    create_private_model(client)
    version = train_into(client, emulator, "test-user/mine")
    prediction = client.post(
        "/predictions",
        json={"version": version, "input": {"prompt": "p"}},
        headers={"Prefer": "wait"},
    ).json()
    assert client.delete(f"/models/test-user/mine/versions/{version}").status_code == 202
    assert client.get(f"/predictions/{prediction['id']}").status_code == 404


def test_examples_are_only_the_ones_the_author_picked(
    client: httpx.Client, emulator: Emulator, clock: ManualClock
) -> None:
    created = client.post("/predictions", json=HELLO, headers={"Prefer": "wait"}).json()
    assert client.get("/models/replicate/hello-world/examples").json()["results"] == []
    assert client.get("/models/replicate/hello-world").json()["default_example"] is None
    emulator.add_example("replicate/hello-world", created["id"])
    examples = client.get("/models/replicate/hello-world/examples").json()["results"]
    assert [e["id"] for e in examples] == [created["id"]]
    model = client.get("/models/replicate/hello-world").json()
    assert model["default_example"]["id"] == created["id"]
    clock.advance(2 * 3600)  # an example keeps its data
    assert client.get(f"/predictions/{created['id']}").json()["output"] == "hello x"


# --- Trainings -------------------------------------------------------------------------------


def test_trainings_go_only_into_your_own_models(client: httpx.Client, emulator: Emulator) -> None:
    trainable = emulator.model("emulator/trainable")
    response = client.post(
        f"/models/emulator/trainable/versions/{trainable.version_id}/trainings",
        json={"destination": "replicate/hello-world", "input": {"style": "loud"}},
    )
    assert response.status_code == 403
    assert client.get("/trainings").json()["results"] == []


# --- Deployments -----------------------------------------------------------------------------


def deployment(client: httpx.Client, name: str = "d", **changes: Any) -> httpx.Response:
    return client.post(
        "/deployments",
        json={
            "name": name,
            "model": "replicate/hello-world",
            "version": HELLO_WORLD_VERSION,
            "hardware": "cpu",
            "min_instances": 0,
            "max_instances": 1,
            **changes,
        },
    )


@pytest.mark.parametrize(
    "changes",
    [
        {"min_instances": 6},
        {"min_instances": -1},
        {"max_instances": 21},
        {"max_instances": True},
        {"hardware": "gpu-nope"},
    ],
)
def test_deployment_settings_out_of_bounds_are_422(
    client: httpx.Client, changes: dict[str, Any]
) -> None:
    assert deployment(client, **changes).status_code == 422
    assert deployment(client, "ok").status_code == 200
    assert client.patch("/deployments/test-user/ok", json=changes).status_code == 422


def test_deployments_list_newest_first(client: httpx.Client, clock: ManualClock) -> None:
    deployment(client, "first")
    clock.advance(1)
    deployment(client, "second")
    names = [d["name"] for d in client.get("/deployments").json()["results"]]
    assert names == ["second", "first"]


def test_deployments_are_deleted_only_after_15_idle_offline_minutes(
    client: httpx.Client, clock: ManualClock
) -> None:
    deployment(client, min_instances=1)
    clock.advance(3600)
    assert client.delete("/deployments/test-user/d").status_code == 409  # online
    client.patch("/deployments/test-user/d", json={"min_instances": 0})
    clock.advance(14 * 60)
    assert client.delete("/deployments/test-user/d").status_code == 409  # offline for 14 min
    client.post(
        "/deployments/test-user/d/predictions", json={"input": {}}, headers={"Prefer": "wait"}
    )
    clock.advance(14 * 60)
    assert client.delete("/deployments/test-user/d").status_code == 409  # used 14 min ago
    clock.advance(60)
    assert client.delete("/deployments/test-user/d").status_code == 204
    assert client.get("/deployments/test-user/d").status_code == 404


# --- Files, search ---------------------------------------------------------------------------


def test_uploads_need_a_filename_of_at_most_255_utf8_bytes(client: httpx.Client) -> None:
    unnamed = client.post("/files", files={"content": (None, b"abc", "text/plain")})
    assert unnamed.status_code == 422
    long_name = client.post("/files", files={"content": ("é" * 128 + ".txt", b"abc")})
    assert long_name.status_code == 422  # 260 bytes in UTF-8
    named = client.post("/files", files={"content": (None, b"abc")}, data={"filename": "a.txt"})
    assert named.status_code == 201 and named.json()["name"] == "a.txt"


def test_uploads_with_a_filename_that_is_not_utf8_are_422(client: httpx.Client) -> None:
    body = (
        b'--b\r\nContent-Disposition: form-data; name="content"; filename="\xff\xfe.bin"\r\n'
        b"\r\nabc\r\n--b--\r\n"
    )
    response = client.post(
        "/files", content=body, headers={"content-type": "multipart/form-data; boundary=b"}
    )
    assert response.status_code == 422


def test_files_are_gone_once_expired(client: httpx.Client, clock: ManualClock) -> None:
    created = client.post("/files", files={"content": ("a.txt", b"abc")}).json()
    expires = datetime.fromisoformat(created["expires_at"].replace("Z", "+00:00"))
    now = datetime.fromtimestamp(clock.now(), timezone.utc)
    clock.advance((expires - now - timedelta(seconds=1)).total_seconds())
    assert client.get(f"/files/{created['id']}").status_code == 200
    clock.advance(1)
    assert client.get(f"/files/{created['id']}").status_code == 404
    assert client.get("/files").json()["results"] == []


@pytest.mark.parametrize("limit", ["0", "51", "x"])
def test_search_limit_is_from_1_to_50(client: httpx.Client, limit: str) -> None:
    assert client.get("/search", params={"query": "a", "limit": limit}).status_code == 400
