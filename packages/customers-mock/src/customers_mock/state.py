"""The mock's whole state: every account's customers for both APIs, its faults and its request journal.

Tests change it at run time (``PUT /_mock/data``, ``POST /_mock/faults``) and put it back as it was at
start (``POST /_mock/reset``) without starting another process: the start-up collections are kept,
and a reset puts back each one that was replaced or changed (a fresh collection over the same
generated source or loaded records: nothing is generated or parsed again).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from customers_mock import accounts, datafile, spec
from customers_mock.datafile import Progress
from customers_mock.dataset import SequenceData, StraddleData
from customers_mock.faults import FaultState, parse
from customers_mock.journal import Journal
from customers_mock.settings import MockSettings
from customers_mock.store import Collection, Need, Records

SEQUENCE_DATES = frozenset({"createdAt", "archivedAt"})
STRADDLE_DATES = frozenset({"created_at", "updated_at"})
# A platform key acting on no account: it owns no customers itself.
PLATFORM = "platform"
# What --prebuild builds in the background: the sorts and filters beyond the default listing.
_STATUS_TYPE = ("status", "type")
PREBUILD_SEQUENCE: tuple[Need, ...] = (
    ("index", "legalName", False),
    *(("lookup", field) for field in ("legalName", "email", "alias", "label")),
)
PREBUILD_STRADDLE: tuple[Need, ...] = (
    ("index", "name", True),
    ("partition", "created_at", True, _STATUS_TYPE),
    ("partition", "name", True, _STATUS_TYPE),
    ("lookup", "email"),
    ("lookup", "external_id"),
)


def sequence_collection(base: SequenceData | Records | None = None) -> Collection:
    return Collection(base, id_field="id", date_fields=SEQUENCE_DATES)


def straddle_collection(base: StraddleData | Records | None = None) -> Collection:
    return Collection(base, id_field="id", date_fields=STRADDLE_DATES, set_fields=_STATUS_TYPE)


@dataclass
class MockState:
    """Customers per API and account, the settings they came from, the fault controls and the journal."""

    settings: MockSettings
    sequence: dict[str, Collection] = field(default_factory=dict)
    straddle: dict[str, Collection] = field(default_factory=dict)
    faults: FaultState = field(default_factory=FaultState)
    journal: Journal = field(default_factory=Journal)
    # (api, account) -> the collection it had at start, and its size then.
    startup: dict[tuple[str, str], tuple[Collection, int]] = field(default_factory=dict)

    def collections(self, api: str) -> dict[str, Collection]:
        return self.sequence if api == spec.SEQUENCE else self.straddle

    def replace(self, loaded: datafile.Loaded) -> None:
        """Serve ``loaded`` (validated by ``datafile``) instead of the data of each account it names."""
        for api, per_account in loaded.items():
            make = sequence_collection if api == spec.SEQUENCE else straddle_collection
            for account, records in per_account.items():
                collection = make(Records([c for c, _ in records], [a for _, a in records]))
                _warm(api, collection)
                self.collections(api)[account] = collection

    def reset(self) -> None:
        """Back to start-up: the start-up data, the start-up faults with fresh counters, an empty journal."""
        for (api, account), (collection, size) in self.startup.items():
            if len(collection) != size:  # customers were added to it: a fresh one over the same source
                collection = Collection.like(collection)
                _warm(api, collection)
                self.startup[api, account] = (collection, len(collection))
            self.collections(api)[account] = collection  # with every index it built meanwhile
        self.faults.clear()
        self.faults.faults.extend(parse(text) for text in self.settings.faults)
        self.journal.clear()

    @classmethod
    def build(cls, settings: MockSettings, progress: Progress | None = None) -> MockState:
        """Generate (or load) every account's customers and warm the default sort indexes.

        With ``settings.prebuild``, the other common indexes start building in the background.

        Raises ``datafile.DataFileError`` (nothing loaded) for a data file that does not validate,
        and ``faults.FaultSpecError`` for an invalid fault spec.
        """
        state = cls(settings, faults=FaultState.from_specs(settings.faults), journal=Journal(settings.journal_size))
        if settings.data_file is not None:
            loaded = datafile.load(settings.data_file, progress)
            for account in accounts.ACCOUNTS:
                seq = loaded[spec.SEQUENCE].get(account, [])
                state.sequence[account] = sequence_collection(Records([c for c, _ in seq], [a for _, a in seq]))
                strad = loaded[spec.STRADDLE].get(account, [])
                state.straddle[account] = straddle_collection(Records([c for c, _ in strad]))
        else:
            for account in accounts.ACCOUNTS:
                state.sequence[account] = sequence_collection(SequenceData(settings.seed, account, settings.customers))
                state.straddle[account] = straddle_collection(StraddleData(settings.seed, account, settings.customers))
        state.straddle[PLATFORM] = straddle_collection()
        for api in (spec.SEQUENCE, spec.STRADDLE):
            for account, collection in state.collections(api).items():
                _warm(api, collection)
                state.startup[api, account] = (collection, len(collection))
        if settings.prebuild:
            for collection in state.sequence.values():
                collection.prebuild(PREBUILD_SEQUENCE)
            for account in accounts.ACCOUNTS:
                state.straddle[account].prebuild(PREBUILD_STRADDLE)
        return state


def _warm(api: str, collection: Collection) -> None:
    """Build the index of the default listing (the first request should not wait for it)."""
    if api == spec.SEQUENCE:
        collection.index("createdAt", include_archived=False)
    else:
        collection.index("created_at")
