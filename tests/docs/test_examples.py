"""Every Python block of README.md and docs/ runs as written against a live mock server.

The blocks address the mock at ``http://127.0.0.1:8080`` (what ``make mock`` binds); the test points them
at the session's ``mock_server`` instead. A block that defines ``test_*`` functions taking ``mock_server``
(or ``fresh_mock_server``: the same server, reset first) is a sample of a user's test: it is run, then
each such function is called with the fixture, as pytest would. Blocks marked ``py test="skip"`` need a
vendor account and are skipped, with that reason.
"""

from __future__ import annotations

import dataclasses
import inspect
from pathlib import Path

import pytest
from pytest_examples import CodeExample, EvalExample, find_examples

from customers_mock.testing import MockServer

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_MOCK_URL = "http://127.0.0.1:8080"
EXAMPLES = list(find_examples(ROOT / "README.md", ROOT / "docs"))


def test_the_documents_have_examples() -> None:
    """The search finds the README's blocks, so the parametrized test below cannot pass vacuously."""
    readme = [e for e in EXAMPLES if e.path.name == "README.md"]
    assert len(readme) >= 3


@pytest.mark.parametrize("example", EXAMPLES, ids=str)
def test_example_runs_against_the_mock(
    example: CodeExample, eval_example: EvalExample, mock_server: MockServer
) -> None:
    """The block runs without error (and its sample tests pass) against the live mock."""
    if example.prefix_settings().get("test") == "skip":
        pytest.skip('needs a vendor account (marked test="skip")')
    source = example.source.replace(DEFAULT_MOCK_URL, mock_server.base_url)
    namespace = eval_example.run(dataclasses.replace(example, source=source))

    for name, function in namespace.items():
        if name.startswith("test_") and inspect.isfunction(function):
            if "fresh_mock_server" in inspect.signature(function).parameters:
                mock_server.reset()  # what the fresh_mock_server fixture does
            function(mock_server)
