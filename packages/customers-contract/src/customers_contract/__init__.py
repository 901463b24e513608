"""Contract tests for the Sequence and Straddle "List customers" APIs, as the `customers-contract` command."""

from importlib.metadata import version

__version__ = version("customers-contract")
