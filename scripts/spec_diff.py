"""What changed between two versions of an OpenAPI spec, each change classified for client code.

A small differ over the two parsed documents, written for our specs (OpenAPI 3.1, one or a few
operations). The rules are in docs/spec-changes.md; each one is a line below that says which way it
goes. "Breaking" means: code that uses the client generated from the old spec (through the
``customers_sdk`` layer or directly) may stop type-checking or behave differently once it runs on
the client generated from the new one, or the requests it sends may now be rejected.

    changes = diff("sequence", old_spec, new_spec)   # parsed YAML; old_spec None for a new API
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Bounds that reject more values when they grow (lower bounds) or shrink (upper bounds).
# Formats that give a value another Python type in the generated client (others, e.g. email, int32, stay str/int).
TYPED_FORMATS = ("date", "date-time", "uuid", "binary")
LOWER_BOUNDS = ("minimum", "exclusiveMinimum", "minLength", "minItems")
UPPER_BOUNDS = ("maximum", "exclusiveMaximum", "maxLength", "maxItems")


@dataclass(frozen=True)
class Change:
    """One difference: where (area, subject), what, and whether code using the client may break."""

    api: str
    area: str  # operation, parameter, request header, response field, enum, response, error envelope, auth, info
    subject: str  # e.g. "GET /api/customers", "query `limit`", "Customer.email", "SortOrder"
    detail: str  # e.g. "added (optional, string enum EU | US)"
    breaking: bool

    def line(self) -> str:
        label = "BREAKING    " if self.breaking else "non-breaking"
        return f"{label}  {self.area} {self.subject}: {self.detail}"


# ---- reading schemas ---------------------------------------------------------------------------


def _resolve(spec: dict[str, Any], node: Any) -> Any:
    """Follow local ``$ref``s to the node they name."""
    for _ in range(50):
        if not (isinstance(node, dict) and "$ref" in node):
            return node
        target: Any = spec
        for part in str(node["$ref"]).removeprefix("#/").split("/"):
            target = target.get(part.replace("~1", "/").replace("~0", "~"), {}) if isinstance(target, dict) else {}
        node = target
    return node


def _mapping(node: Any) -> dict[str, Any]:
    """``node`` if it is a mapping, else an empty one (a spec may leave a schema out)."""
    return node if isinstance(node, dict) else {}


def _ref_name(node: Any) -> str | None:
    """The component a schema stands for: a ``$ref``, or an ``allOf`` of one ``$ref`` (to add a description)."""
    if isinstance(node, dict):
        if "$ref" in node:
            return str(node["$ref"]).rsplit("/", 1)[-1]
        all_of = node.get("allOf")
        if isinstance(all_of, list) and len(all_of) == 1:
            return _ref_name(all_of[0])
    return None


def _types(node: dict[str, Any]) -> set[str]:
    """The JSON types a schema allows (``type: [string, "null"]``, 3.0's ``nullable``, ``anyOf`` with null)."""
    declared = node.get("type")
    types = set(declared) if isinstance(declared, list) else {declared} if isinstance(declared, str) else set()
    if node.get("nullable") is True:
        types.add("null")
    for variant in node.get("anyOf") or node.get("oneOf") or []:
        if isinstance(variant, dict) and variant.get("type") == "null":
            types.add("null")
    return types


def _plain(spec: dict[str, Any], node: Any) -> Any:
    """The schema to read: a reference to a component of no class of its own (a plain string, an
    integer: the generator inlines those) is that component; anything else is ``node`` itself."""
    name = _ref_name(node)
    if name is None:
        return node
    target = _mapping(_resolve(spec, node["allOf"][0] if "allOf" in node else node))
    has_class = any(key in target for key in ("enum", "properties", "allOf", "anyOf", "oneOf")) or (
        "object" in _types(target)
    )
    return node if has_class else target


def shape(spec: dict[str, Any], node: Any) -> str:
    """What a schema is, as its Python type depends on it: ``string (date-time)``, ``array of CustomerStatus``.

    Null is left out (see ``nullable``); a component with a class of its own (an enum, a model) is its
    name, so a change inside it is reported once, at the component.
    """
    node = _plain(spec, node)
    name = _ref_name(node)
    if name is not None:
        return name
    if not isinstance(node, dict):
        return "any"
    variants = [
        v for v in node.get("anyOf") or node.get("oneOf") or [] if not (isinstance(v, dict) and v.get("type") == "null")
    ]
    if variants:
        return " | ".join(sorted(shape(spec, v) for v in variants))
    types = sorted(_types(node) - {"null"}) or ["any"]
    parts = []
    for kind in types:
        if kind == "array":
            parts.append(f"array of {shape(spec, node.get('items', {}))}")
        elif kind == "object" and node.get("properties"):
            parts.append("object")
        else:
            parts.append(f"{kind} ({node['format']})" if node.get("format") in TYPED_FORMATS else kind)
    return " | ".join(parts)


def nullable(spec: dict[str, Any], node: Any) -> bool:
    """Whether null is an allowed value."""
    node = _plain(spec, node)
    return isinstance(node, dict) and _ref_name(node) is None and "null" in _types(node)


def _enum(spec: dict[str, Any], node: Any) -> list[Any] | None:
    """An inline enum's values (of the schema or of its array items); a named component's are reported there."""
    node = _plain(spec, node)
    if not isinstance(node, dict) or _ref_name(node) is not None:
        return None
    if "enum" in node:
        return list(node["enum"])
    if "array" in _types(node):
        return _enum(spec, node.get("items"))
    return None


def summary(spec: dict[str, Any], node: Any, required: bool | None = None) -> str:
    """``optional, string enum EU | US``: how a new parameter or field reads in the report."""
    words = [] if required is None else ["required" if required else "optional"]
    values = _enum(spec, node)
    kind = shape(spec, node)
    words.append(f"{kind} enum {' | '.join(map(str, values))}" if values else kind)
    if nullable(spec, node):
        words.append("nullable")
    default = _mapping(_resolve(spec, node)).get("default")
    if default is not None:
        words.append(f"default {default!r}")
    return ", ".join(words)


# ---- rules ---------------------------------------------------------------------------------------


def _enum_changes(old: list[Any] | None, new: list[Any] | None) -> Iterator[tuple[str, bool]]:
    """Enum values added (non-breaking: our enums keep unknown values) and removed (breaking: a member goes)."""
    before, after = old or [], new or []
    added = [v for v in after if v not in before]
    removed = [v for v in before if v not in after]
    if added:
        yield f"enum values added: {', '.join(map(str, added))}", False
    if removed:
        yield f"enum values removed: {', '.join(map(str, removed))}", True


def _bound_changes(old: dict[str, Any], new: dict[str, Any]) -> Iterator[tuple[str, bool]]:
    """Bounds and patterns: narrowed (values that were valid are now rejected) is breaking; widened is not."""
    for key in (*LOWER_BOUNDS, *UPPER_BOUNDS, "pattern", "multipleOf"):
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        if key == "pattern" or key == "multipleOf":
            narrowed = after is not None  # a new or different pattern may reject values the old one took
        elif key in LOWER_BOUNDS:
            narrowed = after is not None and (before is None or after > before)
        else:
            narrowed = after is not None and (before is None or after < before)
        yield (
            f"{key} {before if before is not None else '(none)'} -> {after if after is not None else '(none)'}",
            narrowed,
        )


def _schema_changes(
    spec_old: dict[str, Any], spec_new: dict[str, Any], old: Any, new: Any, *, request: bool
) -> Iterator[tuple[str, bool]]:
    """Changes of one parameter's or field's schema.

    ``request``: the value is sent by the client (a parameter) rather than read by it (a field).
    Type changes, and format changes that change the Python type, are breaking either way. Null allowed where
    it was not is breaking for a field (code must now handle None) and not for a parameter; the
    reverse the other way round.
    """
    before, after = shape(spec_old, old), shape(spec_new, new)
    if before != after:
        yield f"type {before} -> {after}", True
    null_after = nullable(spec_new, new)
    if nullable(spec_old, old) != null_after:
        yield ("now nullable" if null_after else "no longer nullable"), null_after != request
    yield from _enum_changes(_enum(spec_old, old), _enum(spec_new, new))
    old_node, new_node = _mapping(_resolve(spec_old, old)), _mapping(_resolve(spec_new, new))
    old_plain, new_plain = _mapping(_plain(spec_old, old)), _mapping(_plain(spec_new, new))
    format_before, format_after = old_plain.get("format"), new_plain.get("format")
    if format_before != format_after and format_before not in TYPED_FORMATS and format_after not in TYPED_FORMATS:
        # Same Python type; a server may reject values the old format allowed (as with a pattern).
        yield f"format {format_before or '(none)'} -> {format_after or '(none)'}", request and format_after is not None
    if request and _ref_name(old_plain) is None and _ref_name(new_plain) is None:
        yield from _bound_changes(old_plain, new_plain)
    if request:
        default_before, default_after = old_node.get("default"), new_node.get("default")
        if default_before != default_after:
            # Calls that leave it out are sent the new default (the generated client sends defaults).
            changed = default_before is not None and default_after is not None
            yield f"default {default_before!r} -> {default_after!r}", changed
    if (
        not request
        and isinstance(old, dict)
        and isinstance(new, dict)
        and old.get("description") != new.get("description")
    ):
        yield "description changed", False  # a parameter's own description is compared by the caller


# ---- the diff ------------------------------------------------------------------------------------


def _operations(spec: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (method.upper(), path): op
        for path, item in (spec.get("paths") or {}).items()
        for method in METHODS
        if isinstance(op := (item or {}).get(method), dict)
    }


def _parameters(spec: dict[str, Any], path: str, op: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """The operation's parameters (path-level ones too) by (location, name)."""
    item = (spec.get("paths") or {}).get(path) or {}
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for raw in [*(item.get("parameters") or []), *(op.get("parameters") or [])]:
        param = _resolve(spec, raw)
        if isinstance(param, dict) and "name" in param:
            found[(param.get("in", "query"), param["name"])] = param
    return found


def _python_call(name: str) -> str:
    """How a parameter is passed in Python: ``list(region=...)``, named as the generator names it."""
    from openapi_python_client.strings import PythonIdentifier  # here: importing the generator takes ~2 s

    return f"list({PythonIdentifier(name, 'field')}=...)"


def _parameter_changes(
    api: str, old: dict[str, Any], new: dict[str, Any], path: str, op_old: dict[str, Any], op_new: dict[str, Any]
) -> Iterator[Change]:
    before, after = _parameters(old, path, op_old), _parameters(new, path, op_new)
    for key in [*before, *(k for k in after if k not in before)]:
        location, name = key
        area = "request header" if location == "header" else "parameter"
        subject = f"`{name}`" if location == "header" else f"{location} `{name}`"
        p_old, p_new = before.get(key), after.get(key)
        if p_new is None:
            yield Change(api, area, subject, f"removed; calls that pass {_python_call(name)} fail", True)
            continue
        required = bool(p_new.get("required"))
        if p_old is None:
            consequence = "calls without it are rejected" if required else _python_call(name)
            yield Change(
                api, area, subject, f"added ({summary(new, p_new.get('schema'), required)}): {consequence}", required
            )
            continue
        if bool(p_old.get("required")) != required:
            yield Change(api, area, subject, "now required" if required else "now optional", required)
        for detail, breaking in _schema_changes(old, new, p_old.get("schema"), p_new.get("schema"), request=True):
            yield Change(api, area, subject, detail, breaking)
        if p_old.get("description") != p_new.get("description"):
            yield Change(api, area, subject, "description changed", False)


def _objects(spec: dict[str, Any], node: Any, label: str, found: dict[str, dict[str, Any]]) -> None:
    """Every object schema reachable from ``node``, by component name (or by path for inline ones)."""
    name = _ref_name(node)
    if name is not None:
        if name in found:
            return
        label, node = name, _resolve(spec, node)
        all_of = node.get("allOf") if isinstance(node, dict) else None
        if isinstance(all_of, list) and len(all_of) == 1:
            node = _resolve(spec, all_of[0])
    if not isinstance(node, dict):
        return
    if isinstance(node.get("properties"), dict) or "object" in _types(node):
        found[label] = node
        for prop, sub in (node.get("properties") or {}).items():
            _objects(spec, sub, f"{label}.{prop}", found)
    for key in ("items", "additionalProperties"):
        if isinstance(node.get(key), dict):
            _objects(spec, node[key], f"{label}[]", found)
    for variant in (node.get("anyOf") or []) + (node.get("oneOf") or []) + (node.get("allOf") or []):
        _objects(spec, variant, label, found)


def _field_changes(
    api: str,
    area: str,
    old: dict[str, Any],
    new: dict[str, Any],
    objects_old: dict[str, dict[str, Any]],
    objects_new: dict[str, dict[str, Any]],
) -> Iterator[Change]:
    for label in [*objects_old, *(k for k in objects_new if k not in objects_old)]:
        o_old, o_new = objects_old.get(label), objects_new.get(label)
        if o_old is None or o_new is None:
            continue  # a new or vanished model shows as the field that refers to it (and in the Python API)
        props_old, props_new = o_old.get("properties") or {}, o_new.get("properties") or {}
        req_old, req_new = set(o_old.get("required") or []), set(o_new.get("required") or [])
        for prop in [*props_old, *(p for p in props_new if p not in props_old)]:
            subject = f"{label}.{prop}"
            if prop not in props_new:
                yield Change(api, area, subject, "removed; code reading it breaks", True)
            elif prop not in props_old:
                yield Change(api, area, subject, f"added ({summary(new, props_new[prop], prop in req_new)})", False)
            else:
                if (prop in req_old) != (prop in req_new):
                    if prop in req_new:
                        yield Change(api, area, subject, "now required (always present)", False)
                    else:
                        yield Change(
                            api, area, subject, "now optional: its type gains Unset, code must handle its absence", True
                        )
                for detail, breaking in _schema_changes(old, new, props_old[prop], props_new[prop], request=False):
                    yield Change(api, area, subject, detail, breaking)


def _body_schemas(spec: dict[str, Any], op: dict[str, Any], success: bool) -> dict[str, Any]:
    """The JSON schemas of the operation's success (2xx) or error responses, by status."""
    found: dict[str, Any] = {}
    for status, raw in (op.get("responses") or {}).items():
        if str(status).startswith("2") != success:
            continue
        content = (_resolve(spec, raw) or {}).get("content") or {}
        media = content.get("application/json") or next(iter(content.values()), None)
        if isinstance(media, dict) and "schema" in media:
            found[str(status)] = media["schema"]
    return found


def _response_changes(
    api: str, old: dict[str, Any], new: dict[str, Any], subject: str, op_old: dict[str, Any], op_new: dict[str, Any]
) -> Iterator[Change]:
    statuses_old, statuses_new = set(op_old.get("responses") or {}), set(op_new.get("responses") or {})
    for status in sorted(statuses_old - statuses_new):
        success = str(status).startswith("2")
        why = "the call returns another type" if success else "the SDK still raises it as an APIStatusError"
        yield Change(api, "response", f"{subject} {status}", f"status removed ({why})", success)
    for status in sorted(statuses_new - statuses_old):
        success = str(status).startswith("2")
        why = "the call may return another type" if success else "raised as the typed error for that status"
        yield Change(api, "response", f"{subject} {status}", f"status added ({why})", success)
    seen: dict[str, dict[str, Any]] = {}
    for success, area in ((True, "response field"), (False, "error envelope")):
        bodies_old, bodies_new = _body_schemas(old, op_old, success), _body_schemas(new, op_new, success)
        for status in sorted(set(bodies_old) & set(bodies_new)):
            before, after = shape(old, bodies_old[status]), shape(new, bodies_new[status])
            if before != after:
                yield Change(
                    api,
                    "response" if success else "error envelope",
                    f"{subject} {status}",
                    f"body {before} -> {after}",
                    True,
                )
        objects_old: dict[str, dict[str, Any]] = {}
        objects_new: dict[str, dict[str, Any]] = {}
        for status, schema in bodies_old.items():
            _objects(old, schema, f"{status} body", objects_old)
        for status, schema in bodies_new.items():
            _objects(new, schema, f"{status} body", objects_new)
        objects_old = {k: v for k, v in objects_old.items() if k not in seen}
        objects_new = {k: v for k, v in objects_new.items() if k not in seen}
        yield from _field_changes(api, area, old, new, objects_old, objects_new)
        seen.update(objects_old)
        seen.update(objects_new)


def _component_enums(api: str, old: dict[str, Any], new: dict[str, Any]) -> Iterator[Change]:
    schemas_old = (old.get("components") or {}).get("schemas") or {}
    schemas_new = (new.get("components") or {}).get("schemas") or {}
    for name in [*schemas_old, *(n for n in schemas_new if n not in schemas_old)]:
        e_old = (schemas_old.get(name) or {}).get("enum")
        e_new = (schemas_new.get(name) or {}).get("enum")
        if e_old is None and e_new is None:
            continue
        if e_old is not None and e_new is not None:
            for detail, breaking in _enum_changes(e_old, e_new):
                yield Change(api, "enum", name, detail, breaking)
        elif e_new is None and name in schemas_new:
            yield Change(api, "enum", name, "no longer an enum", True)


def _auth_changes(
    api: str,
    old: dict[str, Any],
    new: dict[str, Any],
    ops_old: dict[tuple[str, str], dict[str, Any]],
    ops_new: dict[tuple[str, str], dict[str, Any]],
) -> Iterator[Change]:
    schemes_old = (old.get("components") or {}).get("securitySchemes") or {}
    schemes_new = (new.get("components") or {}).get("securitySchemes") or {}
    for name in sorted(set(schemes_old) | set(schemes_new)):
        s_old, s_new = schemes_old.get(name), schemes_new.get(name)
        if s_new is None:
            yield Change(api, "auth", f"scheme `{name}`", "removed", True)
        elif s_old is None:
            yield Change(
                api,
                "auth",
                f"scheme `{name}`",
                f"added ({s_new.get('type')} {s_new.get('scheme', s_new.get('in', ''))})".rstrip(),
                False,
            )
        else:
            keys = ("type", "scheme", "in", "name", "bearerFormat", "flows", "openIdConnectUrl")
            changed = [k for k in keys if s_old.get(k) != s_new.get(k)]
            if changed:
                details = ", ".join(f"{k} {s_old.get(k)!r} -> {s_new.get(k)!r}" for k in changed)
                yield Change(api, "auth", f"scheme `{name}`", f"{details}: clients must send other credentials", True)
    for key in sorted(set(ops_old) & set(ops_new)):
        sec_old = ops_old[key].get("security", old.get("security"))
        sec_new = ops_new[key].get("security", new.get("security"))
        if sec_old != sec_new:
            yield Change(api, "auth", f"{key[0]} {key[1]}", f"security {sec_old} -> {sec_new}", True)


def diff(api: str, old: dict[str, Any] | None, new: dict[str, Any]) -> list[Change]:
    """Every change from ``old`` to ``new`` (``old`` None: a new API, reported as its operations added)."""
    changes: list[Change] = []
    ops_new = _operations(new)
    if old is None:
        return [
            Change(api, "operation", f"{m} {p}", f"added ({op.get('operationId')})", False)
            for (m, p), op in ops_new.items()
        ]
    ops_old = _operations(old)
    version_old, version_new = (old.get("info") or {}).get("version"), (new.get("info") or {}).get("version")
    if version_old != version_new:
        changes.append(Change(api, "info", "version", f"{version_old} -> {version_new}", False))
    for key in [*ops_old, *(k for k in ops_new if k not in ops_old)]:
        subject = f"{key[0]} {key[1]}"
        op_old, op_new = ops_old.get(key), ops_new.get(key)
        if op_new is None:
            changes.append(
                Change(api, "operation", subject, f"removed ({op_old.get('operationId') if op_old else ''})", True)
            )
            continue
        if op_old is None:
            changes.append(Change(api, "operation", subject, f"added ({op_new.get('operationId')})", False))
            continue
        if op_old.get("operationId") != op_new.get("operationId"):
            renamed = f"operationId {op_old.get('operationId')} -> {op_new.get('operationId')}"
            detail = f"{renamed}: the generated module is renamed"
            changes.append(Change(api, "operation", subject, detail, True))
        changes.extend(_parameter_changes(api, old, new, key[1], op_old, op_new))
        changes.extend(_response_changes(api, old, new, subject, op_old, op_new))
    changes.extend(_component_enums(api, old, new))
    changes.extend(_auth_changes(api, old, new, ops_old, ops_new))
    return changes
