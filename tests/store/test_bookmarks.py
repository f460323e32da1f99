"""Bookmarked claims: what they keep, how they are found, and that they outlive their analysis."""

from __future__ import annotations

import pytest

from briefing.export import bookmark_markdown
from briefing.store import Library
from briefing.store.bookmarks import (
    BookmarkFilter,
    add_bookmark,
    all_tags,
    article_of,
    bookmarks_for_article,
    claim_under,
    clean_tags,
    delete_bookmark,
    detached_note,
    get_bookmark,
    list_bookmarks,
    parse_filter,
    restore_bookmark,
    update_bookmark,
)
from tests.claims_fixtures import PLAIN_SENTENCE, RYDER_QUOTE, ZELENSKY_QUOTE, seed_analysis, simple_analysis


def sentence_at(analysis, text: str):
    at = analysis.text.index(text)
    return next(s for s in analysis.sentences if s.start <= at < s.end)


@pytest.fixture
def seeded(library: Library):
    analysis = seed_analysis(path="seed.txt")
    analysis.article.url = "https://example.org/kursk"
    article_id = library.store(analysis).article_id
    return library, article_id, analysis


def bookmark_claim(library, article_id, analysis, text: str, **kw):
    sentence = sentence_at(analysis, text)
    claim = claim_under(analysis, sentence.start, sentence.end)
    return add_bookmark(library, article_id, claim.start, claim.end, kind=claim.kind, speaker=claim.speaker, **kw)


def test_cursor_on_a_quote_sentence_takes_the_quote_and_its_speaker(seeded):
    _, _, analysis = seeded
    sentence = sentence_at(analysis, RYDER_QUOTE)
    claim = claim_under(analysis, sentence.start, sentence.end)
    assert claim.kind == "quote" and claim.speaker == "Pat Ryder"
    assert analysis.text[claim.start:claim.end] == RYDER_QUOTE


def test_cursor_on_a_plain_sentence_takes_the_sentence(seeded):
    _, _, analysis = seeded
    sentence = sentence_at(analysis, PLAIN_SENTENCE)
    claim = claim_under(analysis, sentence.start, sentence.end)
    assert claim.kind == "sentence" and claim.speaker is None
    assert (claim.start, claim.end) == (sentence.start, sentence.end)


def test_a_bookmark_copies_what_is_needed_to_cite_it(seeded):
    library, article_id, analysis = seeded
    bookmark = bookmark_claim(library, article_id, analysis, RYDER_QUOTE, note="escalation", tags=["kursk", "dprk"])
    assert bookmark.id is not None
    assert bookmark.text == RYDER_QUOTE and bookmark.kind == "quote" and bookmark.speaker == "Pat Ryder"
    assert bookmark.article_hash == analysis.article.content_hash
    assert bookmark.title == analysis.article.title
    assert bookmark.date == "2024-10-29" and bookmark.url == "https://example.org/kursk"
    assert bookmark.source == analysis.article.source
    assert bookmark.note == "escalation" and bookmark.tags == ["kursk", "dprk"]
    assert bookmark.created_at and not bookmark.detached
    assert article_of(library, bookmark) == article_id
    assert [b.id for b in list_bookmarks(library)] == [bookmark.id]
    assert library.stats()["bookmarks"] == 1


def test_sentence_offsets_are_trimmed_to_the_text(seeded):
    library, article_id, analysis = seeded
    at = analysis.text.index(PLAIN_SENTENCE)
    bookmark = add_bookmark(library, article_id, at - 1, at + len(PLAIN_SENTENCE) + 1)
    assert bookmark.text == PLAIN_SENTENCE
    assert (bookmark.start, bookmark.end) == (at, at + len(PLAIN_SENTENCE))


def test_bookmarking_the_same_claim_twice_keeps_one(seeded):
    library, article_id, analysis = seeded
    first = bookmark_claim(library, article_id, analysis, PLAIN_SENTENCE)
    again = bookmark_claim(library, article_id, analysis, PLAIN_SENTENCE, note="cities", tags=["war"])
    assert again.id == first.id and again.note == "cities" and again.tags == ["war"]
    assert len(list_bookmarks(library)) == 1


def test_bad_requests_are_refused(seeded):
    library, article_id, _ = seeded
    with pytest.raises(KeyError):
        add_bookmark(library, article_id + 99, 0, 10)
    with pytest.raises(ValueError):
        add_bookmark(library, article_id, 5, 5)
    with pytest.raises(ValueError):
        add_bookmark(library, article_id, 0, 10, kind="figure")
    assert list_bookmarks(library) == []


def test_filters_by_text_tag_speaker_and_article(seeded):
    library, article_id, analysis = seeded
    ryder = bookmark_claim(library, article_id, analysis, RYDER_QUOTE, tags=["DPRK"])
    zelensky = bookmark_claim(library, article_id, analysis, ZELENSKY_QUOTE, note="scope of the war",
                              tags=["scope", "dprk"])
    plain = bookmark_claim(library, article_id, analysis, PLAIN_SENTENCE)
    other_id = library.store(simple_analysis("The summit opened in Lima. Delegates argued.",
                                             title="Lima summit", path="lima.txt")).article_id
    lima = add_bookmark(library, other_id, 0, 26, tags=["summit"])

    def ids(where: BookmarkFilter) -> set[int]:
        return {b.id for b in list_bookmarks(library, where)}

    assert ids(BookmarkFilter(text=["bombardment"])) == {plain.id}
    assert ids(BookmarkFilter(text=["SCOPE OF"])) == {zelensky.id}  # the note counts, any case
    assert ids(BookmarkFilter(tags=["dprk"])) == {ryder.id, zelensky.id}
    assert ids(BookmarkFilter(tags=["dprk", "scope"])) == {zelensky.id}
    assert ids(BookmarkFilter(speaker="ryder")) == {ryder.id}
    assert ids(BookmarkFilter(article=other_id)) == {lima.id}
    assert ids(BookmarkFilter(article="kursk")) == {ryder.id, zelensky.id, plain.id}
    assert ids(BookmarkFilter()) == {ryder.id, zelensky.id, plain.id, lima.id}
    assert ids(parse_filter('tag:#dprk speaker:"Volodymyr Zel" war')) == {zelensky.id}
    assert ids(parse_filter("article:lima")) == {lima.id}
    assert all_tags(library) == ["DPRK", "scope", "summit"]  # one spelling per tag, the first kept


def test_newest_first(seeded):
    library, article_id, analysis = seeded
    first = bookmark_claim(library, article_id, analysis, RYDER_QUOTE)
    second = bookmark_claim(library, article_id, analysis, PLAIN_SENTENCE)
    assert [b.id for b in list_bookmarks(library)] == [second.id, first.id]
    assert [b.id for b in list_bookmarks(library, limit=1)] == [second.id]
    assert [b.id for b in bookmarks_for_article(library, article_id)] == [first.id, second.id]  # reading order


def test_edit_note_and_tags(seeded):
    library, article_id, analysis = seeded
    bookmark = bookmark_claim(library, article_id, analysis, RYDER_QUOTE, note="old", tags=["a"])
    edited = update_bookmark(library, bookmark.id, note="  new note ", tags=["#b", "c", "b", " "])
    assert edited.note == "new note" and edited.tags == ["b", "c"]
    assert update_bookmark(library, bookmark.id, tags=["x"]).note == "new note"  # what is not given stays
    assert clean_tags("war, #kursk  dprk") == ["war", "kursk", "dprk"]


def test_delete_then_undo_restores_the_same_bookmark(seeded):
    library, article_id, analysis = seeded
    keep = bookmark_claim(library, article_id, analysis, PLAIN_SENTENCE)
    bookmark = bookmark_claim(library, article_id, analysis, RYDER_QUOTE, note="n", tags=["t"])
    gone = delete_bookmark(library, bookmark.id)
    assert [b.id for b in list_bookmarks(library)] == [keep.id]
    with pytest.raises(KeyError):
        get_bookmark(library, bookmark.id)
    back = restore_bookmark(library, gone)
    assert back == bookmark
    assert [b.id for b in list_bookmarks(library)] == [bookmark.id, keep.id]


def test_undo_after_the_id_was_reused_still_restores(seeded):
    library, article_id, analysis = seeded
    bookmark = bookmark_claim(library, article_id, analysis, RYDER_QUOTE)
    gone = delete_bookmark(library, bookmark.id)
    newer = bookmark_claim(library, article_id, analysis, PLAIN_SENTENCE)
    back = restore_bookmark(library, gone)
    assert back.text == RYDER_QUOTE and back.id != newer.id
    assert len(list_bookmarks(library)) == 2


def test_survives_reanalysis(seeded):
    library, article_id, analysis = seeded
    bookmark = bookmark_claim(library, article_id, analysis, RYDER_QUOTE, note="keep")
    upgraded = seed_analysis(path="seed.txt")
    upgraded.article.url = analysis.article.url
    upgraded.quotes = []  # a new analyser that no longer finds the quote
    upgraded.entities = upgraded.entities[:2]
    upgraded.engagements = []
    library.replace_analysis(article_id, upgraded)
    library.prune_entities()
    assert list_bookmarks(library) == [bookmark]
    assert article_of(library, bookmark) == article_id


def test_survives_reingest_of_the_same_article(seeded):
    library, article_id, analysis = seeded
    bookmark = bookmark_claim(library, article_id, analysis, RYDER_QUOTE)
    again = seed_analysis(path="elsewhere/seed-copy.txt")
    again.article.url = analysis.article.url
    assert library.store(again).outcome == "unchanged"
    assert list_bookmarks(library) == [bookmark]


def test_replaced_article_leaves_the_bookmark_detached_with_its_text(seeded):
    library, article_id, analysis = seeded
    bookmark = bookmark_claim(library, article_id, analysis, RYDER_QUOTE, note="cite")
    changed = seed_analysis(path="seed.txt")
    changed.article.body = changed.article.body.replace("a couple thousand", "several thousand")
    result = library.store(changed)
    assert result.outcome == "replaced"
    [kept] = list_bookmarks(library)
    assert kept.detached and kept.text == RYDER_QUOTE and kept.note == "cite" and kept.id == bookmark.id
    assert article_of(library, kept) is None
    assert bookmarks_for_article(library, result.article_id) == []
    assert [b.id for b in list_bookmarks(library, BookmarkFilter(speaker="Ryder"))] == [bookmark.id]


def test_a_new_header_over_the_same_text_keeps_the_bookmark_attached(library: Library):
    """Re-ingesting a file whose Source line now gives a url (same text, new content hash): its
    bookmarks follow it and cite it as it now reads, instead of being detached."""
    old = seed_analysis(path="seed.txt")
    old.article.source = "Wikinews, https://en.wikinews.org/wiki/Kursk (via GUM corpus, github.com/x/gum)"
    article_id = library.store(old).article_id
    bookmark = bookmark_claim(library, article_id, old, RYDER_QUOTE, note="cite", tags=["dprk"])
    new = seed_analysis(path="seed.txt")
    new.article.source, new.article.url = "Wikinews", "https://en.wikinews.org/wiki/Kursk"

    result = library.store(new)

    assert result.outcome == "replaced" and library.count_articles() == 1
    [kept] = list_bookmarks(library)
    assert not kept.detached and article_of(library, kept) == result.article_id
    assert (kept.id, kept.text, kept.note, kept.tags, kept.start, kept.end) == (
        bookmark.id, RYDER_QUOTE, "cite", ["dprk"], bookmark.start, bookmark.end)
    assert (kept.source, kept.url) == ("Wikinews", "https://en.wikinews.org/wiki/Kursk")
    assert bookmarks_for_article(library, result.article_id) == [kept]


def test_an_edited_article_takes_along_the_bookmarks_whose_text_it_still_has(seeded):
    """Re-ingesting the file with a paragraph added above the claim: the bookmark follows the new
    version, at the claim's new offsets, with its note and tags."""
    library, article_id, analysis = seeded
    bookmark = bookmark_claim(library, article_id, analysis, RYDER_QUOTE, note="cite", tags=["dprk"])
    edited = seed_analysis(path="seed.txt")
    edited.article.body = "An editor's note was added above.\n" + edited.article.body
    edited.article.title = "Kursk (updated)"

    result = library.store(edited)

    assert result.outcome == "replaced"
    [kept] = list_bookmarks(library)
    assert not kept.detached and article_of(library, kept) == result.article_id
    assert (kept.id, kept.note, kept.tags, kept.title) == (bookmark.id, "cite", ["dprk"], "Kursk (updated)")
    assert kept.start == bookmark.start + len("An editor's note was added above.\n")
    assert edited.article.body[kept.start:kept.end] == RYDER_QUOTE
    assert bookmarks_for_article(library, result.article_id) == [kept]


def test_a_claim_written_twice_moves_to_the_occurrence_nearest_where_it_was(library: Library):
    first = simple_analysis("Intro. The talks failed. Middle part here. The talks failed. End.")
    article_id = library.store(first).article_id
    second_at = first.article.body.rindex("The talks failed.")
    add_bookmark(library, article_id, second_at, second_at + len("The talks failed."))
    body = "New lead. Intro. The talks failed. Middle part here, longer now. The talks failed. End."
    library.store(simple_analysis(body))
    [kept] = list_bookmarks(library)
    assert not kept.detached and kept.start == body.rindex("The talks failed.")


def test_a_bookmark_whose_text_is_gone_says_its_article_changed(seeded):
    library, article_id, analysis = seeded
    bookmark = bookmark_claim(library, article_id, analysis, RYDER_QUOTE)
    changed = seed_analysis(path="seed.txt")
    changed.article.body = changed.article.body.replace("a couple thousand", "several thousand")
    library.store(changed)
    [kept] = list_bookmarks(library)
    assert kept.detached and kept.article_changed and kept.text == bookmark.text
    assert detached_note(kept) == "its article changed and no longer contains this text"
    assert "*(its article changed and no longer contains this text)*" in bookmark_markdown(kept)


def test_a_detached_bookmark_comes_back_when_its_text_does(seeded):
    library, article_id, analysis = seeded
    bookmark = bookmark_claim(library, article_id, analysis, RYDER_QUOTE)
    changed = seed_analysis(path="seed.txt")
    changed.article.body = changed.article.body.replace("a couple thousand", "several thousand")
    library.store(changed)
    assert list_bookmarks(library)[0].detached
    reverted = seed_analysis(path="seed.txt")
    result = library.store(reverted)
    [kept] = list_bookmarks(library)
    assert not kept.detached and article_of(library, kept) == result.article_id
    assert (kept.start, kept.end) == (bookmark.start, bookmark.end)


def test_an_attached_bookmark_has_no_detached_note(seeded):
    library, article_id, analysis = seeded
    bookmark = bookmark_claim(library, article_id, analysis, RYDER_QUOTE)
    assert detached_note(bookmark) is None and bookmark.path == "seed.txt"


# ------------------------------------------------------------------ reported speech
REPORTED = "that 3,000 North Korean soldiers are stationed near Ukraine’s front lines"


def with_reported_speech(analysis):
    """The seed analysis plus Zelensky's reported speech, as the quote extractor finds it."""
    from briefing.model import Quote

    start = analysis.text.index(REPORTED)
    analysis.quotes.append(Quote(start, start + len(REPORTED), REPORTED, "indirect", "Volodymyr Zelensky", "e2",
                                 "reported"))
    analysis.quotes.sort(key=lambda q: q.start)
    return analysis


def test_a_reported_speech_bookmark_remembers_its_kind_and_is_never_in_quote_marks(library: Library):
    from briefing.store.bookmarks import citation

    analysis = with_reported_speech(seed_analysis(path="seed.txt"))
    article_id = library.store(analysis).article_id
    start = analysis.text.index(REPORTED)
    claim = claim_under(analysis, start, start + 5)
    assert (claim.kind, claim.quote_kind, claim.cue) == ("quote", "indirect", "reported")
    # the store finds the kind itself when the caller gives only the span and "quote"
    kept = add_bookmark(library, article_id, claim.start, claim.end, kind="quote", speaker=claim.speaker)
    assert (kept.quote_kind, kept.cue) == ("indirect", "reported")
    assert citation(kept) == f"(reported) {REPORTED} — Volodymyr Zelensky"
    assert "“" not in citation(kept) and '"' not in citation(kept)

    direct = bookmark_claim(library, article_id, analysis, RYDER_QUOTE)
    assert direct.quote_kind == "direct" and citation(direct) == f"“{RYDER_QUOTE}” — Pat Ryder"
    sentence = bookmark_claim(library, article_id, analysis, PLAIN_SENTENCE)
    assert sentence.quote_kind is None and citation(sentence) == PLAIN_SENTENCE

    restored = restore_bookmark(library, delete_bookmark(library, kept.id))
    assert restored == kept  # the kind survives undo
    assert get_bookmark(library, kept.id).quote_kind == "indirect"


def test_a_first_release_library_learns_the_kind_of_its_quote_bookmarks(tmp_path):
    """Upgrading takes a bookmark's quote kind from its article's analysis when the span is a quote there."""
    import shutil
    import sqlite3
    from pathlib import Path

    copy = tmp_path / "v1.db"
    shutil.copy(Path(__file__).parent.parent / "fixtures" / "libraries" / "v1.db", copy)
    with sqlite3.connect(copy) as conn:
        digest, start, end = conn.execute('SELECT article_hash, start, "end" FROM bookmarks').fetchone()
        article_id, body = conn.execute("SELECT id, body FROM articles WHERE content_hash = ?", [digest]).fetchone()
        conn.execute('INSERT INTO quotes (article_id, start, "end", text, kind, speaker, cue)'
                     " VALUES (?, ?, ?, ?, 'indirect', 'Sabrina Singh', 'said')",
                     [article_id, start, end, body[start:end]])
    conn.close()
    with Library(copy) as library:
        [bookmark] = list_bookmarks(library)
        assert (bookmark.kind, bookmark.quote_kind, bookmark.cue) == ("quote", "indirect", "said")


YERMAK_QUOTE = "Military aid, stronger sanctions, and increased pressure on Moscow’s allies are essential,"


def test_a_quote_cut_from_its_said_clause_is_cited_without_the_joining_comma(library: Library):
    """“… are essential,” Yermak posted: the comma belongs to the sentence, not to the citation."""
    from briefing.model import Quote
    from briefing.store.bookmarks import citation

    analysis = seed_analysis(path="seed.txt")
    start = analysis.text.index(YERMAK_QUOTE)
    analysis.quotes.append(Quote(start, start + len(YERMAK_QUOTE), YERMAK_QUOTE, "direct", "Andriy Yermak", "e6",
                                 "posted"))
    analysis.quotes.sort(key=lambda q: q.start)
    article_id = library.store(analysis).article_id
    kept = add_bookmark(library, article_id, start, start + len(YERMAK_QUOTE), kind="quote", speaker="Andriy Yermak")
    assert kept.text == YERMAK_QUOTE  # the words as the article has them are kept
    assert citation(kept) == ("“Military aid, stronger sanctions, and increased pressure on Moscow’s allies"
                              " are essential” — Andriy Yermak")
