"""Exit codes of the ``customers`` command (documented in the README and in ``customers --help``)."""

from __future__ import annotations

from customers_sdk import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    ConfigurationError,
    RepeatedPageError,
)

OK = 0
INTERNAL = 1  # a bug of ours: one line on stderr (CUSTOMERS_DEBUG=1 shows the traceback)
USAGE = 2  # a bad option or value (click's own code)
CONFIGURATION = 3  # no credentials, unreadable secret file, --mock without customers-mock installed
CLIENT_ERROR = 4  # the API answered 4xx: bad parameter, credentials refused, not allowed
SERVER_ERROR = 5  # the API answered 5xx, after the retries
CONNECTION = 6  # no answer: refused, dropped or timed out, after the retries
BAD_RESPONSE = 7  # an answer the spec does not describe, too large, or a walk sent back to a page it had
INTERRUPTED = 130  # Ctrl-C (128 + SIGINT): what was written so far is flushed
BROKEN_PIPE = 141  # the reader went away (128 + SIGPIPE, as `cat` under `| head`)

SUMMARY = (
    "Exit codes: 0 ok, 2 usage, 3 configuration, 4 API answered 4xx, 5 API answered 5xx, "
    "6 no answer (connection/timeout), 7 answer not as in the spec, 130 interrupted, 1 internal error."
)


def for_error(error: APIError) -> int:
    """The exit code for an exception of the client layer."""
    if isinstance(error, APIStatusError):
        return SERVER_ERROR if error.status_code >= 500 else CLIENT_ERROR
    if isinstance(error, APIConnectionError):
        return CONNECTION
    if isinstance(error, APIResponseValidationError | RepeatedPageError):
        return BAD_RESPONSE
    if isinstance(error, ConfigurationError):
        return CONFIGURATION
    return INTERNAL
