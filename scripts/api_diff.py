"""The Python API view of a change: griffe's breaking-change check between two copies of a package.

griffe (the engine of ``griffe check``) loads each copy statically and lists what breaks code that
uses it: removed objects and parameters, new required parameters, changed defaults and kinds. The
generated modules repeat each change in their four call styles (``sync_detailed``, ``sync``,
``asyncio_detailed``, ``asyncio``); those lines are folded into one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import griffe

from spec_diff import Change

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_LOCATION = re.compile(r"^\S+?:\d+: ")  # "path/to/module.py:123: " at the start of an explanation
_CALL = re.compile(r"^(?P<module>.*\.)(?P<function>\w+)(?P<rest>\(.*)$")


def _load(package: str, search_paths: Sequence[Path]) -> griffe.Object | griffe.Alias | None:
    """The package as found in ``search_paths``, or None where it is not there (an older layout)."""
    try:
        return griffe.load(package, search_paths=[str(p) for p in search_paths], allow_inspection=False)
    except ImportError:
        return None


def _fold(lines: list[str]) -> list[str]:
    """``m.sync(x): ...`` and ``m.asyncio(x): ...`` as one line ``m.{sync, asyncio}(x): ...``."""
    groups: dict[tuple[str, str], list[str]] = {}
    single: list[str] = []
    for line in lines:
        match = _CALL.match(line)
        if match is None:
            single.append(line)
            continue
        groups.setdefault((match["module"], match["rest"]), []).append(match["function"])
    folded = [
        f"{module}{functions[0] if len(functions) == 1 else '{' + ', '.join(functions) + '}'}{rest}"
        for (module, rest), functions in groups.items()
    ]
    return sorted(set(single + folded))


def breaking_changes(api: str, package: str, old: Sequence[Path], new: Sequence[Path]) -> list[Change]:
    """Breaking changes of ``package`` from the copy in ``old`` to the copy in ``new`` (search paths)."""
    before, after = _load(package, old), _load(package, new)
    if before is None or after is None:
        return []
    lines = []
    for breakage in griffe.find_breaking_changes(before, after):
        text = _LOCATION.sub("", _ANSI.sub("", breakage.explain(style=griffe.ExplanationStyle.ONE_LINE)))
        lines.append(f"{breakage.obj.module.path}.{text}")
    changes = []
    for line in _fold(lines):
        subject, _, detail = line.partition(": ")  # "module.object(param): what happened[: old -> new]"
        changes.append(Change(api, "python api", subject, detail, True))
    return changes
