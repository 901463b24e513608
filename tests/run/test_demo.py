"""The main job (`make run` runs scripts/demo.py) works against a live mock."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from customers_mock.testing import MockServer

DEMO = Path(__file__).resolve().parents[2] / "scripts" / "demo.py"


def test_demo_lists_through_both_apis(mock_server: MockServer) -> None:
    """The demo prints a page through each generated client and every customer through the SDK, exit 0."""
    result = subprocess.run(
        [sys.executable, str(DEMO), "--base-url", mock_server.base_url],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.count("all pages (customers_sdk)") == 2, result.stdout
    assert "generated sequence_client" in result.stdout
    assert "generated straddle_client" in result.stdout
