"""A small library for search tests, built from synthetic Analysis objects (no spaCy)."""

from __future__ import annotations

from briefing.model import Analysis, Article, Entity, Quote, Span
from briefing.store import Library


def _spans(body: str, name: str) -> list[Span]:
    spans, at = [], body.find(name)
    while at >= 0:
        spans.append(Span(at, at + len(name)))
        at = body.find(name, at + 1)
    return spans


def entity(local_id: str, kind: str, name: str, body: str, aliases: list[str] | None = None) -> Entity:
    mentions = [s for n in [name, *(aliases or [])] for s in _spans(body, n)]
    return Entity(local_id, kind, name, aliases or [], None, mentions)


def article(title: str, body: str, date: str | None, *, source: str = "Wire", path: str | None = None,
            entities: list[tuple[str, str, list[str]]] = (), quotes: list[tuple[str, str]] = ()) -> Analysis:
    """An analysis with the given entities (kind, name, aliases) and quotes (text, speaker)."""
    ents = [entity(f"e{i + 1}", kind, name, body, aliases) for i, (kind, name, aliases) in enumerate(entities)]
    by_name = {e.name: e.id for e in ents}
    qs = []
    for text, speaker in quotes:
        start = body.find(text)
        qs.append(Quote(start, start + len(text), text, "direct", speaker, by_name.get(speaker), "said"))
    return Analysis(article=Article(title=title, body=body, date=date, source=source,
                                    path=path or f"{title.lower().replace(' ', '-')}.txt"),
                    entities=ents, quotes=qs)


ARTICLES = [
    article("Summit in Reykjavik", "Volodymyr Zelensky arrived in Reykjavik for talks with Nordic leaders. "
            "\"We need air defence now,\" Zelensky said. The talks lasted two days.", "2024-10-29",
            source="Nordic Wire",
            entities=[("person", "Volodymyr Zelensky", ["Zelensky", "Zelenskyy"]), ("place", "Reykjavik", [])],
            quotes=[("We need air defence now,", "Volodymyr Zelensky")]),
    article("Aid package debated", "Joe Biden told Congress that aid to Kyiv would continue. Biden spoke for an hour "
            "and did not mention Reykjavik. Senators talked late into the night.", "2024-03-05",
            source="Capitol Report",
            entities=[("person", "Joe Biden", ["Biden"]), ("place", "Kyiv", []), ("organization", "Congress", [])],
            quotes=[("aid to Kyiv would continue", "Joe Biden")]),
    article("Harvest report", "Farmers in Iowa reported a record harvest. Prices for corn fell. "
            "The agriculture ministry praised the negotiations with exporters.", "2023-09-12",
            source="Farm Daily", entities=[("place", "Iowa", [])]),
    article("Kyiv under fire", "Missiles struck Kyiv overnight. President Zelensky urged allies to send more air "
            "defence. Talks in Brussels are planned; NATO officials negotiated all week.", "2024-11-02",
            source="Nordic Wire",
            entities=[("person", "Zelensky", []), ("place", "Kyiv", []), ("place", "Brussels", []),
                      ("organization", "NATO", [])],
            quotes=[("send more air defence", "Zelensky")]),
    article("Old news", "An undated dispatch about corn and wheat markets in Reykjavik harbour.", None,
            source="Archive"),
]


def build(library: Library, analyses: list[Analysis] = ARTICLES) -> dict[str, int]:
    """Store the analyses; returns title -> article id."""
    return {a.article.title: library.store(a).article_id for a in analyses}
