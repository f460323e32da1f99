"""Mistakes new readers found in the analysis (entity kinds, aliases, speakers, roles), each on the
real sentences of the article it was found in, with a sentence that must stay as it was.

The sentences are copied verbatim from the dev corpus: GUM news (Wikinews, CC BY 2.5), Wikinews
2004 (public domain) and MEANTIME (Wikinews, CC BY 2.5).
"""

from __future__ import annotations

from briefing.analysis.entities import _abbreviates, _compass_pair, extract_entities
from briefing.analysis.extract import extract
from briefing.analysis.quotes import extract_quotes
from briefing.model import Analysis, Article, Entity, Quote

# gum-news-korea
YEONCHEON = ("No injuries or deaths were reported in the attacks from either side, but South Korea evacuated "
             "about 80 people in the town of Yeoncheon after at least one shell landed near the area.")
BOTH_KOREAS = "The report comes after North and South Korea exchanged artillery fire yesterday."
KCNA = ("According to Yonhap news agency, quoting North Korea's main news agency Korean Central News Agency "
        "(KCNA), the country's military has been placed on high alert and has been told to prepare a "
        "\"quasi-state of war\".")
SUPREME_COMMANDER = (
    "\"Foolhardy provocation deserves harsh punishment\", it added; and, later, \"Kim Jong-un issued an order "
    "of the supreme commander of the Korean People's Army [KPA] that the front-line large combined units of "
    "the KPA should enter a wartime state to be fully battle ready to launch surprise operations\".")
# gum-news-asylum
ROHINGYA = (
    "Major general Fuad Basya, spokesman for the Indonesian military, said fisherman first noticed the people "
    "and a warship was deployed to retrieve them. The rescued members included Bangladeshis and Rohingya, a "
    "stateless minority of Muslims from Myanmar. Myanmar is mainly Buddhist and the United Nations rates the "
    "Rohingya among the world's most persecuted groups.\n\n"
    "One Rohingya, Muhammad Amin, the first boat rescued on Friday was turned around twice, toward Malaysia by "
    "Indonesian navy and then toward Indonesia by Malaysian navy.")
ESTIMATES = "Estimates suggest 8000 migrants may be currently at sea in the region."
# meantime-apple-191597: counted, but a product, not a people
IPHONES = ("Ben Reitzes, with Barclays Capital, estimated that over eight million iPhones will have been sold by "
           "the end of the current financial quarter, which ends on June 26.")
# wikinews2004-us-president-bush-visits-canada
INDYMEDIA = (
    "Protesters clashed with riot police in Ottawa briefly on Tuesday in a break from what has been for the "
    "most part a calm series of demonstrations. The Indymedia group of websites reported a demonstration on "
    "the 29th against the deportation of Palestinian refugees.")
NORAD = (
    "Topics discussed included the U.S. \"Star Wars\" missile defence system, the future of NORAD (North "
    "American Aerospace Defence Command), combatting of AIDS and other diseases in Africa, and cracking down "
    "on illegal activities on the U.S.-Canada border.")
# wikinews2004-democrats-ask-gao-for-election-review
BLACKWELL = ("I agree that Ohio Secretary of State Blackwell's dual role calls into question any election "
             "decision he made that favored Republicans.")
GAO = (
    "The U.S. Government Accountability Office previously reported on voting irregularities in eariler "
    "presidential elections.\n\n"
    "A September 14, 2004 GAO report on the 2000 presidential elections detailed changes the DOJ implemented "
    "to try to ensure voter access to polls, and the importance of monitoring election-day activities. The "
    "report warned that allegations in the 2000 election lacked sufficient specifics to enable the DOJ to "
    "perform and adequate investigation and recommended that more precise information be collected regarding "
    "voting for the 2004 presidential election.")
# gum-news-taxes: the same title mistake, with a full name
GIANNINI = "Minister of Education Stefania Giannini said a \"more general reflection\" ((it)) is needed."
# wikinews2004-bush-to-propose-major-overhaul-of-social-security-benefits
POINTING_OUT = (
    "President Bush will support the move to price indexing for calculating initial benefits by pointing out "
    "that it was the approach recommended by his 2001 Commission to Strengthen Social Security.")
OPPONENTS = (
    "Opponents of the price-indexing proposal point out that inflation-based calculations of benefits, by "
    "linking benefits to prices but not wage levels, would cut retirees out from future increases in living "
    "standards since it is wages and not prices that determine standards of living.")


def entities(nlp, text: str) -> dict[str, Entity]:
    return {e.name: e for e in extract_entities(nlp(text))}


def analyse(nlp, text: str) -> Analysis:
    return extract(nlp(text), Article(title="t", body=text))


def quotes(nlp, text: str) -> list[Quote]:
    doc = nlp(text)
    return extract_quotes(doc, extract_entities(doc), Article(title="t", body=text, date="2005-01-04"))


def said(found: list[Quote], start: str) -> Quote:
    return next(q for q in found if q.text.startswith(start))


# ------------------------------------------------------------------ kinds
def test_the_town_of_a_name_is_a_place(nlp):
    assert entities(nlp, YEONCHEON)["Yeoncheon"].kind == "place"


def test_a_people_listed_with_nationalities_and_counted_as_a_person_is_a_group(nlp):
    found = entities(nlp, ROHINGYA)
    assert found["Rohingya"].kind == "group"
    assert found["Bangladeshis"].kind == "group"
    assert found["Muhammad Amin"].kind == "person"


def test_a_counted_product_is_no_people(nlp):
    assert all(e.kind != "group" for e in extract_entities(nlp(IPHONES)) if "iPhone" in e.name)


def test_a_name_heading_a_group_of_websites_is_an_organisation_not_a_place(nlp):
    analysis = analyse(nlp, INDYMEDIA)
    named = [e for e in analysis.entities if "Indymedia" in e.name]
    assert [(e.name, e.kind) for e in named] == [("Indymedia", "organization")]  # one entity, the outlet
    assert [INDYMEDIA[m.start:m.end] for m in named[0].mentions] == ["The Indymedia group of websites"]


def test_north_and_south_korea_are_two_places(nlp):
    found = entities(nlp, BOTH_KOREAS)
    assert "North and South Korea" not in found
    assert found["North Korea"].kind == found["South Korea"].kind == "place"
    assert [BOTH_KOREAS[m.start:m.end] for m in found["North Korea"].mentions] == ["North"]
    assert [BOTH_KOREAS[m.start:m.end] for m in found["South Korea"].mentions] == ["South Korea"]


def test_compass_pairs_split_and_other_names_do_not():
    assert _compass_pair("East and West Germany") == [(0, 4, "East Germany"), (9, 21, "West Germany")]
    assert _compass_pair("North Korea") is None
    assert _compass_pair("Trinidad and Tobago") is None


def test_a_title_before_a_name_is_the_persons_role_not_an_organisation(nlp):
    found = entities(nlp, BLACKWELL)
    assert not [n for n in found if "State" in n]
    assert found["Blackwell"].kind == "person"
    assert found["Blackwell"].role == "Ohio Secretary of State"
    giannini = entities(nlp, GIANNINI)
    assert not [n for n in giannini if n.startswith("Education")]
    assert giannini["Stefania Giannini"].role == "Minister of Education"


# ------------------------------------------------------------------ aliases
def test_an_acronym_with_its_name_in_brackets_after_it_is_one_entity(nlp):
    found = entities(nlp, NORAD)
    assert "NORAD" not in found
    assert found["North American Aerospace Defence Command"].aliases == ["NORAD"]


def test_abbreviation_letters_may_come_from_inside_words():
    assert _abbreviates("NORAD", "North American Aerospace Defence Command")
    assert _abbreviates("GAO", "Government Accountability Office")
    assert not _abbreviates("KCNA", "Yonhap news agency")


def test_a_bodys_description_beside_its_name_is_that_body(nlp):
    analysis = analyse(nlp, KCNA)
    names = {e.name for e in analysis.entities}
    assert "North Korea's main news agency" not in names
    agency = next(e for e in analysis.entities if e.name == "Korean Central News Agency")
    assert "North Korea's main news agency" in [KCNA[m.start:m.end] for m in agency.mentions]


# ------------------------------------------------------------------ speakers
def test_a_recommendation_conjoined_into_a_warning_is_the_reports_not_the_allegations(nlp):
    found = quotes(nlp, GAO)
    recommended = said(found, "that more precise information")
    warned = said(found, "that allegations")
    assert recommended.speaker == warned.speaker == "GAO"  # "a GAO report" (the acronym is its only name here)
    assert recommended.speaker_entity == warned.speaker_entity is not None


def test_by_pointing_out_is_said_by_the_subject_of_the_main_clause(nlp):
    q = said(quotes(nlp, POINTING_OUT), "that it was the approach")
    assert q.speaker == "Bush" and q.speaker_entity is not None


def test_a_thing_is_no_speaker_but_people_described_are(nlp):
    assert said(quotes(nlp, ESTIMATES), "8000 migrants").speaker is None
    assert said(quotes(nlp, OPPONENTS), "that inflation-based").speaker.startswith("Opponents")


# ------------------------------------------------------------------ roles
def test_an_order_issued_as_supreme_commander_makes_that_the_issuers_role(nlp):
    analysis = analyse(nlp, SUPREME_COMMANDER)
    people = {e.name: e for e in analysis.entities if e.kind == "person"}
    assert list(people) == ["Kim Jong-un"]
    assert people["Kim Jong-un"].role == "supreme commander of the Korean People's Army"


# A wire-service dateline (written in the form AP and Reuters use; the corpus has none): the
# brackets credit the agency, they do not name the place before them.
DATELINE = ("ODESA, Ukraine (AP) — Russian drones struck the port of Odesa overnight, Ukrainian officials "
            "said. Ukraine said air defences shot down 30 drones.")


def test_a_wire_credit_after_a_dateline_is_no_name_of_the_place(nlp):
    found = entities(nlp, DATELINE)
    assert found["Ukraine"].kind == "place" and "AP" not in found["Ukraine"].aliases


def test_an_acronym_after_a_company_still_names_it(nlp):
    """A MEANTIME sentence (Wikinews, CC BY 2.5): "General Motors (GM)" stays one company."""
    found = entities(nlp, "General Motors (GM) and Chrysler have both begun to offer layoff packages to their "
                          "workforces. GM said it would cut jobs.")
    assert found["General Motors"].aliases == ["GM"]


# gum-news-election (a bundled sample): hyphenated given names, and "pro-Beijing" in the People pane
HK_DEFEATED = ("Pro-Beijing DAB's Starry Lee and Holden Chow were successfully elected in this constituency, "
               "while pro-Beijing veteran politician Wong Kwok-hing of FTU was defeated by 10,694 votes by "
               "James To.")
HK_RESIGNED = ("Localist group Civic Passion's Wong Yeung-tat was defeated in this district, and resigned his "
               "leadership in Civic Passion.")
HK_OTHERS = "Other pro-Beijing elected were FTU's Kwok Wai-keung and DAB's Horace Cheung."


def test_a_hyphenated_given_name_stays_whole(nlp):
    people = {name for name, e in entities(nlp, f"{HK_DEFEATED} {HK_RESIGNED}").items() if e.kind == "person"}
    assert {"Wong Kwok-hing", "Wong Yeung-tat"} <= people
    assert not people & {"Wong Kwok", "Wong Yeung"}


def test_a_political_leaning_is_never_a_person(nlp):
    found = entities(nlp, HK_OTHERS)
    assert all(e.kind != "person" for name, e in found.items() if name.lower().startswith("pro-"))
    assert found["Horace Cheung"].kind == "person"
