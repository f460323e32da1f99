"""Time expressions from the model's DATE entities, resolved against the article's date."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from briefing.model import DateRef

if TYPE_CHECKING:
    from spacy.tokens import Doc


def resolve(text: str, anchor: str | None) -> str | None:
    import dateparser

    base = datetime.fromisoformat(anchor) if anchor else None
    settings = {"RELATIVE_BASE": base} if base else {}
    try:
        parsed = dateparser.parse(text, settings=settings)
    except (ValueError, OverflowError):
        return None
    return parsed.date().isoformat() if parsed else None


def extract_dates(doc: Doc, anchor: str | None) -> list[DateRef]:
    return [DateRef(ent.start_char, ent.end_char, ent.text, resolve(ent.text, anchor))
            for ent in doc.ents if ent.label_ == "DATE"]
