"""Commands that fill and describe the library: ingest, analyze, reanalyze, stats."""

from __future__ import annotations

import json
import sqlite3
import sys
from contextlib import contextmanager
from collections.abc import Iterator

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from briefing.cli.common import OutputConsole, db_option, debug_option, fail, open_library, report_exception, settings

stderr = Console(stderr=True, highlight=False)


@contextmanager
def progress_bar(label: str) -> Iterator:
    """A progress bar on stderr (articles, words/s, ETA); silent when stderr is not a terminal."""
    from briefing.ingest import Progress as Step

    columns = [TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[wps]:>7} words/s"), TimeRemainingColumn()]
    with Progress(*columns, console=stderr, transient=True, disable=not stderr.is_terminal) as bar:
        task = bar.add_task(label, total=None, wps="-")

        def update(step: Step) -> None:
            elapsed = bar.tasks[0].elapsed or 0
            wps = f"{step.words / elapsed:,.0f}" if elapsed > 0.5 else "-"
            bar.update(task, completed=step.done, total=step.total, wps=wps)

        yield update


def print_report(report, verb: str = "ingest") -> None:
    for failure in report.failures:
        click.echo(f"briefing: {failure.path}: {failure.reason}", err=True)
    if getattr(report, "stopped", None):
        click.echo(f"briefing: {report.stopped}; stopped early, what was stored stays", err=True)
    click.echo(f"{verb}: {report.summary()} ({report.words:,} words)")


@click.command("ingest")
@click.argument("inputs", nargs=-1, metavar="PATH_OR_URL...")
@click.option("--analyzed", "analyzed", metavar="FILE.jsonl",
              help="Store contract objects from `briefing analyze --json` instead (no spaCy).")
@click.option("--model", default=None, help="spaCy model name or path (default: setting, else en_core_web_sm).")
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Processes for spaCy.")
@click.option("--no-fetch", is_flag=True, help="Never fetch the pages that feed entries link to.")
@db_option
@debug_option
def ingest_cmd(inputs: tuple[str, ...], analyzed: str | None, model: str | None, jobs: int, no_fetch: bool,
               db: str | None, debug: bool) -> None:
    """Add articles: files, folders, `-` for stdin, saved HTML pages, RSS/Atom feeds and URLs.

    Already-known content is left as it is; a changed file at the same path replaces its article.
    Exits 1 if any input failed; the rest of the batch is still stored.
    """
    from briefing.analysis import ModelError
    from briefing.ingest import ingest, ingest_analyzed

    if not inputs and not analyzed:
        fail("nothing to ingest: name files, folders, URLs, `-`, or --analyzed FILE.jsonl", 2)
    config = settings()
    library = open_library(db)
    try:
        with progress_bar("ingest") as update:
            if analyzed:
                report = ingest_analyzed(library, analyzed, on_progress=update)
            if inputs:
                more = ingest(library, list(inputs), model=model or config.model, jobs=jobs,
                              max_bytes=config.max_article_bytes, max_chars=config.max_article_chars,
                              fetch=not no_fetch, on_progress=update)
                report = _merge(report, more) if analyzed else more
    except ModelError as exc:
        fail(str(exc))
    except FileNotFoundError as exc:
        fail(f"{exc.filename}: no such file")
    except sqlite3.OperationalError as exc:
        report_exception(exc, debug)
    finally:
        library.close()
    print_report(report)
    sys.exit(1 if report.failures or report.stopped else 0)


def _merge(first, second):
    for name in ("added", "unchanged", "replaced", "words"):
        setattr(first, name, getattr(first, name) + getattr(second, name))
    first.failures.extend(second.failures)
    return first


@click.command("analyze")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines: one contract object per article.")
@click.option("--model", default=None, help="spaCy model name or path.")
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(1, 64))
@debug_option
def analyze_cmd(paths: tuple[str, ...], as_json: bool, model: str | None, jobs: int, debug: bool) -> None:
    """Analyse articles without touching the library (the JSON contract with --json)."""
    from briefing.analysis import ModelError, analyze
    from briefing.ingest import allow_length, too_long
    from briefing.sources import Failure, read_inputs

    config = settings()
    failures: list[Failure] = []

    def articles():
        for item in read_inputs(paths, max_bytes=config.max_article_bytes, fetch=False):
            if not isinstance(item, Failure):
                item = too_long(item, config.max_article_chars) or item
            if isinstance(item, Failure):
                failures.append(item)
                click.echo(f"briefing: {item.path}: {item.reason}", err=True)
            else:
                yield item

    try:
        allow_length(model or config.model, config.max_article_chars)
        for analysis in analyze(articles(), model=model or config.model, jobs=jobs):
            if as_json:
                click.echo(json.dumps(analysis.to_json(), ensure_ascii=False))
            else:
                _print_summary(analysis)
    except ModelError as exc:
        fail(str(exc))
    sys.exit(1 if failures else 0)


def _print_summary(analysis) -> None:
    from rich.text import Text

    out = OutputConsole(highlight=False)
    out.print(Text(analysis.article.title or "(untitled)", style="bold"))
    details = " · ".join(v for v in (analysis.article.date or "undated", analysis.article.source) if v)
    out.print(Text(f"  {details}", style="dim"))
    for kind in ("person", "place", "organization", "group"):
        names = [e.name for e in analysis.entities if e.kind == kind]
        if names:
            out.print(Text(f"  {kind}: " + ", ".join(names)))
    for quote in analysis.quotes:  # reported speech is not the speaker's words: never in quote marks
        words = " ".join(quote.text.split())
        said = f"(reported) {words}" if quote.kind == "indirect" else f"“{words}”"
        out.print(Text(f"  {said} — {quote.speaker or 'unattributed'}"))
    for g in analysis.engagements:
        out.print(Text(f"  {g.status}: {g.what} {g.date or ''}"))


@click.command("reanalyze")
@click.option("--model", default=None, help="spaCy model name or path.")
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(1, 64))
@db_option
@debug_option
def reanalyze_cmd(model: str | None, jobs: int, db: str | None, debug: bool) -> None:
    """Re-run analysis over every stored article (after an upgrade); bookmarks are kept."""
    from briefing.analysis import ModelError
    from briefing.ingest import reanalyze

    config = settings()
    library = open_library(db)
    try:
        with progress_bar("reanalyze") as update:
            report = reanalyze(library, model=model or config.model, jobs=jobs, on_progress=update)
    except ModelError as exc:
        fail(str(exc))
    finally:
        library.close()
    click.echo(f"reanalyze: {report.replaced} articles ({report.words:,} words)")


@click.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as a JSON object.")
@db_option
def stats_cmd(as_json: bool, db: str | None) -> None:
    """Counts of articles, words, people, places, quotes, engagements and bookmarks."""
    library = open_library(db, create=False)
    try:
        counts = library.stats()
    finally:
        library.close()
    if as_json:
        click.echo(json.dumps(counts))
        return
    width = max(len(k) for k in counts)
    for name, value in counts.items():
        click.echo(f"{name:<{width}}  {value:>10,}")
