"""Pytest plugin (registered as ``pytest11`` entry point ``customers_mock``).

Fixture ``mock_server`` (session scope): the mock as a real subprocess on a free 127.0.0.1 port,
with the data set of the ini options ``customers_mock_customers`` (default 200) and
``customers_mock_seed`` (default 1). It yields a ``customers_mock.testing.MockServer`` (base URL,
demo credentials, log). When a test using it fails, the server's log is added to the report.
For other data or faults, use ``customers_mock.testing.start_mock_server`` in your own fixture.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator

import pytest

from customers_mock.testing import MockServer, start_mock_server

_LOG_TAIL = 200  # lines of the server log shown with a failure


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("customers_mock_customers", "customers per account in the mock_server fixture", default="200")
    parser.addini("customers_mock_seed", "seed of the mock_server fixture's generated data", default="1")


@pytest.fixture(scope="session")
def mock_server(pytestconfig: pytest.Config) -> Iterator[MockServer]:
    """The mock server, running as a real process on 127.0.0.1 for the whole session."""
    customers = int(str(pytestconfig.getini("customers_mock_customers")))
    seed = int(str(pytestconfig.getini("customers_mock_seed")))
    with start_mock_server(customers=customers, seed=seed) as server:
        yield server


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, object, object]:
    report = yield
    server = getattr(item, "funcargs", {}).get("mock_server")
    if isinstance(report, pytest.TestReport) and report.failed and isinstance(server, MockServer):
        tail = "\n".join(server.log().splitlines()[-_LOG_TAIL:])
        report.sections.append(("customers_mock server log", tail))
    return report
