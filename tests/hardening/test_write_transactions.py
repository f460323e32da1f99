"""Write transactions take the write lock up front, so a second writer waits (busy timeout)
instead of failing with "database is locked" when its snapshot went stale."""

from __future__ import annotations

import threading
from pathlib import Path

from briefing.model import Analysis, Article, Entity, Span
from briefing.store import Library


def _analysis(title: str) -> Analysis:
    body = f"Olaf Scholz spoke in Berlin about {title}."
    return Analysis(article=Article(title=title, body=body, path=f"/news/{title}.txt"),
                    entities=[Entity(id="e1", kind="person", name="Olaf Scholz", mentions=[Span(0, 11)])])


def test_a_writer_that_read_first_is_not_refused_by_another_writer(tmp_path: Path, monkeypatch):
    db = tmp_path / "lib.db"
    first, second = Library(db), Library(db)
    other_done: list[object] = []
    original = Library._delete_older_version

    def read_then_let_the_other_writer_in(self, path):
        found = original(self, path)  # the first writer has read inside its transaction
        if self is first and not other_done:
            other = threading.Thread(target=lambda: other_done.append(second.store(_analysis("second"))))
            other.start()
            other.join(timeout=1.0)  # with a deferred BEGIN the other writer commits right here
            other_done.append(other)
        return found

    monkeypatch.setattr(Library, "_delete_older_version", read_then_let_the_other_writer_in)
    result = first.store(_analysis("first"))  # "database is locked" here without BEGIN IMMEDIATE
    other_done[-1].join(timeout=20)
    assert result.outcome == "added"
    assert sorted(r["title"] for r in first.db.query("SELECT title FROM articles")) == ["first", "second"]
    assert [r["n"] for r in first.db.query("SELECT count(*) AS n FROM entities")] == [1]
    first.close()
    second.close()
