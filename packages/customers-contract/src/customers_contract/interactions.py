"""The requests and responses of an `st run`, read back from its NDJSON event report.

Schemathesis writes every exchange of a run into the NDJSON report (credentials already replaced
by ``[Filtered]``). The coverage and drift reports are computed from these, so they see exactly
what the run sent and received. Probes with a method the spec does not declare (the
``unsupported_method`` check's POST, PUT, ...) are left out: they say nothing about the operation.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Interaction:
    """One request and its response (``status`` None: no response, e.g. a timeout)."""

    case_id: str
    method: str
    url: str
    request_headers: dict[str, str]
    status: int | None
    headers: dict[str, str]  # lower-case names, first value
    body: bytes
    elapsed: float
    timestamp: float

    @property
    def path(self) -> str:
        return urlsplit(self.url).path

    def json(self) -> Any:
        """The body as JSON, or None when it is not JSON."""
        try:
            return json.loads(self.body)
        except ValueError:
            return None


def _content(content: Any) -> bytes:
    if isinstance(content, dict) and "$base64" in content:
        return base64.b64decode(content["$base64"])
    return content.encode() if isinstance(content, str) else b""


def read(ndjson: Path, methods: Collection[str] = ("GET",)) -> Iterator[Interaction]:
    """Every exchange with one of ``methods`` in one NDJSON report (none when the file does not exist)."""
    if not ndjson.exists():
        return
    for line in ndjson.read_text().splitlines():
        finished = json.loads(line).get("ScenarioFinished")
        if not finished:
            continue
        # A scenario that sent nothing (skipped, or stopped before its first request) has no interactions.
        for case_id, interaction in finished.get("recorder", {}).get("interactions", {}).items():
            request = interaction["request"]
            if request["method"].upper() not in methods:
                continue
            response = interaction.get("response") or {}
            yield Interaction(
                case_id=case_id,
                method=request["method"].upper(),
                url=request["uri"],
                request_headers={k: v[0] for k, v in request.get("headers", {}).items() if v},
                status=response.get("status_code"),
                headers={k.lower(): v[0] for k, v in response.get("headers", {}).items() if v},
                body=_content(response.get("content")),
                elapsed=response.get("elapsed") or 0.0,
                timestamp=interaction.get("timestamp") or 0.0,
            )
