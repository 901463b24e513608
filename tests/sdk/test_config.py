"""Configuration: credentials from arguments or the environment, environments, base_url override."""

from __future__ import annotations

import base64

import pytest

from customers_sdk import ConfigurationError, sequence, straddle
from tests.sdk.fake_vendor import SEQUENCE_ID, SEQUENCE_PATH, SEQUENCE_SECRET, STRADDLE_KEY, STRADDLE_PATH, FakeVendor
from tests.support.specs import load

Fake = tuple[FakeVendor, str]


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SEQUENCE_CLIENT_ID", "SEQUENCE_CLIENT_SECRET", "SEQUENCE_BASE_URL", "STRADDLE_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("STRADDLE_BASE_URL", raising=False)


def test_environments_are_the_specs_servers() -> None:
    """Each client knows exactly its spec's servers, and defaults to the first one."""
    for api, module in (("sequence", sequence), ("straddle", straddle)):
        servers = [s["url"] for s in load(api)["servers"]]
        assert sorted(module.ENVIRONMENTS.values()) == sorted(servers)
        assert module.ENVIRONMENTS[module.DEFAULT_ENVIRONMENT] == servers[0]


def test_sequence_reads_credentials_and_base_url_from_the_environment(
    fake: Fake, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SEQUENCE_CLIENT_ID/SECRET and SEQUENCE_BASE_URL configure a client built with no arguments."""
    vendor, url = fake
    monkeypatch.setenv("SEQUENCE_CLIENT_ID", SEQUENCE_ID)
    monkeypatch.setenv("SEQUENCE_CLIENT_SECRET", SEQUENCE_SECRET)
    monkeypatch.setenv("SEQUENCE_BASE_URL", url)
    with sequence.Sequence() as client:
        client.customers.list()
    sent = vendor.paths(SEQUENCE_PATH)[0].headers["Authorization"]
    assert sent == "Basic " + base64.b64encode(f"{SEQUENCE_ID}:{SEQUENCE_SECRET}".encode()).decode()


@pytest.mark.asyncio
async def test_straddle_reads_the_api_key_from_the_environment(fake: Fake, monkeypatch: pytest.MonkeyPatch) -> None:
    """STRADDLE_API_KEY configures an async client; it is sent as a Bearer token."""
    vendor, url = fake
    monkeypatch.setenv("STRADDLE_API_KEY", STRADDLE_KEY)
    async with straddle.AsyncStraddle(base_url=url) as client:
        await client.customers.list()
    assert vendor.paths(STRADDLE_PATH)[0].headers["Authorization"] == f"Bearer {STRADDLE_KEY}"


def test_environment_names_pick_the_base_url() -> None:
    """environment="sandbox"/"production" select the spec's hosts; no argument gives the default."""
    with (
        sequence.Sequence(client_id="a", client_secret="b", environment="sandbox") as seq,
        straddle.Straddle(api_key="k", environment="production") as strd,
        straddle.Straddle(api_key="k") as default,
    ):
        assert seq.base_url == "https://eu.sandbox.sequencehq.com"
        assert strd.base_url == "https://production.straddle.com"
        assert default.base_url == "https://sandbox.straddle.com"


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [
        ({}, "SEQUENCE_CLIENT_ID"),
        ({"client_id": "a"}, "SEQUENCE_CLIENT_SECRET"),
        ({"client_id": "a", "client_secret": "b", "environment": "moon"}, "Unknown environment 'moon'"),
        ({"client_id": "a", "client_secret": "b", "environment": "sandbox", "base_url": "http://x"}, "not both"),
    ],
)
def test_bad_configuration_is_a_clear_error(kwargs: dict[str, str], needle: str) -> None:
    """Missing credentials or contradictory options raise ConfigurationError saying what to do."""
    with pytest.raises(ConfigurationError, match=needle):
        sequence.Sequence(**kwargs)  # type: ignore[arg-type]


def test_straddle_without_key_says_which_variable() -> None:
    """No API key anywhere: ConfigurationError naming STRADDLE_API_KEY."""
    with pytest.raises(ConfigurationError, match="STRADDLE_API_KEY"):
        straddle.AsyncStraddle()


def test_negative_max_retries_is_rejected() -> None:
    """max_retries below zero is refused at construction."""
    with pytest.raises(ValueError, match="max_retries"):
        straddle.Straddle(api_key="k", max_retries=-1)
