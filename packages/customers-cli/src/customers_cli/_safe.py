"""Text that cannot drive a terminal: control characters shown escaped, never interpreted.

Customer data and a server's error text are hostile: an ``ESC ]0;...`` retitles the window, ``ESC ]8``
plants a hyperlink, ``ESC [2J`` clears the screen, ``\\r`` rewrites the line, U+202E reverses it.
Every field printed where a terminal may read it (the table, csv on a terminal, stderr) goes through
``printable``: C0 and C1 control characters, DEL and the bidirectional-override characters appear as
Python-style escapes (``\\x1b``, ``\\r``, ``\\u202e``). Files and pipes get csv, json and jsonl
unchanged (json already escapes C0; ``json_safe`` escapes the rest in JSON's own syntax).
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def printable(text: str) -> str:
    """``text`` with every control character escaped (``\\x1b``), so a terminal shows it as text."""
    return _UNSAFE.sub(_escape, text)


def json_safe(text: str) -> str:
    """One JSON document (no raw newline in it) with what json leaves raw (C1, DEL, bidi) as ``\\uXXXX``: same value."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
