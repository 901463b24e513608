"""What the vendors actually send, beyond what our (deliberately tolerant) specs require.

Our specs describe what a client must accept, so they require little: a Sequence customer needs only
``id``, ``createdAt`` and ``legalName``. Sequence's own published schema (its openapi-schema repository,
``2024-07-30.product.json``, ``ListCustomerResponseModel``) requires more on every customer, and the
mock's data - generated or loaded - is what the vendor sends: every customer has the fields below
(arrays and objects may be empty), and an address's ``state``, when present, is a two-letter code of a
US state, DC, or a Canadian province or territory.

A data file (or ``PUT /_mock/data``) record without ``organizations``, ``integrationIds`` or
``customProperties`` gets the empty value (what Sequence sends for a customer with none: a true
value, not an invented one); a record without ``address`` or ``taxStatus``, or with another state,
is refused at start, naming the record, because no default would be true.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# Every Sequence customer carries these (vendor schema); the empty value stands for "none".
SEQUENCE_ALWAYS = (
    "id",
    "createdAt",
    "legalName",
    "address",
    "customProperties",
    "integrationIds",
    "organizations",
    "taxStatus",
)
SEQUENCE_EMPTY: Mapping[str, Any] = {"organizations": [], "integrationIds": [], "customProperties": {}}

US_STATES = frozenset(
    [
        "AL",
        "AK",
        "AZ",
        "AR",
        "CA",
        "CO",
        "CT",
        "DE",
        "FL",
        "GA",
        "HI",
        "ID",
        "IL",
        "IN",
        "IA",
        "KS",
        "KY",
        "LA",
        "ME",
        "MD",
        "MA",
        "MI",
        "MN",
        "MS",
        "MO",
        "MT",
        "NE",
        "NV",
        "NH",
        "NJ",
        "NM",
        "NY",
        "NC",
        "ND",
        "OH",
        "OK",
        "OR",
        "PA",
        "RI",
        "SC",
        "SD",
        "TN",
        "TX",
        "UT",
        "VT",
        "VA",
        "WA",
        "WV",
        "WI",
        "WY",
        "DC",
    ]
)
CANADIAN_PROVINCES = frozenset(["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"])
STATES = US_STATES | CANADIAN_PROVINCES
# Countries whose addresses carry a state (the others have none).
COUNTRIES_WITH_STATES = frozenset({"US", "CA"})


def complete_sequence(customer: dict[str, Any]) -> list[str]:
    """Give a loaded Sequence record the empty values it lacks (in place); the problems that remain.

    Each problem is ``(field path, message)`` text such as ``.address: missing (Sequence sends it on
    every customer)``.
    """
    for name, empty in SEQUENCE_EMPTY.items():
        if name not in customer:
            customer[name] = type(empty)()
    problems = [
        f".{name}: missing (Sequence sends it on every customer; no default would be true)"
        for name in SEQUENCE_ALWAYS
        if name not in customer and name not in ("id", "createdAt", "legalName")  # the spec requires those
    ]
    address = customer.get("address")
    state = address.get("state") if isinstance(address, dict) else None
    if state is not None and state not in STATES:
        problems.append(
            f".address.state: {str(state)[:20]!r} is not a code Sequence sends (a US state, DC, or a Canadian"
            " province or territory, two letters)"
        )
    return problems
