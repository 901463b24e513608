"""Options derived from the generated operation (in process): names, types, choices, help - and new parameters."""

from __future__ import annotations

import dataclasses
import datetime
import enum
import inspect
from typing import Any

import click
import pytest
from click.testing import CliRunner
from sequence_client.types import UNSET, Unset

from customers_cli import build
from customers_cli._apis import APIS, SEQUENCE, Api
from customers_cli._main import list_command
from customers_cli._spec_options import DEST_PREFIX, docstring_args, given, operation_params


def _spec_options(command: click.Command) -> dict[str, click.Option]:
    return {
        p.name.removeprefix(DEST_PREFIX): p
        for p in command.params
        if isinstance(p, click.Option) and p.name and p.name.startswith(DEST_PREFIX)
    }


@pytest.mark.parametrize("api", APIS, ids=lambda api: api.name)
def test_every_parameter_of_the_operation_is_an_option(api: Api) -> None:
    """Each keyword of the generated sync_detailed (but client) is an option; enums are choices, lists repeat."""
    options = _spec_options(list_command(api))
    signature = inspect.signature(api.operation)
    assert list(options) == [name for name in signature.parameters if name != "client"]
    for param in operation_params(api.operation):
        option = options[param.name]
        assert option.multiple == param.multiple
        if issubclass(param.base, enum.Enum):
            assert isinstance(option.type, click.Choice)
            assert list(option.type.choices) == [m.value for m in param.base]


def test_parameters_keep_their_kinds() -> None:
    """Straddle: statuses repeat as choices, dates are date-times, booleans are --x/--no-x (Sequence)."""
    straddle = _spec_options(list_command(APIS[1]))
    assert straddle["status"].multiple
    assert isinstance(straddle["status"].type, click.Choice)
    assert straddle["created_from"].type.name == "datetime"
    assert straddle["page_size"].type is click.INT
    sequence = _spec_options(list_command(SEQUENCE))
    assert sequence["include_archived"].opts == ["--include-archived"]
    assert sequence["include_archived"].secondary_opts == ["--no-include-archived"]


class RiskLevel(enum.Enum):
    """An enum the spec might add."""

    LOW = "low"
    HIGH = "high"

    def __str__(self) -> str:
        return str(self.value)


def synthetic_operation(
    *,
    client: Any,
    legal_name: str | Unset = UNSET,
    risk_level: RiskLevel | Unset = UNSET,
    regions: list[RiskLevel] | Unset = UNSET,
    active_since: datetime.datetime | Unset = UNSET,
    vip: bool | Unset = False,
    format: str | Unset = UNSET,  # a spec parameter named like one of the command's own options
) -> None:
    """List customers

     Written as openapi-python-client writes it.

    Args:
        legal_name (str | Unset):
        risk_level (RiskLevel | Unset): Only customers with this risk level. Added in a newer version of
            the API, described over two lines.
        regions (list[RiskLevel] | Unset): Any of these.
        active_since (datetime.datetime | Unset): Active at or after this time.
        vip (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code.

    Returns:
        None
    """


def test_a_new_spec_parameter_appears_in_help_with_its_description() -> None:
    """A parameter added to the operation is an option after regeneration: choices and help from the docstring."""
    api = dataclasses.replace(SEQUENCE, operation=synthetic_operation)
    result = CliRunner().invoke(list_command(api), ["--help"], terminal_width=200)
    assert result.exit_code == 0
    help_text = " ".join(result.output.split())
    assert (
        "--risk-level [low|high] Only customers with this risk level. Added in a newer version of the API, "
        "described over two lines." in help_text
    )
    assert "--regions [low|high] Any of these. Repeatable." in help_text
    assert "--active-since DATETIME Active at or after this time." in help_text
    assert "--vip / --no-vip Default: False." in help_text
    assert "--legal-name TEXT" in help_text
    assert "--param-format TEXT" in help_text  # renamed: --format is the command's own


def test_given_options_become_sdk_keywords_of_the_generated_types() -> None:
    """Only options given are passed, enum values as the generated enum, date-times in UTC when naive."""
    params = operation_params(synthetic_operation)
    values = {  # as click hands them to the list command
        DEST_PREFIX + "risk_level": "high",
        DEST_PREFIX + "regions": ("low", "high"),
        DEST_PREFIX + "vip": None,
        DEST_PREFIX + "legal_name": None,
        DEST_PREFIX + "active_since": datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
    }
    assert given(params, values) == {
        "risk_level": RiskLevel.HIGH,
        "regions": [RiskLevel.LOW, RiskLevel.HIGH],
        "active_since": datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
    }


def test_dates_without_offset_are_utc() -> None:
    """--active-since 2024-01-31 is midnight UTC; a bad value is a usage error naming the format."""
    options = _spec_options(list_command(dataclasses.replace(SEQUENCE, operation=synthetic_operation)))
    parse = options["active_since"].type
    assert parse.convert("2024-01-31", None, None) == datetime.datetime(2024, 1, 31, tzinfo=datetime.UTC)
    offset = parse.convert("2024-01-31T10:00:00+02:00", None, None)
    assert offset == datetime.datetime(2024, 1, 31, 8, tzinfo=datetime.UTC)
    with pytest.raises(click.BadParameter, match="ISO 8601"):
        parse.convert("last tuesday", None, None)


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        (None, {}),
        ("Summary only.", {}),
        (
            "List\n\n    Args:\n        a (int):\n        b: Untyped, Google style.\n",
            {"a": "", "b": "Untyped, Google style."},
        ),
        (
            "List\n\n    Args:\n        a (list[X] | Unset): First line\n            second line.\n\n"
            "            After a blank line.\n        b (str):  Default: 'x'.\n\n    Returns:\n        c (int): no\n",
            {"a": "First line second line. After a blank line.", "b": "Default: 'x'."},
        ),
        (
            "List\n\n    Args:\n        weird (dict[str, tuple[int, int]]): Nested (brackets): fine.\n",
            {"weird": "Nested (brackets): fine."},
        ),
    ],
)
def test_docstring_args_are_read_robustly(doc: str | None, expected: dict[str, str]) -> None:
    """Google-style Args lines, with or without a type, over several lines, up to the next section."""
    assert docstring_args(doc) == expected


def test_help_groups_own_options_apart_from_api_parameters() -> None:
    """`customers straddle list --help` lists the command's options, then the API's parameters with a note."""
    result = CliRunner().invoke(build(), ["straddle", "list", "--help"], terminal_width=200)
    assert result.exit_code == 0
    own, _, spec = result.output.partition("API parameters (from the spec; only those given are sent):")
    for option in ("--all", "--format [table|json|jsonl|csv]", "--api-key-file FILE", "--mock", "--base-url URL"):
        assert option in own
    assert "--status [inactive|pending|rejected|review|verified]" in spec
    assert "--straddle-account-id" in spec
    assert "Exit codes: 0 ok" in result.output
