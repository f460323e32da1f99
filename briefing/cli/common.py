"""What every command shares: the --db and --debug options, opening the library, failing politely."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from typing import Any, NoReturn

import click
from click.core import ParameterSource
from rich.console import Console

from briefing.config import ConfigError, Settings, db_path, load_settings
from briefing.store import Library, LibraryError

F = Callable[..., Any]


def db_option(func: F) -> F:
    return click.option(
        "--db", "db", metavar="PATH", envvar="BRIEFING_DB", default=None, callback=_given_db,
        help="Library file (default: $BRIEFING_DB, else the platform data folder).",
    )(func)


def _given_db(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """The --db of this command, else the nearest one given before it (`briefing --db X ingest F`).

    A --db typed on the command line wins over $BRIEFING_DB wherever it stands on the line, so
    an ingest never writes into the library the environment names when the user named another.
    """
    if ctx.get_parameter_source("db") is ParameterSource.COMMANDLINE:
        return value
    outer = ctx.parent
    while outer is not None:
        if outer.get_parameter_source("db") is ParameterSource.COMMANDLINE:
            return outer.params["db"]
        outer = outer.parent
    return value


def debug_option(func: F) -> F:
    return click.option("--debug", is_flag=True, hidden=False, expose_value=True,
                        help="Show the full traceback of an error.")(func)


def fail(message: str, code: int = 1) -> NoReturn:
    """Stop with a one-line message on stderr (after the traceback of the error at hand with --debug)."""
    if "--debug" in sys.argv and sys.exc_info()[0] is not None:
        traceback.print_exc()
    click.echo(f"briefing: {message}", err=True)
    sys.exit(code)


def open_library(db: str | None, *, readonly: bool = False, create: bool = True) -> Library:
    try:
        return Library(db_path(db), readonly=readonly, create=create)
    except LibraryError as exc:
        fail(str(exc))


def settings() -> Settings:
    try:
        return load_settings()
    except ConfigError as exc:
        fail(str(exc))


def report_exception(exc: BaseException, debug: bool) -> NoReturn:
    if debug or "--debug" in sys.argv:
        traceback.print_exc()
    fail(f"error: {exc}")


def quiet_stdout() -> None:
    """Point stdout at /dev/null, so nothing more is written (or flushed at exit) to a closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


class OutputConsole(Console):
    """Rich output for listings: a reader that stops early (`| head`) is no failure, so exit 0."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        quiet_stdout()
        raise SystemExit(0)
