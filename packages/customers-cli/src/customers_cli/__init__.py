"""The ``customers`` command line: list, filter and export customers from either API.

    customers straddle list --mock --status verified --types business --all --format csv > out.csv
    customers sequence list --all --limit 100 --format jsonl | head

Options of ``list`` are the API's parameters, derived from the generated operation (so a parameter
added to the spec is an option after ``make generate``), plus output, credential and connection
options. See the README's "Command line" section for formats, the flattening rule and exit codes.
"""

from importlib.metadata import version

from ._main import build, main

__version__ = version("customers-cli")

__all__ = ["__version__", "build", "main"]
