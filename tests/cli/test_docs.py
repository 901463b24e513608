"""The command-line examples in README.md and docs/cli.md print what the documents show."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _console_examples() -> list[tuple[str, str, list[str]]]:
    """(document, command, shown output lines) of each ``$ customers ...`` line followed by its output."""
    examples = []
    for document in (ROOT / "README.md", ROOT / "docs" / "cli.md"):
        for block in re.findall(r"```console\n(.*?)```", document.read_text(), flags=re.DOTALL):
            for command, output in re.findall(r"^\$ (customers [^\n]*)\n((?:(?!\$ )[^\n]*\n)*)", block, re.M):
                if output.strip() and ">" not in command:
                    examples.append((document.name, command, output.rstrip().splitlines()))
    return examples


EXAMPLES = _console_examples()


def test_the_documents_have_command_examples() -> None:
    """Both documents show at least one command with its output, so the test below cannot pass vacuously."""
    assert {document for document, _, _ in EXAMPLES} == {"README.md", "cli.md"}


@pytest.mark.parametrize(("document", "command", "shown"), EXAMPLES, ids=[f"{d}: {c}" for d, c, _ in EXAMPLES])
def test_a_documented_command_prints_what_is_shown(
    customers_script: Path, document: str, command: str, shown: list[str]
) -> None:
    """Run as written (with --mock, no account): the same lines, up to trailing spaces."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SEQUENCE_", "STRADDLE_", "CUSTOMERS_"))}
    args = shlex.split(command)[1:]
    result = subprocess.run(
        [str(customers_script), *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert [line.rstrip() for line in result.stdout.splitlines()] == [line.rstrip() for line in shown]
