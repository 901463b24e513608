"""The demo credentials the bench sends (the mock's contract; Prism only checks that they are present)."""

from __future__ import annotations

import base64

SEQUENCE_CLIENT_ID = "seq_demo_client"
SEQUENCE_CLIENT_SECRET = "seq_demo_secret"  # noqa: S105 - the mock's published demo credential
STRADDLE_API_KEY = "sk_test_demo"

SEQUENCE_PATH = "/api/customers"
STRADDLE_PATH = "/v1/customers"


def sequence_headers() -> dict[str, str]:
    """HTTP Basic for the Sequence demo account."""
    token = base64.b64encode(f"{SEQUENCE_CLIENT_ID}:{SEQUENCE_CLIENT_SECRET}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def straddle_headers() -> dict[str, str]:
    """Bearer for the Straddle demo account."""
    return {"Authorization": f"Bearer {STRADDLE_API_KEY}"}


HEADERS = {"sequence": sequence_headers, "straddle": straddle_headers}
PATHS = {"sequence": SEQUENCE_PATH, "straddle": STRADDLE_PATH}
