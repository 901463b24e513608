"""Client defaults (the vendor SDK's) and how a client finds its base URL and credentials."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

import httpx

from ._errors import ConfigurationError

#: 60 s for the whole request, 5 s to connect - the vendor SDK's default. The read value (60) bounds each
#: attempt as a whole - connect, headers and the whole body - not only each read (see ``_limits``).
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)
#: The largest response body (decoded bytes) a client reads: 16 MiB, sixteen times a full page of
#: 1,000 Straddle customers. A larger body is refused with ``ResponseTooLargeError`` as it streams in.
DEFAULT_MAX_RESPONSE_SIZE = 16 * 1024 * 1024
#: Retries after the first attempt - the vendor SDK's default.
DEFAULT_MAX_RETRIES = 2


def as_timeout(timeout: float | httpx.Timeout | None) -> httpx.Timeout:
    """An ``httpx.Timeout`` from seconds, a Timeout, or None (wait forever)."""
    return timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)


def resolve_base_url(
    *,
    base_url: str | None,
    environment: str | None,
    environments: Mapping[str, str],
    default_environment: str,
    base_url_env: str,
) -> str:
    """The base URL: ``base_url``, else the named environment, else ``$<base_url_env>``, else the default."""
    if base_url is not None and environment is not None:
        raise ConfigurationError("Give either base_url or environment, not both.")
    if base_url is not None:
        return usable_base_url(base_url)
    if environment is not None:
        if environment not in environments:
            known = ", ".join(sorted(environments))
            raise ConfigurationError(f"Unknown environment {environment!r}; known environments: {known}.")
        return environments[environment]
    return usable_base_url(os.environ.get(base_url_env) or environments[default_environment])


_HOST = re.compile(r"[A-Za-z0-9._:-]+")  # a DNS name (IDNA-encoded by httpx), IPv4 or IPv6 address


def usable_base_url(base_url: str) -> str:
    """``base_url`` if httpx can send requests to it, else a ``ConfigurationError``.

    The message never repeats the URL: it may carry a secret (``https://user:key@host``).
    """
    try:
        url = httpx.URL(base_url)
    except httpx.InvalidURL:
        raise ConfigurationError("base_url is not a valid URL.") from None
    if url.scheme not in ("http", "https") or not _HOST.fullmatch(url.raw_host.decode("ascii", "replace")):
        raise ConfigurationError("base_url must be an absolute http:// or https:// URL with a valid host.")
    return base_url


def credential(value: str | None, *, env: str, option: str) -> str:
    """``value``, else the environment variable ``env``; a clear error (never the value) when both are missing."""
    found = value if value is not None else os.environ.get(env)
    if not found:
        raise ConfigurationError(
            f"The {option} client option must be set, either by passing {option}= to the client"
            f" or by setting the {env} environment variable."
        )
    return found
