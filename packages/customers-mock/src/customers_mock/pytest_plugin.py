"""Pytest plugin (registered as ``pytest11`` entry point ``customers_mock``).

Fixture ``mock_server`` (session scope): the mock as a real subprocess on a free 127.0.0.1 port,
with the data set of the ini options ``customers_mock_customers`` (default 200) and
``customers_mock_seed`` (default 1). It yields a ``customers_mock.testing.MockServer`` (base URL,
demo credentials, log, and the operator's calls: ``requests()``, ``load_data()``, ``reset()``,
``add_fault()``). When a test using it fails, the server's log is added to the report.

Fixture ``fresh_mock_server`` (function scope): the same server, reset to its start-up state
(data, faults, journal) before the test - a few milliseconds instead of a new process - so what one
test loads, breaks or records never reaches the next. Under pytest-xdist each worker process has
its own session and so its own server (own port, own log file, own state).
For other data or faults at start, use ``customers_mock.testing.start_mock_server`` in your own fixture.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator

import pytest

from customers_mock.testing import MockServer, start_mock_server

_LOG_TAIL = 200  # lines of the server log shown with a failure
_FIXTURES = ("mock_server", "fresh_mock_server")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("customers_mock_customers", "customers per account in the mock_server fixture", default="200")
    parser.addini("customers_mock_seed", "seed of the mock_server fixture's generated data", default="1")


@pytest.fixture(scope="session")
def mock_server(pytestconfig: pytest.Config) -> Iterator[MockServer]:
    """The mock server, running as a real process on 127.0.0.1 for the whole session (per xdist worker)."""
    customers = int(str(pytestconfig.getini("customers_mock_customers")))
    seed = int(str(pytestconfig.getini("customers_mock_seed")))
    with start_mock_server(customers=customers, seed=seed) as server:
        yield server


@pytest.fixture
def fresh_mock_server(mock_server: MockServer) -> MockServer:
    """The session's mock server, reset to its start-up data, faults and (empty) journal for this test."""
    mock_server.reset()
    return mock_server


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, object, object]:
    report = yield
    funcargs = getattr(item, "funcargs", {})
    server = next((funcargs[name] for name in _FIXTURES if name in funcargs), None)
    if isinstance(report, pytest.TestReport) and report.failed and isinstance(server, MockServer):
        tail = "\n".join(server.log().splitlines()[-_LOG_TAIL:])
        report.sections.append(("customers_mock server log", tail))
    return report
