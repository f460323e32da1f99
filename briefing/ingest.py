"""Ingest as a service: sources -> analysis -> store, streaming, with progress callbacks.

The CLI and the reader's first run both call this; it never prints. A bad input becomes a
Failure in the report and the rest of the batch goes on.
"""

from __future__ import annotations

import json
import sqlite3
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from dataclasses import dataclass, field
from pathlib import Path

from briefing.analysis import analyze, load_model
from briefing.model import Analysis, Article
from briefing.sources import Failure, iter_files, read_inputs
from briefing.sources.clean import clean_text
from briefing.store import Library, LibraryError


@dataclass
class Progress:
    """One step of an ingest, for a progress display."""

    done: int
    total: int | None
    words: int
    outcome: str  # added / unchanged / replaced / failed
    label: str


@dataclass
class IngestReport:
    added: int = 0
    unchanged: int = 0
    replaced: int = 0
    words: int = 0
    failures: list[Failure] = field(default_factory=list)
    stopped: str | None = None  # why the batch stopped early (the library could not be written)

    @property
    def done(self) -> int:
        return self.added + self.unchanged + self.replaced + len(self.failures)

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def summary(self) -> str:
        return (f"added {self.added}, unchanged {self.unchanged}, replaced {self.replaced}, "
                f"failed {len(self.failures)}")


ProgressCallback = Callable[[Progress], None]

# Errors that concern one article's data; anything else (disk full, locked) stops the batch.
UNSTORABLE = (sqlite3.IntegrityError, sqlite3.InterfaceError, OverflowError, ValueError, TypeError)


def count_inputs(inputs: Iterable[str]) -> int | None:
    """How many files the inputs name (for a progress bar), or None when a URL or stdin makes it unknowable."""
    total = 0
    for item in inputs:
        if item == "-" or item.startswith(("http://", "https://")):
            return None
        path = Path(item)
        total += sum(1 for _ in iter_files(path)) if path.is_dir() else 1
    return total


def too_long(article: Article, max_chars: int) -> Failure | None:
    """Why an article is too long for spaCy to analyse (it would abort the batch), or None."""
    length = len(article.body)
    if length <= max_chars:
        return None
    return Failure(article.path or article.title,
                   f"too long to analyse: {length:,} characters of text, the limit is {max_chars:,} "
                   "(setting max_article_chars)")


def allow_length(model: str, max_chars: int) -> None:
    """Let the model take articles up to the max_article_chars setting (spaCy refuses over 1,000,000)."""
    nlp = load_model(model)
    nlp.max_length = max(nlp.max_length, max_chars)


def ingest(library: Library, inputs: list[str], *, model: str = "auto", jobs: int = 1,
           max_bytes: int = 5 * 1024 * 1024, max_chars: int = 1_000_000, fetch: bool = True,
           on_progress: ProgressCallback | None = None) -> IngestReport:
    """Read, analyse and store every article of the inputs; already-known content skips spaCy."""
    report = IngestReport()
    total = count_inputs(inputs)

    def step(outcome: str, label: str, words: int = 0) -> None:
        report.words += words
        if on_progress:
            on_progress(Progress(report.done, total, report.words, outcome, label))

    def fresh_articles() -> Iterator[Article]:
        for item in read_inputs(inputs, max_bytes=max_bytes, fetch=fetch):
            if not isinstance(item, Failure):
                item = too_long(item, max_chars) or item
            if isinstance(item, Failure):
                report.failures.append(item)
                step("failed", item.path)
            elif library.article_id_by_hash(item.content_hash) is not None:
                report.unchanged += 1
                step("unchanged", item.path or item.title)
            else:
                yield item

    fresh = fresh_articles()
    first = next(fresh, None)  # nothing new (a re-run, or only refusals): spaCy is never loaded
    if first is None:
        return report
    allow_length(model, max_chars)
    for analysis in analyze(chain([first], fresh), model=model, jobs=jobs):
        try:
            result = library.store(analysis)
        except LibraryError as exc:  # the library itself (disk full, read-only): stop, keep what is stored
            report.stopped = str(exc)
            return report
        except UNSTORABLE as exc:  # this article only: the rest of the batch goes on
            report.failures.append(Failure(analysis.article.path or analysis.article.title,
                                           f"cannot store: {exc}"))
            step("failed", analysis.article.path or "")
            continue
        report.count(result.outcome)
        step(result.outcome, analysis.article.path or analysis.article.title, analysis.article.word_count)
    if report.replaced:
        library.prune_entities()
    return report


def ingest_analyzed(library: Library, path: str, on_progress: ProgressCallback | None = None) -> IngestReport:
    """Store contract objects (JSON Lines from `analyze --json`) without running spaCy."""
    report = IngestReport()
    for number, line, result in _read_contract_lines(path):
        label = f"{path}:{number}"
        if isinstance(result, str):
            report.failures.append(Failure(label, result))
            outcome, words = "failed", 0
        else:
            try:
                stored = library.store(result)
            except LibraryError as exc:
                report.stopped = str(exc)
                return report
            except UNSTORABLE as exc:
                report.failures.append(Failure(label, f"cannot store: {exc}"))
                outcome, words = "failed", 0
            else:
                report.count(stored.outcome)
                outcome, words = stored.outcome, result.article.word_count
        report.words += words
        if on_progress:
            on_progress(Progress(report.done, None, report.words, outcome, label))
    return report


def _read_contract_lines(path: str) -> Iterator[tuple[int, str, Analysis | str]]:
    handle = open(path, encoding="utf-8", errors="strict") if path != "-" else None
    import sys

    stream = handle or sys.stdin
    try:
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            yield number, line, _parse_contract(line)
    except UnicodeDecodeError as exc:
        yield 0, "", f"not UTF-8 text: {exc.reason}"
    finally:
        if handle:
            handle.close()


def _parse_contract(line: str) -> Analysis | str:
    try:
        analysis = Analysis.from_json(json.loads(line))
    except json.JSONDecodeError as exc:
        return f"not JSON: {exc.msg} at column {exc.colno}"
    except ValueError as exc:
        return str(exc)
    return validate(analysis) or analysis


def validate(analysis: Analysis) -> str | None:
    """Why a contract object from elsewhere cannot be stored as it is, or None when it can."""
    text = analysis.text
    if not text.strip():
        return "empty text"
    if clean_text(text) != text:
        return "text holds control characters or escape sequences (produce it with `briefing analyze`)"
    spans = [*analysis.sentences, *analysis.figures, *analysis.dates, *analysis.quotes, *analysis.engagements,
             *(m for e in analysis.entities for m in e.mentions)]
    for span in spans:
        if not (0 <= span.start <= span.end <= len(text)):
            return f"offsets {span.start}-{span.end} fall outside the text ({len(text)} characters)"
    return None


def reanalyze(library: Library, *, model: str = "auto", jobs: int = 1,
              on_progress: ProgressCallback | None = None) -> IngestReport:
    """Re-run analysis over every stored article; article rows and bookmarks stay as they are."""
    report = IngestReport()
    ids: deque[int] = deque()
    total = library.count_articles()

    def articles() -> Iterator[Article]:
        for article_id in library.article_ids():
            ids.append(article_id)
            yield library.article(article_id)

    if total:  # every stored article was accepted once: the model must take the longest of them
        allow_length(model, library.longest_body())
    for analysis in analyze(articles(), model=model, jobs=jobs):
        library.replace_analysis(ids.popleft(), analysis)
        report.replaced += 1
        report.words += analysis.article.word_count
        if on_progress:
            on_progress(Progress(report.done, total, report.words, "replaced", analysis.article.title))
    library.prune_entities()
    return report
