"""How much ingest costs beyond spaCy itself.

Ingests a folder of articles (the bundled sample_articles, or --articles DIR) into a temporary
library through the real ingest service, and in the same process runs raw `nlp.pipe` over the
same texts with the same model. The model is loaded once and warmed up on one text before
anything is timed, so neither side pays for loading. Rounds alternate the two sides and the
best round of each side counts (the one least disturbed by other work on the machine).

Both wall-clock and process CPU time are measured. The last line uses CPU time unless --wall
is given: on a shared machine wall time mostly measures the neighbours, and ingest does no
waiting of its own here (no fetching; WAL commits with synchronous=NORMAL do not fsync).

    python bench/ingest_speed.py [--articles DIR] [--model NAME] [--rounds N] [--wall] [--profile]

Last line: `ingest_wps=N raw_wps=N ratio=R` (words per second; ratio = ingest / raw).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

from briefing.analysis import load_model  # noqa: E402
from briefing.analysis.pipeline import analyze  # noqa: E402
from briefing.config import DEFAULT_MAX_ARTICLE_BYTES, resource_dir  # noqa: E402
from briefing.ingest import ingest  # noqa: E402
from briefing.model import Article, count_words  # noqa: E402
from briefing.sources import read_inputs  # noqa: E402
from briefing.store import Library  # noqa: E402


def _ingest_batch_size() -> int:
    import inspect

    default = inspect.signature(analyze).parameters.get("batch_size")
    return default.default if default is not None and isinstance(default.default, int) else 16


def read_texts(folder: Path) -> list[str]:
    """The article bodies exactly as ingest will analyse them."""
    return [r.body for r in read_inputs([str(folder)], max_bytes=DEFAULT_MAX_ARTICLE_BYTES, fetch=False)
            if isinstance(r, Article)]


class Clock:
    """Wall and CPU seconds of one timed block."""

    def __enter__(self) -> Clock:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc) -> None:
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu


def time_ingest(folder: Path, model: str) -> tuple[Clock, int, int]:
    """Time, words and articles of a full ingest into a fresh library."""
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        library = Library(Path(tmp) / "library.db")
        try:
            with Clock() as clock:
                report = ingest(library, [str(folder)], model=model, fetch=False)
        finally:
            library.close()
    if report.failures:
        print(f"warning: {len(report.failures)} inputs failed, e.g. {report.failures[0]}", file=sys.stderr)
    return clock, report.words, report.added


def time_raw(nlp, texts: list[str], batch_size: int) -> tuple[Clock, int]:
    with Clock() as clock:
        for _ in nlp.pipe(texts, batch_size=batch_size):
            pass
    return clock, sum(count_words(t) for t in texts)


def profile_ingest(folder: Path, model: str, top: int = 25) -> None:
    """cProfile one ingest: where the time goes beyond nlp.pipe."""
    import cProfile
    import pstats

    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        library = Library(Path(tmp) / "library.db")
        profiler = cProfile.Profile()
        profiler.enable()
        ingest(library, [str(folder)], model=model, fetch=False)
        profiler.disable()
        library.close()
    stats = pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative")
    stats.print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, default=resource_dir("sample_articles"),
                        help="folder of articles (default: the bundled sample_articles)")
    parser.add_argument("--model", default="auto", help="spaCy model (default: as ingest picks it)")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds of each side (default 3)")
    parser.add_argument("--batch-size", type=int, default=_ingest_batch_size(),
                        help="nlp.pipe batch size of the raw side (default: the one ingest uses)")
    parser.add_argument("--wall", action="store_true", help="last line from wall-clock time instead of CPU time")
    parser.add_argument("--profile", action="store_true", help="also print a cProfile of one ingest to stderr")
    args = parser.parse_args(argv)

    texts = read_texts(args.articles)
    if not texts:
        print(f"no articles in {args.articles}", file=sys.stderr)
        return 2
    nlp = load_model(args.model)  # cached: ingest gets this very object
    nlp(texts[0])  # warm-up: lazy initialisation happens here, untimed
    # One full ingest before the timed rounds: what it pays once per process (imports, dateparser
    # compiling its locale patterns) is shown but not counted.
    first, first_words, _ = time_ingest(args.articles, args.model)
    print(f"articles: {len(texts)} from {args.articles}; model {nlp.meta.get('lang')}_{nlp.meta.get('name')}"
          f"-{nlp.meta.get('version')}; batch size {args.batch_size}")
    print(f"warm-up ingest (one-time costs included, not counted): wall {first.wall:.2f} s, cpu {first.cpu:.2f} s "
          f"({first_words / first.cpu:,.0f} w/s)")

    best = {"ingest": 0.0, "raw": 0.0}
    for round_number in range(1, args.rounds + 1):
        ingest_clock, words, added = time_ingest(args.articles, args.model)
        raw_clock, raw_words = time_raw(nlp, texts, args.batch_size)
        seconds = {"ingest": ingest_clock.wall if args.wall else ingest_clock.cpu,
                   "raw": raw_clock.wall if args.wall else raw_clock.cpu}
        best["ingest"] = max(best["ingest"], words / seconds["ingest"])
        best["raw"] = max(best["raw"], raw_words / seconds["raw"])
        print(f"round {round_number}: ingest {added} articles, {words} words: wall {ingest_clock.wall:.2f} s "
              f"({words / ingest_clock.wall:,.0f} w/s), cpu {ingest_clock.cpu:.2f} s "
              f"({words / ingest_clock.cpu:,.0f} w/s) | raw nlp.pipe {raw_words} words: wall "
              f"{raw_clock.wall:.2f} s ({raw_words / raw_clock.wall:,.0f} w/s), cpu {raw_clock.cpu:.2f} s "
              f"({raw_words / raw_clock.cpu:,.0f} w/s) | ratio wall {(words / ingest_clock.wall) / (raw_words / raw_clock.wall):.3f}"
              f" cpu {(words / ingest_clock.cpu) / (raw_words / raw_clock.cpu):.3f}")
    best_ingest, best_raw = best["ingest"], best["raw"]
    print(f"best of {args.rounds} by {'wall' if args.wall else 'cpu'} time")
    if args.profile:
        profile_ingest(args.articles, args.model)
    print(f"ingest_wps={best_ingest:.0f} raw_wps={best_raw:.0f} ratio={best_ingest / best_raw:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
