"""Typed errors: each status maps to its exception with the parsed vendor body and request id."""

from __future__ import annotations

import pytest
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

import customers_sdk
from customers_mock.testing import free_port
from customers_sdk import sequence, straddle
from tests.sdk.fake_vendor import (
    SEQUENCE_ID,
    SEQUENCE_PATH,
    SEQUENCE_SECRET,
    STRADDLE_KEY,
    STRADDLE_PATH,
    FakeVendor,
    sequence_error,
    straddle_error,
)
from tests.sdk.sleeps import Sleeps

Fake = tuple[FakeVendor, str]

STATUSES = [
    (400, "BadRequestError"),
    (401, "AuthenticationError"),
    (403, "PermissionDeniedError"),
    (404, "NotFoundError"),
    (409, "ConflictError"),
    (422, "UnprocessableEntityError"),
    (429, "RateLimitError"),
    (500, "InternalServerError"),
    (503, "InternalServerError"),
    (520, "InternalServerError"),
    (418, "APIStatusError"),
]


@pytest.mark.parametrize(("status", "name"), STATUSES)
def test_sequence_status_maps_to_its_exception(fake: Fake, status: int, name: str) -> None:
    """Sequence: the status picks the class (per API and shared); body, status and message are kept."""
    vendor, url = fake
    vendor.script(SEQUENCE_PATH, lambda _: sequence_error(status, "SomeType", "Something broke."))
    with (
        sequence.Sequence(client_id=SEQUENCE_ID, client_secret=SEQUENCE_SECRET, base_url=url, max_retries=0) as c,
        pytest.raises(sequence.APIStatusError) as info,
    ):
        c.customers.list()
    err = info.value
    assert type(err) is getattr(sequence, name)
    assert isinstance(err, getattr(customers_sdk, name))
    assert isinstance(err, sequence.SequenceError)
    assert err.status_code == status
    assert err.body is not None
    assert (err.body.error.type_, err.body.error.message) == ("SomeType", "Something broke.")
    assert str(err).startswith(f"{status}")
    assert "SomeType: Something broke." in str(err)


@pytest.mark.parametrize(("status", "name"), STATUSES)
@pytest.mark.asyncio
async def test_straddle_async_status_maps_to_its_exception(fake: Fake, status: int, name: str) -> None:
    """Straddle (async): the status picks the class; body and the envelope's request id are kept."""
    vendor, url = fake
    vendor.script(STRADDLE_PATH, lambda _: straddle_error(status, "some_type", "Something broke"))
    async with straddle.AsyncStraddle(api_key=STRADDLE_KEY, base_url=url, max_retries=0) as c:
        with pytest.raises(straddle.APIStatusError) as info:
            await c.customers.list()
    err = info.value
    assert type(err) is getattr(straddle, name)
    assert isinstance(err, getattr(customers_sdk, name))
    assert err.body is not None
    assert err.request_id == str(err.body.meta.api_request_id)
    assert err.request_id in str(err)
    assert "some_type: Something broke" in str(err)


@pytest.mark.asyncio
async def test_sequence_async_unauthorized_is_authentication_error(fake: Fake) -> None:
    """Wrong Sequence credentials raise AuthenticationError (async) carrying Sequence's envelope."""
    _, url = fake
    async with sequence.AsyncSequence(client_id="x", client_secret="y", base_url=url) as c:
        with pytest.raises(sequence.AuthenticationError) as info:
            await c.customers.list()
    assert info.value.body is not None
    assert info.value.body.error.type_ == "Unauthorized"


def test_straddle_unauthorized_is_authentication_error(fake: Fake) -> None:
    """A wrong Straddle key raises AuthenticationError (sync), not retried."""
    vendor, url = fake
    with straddle.Straddle(api_key="sk_wrong", base_url=url) as c, pytest.raises(straddle.AuthenticationError):
        c.customers.list()
    assert len(vendor.paths(STRADDLE_PATH)) == 1


def _missing_pagination(_: Request) -> Response:
    return JSONResponse({"items": []})


def test_malformed_success_body_is_a_validation_error(fake: Fake) -> None:
    """A 200 missing a required key raises APIResponseValidationError, not a bare KeyError."""
    vendor, url = fake
    vendor.script(SEQUENCE_PATH, _missing_pagination)
    with (
        sequence.Sequence(client_id=SEQUENCE_ID, client_secret=SEQUENCE_SECRET, base_url=url) as c,
        pytest.raises(sequence.APIResponseValidationError) as info,
    ):
        c.customers.list()
    assert info.value.status_code == 200
    assert "pagination" in str(info.value)
    assert len(vendor.paths(SEQUENCE_PATH)) == 1  # a complete body: never retried


@pytest.mark.asyncio
async def test_async_non_json_success_is_a_validation_error(fake: Fake) -> None:
    """A 200 that is not JSON raises APIResponseValidationError at once (async), without a retry."""
    vendor, url = fake
    vendor.script(STRADDLE_PATH, lambda _: Response("not json", status_code=200))
    async with straddle.AsyncStraddle(api_key=STRADDLE_KEY, base_url=url) as c:
        with pytest.raises(straddle.APIResponseValidationError):
            await c.customers.list()
    assert len(vendor.paths(STRADDLE_PATH)) == 1


def test_a_bad_argument_stays_the_callers_error(fake: Fake) -> None:
    """A wrongly typed argument raises before any request, as itself - not as a server problem."""
    vendor, url = fake
    with straddle.Straddle(api_key=STRADDLE_KEY, base_url=url) as c, pytest.raises(AttributeError):
        c.customers.list(sort_order="asc")  # type: ignore[arg-type]
    assert vendor.paths(STRADDLE_PATH) == []


def test_connection_refused_is_a_connection_error(policy: customers_sdk.RetryPolicy, sleeps: Sleeps) -> None:
    """Nothing listening: APIConnectionError (after the retries), shared and per-API class."""
    url = f"http://127.0.0.1:{free_port()}"
    with (
        sequence.Sequence(client_id="a", client_secret="b", base_url=url, retry_policy=policy) as c,
        pytest.raises(sequence.APIConnectionError) as info,
    ):
        c.customers.list()
    assert isinstance(info.value, customers_sdk.APIConnectionError)
    assert not isinstance(info.value, customers_sdk.APITimeoutError)
    assert "GET /api/customers" in str(info.value)
    assert len(sleeps.delays) == 2
