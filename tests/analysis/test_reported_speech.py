"""Reported (indirect) speech on real corpus sentences: what was said and who said it.

The sentences are copied verbatim from the dev corpus: GUM news (Wikinews, CC BY 2.5), Wikinews
2004 and MEANTIME (Wikinews, CC BY 2.5).
"""

from __future__ import annotations

from briefing.analysis.entities import extract_entities
from briefing.analysis.quotes import extract_quotes
from briefing.model import Article

# gum-news-afghan: "according to X" opening a sentence that goes on past a second comma.
AFGHAN = (
    "According to the Afghan team's coach, Alireza Mehraban, in their first matchup, the Afghan team's "
    "robot, named \"Better Idea of Afghan Girls,\" scored one or two points for the three-nation alliance "
    "with the Gabonese and Estonian teams."
)
# gum-news-warhol: "according to X" closing a sentence; the parser splits "curator Elaine Gustafon".
WARHOL_ACCORDING = (
    "For example, the Weatherspoon Art Museum at the University of North Carolina at Greensboro saw "
    "attendance levels reach 11,000 visitors when it exhibited its Warhol collection in 2010, according "
    "to curator Elaine Gustafon."
)
# gum-news-defector: "According to Rathbun" without a comma, the name parsed as a verb.
DEFECTOR = (
    "Montalvo had read an article in the Scientology propaganda publication Freedom Magazine, which "
    "attacked high-ranking defectors from the organization including Tom Devocht and Mark Rathbun. "
    "Montalvo was subsequently motivated to seek out information about Scientology on the Internet, and "
    "came upon a blog written by Rathbun. Montalvo contacted former members of Scientology, who helped "
    "him leave the organization and get in touch with Devocht. He traveled to Florida to meet with "
    "Devocht, who had told Montalvo he would assist him with future employment and housing.\n\n"
    "According to Rathbun the Scientology property in question was returned by mail to the organization "
    "by Montalvo shortly after he left the Sea Org."
)
# gum-news-defector: "they" is the plural subject of its own sentence, not an organisation before.
DEFECTOR_THEY = (
    "Whitmore stated Montalvo left Scientology-related employment in Los Angeles on September 24. On "
    "September 29, Scientology officials went to the East Los Angeles sheriff's station where they "
    "claimed Montalvo allegedly left the organization with computer hard drives. Whitmore told LA Weekly "
    "that on October 6 after traveling back from Florida, Montalvo turned himself in."
)
# wikinews2004-zambian: the dateline paragraph is not part of what the report says.
ZAMBIA = (
    "December 22, 2004\n\nThe government of Zambia has launched a new national agricultural policy, "
    "according to a report by the Times of Zambia."
)
# gum-news-warhol: a photo caption line runs into the next paragraph's subject.
WARHOL_CAPTION = (
    "USI exhibit\n\nKiara Perkins, a second year USI art major, admitted she was willing to skip class "
    "Thursday night to attend the opening exhibit but then circumstances allowed for her to attend the "
    "exhibit."
)
# gum-news-homeopathic: a name with a post-nominal title ("SC") parsed as the subject.
HOMEOPATHIC = (
    "Speaking in the parents' defense, Tom Molomby, SC, said that, as the parents came from India, where "
    "homeopathy is in common use, they should be declared not guilty due to cultural differences."
)
# gum-news-clock: two organisations speak together.
CLOCK = (
    "Both the Irving Independent School District and the Irving Police Department have asserted that the "
    "boy's religion and name were not a factor in the manner in which they approached the situation."
)
# wikinews2004-mumbai: the relative pronoun "who" is the subject of the reporting verb.
MUMBAI = (
    "Chief Minister Vilasrao Deshmukh said that citizens would see a change within six months. \"Every "
    "chief minister likes to be remembered, and I’m no exception,\" said Deshmukh, who despite having an "
    "empty exchequer, also announced that Rs 31,000 crore will be spent on new roads, sea links and rail "
    "lines."
)
# gum-news-imprisoned: "They also claimed" goes on with the Church that denied, not the ABC.
IMPRISONED = (
    "In a statement to the Australian Broadcasting Corporation, the Church denied these allegations:\n\n"
    "She certainly wasn't 'forced' to be there. She was also never forced to perform labour in the engine "
    "room. They also claimed Paris was a volunteer and claim she has a vested interest for misrepresenting "
    "her experiences with the Church."
)
# meantime-apple-199629: "They" are the sources just named, not the newspaper before them.
APPLE = (
    "Citing people familiar with the situation, The Wall Street Journal reported that Papermaster had been "
    "pushed out due to an incompatibility with Apple's corporate culture.\n\nThe sources claimed that "
    "Papermaster was not used to the environment or corporate politics and did not possess the creativity "
    "the company wanted to see.\n\nThey also said that it was Jobs, not Papermaster, who made the decision "
    "to proceed with iPhone 4 development even though the company had been aware of potential signal "
    "problems resulting from the antenna placement as early as a year ago."
)
# meantime-stock-180695: "it noted" is Nasdaq, which just spoke, not Congress.
NASDAQ = (
    "Kaufman, along with senator Mark Warner from Virginia, called on Congress to investigate the cause of "
    "the mass sell-offs.\n\nNasdaq, meanwhile, says that all trades of stocks at prices 60% higher or lower "
    "than the preceding price at or around 2.40 PM \"or immediately prior\" are to be cancelled; it noted "
    "that it coordinated its move with the other exchanges."
)
# meantime-airbus-71526 and meantime-stock-62405: "it" with a passive reporting verb is nobody.
BOEING = (
    "They also have a Moscow design centre that has 1,400 employees and a 30-year contract for supply of "
    "titanium parts with Russia's VSMPO-Avisma, which Boeing estimates to be worth $18 million.\n\nIt has "
    "been reported that the deal between Boeing and Aeroflot was revived after Boeing promised that "
    "technical assistance would be provided to Aeroflot for the new aircraft."
)
FEARED = (
    "While no one is predicting major bank failures at this point, it is feared that their profits could "
    "be hurt."
)
# gum-news-sensitive: an indirect question.
SENSITIVE = (
    "Environment Minister John Baird has asked government officials how such documents that are supposed "
    "to be stored in \"approved security cabinets\" wound up on the street."
)
# meantime-airbus-71526: the one asked answers; the question is nobody's reported speech.
CARSON = (
    "When asked whether the deal should be seen as a step towards a resolution of the rift between Russia "
    "and the US, Boeing Executive Vice President Scott Carson replied, \"It represents a business "
    "relationship between our Company and Aeroflot, and I' m really proud of it,\"."
)
# meantime-stock-124259: a report released by a department speaks for the department.
LABOR = (
    "United States stock indexes posted gains on Friday, marking a four-week long positive streak. This "
    "comes despite a report released by the US Labor Department on the same day, which said that the US "
    "economy shed 663,000 jobs in March, with the unemployment rate reaching 8.5%, the highest since 1983."
)

# wikinews2004-veteran-sergeant: the name after "a witness," is the source, not what was said.
WITNESS = (
    "According to a witness, Sergeant First Class Michael Marciello, when Artiga saw the psychiatrist's "
    "report, Artiga was, \"livid\"."
)
# wikinews2004-un-optimistic: the person the organisation's name stands in apposition to speaks.
EGELAND = (
    "The United Nations (UN) emergency relief coordinator Jan Egeland has said that he is increasingly "
    "optimistic about the relief efforts under way in tsunami-stricken countries."
)
# gum-news-flag: a named source after "according to" keeps the clause whole.
FLAG = (
    "According to the New Zealand Herald, Emeritus Professor John Burrows, the chairman of the project's "
    "panel of twelve, said New Zealand's flag has never before been open to public choice."
)

# meantime-gm-68899: the one who was assured is not the one who assured him.
HARGROVE = (
    "Buzz Hargrove, the president of Canadian Auto Workers said he had been assured that the collective "
    "bargaining agreement with Chrysler would remain and that jobs would not be eliminated."
)
# meantime-gm-47720 and meantime-stock-116834: passive reporting verbs without a that-clause.
HEDGES = (
    "So far the following plants are thought to be affected: * St. Thomas Assembly of St. Thomas, Ontario, "
    "Canada * Chicago, Illinois * Norfolk Assembly of Norfolk, Virginia * River Rouge Plant of Dearborn, "
    "Michigan Ford's stock fell 17 cents (2.1%) to $8 on the New York Stock Exchange.\n\nAfter the news "
    "was announced the index dipped, then rose to close up 0.7%."
)

# meantime-apple-103623: a dated report in a publication the entity list does not hold.
ARS = (
    "According to an April 2nd report in Ars Technica, an internal memo at Apple showed the company passed "
    "Wal-Mart as the top U.S. music seller Wal-Mart at the beginning of the year."
)

# wikinews2004-tsunami-toll: "according to" closing a sentence without a comma.
TSUNAMI = (
    "The death toll from the earthquake and tsunamis that has hit countries in Asia and Eastern Africa "
    "continues to rise, passing 80,000 people according to reports from several news agencies."
)
# meantime-stock-112579: "according to" inside a clause somebody else reports qualifies that clause.
JOBS = (
    "The New York Times and the Associated Press both report that the number of jobs in the service sector "
    "rose in August according to research done by the Institute for Supply Management."
)

# wikinews2004-us-president-bush-visits-canada: "They" is the group that reported, not a word in
# its object ("Palestinian refugees").
INDYMEDIA = (
    "The Indymedia group of websites reported a demonstration on the 29th against the deportation of "
    "Palestinian refugees. They also report 15,000 people marched against Bush in Ottawa on the 30th and "
    "have text photos, and a video of the protests."
)
# gum-news-iodine: "They" are the authors who say, not the results they say something about.
IODINE = (
    "The authors say the results confirm the existence of inadequate iodine intake in the Australian "
    "population. They call for \"urgent implementation of mandatory iodisation of all edible salt in "
    "Australia.\""
)

# wikinews2004-tsunami-toll: an unnamed speaker keeps whom he speaks for.
RED_CROSS = (
    "A spokesman for the Red Cross speculated that the toll could increase to over 100,000 as some of the "
    "smaller islands in the Indian Ocean are checked."
)
# gum-news-defector: the dateline before the first sentence is not part of its subject.
DATELINE = (
    "Saturday, October 9, 2010\n\nRecent reports have revealed that a defector from the elite group within "
    "Scientology called the Sea Org was first persuaded to travel back to a management building for the "
    "organization in California, where he was interrogated by an attorney for Scientology and then arrested."
)

# gum-news-worship, gum-news-warming: rulings and findings report; meantime-apple-195869,
# meantime-apple-40203: showing things is not reporting.
COURT = (
    "Greek court has ruled that worshippers of the ancient Greek religion may now formally associate and "
    "worship at archeological sites."
)
FINDINGS = "Heald noted the findings show pollution reduction is also important."
SHOWED = (
    "He showed videos demonstrating a drop in signal strength when held in a certain way for other "
    "smartphones to help make his point. During the case Apple Corps showed the court just how many times "
    "the Apple Computer logo appeared during a typical download."
)

# meantime-airbus-87805, gum-news-taxes: what a subject is concerned about is its view.
DJAMAL = (
    "Djamal is concerned that instead new European planes would have to be flown into Indonesia prior to "
    "registration, with higher costs incurred as a result."
)
SECULARISTS = (
    "Italian secularist associations are concerned the Government will modify the law in order to maintain "
    "an exception for religious schools."
)

# gum-news-korea: the agency quoted is the source of what follows; wikinews2004-democrats: citing
# cases names no source.
KOREA = (
    "According to Yonhap news agency, quoting North Korea's main news agency Korean Central News Agency "
    "(KCNA), the country's military has been placed on high alert and has been told to prepare a "
    "\"quasi-state of war\"."
)
CITING = (
    "Other Congressmen including John Conyers (D-MI), Jerrold Nadler (D-NY), and Robert Wexler (D-FL) "
    "voiced similar concerns, and requested an investigation by the Government Accountability Office (GAO), "
    "citing specific cases in Ohio, Florida, North Carolina and New Mexico."
)

# gum-news-imprisoned: "Paris" (Valeska Paris) says "she", so "She also claims" is Paris, not the
# father named before, whatever type the entity list gave the name.
PARIS = (
    "Her mother had spoken out against Scientology on French television after her ex-husband and Paris's "
    "father, Albert Jaquier, committed suicide after he lost his fortune to Scientology. Paris claims that "
    "she was kept at Flag Land Base in Clearwater, Florida until she was eighteen and then transferred to "
    "the Freewinds.\n\nOn board the Freewinds, Paris claims that she was working from 6:00am to midnight and "
    "due to lack of sleep ended up being a walking zombie. She also claims that in 1997 and 1998, she was "
    "tasked with removal of asbestos from the ship."
)


def indirect(nlp, text: str):
    doc = nlp(text)
    quotes = extract_quotes(doc, extract_entities(doc), Article(title="t", body=text, date="2010-01-01"))
    for q in quotes:
        assert text[q.start:q.end] == q.text
    return [q for q in quotes if q.kind == "indirect"]


def reported(nlp, text: str, start: str):
    hits = [q for q in indirect(nlp, text) if q.text.startswith(start)]
    assert len(hits) == 1, [(q.text[:50], q.speaker) for q in indirect(nlp, text)]
    return hits[0]


# ------------------------------------------------------------------ according to
def test_according_to_opening_a_sentence_reports_the_rest_of_it(nlp):
    q = reported(nlp, AFGHAN, "in their first matchup")
    assert q.speaker == "Alireza Mehraban" and q.cue == "according to"
    assert q.text.endswith("Estonian teams") and "coach" not in q.text


def test_according_to_closing_a_sentence_reports_all_before_it(nlp):
    q = reported(nlp, WARHOL_ACCORDING, "For example, the Weatherspoon Art Museum")
    assert q.text.endswith("in 2010")
    assert q.speaker == "Elaine Gustafon"  # the name, not "curator"


def test_according_to_a_name_the_parser_took_for_a_verb(nlp):
    q = reported(nlp, DEFECTOR, "the Scientology property")
    assert q.speaker == "Mark Rathbun"
    assert q.text.endswith("left the Sea Org")


def test_according_to_stays_in_its_paragraph_and_names_the_reports_author(nlp):
    q = reported(nlp, ZAMBIA, "The government of Zambia")
    assert "December" not in q.text
    assert q.speaker == "Times of Zambia"


# ------------------------------------------------------------------ subjects the parse gets wrong
def test_caption_line_is_not_the_subject_of_the_next_paragraph(nlp):
    q = reported(nlp, WARHOL_CAPTION, "she was willing")
    assert q.speaker == "Kiara Perkins"


def test_post_nominal_title_is_not_the_speaker(nlp):
    q = reported(nlp, HOMEOPATHIC, "that, as the parents")
    assert q.speaker == "Tom Molomby"


def test_coordinated_organisations_speak_together(nlp):
    q = reported(nlp, CLOCK, "that the boy's religion")
    assert q.speaker == "Irving Independent School District and the Irving Police Department"


def test_relative_who_is_the_person_it_follows(nlp):
    q = reported(nlp, MUMBAI, "that Rs 31,000 crore")
    assert q.speaker == "Vilasrao Deshmukh"


def test_report_by_a_department_speaks_for_it(nlp):
    q = reported(nlp, LABOR, "that the US economy")
    assert q.speaker == "US Labor Department"


# ------------------------------------------------------------------ pronouns
def test_they_is_the_plural_subject_of_its_own_sentence(nlp):
    q = reported(nlp, DEFECTOR_THEY, "Montalvo allegedly left")
    assert q.speaker == "Scientology officials"


def test_they_goes_on_with_the_speaker_just_named(nlp):
    assert reported(nlp, IMPRISONED, "Paris was a volunteer").speaker == "Church"
    assert reported(nlp, APPLE, "that it was Jobs").speaker == "sources"


def test_it_goes_on_with_the_organisation_that_just_spoke(nlp):
    assert reported(nlp, NASDAQ, "that it coordinated").speaker == "Nasdaq"


def test_expletive_it_with_a_passive_report_is_nobody(nlp):
    assert reported(nlp, BOEING, "that the deal between Boeing").speaker is None
    assert reported(nlp, FEARED, "that their profits").speaker is None


# ------------------------------------------------------------------ questions
def test_asked_how_is_an_indirect_question(nlp):
    q = reported(nlp, SENSITIVE, "how such documents")
    assert (q.speaker, q.cue) == ("John Baird", "asked")
    assert q.text.endswith("wound up on the street")


def test_being_asked_is_not_reported_speech(nlp):
    assert not [q for q in indirect(nlp, CARSON) if q.text.startswith("whether")]


def test_according_to_a_witness_then_the_name(nlp):
    q = reported(nlp, WITNESS, "when Artiga saw")
    assert q.speaker == "Michael Marciello"


def test_according_to_a_named_source_keeps_the_appositive_subject_in_the_content(nlp):
    q = reported(nlp, FLAG, "Emeritus Professor John Burrows")
    assert q.speaker == "New Zealand Herald"


def test_organisation_with_a_person_in_apposition_is_the_person(nlp):
    q = reported(nlp, EGELAND, "that he is increasingly optimistic")
    assert q.speaker == "Jan Egeland"


def test_a_passive_reporting_verb_has_no_speaker_in_its_subject(nlp):
    assured = [q for q in indirect(nlp, HARGROVE) if q.cue == "assured"]
    assert [q.speaker for q in assured] == [None]


def test_passive_hedges_are_not_reported_speech(nlp):
    assert indirect(nlp, HEDGES) == []


def test_according_to_a_report_in_a_publication(nlp):
    q = reported(nlp, ARS, "an internal memo at Apple")
    assert q.speaker == "Ars Technica"  # not the report's date


def test_according_to_closing_a_sentence_without_a_comma(nlp):
    q = reported(nlp, TSUNAMI, "The death toll")
    assert q.text.endswith("passing 80,000 people") and q.cue == "according to"


def test_according_to_inside_a_reported_clause_stays_in_it(nlp):
    quotes = indirect(nlp, JOBS)
    assert not [q for q in quotes if q.text.startswith("The New York Times")]
    by_cue = {q.cue: q for q in quotes}
    assert by_cue["according to"].text == "that the number of jobs in the service sector rose in August"
    assert by_cue["report"].speaker == "New York Times and the Associated Press"


def test_they_prefers_the_subject_that_reported_to_a_word_in_its_object(nlp):
    q = reported(nlp, INDYMEDIA, "15,000 people marched")
    assert q.speaker == "Indymedia group"


def test_they_goes_on_with_the_outer_speaker_not_a_reported_subject(nlp):
    doc = nlp(IODINE)
    quotes = extract_quotes(doc, extract_entities(doc), Article(title="t", body=IODINE, date="2010-01-01"))
    call = [q for q in quotes if q.cue == "call"]
    assert [q.speaker for q in call] == ["authors"]


def test_unnamed_speaker_keeps_whom_he_speaks_for(nlp):
    assert reported(nlp, RED_CROSS, "that the toll").speaker == "spokesman for the Red Cross"


def test_unnamed_speaker_after_a_dateline(nlp):
    assert reported(nlp, DATELINE, "that a defector").speaker == "Recent reports"


def test_a_court_ruling_and_findings_are_reported(nlp):
    assert reported(nlp, COURT, "that worshippers").speaker == "Greek court"
    assert reported(nlp, FINDINGS, "pollution reduction").cue == "show"


def test_showing_things_is_not_reporting(nlp):
    assert not [q for q in indirect(nlp, SHOWED) if q.cue == "showed"]


def test_concerned_that_is_the_subjects_view(nlp):
    q = reported(nlp, DJAMAL, "that instead new European planes")
    assert (q.speaker, q.cue) == ("Djamal", "concerned")
    q = reported(nlp, SECULARISTS, "the Government will modify")
    assert q.speaker == "Italian secularist associations"


def test_quoting_an_agency_makes_it_the_source(nlp):
    quotes = {q.cue: q for q in indirect(nlp, KOREA)}
    assert quotes["according to"].speaker == "Yonhap news agency"
    kcna = quotes["quoting"]
    assert kcna.speaker == "Korean Central News Agency"
    assert kcna.text.startswith("the country's military") and kcna.text.endswith('"quasi-state of war"')


def test_citing_cases_is_not_a_source(nlp):
    assert not [q for q in indirect(nlp, CITING) if q.cue == "citing"]


def test_name_then_role_in_apposition_names_the_speaker(nlp):
    said = [q for q in indirect(nlp, HARGROVE) if q.cue == "said"]
    assert [q.speaker for q in said] == ["Buzz Hargrove"]


def test_she_goes_on_with_a_speaker_who_said_she(nlp):
    q = reported(nlp, PARIS, "that in 1997 and 1998")
    assert q.speaker == "Paris"
