"""Engagements on real corpus sentences: who, where, when and whether they are still to come."""

from __future__ import annotations

from briefing.analysis.dates import extract_dates
from briefing.analysis.engagements import extract_engagements
from briefing.analysis.entities import extract_entities
from briefing.model import Article

# seed-kursk-briefing.txt (2024-10-29), verbatim.
SEED_LAST = (
    "As tensions mount with North Korea’s apparent alignment with Russia, Zelensky will address this "
    "international expansion of the conflict with Nordic leaders in Reykjavik and attend a conference in "
    "Canada to discuss the abduction of Ukrainian children from occupied territories by Russian forces—a "
    "move he condemns as an attempt to erase Ukraine’s future generation."
)
SEED_SULLIVAN = (
    "On the U.S. side, National Security Advisor Jake Sullivan met with Zelensky’s top aide, Andriy "
    "Yermak, in Washington to further discuss Ukraine’s “victory plan” and strategize additional sanctions "
    "against Russia."
)
SEED_NOT_ENGAGEMENTS = (
    "Biden’s comments followed a briefing where he underscored the potential escalation that North Korea’s "
    "involvement poses to the ongoing conflict. Ukrainian President Volodymyr Zelensky echoed the alarm, "
    "confirming discussions with South Korean President Yoon Suk Yeol."
)
# Wikinews 2004 (public domain), verbatim.
BUSH = "Bush made his first official state visit to Canada this week."  # in a sample dated 2004-11-30
KOIZUMI = (  # dated 2004-11-18
    "Japanese Prime Minister Koizumi Junichiro has publicly stated he wishes to speak with Chinese "
    "President Hu Jintao about this and other matters of Sino-Japanese contention at the upcoming annual "
    "Asia-Pacific Economic Cooperation summit in Chile later this month."
)
WU = (  # dated 2004-11-18
    "On 17 November, Chinese Vice Foreign Minister Wu Daiwei met with the Japanese ambassador to China "
    "Anami Koreshige in Beijing and offered an apology for the incident."
)
PARLIAMENT = (  # dated 2004-12-06
    "While it awaits the President's decision, the Parliament will vote on the new State Budget for 2005 "
    "today, amid protests from the opposition."
)
VOHOR = (  # dated 2004-12-06
    "Vohor has been in office for only four months and his position now seems precarious, after his "
    "secret visit to Taiwan last month."
)
WARNING = (  # dated 2004-12-27
    "The U.K. Foreign and Commonwealth Office also carries Travel Advice notices covering many of the countries "
    "hit by the tsunamis, and similarly urges citizens not to travel to the areas unless absolutely necessary."
)


def read_sample(path) -> tuple[str, str]:
    """A bundled sample article: its body and its date."""
    raw = path.read_text(encoding="utf-8")
    head, _, body = raw.partition("\n\n")
    date = next(line.split(": ", 1)[1] for line in head.splitlines() if line.startswith("Date: "))
    return body.rstrip("\n"), date[:10]


def engagements_of(nlp, text: str, date: str):
    doc = nlp(text)
    entities = extract_entities(doc)
    dates = extract_dates(doc, date)
    found = extract_engagements(doc, entities, dates, Article(title="t", body=text, date=date))
    names = {e.id: e.name for e in entities}
    return found, names


def test_two_upcoming_engagements_in_one_sentence_get_their_own_places(nlp):
    found, names = engagements_of(nlp, SEED_LAST, "2024-10-29")
    assert sorted(names[g.where] for g in found) == ["Canada", "Reykjavik"]
    for g in found:
        assert g.status == "upcoming"
        assert "Zelensky" in {names[w] for w in g.who}
        assert (g.start, g.end) == (0, len(SEED_LAST))
    assert any(g.what.startswith("attend a conference") for g in found)


def test_past_meeting_with_both_parties_and_place(nlp):
    found, names = engagements_of(nlp, SEED_SULLIVAN, "2024-10-29")
    assert len(found) == 1
    g = found[0]
    assert {names[w] for w in g.who} >= {"Jake Sullivan", "Andriy Yermak"}
    assert names[g.where] == "Washington"
    assert g.status == "past"


def test_briefings_and_discussions_are_not_engagements(nlp):
    found, _ = engagements_of(nlp, SEED_NOT_ENGAGEMENTS, "2024-10-29")
    assert found == []


def test_possessed_visit_with_a_date_in_the_whole_sample_article(nlp, samples):
    text, date = read_sample(samples / "wikinews2004-us-president-bush-visits-canada.txt")
    assert BUSH in text
    found, names = engagements_of(nlp, text, date)
    visits = [g for g in found if g.when_text == "this week"]
    assert len(visits) == 1
    g = visits[0]
    assert names[g.where] == "Canada" and g.status == "past"
    assert any("Bush" in names[w] for w in g.who)
    # "During an early afternoon news conference with Prime Minister Paul Martin, Bush said ..."
    conference = [g for g in found if "news conference" in g.what]
    assert len(conference) == 1
    assert {"Paul Martin"} <= {names[w] for w in conference[0].who}
    assert any("Bush" in names[w] for w in conference[0].who)


def test_upcoming_summit_from_the_adjective_and_the_date(nlp):
    found, names = engagements_of(nlp, KOIZUMI, "2004-11-18")
    assert len(found) == 1
    g = found[0]
    assert names[g.where] == "Chile"
    assert g.status == "upcoming"
    assert any("Koizumi" in names[w] for w in g.who)


def test_meeting_place_is_the_one_the_meeting_is_in(nlp):
    found, names = engagements_of(nlp, WU, "2004-11-18")
    assert len(found) == 1
    assert names[found[0].where] == "Beijing"  # not "China" of "ambassador to China"
    assert found[0].date == "2004-11-17" and found[0].status == "past"


def test_will_vote_is_upcoming(nlp):
    found, _ = engagements_of(nlp, PARLIAMENT, "2004-12-06")
    assert [g.status for g in found] == ["upcoming"]


def test_possessed_visit_last_month_is_past_in_the_whole_sample_article(nlp, samples):
    text, date = read_sample(samples / "wikinews2004-vanuatu-pm-accused-of-assaulting-envoy.txt")
    found, names = engagements_of(nlp, text, date)
    visits = [g for g in found if g.where and names[g.where] == "Taiwan"]
    assert len(visits) == 1
    assert visits[0].status == "past" and visits[0].when_text == "last month"
    assert any("Vohor" in names[w] for w in visits[0].who)


def test_lunch_with_a_president_in_the_whole_sample_article(nlp, samples):
    text, date = read_sample(samples / "wikinews2004-president-of-china-lunches-with-brazilian-president.txt")
    found, names = engagements_of(nlp, text, date)
    lunch = [g for g in found if "lunch" in g.what]
    assert len(lunch) == 1
    assert any("Hu Jintao" in names[w] for w in lunch[0].who)
    assert lunch[0].status == "past"


def test_advice_not_to_travel_is_no_trip(nlp):
    found, _ = engagements_of(nlp, WARNING, "2004-12-27")
    assert found == []


def test_what_never_ends_inside_a_name_or_a_date_nor_on_a_dangling_word(nlp, samples):
    """The agenda shows `what`: "with ... Lula da" or "in Chile later this" reads as a mistake."""
    text, date = read_sample(samples / "wikinews2004-president-of-china-lunches-with-brazilian-president.txt")
    found, _ = engagements_of(nlp, text, date)
    [lunch] = [g for g in found if "lunch" in g.what]
    assert lunch.what.endswith("Luiz Inácio Lula da Silva")
    found, _ = engagements_of(nlp, KOIZUMI, "2004-11-18")
    assert found[0].what.endswith("in Chile later this month")
    assert "Asia-Pacific Economic Cooperation summit" in found[0].what  # punctuation as written
    found, _ = engagements_of(nlp, PARLIAMENT, "2004-12-06")
    assert found[0].what.split()[-1] not in {"from", "of", "the", "with", "and", "to"}
