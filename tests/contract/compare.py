"""Compare what a generated model holds with the JSON it was parsed from, field for field."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from sequence_client.models import CustomerCustomProperties

# Models whose schema is a free-form map: their keys live in `additional_properties` by design.
MAP_MODELS = (CustomerCustomProperties,)


def differences(expected: Any, actual: Any, where: str = "$") -> list[str]:
    """Where JSON ``expected`` and a model's ``to_dict()`` differ; date-times compare as instants."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        diffs = [f"{where}: keys {sorted(expected)} != {sorted(actual)}"] if expected.keys() != actual.keys() else []
        for key in sorted(expected.keys() & actual.keys()):
            diffs += differences(expected[key], actual[key], f"{where}.{key}")
        return diffs
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return [f"{where}: {len(expected)} items != {len(actual)}"]
        return [
            d for i, (e, a) in enumerate(zip(expected, actual, strict=True)) for d in differences(e, a, f"{where}[{i}]")
        ]
    if isinstance(expected, str) and isinstance(actual, str) and expected != actual:
        try:
            same_instant = dt.datetime.fromisoformat(expected) == dt.datetime.fromisoformat(actual)
        except ValueError:
            same_instant = False
        return [] if same_instant else [f"{where}: {expected!r} != {actual!r}"]
    if type(expected) is not type(actual) or expected != actual:
        return [f"{where}: {expected!r} != {actual!r}"]
    return []


def unknown_keys(model: Any, where: str = "$") -> list[str]:
    """Keys a model did not recognise (kept in ``additional_properties``), anywhere in the tree."""
    found: list[str] = []
    if attrs.has(type(model)):
        if not isinstance(model, MAP_MODELS):
            found += [f"{where}.{k}" for k in getattr(model, "additional_properties", {})]
        for field in attrs.fields(type(model)):
            if field.name != "additional_properties":
                found += unknown_keys(getattr(model, field.name), f"{where}.{field.name}")
    elif isinstance(model, list):
        for i, item in enumerate(model):
            found += unknown_keys(item, f"{where}[{i}]")
    return found
