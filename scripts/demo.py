"""The main job: start the mock server, list customers through both clients, print a summary.

    python scripts/demo.py                   # against a mock started here (no account needed)
    python scripts/demo.py --base-url URL    # against a server you run (mock or sandbox)

Credentials default to the mock's demo ones; the environment variables SEQUENCE_CLIENT_ID,
SEQUENCE_CLIENT_SECRET and STRADDLE_API_KEY override them.
"""

from __future__ import annotations

import argparse
import base64
import os
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from sequence_client import AuthenticatedClient as SequenceGenerated
from sequence_client.api.customers import list_customers as sequence_list
from straddle_client import AuthenticatedClient as StraddleGenerated
from straddle_client.api.customers import list_customers as straddle_list

from customers_mock import accounts
from customers_mock.testing import start_mock_server
from customers_sdk.sequence import Sequence
from customers_sdk.straddle import CustomerStatus, Straddle


@contextmanager
def _server(base_url: str | None, customers: int) -> Iterator[str]:
    if base_url:
        yield base_url
        return
    with start_mock_server(customers=customers) as server:
        print(f"mock server: {server.base_url} ({customers} customers per account and API)")
        yield server.base_url


def _sequence(base_url: str) -> None:
    client_id = os.environ.get("SEQUENCE_CLIENT_ID", accounts.SEQUENCE_CLIENT_ID)
    secret = os.environ.get("SEQUENCE_CLIENT_SECRET", accounts.SEQUENCE_CLIENT_SECRET)
    # One page through the generated client as it is.
    token = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    with SequenceGenerated(base_url=base_url, token=token, prefix="Basic") as generated:
        page = sequence_list.sync(client=generated, limit=5)
    print("\nSequence  GET /api/customers?limit=5  (generated sequence_client)")
    for c in getattr(page, "items", []):
        print(f"  {c.created_at[:10]}  {c.legal_name:<40} {c.tax_status}")  # Sequence timestamps are plain strings
    with Sequence(client_id=client_id, client_secret=secret, base_url=base_url) as client:
        # Every customer, archived included, through auto-pagination.
        started = time.perf_counter()
        customers = list(client.customers.list(limit=100, include_archived=True))
        took = time.perf_counter() - started
        archived = sum(1 for c in customers if c.archived_at)
        taxes = Counter(str(c.tax_status) for c in customers)
        print(f"  all pages (customers_sdk): {len(customers)} customers, {archived} archived, {took:.2f} s")
        print("  tax status: " + ", ".join(f"{k} {v}" for k, v in sorted(taxes.items())))


def _straddle(base_url: str) -> None:
    api_key = os.environ.get("STRADDLE_API_KEY", accounts.STRADDLE_API_KEY)
    with StraddleGenerated(base_url=base_url, token=api_key) as generated:
        page = straddle_list.sync(client=generated, page_size=5, status=[CustomerStatus.VERIFIED])
    print("\nStraddle  GET /v1/customers?page_size=5&status=verified  (generated straddle_client)")
    for c in getattr(page, "data", []):
        print(f"  {c.created_at:%Y-%m-%d}  {c.name:<30} {c.type_!s:<10} {c.phone}")
    with Straddle(api_key=api_key, base_url=base_url) as client:
        started = time.perf_counter()
        customers = list(client.customers.list(page_size=1000))
        took = time.perf_counter() - started
        statuses = Counter(str(c.status) for c in customers)
        print(f"  all pages (customers_sdk): {len(customers)} customers, {took:.2f} s")
        print("  status: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", help="use this server instead of starting the mock")
    parser.add_argument("--customers", type=int, default=1000, help="customers per account for the mock")
    args = parser.parse_args()
    with _server(args.base_url, args.customers) as base_url:
        _sequence(base_url)
        _straddle(base_url)


if __name__ == "__main__":
    main()
