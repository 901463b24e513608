"""Credentials: HTTP Basic for Sequence, Bearer API keys for Straddle (see ``accounts``)."""

from __future__ import annotations

import base64
import binascii
from functools import lru_cache

from customers_mock import accounts
from customers_mock.accounts import SequenceKey, StraddleKey

# Authorization is a singleton field (RFC 9110 11.6.2): two of them make a malformed request - a 400,
# not a 401 (no credential was judged), as HTTP gateways in front of APIs refuse it. The mock used the first.
TWO_AUTHORIZATIONS = "Invalid request: more than one Authorization header."


def _credentials(authorization: str | None, scheme: str) -> str | None:
    """The credentials part of an ``Authorization`` header of ``scheme`` (case-insensitive)."""
    if not authorization:
        return None
    given_scheme, _, credentials = authorization.strip().partition(" ")
    if given_scheme.lower() != scheme.lower():
        return None
    return credentials.strip() or None


# Clients send the same Authorization header on every request: remember the last few answers.
_CACHED = 64
_CACHED_LENGTH = 512  # longer headers are looked up every time (bounds the caches' memory)


def sequence_key(authorization: str | None) -> SequenceKey | None:
    """What the Basic ``clientId:clientSecret`` may see, or None for missing or unknown credentials."""
    if authorization is not None and len(authorization) <= _CACHED_LENGTH:
        return _sequence_key_cached(authorization)
    return _sequence_key(authorization)


def straddle_key(authorization: str | None) -> StraddleKey | None:
    """What the Bearer API key may see, or None for a missing or unknown key."""
    if authorization is not None and len(authorization) <= _CACHED_LENGTH:
        return _straddle_key_cached(authorization)
    return _straddle_key(authorization)


def _sequence_key(authorization: str | None) -> SequenceKey | None:
    encoded = _credentials(authorization, "Basic")
    if encoded is None:
        return None
    try:
        decoded = base64.b64decode(encoded, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    client_id, sep, secret = decoded.partition(":")
    return accounts.SEQUENCE_KEYS.get((client_id, secret)) if sep else None


def _straddle_key(authorization: str | None) -> StraddleKey | None:
    key = _credentials(authorization, "Bearer")
    return accounts.STRADDLE_KEYS.get(key) if key is not None else None


_sequence_key_cached = lru_cache(maxsize=_CACHED)(_sequence_key)
_straddle_key_cached = lru_cache(maxsize=_CACHED)(_straddle_key)
