"""Credentials: HTTP Basic for Sequence, Bearer API keys for Straddle (see ``accounts``)."""

from __future__ import annotations

import base64
import binascii

from customers_mock import accounts
from customers_mock.accounts import StraddleKey


def _credentials(authorization: str | None, scheme: str) -> str | None:
    """The credentials part of an ``Authorization`` header of ``scheme`` (case-insensitive)."""
    if not authorization:
        return None
    given_scheme, _, credentials = authorization.strip().partition(" ")
    if given_scheme.lower() != scheme.lower():
        return None
    return credentials.strip() or None


def sequence_account(authorization: str | None) -> str | None:
    """The account whose Basic ``clientId:clientSecret`` these are, or None."""
    encoded = _credentials(authorization, "Basic")
    if encoded is None:
        return None
    try:
        decoded = base64.b64decode(encoded, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    client_id, sep, secret = decoded.partition(":")
    return accounts.SEQUENCE_CREDENTIALS.get((client_id, secret)) if sep else None


def straddle_key(authorization: str | None) -> StraddleKey | None:
    """What the Bearer API key may see, or None for a missing or unknown key."""
    key = _credentials(authorization, "Bearer")
    return accounts.STRADDLE_KEYS.get(key) if key is not None else None
