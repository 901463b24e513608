"""Use both generated clients: show the request each builds (replaced by a live run once the mock lands)."""

from __future__ import annotations

from typing import Any

import httpx
from sequence_client.api.customers import list_customers as sequence_list
from straddle_client.api.customers import list_customers as straddle_list
from straddle_client.models import CustomerStatus


def _url(base: str, kwargs: dict[str, Any]) -> httpx.URL:
    return httpx.URL(base).join(kwargs["url"]).copy_merge_params(kwargs["params"])


def main() -> None:
    print("sequence_client ", _url("https://eu.sequencehq.com", sequence_list._get_kwargs(limit=10)))
    statuses = [CustomerStatus.VERIFIED, CustomerStatus.REVIEW]
    print("straddle_client ", _url("https://sandbox.straddle.com", straddle_list._get_kwargs(status=statuses)))


if __name__ == "__main__":
    main()
