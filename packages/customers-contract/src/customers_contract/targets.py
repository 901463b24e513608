"""What the contract suite runs against: the mock, a URL of your own, or a real vendor named by the environment.

A live run takes each API whose credentials are set, and only those:

| API | credentials | base URL (default: the vendor's sandbox) |
|---|---|---|
| Sequence | `SEQUENCE_CLIENT_ID`, `SEQUENCE_CLIENT_SECRET` | `SEQUENCE_BASE_URL` |
| Straddle | `STRADDLE_API_KEY` (and `STRADDLE_ACCOUNT_ID`, optional: the key's own account) | `STRADDLE_BASE_URL` |

Nothing here sends a request; a live run with no credentials at all stops before the first one.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from customers_mock import accounts
from customers_mock.testing import MockServer

APIS = ("sequence", "straddle")
PATHS = {"sequence": "/api/customers", "straddle": "/v1/customers"}
SANDBOXES = {"sequence": "https://eu.sandbox.sequencehq.com", "straddle": "https://sandbox.straddle.com"}
CREDENTIAL_VARS = {"sequence": ("SEQUENCE_CLIENT_ID", "SEQUENCE_CLIENT_SECRET"), "straddle": ("STRADDLE_API_KEY",)}
BASE_URL_VARS = {"sequence": "SEQUENCE_BASE_URL", "straddle": "STRADDLE_BASE_URL"}
LIVE_ENV = "CONTRACT_LIVE"  # "1" in the processes of a live run
APIS_ENV = "CONTRACT_APIS"  # the APIs a live run tests, comma-separated (for the vendor contract cases)


@dataclass(frozen=True)
class ApiTarget:
    """One API of the server under test: where it is and how to authenticate."""

    api: str
    base_url: str
    credentials: tuple[str, ...] = field(repr=False)  # (client id, secret) or (API key,)
    account_id: str | None = None  # Straddle: the key's own account, when known

    @property
    def path(self) -> str:
        return PATHS[self.api]

    @property
    def auth_headers(self) -> dict[str, str]:
        """The Authorization header of these credentials."""
        if self.api == "sequence":
            token = base64.b64encode(":".join(self.credentials).encode()).decode()
            return {"Authorization": f"Basic {token}"}
        return {"Authorization": f"Bearer {self.credentials[0]}"}

    @property
    def wrong_auth_headers(self) -> dict[str, str]:
        """Well-formed credentials that are wrong: the same id or key with something appended."""
        if self.api == "sequence":
            client_id, secret = self.credentials
            token = base64.b64encode(f"{client_id}:{secret}-wrong".encode()).decode()
            return {"Authorization": f"Basic {token}"}
        return {"Authorization": f"Bearer {self.credentials[0]}-wrong"}


@dataclass(frozen=True)
class Target:
    """The server under test: ``live`` (a real vendor) or the mock, with the APIs to test there."""

    live: bool
    apis: dict[str, ApiTarget]

    def describe(self) -> str:
        where = ", ".join(f"{api} at {t.base_url}" for api, t in self.apis.items()) or "no API"
        return f"{'live vendor' if self.live else 'mock'}: {where}"


def from_env(environ: Mapping[str, str] | None = None, only: Iterable[str] = APIS) -> Target:
    """The live target: every API of ``only`` whose credential variables are all set (possibly none)."""
    env = os.environ if environ is None else environ
    wanted = set(only)
    if env.get(APIS_ENV):  # inside a live run: the APIs it tests (the others did not answer or refused)
        wanted &= set(env[APIS_ENV].split(","))
    apis: dict[str, ApiTarget] = {}
    for api in APIS:
        credentials = tuple(env.get(name, "") for name in CREDENTIAL_VARS[api])
        if api in wanted and all(credentials):
            base_url = (env.get(BASE_URL_VARS[api]) or SANDBOXES[api]).rstrip("/")
            account = env.get("STRADDLE_ACCOUNT_ID") or None if api == "straddle" else None
            apis[api] = ApiTarget(api, base_url, credentials, account)
    return Target(live=True, apis=apis)


def demo_target(base_url: str, only: Iterable[str] = APIS) -> Target:
    """A server at ``base_url`` that accepts the mock's demo accounts (the mock, or a stub of your own)."""
    demo = {
        "sequence": ApiTarget("sequence", base_url, (accounts.SEQUENCE_CLIENT_ID, accounts.SEQUENCE_CLIENT_SECRET)),
        "straddle": ApiTarget("straddle", base_url, (accounts.STRADDLE_API_KEY,), accounts.STRADDLE_ACCOUNT_ID),
    }
    return Target(live=False, apis={api: demo[api] for api in APIS if api in set(only)})


def missing_credentials(target: Target) -> dict[str, tuple[str, ...]]:
    """Per API not in ``target``: the variables that would add it."""
    return {api: CREDENTIAL_VARS[api] for api in APIS if api not in target.apis}


def from_mock(server: MockServer) -> Target:
    """The mock as a target, with its demo credentials."""
    return Target(
        live=False,
        apis={
            "sequence": ApiTarget(
                "sequence", server.base_url, (server.sequence_client_id, server.sequence_client_secret)
            ),
            "straddle": ApiTarget("straddle", server.base_url, (server.straddle_api_key,), server.straddle_account_id),
        },
    )


def is_live() -> bool:
    """Whether this process belongs to a live run (`customers-contract run --against live` sets it)."""
    return os.environ.get(LIVE_ENV) == "1"
