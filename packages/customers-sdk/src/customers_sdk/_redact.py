"""Keeping credentials out of what a client says: every exception's message and ``repr``.

A server may echo a credential back (an error body quoting the ``Authorization`` header it refused,
a cursor built from it). A client knows its own credentials, so it replaces each of them - raw and
as sent on the wire (Basic's base64, URL-quoted) - with ``[REDACTED]`` in every exception it raises.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from urllib.parse import quote

from ._errors import APIError

REDACTED = "[REDACTED]"


class Redactor:
    """Replaces a client's credentials in text; ``redacting()`` applies it to the exceptions of a block."""

    def __init__(self, secrets: Iterable[str]) -> None:
        forms: set[str] = set()
        for secret in secrets:
            if secret:
                forms |= {secret, quote(secret, safe="")}
        self._forms = sorted(forms, key=len, reverse=True)  # longest first: a secret inside another goes with it

    @classmethod
    def basic(cls, user: str, password: str) -> Redactor:
        """For HTTP Basic credentials: the password, and the base64 value sent in ``Authorization``.

        The user (Sequence's client id) is an identifier, not a secret, and stays readable.
        """
        encoded = base64.b64encode(f"{user}:{password}".encode()).decode()
        return cls([password, encoded])

    def text(self, text: str) -> str:
        """``text`` with every credential replaced."""
        for form in self._forms:
            if form in text:
                text = text.replace(form, REDACTED)
        return text

    def exception(self, exc: BaseException) -> None:
        """Redact ``exc``'s message and arguments, and those of the exceptions it was raised from."""
        seen: set[int] = set()
        current: BaseException | None = exc
        while current is not None and id(current) not in seen:
            seen.add(id(current))
            current.args = tuple(self.text(a) if isinstance(a, str) else a for a in current.args)
            if isinstance(current, APIError):
                current.message = self.text(current.message)
            current = current.__cause__ or current.__context__

    @contextmanager
    def redacting(self) -> Iterator[None]:
        """Run a block; any exception leaving it has the credentials redacted."""
        try:
            yield
        except BaseException as exc:
            self.exception(exc)
            raise


NOTHING = Redactor(())
