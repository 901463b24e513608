"""The vendor contract cases of customers-contract (`customers_contract.vendor_cases`) against the mock.

The module's tests and fixtures are collected here; outside a live run its ``target`` fixture is
the mock (`mock_server`), so the cases that need the mock's own knowledge run too.
"""

from customers_contract.vendor_cases import *  # noqa: F403 - pytest collects the imported tests and fixtures
