"""The command-line sessions in README.md and docs/cli.md print what the documents show.

Each ```console block is replayed in a temporary folder: ``$ customers ...`` runs the installed script
(``> FILE`` saves its output there), ``$ head -N FILE`` shows a saved file's first lines, and every
line under a command is the output it must print (up to trailing spaces). A ``# comment`` after a
command is checked too, when it says ``N customers``.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _blocks() -> list[tuple[str, str]]:
    blocks = []
    for document in (ROOT / "README.md", ROOT / "docs" / "cli.md"):
        for i, block in enumerate(re.findall(r"```console\n(.*?)```", document.read_text(), flags=re.DOTALL)):
            blocks.append((f"{document.name}#{i + 1}", block))
    return blocks


BLOCKS = _blocks()


def _session(block: str) -> list[tuple[str, list[str]]]:
    """(command line, the output lines shown under it) for each ``$`` line of a block."""
    steps: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        elif steps:
            steps[-1][1].append(line.rstrip())
    return [(command, "\n".join(shown).rstrip().splitlines()) for command, shown in steps]


def test_the_documents_have_sessions() -> None:
    """Both documents hold a console session, so the replay below cannot pass vacuously."""
    assert {name.split("#")[0] for name, _ in BLOCKS} == {"README.md", "cli.md"}


@pytest.mark.parametrize("block", [b for _, b in BLOCKS], ids=[name for name, _ in BLOCKS])
def test_a_documented_session_prints_what_is_shown(customers_script: Path, tmp_path: Path, block: str) -> None:
    """Replayed as written (with --mock, no account): every command prints the lines the document shows."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SEQUENCE_", "STRADDLE_", "CUSTOMERS_"))}
    for command, shown in _session(block):
        line, _, comment = command.partition("#")
        words = shlex.split(line)
        target = None
        if ">" in words:
            words, target = words[: words.index(">")], words[words.index(">") + 1]
        if words[0] == "customers":
            result = subprocess.run(
                [str(customers_script), *words[1:]],
                capture_output=True,
                text=True,
                env=env,
                stdin=subprocess.DEVNULL,
                cwd=tmp_path,
                timeout=120,
                check=False,
            )
            assert result.returncode == 0, f"{command}: {result.stderr}"
            output = result.stdout
        elif words[0] == "head" and words[1].startswith("-"):
            output = "".join((tmp_path / words[2]).read_text().splitlines(keepends=True)[: int(words[1][1:])])
        else:
            pytest.fail(f"cannot replay {command!r}: only `customers ...` and `head -N FILE`")
        if target is not None:
            (tmp_path / target).write_text(output)
            count = re.search(r"(\d+) customers", comment)
            if count:  # "# 98 customers": header + 98 rows
                assert len(output.splitlines()) - 1 == int(count[1]), command
            continue
        assert [line.rstrip() for line in output.splitlines()] == shown, command
