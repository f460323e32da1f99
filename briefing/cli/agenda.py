"""`briefing agenda`: the engagements of the whole library by date, or as an iCalendar file."""

from __future__ import annotations

import json
from datetime import date as Date

import click

from briefing.cli.bookmarks import inherited, write_output
from briefing.cli.common import db_option, open_library
from briefing.store.agenda import SECTIONS, AgendaItem, agenda, group_by_day



def agenda_options(func):
    func = click.option("--as-of-article", "as_of_article", is_flag=True,
                        help="Judge upcoming/past against each article's date (for reading old news).")(func)
    func = click.option("--upcoming", is_flag=True, help="Only engagements still to come.")(func)
    return func


@click.group("agenda", invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print the engagements as a JSON array.")
@agenda_options
@db_option
@click.pass_context
def agenda_cmd(ctx: click.Context, as_json: bool, upcoming: bool, as_of_article: bool, db: str | None) -> None:
    """Engagements across the library grouped by date, upcoming first (relative to today).

    An engagement the text gives no date for is filed under its article's date and keeps the
    status it had as of that article: it is listed after the dated ones, under "Upcoming as of
    their article (no date given)" or "Past as of their article (no date given)".
    """
    if ctx.invoked_subcommand is not None:
        return
    items = _load(db, upcoming, as_of_article)
    if as_json:
        click.echo(json.dumps([i.to_dict() for i in items], ensure_ascii=False, indent=2))
        return
    if not items:
        click.echo("no upcoming engagements" if upcoming else "no engagements in the library")
        return
    section = None
    for group in group_by_day(items):
        if group.section != section:
            section = group.section
            click.echo(SECTIONS.get(section, section))
        click.echo(f"  {group.label}")
        for item in group.items:
            click.echo(_describe(item))


@agenda_cmd.command("export")
@click.option("--format", "fmt", type=click.Choice(["ics"]), default="ics", show_default=True,
              help="ics: an iCalendar file any calendar opens.")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of standard output.")
@agenda_options
@db_option
@click.pass_context
def export_cmd(ctx: click.Context, fmt: str, output: str | None, upcoming: bool, as_of_article: bool,
               db: str | None) -> None:
    """Export dated engagements as calendar events (one VEVENT each; undated ones are left out)."""
    from briefing.export import agenda_ics

    upcoming, as_of_article, db = (inherited(ctx, name, value) for name, value in
                                   (("upcoming", upcoming), ("as_of_article", as_of_article), ("db", db)))

    data, written, skipped = agenda_ics(_load(db, upcoming, as_of_article))
    note = f"agenda: {_count(written, 'event')}" + (
        f", {_count(skipped, 'engagement')} without a day left out" if skipped else "")
    if output:
        write_output(output, data)
        click.echo(f"{note}, written to {output}", err=True)
    else:
        click.echo(data, nl=False)  # bytes go to the binary stream as they are
        click.echo(note, err=True)


def _load(db: str | None, upcoming: bool, as_of_article: bool) -> list[AgendaItem]:
    library = open_library(db, create=False)
    try:
        return agenda(library, today=Date.today(), relative_to_article=as_of_article, upcoming_only=upcoming)
    finally:
        library.close()


def _describe(item: AgendaItem) -> str:
    where = f" — {item.where}" if item.where else ""
    when = f" ({item.when_text})" if item.when_text else ""
    return f"    {item.summary}{where}{when}\n      in: {item.article_title} ({item.article_date or 'undated'})"


def _count(n: int, noun: str) -> str:
    """"1 event", "2 events"."""
    return f"{n} {noun}{'' if n == 1 else 's'}"
