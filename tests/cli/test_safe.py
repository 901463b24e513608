"""Terminal-safe text: every control character escaped for a terminal, JSON's escapes the same values."""

from __future__ import annotations

import json

import pytest

from customers_cli._safe import json_safe, printable

CONTROLS = [chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))] + ["\u061c", "\u200e", "\u200f", "\u2028", "\u2029"]
CONTROLS += [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]


@pytest.mark.parametrize("char", CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
def test_every_control_character_is_shown_escaped(char: str) -> None:
    """C0, DEL, C1 and the bidi controls come out as a backslash escape: nothing a terminal interprets."""
    shown = printable(f"a{char}b")
    assert shown.startswith("a\\")
    assert shown.endswith("b")
    assert all(c.isprintable() for c in shown)


def test_printable_text_is_unchanged() -> None:
    """Names in any script, emoji and punctuation pass through as they are."""
    text = "Zoë Liskov, 東京 株式会社 🚀 «quoted» \\ 100%"
    assert printable(text) == text


def test_the_common_ones_read_as_python_escapes() -> None:
    """ESC, BEL, CR, LF, TAB and the C1 CSI read as in Python: \\x1b, \\x07, \\r, \\n, \\t, \\x9b."""
    assert printable("\x1b]0;t\x07\r\n\t\x9b") == "\\x1b]0;t\\x07\\r\\n\\t\\x9b"


@pytest.mark.parametrize("char", CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
def test_json_safe_keeps_the_value(char: str) -> None:
    """json_safe escapes what json.dumps leaves raw; the document decodes to the same value."""
    value = {"name": f"a{char}b"}
    document = json_safe(json.dumps(value, ensure_ascii=False))
    assert all(c.isprintable() for c in document)
    assert json.loads(document) == value
