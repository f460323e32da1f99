"""Where SQLite and FTS5 refuse a query: the real limits behind the parser's MAX_TERMS and MAX_DEPTH.

    python bench/query_limits.py

Lifts the parser's own limits, then for each shape of query (many exclusions, many ORs of filters,
deep parentheses, ...) finds by bisection the largest size that still runs on a small library.
MAX_TERMS and MAX_DEPTH in briefing/store/query.py must stay well below the smallest figures.
"""

from __future__ import annotations

import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing.model import Analysis, Article, Entity, Span  # noqa: E402
from briefing.store import Library  # noqa: E402
from briefing.store import query as query_module  # noqa: E402
from briefing.store.search import QueryError, article_hits, count_matches, search  # noqa: E402

TERMS = {  # size -> query, for queries that grow in length
    "exclusions of words": lambda n: "bush " + " ".join(f"-w{i}" for i in range(n)),
    "exclusions alone": lambda n: " ".join(f"-w{i}" for i in range(n)),
    "words": lambda n: " ".join(f"w{i}" for i in range(n)),
    "OR of words": lambda n: " OR ".join(f"w{i}" for i in range(n)),
    "OR of prefixes": lambda n: " OR ".join(f"warn{i}x*" for i in range(n)),
    "OR of filters": lambda n: " OR ".join(f"person:p{i}" for i in range(n)),
    "filters": lambda n: " ".join(f"place:p{i}*" for i in range(n)),
    "exclusions of filters": lambda n: "bush " + " ".join(f"-person:p{i}" for i in range(n)),
    "OR of filters and words": lambda n: " OR ".join(f"person:p{i} w{i}" for i in range(n)),
}
DEPTH = {  # size -> query, for queries that nest deeper
    "nested groups of words": lambda n: "(a OR " * n + "b" + ")" * n,
    "nested AND/OR groups": lambda n: "".join(f"(w{i} OR x{i} " for i in range(n)) + "b" + ")" * n,
    "nested groups of filters": lambda n: "".join(f"(person:p{i} OR " for i in range(n)) + "b" + ")" * n,
    "nested exclusions": lambda n: "bush " + "-(a OR " * n + "b" + ")" * n,
    "nested exclusions of filters": lambda n: "bush " + "-(person:a OR " * n + "b" + ")" * n,
    "chained minus": lambda n: "bush " + "-" * n + "x",
}


def small_library(path: Path) -> Library:
    library = Library(path)
    body = "George Bush spoke about warnings in Kyiv. Talks went on."
    ents = [Entity("e1", "person", "George Bush", [], None, [Span(0, 11)]),
            Entity("e2", "place", "Kyiv", [], None, [Span(body.find("Kyiv"), body.find("Kyiv") + 4)])]
    library.store(Analysis(article=Article(title="Bush", body=body, date="2024-01-01", source="Wire",
                                           path="bush.txt"), entities=ents, quotes=[]))
    return library


def runs(library: Library, query: str) -> bool:
    try:
        search(library, query)
        count_matches(library, query)
        article_hits(library, 1, query)
        return True
    except (QueryError, RecursionError):
        return False


def largest(library: Library, make, high: int = 4096) -> int:
    """The largest n (up to `high`) for which make(n) runs."""
    if runs(library, make(high)):
        return high
    low = 0
    while high - low > 1:
        mid = (low + high) // 2
        low, high = (mid, high) if runs(library, make(mid)) else (low, mid)
    return low


def main() -> None:
    limits = f"the parser allows MAX_TERMS={query_module.MAX_TERMS} and MAX_DEPTH={query_module.MAX_DEPTH}"
    query_module.MAX_TERMS = query_module.MAX_DEPTH = 10 ** 6
    sys.setrecursionlimit(200_000)
    with tempfile.TemporaryDirectory() as tmp:
        library = small_library(Path(tmp) / "lib.db")
        for title, shapes in (("terms", TERMS), ("depth", DEPTH)):
            for name, make in shapes.items():
                print(f"{title:<6} {name:<30} runs up to {largest(library, make):>5}", flush=True)
        library.close()
    print(f"{limits} (depth counts each '(' and each '-' open at once: a level of '-(' is 2)")


if __name__ == "__main__":
    threading.stack_size(512 * 1024 * 1024)  # deep recursion in the parser needs a big C stack
    worker = threading.Thread(target=main)
    worker.start()
    worker.join()
