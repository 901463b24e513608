"""A client library for accessing Sequence Customers API"""

from .client import AuthenticatedClient, Client

# This distribution's version (semantic: the major rises with every change the change report calls breaking).
__version__ = "2025.0.0"
# The version of the spec it was generated from (its info.version) and the vendor API version that spec describes.
__spec_version__ = "2024-07-30.2"
__api_version__ = "2024-07-30"

__all__ = (
    "AuthenticatedClient",
    "Client",
    "__api_version__",
    "__spec_version__",
    "__version__",
)
