"""The analysis scored against the dev gold corpus, failing below the targets of issue 3.

Runs only where the shared corpus sits beside the checkout (../shared, or ../../shared for a
worktree); the shipped package never reads it. Analyses the ~170 articles once (~30 s).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from briefing.analysis import analyze
from briefing.model import Article
from briefing.sources import read_inputs

ROOT = Path(__file__).resolve().parents[2]
SHARED = next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared")
               if (p / "tools" / "score.py").is_file() and (p / "corpus" / "gold").is_dir()), None)

# GUM counts every coreference chain that holds a proper noun as an entity, and scores a chain by
# its mentions that hold one. 553 of its 722 dev chains have a mention that is a name; the other 169
# only appear as descriptive phrases around a name ("Pregnant women in Australia", "Thailand's
# foreign minister"). Phrases headed by a telling noun are entities of their own (phrases.py), and
# names the article describes as made things ("the 1969 film Easy Rider") are kind other, which the
# scorer leaves out (things.py): together they took entities.untyped to its target.

# (collection, metric, field, minimum %): the targets of issue 3 for entities, figures and dates.
TARGETS = [
    ("GUM", "entities.untyped", "f1", 82.0),
    ("GUM", "aliasing", "f1", 88.0),
    ("GUM", "dates.value", "f1", 92.0),
    ("MEANTIME", "entities", "f1", 82.0),
    ("MEANTIME", "figures", "f1", 92.0),
    ("MEANTIME", "dates.value", "f1", 92.0),
    ("named", "entities.person", "recall", 100.0),  # the seed: every person,
    ("named", "entities.place", "recall", 100.0),   # every place
    ("named", "figures.counts", "recall", 100.0),   # and what every figure counts
]
# What the analysis reached (raw en_core_web_sm: 72.9; 78.8 with names alone, 81.3 with described
# entities, 82.1 with made things, precision 92.1); MEANTIME's entities must not pay for GUM's (86.3
# before the phrases, 87.7 with made things).
FLOORS = [
    ("GUM", "entities.untyped", "f1", 82.0),
    ("GUM", "entities.untyped", "precision", 91.5),
    ("GUM", "aliasing", "f1", 88.1),
    ("MEANTIME", "entities", "f1", 87.4),
]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    if SHARED is None:
        pytest.skip("../shared (corpus and scorer) is not here")
    spec = importlib.util.spec_from_file_location("briefing_scorer", SHARED / "tools" / "score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    out = tmp_path_factory.mktemp("scores")
    articles = [a for a in read_inputs([str(SHARED / "corpus" / "articles")], 10_000_000, fetch=False)
                if isinstance(a, Article)]
    with open(out / "pred.jsonl", "w", encoding="utf-8") as fh:
        for analysis in analyze(articles):
            fh.write(json.dumps(analysis.to_json(), ensure_ascii=False) + "\n")
    scorer.main(["--gold", str(SHARED / "corpus" / "gold"), "--pred", str(out / "pred.jsonl"),
                 "--json", str(out / "report.json")])
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def test_predictions_keep_the_contract(report):
    assert report["contract_violations"] == {}


@pytest.mark.parametrize("collection, metric, field, minimum", TARGETS)
def test_meets_target(report, collection, metric, field, minimum):
    row = report["by_collection"][collection][metric]
    assert row[field] is not None and 100 * row[field] >= minimum, f"{collection} {metric}: {row}"


@pytest.mark.parametrize("collection, metric, field, minimum", FLOORS)
def test_does_not_fall_below_what_it_reached(report, collection, metric, field, minimum):
    row = report["by_collection"][collection][metric]
    assert row[field] is not None and 100 * row[field] >= minimum, f"{collection} {metric}: {row}"
