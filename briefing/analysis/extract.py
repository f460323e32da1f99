"""From a parsed Doc to the contract: sentences, entities with mentions, figures and dates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.analysis.entities import extract_entities
from briefing.analysis.phrases import described_entities, widen_mentions
from briefing.analysis.figures import extract_figures
from briefing.analysis.dates import extract_dates
from briefing.analysis.engagements import extract_engagements
from briefing.analysis.quotes import extract_quotes
from briefing.model import Analysis, Article, Sentence
from briefing.analysis.sentences import spans as sentence_spans  # computed once, shared by the extractors

if TYPE_CHECKING:
    from spacy.tokens import Doc


def extract(doc: Doc, article: Article) -> Analysis:
    entities = extract_entities(doc)
    dates = extract_dates(doc, article.date)
    quotes = extract_quotes(doc, entities, article)
    engagements = extract_engagements(doc, entities, dates, article)
    widen_mentions(doc, entities)  # after speakers and engagements, which look for the names themselves
    for entity in described_entities(doc, entities):
        entity.id = f"e{len(entities) + 1}"
        entities.append(entity)
    return Analysis(
        article=article,
        sentences=[Sentence(start, end) for _, _, start, end in sentence_spans(doc)],
        entities=entities,
        figures=extract_figures(doc),
        dates=dates,
        quotes=quotes,
        engagements=engagements,
    )
