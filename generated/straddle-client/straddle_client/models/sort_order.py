from enum import StrEnum
from typing import Any


class SortOrder(StrEnum):
    ASC = "asc"
    DESC = "desc"

    @classmethod
    def _missing_(cls, value: object) -> Any:
        """Keep a value this client does not know yet, instead of raising ValueError.

        The result is a pseudo-member: ``str(member)`` and ``member.value`` are the raw value,
        ``member.is_unknown`` is True, and ``to_dict()`` sends it back unchanged.
        """
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = "UNKNOWN"
        member._value_ = value
        return member

    @property
    def is_unknown(self) -> bool:
        """True for a value the spec did not list when this client was generated."""
        return self._name_ == "UNKNOWN"

    def __str__(self) -> str:
        return str(self.value)
