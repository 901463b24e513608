"""One SSL context for the tests' httpx clients: httpx makes one per client otherwise, loading the CA bundle each
time (~20 ms of CPU), and the suite makes a client per call in its hottest tiers - to a mock speaking plain HTTP."""

from __future__ import annotations

import httpx

CONTEXT = httpx.create_ssl_context()
