"""What the quote and engagement extractors cost next to spaCy itself.

Parses a folder of articles once with `nlp.pipe` (timed), then runs the entity and date
extractors they depend on (untimed here: they are measured with the rest of ingest), then times
`extract_quotes` and `extract_engagements` over the same Docs. Best of N rounds, CPU time.

    python bench/quotes_speed.py [--articles DIR] [--rounds N]

Last line: `pipe_s=S quotes_s=S engagements_s=S share=P%` (share = extractors / pipe).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

from briefing.analysis import load_model  # noqa: E402
from briefing.analysis.dates import extract_dates  # noqa: E402
from briefing.analysis.engagements import extract_engagements  # noqa: E402
from briefing.analysis.entities import extract_entities  # noqa: E402
from briefing.analysis.quotes import extract_quotes  # noqa: E402
from briefing.model import Article, count_words  # noqa: E402


def read_articles(folder: Path) -> list[Article]:
    """Plain .txt articles: a header block, a blank line, the body."""
    out = []
    for path in sorted(folder.glob("*.txt")):
        raw = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        head, _, body = raw.partition("\n\n")
        meta = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)
        date = (meta.get("Date") or "")[:10] or None
        out.append(Article(title=meta.get("Title", path.stem), body=body.rstrip("\n"), date=date, path=str(path)))
    return out


def best(rounds: int, fn) -> float:
    times = []
    for _ in range(rounds):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=Path, default=Path(__file__).resolve().parent.parent / "sample_articles")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    articles = read_articles(args.articles)
    if not articles:
        sys.exit(f"no .txt articles in {args.articles}")
    nlp = load_model()
    nlp(articles[0].body)  # warm up
    texts = [a.body for a in articles]
    docs: list = []
    pipe_s = best(args.rounds, lambda: docs.__setitem__(slice(None), list(nlp.pipe(texts, batch_size=16))))
    inputs = [(doc, extract_entities(doc), a) for doc, a in zip(docs, articles)]
    inputs = [(doc, ents, extract_dates(doc, a.date), a) for doc, ents, a in inputs]
    quotes_s = best(args.rounds, lambda: [extract_quotes(d, e, a) for d, e, _, a in inputs])
    engage_s = best(args.rounds, lambda: [extract_engagements(d, e, t, a) for d, e, t, a in inputs])
    words = sum(count_words(t) for t in texts)
    share = 100 * (quotes_s + engage_s) / pipe_s
    print(f"{len(articles)} articles, {words} words; nlp.pipe {words / pipe_s:.0f} words/s")
    print(f"pipe_s={pipe_s:.3f} quotes_s={quotes_s:.3f} engagements_s={engage_s:.3f} share={share:.1f}%")


if __name__ == "__main__":
    main()
