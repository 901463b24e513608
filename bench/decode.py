"""Client decode cost: one page of JSON bytes through the generated models, the JSON decoders alone, and pydantic v2.

The generated endpoints decode a body with ``types.parse_json`` (orjson when installed, json.loads otherwise,
same values either way) and then ``Model.from_dict``; the json.loads row shows the cost without orjson.
"""

from __future__ import annotations

import json
import timeit
from collections.abc import Callable
from typing import Any

import httpx
import orjson
from sequence_client.models import ListCustomersResponse as GeneratedSequencePage
from sequence_client.types import parse_json as sequence_parse_json
from straddle._models import construct_type
from straddle.types import CustomerSummaryList as VendorStraddlePage
from straddle_client.models import CustomerSummaryPagedV1 as GeneratedStraddlePage
from straddle_client.types import parse_json as straddle_parse_json

from bench import accounts
from bench import pydantic_models as pyd
from bench.report import Table

# The page sizes the issue names: a full Sequence page (limit max) and a full Straddle page (page_size max).
SEQUENCE_ITEMS = 100
STRADDLE_ITEMS = 1000


def fetch_payloads(base_url: str) -> dict[str, bytes]:
    """One full page of each API, as the raw bytes our mock sends."""
    with httpx.Client(base_url=base_url, timeout=30) as client:
        seq = client.get(accounts.SEQUENCE_PATH, params={"limit": SEQUENCE_ITEMS}, headers=accounts.sequence_headers())
        strd = client.get(
            accounts.STRADDLE_PATH, params={"page_size": STRADDLE_ITEMS}, headers=accounts.straddle_headers()
        )
    for resp in (seq, strd):
        resp.raise_for_status()
    payloads = {"sequence": seq.content, "straddle": strd.content}
    counts = {"sequence": len(json.loads(seq.content)["items"]), "straddle": len(json.loads(strd.content)["data"])}
    if counts != {"sequence": SEQUENCE_ITEMS, "straddle": STRADDLE_ITEMS}:
        raise RuntimeError(f"the mock served pages of {counts} items; need more customers")
    return payloads


def _per_call_ms(fn: Callable[[], Any], budget_s: float) -> float:
    """Best-of-5 time of one call, in ms; each repeat runs about ``budget_s / 5`` seconds."""
    once = min(timeit.repeat(fn, number=1, repeat=3))
    number = max(1, int(budget_s / 5 / max(once, 1e-6)))
    return min(timeit.repeat(fn, number=number, repeat=5)) / number * 1000


def measure(payloads: dict[str, bytes], budget_s: float) -> tuple[Table, dict[str, dict[str, float]]]:
    """Time each decoder on each payload; the ratios are against pydantic v2 from the same bytes."""
    seq, strd = payloads["sequence"], payloads["straddle"]
    decoders: dict[str, dict[str, Callable[[], Any]]] = {
        "sequence": {
            "json.loads only": lambda: json.loads(seq),
            "orjson.loads only": lambda: orjson.loads(seq),
            "generated: parse_json + from_dict": lambda: GeneratedSequencePage.from_dict(sequence_parse_json(seq)),
            "generated without orjson: json.loads + from_dict": lambda: GeneratedSequencePage.from_dict(
                json.loads(seq)
            ),
            "pydantic v2: model_validate_json": lambda: pyd.ListCustomersResponse.model_validate_json(seq),
        },
        "straddle": {
            "json.loads only": lambda: json.loads(strd),
            "orjson.loads only": lambda: orjson.loads(strd),
            "generated: parse_json + from_dict": lambda: GeneratedStraddlePage.from_dict(straddle_parse_json(strd)),
            "generated without orjson: json.loads + from_dict": lambda: GeneratedStraddlePage.from_dict(
                json.loads(strd)
            ),
            "pydantic v2: model_validate_json": lambda: pyd.CustomerSummaryPagedV1.model_validate_json(strd),
            # How the vendor SDK turns a body into its models (no validation, Stainless' construct_type).
            "vendor SDK `straddle`: json.loads + construct_type": lambda: construct_type(
                type_=VendorStraddlePage, value=json.loads(strd)
            ),
        },
    }
    # Each decoder must accept the payload before it is timed.
    for calls in decoders.values():
        for call in calls.values():
            call()
    figures: dict[str, dict[str, float]] = {
        api: {name: _per_call_ms(call, budget_s) for name, call in calls.items()} for api, calls in decoders.items()
    }
    table = Table(
        "Client decode cost, one page (ms per page, best of 5)",
        ["API (items, bytes)", "decoder", "ms", "vs pydantic v2"],
    )
    for api, fns in figures.items():
        items = SEQUENCE_ITEMS if api == "sequence" else STRADDLE_ITEMS
        base = fns["pydantic v2: model_validate_json"]
        for name, ms in fns.items():
            table.rows.append([f"{api} ({items}, {len(payloads[api]):,} B)", name, ms, f"{ms / base:.2f}x"])
    table.notes += [
        "Payloads are real pages served by the mock; pydantic models are hand-written in bench/.",
        "parse_json is what the generated endpoints call: orjson when it is installed (an optional speed-up, not a "
        "dependency of the generated packages), falling back to json.loads for anything orjson would decode "
        "differently.",
    ]
    return table, figures
