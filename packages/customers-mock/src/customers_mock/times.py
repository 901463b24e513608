"""Timestamps: RFC 3339 parsing, canonical sort keys, and the formats each API emits."""

from __future__ import annotations

import datetime as dt
import time

UTC = dt.UTC
_MIN = dt.datetime.min.replace(tzinfo=UTC)
_MAX = dt.datetime.max.replace(tzinfo=UTC)
EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)


def parse(text: str) -> dt.datetime:
    """An RFC 3339 date-time (already validated by the spec's format) as an aware UTC datetime.

    Values that fall outside Python's datetime range after applying the offset are clamped, so
    every schema-valid value orders correctly.
    """
    value = text.strip().upper().replace(" ", "T")
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return _MIN if value.startswith("0001") else _MAX
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except OverflowError:
        return _MIN if parsed.year == 1 else _MAX


def key(moment: dt.datetime) -> str:
    """A fixed-width UTC string whose lexicographic order is chronological order."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ").rjust(27, "0")


def key_of(text: str) -> str:
    """The sort key of an RFC 3339 string."""
    return key(parse(text))


def seconds_z(moment: dt.datetime) -> str:
    """``2021-01-02T10:55:00Z``: Sequence's format."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def millis_z(moment: dt.datetime) -> str:
    """``2019-12-27T18:11:19.117Z``: Straddle's format."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def now() -> dt.datetime:
    return dt.datetime.now(UTC)


_second = (-1, "")  # (unix second, its text up to the milliseconds): the last one formatted
_milli = (-1, "")  # (unix millisecond, its whole text): the last one returned


def now_millis_z() -> str:
    """``millis_z(now())``: the date and time formatted once per second, the text once per millisecond.

    A busy server asks tens of times per millisecond (every Straddle answer carries it).
    """
    global _second, _milli
    now_ms = time.time_ns() // 1_000_000
    last = _milli
    if last[0] == now_ms:
        return last[1]
    second, millis = divmod(now_ms, 1000)
    formatted = _second
    if formatted[0] != second:
        formatted = _second = (second, (EPOCH + dt.timedelta(seconds=second)).strftime("%Y-%m-%dT%H:%M:%S."))
    text = f"{formatted[1]}{millis:03d}Z"
    _milli = (now_ms, text)
    return text
