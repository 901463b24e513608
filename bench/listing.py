"""End-to-end listing of every customer through one client, in its own process (for a clean peak RSS).

    python -m bench.listing CLIENT API BASE_URL PAGE_SIZE   # prints one JSON line

CLIENT is ``ours`` (customers_sdk auto-pagination), ``generated`` (the bare generated client, paged by hand) or
``vendor`` (Straddle's own SDK from PyPI, paged by hand as its users do: it has no auto-pagination for this
endpoint in 1.0.5). Every customer is decoded into the client's models and then dropped, as a streaming user would.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

from bench import accounts
from bench.servers import peak_rss_mib, rss_mib


def _ours_sequence(base_url: str, page_size: int) -> Iterator[Any]:
    from customers_sdk.sequence import Sequence  # import only the client being measured

    with Sequence(
        client_id=accounts.SEQUENCE_CLIENT_ID, client_secret=accounts.SEQUENCE_CLIENT_SECRET, base_url=base_url
    ) as client:
        yield from client.customers.list(limit=page_size)


def _ours_straddle(base_url: str, page_size: int) -> Iterator[Any]:
    from customers_sdk.straddle import Straddle

    with Straddle(api_key=accounts.STRADDLE_API_KEY, base_url=base_url) as client:
        yield from client.customers.list(page_size=page_size)


def _generated_sequence(base_url: str, page_size: int) -> Iterator[Any]:
    import httpx
    from sequence_client import AuthenticatedClient
    from sequence_client.api.customers import list_customers
    from sequence_client.models import ListCustomersResponse
    from sequence_client.types import UNSET, Unset

    auth = httpx.BasicAuth(accounts.SEQUENCE_CLIENT_ID, accounts.SEQUENCE_CLIENT_SECRET)
    with AuthenticatedClient(base_url=base_url, token="", prefix="Basic", httpx_args={"auth": auth}) as client:
        after: str | Unset = UNSET
        while True:
            page = list_customers.sync(client=client, limit=page_size, after=after)
            if not isinstance(page, ListCustomersResponse):
                raise RuntimeError(f"unexpected answer: {page!r}")
            yield from page.items
            if isinstance(page.pagination.after, Unset):
                return
            after = page.pagination.after


def _generated_straddle(base_url: str, page_size: int) -> Iterator[Any]:
    from straddle_client import AuthenticatedClient
    from straddle_client.api.customers import list_customers
    from straddle_client.models import CustomerSummaryPagedV1

    with AuthenticatedClient(base_url=base_url, token=accounts.STRADDLE_API_KEY) as client:
        number = 1
        while True:
            page = list_customers.sync(client=client, page_number=number, page_size=page_size)
            if not isinstance(page, CustomerSummaryPagedV1):
                raise RuntimeError(f"unexpected answer: {page!r}")
            if not page.data:
                return
            yield from page.data
            number += 1


def _vendor_straddle(base_url: str, page_size: int) -> Iterator[Any]:
    from straddle import StraddleAPI

    with StraddleAPI(bearer=accounts.STRADDLE_API_KEY, base_url=base_url) as client:
        number = 1
        while True:
            page = client.customers.list(page_number=number, page_size=page_size)
            if not page.data:
                return
            yield from page.data
            number += 1


CLIENTS: dict[tuple[str, str], Callable[[str, int], Iterator[Any]]] = {
    ("ours", "sequence"): _ours_sequence,
    ("ours", "straddle"): _ours_straddle,
    ("generated", "sequence"): _generated_sequence,
    ("generated", "straddle"): _generated_straddle,
    ("vendor", "straddle"): _vendor_straddle,
}


def main(argv: list[str]) -> int:
    client, api, base_url, page_size = argv[0], argv[1], argv[2], int(argv[3])
    iterate = CLIENTS[(client, api)]

    pid = os.getpid()
    samples: list[float] = []
    count = 0
    start = time.perf_counter()
    for _ in iterate(base_url, page_size):
        count += 1
        if count % page_size == 1:  # once per page
            samples.append(rss_mib(pid) or 0.0)
    seconds = time.perf_counter() - start
    print(
        json.dumps(
            {
                "client": client,
                "api": api,
                "customers": count,
                "seconds": seconds,
                "customers_per_s": count / seconds,
                "rss_first_page_mib": samples[0] if samples else None,
                "rss_last_page_mib": samples[-1] if samples else None,
                "peak_rss_mib": peak_rss_mib(pid),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
