"""Client settings from arguments and environment (replicate._core.config, .timeouts)."""

from __future__ import annotations

import httpx
import pytest

from replicate._core.config import (
    DEFAULT_BASE_URL,
    api_origin_url,
    environment_base_url,
    normalize_base_url,
    normalize_timeout,
    normalize_token,
    resolve_config,
    user_agent,
)
from replicate._core.timeouts import DEFAULT_TIMEOUT, requested_wait, timeout_for_hold
from replicate._types import NOT_GIVEN


@pytest.mark.parametrize(
    "given",
    [
        "https://api.replicate.com",
        "https://api.replicate.com/",
        "https://api.replicate.com/v1",
        "https://api.replicate.com/v1/",
    ],
)
def test_api_origin_url_adds_v1_as_1x_did(given: str) -> None:
    assert str(api_origin_url(given)) == "https://api.replicate.com/v1"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://api.replicate.com", "https://api.replicate.com"),
        ("https://api.replicate.com/v1/", "https://api.replicate.com/v1"),
        ("http://127.0.0.1:8000/proxy/", "http://127.0.0.1:8000/proxy"),
    ],
)
def test_base_url_is_kept_as_given(given: str, expected: str) -> None:
    assert str(normalize_base_url(given)) == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000/v1"),
        ("http://127.0.0.1:8000/", "http://127.0.0.1:8000/v1"),
        ("http://127.0.0.1:8000/v1", "http://127.0.0.1:8000/v1"),
        ("http://127.0.0.1:8000/proxy/", "http://127.0.0.1:8000/proxy"),
    ],
)
def test_environment_base_url_adds_v1_to_an_origin_only(given: str, expected: str) -> None:
    assert str(environment_base_url(given)) == expected


@pytest.mark.parametrize("bad", ["api.replicate.com", "ftp://host/v1", ""])
def test_bad_base_url_is_rejected_with_an_example(bad: str) -> None:
    with pytest.raises(ValueError, match="absolute http"):
        normalize_base_url(bad)


def test_token_is_trimmed_and_empty_means_missing() -> None:
    assert normalize_token("  r8_abc\n") == "r8_abc"
    assert normalize_token("   ") is None
    assert normalize_token(None) is None
    assert normalize_token("My Bearer Token") == "My Bearer Token"
    for bad in ("r8_a\nb", "r8_a\rb", "r8_a\x01b", "r8_aéb"):
        with pytest.raises(ValueError, match="HTTP header"):
            normalize_token(bad)


def test_timeout_forms() -> None:
    assert normalize_timeout(30) == httpx.Timeout(30.0, connect=5.0)
    assert normalize_timeout(2) == httpx.Timeout(2.0)
    assert normalize_timeout(None) == httpx.Timeout(None)
    custom = httpx.Timeout(1.0)
    assert normalize_timeout(custom) is custom
    for bad in (0, -1, True, "10"):
        with pytest.raises(ValueError, match="timeout"):
            normalize_timeout(bad)  # type: ignore[arg-type]


def _resolve(**overrides: object) -> object:
    arguments: dict[str, object] = {
        "bearer_token": None,
        "base_url": None,
        "timeout": NOT_GIVEN,
        "max_retries": 2,
        "default_headers": None,
        "default_query": None,
        "strict_response_validation": None,
        "environ": {},
    }
    arguments.update(overrides)
    return resolve_config(**arguments)  # type: ignore[arg-type]


def test_environment_fills_the_gaps_and_arguments_win() -> None:
    environ = {
        "REPLICATE_API_TOKEN": "r8_env",
        "REPLICATE_BASE_URL": "http://127.0.0.1:9000",
        "REPLICATE_STRICT_RESPONSES": "1",
    }
    from_env = _resolve(environ=environ)
    assert from_env.bearer_token == "r8_env"  # type: ignore[attr-defined]
    assert str(from_env.base_url) == "http://127.0.0.1:9000/v1"  # type: ignore[attr-defined]
    assert from_env.strict_response_validation is True  # type: ignore[attr-defined]
    explicit = _resolve(
        environ=environ,
        bearer_token="r8_arg",
        base_url="https://example.com",
        strict_response_validation=False,
    )
    assert explicit.bearer_token == "r8_arg"  # type: ignore[attr-defined]
    assert str(explicit.base_url) == "https://example.com"  # type: ignore[attr-defined]
    assert explicit.strict_response_validation is False  # type: ignore[attr-defined]


def test_defaults() -> None:
    config = _resolve()
    assert config.bearer_token is None  # type: ignore[attr-defined]
    assert str(config.base_url) == DEFAULT_BASE_URL  # type: ignore[attr-defined]
    assert config.timeout == DEFAULT_TIMEOUT  # type: ignore[attr-defined]
    assert DEFAULT_TIMEOUT.read == 60.0
    assert DEFAULT_TIMEOUT.connect == 5.0


@pytest.mark.parametrize("bad", [-1, 1.5, True])
def test_bad_max_retries(bad: object) -> None:
    with pytest.raises(ValueError, match="max_retries"):
        _resolve(max_retries=bad)


def test_user_agent_names_the_sdk_httpx_and_python() -> None:
    agent = user_agent()
    assert agent.startswith("replicate-python/")
    assert f"httpx/{httpx.__version__}" in agent
    assert "python/" in agent


@pytest.mark.parametrize(
    ("prefer", "wait"),
    [
        (None, None),
        ("", None),
        ("wait", 60.0),
        ("wait=5", 5.0),
        ("respond-async, wait=30", 30.0),
        ("wait = 12", 12.0),
        ("waiting=5", None),
    ],
)
def test_requested_wait(prefer: str | None, wait: float | None) -> None:
    assert requested_wait(prefer) == wait


def test_hold_raises_the_read_timeout_only_when_needed() -> None:
    short = httpx.Timeout(20.0, connect=5.0)
    raised = timeout_for_hold(short, "wait=60")
    assert raised.read == 70.0
    assert raised.connect == 5.0
    assert timeout_for_hold(short, None) is short
    assert timeout_for_hold(short, "wait=5") is short
    unlimited = httpx.Timeout(None)
    assert timeout_for_hold(unlimited, "wait=60") is unlimited
