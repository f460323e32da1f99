"""How fast the reader paints on a big library, against an empty Textual app in the same run.

Builds (or reuses, with --db) a library of 10,000 articles stored directly through Library.store
with synthetic analyses made from the sample articles' text (no spaCy), plus one article of
10,000 words. Then, with Pilot in this one process, it measures:

- baseline_paint_ms: an empty Textual app from start to its first paint;
- first_paint_ms: the reader on the big library, from start to its first paint (newest article shown);
- open_article_ms: opening the 10,000-word article and filling its panes, until painted (median).

Run: PYTHONPATH=. python bench/reader_speed.py [--articles 10000] [--db /tmp/bench.db]
The last line is `first_paint_ms=... open_article_ms=... baseline_paint_ms=...`.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from textual.app import App  # noqa: E402

from briefing.config import Settings, resource_dir  # noqa: E402
from briefing.model import Analysis, Article, Entity, Figure, Quote, Sentence, Span  # noqa: E402
from briefing.store import Library  # noqa: E402

NAME = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+\b")
PLACE = re.compile(r"\b(?:Ukraine|Russia|Kyiv|Washington|Moscow|Brazil|China|Japan|Canada|Iraq|Australia)\b")
NUMBER = re.compile(r"\b\d[\d,.]*\b")
QUOTE = re.compile(r"“([^”]{10,300})”")
SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


def synthetic_analysis(body: str, title: str, date: str, path: str) -> Analysis:
    """A plausible analysis from regular expressions: names, places, numbers, quotes, sentences."""
    entities: dict[tuple[str, str], Entity] = {}
    for kind, pattern in (("person", NAME), ("place", PLACE)):
        for match in pattern.finditer(body):
            key = (kind, match.group())
            entity = entities.get(key)
            if entity is None:
                entity = entities[key] = Entity(f"e{len(entities) + 1}", kind, match.group())
            entity.mentions.append(Span(match.start(), match.end()))
    sentences = [Sentence(m.start(), m.end()) for m in SENTENCE.finditer(body) if m.group().strip()]
    figures = [Figure(m.start(), m.end(), m.group()) for m in NUMBER.finditer(body)]
    people = [e for e in entities.values() if e.kind == "person"]
    quotes = [Quote(m.start(1), m.end(1), m.group(1), "direct", people[0].name if people else None,
                    people[0].id if people else None, "said") for m in QUOTE.finditer(body)]
    return Analysis(article=Article(title=title, body=body, date=date, source="Bench Wire", path=path),
                    sentences=sentences, entities=list(entities.values()), figures=figures, quotes=quotes)


def build(db: Path, count: int) -> int:
    """Fill the library; returns the id of the 10,000-word article."""
    texts = []
    for file in sorted(resource_dir("sample_articles").glob("*.txt")):
        raw = file.read_text(encoding="utf-8")
        texts.append(raw.split("\n\n", 1)[1] if "\n\n" in raw else raw)
    library = Library(db)
    try:
        have = library.count_articles()
        started = time.perf_counter()
        for number in range(have, count):
            body = texts[number % len(texts)] + f"\n(Bench copy {number}.)"
            day = f"{2000 + number % 25}-{1 + number % 12:02d}-{1 + number % 28:02d}"
            library.store(synthetic_analysis(body, f"Bench article {number}", day, f"bench/{number}.txt"))
        if count > have:
            print(f"stored {count - have} articles in {time.perf_counter() - started:.1f}s", file=sys.stderr)
        long_body = "\n".join(texts * 30)
        words = long_body.split()
        long_body = " ".join(words[:10_000])
        long_body = "\n".join(long_body[i:i + 2000] for i in range(0, len(long_body), 2000))
        result = library.store(synthetic_analysis(long_body, "Bench long read", "1999-01-01", "bench/long.txt"))
        return result.article_id
    finally:
        library.close()


async def first_paint(make_app) -> tuple[float, App]:
    started = time.perf_counter()
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        return (time.perf_counter() - started) * 1000, app


async def measure(db: Path, long_id: int, repeats: int) -> tuple[float, float, float]:
    from briefing.tui.app import BriefingApp

    class Empty(App):
        pass

    baseline = statistics.median([(await first_paint(Empty))[0] for _ in range(repeats)])
    paints = [(await first_paint(lambda: BriefingApp(db, settings=Settings(), save_theme=False)))[0]
              for _ in range(repeats)]
    opens = []
    app = BriefingApp(db, settings=Settings(), save_theme=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        newest = app.reader.current_article_id
        for _ in range(repeats):
            started = time.perf_counter()
            app.reader.open_article(long_id)
            await pilot.pause()
            opens.append((time.perf_counter() - started) * 1000)
            app.reader.open_article(newest)
            await pilot.pause()
        assert len(app.reader.panes.table("people").items) > 0
    return statistics.median(paints), statistics.median(opens), baseline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--db", type=Path, default=None, help="reuse or create this library file")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    db = args.db or Path(tempfile.mkdtemp(prefix="briefing-bench-")) / "bench.db"
    long_id = build(db, args.articles)
    with Library(db) as library:
        words = library.article(long_id).word_count
        print(f"library: {library.count_articles()} articles; long article: {words} words", file=sys.stderr)
    paint, open_ms, baseline = asyncio.run(measure(db, long_id, args.repeats))
    print(f"first_paint_ms={paint:.0f} open_article_ms={open_ms:.0f} baseline_paint_ms={baseline:.0f}")


if __name__ == "__main__":
    main()
