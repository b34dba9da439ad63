"""Clients share one TLS context per process instead of loading CA certificates each time."""

from __future__ import annotations

import ssl

import httpx
import pytest

import replicate
from replicate._http_client import default_http_client_options, default_ssl_context


def _context(client: httpx.Client | httpx.AsyncClient) -> ssl.SSLContext:
    return client._transport._pool._ssl_context  # type: ignore[attr-defined, no-any-return]  # pyright: ignore[reportPrivateUsage, reportAttributeAccessIssue, reportUnknownMemberType, reportUnknownVariableType]


def test_every_client_gets_the_same_context() -> None:
    first = replicate.Replicate(bearer_token="r8_x")
    second = replicate.Replicate(bearer_token="r8_x")
    third = replicate.AsyncReplicate(bearer_token="r8_x")
    contexts = {
        id(_context(client._transport.http_client))  # pyright: ignore[reportPrivateUsage]
        for client in (first, second, third)
    }
    assert contexts == {id(default_ssl_context())}
    assert default_ssl_context().verify_mode == ssl.CERT_REQUIRED
    first.close()
    second.close()


def test_default_httpx_clients_share_it_too() -> None:
    with replicate.DefaultHttpxClient() as client:
        assert _context(client) is default_ssl_context()


def test_verify_and_trust_env_given_are_respected() -> None:
    assert default_http_client_options(verify=False)["verify"] is False
    assert "verify" not in default_http_client_options(trust_env=False)


def test_a_changed_ssl_cert_file_makes_a_new_context(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import certifi

    before = default_ssl_context()
    monkeypatch.setenv("SSL_CERT_FILE", certifi.where())
    after = default_ssl_context()
    assert after is not before
    assert default_ssl_context() is after
