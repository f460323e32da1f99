"""Quotes on real corpus sentences: marks, kinds, speakers (subject, inverted, pronoun, according to)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.analysis.dates import extract_dates
from briefing.analysis.entities import extract_entities
from briefing.analysis.quotes import extract_quotes, find_quote_marks
from briefing.model import Article

# The seed article's paragraphs (sample_articles/seed-kursk-briefing.txt), verbatim.
SEED_P1 = (
    "The Pentagon confirmed today that a “small number” of North Korean troops have been deployed to "
    "Russia’s Kursk region, just miles from the Ukrainian border. Speaking at a press briefing, Pentagon "
    "spokesman Major General Pat Ryder voiced U.S. concerns that these troops may soon see combat against "
    "Ukrainian forces. He warned of a larger wave, saying, “There are indications that a couple thousand "
    "more North Korean troops are either close to arriving or expected imminently.”"
)
SEED_P2 = (
    "President Joe Biden expressed his own concerns, asserting that Ukrainian forces have the right to "
    "strike back if North Korean troops cross into Ukraine. Biden’s comments followed a briefing where he "
    "underscored the potential escalation that North Korea’s involvement poses to the ongoing conflict."
)
SEED_P3 = (
    "Ukrainian President Volodymyr Zelensky echoed the alarm, confirming discussions with South Korean "
    "President Yoon Suk Yeol. Zelensky reported that 3,000 North Korean soldiers are stationed near "
    "Ukraine’s front lines, with expectations for that number to increase up to 12,000. “This war has gone "
    "beyond borders,” Zelensky stated, underlining the growing international scope of the conflict."
)
SEED_P4 = (
    "On the U.S. side, National Security Advisor Jake Sullivan met with Zelensky’s top aide, Andriy "
    "Yermak, in Washington to further discuss Ukraine’s “victory plan” and strategize additional sanctions "
    "against Russia. “Military aid, stronger sanctions, and increased pressure on Moscow’s allies are "
    "essential,” Yermak posted, marking a unified stance on containing the crisis."
)
SEED_P5 = (
    "Meanwhile, Ukrainian cities continue to face heavy bombardment. In Kharkiv, a second Russian airstrike "
    "in under six hours killed four people and damaged civilian infrastructure, according to the city’s "
    "mayor, Ihor Terekhov."
)
# GUM news (Wikinews, CC BY 2.5), verbatim paragraphs with their straight quote marks.
SOCCER = (
    "Harry Kane won the Budweiser Man of the Match award. He said, \"In the first half it felt good out "
    "there.\n\nWe could've scored two or three goals in the first half and put the game to bed early.\" "
    "After the match, Tunisia's coach Nabil Maaloul said, \"We were playing against a highly-skilled and "
    "highly co-ordinated team in terms of their forward players.\n\nIf we were to get a draw it would have "
    "been an excellent result for us."
)
QUESTIONNAIRE = (
    "It quoted critics like immigration barrister Colin Yeo, and Joint Council for the Welfare of "
    "Immigrants campaigner Caitlin Boswell, with Boswell stating: \"People fleeing desperate circumstances "
    "clearly need this government to make quicker and fairer asylum decisions, but this latest move from "
    "government is clumsy, unthinking and could put people’s safety at risk.\n\n\"No one’s right to refuge "
    "should be jeopardised because they weren't able to fill in an unwieldy form in a language they don’t "
    "speak.\""
)
WARHOL = (
    "\"I think everybody knows Andy Warhol's name, even non-art people, that's a name they might know "
    "because he was such a personality\", Water said."
)
NASA = (
    "At the ceremony, NASA Administrator Charles Bolden announced the locations that would be given the "
    "three remaining Space Shuttle orbiters following the end of the Space Shuttle program.\n\n\"We want to "
    "thank all of the locations that expressed an interest in one of these national treasures,\" said "
    "Bolden to the gathered crowd which contained many KSC employees."
)
HOMEOPATHIC = (
    "Gloria developed severe eczema at the age of four months and the parents were advised to send the "
    "child to a skin specialist. Thomas Sam, a practising homeopath, instead decided to treat his daughter "
    "himself. His daughter's condition deteriorated, to the point that the baby spent all her energy "
    "battling the infections caused by the constant breaking of the skin.\n\nAllegedly, Thomas' sister "
    "pleaded with him to send Gloria to a conventional medical doctor, but he replied \"I am not able to do "
    "that\"."
)
KOREA = (
    "According to Yonhap news agency, quoting North Korea's main news agency Korean Central News Agency "
    "(KCNA), the country's military has been placed on high alert and has been told to prepare a "
    "\"quasi-state of war\". The report comes after North and South Korea exchanged artillery fire "
    "yesterday.\n\n\"Six shells of them hit the area near KPA civil police posts 542 and 543 and other 15 "
    "shells fell near KPA civil police posts 250 and 251\", said KCNA. \"Foolhardy provocation deserves "
    "harsh punishment\", it added."
)


def quotes_of(nlp, text: str, date: str = "2024-10-29"):
    doc = nlp(text)
    return extract_quotes(doc, extract_entities(doc), Article(title="t", body=text, date=date))


def one(quotes, start_of_text: str):
    hits = [q for q in quotes if q.text.startswith(start_of_text)]
    assert len(hits) == 1, [(q.kind, q.text[:40]) for q in quotes]
    return hits[0]


def test_offsets_point_at_the_text(nlp):
    text = "\n".join([SEED_P1, SEED_P2, SEED_P3, SEED_P4, SEED_P5])
    for q in quotes_of(nlp, text):
        assert text[q.start:q.end] == q.text
        assert q.kind in ("direct", "partial", "indirect")


def test_direct_quote_with_curly_marks_and_inverted_frame(nlp):
    q = one(quotes_of(nlp, SEED_P3), "This war has gone beyond borders")
    assert (q.kind, q.speaker, q.cue) == ("direct", "Volodymyr Zelensky", "stated")
    assert q.speaker_entity is not None


def test_pronoun_speaker_is_the_person_named_before(nlp):
    q = one(quotes_of(nlp, SEED_P1), "There are indications")
    assert q.kind == "direct"
    assert q.speaker == "Pat Ryder"


def test_partial_quote_takes_the_speaker_of_the_report_it_sits_in(nlp):
    q = one(quotes_of(nlp, SEED_P1), "small number")
    assert (q.kind, q.speaker, q.cue) == ("partial", "Pentagon", "confirmed")


def test_scare_quoted_term_without_a_speaker_is_not_a_quote(nlp):
    assert not [q for q in quotes_of(nlp, SEED_P4) if "victory plan" in q.text and q.kind != "indirect"]


def test_indirect_speech_from_a_participle_takes_the_clause_subject(nlp):
    q = one([q for q in quotes_of(nlp, SEED_P2) if q.kind == "indirect"], "that Ukrainian forces")
    assert q.speaker == "Joe Biden"
    assert q.text.endswith("cross into Ukraine")


def test_indirect_speech_after_said_that(nlp):
    q = one([q for q in quotes_of(nlp, SEED_P3) if q.kind == "indirect"], "that 3,000")
    assert (q.speaker, q.cue) == ("Volodymyr Zelensky", "reported")


def test_reporting_noun_concerns_that(nlp):
    q = one([q for q in quotes_of(nlp, SEED_P1) if q.kind == "indirect"], "that these troops")
    assert q.speaker == "Pat Ryder"


def test_according_to_resolves_through_apposition(nlp):
    q = one([q for q in quotes_of(nlp, SEED_P5) if q.kind == "indirect"], "In Kharkiv, a second Russian airstrike")
    assert (q.speaker, q.cue) == ("Ihor Terekhov", "according to")
    assert "killed four people" in q.text and "according" not in q.text


def test_posted_is_a_reporting_verb(nlp):
    q = one(quotes_of(nlp, SEED_P4), "Military aid")
    assert q.speaker == "Andriy Yermak"


def test_straight_quotes_with_said_after(nlp):
    q = one(quotes_of(nlp, WARHOL), "I think everybody knows")
    assert q.kind == "direct" and q.speaker and "Water" in q.speaker


def test_inverted_said_x(nlp):
    q = one(quotes_of(nlp, NASA), "We want to thank")
    assert q.speaker == "Charles Bolden"


def test_multi_paragraph_quote_reopened_by_the_next_paragraph(nlp):
    q = one(quotes_of(nlp, QUESTIONNAIRE), "People fleeing")
    assert q.text.endswith("they don’t speak.")  # one quote over both paragraphs
    assert "Boswell" in q.speaker


def test_quote_closed_in_the_next_paragraph_and_a_quote_left_open(nlp):
    quotes = quotes_of(nlp, SOCCER)
    kane = one(quotes, "In the first half")
    assert kane.text.endswith("put the game to bed early.")
    assert kane.speaker == "Harry Kane"
    maaloul = one(quotes, "We were playing")
    assert maaloul.text.endswith("forward players.")  # an unclosed quote ends with its paragraph
    assert "Maaloul" in maaloul.speaker


def test_he_skips_a_person_the_text_calls_she(nlp):
    q = one(quotes_of(nlp, HOMEOPATHIC), "I am not able to do that")
    assert q.speaker and "Thomas" in q.speaker
    assert (q.kind, q.cue) == ("direct", "replied")  # a quote right after its verb is direct


def test_it_resolves_to_an_organisation(nlp):
    quotes = quotes_of(nlp, KOREA)
    agency = {"KCNA", "Korean Central News Agency"}  # as the entity is named, with or without its acronym
    assert one(quotes, "Six shells").speaker in agency
    assert one(quotes, "Foolhardy provocation").speaker in agency


# ------------------------------------------------------------------ the mark scanner
def test_marks_straight_and_curly():
    text = 'He said "one two" and then “three four” and ‘five six’.'
    assert [text[q.start:q.end] for q in find_quote_marks(text)] == ["one two", "three four", "five six"]


def test_apostrophes_are_not_quotes():
    text = "Russia’s Kursk region and the Smiths' house are not quotes, nor is rock 'n' roll's."
    assert find_quote_marks(text) == []


def test_a_stray_mark_costs_at_most_its_paragraph():
    """A real article with one mark deleted: the other paragraphs' quotes are untouched."""
    broken = SEED_P1.replace("“small number”", "“small number")
    text = "\n".join([broken, SEED_P2, SEED_P3, SEED_P4])
    found = [text[q.start:q.end] for q in find_quote_marks(text)]
    assert "This war has gone beyond borders," in found
    assert any(f.startswith("Military aid") for f in found)
    assert all(f.count("\n") == 0 for f in found)


def test_an_unclosed_straight_mark_does_not_swallow_the_article():
    text = "\n".join(['The report is titled "Iodine in Australia.', SEED_P3.replace("“", '"').replace("”", '"'),
                      SEED_P5])
    found = [text[q.start:q.end] for q in find_quote_marks(text)]
    assert "This war has gone beyond borders," in found
    assert all("Kharkiv" not in f for f in found)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(['"', "“", "”", "‘", "’", "'", "word", " ", ",", ".", "\n", "\n\n", ":"]),
                max_size=60))
def test_any_mix_of_marks_gives_valid_disjoint_spans(parts):
    text = "".join(parts)
    spans = find_quote_marks(text)
    last = -1
    for q in spans:
        assert 0 <= q.start < q.end <= len(text)
        assert q.start >= last
        last = q.end


def test_pipeline_output_has_quotes_for_the_seed(nlp, seed_path):
    raw = seed_path.read_text(encoding="utf-8")
    body = raw.split("\n\n", 1)[1].rstrip("\n")
    doc = nlp(body)
    entities = extract_entities(doc)
    extract_dates(doc, "2024-10-29")  # the pipeline runs it before; it must not matter here
    quotes = extract_quotes(doc, entities, Article(title="seed", body=body, date="2024-10-29"))
    speakers = {q.text: q.speaker for q in quotes if q.kind != "indirect"}
    assert speakers == {
        "small number": "Pentagon",
        "There are indications that a couple thousand more North Korean troops are either close to "
        "arriving or expected imminently.": "Pat Ryder",
        "This war has gone beyond borders,": "Volodymyr Zelensky",
        "Military aid, stronger sanctions, and increased pressure on Moscow’s allies are essential,": "Andriy Yermak",
    }


@pytest.mark.parametrize("text", ["", "\n\n", "“", '"', "‘’"])
def test_degenerate_texts(nlp, text):
    assert quotes_of(nlp, text) == []
