"""Tolerance mode: each variation answers what it says, inside the spec where it says so, per request or per server."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import orjson
import pytest
from starlette.types import Receive, Scope, Send

from customers_mock import tolerance
from customers_mock.app import create_app
from customers_mock.settings import MockSettings
from tests.mock.bodies import checked
from tests.support import tls
from tests.support.servers import serve_in_thread

SEQUENCE_AUTH = ("seq_demo_client", "seq_demo_secret")
STRADDLE_KEY = {"Authorization": "Bearer sk_test_demo"}
PAGE = 12  # customers per page asked for: six plain, six varied

Json = dict[str, Any]


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    """A mock without server-wide tolerance, under uvicorn on loopback."""
    with serve_in_thread(create_app(MockSettings(customers=60, seed=4))) as base_url:
        yield base_url


def _get(base_url: str, api: str, spec: str | None = None, **query: Any) -> httpx.Response:
    # Latin-1, as servers decode header bytes: a test can send any character up to U+00FF.
    headers = {b"X-Mock-Tolerance": spec.encode("latin-1")} if spec is not None else {}
    with httpx.Client(base_url=base_url, timeout=10, verify=tls.CONTEXT) as client:
        if api == "sequence":
            params = {"limit": PAGE, "includeArchived": "true", **query}
            return client.get("/api/customers", params=params, headers=headers, auth=SEQUENCE_AUTH)
        key = {b"Authorization": STRADDLE_KEY["Authorization"].encode()}
        return client.get("/v1/customers", params={"page_size": PAGE, **query}, headers={**key, **headers})


def _items(api: str, page: Json) -> list[Json]:
    items: list[Json] = page["items" if api == "sequence" else "data"]
    return items


def _sparse(api: str, plain: Json, varied: Json) -> bool:
    if api == "sequence":
        return set(varied) == {"id", "createdAt", "legalName"} or (
            varied["organizations"] == [] and varied["customProperties"] == {} and "line2" not in varied["address"]
        )
    return varied.get("external_id", "absent") in (None, "absent") and "external_id" in plain


def _new_fields(api: str, plain: Json, varied: Json) -> bool:
    return set(varied) > set(plain) and all(varied[k] == v for k, v in plain.items() if not isinstance(v, list | dict))


def _odd_ids(api: str, plain: Json, varied: Json) -> bool:
    if api == "sequence":
        organizations = [o["id"] for o in varied.get("organizations", [])]
        return varied["id"] == "cus_" + plain["id"].replace("-", "") and all(
            o.startswith("org_") for o in organizations
        )
    return bool(varied["id"] == plain["id"].upper() != plain["id"])


def _long_strings(api: str, plain: Json, varied: Json) -> bool:
    name = "legalName" if api == "sequence" else "name"
    return bool(len(varied[name]) == tolerance.LONG and varied[name].startswith(plain[name]))


def _unicode(api: str, plain: Json, varied: Json) -> bool:
    name = "legalName" if api == "sequence" else "name"
    return bool(varied[name] == plain[name] + tolerance.UNICODE)


def _timestamps(api: str, plain: Json, varied: Json) -> bool:
    name = "createdAt" if api == "sequence" else "created_at"
    parse = dt.datetime.fromisoformat
    return varied[name] != plain[name] and parse(varied[name].upper()) == parse(plain[name])


def _unknown_enums(api: str, plain: Json, varied: Json) -> bool:
    if api == "sequence":
        return bool(varied["taxStatus"] == tolerance.UNKNOWN["taxStatus"])
    return bool(varied["status"] == tolerance.UNKNOWN["status"] or varied["type"] == tolerance.UNKNOWN["type"])


CHANGES: dict[str, Callable[[str, Json, Json], bool]] = {
    "sparse": _sparse,
    "new-fields": _new_fields,
    "odd-ids": _odd_ids,
    "long-strings": _long_strings,
    "unicode": _unicode,
    "timestamps": _timestamps,
    "unknown-enums": _unknown_enums,
}


def test_every_page_variation_has_a_case() -> None:
    """Each variation that answers a page is tested below (and only those, plus the status)."""
    assert set(CHANGES) == set(tolerance.ALL)
    assert set(tolerance.VARIATIONS) == {*tolerance.ALL, "undocumented-status"}


@pytest.mark.parametrize("api", ["sequence", "straddle"])
@pytest.mark.parametrize("variation", list(CHANGES))
def test_each_variation_changes_every_second_customer_as_documented(url: str, api: str, variation: str) -> None:
    """Plain customers stay as they were; every second one changes as its variation says; in-spec pages validate."""
    plain = orjson.loads(_get(url, api).content)
    response = _get(url, api, variation)
    assert response.status_code == 200
    varied = checked(api, response) if variation in tolerance.IN_SPEC else response.json()
    before, after = _items(api, plain), _items(api, varied)
    assert len(before) == len(after) == PAGE
    assert after[0::2] == before[0::2]
    assert all(CHANGES[variation](api, p, v) for p, v in zip(before[1::2], after[1::2], strict=True))
    assert int(response.headers["content-length"]) == len(response.content)


@pytest.mark.parametrize("api", ["sequence", "straddle"])
def test_all_in_spec_variations_together_still_match_the_spec(url: str, api: str) -> None:
    """Every in-spec variation at once still gives a page the spec's schema accepts, on a full page too."""
    checked(api, _get(url, api, ", ".join(tolerance.IN_SPEC)))
    checked(api, _get(url, api, ", ".join(tolerance.IN_SPEC), **({"limit": 100} if api == "sequence" else {})))


def test_sequence_cursors_still_walk_every_customer_once(url: str) -> None:
    """With every variation, a cursor walk lists each customer once: tolerance rewrites pages, not positions."""
    seen: list[str] = []
    after: str | None = None
    for _ in range(20):
        page = _get(url, "sequence", "all", **({"after": after} if after else {})).json()
        seen += [c["id"].removeprefix("cus_").replace("-", "") for c in page["items"]]
        after = page["pagination"].get("after")
        if after is None:
            break
    plain = _get(url, "sequence", limit=100).json()
    assert sorted(seen) == sorted(c["id"].replace("-", "") for c in plain["items"])
    assert len(seen) == plain["pagination"]["totalResultSize"]


@pytest.mark.parametrize("status", [520, 521, 522, 523, 524, 525, 526, 527, 499])
def test_undocumented_status_is_an_html_page(url: str, status: int) -> None:
    """undocumented-status=CODE answers CODE with an HTML body and no vendor headers, as a proxy would."""
    for api in ("sequence", "straddle"):
        response = _get(url, api, f"undocumented-status={status}")
        assert response.status_code == status
        assert response.headers["content-type"].startswith("text/html")
        assert "sequence-version" not in response.headers
        assert f"Error {status}" in response.text
    assert _get(url, "straddle", "undocumented-status").status_code == tolerance.DEFAULT_STATUS


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("bogus", "unknown variation 'bogus'"),
        ("sparse, odd_ids", "unknown variation 'odd_ids'"),
        ("", "empty tolerance spec"),
        ("undocumented-status=500", "500 is documented"),
        ("undocumented-status=200", "must be a 4xx or 5xx code"),
        ("undocumented-status=5\u00b2\u00b2", "must be a 4xx or 5xx code"),
        ("sparse=1", "unknown variation 'sparse=1'"),
    ],
)
def test_bad_tolerance_header_is_a_400_in_each_envelope(url: str, spec: str, message: str) -> None:
    """A tolerance header that cannot be understood is a 400 in the API's own envelope, saying why."""
    sequence = _get(url, "sequence", spec)
    assert sequence.status_code == 400
    assert message in checked("sequence", sequence)["error"]["message"]
    straddle = _get(url, "straddle", spec)
    assert straddle.status_code == 400
    assert message in checked("straddle", straddle)["error"]["detail"]


@pytest.mark.parametrize("api", ["sequence", "straddle"])
def test_errors_are_answered_as_without_tolerance(url: str, api: str) -> None:
    """Only 200 pages vary: a 400 under every variation is byte for byte the plain 400 (less Straddle's fresh meta)."""
    bad: dict[str, Any] = {"limit": 0} if api == "sequence" else {"page_size": 0}
    plain, varied = _get(url, api, None, **bad), _get(url, api, "all", **bad)
    assert plain.status_code == varied.status_code == 400
    strip = (lambda body: {**body, "meta": None}) if api == "straddle" else (lambda body: body)
    assert strip(checked(api, varied)) == strip(checked(api, plain))


def test_server_wide_tolerance_applies_unless_a_request_says_otherwise() -> None:
    """--tolerance applies to every API request; X-Mock-Tolerance replaces it for one request, none turns it off."""
    app = create_app(MockSettings(customers=30, seed=4, tolerance="odd-ids"))
    with serve_in_thread(app) as base_url:
        server_wide = _items("sequence", _get(base_url, "sequence").json())
        switched_off = _items("sequence", _get(base_url, "sequence", "none").json())
        replaced = _items("sequence", _get(base_url, "sequence", "unknown-enums").json())
        with httpx.Client(base_url=base_url) as client:
            assert client.get("/health").json() == {"status": "ok"}
    assert server_wide[1]["id"].startswith("cus_")
    assert not switched_off[1]["id"].startswith("cus_")
    assert not replaced[1]["id"].startswith("cus_")
    assert replaced[1]["taxStatus"] == tolerance.UNKNOWN["taxStatus"]


def test_bad_tolerance_option_is_a_usage_error() -> None:
    """--tolerance with an unknown variation exits 2 with the reason, before serving anything."""
    result = subprocess.run(
        [sys.executable, "-m", "customers_mock", "--tolerance", "sparse,nonsense", "--port", "1"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "unknown variation 'nonsense'" in result.stderr
    assert "Traceback" not in result.stderr


def test_plain_requests_stay_on_the_hot_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without tolerance (none server-wide, no header) a page never reaches the tolerance middleware."""
    seen: list[str] = []
    original = tolerance.ToleranceMiddleware.__call__

    async def recording(self: tolerance.ToleranceMiddleware, scope: Scope, receive: Receive, send: Send) -> None:
        seen.append(scope["path"])
        await original(self, scope, receive, send)

    monkeypatch.setattr(tolerance.ToleranceMiddleware, "__call__", recording)
    with serve_in_thread(create_app(MockSettings(customers=5))) as base_url:
        assert _get(base_url, "sequence").status_code == _get(base_url, "straddle").status_code == 200
        assert seen == []
        assert _get(base_url, "sequence", "sparse").status_code == 200
    assert seen == ["/api/customers"]
