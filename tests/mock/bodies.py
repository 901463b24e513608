"""Every response body a mock test reads is first validated against the spec schema."""

from __future__ import annotations

from typing import Any

import httpx
import orjson
from sequence_client.types import Response as SequenceResponse
from straddle_client.types import Response as StraddleResponse

from tests.support.specs import validator

_SCHEMAS = {
    ("sequence", True): "/components/schemas/ListCustomersResponse",
    ("sequence", False): "/components/schemas/ErrorResponse",
    ("straddle", True): "/components/schemas/CustomerSummaryPagedV1",
    ("straddle", False): "/components/schemas/ErrorResponseV1",
}


def checked(api: str, response: httpx.Response | SequenceResponse[Any] | StraddleResponse[Any]) -> Any:
    """The JSON body of ``response``, after asserting it matches the spec's schema for its status."""
    status = int(response.status_code)
    assert response.headers["content-type"] == "application/json"
    body = orjson.loads(response.content)
    validator(api, _SCHEMAS[(api, status == 200)]).validate(body)
    if api == "sequence":
        assert response.headers["sequence-version"] == "2024-07-30"
    return body
