"""Demo accounts and their credentials (printed at start and listed in the README).

Each account sees only its own customers. Straddle also has a platform key, which may act on
either account by naming it in the ``Straddle-Account-Id`` header. Sequence also has a restricted
key: valid credentials of account acme without the customers permission, answered 403.
"""

from __future__ import annotations

from dataclasses import dataclass

ACME = "acme"
GLOBEX = "globex"
ACCOUNTS = (ACME, GLOBEX)

# Sequence: HTTP Basic clientId / clientSecret per account.
SEQUENCE_CLIENT_ID = "seq_demo_client"
SEQUENCE_CLIENT_SECRET = "seq_demo_secret"  # noqa: S105 - a published demo credential
SEQUENCE_OTHER_CLIENT_ID = "seq_other_client"
SEQUENCE_OTHER_CLIENT_SECRET = "seq_other_secret"  # noqa: S105 - a published demo credential
# A key without the customers permission: it authenticates (account acme) but listing customers is 403.
SEQUENCE_RESTRICTED_CLIENT_ID = "seq_restricted_client"
SEQUENCE_RESTRICTED_CLIENT_SECRET = "seq_restricted_secret"  # noqa: S105 - a published demo credential

# Straddle: one API key per account, plus a platform key that may act on both.
STRADDLE_API_KEY = "sk_test_demo"
STRADDLE_OTHER_API_KEY = "sk_test_other"
STRADDLE_PLATFORM_KEY = "sk_test_platform"
STRADDLE_ACCOUNT_ID = "6f1d8c2a-0c8e-4b5e-9f0a-3c2b1a0d9e8f"
STRADDLE_OTHER_ACCOUNT_ID = "9b7e3f10-5d2c-4a8b-8e6f-1a2b3c4d5e6f"

# The Sequence credentials that may list customers, and their accounts.
SEQUENCE_CREDENTIALS: dict[tuple[str, str], str] = {
    (SEQUENCE_CLIENT_ID, SEQUENCE_CLIENT_SECRET): ACME,
    (SEQUENCE_OTHER_CLIENT_ID, SEQUENCE_OTHER_CLIENT_SECRET): GLOBEX,
}
STRADDLE_ACCOUNT_IDS: dict[str, str] = {STRADDLE_ACCOUNT_ID: ACME, STRADDLE_OTHER_ACCOUNT_ID: GLOBEX}


@dataclass(frozen=True)
class SequenceKey:
    """A Sequence client id and secret: its account, and whether it may list customers."""

    account: str
    list_customers: bool = True


SEQUENCE_KEYS: dict[tuple[str, str], SequenceKey] = {
    **{credentials: SequenceKey(account) for credentials, account in SEQUENCE_CREDENTIALS.items()},
    (SEQUENCE_RESTRICTED_CLIENT_ID, SEQUENCE_RESTRICTED_CLIENT_SECRET): SequenceKey(ACME, list_customers=False),
}


@dataclass(frozen=True)
class StraddleKey:
    """What a Straddle API key may see: its own account, or (platform keys) any of ``accounts``."""

    account: str | None
    platform: bool = False


STRADDLE_KEYS: dict[str, StraddleKey] = {
    STRADDLE_API_KEY: StraddleKey(ACME),
    STRADDLE_OTHER_API_KEY: StraddleKey(GLOBEX),
    STRADDLE_PLATFORM_KEY: StraddleKey(None, platform=True),
}


def banner() -> str:
    """The credentials, as printed when the server starts."""
    return "\n".join(
        [
            "Demo credentials:",
            f"  Sequence (Basic)  account {ACME}:   {SEQUENCE_CLIENT_ID} / {SEQUENCE_CLIENT_SECRET}",
            f"                    account {GLOBEX}: {SEQUENCE_OTHER_CLIENT_ID} / {SEQUENCE_OTHER_CLIENT_SECRET}",
            f"                    restricted:     {SEQUENCE_RESTRICTED_CLIENT_ID} / {SEQUENCE_RESTRICTED_CLIENT_SECRET}"
            " (acme, no customers permission: 403)",
            f"  Straddle (Bearer) account {ACME}:   {STRADDLE_API_KEY}  (id {STRADDLE_ACCOUNT_ID})",
            f"                    account {GLOBEX}: {STRADDLE_OTHER_API_KEY} (id {STRADDLE_OTHER_ACCOUNT_ID})",
            f"                    platform key:   {STRADDLE_PLATFORM_KEY} + header Straddle-Account-Id: <id>",
        ]
    )
