"""A mock server that behaves like the Sequence and Straddle "List customers" APIs."""

from importlib.metadata import version

__version__ = version("customers-mock")
