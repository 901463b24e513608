"""What the command line knows about each API: its generated operation, client, credentials and key columns.

Everything about parameters and fields comes from the generated code; what is here is what the spec
does not say: how a person passes credentials, and which few columns make a readable table.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sequence_client.api.customers import list_customers as sequence_list
from sequence_client.models import Customer
from straddle_client.api.customers import list_customers as straddle_list
from straddle_client.models import CustomerSummaryV1

from customers_sdk import sequence, straddle


@dataclass(frozen=True)
class Credential:
    """One credential: the client keyword, its environment variable, and whether it is a secret.

    A secret is never taken from argv: only from the environment, a file, or stdin (``--...-file -``).
    """

    keyword: str
    env: str
    secret: bool

    @property
    def option(self) -> str:
        """The command-line option giving it: ``--client-id ID`` or ``--client-secret-file FILE``."""
        flag = "--" + self.keyword.replace("_", "-")
        return flag + "-file" if self.secret else flag


@dataclass(frozen=True)
class Api:
    """One API as the command line sees it."""

    name: str
    title: str
    operation: Callable[..., Any]  # the generated sync_detailed: the options are its parameters
    item_model: type
    client: Callable[..., Any]  # the SDK client class
    credentials: tuple[Credential, ...]
    environments: Mapping[str, str]
    default_environment: str
    base_url_env: str
    key_columns: tuple[str, ...]  # the table's columns (API names, nested ones dotted)
    total: Callable[[Any], int]  # a first page -> how many customers match over all pages
    demo_credentials: Callable[[Any], dict[str, str]]  # a customers_mock MockServer -> client keywords


SEQUENCE = Api(
    name="sequence",
    title="Sequence",
    operation=sequence_list.sync_detailed,
    item_model=Customer,
    client=sequence.Sequence,
    credentials=(
        Credential("client_id", "SEQUENCE_CLIENT_ID", secret=False),
        Credential("client_secret", "SEQUENCE_CLIENT_SECRET", secret=True),
    ),
    environments=sequence.ENVIRONMENTS,
    default_environment=sequence.DEFAULT_ENVIRONMENT,
    base_url_env="SEQUENCE_BASE_URL",
    key_columns=("id", "legalName", "email", "label", "taxStatus", "createdAt"),
    total=lambda page: int(page.total_result_size),
    demo_credentials=lambda mock: {
        "client_id": mock.sequence_client_id,
        "client_secret": mock.sequence_client_secret,
    },
)

STRADDLE = Api(
    name="straddle",
    title="Straddle",
    operation=straddle_list.sync_detailed,
    item_model=CustomerSummaryV1,
    client=straddle.Straddle,
    credentials=(Credential("api_key", "STRADDLE_API_KEY", secret=True),),
    environments=straddle.ENVIRONMENTS,
    default_environment=straddle.DEFAULT_ENVIRONMENT,
    base_url_env="STRADDLE_BASE_URL",
    key_columns=("id", "name", "email", "status", "type", "created_at"),
    total=lambda page: int(page.total_items),
    demo_credentials=lambda mock: {"api_key": mock.straddle_api_key},
)

APIS = (SEQUENCE, STRADDLE)
