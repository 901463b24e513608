"""Deterministic generated customers: customer ``i`` of an account is a pure function of (seed, i).

Nothing is generated up front, so a data set of 1,000,000 customers costs no memory until a page
is served. Every field has its own random stream, so one field (a sort key, a filter value) is
computed without building the whole customer. Creation times increase with ``i`` (customers are
created over the years 2019-2024), and Sequence ids are UUIDv7 from the creation time, so
position order is creation order and id order: those sorts need no sorting at all.

Indexes need one field of every customer: ``column(field)`` computes it for all of them in one
pass with the random streams inlined (``_draws``), several times faster than asking customer by
customer; the values are the same.

Enum values (statuses, types, tax statuses) and integration names come from the specs.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
import zlib
from array import array
from collections.abc import Callable, Sequence
from functools import cache, cached_property, lru_cache
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

    @classmethod
    def at(cls, state: int) -> Rng:
        """The stream whose state is ``state`` (skips re-mixing seed parts already mixed)."""
        rng = cls.__new__(cls)
        rng.state = state
        return rng

    def next(self) -> int:
        self.state = (self.state + _GOLDEN) & _MASK
        return _mix(self.state)

    def below(self, n: int) -> int:
        return self.next() % n if n > 0 else 0

    def chance(self, probability: float) -> bool:
        return self.next() < probability * _MASK

    def choice(self, items: Sequence[T]) -> T:
        return items[self.next() % len(items)]


@cache
def _salt(text: str) -> int:
    return zlib.crc32(text.encode())


_M1, _M2 = 0xBF58476D1CE4E5B9, 0x94D049BB133111EB


def _draws(base_mix: int, salt: int, count: int, n: int, only: bytes | None = None) -> list[array[int]]:
    """The first ``count`` outputs of ``Rng(base, i, salt)`` for every ``i < n``, as ``count`` columns.

    ``base_mix`` is ``_mix(base)``. The splitmix64 steps are inlined: this loop is what an index
    build spends its time in. With ``only``, customers ``i`` where ``only[i]`` is 0 get zeros.
    """
    columns = [array("Q") for _ in range(count)]
    appends = [column.append for column in columns]
    steps = [((k + 2) * _GOLDEN, append) for k, append in enumerate(appends)]  # next() number k + 1
    for i in range(n):
        if only is not None and not only[i]:
            for append in appends:
                append(0)
            continue
        x = ((base_mix ^ i) + _GOLDEN) & _MASK  # Rng(base, i, salt): mix(mix(mix(base) ^ i) ^ salt)
        x = ((x ^ (x >> 30)) * _M1) & _MASK
        x = ((x ^ (x >> 27)) * _M2) & _MASK
        x = ((x ^ (x >> 31) ^ salt) + _GOLDEN) & _MASK
        x = ((x ^ (x >> 30)) * _M1) & _MASK
        x = ((x ^ (x >> 27)) * _M2) & _MASK
        state = x ^ (x >> 31)
        for step, append in steps:
            x = (state + step) & _MASK
            x = ((x ^ (x >> 30)) * _M1) & _MASK
            x = ((x ^ (x >> 27)) * _M2) & _MASK
            append(x ^ (x >> 31))
    return columns


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


@lru_cache(maxsize=8192)  # generated names come from a few thousand combinations
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
PLACES = (  # (country, town, state or ""): a state only where Sequence sends one (customers_mock.vendor)
    ("US", "Albuquerque", "NM"), ("US", "New York", "NY"), ("US", "Austin", "TX"), ("GB", "London", ""),
    ("GB", "Manchester", ""), ("FR", "Paris", ""), ("DE", "Berlin", ""), ("NL", "Amsterdam", ""),
    ("SE", "Stockholm", ""), ("AU", "Sydney", ""), ("CA", "Toronto", "ON"), ("JP", "Tokyo", ""),
    ("IE", "Dublin", ""), ("ES", "Madrid", ""), ("BR", "São Paulo", ""), ("IN", "Bengaluru", ""),
    ("US", "Washington", "DC"), ("CA", "Vancouver", "BC"), ("CA", "Montréal", "QC"), ("US", "Chicago", "IL"),
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
    # The customProperties keys customers may have (any other key is absent for every customer).
    custom_keys = frozenset({"region", "tier"})

    def __init__(self, seed: int, account: str, count: int) -> None:
        self.size = count
        self._base = _mix(seed) ^ _salt("sequence:" + account)
        self._base_mix = _mix(self._base)
        self._archived_salt = _mix(self._base ^ _salt("archived"))
        self.tax_statuses = spec.enum(spec.SEQUENCE, "TaxStatus")
        self.services = tuple(spec.schema(spec.SEQUENCE, "IntegrationId")["properties"]["service"]["examples"])

    def _rng(self, i: int, field: str) -> Rng:
        return Rng.at(_mix(_mix(self._base_mix ^ i) ^ _salt(field)))  # == Rng(self._base, i, _salt(field))

    def _draws(self, field: str, count: int) -> list[array[int]]:
        return _draws(self._base_mix, _salt(field), count, self.size)

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

    def archived_flags(self) -> bytearray:
        """``archived(i)`` of every customer, as 0/1 bytes."""
        salt, limit = self._archived_salt, _MASK // 10
        flags = bytearray(self.size)
        for i in range(self.size):
            x = ((salt ^ i) + _GOLDEN) & _MASK
            x = ((x ^ (x >> 30)) * _M1) & _MASK
            x = ((x ^ (x >> 27)) * _M2) & _MASK
            if x ^ (x >> 31) < limit:
                flags[i] = 1
        return flags

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

    def alias_column(self) -> list[tuple[str, ...]]:
        """``aliases(i)`` of every customer."""
        return [(f"{_slug(name)}-{i}", f"cus_{i:07d}") for i, name in enumerate(self._legal_names())]

    def _legal_names(self) -> list[str]:
        return self._legal_name_column

    @cached_property
    def _legal_name_column(self) -> list[str]:
        """Kept once made (8 bytes per customer: the strings are shared): several columns derive from it."""
        first, second, suffix = self._draws("name", 3)
        names = [[[f"{a} {b} {c}" for c in COMPANY_SUFFIX] for b in COMPANY_SECOND] for a in COMPANY_FIRST]
        nf, ns, nx = len(COMPANY_FIRST), len(COMPANY_SECOND), len(COMPANY_SUFFIX)
        return [names[a % nf][b % ns][c % nx] for a, b, c in zip(first, second, suffix, strict=True)]

    def _domains(self) -> list[str]:
        return [f"{_slug(name)}-{i}.example.com" for i, name in enumerate(self._legal_names())]

    def _emails(self) -> list[str]:
        (local,) = self._draws("email", 1)
        locals_ = ("billing", "accounts", "finance", "ap")
        return [f"{locals_[d % 4]}@{domain}" for d, domain in zip(local, self._domains(), strict=True)]

    def _labels(self) -> list[str | None]:
        chance, choice = self._draws("label", 2)
        limit = 0.8 * _MASK
        return [LABELS[c % len(LABELS)] if d < limit else None for d, c in zip(chance, choice, strict=True)]

    def _custom(self, key: str) -> list[str | None]:
        absent, region, has_tier, tier = self._draws("custom", 4)
        limit, tier_limit = 0.15 * _MASK, 0.7 * _MASK
        if key == "region":
            return [None if a < limit else REGIONS[r % 4] for a, r in zip(absent, region, strict=True)]
        if key == "tier":
            pairs = zip(absent, has_tier, tier, strict=True)
            return [TIERS[t % 3] if a >= limit and h < tier_limit else None for a, h, t in pairs]
        return [None] * self.size

    def column(self, field: str) -> list[Any]:
        """``value(field, i)`` of every customer, computed in one pass where that is faster."""
        fast: Callable[[], list[Any]] | None = {
            "legalName": self._legal_names,
            "email": self._emails,
            "label": self._labels,
            "domain": self._domains,
            "url": lambda: [f"https://{domain}/" for domain in self._domains()],
            "taxStatus": lambda: [self.tax_statuses[d % len(self.tax_statuses)] for d in self._draws("tax", 1)[0]],
        }.get(field)  # type: ignore[assignment]  # (a dict of differently typed column makers)
        if fast is not None:
            return fast()
        if field.startswith("customProperties."):
            return self._custom(field.removeprefix("customProperties."))
        return [self.value(field, i) for i in range(self.size)]

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
        # Every field Sequence's own schema requires is always there (customers_mock.vendor): the
        # collections may be empty.
        customer: dict[str, Any] = {"id": self.id(i), "createdAt": self.created_at(i), "organizations": []}
        if i > 0 and rng.chance(0.1):
            owner = i - 1 - rng.below(min(i, 50))
            owner_member = {"id": self.id(owner), "name": self.legal_name(owner)}
            member = {"id": customer["id"], "name": self.legal_name(i)}
            customer["organizations"] = [{"id": uuid4(rng), "owner": owner_member, "members": [owner_member, member]}]
        customer["legalName"] = self.legal_name(i)
        customer["email"] = self.email(i)
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
        customer["integrationIds"] = integrations
        archived_at = self.archived_at(i)
        if archived_at is not None:
            customer["archivedAt"] = archived_at
        customer["taxStatus"] = self.tax_status(i)
        props = self.custom_properties(i)
        customer["customProperties"] = props if props is not None else {}
        return customer


class StraddleData:
    """Generated Straddle customers of one account."""

    natural_fields = frozenset({"created_at"})

    def __init__(self, seed: int, account: str, count: int) -> None:
        self.size = count
        self._base = _mix(seed) ^ _salt("straddle:" + account)
        self._base_mix = _mix(self._base)
        self.statuses = spec.enum(spec.STRADDLE, "CustomerStatus")
        self.types = spec.enum(spec.STRADDLE, "CustomerType")

    def _rng(self, i: int, field: str) -> Rng:
        return Rng.at(_mix(_mix(self._base_mix ^ i) ^ _salt(field)))  # == Rng(self._base, i, _salt(field))

    def _draws(self, field: str, count: int, only: bytes | None = None) -> list[array[int]]:
        return _draws(self._base_mix, _salt(field), count, self.size, only)

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

    def _individual(self) -> bytes:
        """1 where customer ``i`` is an individual, 0 where a business."""
        (draw,) = self._draws("type", 1)
        n = len(self.types)
        individual = [t == "individual" for t in self.types]
        return bytes(individual[d % n] for d in draw)

    def _names(self) -> tuple[bytes, list[str], list[tuple[str, str] | None]]:
        return self._name_columns

    @cached_property
    def _name_columns(self) -> tuple[bytes, list[str], list[tuple[str, str] | None]]:
        """Who is an individual, every name, and the (first, last) name of each individual.

        Kept once made (17 bytes per customer: the strings are shared): emails derive from it.
        """
        individual = self._individual()
        business = bytes(1 - b for b in individual)
        first, last = self._draws("name", 2, individual)
        a, b, c = self._draws("business", 3, business)
        nf, nl = len(FIRST_NAMES), len(LAST_NAMES)
        people = [[(f, la) for la in LAST_NAMES] for f in FIRST_NAMES]
        person_names = [[f"{f} {la}" for la in LAST_NAMES] for f in FIRST_NAMES]
        companies = [[[f"{x} {y} {z}" for z in COMPANY_SUFFIX] for y in COMPANY_SECOND] for x in COMPANY_FIRST]
        n1, n2, n3 = len(COMPANY_FIRST), len(COMPANY_SECOND), len(COMPANY_SUFFIX)
        names: list[str] = []
        persons: list[tuple[str, str] | None] = []
        for i, is_person in enumerate(individual):
            if is_person:
                names.append(person_names[first[i] % nf][last[i] % nl])
                persons.append(people[first[i] % nf][last[i] % nl])
            else:
                names.append(companies[a[i] % n1][b[i] % n2][c[i] % n3])
                persons.append(None)
        return individual, names, persons

    def _emails(self) -> list[str]:
        _, names, persons = self._names()
        locals_: dict[tuple[str, str], str] = {}
        emails = []
        for i, (name, person) in enumerate(zip(names, persons, strict=True)):
            if person is None:
                emails.append(f"ops+{i}@{_slug(name)}.example.com")
                continue
            local = locals_.get(person)
            if local is None:
                local = locals_[person] = _ascii(f"{person[0]}.{person[1]}").lower().replace(" ", "").replace("'", "")
            emails.append(f"{local}.{i}@example.com")
        return emails

    def _phones(self) -> list[str]:
        prefix, lead, rest = self._draws("phone", 3)
        n = len(PHONE_PREFIXES)
        return [
            f"{PHONE_PREFIXES[p % n]}{2 + d % 8}{r % 10**9:09d}" for p, d, r in zip(prefix, lead, rest, strict=True)
        ]

    def _external_ids(self) -> list[str | None]:
        (draw,) = self._draws("external", 1)
        limit = 0.7 * _MASK
        return [f"ext_{i:08d}" if d < limit else None for i, d in enumerate(draw)]

    def id_order_keys(self) -> list[int]:
        """Per customer, an integer whose order is the order of its id text (the UUID's value)."""
        high, low = self._draws("id", 2)
        version, variant = ~(0xF << 12) & _MASK, ~(0x3 << 62) & _MASK
        return [((h & version | 0x4 << 12) << 64) | (lo & variant | 0x2 << 62) for h, lo in zip(high, low, strict=True)]

    def column(self, field: str) -> list[Any]:
        """``value(field, i)`` of every customer, computed in one pass where that is faster."""
        if field == "name":
            return self._names()[1]
        if field == "type":
            types, n = self.types, len(self.types)
            return [types[d % n] for d in self._draws("type", 1)[0]]
        if field == "status":
            statuses, n = self.statuses, len(self.statuses)
            return [statuses[d % n] for d in self._draws("status", 1)[0]]
        fast: Callable[[], list[Any]] | None = {
            "email": self._emails,
            "phone": self._phones,
            "external_id": self._external_ids,
        }.get(field)  # type: ignore[assignment]  # (a dict of differently typed column makers)
        if fast is not None:
            return fast()
        return [self.value(field, i) for i in range(self.size)]

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
