"""The mock's whole state: every account's customers for both APIs, and its faults."""

from __future__ import annotations

from dataclasses import dataclass, field

from customers_mock import accounts, datafile, spec
from customers_mock.datafile import Progress
from customers_mock.dataset import SequenceData, StraddleData
from customers_mock.faults import FaultState
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
    """Customers per API and account, the settings they came from, and the fault controls."""

    settings: MockSettings
    sequence: dict[str, Collection] = field(default_factory=dict)
    straddle: dict[str, Collection] = field(default_factory=dict)
    faults: FaultState = field(default_factory=FaultState)

    @classmethod
    def build(cls, settings: MockSettings, progress: Progress | None = None) -> MockState:
        """Generate (or load) every account's customers and warm the default sort indexes.

        With ``settings.prebuild``, the other common indexes start building in the background.

        Raises ``datafile.DataFileError`` (nothing loaded) for a data file that does not validate,
        and ``faults.FaultSpecError`` for an invalid fault spec.
        """
        state = cls(settings, faults=FaultState.from_specs(settings.faults))
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
        for collection in state.sequence.values():
            collection.index("createdAt", include_archived=False)
        for collection in state.straddle.values():
            collection.index("created_at")
        if settings.prebuild:
            for collection in state.sequence.values():
                collection.prebuild(PREBUILD_SEQUENCE)
            for account in accounts.ACCOUNTS:
                state.straddle[account].prebuild(PREBUILD_STRADDLE)
        return state
