"""Parse YAML text for the scripts: libyaml's C loader when PyYAML was built with it (about 9x faster on our specs)."""

from __future__ import annotations

from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse(text: str) -> Any:
    """``yaml.safe_load(text)``, through the C loader when there is one (same result: both are safe loaders)."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader
