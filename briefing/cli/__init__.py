"""The `briefing` command: a thin click layer over the ingest service, the store and the reader.

Every command takes `--db PATH` after its name or before it (`briefing --db PATH stats`); errors people can act on are one line on stderr
with a non-zero exit status (`--debug` shows the traceback instead).
"""

from __future__ import annotations

import sqlite3
import sys
import traceback

import click

from briefing.cli.common import db_option, debug_option, fail, open_library, quiet_stdout
from briefing.cli.library import analyze_cmd, ingest_cmd, reanalyze_cmd, stats_cmd
from briefing.cli.search import search_cmd
from briefing.cli.bookmarks import bookmarks_cmd
from briefing.cli.agenda import agenda_cmd
from briefing.cli.remove import remove_cmd
from briefing.config import ConfigError
from briefing.store import LibraryError


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@db_option
@debug_option
@click.version_option(package_name="briefing", prog_name="briefing")
@click.pass_context
def cli(ctx: click.Context, db: str | None, debug: bool) -> None:
    """A terminal reader for news briefings.

    Run with no command to open the reader on your library (an empty library first loads the
    bundled sample briefing). The library is --db PATH, else $BRIEFING_DB, else the platform
    data folder.
    """
    if ctx.invoked_subcommand is None:
        from briefing.cli.reader import open_reader

        open_reader(db)


cli.add_command(ingest_cmd)
cli.add_command(analyze_cmd)
cli.add_command(reanalyze_cmd)
cli.add_command(stats_cmd)
cli.add_command(search_cmd)
cli.add_command(bookmarks_cmd)
cli.add_command(agenda_cmd)
cli.add_command(remove_cmd)


def main() -> None:
    """Console entry point: run the CLI, turning expected failures into one-line messages."""
    args = _debug_first(sys.argv[1:])
    debug = args[:1] == ["--debug"]
    try:
        cli.main(args=args, standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("briefing: interrupted", err=True)
        sys.exit(130)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("briefing: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:  # the reader of our output stopped early (`| head`): not a failure
        quiet_stdout()
        sys.exit(0)
    except Exception as exc:  # the last line of defence: a message, not a traceback
        if debug:
            traceback.print_exc()
        else:
            click.echo(f"briefing: error: {_describe(exc)} (run with --debug for details)", err=True)
        sys.exit(1)


def _debug_first(args: list[str]) -> list[str]:
    """`--debug` anywhere before `--` (`briefing search kyiv --debug`) as the group's own option."""
    end = args.index("--") if "--" in args else len(args)
    if "--debug" not in args[:end]:
        return args
    return ["--debug", *(a for a in args[:end] if a != "--debug"), *args[end:]]


def _describe(exc: Exception) -> str:
    if isinstance(exc, (ConfigError, LibraryError)):  # already written for people
        return str(exc)
    if type(exc) is sqlite3.DatabaseError:  # found mid-read: a damaged page, a broken index (not "locked")
        return f"the library file is damaged ({exc}); restore it from a backup"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


__all__ = ["cli", "main", "db_option", "fail", "open_library"]
