"""A parameter added to a spec is an option of the installed script after regeneration, with no hand edit."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NEW_PARAMETER = """\
        - name: riskLevel
          in: query
          required: false
          description: Only customers with this risk level.
          schema:
            type: string
            enum: [low, elevated, high]
"""


def test_a_new_spec_parameter_is_in_help_after_regeneration(tmp_path: Path, customers_script: Path) -> None:
    """Add an enum query parameter to a copy of the Sequence spec, regenerate: --risk-level is a choice option."""
    root = tmp_path / "project"
    for folder in ("openapi", "generated"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    spec = root / "openapi" / "sequence.yaml"
    text = spec.read_text()
    anchor = "        - name: legalName\n"
    assert anchor in text
    spec.write_text(text.replace(anchor, NEW_PARAMETER + anchor, 1))
    regen = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "regen.py")],
        env={**os.environ, "REGEN_ROOT": str(root)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert regen.returncode == 0, regen.stderr
    package = next((root / "generated").glob("**/sequence_client/__init__.py")).parent
    result = subprocess.run(  # the regenerated client first on the path, ahead of the installed one
        [str(customers_script), "sequence", "list", "--help"],
        env={**os.environ, "PYTHONPATH": str(package.parent), "COLUMNS": "200"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    choices = re.search(r"--risk-level \[([a-z|]+)\]", result.stdout)
    assert choices is not None, result.stdout
    assert set(choices[1].split("|")) == {"low", "elevated", "high"}
    installed = subprocess.run(
        [str(customers_script), "sequence", "list", "--help"], capture_output=True, text=True, check=False
    )
    assert "--risk-level" not in installed.stdout  # the option comes from the regenerated copy alone
