"""Entities from the model's NER, merged within the article by name (surname joins full name)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefing.model import Entity, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

KINDS = {"PERSON": "person", "GPE": "place", "LOC": "place", "FAC": "place",
         "ORG": "organization", "NORP": "group"}
_POSSESSIVE = re.compile(r"[’']s?$")
_THE = re.compile(r"^the\s+", re.IGNORECASE)


def surface(text: str) -> str:
    """A mention's name: no leading "the", no possessive."""
    return _POSSESSIVE.sub("", _THE.sub("", text.strip())).strip()


def extract_entities(doc: Doc) -> list[Entity]:
    entities: list[Entity] = []
    by_name: dict[tuple[str, str], Entity] = {}
    for ent in doc.ents:
        kind = KINDS.get(ent.label_)
        if kind is None:
            continue
        name = surface(ent.text)
        if not name:
            continue
        start = ent.start_char + ent.text.find(name)
        entity = by_name.get((kind, name.casefold())) or _by_part(entities, kind, name)
        if entity is None:
            entity = Entity(id=f"e{len(entities) + 1}", kind=kind, name=name)
            entities.append(entity)
        elif name != entity.name and name not in entity.aliases:
            entity.aliases.append(name)
        by_name[(kind, name.casefold())] = entity
        entity.mentions.append(Span(start, start + len(name)))
    return entities


def _by_part(entities: list[Entity], kind: str, name: str) -> Entity | None:
    """A one-word person mention joins the full name introduced earlier that contains it."""
    if kind != "person" or " " in name:
        return None
    for entity in reversed(entities):
        if entity.kind == "person" and name in entity.name.split():
            return entity
    return None
