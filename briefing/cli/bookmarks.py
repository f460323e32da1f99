"""`briefing bookmarks`: list the bookmarked claims, or export them for a memo (md, json, csv)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from briefing.cli.common import db_option, fail, open_library
from briefing.model import Bookmark
from briefing.store.bookmarks import BookmarkFilter, list_bookmarks, quoted_text, to_dict


def filter_options(func):
    """--search/--tag/--speaker/--article, shared by the listing and the export."""
    func = click.option("--article", metavar="TITLE", help="Only bookmarks of articles whose title has this.")(func)
    func = click.option("--speaker", metavar="NAME", help="Only claims by this speaker (part of the name).")(func)
    func = click.option("--tag", "tags", multiple=True, metavar="TAG", help="Only bookmarks with this tag (repeatable).")(func)
    func = click.option("--search", "words", multiple=True, metavar="WORD",
                        help="Only bookmarks whose claim, note, title or speaker has this (repeatable).")(func)
    return func


@click.group("bookmarks", invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print the bookmarks as a JSON array.")
@filter_options
@db_option
@click.pass_context
def bookmarks_cmd(ctx: click.Context, as_json: bool, words: tuple[str, ...], tags: tuple[str, ...],
                  speaker: str | None, article: str | None, db: str | None) -> None:
    """List bookmarked claims, newest first (`b` in the reader bookmarks one).

    A bookmark follows its article re-ingested with changed text while the text still holds its
    claim; otherwise it is marked detached (article changed, or removed) and its text is kept.
    """
    if ctx.invoked_subcommand is not None:
        return
    found = _load(db, words, tags, speaker, article)
    if as_json:
        click.echo(json.dumps([to_dict(b) for b in found], ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo("no bookmarks" + (" match" if words or tags or speaker or article else " yet"))
        return
    for bookmark in found:
        click.echo(_describe(bookmark))


@bookmarks_cmd.command("export")
@click.option("--format", "fmt", type=click.Choice(["md", "json", "csv"]), required=True,
              help="md: ready to paste into a memo; json; csv (one row per bookmark).")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of standard output.")
@filter_options
@db_option
@click.pass_context
def export_cmd(ctx: click.Context, fmt: str, output: str | None, words: tuple[str, ...], tags: tuple[str, ...],
               speaker: str | None, article: str | None, db: str | None) -> None:
    """Export bookmarked claims as Markdown, JSON or CSV."""
    from briefing.export import export_bookmarks

    words, tags, speaker, article, db = (inherited(ctx, name, value) for name, value in
                                         (("words", words), ("tags", tags), ("speaker", speaker),
                                          ("article", article), ("db", db)))
    found = _load(db, words, tags, speaker, article)
    text = export_bookmarks(found, fmt)
    if output:
        write_output(output, text.encode("utf-8"))
        click.echo(f"bookmarks: wrote {len(found)} to {output}", err=True)
    else:
        click.echo(text, nl=False)


def inherited(ctx: click.Context, name: str, value):
    """An option of a subcommand, else the same option given to its group (`bookmarks --db X export`)."""
    if value or ctx.parent is None:
        return value
    return ctx.parent.params.get(name, value) or value


def write_output(output: str, data: bytes) -> None:
    """Write an export file whole, or stop with a one-line reason."""
    path = Path(output).expanduser()
    try:
        path.write_bytes(data)
    except OSError as exc:
        fail(f"{output}: cannot write: {exc.strerror or exc}")


def _load(db: str | None, words: tuple[str, ...], tags: tuple[str, ...], speaker: str | None,
          article: str | None) -> list[Bookmark]:
    library = open_library(db, create=False)
    try:
        return list_bookmarks(library, BookmarkFilter(list(words), list(tags), speaker, article))
    finally:
        library.close()


def _detached_mark(b: Bookmark) -> str:
    if not b.detached:
        return ""
    return "  [detached: article changed]" if b.article_changed else "  [detached: article removed]"


def _describe(b: Bookmark) -> str:
    claim = b.text if len(b.text) <= 300 else b.text[:299] + "…"
    head = f"#{b.id}  {b.date or 'undated'}  {b.title or 'untitled'}" + _detached_mark(b)
    lines = [head, f"  {quoted_text(b, claim)}"]
    if b.speaker:
        lines.append(f"  — {b.speaker}")
    if b.note:
        lines.append(f"  note: {b.note}")
    if b.tags:
        lines.append("  tags: " + ", ".join(b.tags))
    return "\n".join(lines) + "\n"
