"""How much the extractors cost on top of spaCy: `python bench/extract_speed.py [PATH...]`.

Runs `nlp.pipe` over the articles, then times `extract(doc, article)` on the same Docs, and prints
words/s for the pipeline alone and for pipeline + extraction, and extraction's share of the total.
The ingest benchmark's ratio (ingest words/s over raw nlp.pipe words/s, >= 0.85) leaves extraction
at most ~15 % of the pipeline's time, storage included. Defaults to the bundled sample articles.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.analysis import load_model  # noqa: E402
from briefing.analysis.extract import extract  # noqa: E402
from briefing.model import Article  # noqa: E402
from briefing.sources import read_inputs  # noqa: E402


def main(paths: list[str]) -> None:
    articles = [a for a in read_inputs(paths or [str(ROOT / "sample_articles")], 10_000_000, fetch=False)
                if isinstance(a, Article)]
    words = sum(a.word_count for a in articles)
    nlp = load_model("auto")
    list(nlp.pipe(a.body for a in articles[:4]))  # warm up
    started = time.perf_counter()
    docs = list(nlp.pipe((a.body for a in articles), batch_size=16))
    pipe = time.perf_counter() - started
    started = time.perf_counter()
    for doc, article in zip(docs, articles):
        extract(doc, article)
    first = time.perf_counter() - started  # includes loading the gazetteer once
    started = time.perf_counter()
    for doc, article in zip(docs, articles):
        extract(doc, article)
    warm = time.perf_counter() - started
    print(f"{len(articles)} articles, {words} words")
    print(f"nlp.pipe alone:        {pipe:7.2f} s  {words / pipe:9.0f} words/s")
    print(f"extract (first pass):  {first:7.2f} s  ({100 * first / pipe:.1f} % of the pipeline)")
    print(f"extract (warm):        {warm:7.2f} s  ({100 * warm / pipe:.1f} % of the pipeline)")
    print(f"pipe + extract:        {pipe + first:7.2f} s  {words / (pipe + first):9.0f} words/s "
          f"(ratio {pipe / (pipe + first):.3f})")


if __name__ == "__main__":
    main(sys.argv[1:])
