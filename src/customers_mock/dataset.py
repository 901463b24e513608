"""Deterministic generated customers: customer ``i`` of an account is a pure function of (seed, i).

Nothing is generated up front, so a data set of 1,000,000 customers costs no memory until a page
is served. Every field has its own random stream, so one field (a sort key, a filter value) is
computed without building the whole customer. Creation times increase with ``i`` (customers are
created over the years 2019-2024), and Sequence ids are UUIDv7 from the creation time, so
position order is creation order and id order: those sorts need no sorting at all.

Enum values (statuses, types, tax statuses) and integration names come from the specs.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
import zlib
from collections.abc import Sequence
from functools import cached_property
from typing import Any, TypeVar

from customers_mock import spec, times

T = TypeVar("T")
_MASK = (1 << 64) - 1
_GOLDEN = 0x9E3779B97F4A7C15
_START = dt.datetime(2019, 1, 1, tzinfo=times.UTC)
_SPAN_MS = 6 * 365 * 24 * 3600 * 1000  # creation times spread over six years


def _mix(x: int) -> int:
    """splitmix64's finaliser: a well-spread 64-bit hash of ``x``."""
    x = (x + _GOLDEN) & _MASK
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK
    return x ^ (x >> 31)


class Rng:
    """A tiny splitmix64 stream: fast, deterministic, and seeded from a few integers."""

    __slots__ = ("state",)

    def __init__(self, *parts: int) -> None:
        state = 0
        for part in parts:
            state = _mix(state ^ (part & _MASK))
        self.state = state

    def next(self) -> int:
        self.state = (self.state + _GOLDEN) & _MASK
        return _mix(self.state)

    def below(self, n: int) -> int:
        return self.next() % n if n > 0 else 0

    def chance(self, probability: float) -> bool:
        return self.next() < probability * _MASK

    def choice(self, items: Sequence[T]) -> T:
        return items[self.next() % len(items)]


def _salt(text: str) -> int:
    return zlib.crc32(text.encode())


def _uuid_text(value: int) -> str:
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def uuid4(rng: Rng) -> str:
    """A random-looking (version 4) UUID from ``rng``."""
    value = (rng.next() << 64) | rng.next()
    value = (value & ~(0xF << 76)) | (0x4 << 76)
    value = (value & ~(0x3 << 62)) | (0x2 << 62)
    return _uuid_text(value)


def uuid7(unix_ms: int, rng: Rng) -> str:
    """A version 7 UUID: its text order is ``unix_ms`` order."""
    value = (unix_ms << 80) | (0x7 << 76) | (rng.below(1 << 12) << 64) | (0x2 << 62) | rng.below(1 << 62)
    return _uuid_text(value)


def _ascii(text: str) -> str:
    """``text`` folded to ASCII letters (emails and host names stay plain ASCII)."""
    return unicodedata.normalize("NFKD", text).replace("Ł", "L").replace("ł", "l").encode("ascii", "ignore").decode()


def _slug(name: str) -> str:
    words = (part.lower().strip(".,'") for part in _ascii(name).split() if part not in ("Ltd", "Inc.", "GmbH"))
    return "-".join(word for word in words if word)


COMPANY_FIRST = (
    "Acme", "Bluewater", "Northwind", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Vandelay",
    "Soylent", "Cyberdyne", "Tyrell", "Wonka", "Aperture", "Gringotts", "Monarch", "Oceanic", "Pied Piper",
    "Sterling", "Massive", "Dunder", "Kruger", "Nakatomi", "Olivia", "Prestige", "Rekall", "Sirius", "Virtucon",
    "Zenith", "Évora", "Łódź",
)  # fmt: skip
COMPANY_SECOND = (
    "Analytics", "Payments", "Lending", "Logistics", "Labs", "Foods", "Energy", "Health", "Robotics", "Media",
    "Capital", "Systems", "Software", "Holdings", "Ventures", "Studios", "Works", "Partners", "Networks", "Retail",
)  # fmt: skip
COMPANY_SUFFIX = ("Ltd", "Inc.", "GmbH", "LLC", "SAS", "BV", "AB", "Pty")
FIRST_NAMES = (
    "Ada", "Alan", "Grace", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Frances", "Tim", "Radia", "Guido",
    "Katherine", "John", "Hedy", "Edsger", "Søren", "Zoë", "José", "Mei", "Aiko", "Olu", "Priya", "Noah",
)  # fmt: skip
LAST_NAMES = (
    "Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Ritchie", "Liskov", "Thompson", "Allen", "Berners-Lee",
    "Perlman", "van Rossum", "Johnson", "McCarthy", "Lamarr", "Dijkstra", "Kierkegaard", "Nakamura", "García",
    "Okafor", "Chen", "Sharma", "O'Brien", "Müller",
)  # fmt: skip
STREETS = ("High St", "Bluewater Rd NW", "Market St", "Rue de Rivoli", "Hauptstraße", "King St", "Baker St")
PLACES = (  # (country, town, state or "")
    ("US", "Albuquerque", "NM"), ("US", "New York", "NY"), ("US", "Austin", "TX"), ("GB", "London", ""),
    ("GB", "Manchester", ""), ("FR", "Paris", ""), ("DE", "Berlin", ""), ("NL", "Amsterdam", ""),
    ("SE", "Stockholm", ""), ("AU", "Sydney", "NSW"), ("CA", "Toronto", "ON"), ("JP", "Tokyo", ""),
    ("IE", "Dublin", ""), ("ES", "Madrid", ""), ("BR", "São Paulo", "SP"), ("IN", "Bengaluru", "KA"),
)  # fmt: skip
LABELS = ("Enterprise", "Mid-market", "SMB", "Startup", "Partner", "Example customer")
REGIONS = ("EU", "US", "APAC", "LATAM")
TIERS = ("gold", "silver", "bronze")
PHONE_PREFIXES = ("+1", "+44", "+46", "+49", "+33", "+61", "+81")


def _created_ms(i: int, count: int, rng: Rng) -> int:
    """Creation time (unix ms) of customer ``i``: strictly increasing in ``i``."""
    step = max(1000, _SPAN_MS // max(count, 1))
    start_ms = int(_START.timestamp()) * 1000
    return start_ms + i * step + rng.below(step - 999)  # leaves >= 1 s between neighbours


def _from_ms(ms: int) -> dt.datetime:
    return times.EPOCH + dt.timedelta(milliseconds=ms)


class SequenceData:
    """Generated Sequence customers of one account."""

    # Fields whose sort key never decreases with the position: their index is the positions as they are.
    natural_fields = frozenset({"createdAt", "id"})

    def __init__(self, seed: int, account: str, count: int) -> None:
        self.size = count
        self._base = _mix(seed) ^ _salt("sequence:" + account)
        self._archived_salt = _mix(self._base ^ _salt("archived"))
        self.tax_statuses = spec.enum(spec.SEQUENCE, "TaxStatus")
        self.services = tuple(spec.schema(spec.SEQUENCE, "IntegrationId")["properties"]["service"]["examples"])

    def _rng(self, i: int, field: str) -> Rng:
        return Rng(self._base, i, _salt(field))

    def _created_ms(self, i: int) -> int:
        return _created_ms(i, self.size, self._rng(i, "created")) // 1000 * 1000

    def created_at(self, i: int) -> str:
        return times.seconds_z(_from_ms(self._created_ms(i)))

    def id(self, i: int) -> str:
        rng = self._rng(i, "id")
        return uuid7(self._created_ms(i) + rng.below(1000), rng)

    def legal_name(self, i: int) -> str:
        rng = self._rng(i, "name")
        return f"{rng.choice(COMPANY_FIRST)} {rng.choice(COMPANY_SECOND)} {rng.choice(COMPANY_SUFFIX)}"

    def domain(self, i: int) -> str:
        return f"{_slug(self.legal_name(i))}-{i}.example.com"

    def email(self, i: int) -> str:
        return f"{self._rng(i, 'email').choice(('billing', 'accounts', 'finance', 'ap'))}@{self.domain(i)}"

    def label(self, i: int) -> str | None:
        rng = self._rng(i, "label")
        return rng.choice(LABELS) if rng.chance(0.8) else None

    def archived(self, i: int) -> bool:
        # One hash instead of a stream: this runs for every customer when the data set is indexed.
        return _mix(self._archived_salt ^ i) < _MASK // 10

    def archived_at(self, i: int) -> str | None:
        if not self.archived(i):
            return None
        days = 1 + self._rng(i, "archivedAt").below(700)
        return times.seconds_z(_from_ms(self._created_ms(i)) + dt.timedelta(days=days))

    def tax_status(self, i: int) -> str:
        return self._rng(i, "tax").choice(self.tax_statuses)

    def custom_properties(self, i: int) -> dict[str, str] | None:
        rng = self._rng(i, "custom")
        if rng.chance(0.15):
            return None
        props = {"region": rng.choice(REGIONS)}
        if rng.chance(0.7):
            props["tier"] = rng.choice(TIERS)
        return props

    def aliases(self, i: int) -> tuple[str, ...]:
        """Other names the customer is known by (Sequence's customer aliases; not in the response)."""
        return (f"{_slug(self.legal_name(i))}-{i}", f"cus_{i:07d}")

    def value(self, field: str, i: int) -> Any:
        """The JSON value of one top-level field (or ``customProperties.<key>``), None when absent."""
        getter = self._fields.get(field)
        if getter is not None:
            return getter(i)
        if field.startswith("customProperties."):
            return (self.custom_properties(i) or {}).get(field.removeprefix("customProperties."))
        return self.customer(i).get(field)

    @cached_property
    def _fields(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "createdAt": self.created_at,
            "legalName": self.legal_name,
            "email": self.email,
            "label": self.label,
            "url": lambda i: f"https://{self.domain(i)}/",
            "domain": self.domain,
            "archivedAt": self.archived_at,
            "taxStatus": self.tax_status,
            "customProperties": self.custom_properties,
        }

    def customer(self, i: int) -> dict[str, Any]:
        """The whole customer ``i`` as the API returns it."""
        rng = self._rng(i, "customer")
        customer: dict[str, Any] = {"id": self.id(i), "createdAt": self.created_at(i)}
        if i > 0 and rng.chance(0.1):
            owner = i - 1 - rng.below(min(i, 50))
            owner_member = {"id": self.id(owner), "name": self.legal_name(owner)}
            member = {"id": customer["id"], "name": self.legal_name(i)}
            customer["organizations"] = [{"id": uuid4(rng), "owner": owner_member, "members": [owner_member, member]}]
        customer["legalName"] = self.legal_name(i)
        customer["email"] = self.email(i)
        if rng.chance(0.85):
            country, town, state = rng.choice(PLACES)
            address = {"line1": f"{1 + rng.below(9999)} {rng.choice(STREETS)}", "town": town}
            if state:
                address["state"] = state
            address["postcode"] = f"{rng.below(100000):05d}"
            address["country"] = country
            customer["address"] = address
        customer["url"] = f"https://{self.domain(i)}/"
        customer["domain"] = self.domain(i)
        label = self.label(i)
        if label is not None:
            customer["label"] = label
        integrations = []
        for service in self.services:
            if rng.chance(0.2):
                pending = rng.chance(0.2)
                ident = uuid4(rng) if service == "Xero" else f"{service[:3].lower()}_{rng.next():016x}"
                integration: dict[str, Any] = {"service": service, "id": ident}
                if not pending:
                    integration["lastSynced"] = times.seconds_z(_from_ms(self._created_ms(i) + 86_400_000))
                integration["isPending"] = pending
                integrations.append(integration)
        if integrations:
            customer["integrationIds"] = integrations
        archived_at = self.archived_at(i)
        if archived_at is not None:
            customer["archivedAt"] = archived_at
        customer["taxStatus"] = self.tax_status(i)
        props = self.custom_properties(i)
        if props is not None:
            customer["customProperties"] = props
        return customer


class StraddleData:
    """Generated Straddle customers of one account."""

    natural_fields = frozenset({"created_at"})

    def __init__(self, seed: int, account: str, count: int) -> None:
        self.size = count
        self._base = _mix(seed) ^ _salt("straddle:" + account)
        self.statuses = spec.enum(spec.STRADDLE, "CustomerStatus")
        self.types = spec.enum(spec.STRADDLE, "CustomerType")

    def _rng(self, i: int, field: str) -> Rng:
        return Rng(self._base, i, _salt(field))

    def _created_ms(self, i: int) -> int:
        return _created_ms(i, self.size, self._rng(i, "created"))

    def created_at(self, i: int) -> str:
        return times.millis_z(_from_ms(self._created_ms(i)))

    def type(self, i: int) -> str:
        return self._rng(i, "type").choice(self.types)

    def _person(self, i: int) -> tuple[str, str]:
        rng = self._rng(i, "name")
        return rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)

    def name(self, i: int) -> str:
        if self.type(i) == "individual":
            return " ".join(self._person(i))
        rng = self._rng(i, "business")
        return f"{rng.choice(COMPANY_FIRST)} {rng.choice(COMPANY_SECOND)} {rng.choice(COMPANY_SUFFIX)}"

    def email(self, i: int) -> str:
        if self.type(i) == "individual":
            first, last = self._person(i)
            local = _ascii(f"{first}.{last}").lower().replace(" ", "").replace("'", "")
            return f"{local}.{i}@example.com"
        return f"ops+{i}@{_slug(self.name(i))}.example.com"

    def phone(self, i: int) -> str:
        rng = self._rng(i, "phone")
        return f"{rng.choice(PHONE_PREFIXES)}{2 + rng.below(8)}{rng.below(10**9):09d}"

    def status(self, i: int) -> str:
        return self._rng(i, "status").choice(self.statuses)

    def external_id(self, i: int) -> str | None:
        return f"ext_{i:08d}" if self._rng(i, "external").chance(0.7) else None

    def value(self, field: str, i: int) -> Any:
        """The JSON value of one field, None when absent."""
        getter = getattr(self, field, None)
        return getter(i) if field in self._field_names and getter is not None else None

    _field_names = frozenset({"id", "created_at", "email", "name", "phone", "status", "type", "external_id"})

    def id(self, i: int) -> str:
        return uuid4(self._rng(i, "id"))

    def customer(self, i: int) -> dict[str, Any]:
        """The whole customer ``i`` as the API returns it."""
        created_ms = self._created_ms(i)
        updated_ms = created_ms + self._rng(i, "updated").below(90 * 86_400_000)
        return {
            "id": self.id(i),
            "created_at": times.millis_z(_from_ms(created_ms)),
            "email": self.email(i),
            "name": self.name(i),
            "phone": self.phone(i),
            "status": self.status(i),
            "type": self.type(i),
            "updated_at": times.millis_z(_from_ms(updated_ms)),
            "external_id": self.external_id(i),
        }
