"""`briefing remove`: take articles out of the library by path, id or as the bundled samples."""

from __future__ import annotations

import sys
from typing import Any

import click

from briefing.cli.common import db_option, debug_option, fail, open_library
from briefing.config import resource_dir
from briefing.store.removal import articles_at, articles_with_hashes, articles_with_ids, remove_articles


@click.command("remove")
@click.argument("paths", nargs=-1, metavar="[PATH_OR_URL]...")
@click.option("--id", "ids", type=int, multiple=True, metavar="N", help="An article's id (repeatable).")
@click.option("--samples", is_flag=True, help="The bundled sample articles the first run loaded.")
@click.option("--dry-run", is_flag=True, help="List what would be removed; change nothing.")
@db_option
@debug_option
def remove_cmd(paths: tuple[str, ...], ids: tuple[int, ...], samples: bool, dry_run: bool,
               db: str | None, debug: bool) -> None:
    """Remove articles: by the path ingest was given (a folder: every article stored under it),
    by --id, or --samples. Everything the analysis stored for them goes; their bookmarks stay,
    detached. There is no confirmation: use --dry-run to see what would go.

    Exits 1 when something named matched no article (the rest is still removed).
    """
    if not (paths or ids or samples):
        fail("nothing to remove: name paths or URLs, --id N, or --samples", 2)
    library = open_library(db, create=False)
    try:
        chosen: dict[int, dict[str, Any]] = {}
        missed: list[str] = []
        for given in paths:
            _choose(chosen, missed, articles_at(library, given), f"{given}: no article in the library was ingested from here")
        by_id = articles_with_ids(library, ids)
        found = {a["id"] for a in by_id}
        missed += [f"--id {n}: no article with this id" for n in dict.fromkeys(ids) if n not in found]
        _choose(chosen, missed, by_id, "")
        if samples:
            _choose(chosen, missed, sample_articles(library), "--samples: the sample articles are not in this library")
        removal = remove_articles(library, chosen, dry_run=dry_run)
    finally:
        library.close()
    for message in missed:
        click.echo(f"briefing: {message}", err=True)
    if not removal.articles:
        fail("nothing removed: no article matched")
    for article in removal.articles:
        click.echo(f"  #{article['id']}  {article['title'] or 'untitled'}  ({article['path'] or 'no path'})")
    count = len(removal.articles)
    noun = "article" if count == 1 else "articles"
    kept = (f"; {removal.bookmarks_detached} bookmark{'s' if removal.bookmarks_detached != 1 else ''}"
            " kept, detached" if removal.bookmarks_detached else "")
    click.echo(f"{'would remove' if dry_run else 'removed'} {count} {noun}{kept}")
    sys.exit(1 if missed else 0)


def sample_articles(library) -> list[dict[str, Any]]:
    """The bundled samples as stored: under the sample folder, or with the same content (a library
    whose samples were loaded by an install of briefing that lives elsewhere)."""
    from briefing.sources import read_path
    from briefing.model import Article

    folder = resource_dir("sample_articles")
    hashes = [a.content_hash for a in read_path(folder, max_bytes=5 << 20, fetch=False) if isinstance(a, Article)]
    by_id = {a["id"]: a for a in articles_at(library, str(folder))}
    by_id.update((a["id"], a) for a in articles_with_hashes(library, hashes))
    return list(by_id.values())


def _choose(chosen: dict[int, dict[str, Any]], missed: list[str], found: list[dict[str, Any]], message: str) -> None:
    if not found and message:
        missed.append(message)
    chosen.update((a["id"], a) for a in found)


__all__ = ["remove_cmd", "sample_articles"]
