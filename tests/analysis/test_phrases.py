"""Noun phrases around names, on real corpus sentences: a name's mention is the phrase it heads,
and a phrase headed by a telling common noun around a name is an entity of its own."""

from __future__ import annotations

from briefing.analysis.extract import extract
from briefing.model import Analysis, Article


def analyse(nlp, text: str) -> Analysis:
    return extract(nlp(text), Article(title="t", body=text))


def mentions(analysis: Analysis) -> dict[str, list[str]]:
    """Entity name -> the text of each of its mentions."""
    body = analysis.article.body
    return {e.name: [body[m.start:m.end] for m in e.mentions] for e in analysis.entities}


def kinds(analysis: Analysis) -> dict[str, str]:
    return {e.name: e.kind for e in analysis.entities}


def test_a_persons_mention_takes_in_title_possessor_and_party(nlp):
    found = mentions(analyse(nlp, "Civic Party's Jeremy Tam was elected for the first time."))
    assert found["Jeremy Tam"] == ["Civic Party's Jeremy Tam"]
    assert found["Civic Party"] == ["Civic Party"]  # nested inside, still the party's own mention
    found = mentions(analyse(nlp, "Yesterday Tunisia lost 1 – 2 to England, with a late goal from English "
                                  "captain Harry Kane."))
    assert found["Harry Kane"] == ["English captain Harry Kane"]


def test_of_the_party_belongs_to_the_person_however_the_model_parsed_it(nlp):
    text = ("In the Kowloon West geographical constituency, pro-Beijing councillors Ann Chiang of DAB and "
            "Priscilla Leung of BPA were successfully re-elected, as well as pan-democratic councillors "
            "Claudia Mo of the Civic Party and Wong Pik-wan of the Democratic Party.")
    found = mentions(analyse(nlp, text))
    assert found["Wong Pik-wan"] == ["Wong Pik-wan of the Democratic Party"]
    assert found["Democratic Party"] == ["the Democratic Party"]
    # a conjunct after the party is not part of the first person's phrase
    assert all(" and " not in m for name in ("Ann Chiang", "Claudia Mo") for m in found[name])


def test_a_body_the_model_missed_after_a_persons_of_is_an_organisation(nlp):
    text = ("In the Kowloon West geographical constituency, pro-Beijing councillors Ann Chiang of DAB and "
            "Priscilla Leung of BPA were successfully re-elected.")
    analysis = analyse(nlp, text)
    assert kinds(analysis).get("BPA") == "organization"
    assert mentions(analysis)["BPA"] == ["BPA"]
    found = analyse(nlp, "Other pro-Beijing elected were FTU's Kwok Wai-keung and DAB's Horace Cheung.")
    assert kinds(found).get("FTU") == "organization"


def test_a_role_around_a_place_is_a_person_of_its_own(nlp):
    text = ("The US State Department said John Kerry, the Secretary of State, contacted Thailand's foreign "
            "minister over temporary housing for the Rohingya out at sea.")
    analysis = analyse(nlp, text)
    assert kinds(analysis)["Thailand's foreign minister"] == "person"
    assert mentions(analysis)["Thailand"] == ["Thailand"]  # the country keeps only its own name
    # "the Secretary of State" is set beside John Kerry: his mention, not another person
    assert "Secretary of State" not in kinds(analysis)


def test_people_described_around_a_name_are_a_group(nlp):
    analysis = analyse(nlp, "Montalvo contacted former members of Scientology, who helped him leave the "
                            "organization and get in touch with Devocht.")
    assert kinds(analysis)["former members of Scientology"] == "group"
    assert mentions(analysis)["former members of Scientology"] == ["former members of Scientology"]


def test_a_person_and_a_body_described_around_a_name(nlp):
    text = ("Recent reports have revealed that a defector from the elite group within Scientology called the "
            "Sea Org was first persuaded to travel back to a management building for the organization in "
            "California, where he was interrogated by an attorney for Scientology and then arrested.")
    analysis = analyse(nlp, text)
    assert kinds(analysis)["an attorney for Scientology"] == "person"
    assert kinds(analysis)["elite group within Scientology"] == "organization"
    assert mentions(analysis)["Scientology"] == ["Scientology", "Scientology"]


def test_the_edge_of_a_place_is_a_place_of_its_own_but_a_region_is_the_place(nlp):
    analysis = analyse(nlp, "Teams from Morocco and Iran both had difficulties getting themselves or their "
                            "robots across the U.S. border.")
    assert kinds(analysis)["U.S. border"] == "place"
    text = ("The Pentagon confirmed today that a “small number” of North Korean troops have been deployed to "
            "Russia’s Kursk region, just miles from the Ukrainian border.")
    analysis = analyse(nlp, text)
    names = kinds(analysis)
    assert not any("Kursk region" in n for n in names if n != "Kursk")  # no second entity for the region
    assert "Ukrainian border" not in names  # a nationality is no name to be described around


def test_a_government_named_for_a_leader_is_a_body_but_a_countrys_is_the_country(nlp):
    analysis = analyse(nlp, "President George W. Bush spoke on Monday. The Bush administration has pledged "
                            "$350 million in aid for the relief effort.")
    assert kinds(analysis)["Bush administration"] == "organization"
    assert mentions(analysis)["George W. Bush"] == ["President George W. Bush", "Bush"]
    analysis = analyse(nlp, "The Romanian government said it would not sell the stake.")
    assert not any(n.endswith("government") for n in kinds(analysis))


def test_a_title_beside_a_name_is_that_persons_mention(nlp):
    text = ('"AirTran Airways would like to thank the many Boeing employees for their hard work," said Joe '
            "Leonard, Chairman and Chief Operating Officer of AirTran Airways.")
    analysis = analyse(nlp, text)
    people = [e for e in analysis.entities if e.kind == "person"]
    assert [e.name for e in people] == ["Joe Leonard"]
    assert "Chief Operating Officer of AirTran Airways" in mentions(analysis)["Joe Leonard"]


def test_a_predicate_noun_is_a_mention_of_its_named_subject(nlp):
    text = ("Demosisto's Nathan Law earned a surprise victory as second place in the constituency with "
            "50,818 votes, and becomes the youngest Legislative Council member in Hong Kong's history.")
    analysis = analyse(nlp, text)
    assert "youngest Legislative Council member" in " ".join(mentions(analysis)["Nathan Law"])
    assert [e.name for e in analysis.entities if e.kind == "person"] == ["Nathan Law"]


def test_a_name_inside_a_longer_name_is_not_widened_over_it(nlp):
    text = ("The 22nd Fan Expo Canada took place at the Metro Toronto Convention Centre this weekend, "
            "attracting thousands to the event, one of the most popular in North America. "
            "America's biggest fans came from the US and from Canada.")
    analysis = analyse(nlp, text)
    for e in analysis.entities:
        if e.name != "North America":
            assert "North America" not in [text[m.start:m.end] for m in e.mentions], e.name


def test_speakers_still_resolve_to_the_name(nlp):
    """Mentions are widened after quotes and engagements are found, so speakers are the people."""
    text = ('"AirTran Airways would like to thank the many Boeing employees for their hard work," said Joe '
            "Leonard, Chairman and Chief Operating Officer of AirTran Airways.")
    analysis = analyse(nlp, text)
    assert [q.speaker for q in analysis.quotes if q.kind == "direct"] == ["Joe Leonard"]


def test_people_somewhere_are_no_named_group(nlp):
    """The seed: "address ... with Nordic leaders in Reykjavik" names no group "Nordic leaders in Reykjavik"."""
    found = kinds(analyse(nlp, "As tensions mount with North Korea’s apparent alignment with Russia, Zelensky will "
                               "address this international expansion of the conflict with Nordic leaders in Reykjavik "
                               "and attend a conference in Canada to discuss the abduction of Ukrainian children from "
                               "occupied territories by Russian forces."))
    assert not any("Reykjavik" in name and kind == "group" for name, kind in found.items())
    assert found.get("Reykjavik") == "place"


def test_a_title_naming_a_thing_beside_a_name_is_that_persons_mention(nlp):
    text = ("Professor Cres Eastman, Director of the National Iodine Nutrition study, and Chairman of the "
            "Australian Centre for Control of Iodine Deficiency Disorders, says it is crucial that children and "
            "pregnant women in particular have an adequate intake of iodine.")  # gum-news-iodine
    analysis = analyse(nlp, text)
    assert kinds(analysis)["National Iodine Nutrition"] == "other"
    assert "Director of the National Iodine Nutrition study" in mentions(analysis)["Cres Eastman"]
