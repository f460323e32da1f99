"""How fast is search on a big library, and how much faster than a LIKE scan?

    python bench/search_speed.py --articles 20000 [--db lib.db] [--repeat 3]

Builds a library of N articles from real news text (the 24 bundled sample articles and the 148
Wikinews articles in bench/corpus/, or the folders given with --texts), varied so no two are alike
(sentences shuffled and mixed across articles, names, places, organisations, sources and dates
swapped in), with entities and quotes stored through Library.store so the filters have data.
No spaCy: the analyses are synthetic. Then it times a fixed set of 20 queries of each kind
(words, phrases, OR, prefixes, filters) through `briefing.store.search.search` -- the API the CLI
and the reader use, top 20 with snippets -- and the same 20 words through a
`body LIKE '%word%'` scan listing every matching article (a LIKE scan cannot rank, so it reads
every body; ranked search also weighs every match before it keeps the top 20).

The last line is `p50_ms=... p95_ms=... like_p50_ms=... speedup=...`: p50/p95 over every
search query, and speedup = LIKE p50 / p50 of the same words through search.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing.config import resource_dir  # noqa: E402
from briefing.model import Analysis, Article, Entity, Quote, Span  # noqa: E402
from briefing.sources.text import parse_text  # noqa: E402
from briefing.store import Library  # noqa: E402
from briefing.store.search import count_matches, search  # noqa: E402

FIRST = ["Anna", "Boris", "Carmen", "David", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kofi",
         "Lena", "Marek", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Sven", "Tamar"]
LAST = ["Halvorsen", "Okafor", "Petrenko", "Lindqvist", "Moreau", "Tanaka", "Kowalski", "Haddad", "Silva",
        "Nguyen", "Brennan", "Castillo", "Volkov", "Adeyemi", "Fischer"]
PLACES = ["Reykjavik", "Kyiv", "Nairobi", "Lima", "Hanoi", "Tbilisi", "Oslo", "Accra", "Quito", "Manila",
          "Tallinn", "Dakar", "Porto", "Kraków", "Busan", "Tunis", "Cork", "Perth", "Montevideo", "Almaty"]
ORGS = ["NATO", "United Nations", "Red Cross", "World Bank", "European Commission", "African Union",
        "Amnesty International", "Interpol", "OPEC", "UNICEF"]
SOURCES = ["Nordic Wire", "Capitol Report", "Harbour Gazette", "Evening Ledger", "Global Desk",
           "Morning Post", "Pacific Times", "Continental Herald"]
VERBS = ["met officials in", "travelled to", "spoke to reporters in", "arrived in", "left"]
QUOTES = ["We will not accept this outcome", "The talks were constructive", "Aid must reach the coast",
          "Nobody is above the law", "The election was fair", "We need more time", "This is a crisis"]

WORDS = ["asylum", "election", "military", "tsunami", "submarine", "referendum", "president", "billboards",
         "torture", "artillery", "propaganda", "delegation", "Pentagon", "security", "victory", "envoy",
         "questionnaire", "legislative", "Reykjavik", "funeral"]
PHRASES = ['"asylum seekers"', '"North Korea"', '"Social Security"', '"Supreme Court"', '"prime minister"',
           '"South Korea"', '"Red Cross"', '"United Nations"', '"Hong Kong"', '"the talks were constructive"',
           '"aid effort"', '"human rights"', '"Abu Ghraib"', '"Japanese waters"', '"New faces"',
           '"World Bank"', '"the election was fair"', '"Kursk region"', '"Social Democrat"', '"re-run"']
ORS = ["tsunami OR earthquake", "asylum OR refugees", "Reykjavik OR Oslo", "submarine OR navy",
       "election OR referendum", "torture OR abuse", "Pinochet OR Rumsfeld", "Bush OR Lula",
       "Congo OR Rwanda", "Cuba OR Mozambique", "Kyiv OR Tbilisi", "billboards OR posters", "(aid OR relief) tsunami",
       "envoy OR ambassador", "artillery OR missiles", "victory OR defeat", "Canada OR Mexico",
       "Vanuatu OR Fiji", "Austria OR Portugal", "Indonesia OR Australia"]
PREFIXES = ["deportat*", "elect*", "milit*", "asyl*", "tsuna*", "submar*", "presiden*", "refer*", "tortur*",
            "propagand*", "secur*", "deleg*", "reykj*", "legisl*", "billb*", "govern*", "democra*", "arrest*",
            "warn*", "vict*"]
FILTERS = ["person:Okafor", "person:\"Anna Halvorsen\" election", "place:Reykjavik", "place:Kyiv talks",
           "org:NATO", "org:\"Red Cross\" aid", "speaker:Petrenko", "speaker:Tanaka crisis",
           "source:nordic asylum", "from:2020-01-01 tsunami", "to:2005-12-31 election",
           "from:2010 to:2012 military", "person:Volkov -place:Oslo", "place:Lima from:2015-01-01",
           "org:UNICEF OR org:Interpol", "speaker:Moreau place:Porto", "person:Nguyen asylum",
           "source:\"Pacific Times\" from:2024", "place:Tallinn -election", "person:Silva (talks OR election)"]


DEFAULT_TEXTS = [resource_dir("sample_articles"), Path(__file__).resolve().parent / "corpus"]


def load_sentences(folders: list[Path]) -> list[tuple[str, list[str]]]:
    """(title, sentences) of every article in the folders."""
    out = []
    for path in sorted(p for folder in folders for p in Path(folder).glob("*.txt")):
        article = parse_text(path.read_text(encoding="utf-8"), str(path))
        sentences = [s for s in re.split(r"(?<=[.!?\"”])\s+", article.body.replace("\n", " ")) if len(s) > 20]
        out.append((article.title, sentences))
    return out


def make_analysis(i: int, samples: list[tuple[str, list[str]]], rng: random.Random) -> Analysis:
    title, sentences = rng.choice(samples)
    _, other = rng.choice(samples)
    body_sentences = rng.sample(sentences, min(len(sentences), rng.randint(6, 14)))
    body_sentences += rng.sample(other, min(len(other), rng.randint(2, 6)))
    rng.shuffle(body_sentences)
    people = rng.sample([f"{f} {l}" for f in FIRST for l in LAST], 2)
    place, org = rng.choice(PLACES), rng.choice(ORGS)
    day = (date(2000, 1, 1) + timedelta(days=rng.randrange(27 * 365))).isoformat()
    quote = rng.choice(QUOTES)
    extra = [f"{people[0]} {rng.choice(VERBS)} {place} on {day}.",
             f"\u201c{quote},\u201d {people[1]} said.",
             f"The {org} said it was following events in {place} closely."]
    for sentence in extra:
        body_sentences.insert(rng.randrange(len(body_sentences) + 1), sentence)
    body = "\n\n".join(body_sentences)
    surname = people[1].split()[1]
    entities = [
        _entity("e1", "person", people[0], body, [people[0].split()[1]]),
        _entity("e2", "person", people[1], body, [surname]),
        _entity("e3", "place", place, body, []),
        _entity("e4", "organization", org, body, []),
    ]
    q_start = body.find(quote)
    quotes = [Quote(q_start, q_start + len(quote), quote, "direct", people[1], "e2", "said")]
    article = Article(title=f"{place}: {title}", body=body, date=day, source=rng.choice(SOURCES),
                      path=f"bench/{i:06d}.txt")
    return Analysis(article=article, entities=entities, quotes=quotes, analyzer="bench")


def _entity(local_id: str, kind: str, name: str, body: str, aliases: list[str]) -> Entity:
    spans, at = [], body.find(name)
    while at >= 0:
        spans.append(Span(at, at + len(name)))
        at = body.find(name, at + 1)
    return Entity(local_id, kind, name, aliases, None, spans)


def build(library: Library, n: int, texts: list[Path], seed: int = 7) -> None:
    samples, rng = load_sentences(texts), random.Random(seed)
    have = library.count_articles()
    started = time.perf_counter()
    for i in range(have, n):
        library.store(make_analysis(i, samples, rng))
        if (i + 1) % 5000 == 0:
            print(f"  built {i + 1:,} articles ({time.perf_counter() - started:.0f} s)", flush=True)
    library.db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
    library.db.execute("ANALYZE")


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def like_scan(library: Library, word: str) -> list:
    """Every article whose body holds the word, as a LIKE-based reader lists matches (newsboat's way)."""
    return library.db.execute("SELECT id, title, date, source FROM articles NOT INDEXED WHERE body LIKE ?",
                              [f"%{word}%"]).fetchall()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--db", help="keep the library here (reused if it already has the articles)")
    parser.add_argument("--texts", type=Path, action="append",
                        help="a folder of articles to build from (repeatable; default: sample_articles and bench/corpus)")
    parser.add_argument("--repeat", type=int, default=5, help="time each query this many times, keep the median")
    args = parser.parse_args()
    scratch = None if args.db else tempfile.TemporaryDirectory(prefix="briefing-bench-")
    path = Path(args.db) if args.db else Path(scratch.name) / "bench.db"
    library = Library(path)
    if library.count_articles() < args.articles:
        print(f"building {args.articles:,} articles in {path} ...", flush=True)
        build(library, args.articles, args.texts or DEFAULT_TEXTS)
    print(f"library: {library.count_articles():,} articles, {library.stats()['words']:,} words")

    kinds = {"words": WORDS, "phrase": PHRASES, "or": ORS, "prefix": PREFIXES, "filters": FILTERS}
    jobs = [(kind, q, lambda q=q: search(library, q)) for kind, qs in kinds.items() for q in qs]
    jobs += [("LIKE", w, lambda w=w: like_scan(library, w)) for w in WORDS]
    every_query = [q for qs in kinds.values() for q in qs]
    jobs += [("count", q, lambda q=q: count_matches(library, q)) for q in every_query]
    for _, _, job in jobs:  # warm the page cache once
        job()
    # Rounds interleave every query with the LIKE scans, so a busy machine slows both alike.
    rounds = [[timed(job) for _, _, job in jobs] for _ in range(args.repeat)]
    medians = [statistics.median(r[i] for r in rounds) for i in range(len(jobs))]
    times: dict[str, list[float]] = {}
    for (kind, _, _), ms in zip(jobs, medians):
        times.setdefault(kind, []).append(ms)
    for kind, queries in [*kinds.items(), ("LIKE", WORDS)]:
        shown = "" if kind == "LIKE" else f"  ({sum(len(search(library, q)) for q in queries)} hits shown)"
        print(f"{kind:<8} p50={statistics.median(times[kind]):7.2f} ms  p95={percentile(times[kind], 95):7.2f} ms"
              f"  max={max(times[kind]):7.2f} ms  over {len(queries)} queries{shown}")
    matches = [library.db.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?",
                                  [f'"{w}"']).fetchone()[0] for w in WORDS]
    print(f"words match a median {statistics.median(matches):,.0f} articles each (max {max(matches):,})")
    counts = times.pop("count")  # "20 of 313 shown": timed apart, not part of the search figures
    print(f"count    p50={statistics.median(counts):7.2f} ms  p95={percentile(counts, 95):7.2f} ms"
          f"  max={max(counts):7.2f} ms  over {len(counts)} queries (count_matches, every kind)")
    like = times.pop("LIKE")
    library.close()

    every = [t for ts in times.values() for t in ts]
    p50, p95 = statistics.median(every), percentile(every, 95)
    like_p50 = statistics.median(like)
    speedup = like_p50 / statistics.median(times["words"])
    if scratch is not None:
        scratch.cleanup()
    print(f"p50_ms={p50:.2f} p95_ms={p95:.2f} like_p50_ms={like_p50:.2f} speedup={speedup:.1f}")


if __name__ == "__main__":
    main()
