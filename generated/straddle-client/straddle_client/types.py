"""Contains some shared types for properties"""

import datetime
import re
from collections.abc import Mapping, MutableMapping
from enum import Enum
from http import HTTPStatus
from typing import IO, Any, BinaryIO, Generic, Literal, TypeVar
from uuid import UUID, SafeUUID

from attrs import define


class Unset:
    def __bool__(self) -> Literal[False]:
        return False


UNSET: Unset = Unset()

# Decoding a page spends most of its time here (one UUID and a few enums per object), so these two skip
# the general-purpose work of uuid.UUID() and EnumType.__call__ on the common path and defer to them
# for everything else, which keeps their exact results and exceptions.
_new_object = object.__new__
_set_uuid_int = UUID.__dict__["int"].__set__
_set_uuid_is_safe = UUID.__dict__["is_safe"].__set__
_UUID_UNKNOWN_SAFETY = SafeUUID.unknown


def parse_uuid(value: Any) -> UUID:
    """``uuid.UUID(value)``: the same UUID, or the same exception, in about half the time.

    ``uuid.UUID`` strips "urn:", "uuid:", braces and hyphens, then needs 32 characters for ``int(hex, 16)``. A
    string that is 32 characters once its hyphens are gone and that ``int(hex, 16)`` accepts has none of the
    others (``int`` would reject their ``:`` and braces), so ``uuid.UUID`` would compute this very number from it.
    Anything else goes to ``uuid.UUID`` itself.
    """
    if type(value) is str:
        hex_digits = value.replace("-", "")
        if len(hex_digits) == 32:
            try:
                number = int(hex_digits, 16)
            except ValueError:
                return UUID(value)
            uuid = _new_object(UUID)
            # uuid.UUID is immutable: its own __init__ sets these two slots the same way.
            _set_uuid_int(uuid, number)
            _set_uuid_is_safe(uuid, _UUID_UNKNOWN_SAFETY)
            return uuid
    return UUID(value)


# The bound method, looked up once: `datetime.datetime.fromisoformat(x)` in a model costs three lookups per call.
_fromisoformat = datetime.datetime.fromisoformat
# hh:mm:60 - a leap second, with its fraction if any.
_LEAP_SECOND = re.compile(r"(?<=T\d\d:\d\d:)60(?:[.,]\d+)?")


def parse_datetime(value: str) -> datetime.datetime:
    """An RFC 3339 date-time: ``datetime.datetime.fromisoformat(value)``, plus two forms RFC 3339 allows that it refuses.

    RFC 3339 allows a lower-case ``t`` and ``z`` and a leap second (``23:59:60Z``); ``fromisoformat`` refuses both,
    which would lose a whole page over one timestamp. A leap second becomes the last microsecond of its minute
    (``23:59:59.999999``, a ``datetime`` has no second 60). Anything else is ``fromisoformat``'s result or error.
    """
    try:
        return _fromisoformat(value)
    except ValueError:
        normalized = _LEAP_SECOND.sub("59.999999", value.upper(), count=1)
        if normalized == value:
            raise
    return _fromisoformat(normalized)


def parse_status(code: int) -> HTTPStatus | int:
    """``HTTPStatus(code)``, or ``code`` itself for a status Python does not name (a proxy's 520, nginx's 499)."""
    try:
        return HTTPStatus(code)
    except ValueError:
        return code


E = TypeVar("E", bound=Enum)
# Each enum's own value-to-member map, held here because any attribute read on an enum class is slow
# (EnumType defines __getattr__); the map never changes once the class exists.
_value_maps: dict[type[Enum], dict[Any, Enum]] = {}


def parse_enum(enum: type[E], value: Any) -> E:
    """``enum(value)``: the same member (or ``_missing_``'s pseudo-member, or exception), faster for known values.

    A known value is looked up in the enum's value-to-member map, the first thing ``Enum.__new__`` does too;
    anything else (an unknown or unhashable value) goes to ``enum(value)``.
    """
    try:
        return _value_maps[enum][value]  # type: ignore[return-value]
    except KeyError:
        if enum not in _value_maps:  # the first value of this enum: remember its map, then look again
            _value_maps[enum] = enum._value2member_map_
            return parse_enum(enum, value)
        return enum(value)
    except TypeError:  # an unhashable value: the enum reports it
        return enum(value)


# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus | int  # int: a status Python does not name (see parse_status)
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


__all__ = ["UNSET", "File", "FileTypes", "RequestFiles", "Response", "Unset"]
