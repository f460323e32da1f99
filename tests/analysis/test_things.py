"""Names of made things and ideas the model took for people or bodies, on real corpus sentences: an
analyst does not want "Easy Rider" in the People pane nor "Internet Explorer" among the Orgs."""

from __future__ import annotations

from briefing.analysis.entities import extract_entities
from briefing.analysis.things import acronym_of_thing, mostly_lowercase, named_as_thing
from briefing.model import Entity

# gum-news-ie9 (Wikinews, CC BY 2.5)
IE9 = (
    "With development of Microsoft's Internet Explorer 9 (IE9) browser almost complete, Microsoft announced on "
    "Friday that it is time for IE6 users to move away from the antiquated 10-year-old browser. Microsoft has "
    "replaced it with three newer versions.\n\n"
    "Internet Explorer's market share is slipping. IE's various versions accounted for 70 percent of the market "
    "in 2009; this has dropped to approximately 56 percent today. Mozilla Firefox, its main rival, has been "
    "actively increasing its market share while the recently released Google Chrome is also quickly gaining "
    "users. PC World's recent analysis of its own web traffic statistics concluded, \"Usually, Internet Explorer "
    "is the #2 browser after Firefox, but over the past 30 days it's been #3, a couple of points behind Safari - "
    "and nearly tied with Chrome. It might be a statistical blip. But if it isn't, and Chrome continues to "
    "surge, IE could fall to fourth place.\"\n\n"
    "Microsoft says that the latest versions of Internet Explorer provide the user with enhanced protection "
    "from these attacks and threats.")
# gum-news-imprisoned
IMPRISONED = (
    "Valeska Paris, an Australian woman and former Scientologist, has claimed that the Church of Scientology "
    "imprisoned her for twelve years aboard the Scientology - owned cruise ship, Freewinds.\n\n"
    "The Church of Scientology's cruise ship Freewinds in Bonaire.\n\n"
    "Paris claims that she was kept at Flag Land Base in Clearwater, Florida until she was eighteen and then "
    "transferred to the Freewinds.\n\n"
    "On board the Freewinds, Paris claims that she was working from 6:00am to midnight and due to lack of sleep "
    "ended up being a walking zombie.")
# gum-news-iodine
IODINE = (
    "Almost half of all Australian primary school children are mild to moderately iodine deficient, researchers "
    "say. A new study documenting iodine nutritional status in Australian school children has revealed many are "
    "not getting enough iodine - which can lead to mental and growth retardation.\n\n"
    "Professor Cres Eastman, Director of the National Iodine Nutrition study, and Chairman of the Australian "
    "Centre for Control of Iodine Deficiency Disorders, says it is crucial that children and pregnant women in "
    "particular have an adequate intake of iodine. Iodine deficiency can lead to serious health problems "
    "including brain damage, stunted growth and deafness.\n\n"
    "More than two billion people around the world live in areas prone to iodine deficiency, and yet the "
    "problem is easily fixed. The World Health Organisation (WHO) recommends that every country should iodise "
    "all edible salt. The most well known effects of IDD are visible goiter and cretinism, a condition "
    "characterised by severe brain damage occurring in very early life. WHO say Iodine deficiency is the "
    "world’s most prevalent, yet easily preventable, cause of brain damage.\n\n"
    "\"If Iodine deficiency is serious you lose 15 IQ points, on average. There shouldn't be anyone suffering "
    "from iodine deficiency in a developed country like Australia.\"\n\n"
    "The report says the decline in iodine intake appears to be due to changes in the dairy industry, where "
    "chlorine-containing sanitisers have replaced iodine-containing sanitisers. Iodine released from these "
    "chemicals into milk has been the major source of dietary iodine in Australia for at least four decades, but "
    "is now declining.\n\n"
    "Professor Eastman says iodine is added to only 10 per cent of Australian salt in contravention of a World "
    "Health Organisation recommendation that all salt be iodised.\n\n"
    "The authors say the results confirm the existence of inadequate iodine intake in the Australian "
    "population. Most iodine in food comes from seafood, milk and iodised salt.\n\n"
    "Senior researcher Mu Li, of the University of NSW's school of public health, said \"it is reasonable to "
    "assume that pregnant women and breastfeeding mothers are also iodine deficient, putting the next generation "
    "of children born in this country at risk of the neuropsychological consequences of iodine deficiency.\"")


def kinds(nlp, text: str) -> dict[str, Entity]:
    return {e.name: e for e in extract_entities(nlp(text))}


def test_a_film_named_after_its_kind_is_no_person(nlp):
    text = ("Portrait shot of Dennis Hopper, famous for his role in the 1969 film Easy Rider, amongst the Warhol "
            "Polaroids donated to USI by the Andy Warhol Foundation for the Visual Arts.")  # gum-news-warhol
    found = kinds(nlp, text)
    assert found["Easy Rider"].kind == "other"
    assert found["Dennis Hopper"].kind == "person"


def test_a_ship_called_a_ship_is_no_organisation(nlp):
    found = kinds(nlp, IMPRISONED)
    assert found["Freewinds"].kind == "other"
    assert found["Church of Scientology"].kind == "organization"


def test_a_browser_with_its_makers_name_and_versions_is_a_thing_and_keeps_its_acronym(nlp):
    found = kinds(nlp, IE9)
    explorer = found["Internet Explorer"]  # the model's "Explorer" gets its first word back
    assert explorer.kind == "other"
    assert "IE" in explorer.aliases  # so "IE" joins it as its initials
    assert "IE" not in found
    assert found["Microsoft"].kind == "organization"


def test_the_model_cut_first_word_of_a_name_is_restored(nlp):
    text = "Internet Explorer's market share is slipping."
    (explorer,) = extract_entities(nlp(text))
    assert [text[m.start:m.end] for m in explorer.mentions] == ["Internet Explorer"]


def test_a_company_whose_product_has_a_version_stays_a_company(nlp):
    text = ("In chatrooms and on bulletin boards, Macintosh users and the Macintosh-curious are buzzing about "
            "Tiger, the newest version of Apple Computer's Mac OS X, version 10.4.\n\n"
            "Apple Computer has been on a semi-regular release pattern since moving to Mac OS X, with four "
            "versions released in 5 years.")  # meantime-apple-9549
    assert kinds(nlp, text)["Apple Computer"].kind == "organization"


def test_a_bodys_own_name_before_its_acronym_is_no_maker(nlp):
    text = ("As a part of Chrysler's restructuring plans, Tom LaSorda, the president of Chrysler announced that "
            "Canadian operations would fold if it does not receive both the US commitment of $2.3 billion of aid "
            "and a new Canadian Auto Workers CAW contract to reduce all-in costs by CA$19 per hour.\n\n"
            "Tony Clement, Canada's Minister of Industry, is hoping that the CAW will support the restructuring "
            "process and re-negotiate their agreement.")  # meantime-gm-123881
    assert kinds(nlp, text)["Canadian Auto Workers"].kind == "organization"


def test_an_information_system_and_a_phobia_are_no_organisations(nlp):
    text = ("The database was unveiled in 1999 as the National Enforcement Management Information System and "
            "Intelligence System.")  # gum-news-sensitive
    assert kinds(nlp, text)["National Enforcement Management Information System"].kind == "other"
    text = ("Jafari said she felt Mohamed had been subject to Islamophobia and her hashtag created greater "
            "awareness about this issue.")  # gum-news-clock
    assert kinds(nlp, text)["Islamophobia"].kind == "other"


def test_names_that_say_what_they_are():
    assert named_as_thing("National Enforcement Management Information System")
    assert named_as_thing("Iodine Deficiency Disorders")
    assert not named_as_thing("Federal Reserve System")
    assert not named_as_thing("National Institute of Allergy and Infectious Diseases")
    assert not named_as_thing("Cisco System")


def test_a_word_the_article_writes_in_lower_case_is_a_substance_and_its_acronym_an_ailment(nlp):
    found = kinds(nlp, IODINE)
    assert found["Iodine"].kind == "other"
    assert found["IDD"].kind == "other"
    assert found["Cres Eastman"].kind == "person"
    assert mostly_lowercase(["Iodine"], IODINE)
    assert acronym_of_thing("IDD", IODINE)
    assert not acronym_of_thing("WHO", IODINE)


def test_a_follower_of_a_creed_is_a_group(nlp):
    assert kinds(nlp, IMPRISONED)["Scientologist"].kind == "group"


def test_a_surname_misspelt_by_a_dropped_letter_is_the_same_person(nlp):
    text = ("Wilkins observed that the 2007 starting date of the donation program, which is part of the Andy "
            "Warhol Foundation for the Visual Arts, coincided with the 20th anniversary of Andy Warhol's death in "
            "1987. USI was not alone in receiving a donation.\n\n"
            "K.C. Maurer, chief financial officer and treasurer at the Andy Warhol Foundation, said 500 "
            "institutions received the initial invitation and currently 190 universities have accepted one or "
            "more donations. Institutional recipients, said Mauer, are required to exhibit their donated Warhol "
            "photographs every ten years as one stipulation.")  # gum-news-warhol
    found = kinds(nlp, text)
    assert "Mauer" not in found
    assert "Mauer" in found["K.C. Maurer"].aliases


def test_a_camel_cased_product_word_stays_part_of_the_name(nlp):
    text = ("The iPod Nano comes in two colors, white and black, as well as two sizes, a 2GB and a 4GB, capable of "
            "holding 500 and 1,000 songs and will cost $199 and $249 USD respectively.")  # meantime-apple-21302
    found = kinds(nlp, text)
    assert found["iPod Nano"].kind == "other"
    assert "Nano" not in found
    text = ("Apple Corps claims that Apple Computer's iTunes Music Store violates an agreement reached between the "
            "two companies in 1991, which barred Apple Computer from using the \"Apple\" brand in certain uses in "
            "the music business.\n\n"
            "Presiding Judge Martin Mann has stated that he owns an iPod portable music player, which is made by "
            "Apple Computer and marketed alongside the iTunes Music Store.")  # meantime-apple-37313
    found = kinds(nlp, text)
    assert found["iTunes Music Store"].kind == "other"
    assert "Music Store" not in found  # the model's "Music Store" was no person of its own


def test_a_camel_cased_company_named_as_one_stays_an_organisation(nlp):
    text = ("\"What's most worrisome is that we haven't hit the crescendo yet,\" said Bill Groeneveld, the head "
            "trader for vFinance Investments.")  # meantime-stock-121978
    assert kinds(nlp, text)["vFinance Investments"].kind == "organization"
