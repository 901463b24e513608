"""Optional response validation (``--validate-responses``): a debugging aid, off the hot path."""

from __future__ import annotations

import logging
from typing import Any

from starlette.responses import Response

from customers_mock import errors, spec
from customers_mock.state import MockState

log = logging.getLogger("customers_mock")


def checked(state: MockState, api: str, response: Response, body: Any) -> Response:
    """``response`` as is, or (when validating and ``body`` breaks the spec) a 500 naming the problem."""
    if not state.settings.validate_responses:
        return response
    error = next(iter(spec.response_validator(api, response.status_code).iter_errors(body)), None)
    if error is None:
        return response
    path = "/".join(map(str, error.absolute_path))
    message = f"Response does not match the spec at /{path}: {error.message[:200]}"
    log.error(message)
    if api == spec.SEQUENCE:
        return errors.sequence_error(500, message)
    return errors.straddle_error(500, message)
