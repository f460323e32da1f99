"""Zero-width and bidi characters in a name are shown but never make a second, look-alike entity."""

from __future__ import annotations

import pytest

from briefing.model import Analysis, Article, Entity, Span
from briefing.store.identity import normalize_name


@pytest.mark.parametrize("spoofed", [
    "Emmanuel\u200b Macron",          # zero-width space
    "Emm\u202eanuel\u202c Macron",    # right-to-left override ... pop
    "Emmanuel Mac\u200dron",          # zero-width joiner
    "\u2066Emmanuel Macron\u2069",    # isolate
    "\ufeffEmmanuel Mac\u00adron",    # BOM, soft hyphen
])
def test_invisible_characters_do_not_change_the_key(spoofed: str):
    assert normalize_name(spoofed) == normalize_name("Emmanuel Macron") == "emmanuel macron"


def _analysis(title: str, name: str) -> Analysis:
    body = f"{name} spoke in Paris."
    return Analysis(article=Article(title=title, body=body, path=f"{title}.txt"),
                    entities=[Entity(id="e1", kind="person", name=name, mentions=[Span(0, len(name))])])


def test_a_spoofed_name_joins_the_real_entity(library):
    library.store(_analysis("plain", "Emmanuel Macron"))
    library.store(_analysis("spoofed", "Emmanuel\u200b Macron"))
    people = list(library.db.query("SELECT key, name FROM entities"))
    assert people == [{"key": "person:emmanuel macron", "name": "Emmanuel Macron"}]
    # the article still shows what it printed, invisible character and all
    names = [r["name"] for r in library.db.query("SELECT name FROM article_entities ORDER BY article_id")]
    assert names == ["Emmanuel Macron", "Emmanuel\u200b Macron"]
