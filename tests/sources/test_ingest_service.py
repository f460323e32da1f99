"""The ingest service over real sources: re-runs are cheap and a bad input never stops the batch."""

from __future__ import annotations

import shutil
from pathlib import Path

from briefing.ingest import ingest


def test_a_rerun_with_nothing_new_never_loads_spacy(library, tmp_path: Path, seed_path: Path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(seed_path, folder / "seed.txt")
    first = ingest(library, [str(folder)])
    assert (first.added, first.failures) == (1, [])

    import briefing.analysis.pipeline as pipeline

    def no_spacy(*args, **kwargs):
        raise AssertionError("spaCy was loaded for a batch with nothing new")

    monkeypatch.setattr(pipeline, "load_model", no_spacy)
    again = ingest(library, [str(folder), str(seed_path)])
    assert (again.added, again.unchanged, again.failures) == (0, 2, [])


def test_feed_entries_and_pages_go_in_with_the_good_files(library, tmp_path: Path, seed_path: Path):
    fixtures = Path(__file__).parent / "fixtures"
    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    for name in ("world-news.atom", "news-article.html", "scripts-only.html"):
        shutil.copy(fixtures / name, tmp_path / name)
    shutil.copy(seed_path, tmp_path / "seed.txt")
    (tmp_path / "notes.txt").write_bytes(b"\x00\x01\x02\x03" * 64)
    report = ingest(library, [str(tmp_path)], fetch=False)
    assert report.added == 4  # two Atom entries, the news page, the seed article
    assert sorted(Path(f.path).name for f in report.failures) == ["notes.txt", "scripts-only.html"]
    titles = {library.article(i).title for i in library.article_ids()}
    assert {"Foreign ministers meet in Reykjavik", "Envoy to visit Canada next week",
            "Ceasefire talks resume in Geneva"} <= titles
