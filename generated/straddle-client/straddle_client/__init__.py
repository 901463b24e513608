"""A client library for accessing Straddle Customers API"""

from .client import AuthenticatedClient, Client

# The spec's info.version in PEP 440 spelling, as in this distribution's pyproject.toml.
__version__ = "1.1"

__all__ = (
    "AuthenticatedClient",
    "Client",
    "__version__",
)
