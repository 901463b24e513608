"""The ``customers`` command: ``customers sequence list ...`` and ``customers straddle list ...``.

Built on the client layer, so a listing has its pagination, retries, timeouts, typed errors and
credential handling. The ``list`` options are of two kinds: the command's own (output, credentials,
where to connect) and the API's parameters, derived from the generated operation (``_spec_options``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from customers_sdk import APIError

from . import _exits as exits
from ._apis import APIS, Api, Credential
from ._columns import Flattener, columns_of
from ._notices import IGNORED_HEADER, NoticingTransport, hush_sdk_warnings
from ._progress import progress_bar
from ._safe import printable
from ._spec_options import DEST_PREFIX, SpecParam, click_option, given, operation_params
from ._writers import FORMATS, make_writer

CONTEXT: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 110}


class CliError(Exception):
    """A failure the command reports as one line with its own exit code (not an API error)."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def _err(message: str) -> None:
    """One line on stderr, prefixed with the command's name; a server's text in it cannot drive the terminal."""
    click.echo("customers: " + printable(" ".join(message.split())), err=True)


class ListCommand(click.Command):
    """``list``, whose help shows the command's own options apart from the API's parameters."""

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        own: list[tuple[str, str]] = []
        spec: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is not None:
                (spec if (param.name or "").startswith(DEST_PREFIX) else own).append(record)
        with formatter.section("Options"):
            formatter.write_dl(own)
        if spec:
            with formatter.section("API parameters (from the spec; only those given are sent)"):
                formatter.write_dl(spec)


def _own_options(api: Api) -> list[click.Option]:
    """The command's own options: output, credentials, where to connect."""
    options = [
        click.Option(["--all", "all_pages"], is_flag=True, help="Walk every page (default: the first page only)."),
        click.Option(
            ["--format", "fmt"],
            type=click.Choice(FORMATS),
            help="Output format. Default: table on a terminal, csv when piped.",
        ),
        click.Option(["--quiet", "-q"], is_flag=True, help="No progress bar or notes on stderr (errors still)."),
        click.Option(
            ["--mock"],
            is_flag=True,
            help="Start the embedded mock server (demo data, free local port) and list from it; no account needed.",
        ),
        click.Option(
            ["--environment"],
            type=click.Choice(sorted(api.environments)),
            help=f"Named environment (default: {api.default_environment}).",
        ),
        click.Option(
            ["--base-url"], metavar="URL", help=f"Server URL instead of an environment (${api.base_url_env})."
        ),
        click.Option(
            ["--timeout"],
            type=click.FloatRange(min=0, min_open=True),
            metavar="SECONDS",
            help="Bound on each request as a whole: connect, headers and body (default: 60, connect 5).",
        ),
        click.Option(
            ["--max-retries"],
            type=click.IntRange(min=0),
            metavar="N",
            help="Retries of a failed request: no answer, 408, 409, 429, 5xx (default: 2).",
        ),
    ]
    for credential in api.credentials:
        if credential.secret:
            options.append(
                click.Option(
                    [credential.option, credential.keyword],
                    type=click.Path(dir_okay=False, allow_dash=True),
                    metavar="FILE",
                    help=f"Read the {credential.keyword.replace('_', ' ')} from FILE, or from stdin with '-' "
                    f"(default: ${credential.env}; never taken from the command line).",
                )
            )
        else:
            options.append(
                click.Option(
                    [credential.option, credential.keyword],
                    metavar="TEXT",
                    help=f"The {credential.keyword.replace('_', ' ')} (default: ${credential.env}).",
                )
            )
    return options


def list_command(api: Api) -> click.Command:
    """``customers <api> list``: options from the generated operation, output in any format."""
    own = _own_options(api)
    taken = {name for option in own for name in (*option.opts, *option.secondary_opts)} | set(
        CONTEXT["help_option_names"]
    )
    spec = operation_params(api.operation)

    def callback(**values: Any) -> int:
        return _guarded(lambda: _list(api, spec, values))

    return ListCommand(
        "list",
        params=[*own, *(click_option(param, taken) for param in spec)],
        callback=callback,
        help=f"List {api.title} customers: one page, or every page with --all, in the chosen format.\n\n"
        f"Credentials come from the environment ({', '.join('$' + c.env for c in api.credentials)}) "
        f"or the options below.",
        epilog=exits.SUMMARY,
    )


def _version_text() -> str:
    """``customers 0.1.0 (customers-sdk 0.3.0, sequence-client ..., straddle-client ...)``."""
    from importlib.metadata import version

    parts = ", ".join(f"{name} {version(name)}" for name in ("customers-sdk", "sequence-client", "straddle-client"))
    return f"customers {version('customers-cli')} ({parts})"


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(_version_text())
        ctx.exit(exits.OK)


def build() -> click.Group:
    """The ``customers`` command group."""
    root = click.Group(
        "customers",
        context_settings=CONTEXT,
        help="List, filter and export customers from the Sequence and Straddle APIs.\n\n"
        "Try it without an account: customers straddle list --mock",
        epilog=exits.SUMMARY,
        params=[
            click.Option(
                ["--version"],
                is_flag=True,
                expose_value=False,
                is_eager=True,
                callback=_print_version,
                help="Show the versions of the command and the clients, then exit.",
            )
        ],
    )
    for api in APIS:
        group = click.Group(api.name, help=f"The {api.title} API.", context_settings=CONTEXT)
        group.add_command(list_command(api))
        root.add_command(group)
    return root


def _guarded(run: Callable[[], int]) -> int:
    """Run a listing; every failure becomes one line on stderr and an exit code, never a traceback."""
    try:
        return run()
    except BrokenPipeError:
        _silence_stdout()
        return exits.BROKEN_PIPE
    except KeyboardInterrupt:
        _flush_stdout()
        _err("interrupted")
        return exits.INTERRUPTED
    except APIError as error:
        _flush_stdout()
        _err("error: " + error.message)
        return exits.for_error(error)
    except CliError as error:
        _flush_stdout()
        _err("error: " + str(error))
        return error.code


def _flush_stdout() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    except (OSError, ValueError):
        pass


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's own flush at exit cannot raise BrokenPipeError."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _read_secret(credential: Credential, path: str) -> str:
    """A secret from a file, or from stdin with '-' (prompted without echo on a terminal)."""
    if path == "-":
        if sys.stdin.isatty():
            value = str(click.prompt(credential.keyword.replace("_", " "), hide_input=True, err=True))
        else:
            value = sys.stdin.readline()
    else:
        try:
            value = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            raise CliError(f"cannot read {credential.option} {path}: {reason}", exits.CONFIGURATION) from None
    value = value.strip()
    if not value:
        raise CliError(f"{credential.option} {path}: no {credential.keyword} in it", exits.CONFIGURATION)
    return value


def _credentials(api: Api, values: dict[str, Any]) -> dict[str, str | None]:
    """Client keywords for the credentials given as options; None leaves them to the environment variables."""
    found: dict[str, str | None] = {}
    missing = []
    for credential in api.credentials:
        given_value = values.get(credential.keyword)
        if given_value is not None and credential.secret:
            given_value = _read_secret(credential, given_value)
        if given_value is None and not os.environ.get(credential.env):
            missing.append(credential)
        found[credential.keyword] = given_value
    if missing:
        names = " and ".join(f"${c.env} (or {c.option})" for c in missing)
        raise CliError(f"no {api.title} credentials: set {names}, or try --mock", exits.CONFIGURATION)
    return found


@contextmanager
def _mock_server(chatty: bool) -> Iterator[Any]:
    """The embedded mock server on a free port (from the customers-mock distribution)."""
    try:
        from customers_mock.testing import start_mock_server  # only --mock needs it: optional
    except ImportError:
        raise CliError(
            "--mock needs the mock server, which is not installed: pip install customers-mock",
            exits.CONFIGURATION,
        ) from None
    try:
        server_context = start_mock_server()
        server = server_context.__enter__()
    except RuntimeError as exc:
        raise CliError(f"--mock: {str(exc).splitlines()[0]}", exits.CONFIGURATION) from None
    try:
        if chatty:
            _err(f"mock server with demo data on {server.base_url}")
        yield server
    finally:
        server_context.__exit__(None, None, None)


def _list(api: Api, spec: list[SpecParam], values: dict[str, Any]) -> int:
    """``customers <api> list``: connect, then write the first page or every page."""
    quiet = bool(values["quiet"])
    chatty = not quiet and sys.stderr.isatty()
    if values["mock"] and (values["base_url"] or values["environment"]):
        raise click.UsageError("--mock starts its own server: leave out --base-url and --environment")
    if values["base_url"] and values["environment"]:
        raise click.UsageError("give --base-url or --environment, not both")
    fmt = values["fmt"] or ("table" if sys.stdout.isatty() else "csv")
    params = given(spec, values)
    with ExitStack() as stack:
        if values["mock"]:
            server = stack.enter_context(_mock_server(chatty))
            options: dict[str, Any] = api.demo_credentials(server) | {"base_url": server.base_url}
        else:
            options = _credentials(api, values) | {"base_url": values["base_url"], "environment": values["environment"]}
        options |= {name: values[name] for name in ("timeout", "max_retries") if values[name] is not None}
        hush_sdk_warnings()
        notices = NoticingTransport(IGNORED_HEADER, quiet=quiet, say=lambda m: _err("note: " + m))
        client = stack.enter_context(api.client(**options, transport=notices))
        return _write(api, client.customers.list(**params), fmt, all_pages=values["all_pages"], quiet=quiet)


def _write(api: Api, first: Any, fmt: str, *, all_pages: bool, quiet: bool) -> int:
    """Write ``first`` (and with ``all_pages`` each page after it, fetched once the previous one is out)."""
    total = api.total(first)
    all_columns = columns_of(api.item_model)

    def flattener(key_columns_only: bool) -> Flattener:
        by_name = {column.name: column for column in all_columns}
        keys = [by_name[name] for name in api.key_columns if name in by_name]  # a key column the spec dropped: gone
        chosen = keys if key_columns_only else all_columns
        return Flattener(all_columns, chosen, warn=(lambda _: None) if quiet else (lambda m: _err("note: " + m)))

    with progress_bar(all_pages and not quiet and sys.stderr.isatty(), total, f"{api.title} customers") as bar:
        out = sys.stdout  # looked up here: rich replaces it while a bar shares the terminal

        def console() -> Console:
            return bar.console or Console(file=out, width=None if out.isatty() else 1000, highlight=False)

        writer = make_writer(fmt, out, console, flattener)
        try:
            for page in first.iter_pages() if all_pages else iter([first]):
                records = [item.to_dict() for item in page.items]
                writer.write_page(records)
                out.flush()  # this page is out before the next one is asked for
                bar.advance(len(records))
            writer.close()
        finally:
            out.flush()
    if not all_pages and not quiet and sys.stderr.isatty() and first.has_next_page():
        _err(f"{len(first.items):,} of {total:,} customers shown; --all lists every page")
    return exits.OK


# click 8.2 raises this for a group called without a command; older click prints the help itself.
_NO_ARGS_IS_HELP: type[click.UsageError] | None = getattr(click.exceptions, "NoArgsIsHelpError", None)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``customers`` console script."""
    try:
        result = build().main(args=argv, prog_name="customers", standalone_mode=False)
    except click.UsageError as error:  # one line, like every other failure
        if _NO_ARGS_IS_HELP is not None and isinstance(error, _NO_ARGS_IS_HELP):  # `customers` alone: the help
            click.echo(error.format_message(), err=True)
        else:
            where = f" (see {error.ctx.command_path} --help)" if error.ctx else ""
            _err(f"error: {error.format_message()}{where}")
        result = error.exit_code
    except click.ClickException as error:
        _err(f"error: {error.format_message()}")
        result = error.exit_code
    except click.exceptions.Abort:  # Ctrl-C at a prompt
        _err("interrupted")
        result = exits.INTERRUPTED
    except Exception as error:
        if os.environ.get("CUSTOMERS_DEBUG"):
            raise
        _err(f"internal error: {type(error).__name__}: {error} (CUSTOMERS_DEBUG=1 shows the traceback)")
        result = exits.INTERNAL
    _flush_stdout()
    sys.exit(result if isinstance(result, int) else exits.OK)
