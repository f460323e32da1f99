"""What listing bookmarks and building the agenda cost on a big library (no spaCy: synthetic analyses).

Builds a library of N articles with three engagements each (dated, month-only, undated) and M
bookmarks with tags and notes, then times the reads the reader and the CLI make: the bookmarks
list (all, by tag, by words, one article's marks), the agenda (against today and as of each
article), its grouping, and the exports. Best of R rounds, wall time.

    python bench/bookmarks_agenda.py [--articles N] [--bookmarks M] [--rounds R]

Last line: `list_ms=… tag_ms=… words_ms=… marks_ms=… agenda_ms=… ics_ms=… md_ms=…`.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

from briefing.export import agenda_ics, bookmarks_csv, bookmarks_markdown  # noqa: E402
from briefing.model import Analysis, Article, Engagement, Entity, Sentence, Span  # noqa: E402
from briefing.store import Library  # noqa: E402
from briefing.store.agenda import agenda, group_by_day  # noqa: E402
from briefing.store.bookmarks import BookmarkFilter, add_bookmark, bookmarks_for_article, list_bookmarks  # noqa: E402

PLACES = ["Oslo", "Lima", "Nairobi", "Hanoi", "Quito", "Riga", "Accra", "Doha"]
SENTENCE = "Minister {n} will meet envoys in {place} on {day} to discuss the {n}th proposal."


def article(n: int, rng: random.Random) -> Analysis:
    day = date(2020, 1, 1) + timedelta(days=rng.randrange(3000))
    sentences, parts, pos = [], [], 0
    for i in range(12):
        text = SENTENCE.format(n=n * 100 + i, place=PLACES[(n + i) % len(PLACES)], day=day.isoformat())
        parts.append(text)
        sentences.append(Sentence(pos, pos + len(text)))
        pos += len(text) + 1
    body = " ".join(parts)
    place = PLACES[n % len(PLACES)]
    at = body.index(place)
    entities = [Entity("e1", "place", place, [], None, [Span(at, at + len(place))])]
    engagements = [
        Engagement(sentences[0].start, sentences[0].end, [], "meet envoys", "e1", None, (day + timedelta(days=5)).isoformat(), "upcoming"),
        Engagement(sentences[1].start, sentences[1].end, [], "review", None, None, day.isoformat()[:7], "upcoming"),
        Engagement(sentences[2].start, sentences[2].end, [], "talks", "e1", None, None, rng.choice(["upcoming", "past"])),
    ]
    return Analysis(Article(title=f"Article {n}", body=body, date=day.isoformat(), source="Bench", path=f"a{n}.txt"),
                    sentences=sentences, entities=entities, engagements=engagements)


def best(rounds: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--bookmarks", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder, Library(Path(folder) / "bench.db") as library:
        start = time.perf_counter()
        ids = [library.store(article(n, rng)).article_id for n in range(args.articles)]
        for i in range(args.bookmarks):
            article_id = rng.choice(ids)
            sentence = library.analysis(article_id).sentences[rng.randrange(12)] if i < 50 else None
            s, e = (sentence.start, sentence.end) if sentence else (0, 40 + i % 60)
            add_bookmark(library, article_id, s, e, note=f"note {i}, about Oslo" if i % 3 else "",
                         tags=[f"t{i % 20}", "memo"] if i % 2 else [f"t{i % 20}"])
        print(f"built: {args.articles} articles, {3 * args.articles} engagements, "
              f"{library.stats()['bookmarks']} bookmarks in {time.perf_counter() - start:.1f} s")
        everything = list_bookmarks(library)
        items = agenda(library)
        figures = {
            "list_ms": best(args.rounds, lambda: list_bookmarks(library)),
            "tag_ms": best(args.rounds, lambda: list_bookmarks(library, BookmarkFilter(tags=["t3"]))),
            "words_ms": best(args.rounds, lambda: list_bookmarks(library, BookmarkFilter(text=["oslo", "note 1"]))),
            "marks_ms": best(args.rounds, lambda: bookmarks_for_article(library, ids[len(ids) // 2])),
            "agenda_ms": best(args.rounds, lambda: agenda(library)),
            "agenda_article_ms": best(args.rounds, lambda: agenda(library, relative_to_article=True)),
            "group_ms": best(args.rounds, lambda: group_by_day(items)),
            "ics_ms": best(args.rounds, lambda: agenda_ics(items)),
            "md_ms": best(args.rounds, lambda: bookmarks_markdown(everything)),
            "csv_ms": best(args.rounds, lambda: bookmarks_csv(everything)),
        }
        for name, value in figures.items():
            print(f"{name:>18}: {value:8.1f} ms")
        print(" ".join(f"{k}={v:.1f}" for k, v in figures.items()))


if __name__ == "__main__":
    main()
