"""Spectral (pinned in package.json, ruleset .spectral.yaml) passes both specs and catches each defect it guards."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support import specs

ROOT = specs.ROOT
SPECTRAL = ROOT / "node_modules" / ".bin" / "spectral"
RULESET = ROOT / ".spectral.yaml"
NPM_WAIT = 300  # seconds; npm ci takes ~7 s on a fresh clone

Mutation = Callable[[dict[str, Any]], None]


def _op(spec: dict[str, Any]) -> dict[str, Any]:
    [path_item] = spec["paths"].values()
    op: dict[str, Any] = path_item["get"]
    return op


def _param(spec: dict[str, Any], name: str) -> dict[str, Any]:
    params: list[dict[str, Any]] = _op(spec)["parameters"]
    [param] = [p for p in params if p["name"] == name]
    return param


def _no_security(s: dict[str, Any]) -> None:
    s["security"] = _op(s).pop("security")  # global security only: the generator ignores it


def _uuid_header(s: dict[str, Any]) -> None:
    _param(s, "Straddle-Account-Id")["schema"] = {"type": "string", "format": "uuid"}


def _unbounded_limit(s: dict[str, Any]) -> None:
    del _param(s, "limit")["schema"]["maximum"]


def _integer_enum(s: dict[str, Any]) -> None:
    s["components"]["schemas"]["ErrorDetailV1"]["properties"]["status"]["enum"] = [400, 401]


def _closed_customer(s: dict[str, Any]) -> None:
    s["components"]["schemas"]["Customer"]["additionalProperties"] = False


def _no_401(s: dict[str, Any]) -> None:
    del _op(s)["responses"]["401"]


def _plain_text_500(s: dict[str, Any]) -> None:
    s["components"]["responses"]["InternalServerError"]["content"] = {"text/plain": {"schema": {"type": "string"}}}


def _no_success_example(s: dict[str, Any]) -> None:
    del _op(s)["responses"]["200"]["content"]["application/json"]["examples"]


def _no_version_header(s: dict[str, Any]) -> None:
    del s["components"]["responses"]["Unauthorized"]["headers"]["Sequence-Version"]


def _no_correlation_header(s: dict[str, Any]) -> None:
    del s["components"]["responses"]["Forbidden"]["headers"]["Correlation-Id"]


def _wrong_example(s: dict[str, Any]) -> None:
    _op(s)["responses"]["200"]["content"]["application/json"]["examples"]["page"]["value"]["items"][0]["id"] = 7


# (api, mutation, the rule that must report it)
DEFECTS: list[tuple[str, Mutation, str]] = [
    ("sequence", _no_security, "operation-security-declared"),
    ("straddle", _uuid_header, "header-parameter-generator-safe"),
    ("sequence", _unbounded_limit, "integer-parameter-bounded"),
    ("straddle", _integer_enum, "enum-is-string"),
    ("sequence", _closed_customer, "no-closed-objects"),
    ("straddle", _no_401, "operation-declares-common-errors"),
    ("sequence", _plain_text_500, "error-response-envelope"),
    ("straddle", _no_success_example, "success-response-has-example"),
    ("sequence", _no_version_header, "sequence-version-header-on-every-response"),
    ("straddle", _no_correlation_header, "straddle-echo-headers-on-every-response"),
    ("sequence", _wrong_example, "oas3-valid-media-example"),
]


def _wait_for_npm() -> None:
    """Wait for the `npm ci` that scripts/test starts in the background, if it named its status file (exit code)."""
    status = os.environ.get("NPM_CI_STATUS_FILE")
    if not status:
        return
    deadline = time.monotonic() + NPM_WAIT
    while not Path(status).exists():
        if time.monotonic() > deadline:
            pytest.fail(f"npm ci (started by scripts/test) did not finish in {NPM_WAIT} s")
        time.sleep(0.2)
    assert Path(status).read_text().strip() == "0", "npm ci failed: make test prints its output at the end"


def _spectral(*documents: Path) -> list[dict[str, Any]]:
    """Lint ``documents`` with the project ruleset; the findings of severity warning or worse."""
    _wait_for_npm()
    if not SPECTRAL.exists():
        pytest.fail("Spectral is not installed: run scripts/test (or `npm ci`) to install the node tools")
    node = shutil.which("node")
    assert node, "node is not on PATH"
    result = subprocess.run(
        [node, str(SPECTRAL), "lint", "--ruleset", str(RULESET), "--format", "json", "--quiet", *map(str, documents)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode in (0, 1), f"spectral crashed:\n{result.stdout}\n{result.stderr}"
    findings: list[dict[str, Any]] = json.loads(result.stdout or "[]")
    return [f for f in findings if f["severity"] <= 1]  # 0 error, 1 warning, 2 info, 3 hint


def test_specs_pass_the_ruleset() -> None:
    """Both specs have no Spectral error or warning."""
    findings = _spectral(*specs.SPECS.values())
    assert [(f["source"], f["code"], ".".join(map(str, f["path"]))) for f in findings] == []


def test_every_custom_rule_is_exercised() -> None:
    """Each custom rule of the ruleset has a defect below that it must catch (so none is dead)."""
    custom = set(yaml.safe_load(RULESET.read_text())["rules"]) - {"info-contact", "info-license", "license-url"}
    assert custom <= {rule for _, _, rule in DEFECTS}


def test_ruleset_catches_each_defect(tmp_path: Path) -> None:
    """A copy of a spec with one defect is reported by the rule that guards against it."""
    documents: dict[Path, str] = {}
    for i, (api, mutate, rule) in enumerate(DEFECTS):
        broken = copy.deepcopy(specs.load(api))
        mutate(broken)
        path = tmp_path / f"{i:02d}-{rule}.yaml"
        path.write_text(yaml.safe_dump(broken, sort_keys=False))
        documents[path] = rule
    findings = _spectral(*documents)  # one Spectral process for all copies: it starts in about a second
    reported: dict[str, set[str]] = {}
    for f in findings:
        reported.setdefault(Path(f["source"]).name, set()).add(f["code"])
    missed = {path.name: rule for path, rule in documents.items() if rule not in reported.get(path.name, set())}
    assert missed == {}, f"not caught: {missed}; reported: {reported}"
