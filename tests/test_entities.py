"""Entities: names, aliases across articles, and how a summary writes them."""

from __future__ import annotations

from conftest import article_from_text

from compare.entities import extract_entities
from compare.model import Entity
from compare.pipeline import compare_loaded
from compare.segment import segment_article


def test_aliases_are_resolved_across_articles(seed_comparison):
    mattis = next(e for e in seed_comparison.entities if e.name.endswith("Mattis"))
    assert {"James Mattis", "Jim Mattis"} <= {mattis.name, *mattis.aliases}
    assert mattis.mentions_a and mattis.mentions_b
    nato = [e for e in seed_comparison.entities if e.name.casefold() == "nato"]
    assert len(nato) == 1
    kinds = {e.name: e.kind for e in seed_comparison.entities}
    assert kinds["Jens Stoltenberg"] == "person"
    assert kinds["Brussels"] == "place"
    assert kinds["FBI"] == "organisation"


def test_entities_keep_people_apart_with_different_first_names():
    one = segment_article(article_from_text("H\n\nBill Clinton met Hillary Clinton. Mr Clinton left early."), "a", "A")
    two = segment_article(article_from_text("H\n\nNothing here."), "b", "B")
    people = [e.name for e in extract_entities(one, two) if e.kind == "person"]
    assert "Bill Clinton" in people and "Hillary Clinton" in people


def test_a_name_opening_a_sentence_counts_when_the_articles_write_it_mid_sentence():
    one = article_from_text(
        "Mine ruling\n\nGreyfield had planned to begin production in 2027. Analysts said the ruling "
        "hurts Greyfield badly. Officials met on Monday. Bramwell was not consulted."
    )
    two = article_from_text("Mine ruling\n\nThe court ruled against Greyfield on Friday. Regulators welcomed it.")
    comparison = compare_loaded(one, two)
    by_name = {e.name: e for e in comparison.entities}
    greyfield = by_name["Greyfield"]
    assert [m.sentence for m in greyfield.mentions_a] == ["a-p2-s1", "a-p2-s2"]  # the opening mention counts
    assert len(greyfield.mentions_b) == 1
    # Capitalised only because they open a sentence, and never written mid-sentence: not names.
    assert not {"Officials", "Regulators", "Bramwell"} & set(by_name)
    # A name both articles use says nothing of what the fact adds: its own words do.
    assert comparison.facts_on("a")[0].label == "Greyfield had planned to begin production in 2027"


def test_names_keep_a_plural_possessive_and_drop_a_leading_demonym():
    one = article_from_text(
        "Union talks\n\nThe Belgian Wout Declercq met the Professional Rugby Players' Association "
        "and the Ukrainian Olena Kovalenko in Brussels on Monday."
    )
    two = article_from_text("Union talks\n\nMinisters met in Brussels on Monday.")
    names = {e.name for e in compare_loaded(one, two).entities}
    assert {"Wout Declercq", "Professional Rugby Players' Association", "Olena Kovalenko"} <= names
    assert not {"Belgian Wout Declercq", "Professional Rugby Players", "Ukrainian Olena Kovalenko"} & names
    # A singular name's possessive still ends it.
    three = article_from_text("Union talks\n\nMinisters backed Tom Jones' Labour colleagues in Brussels on Monday.")
    names = {e.name for e in compare_loaded(three, two).entities}
    assert "Tom Jones" in names and not any("Labour" in n and "Jones" in n for n in names)


def test_a_title_case_headline_does_not_make_a_sentence_opening_word_a_name():
    one = article_from_text(
        "Mayor Quits Over Housing Scandal\n\nScandal engulfed the council on Monday after the mayor "
        "resigned over the housing contracts awarded last year."
    )
    two = article_from_text("Mayor resigns\n\nThe mayor resigned on Monday.")
    assert "Scandal" not in {e.name for e in compare_loaded(one, two).entities}


def test_summary_names_a_body_as_the_article_writes_it():
    one = article_from_text(
        "Budget row\n\nOfficials at the Pentagon said the budget would rise by a tenth next year. "
        "The Pentagon declined to give figures for each service."
    )
    two = article_from_text("Budget row\n\nThe budget will rise by a tenth next year, officials said.")
    from compare.context import summary_sentence

    summary = summary_sentence(compare_loaded(one, two))
    assert "a passage on the Pentagon" in summary, summary


def entities_of(text: str) -> dict[str, Entity]:
    """The entities of a one-paragraph article (against an article naming nothing), by name."""
    one = segment_article(article_from_text(f"H\n\n{text}"), "a", "A")
    two = segment_article(article_from_text("H\n\nNothing here."), "b", "B")
    return {e.name: e for e in extract_entities(one, two)}


def test_geographic_words_make_places():
    found = entities_of(
        "Ships crossed the Coral Sea to reach Fenwick Island. Ministers on Juniper Hill sent troops from "
        "RAF Dunmore and Harlow Air Base along the River Tamsin, past Mount Orla and Clearwater County. "
        "The Greyhaven Bridge was shut."
    )
    for name in (
        "Coral Sea",
        "Fenwick Island",
        "Juniper Hill",
        "RAF Dunmore",
        "Harlow Air Base",
        "River Tamsin",
        "Mount Orla",
        "Clearwater County",
        "Greyhaven Bridge",
    ):
        assert found[name].kind == "place", (name, found[name].kind)
    # A geographic word alone, as a surname, makes no place; nor does a body's name with one in it.
    found = entities_of("Mr Hill met the Harbour Authority and the Crimson State group on Monday.")
    assert found["Hill"].kind == "person"
    assert found["Harbour Authority"].kind == "organisation"
    assert found["Crimson State"].kind != "place"


def test_cities_regions_offices_clubs_wars_and_operations_are_no_people():
    found = entities_of(
        "He once ran for President of Norway, and the Governor of Texas, Ann Lowe, agreed. The mayor of Fenwick "
        "City said no. Officials in South Florida and Central America met envoys of the United Nations. Tamsin FC "
        "beat FC Orla. The end of World War II led to Operation Kestrel. Mr. West and Ann North said so."
    )
    kinds = {name: found[name].kind for name in found}
    assert kinds["Norway"] == kinds["Texas"] == "place"  # an office held there, not a titled person
    assert kinds["Ann Lowe"] == "person"
    assert kinds["Fenwick City"] == kinds["South Florida"] == kinds["Central America"] == "place"
    assert kinds["United Nations"] == kinds["Tamsin FC"] == kinds["FC Orla"] == "organisation"
    assert kinds["World War II"] == kinds["Operation Kestrel"] == "other"
    # A point of the compass as a surname, or before no known place, stays a name.
    assert kinds["West"] == kinds["Ann North"] == "person"
    # A school, a project, a forum, a blog or a community is a body; a clause of a law is no person.
    found = entities_of(
        "On Monday, pupils from Balboa High School joined the Harbour Rights Project, the Tamsin Forum and the "
        "Orla Community at the Fenwick Law Blog's event, citing the Supremacy Clause."
    )
    assert {found[n].kind for n in ("Balboa High School", "Harbour Rights Project", "Tamsin Forum")} == {"organisation"}
    assert found["Orla Community"].kind == found["Fenwick Law Blog"].kind == "organisation"
    assert found["Supremacy Clause"].kind == "other"
    # A programme, a rule, a month or a numbered part of a text is no person; nor are a party's members.
    found = entities_of(
        "Ann Lowe backed Social Security, the Acceptable Use Policy and Title VII in Pride Month, and "
        "Congressional Republicans agreed. Troops at Ft Orla cheered, as did Special Counsel Tomas Ek."
    )
    assert {found[n].kind for n in ("Social Security", "Acceptable Use Policy", "Title VII", "Pride Month")} == {
        "other"
    }
    assert found["Congressional Republicans"].kind == "other"
    assert found["Ft Orla"].kind == "place"
    assert found["Tomas Ek"].kind == "person" and "Special Counsel Tomas Ek" not in found
    # A body's word before "of" makes a body of a name ending in a geographic word; "War" is never a person.
    found = entities_of("Ann Lowe met the National League of Cities and War Child at Andrews Air Force Base.")
    assert found["National League of Cities"].kind == "organisation"
    assert found["Andrews Air Force Base"].kind == "place"
    assert found["War Child"].kind != "person"
    # Two words run together are a brand when a verb of speech makes them speak; a surname with a capital inside
    # stays a person's.
    found = entities_of(
        "The story was first reported by Ann Lowe, who told HarbourPost it was true. HarbourPost said so too. "
        "Tom MacArthur said so, as did Ellen DeGeneres and Rob McCarthy."
    )
    assert found["HarbourPost"].kind == "organisation"
    assert {found[n].kind for n in ("Tom MacArthur", "Ellen DeGeneres", "Rob McCarthy")} == {"person"}


def test_titles_and_roles_are_split_from_names_as_descriptors():
    found = entities_of(
        "Pensioner Ada Greenhalgh lost her savings. Home Secretary Tom Arkwright met Chief Executive "
        "Lena Moritz. Sheriff Pol Ostrander of Clearwater County was there."
    )
    assert found["Ada Greenhalgh"].kind == "person" and "pensioner" in found["Ada Greenhalgh"].descriptors
    assert {"home", "secretary"} <= set(found["Tom Arkwright"].descriptors)
    assert {"chief", "executive"} <= set(found["Lena Moritz"].descriptors)
    assert "sheriff" in found["Pol Ostrander"].descriptors and found["Clearwater County"].kind == "place"
    assert not {"Pensioner Ada Greenhalgh", "Pol Ostrander of Clearwater County"} & set(found)
    # A title word opening a body's name stays in it.
    found = entities_of("Shares in Home Furnishings Inc. rose and the Foreign Office said so.")
    assert "Home Furnishings Inc." in found and "Foreign Office" in found


def test_acronyms_join_their_spelled_out_form():
    found = entities_of(
        "Officers of the Coastal Rescue Service (CRS) met the NWA, the Northern Water Authority, and the "
        "Bureau of Harbour Inspection on Monday. The CRS and the BHI said nothing. The NWA agreed."
    )
    for long_form, acronym in (
        ("Coastal Rescue Service", "CRS"),
        ("Northern Water Authority", "NWA"),
        ("Bureau of Harbour Inspection", "BHI"),
    ):
        entity = found[long_form]
        assert acronym in entity.aliases and acronym not in found
        assert len(entity.mentions_a) >= 2


def test_names_are_never_cut_at_an_abbreviation():
    found = entities_of(
        "Carla J. Whitmore flew to Tallinn, D.C. on Monday. Dale Pruitt Jr. met staff of Home Furnishings Inc. there."
    )
    assert {"Carla J. Whitmore", "Tallinn, D.C.", "Dale Pruitt Jr.", "Home Furnishings Inc."} <= set(found)
    assert found["Tallinn, D.C."].kind == "place"
    assert not any(name.endswith((" J", " J.", "D.C")) or name == "Carla J" for name in found)


def test_a_name_after_what_kind_of_body_it_is_is_an_organisation():
    # "Nordlink said" alone would make a speaker, and so a person; "the rail operator" says it is a body.
    one = segment_article(
        article_from_text("H\n\nThe regional rail operator Nordlink said it would add carriages. Nordlink declined."),
        "a",
        "A",
    )
    two = segment_article(article_from_text("H\n\nNothing here."), "b", "B")
    kinds = {e.name: e.kind for e in extract_entities(one, two)}
    assert kinds["Nordlink"] == "organisation"


def test_a_title_in_quotes_is_no_person_even_where_it_is_written_without_them():
    found = entities_of(
        'The screensaver, "Save Harbour Seals, Not Boats" was sent to every member. Users of Save Harbour Seals '
        'are not at risk, said Tomas Ek. Ada Moss told them "Harbour Seals first" was her aim.'
    )
    assert found["Save Harbour Seals"].kind == "other"
    assert found["Tomas Ek"].kind == "person"
    assert found["Ada Moss"].kind == "person"


def test_two_names_run_together_where_line_breaks_were_lost_are_no_person():
    one = segment_article(
        article_from_text(
            "Draw\n\nChelsea will play Barcelona in the first round. "
            "SECOND LEG Tuesday Chelsea v Barcelona Lyon v Werder Bremen."
        ),
        "a",
        "A",
    )
    two = segment_article(article_from_text("Draw\n\nNothing here."), "b", "B")
    kinds = {e.name: e.kind for e in extract_entities(one, two)}
    assert kinds["Barcelona"] == "place"
    assert kinds["Barcelona Lyon"] == "other"


def test_a_name_after_the_or_ending_in_act_is_no_person():
    found = entities_of(
        "The governor told the Harbour Star on Saturday that the Coastal Freedom Act would pass. "
        "Ada Moss said Tomas Ek agreed."
    )
    assert found["Harbour Star"].kind != "person"
    assert found["Coastal Freedom Act"].kind != "person"
    assert found["Ada Moss"].kind == "person" and found["Tomas Ek"].kind == "person"


def test_the_members_of_a_named_movement_are_no_person():
    found = entities_of(
        "The Coast Party rallied on Monday, though Coast Partiers called the rally small. "
        "Ann Sanders spoke, and Ann Sandford left."
    )
    assert found["Coast Party"].kind != "person"
    assert found["Coast Partiers"].kind == "other"  # the members of the party, not someone called Partiers
    # A surname sharing its first letters with another's is still a person's.
    assert found["Ann Sanders"].kind == "person"


def test_a_party_time_or_number_word_is_no_part_of_a_name():
    found = entities_of(
        "Late Wednesday night, Senator Tomas Ek, who is in a tough race against Democrat Ada Moss, spoke. "
        "One Republican, Representative Lena Varga of Marsh County, agreed, and a Marsh Democrat said so too."
    )
    assert {"Ada Moss", "Tomas Ek", "Lena Varga"} <= set(found)
    assert not {"Late Wednesday", "One Republican", "Democrat Ada Moss", "Democrat", "Republican"} & set(found)
    assert all(e.kind != "person" for name, e in found.items() if name.endswith("Democrat"))


def test_a_preposition_opening_a_sentence_is_no_part_of_the_name_after_it():
    found = entities_of(
        "Outside the Harbour County Courthouse, two dozen people prayed. "
        "Following Ann Lowe, Tomas Ek spoke. Across Marsh County, schools closed."
    )
    assert {"Harbour County Courthouse", "Ann Lowe", "Tomas Ek", "Marsh County"} <= set(found)
    assert not any(name.split()[0] in {"Outside", "Following", "Across"} for name in found)


def test_one_word_a_verb_of_speech_made_a_person_is_the_body_the_text_names_elsewhere():
    found = entities_of(
        "Shares in Harbourline fell on Monday. Harbourline said the boats were too old. Tomas Ek said so too."
    )
    assert found["Harbourline"].kind != "person"
    assert len([name for name in found if name == "Harbourline"]) == 1
    assert len(found["Harbourline"].mentions_a) == 2
    # A surname stays its person's: "Ek said" after "Tomas Ek".
    assert found["Tomas Ek"].kind == "person"


def test_an_ordinary_word_opening_a_sentence_and_a_date_after_a_name_are_no_part_of_it():
    names = entities_of(
        "Following Romney, the council voted. Presumptive nominee Ann Lowe spoke to Obama Monday. Bill Hale "
        "agreed. A following vote was due, and a presumptive deal was near."
    )
    assert {"Romney", "Ann Lowe", "Obama", "Bill Hale"} <= set(names)
    assert not {"Following Romney", "Obama Monday", "Hale"} & set(names)


def test_a_body_named_at_a_sentence_start_keeps_a_first_word_the_article_also_writes_in_lower_case():
    names = entities_of(
        "Canoe Club International, a paddling body that sued the town in 2015, welcomed the ruling. "
        "Following Congress, the council voted. Members went by canoe to a following meeting."
    )
    assert names["Canoe Club International"].kind == "organisation"
    assert "Club International" not in names
    assert "Congress" in names and "Following Congress" not in names


def test_plural_titles_and_demonyms_hyphenated_adjectives_and_capitals_are_no_names():
    names = entities_of(
        "Justices Kennedy and Samuel Alito asked questions. Americans Richard Axel and Linda Buck won. "
        "A Kansas City-area group met. PINOCHET TRIAL TIMELINE October 1998: arrest. They met in San Francisco."
    )
    assert names["Richard Axel"].kind == "person"
    assert "Americans Richard Axel" not in names and "Justices Kennedy" not in names
    assert "Kansas City-area" not in names
    assert names["San Francisco"].kind == "place"
    assert all(e.kind != "person" for name, e in names.items() if name.isupper())


def test_a_capitalised_phrase_of_ordinary_words_is_no_person():
    names = entities_of(
        "The four Southern Common Market countries met. Claims from Tea Partiers were heard. Bill Hale spoke. "
        "The market is common ground, said partiers and tea sellers, hale and hearty by a stone wall, and a bill "
        "passed; Mark Stone said so."
    )
    assert names["Common Market"].kind != "person" and names["Tea Partiers"].kind != "person"
    # First names that are also words keep a name a person's.
    assert names["Bill Hale"].kind == "person" and names["Mark Stone"].kind == "person"


def test_dotted_abbreviations_time_zones_party_adjectives_and_numbered_parts():
    names = entities_of(
        "The F.B.I. searched the house at 6 a.m. ET on Friday. Democratic lawmakers said the FBI went too far. "
        "He cited Part II of the report, the part on the house, and Pope John Paul II was quoted."
    )
    fbi = [e for e in names.values() if e.name in ("FBI", "F.B.I.")]
    assert len(fbi) == 1 and {"FBI", "F.B.I."} <= {fbi[0].name, *fbi[0].aliases}  # one body, however written
    assert "ET" not in names and "Democratic" not in names
    assert names["Part II"].kind != "person"
    assert names["John Paul II"].kind == "person"


def test_an_initial_a_title_before_an_ordinary_word_and_people_of_a_place():
    names = entities_of(
        "Harbour Board CEO A. Barry Hale said the fund was safe. Firms including General Electric filed briefs, "
        "and the electric grid held. It is a school for Latin Americans, some of them sailors."
    )
    assert names["A. Barry Hale"].kind == "person"  # "A." is an initial, not the article
    assert "General Electric" in names and "Electric" not in names  # "General" opens the name, no title here
    assert names["Latin Americans"].kind != "person"


def test_a_connecting_word_opening_a_sentence_is_no_part_of_the_name_after_it():
    names = entities_of("The council voted. Plus Tomas Ek is nominating Lena Varga to lead the board.")
    assert "Tomas Ek" in names and not any(name.startswith("Plus") for name in names)


def test_how_an_article_s_names_are_typed_does_not_depend_on_the_article_it_is_compared_with():
    one = segment_article(article_from_text("H\n\nThe council heard claims from Harbour Partiers on Monday."), "a", "A")
    plain = segment_article(article_from_text("H\n\nThe council met on Monday."), "b", "B")
    # The other article writes the words in lower case; the first does not: its name is read on its own words.
    lower = segment_article(article_from_text("H\n\nThe harbour partiers met on Monday."), "b", "B")
    kinds = [{e.name: e.kind for e in extract_entities(one, other)}["Harbour Partiers"] for other in (plain, lower)]
    assert kinds[0] == kinds[1]


def test_a_sentence_start_inside_a_quotation_a_shouted_word_and_an_ampersand_in_a_name():
    found = entities_of(
        "“Boats are being lost faster every year. Stopping the losses is about our safety,” Ada Moss said. "
        "She thanked the Harbour & Marine Service, the HMS, and wrote: “Under review. Thank you!” Critics said "
        "the rules would “DESTROY safety” and that nothing would destroy the budget."
    )
    assert "Stopping" not in found and "Thank" not in found and "DESTROY" not in found
    assert "HMS" in found["Harbour & Marine Service"].aliases
    assert found["Ada Moss"].kind == "person"


def test_a_body_named_with_or_without_its_country_and_with_an_ampersand_is_one_body():
    found = entities_of(
        "The United States Coast and Harbour Service closed the pier. A spokesman for the U.S. Coast and Harbour "
        "Service said more would follow, and the Coast & Harbour Service posted a notice. The U.S. Army and the "
        "Army of Ruritania sent engineers."
    )
    (service,) = [e for e in found.values() if "Harbour Service" in e.name]
    assert set(service.aliases) | {service.name} == {
        "United States Coast and Harbour Service",
        "U.S. Coast and Harbour Service",
        "Coast & Harbour Service",
    }
    assert len(service.mentions_a) == 3
    assert "U.S. Army" in found  # a country's army is not any army


def test_one_name_read_as_a_person_in_one_article_and_as_something_else_in_the_other_is_one_entity() -> None:
    # "The Ann Lowe plan" reads as a thing after "the"; "Ann Lowe said" as a person: still one name, one entity.
    from conftest import article_from_text

    from compare.model import CompareOptions
    from compare.pipeline import compare_loaded

    comparison = compare_loaded(
        article_from_text("H\n\nAnn Lowe said the harbour would reopen in May.\n\nCrews began work on Monday."),
        article_from_text(
            "H\n\nThe Ann Lowe plan for the harbour was approved on Friday.\n\nCrews began work on Monday."
        ),
        options=CompareOptions(semantic=False),
    )
    named = [(e.name, e.kind) for e in comparison.entities if e.name == "Ann Lowe"]
    assert named == [("Ann Lowe", "person")]


def test_whom_a_speaker_tells_is_no_person_by_that_alone():
    # "told Politiview": the listener may be an outlet; a name written alike elsewhere as a person stays one.
    found = entities_of(
        "Tomas Ek told Politiview in an interview that the pier would close. "
        "Ann Lowe told HarbourNews the same, and she later told Ek so."
    )
    assert found["Politiview"].kind != "person"
    assert found["HarbourNews"].kind == "organisation"  # two words run together: a brand, as when it speaks
    assert found["Tomas Ek"].kind == "person"
    assert any(m.text == "Ek" for m in found["Tomas Ek"].mentions_a)


def test_a_company_named_short_after_its_full_name_is_that_company():
    found = entities_of(
        "Shares in Harbourline Inc. fell. On Monday, Harbourline said sales fell. "
        "Ann Lowe of Lowe Ltd. spoke, and later Lowe said so too."
    )
    company = found["Harbourline Inc."]
    assert company.kind == "organisation" and company.aliases == ("Harbourline",)
    assert len(company.mentions_a) == 2
    assert "Harbourline" not in found  # never a person beside it
    # A surname a person's full name ends with stays the person's, whatever company shares it.
    assert found["Ann Lowe"].kind == "person" and "Lowe" in found["Ann Lowe"].aliases


def test_a_description_after_a_name_that_says_it_is_a_body_makes_it_one():
    found = entities_of(
        "On Monday, Harbourline, a ferry company based in Bath, said sales fell. "
        "Greystone Voices, an advocacy group, called it a scandal. "
        "Ann Lowe, a former company director, and Tomas Ek, a property developer, agreed."
    )
    assert found["Harbourline"].kind == "organisation"
    assert found["Greystone Voices"].kind == "organisation"
    # The head of the description is what the name is: a director, a developer.
    assert found["Ann Lowe"].kind == "person" and found["Tomas Ek"].kind == "person"


def test_a_company_suffix_of_another_country_makes_a_body_one_with_its_short_name():
    found = entities_of(
        "Shares in Harbourline Europe N.V. fell. On Monday, Harbourline Europe said sales fell. Greyfield GmbH agreed."
    )
    company = found["Harbourline Europe N.V."]
    assert company.kind == "organisation" and "Harbourline Europe" in company.aliases
    assert found["Greyfield GmbH"].kind == "organisation"


def test_a_verb_in_ing_opening_a_sentence_is_no_part_of_the_name_after_it_when_the_article_uses_the_verb():
    found = entities_of(
        "The council may divert money from schools. Diverting Harbour Board funds would anger parents, "
        "Ann Lowe said. Sterling Moss, who chairs the board, disagreed."
    )
    assert "Harbour Board" in found and not any(name.startswith("Diverting") for name in found)
    # A first name in "-ing" the article never writes as a verb stays the name's.
    assert "Sterling Moss" in found


def test_an_office_held_in_a_body_before_a_full_name_is_no_part_of_the_person():
    found = entities_of(
        "House Speaker Ann Lowe of Ohio said the bill would pass. Senate Minority Whip Tom Harlow disagreed. "
        "Brackley County Prosecutor Bob Denner said no charges would follow."
    )
    assert found["Ann Lowe"].kind == "person" and found["Ohio"].kind == "place"
    assert found["Tom Harlow"].kind == "person"
    assert found["Bob Denner"].kind == "person"
    assert not any(name.startswith(("House", "Senate", "Brackley")) for name in found)


def test_a_place_s_politics_what_a_body_is_called_and_what_it_deals_with():
    found = entities_of(
        "Voters in heavily Democratic Connecticut were polled. Ann Lowe co-founded a group called Quiet Streets. "
        "A Task Force on Ferry Safety reported on Thursday, Eastern Standard Time. The Committee on Monday voted."
    )
    assert found["Connecticut"].kind == "place" and "Democratic Connecticut" not in found
    assert found["Quiet Streets"].kind == "organisation"
    assert found["Task Force on Ferry Safety"].kind == "organisation" and "Ferry Safety" not in found
    assert found["Standard Time"].kind != "person"
    # A day after "on" is when the body acted, not part of its name.
    assert "Committee" in found and not any("Monday" in name for name in found)


def test_a_two_word_title_and_plural_titles_are_no_part_of_the_name():
    found = entities_of(
        "Vice President Lowe said the plan was sound. Ann Lowe has been vice president since May. "
        "U.S. Reps. Tom Berg and Ida Moss wrote to her. Sens. Ola Ek and Ivo Dahl agreed. "
        "She once worked for Harbour Media and Vice Weekly."
    )
    assert "Ann Lowe" in found and not any("President" in name for name in found)
    assert {"Tom Berg", "Ida Moss", "Ola Ek", "Ivo Dahl"} <= set(found)
    assert not any(name.startswith(("U.S", "Reps", "Sens")) for name in found)
    assert found["Harbour Media"].kind == "organisation"
    # "Vice" before a word that is no title stays the name's first word.
    assert "Vice Weekly" in found


def test_a_determiner_opening_a_sentence_is_no_part_of_the_name_after_it():
    found = entities_of(
        "Neither the Harbour Board nor the council replied. Fellow Harbour Party members agreed. "
        "Several Quayside Trust staff left."
    )
    assert {"Harbour Board", "Harbour Party", "Quayside Trust"} <= set(found)
    assert not any(name.startswith(("Neither", "Fellow", "Several")) for name in found)


def test_a_state_written_short_after_its_town_is_a_place():
    found = entities_of(
        "The mill in Newtown, Conn., closed. Ann Lowe (Wis.) and Tom Berg of Aventura, Fla. spoke. "
        "Tom Berg met Mo. He was late."
    )
    assert found["Conn"].kind == "place" and found["Wis"].kind == "place" and found["Fla"].kind == "place"
    # A short name at a sentence's end is no state: a full stop alone says nothing.
    assert found["Mo"].kind != "place"
