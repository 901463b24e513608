"""Output formats, written page by page so that memory stays constant: table, json, jsonl, csv.

Each writer gets one page of records (a model's ``to_dict()``: the API's own JSON names) at a time
and writes it whole; the caller flushes after each page, before the next one is fetched.
"""

from __future__ import annotations

import csv
import datetime
import json
from collections.abc import Callable
from typing import Any, Protocol, TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ._columns import Column, Flattener
from ._safe import json_safe, printable

FORMATS = ("table", "json", "jsonl", "csv")
_TABLE_MAX_WIDTH = 40  # widest a table column gets (longer values end in an ellipsis)
_TABLE_MIN_WIDTH = 6  # narrowest one gets when fitting a small terminal


class Writer(Protocol):
    """Writes pages of records, then completes the document."""

    def write_page(self, records: list[dict[str, Any]]) -> None: ...
    def close(self) -> None: ...


class JsonLinesWriter:
    """One compact JSON object per line."""

    def __init__(self, out: TextIO) -> None:
        self._out = out

    def write_page(self, records: list[dict[str, Any]]) -> None:
        dumped = (json_safe(json.dumps(r, ensure_ascii=False, separators=(",", ":"))) for r in records)
        self._out.write("".join(line + "\n" for line in dumped))

    def close(self) -> None:
        pass


class JsonWriter:
    """One JSON array, one customer per line; left open (not valid JSON) if the listing fails midway."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._count = 0

    def write_page(self, records: list[dict[str, Any]]) -> None:
        for record in records:
            self._out.write(("[\n" if self._count == 0 else ",\n") + json_safe(json.dumps(record, ensure_ascii=False)))
            self._count += 1

    def close(self) -> None:
        self._out.write("[]\n" if self._count == 0 else "\n]\n")


class CsvWriter:
    """CSV (RFC 4180 quoting, LF line ends) with a header row; columns and flattening as in ``_columns``.

    On a terminal (``escaped``) every cell is ``printable``; into a file or pipe the data is exact.
    """

    def __init__(self, out: TextIO, flattener: Flattener, *, escaped: bool = False) -> None:
        self._writer = csv.writer(out, lineterminator="\n")  # LF, like every other format here
        self._flattener = flattener
        self._escaped = escaped
        self._writer.writerow([column.name for column in flattener.columns])

    def write_page(self, records: list[dict[str, Any]]) -> None:
        rows = (self._flattener.row(record) for record in records)
        if self._escaped:
            rows = ([printable(cell) for cell in row] for row in rows)
        self._writer.writerows(rows)

    def close(self) -> None:
        pass


class TableWriter:
    """An aligned table of a few key columns, for people: spec date-times in UTC to the second, long values cut.

    Column widths are set by the first page (fitted to the terminal by narrowing the widest
    columns first) and kept for every later page, so pages line up as they stream.
    """

    def __init__(self, console: Console, flattener: Flattener) -> None:
        self._console = console
        self._flattener = flattener
        self._widths: list[int] | None = None

    def write_page(self, records: list[dict[str, Any]]) -> None:
        columns = self._flattener.columns
        rows = [
            [_table_text(column, text) for column, text in zip(columns, self._flattener.row(record), strict=True)]
            for record in records
        ]
        first = self._widths is None
        if self._widths is None:
            natural = [max([len(column.name), *(len(row[i]) for row in rows)]) for i, column in enumerate(columns)]
            self._widths = self._fit(natural)
        if rows or first:
            self._console.print(self._table([c.name for c in columns], self._widths, rows, header=first))

    def close(self) -> None:
        pass

    @staticmethod
    def _table(names: list[str], widths: list[int], rows: list[list[str]], *, header: bool) -> Table:
        table = Table(box=box.SIMPLE_HEAD, show_header=header, pad_edge=False, show_edge=False)
        for name, width in zip(names, widths, strict=True):
            table.add_column(Text(printable(name)), width=width, no_wrap=True, overflow="ellipsis")
        for row in rows:
            table.add_row(*map(Text, row))  # Text: a customer's name is never read as rich markup
        return table

    def _fit(self, widths: list[int]) -> list[int]:
        """Widths capped at 40, then the widest narrowed one at a time until the table fits the console."""
        widths = [min(width, _TABLE_MAX_WIDTH) for width in widths]
        ones = [1] * len(widths)  # a probe that fits any console: measurements are capped at its width
        overhead = self._console.measure(self._table([""] * len(widths), ones, [], header=False)).maximum - len(ones)
        while sum(widths) + overhead > self._console.width and max(widths) > _TABLE_MIN_WIDTH:
            widths[widths.index(max(widths))] -= 1
        return widths


def _table_text(column: Column, text: str) -> str:
    """A cell as the table shows it: date-times as ``2024-01-31 09:00:00`` (UTC), the rest as in CSV, escaped."""
    if column.is_datetime and text:
        try:
            return datetime.datetime.fromisoformat(text).astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S")
        except ValueError:
            pass
    return printable(text)


def make_writer(
    fmt: str, out: TextIO, console: Callable[[], Console], flattener: Callable[[bool], Flattener]
) -> Writer:
    """The writer for ``--format``; ``flattener(key_columns_only)`` gives the columns to write."""
    if fmt == "json":
        return JsonWriter(out)
    if fmt == "jsonl":
        return JsonLinesWriter(out)
    if fmt == "csv":
        return CsvWriter(out, flattener(False), escaped=out.isatty())
    return TableWriter(console(), flattener(True))
