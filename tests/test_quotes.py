"""Quotes: spans, speakers, pairing across articles and word-level variants."""

from __future__ import annotations

import pytest
from conftest import article_from_text

from compare.model import CompareOptions, QuoteComparison
from compare.pipeline import compare_loaded
from compare.quotes import find_quote_spans, window_similarity


@pytest.mark.parametrize(
    "phrase",
    [
        "collaborate on a military level",
        "from a position of strength would be futile",
        "no need to respond to the Russian statement",
    ],
)
def test_quotes_both_carry_never_appear_in_a_fact(seed_comparison, phrase):
    for fact in seed_comparison.facts:
        assert phrase.casefold() not in fact.text.casefold(), fact


def test_both_quote_variants_are_reported_with_a_word_diff(seed_comparison):
    variants = [q for q in seed_comparison.quotes if q.status == "variant"]
    texts = [(q.a.text, q.b.text) for q in variants if q.a and q.b]
    assert any("all relevant governments" in a and "all relevant government departments" in b for a, b in texts)
    assert any("they have either interfered" in a and "Russia has interfered" in b for a, b in texts)
    for quote in variants:
        assert any(op.tag != "equal" for op in quote.opcodes)
    speakers = {q.speaker for q in variants}
    names = {e.id: e.name for e in seed_comparison.entities}
    assert {names[s] for s in speakers if s} == {"Vladimir Putin", "Jim Mattis"}


def test_quotes_are_attributed_through_descriptions_and_pronouns(seed_comparison):
    names = {e.id: e.name for e in seed_comparison.entities}
    by_text = {q.b.text[:30]: names.get(q.b.speaker or "") for q in seed_comparison.quotes if q.b}
    # "… should work together," said the Russian President.
    assert by_text["It’s in everyone’s interest to"] == "Vladimir Putin"
    # "… of other countries," he said.  (after "Mr Lavrov repeated …")
    assert by_text["You should know we do not inte"] == "Sergei Lavrov"
    # The US Defence Secretary hit back: "…"
    assert by_text["I have no need to respond to t"] == "Jim Mattis"


def test_quote_offsets_point_at_the_quote_text(seed_comparison):
    for comparison_quote in seed_comparison.quotes:
        for side, quote in (("a", comparison_quote.a), ("b", comparison_quote.b)):
            if quote is not None:
                text = seed_comparison.document(side).article.text
                assert text[quote.start : quote.end] == quote.text


def test_quote_spans_skip_apostrophes_and_run_to_paragraph_end_when_open():
    text = "She said: ‘it’s fine’ and “we will go on. We are not done"
    spans = [text[a:b] for a, b in find_quote_spans(text)]
    assert spans == ["it’s fine", "we will go on. We are not done"]


def test_a_straight_quotation_inside_another_is_part_of_it():
    text = '"The port never ran a "two-tier" fee. Rather, every boat paid the same," the Harbour Authority said.'
    assert [text[a:b] for a, b in find_quote_spans(text)] == [
        'The port never ran a "two-tier" fee. Rather, every boat paid the same,'
    ]
    assert speakers_of(text) == ["Harbour Authority"]
    # Quotations one after another are not nested; and an earlier search does not change where a later one ends.
    text = 'Lena Varga said she will "closely review" the plan, but said that "as a rule, the town decides."'
    assert [text[a:b] for a, b in find_quote_spans(text)] == ["closely review", "as a rule, the town decides."]
    text = 'She called it “pretty clear” and said Ek will "closely review" it, but that "the town decides."'
    assert [text[a:b] for a, b in find_quote_spans(text)] == ["pretty clear", "closely review", "the town decides."]


def test_window_similarity_treats_a_quoted_part_as_identical():
    ratio, identical = window_similarity("we are ready".split(), "and he said we are ready to go".split())
    assert identical and ratio == 1.0
    assert window_similarity("we are not ready".split(), "we are ready".split())[1] is False


def test_quotes_are_paired_when_their_common_words_fill_the_index():
    # 140 quotes per side share "government", "minister", "visit" and "school": past the index's limit on
    # postings, such words are read only as a quote's rarest, and only in part.  Quotes with rare words must
    # still find their counterparts, and so must a quote made only of common words, placed last in B.
    syllables = ["ka", "lo", "mi", "ne", "su", "tra", "vel", "zor", "qui", "bex", "dun", "fia"]

    def made_up(n: int) -> str:
        return "".join(syllables[(n // 12**k) % 12] for k in range(3)) + "ton"

    fillers = [
        f"“The government minister will visit the school at {' '.join(made_up(8 * i + k) for k in range(8))},”"
        " said Ms Reyes."
        for i in range(140)
    ]
    common = "“The government minister will visit the school,” said Ms Reyes."
    quotes_a = [common, *fillers]
    quotes_b = [*reversed(fillers), common]
    quotes_b[3] = quotes_b[3].replace("the school", "the new hospital")  # one worded differently
    one = article_from_text("Tour plan\n\n" + "\n\n".join(quotes_a))
    two = article_from_text("Tour plan\n\n" + "\n\n".join(quotes_b))
    comparison = compare_loaded(one, two)
    statuses = [q.status for q in comparison.quotes]
    assert statuses.count("identical") == len(quotes_a) - 1 and statuses.count("variant") == 1, statuses
    assert len(statuses) == len(quotes_a)
    for quote in comparison.quotes:
        assert quote.a is not None and quote.b is not None
        assert quote.a.text.split(" at ")[-1] == quote.b.text.split(" at ")[-1]


EXTENDED = CompareOptions(extended_quotes=True)


def quotes_of(text_a: str, text_b: str, options: CompareOptions = EXTENDED) -> tuple[QuoteComparison, ...]:
    """The quote comparisons of two one-paragraph articles under a shared headline."""
    return compare_loaded(
        article_from_text(f"Harbour plan\n\n{text_a}"), article_from_text(f"Harbour plan\n\n{text_b}"), options=options
    ).quotes


def test_identical_needs_the_same_words_but_not_the_same_typography():
    [same] = quotes_of(
        "“The ferry service will resume in the spring — weather permitting,” said Lena Varga.",
        '"the ferry service will resume in the Spring - weather permitting," said Lena Varga.',
    )
    assert same.status == "identical"
    # Stemming would make "hands" and "hand" one word: they are not the same words.
    [other] = quotes_of(
        "“Our hands are tied by the harbour board,” said Lena Varga.",
        "“Our hand is tied by the harbour board,” said Lena Varga.",
    )
    assert other.status == "variant" and other.extra is None
    assert any(op.tag != "equal" for op in other.opcodes)
    # A compound written as one word or two is the same word.
    [spaced] = quotes_of(
        "“It might affect our work force and our harbour,” said Lena Varga.",
        "“It might affect our workforce and our harbour,” said Lena Varga.",
    )
    assert spaced.status == "identical"


def test_a_quote_one_article_carries_further_is_extended_with_its_extra_words():
    longer = "“The ferry will not run this winter. But the council will pay for buses,” said Lena Varga."
    shorter = "“The ferry will not run this winter,” said Lena Varga."
    for text_a, text_b, side in ((longer, shorter, "a"), (shorter, longer, "b")):
        [quote] = quotes_of(text_a, text_b)
        assert quote.status == "extended"
        assert quote.extra is not None and quote.extra.side == side
        assert quote.extra.text == "But the council will pay for buses"
        long_quote = quote.a if side == "a" else quote.b
        assert long_quote is not None and long_quote.text[quote.extra.start : quote.extra.end] == quote.extra.text
        assert any(op.tag in ("insert", "delete") for op in quote.opcodes)  # the diff shows the extra words
    # With the status switched off (as schema version 1 had it), the same pair is a variant, never identical.
    [quote] = quotes_of(longer, shorter, CompareOptions(extended_quotes=False))
    assert quote.status == "variant" and quote.extra is None


def test_extra_words_on_both_ends_report_the_larger_end():
    [quote] = quotes_of(
        "“Frankly, the ferry will not run this winter, and nobody at the council can change that,” said Lena Varga.",
        "“The ferry will not run this winter,” said Lena Varga.",
    )
    assert quote.status == "extended" and quote.extra is not None
    assert quote.extra.text == "and nobody at the council can change that"


def test_each_quote_pairs_with_at_most_one_and_its_twin_first():
    [*quotes] = quotes_of(
        "“The new pier opens in May for every fishing boat,” said Tomas Ek.",
        "“The new pier opens in May for every fishing boat and every ferry,” said Tomas Ek. "
        "Later he added: “The new pier opens in May for every fishing boat.”",
    )
    statuses = sorted(q.status for q in quotes)
    assert statuses == ["identical", "only_b"], statuses
    [pair] = [q for q in quotes if q.status == "identical"]
    assert pair.b is not None and pair.b.text.startswith("The new pier opens in May for every fishing boat.")


def test_a_quote_split_in_two_pairs_both_halves_with_the_whole():
    quotes = quotes_of(
        "“The new pier opens in May for every fishing boat. Ferries will follow in the autumn,” said Tomas Ek.",
        "“The new pier opens in May for every fishing boat,” said Tomas Ek. “Ferries will follow in the autumn.”",
    )
    assert [q.status for q in quotes] == ["identical", "identical"]
    assert quotes[0].a == quotes[1].a  # both share A's whole quote
    assert quotes[0].b is not None and quotes[1].b is not None and quotes[0].b != quotes[1].b
    assert quotes[1].b_words == ("Ferries", "will", "follow", "in", "the", "autumn")
    assert quotes[1].a_words == quotes[1].b_words  # each half against its own part of the whole quote


def test_stats_count_extended_quotes():
    comparison = compare_loaded(
        article_from_text("Harbour plan\n\n“The ferry will not run this winter. Buses will,” said Lena Varga."),
        article_from_text("Harbour plan\n\n“The ferry will not run this winter,” said Lena Varga."),
        options=EXTENDED,
    )
    assert comparison.stats.quotes_extended == 1
    assert comparison.stats.quotes_identical == comparison.stats.quotes_variant == 0


def speakers_of(text: str) -> list[str | None]:
    """The speaker's name of each quote of an article made of `text`'s paragraphs, in reading order."""
    comparison = compare_loaded(article_from_text(f"Harbour plan\n\n{text}"), article_from_text("Harbour plan\n\nNo."))
    return [q.a.speaker_name for q in comparison.quotes if q.a is not None]


def test_the_speaker_is_the_one_the_verb_of_speech_attaches_to_not_the_last_named():
    assert speakers_of(
        "Lena Varga, who chairs the board, said the ferry would stop. “We cannot run it past Hob Point and "
        "Marsh Lane without Tomas Ek,” she said, thanking Tomas Ek."
    ) == ["Lena Varga"]
    assert speakers_of("“The new pier opens in May,” said Port Director Tomas Ek, standing beside Lena Varga.") == [
        "Tomas Ek"
    ]
    assert speakers_of("According to Tomas Ek, the pier “will open in May for every boat” despite Lena Varga.") == [
        "Tomas Ek"
    ]
    assert speakers_of("Tomas Ek told reporters the pier “will open in May for every boat” as Lena Varga left.") == [
        "Tomas Ek"
    ]


def test_a_place_or_an_event_never_speaks_and_an_unclear_quote_stays_unattributed():
    assert speakers_of("At Fenwick Island, “the new pier opens in May for every boat,” the sign read.") == [None]
    assert speakers_of("Visitors to the Harbour Festival heard “the new pier opens in May for every boat”.") == [None]


def test_a_remark_quoted_again_takes_the_speaker_named_for_it_once():
    assert speakers_of(
        "The board chair urged the port to drop the plan, calling it “the right plan at the worst moment.”\n\n"
        "Lena Varga said the pier could help the town, but “this is the right plan at the worst moment.”"
    ) == ["Lena Varga", "Lena Varga"]
    # Too short to be one remark, or said by two people: the phrase stays unattributed.
    assert speakers_of(
        "Critics called it “a bad plan.”\n\nLena Varga said: “It is a bad plan, and we will fight it.”"
    ) == [None, "Lena Varga"]
    assert speakers_of(
        "The pier was called “the right plan at the worst moment.”\n\n"
        "Lena Varga said: “This is the right plan at the worst moment.”\n\n"
        "Tomas Ek said: “Yes, the right plan at the worst moment, and too dear.”"
    ) == [None, "Lena Varga", "Tomas Ek"]


def test_a_named_body_speaks():
    assert speakers_of("“The new pier opens in May for every boat,” the Harbour Authority said.") == [
        "Harbour Authority"
    ]
    # "the agency" stands for the body last named, as "the company" does.
    assert speakers_of(
        "The Harbour Authority reversed its ban on Monday.\n\n“Regulated fishing can help the bay,” the agency said."
    ) == ["Harbour Authority"]


def test_a_statement_issued_by_someone_the_story_does_not_name_speaks_for_itself():
    assert speakers_of(
        "A group of harbour towns adopted a motion on Monday urging the port to “drop the plan at once.”"
    ) == ["the motion"]
    # What a statement calls for comes after it: a quotation before it is someone else's.
    assert speakers_of(
        "“The pier is unsafe for every boat.” A group of harbour towns later adopted a motion urging its closure."
    ) == [None]
    # A statement received, not issued, does not speak for the one who received it.
    assert speakers_of(
        "A group of harbour towns received a letter on Monday urging the port to “drop the plan at once.”"
    ) == [None]


def test_the_board_speaks_for_the_body_last_named_whose_name_ends_in_board():
    assert speakers_of(
        "The Harbour Board met on Monday.\n\nThe Ferry Times reported the board as saying that the town had failed "
        "to fund “the pier it promised in May.”"
    ) == ["Harbour Board"]
    # A role of the body ("the committee chairman") is a person, and a body no name ends in is no one.
    assert speakers_of(
        "The Harbour Committee met on Monday.\n\n“The pier opens in May,” the committee chairman said."
    ) == [None]
    assert speakers_of("The Harbour Authority met.\n\n“The pier opens in May for every boat,” the board said.") == [
        None
    ]
    # The nearest of two speaks.
    assert speakers_of(
        "The Harbour Board and the Harbour Council met.\n\n"
        "The board said it would wait, and the council said “there is no way at all, never.”"
    ) == ["Harbour Council"]


def test_a_pronoun_speaks_for_the_person_last_named_as_a_subject():
    assert speakers_of(
        "Tomas Ek opened the pier on Monday.\n\n“It will serve every boat in the bay,” he said, with his wife, "
        "Ada Moss, beside him."
    ) == ["Tomas Ek"]


def test_a_name_before_a_time_and_its_verb_is_the_subject_a_later_role_speaks_for():
    # "Rep. Tomas Ek on Friday questioned…": a subject, whom "he said" and "the committee chairman said" stand for,
    # though a body spoke in between; someone who approached the chairman, saying it, is not the chairman.
    text = (
        "The harbour committee called the plan “a wrong move at the wrong time.”\n\n"
        "Rep. Tomas Ek on Friday questioned the plan.\n\n"
        "“The council should withdraw this plan until the storms end,” the committee chairman said in a statement."
    )
    assert speakers_of(text)[-1] == "Tomas Ek"
    assert speakers_of(
        "Rep. Tomas Ek on Friday questioned the plan.\n\n"
        "A young man approached the chairman on the pier, saying: “Do you support the new ferry tax at all?”"
    ) == [None]


def test_a_statement_that_said_is_the_subjects_not_the_body_that_released_it():
    assert speakers_of(
        "Ada Moss opened the pier on Monday.\n\n"
        "She repeated her pledge in a statement released by the Harbour Board that said: “Every boat in the bay "
        "will be welcome at the new pier.”"
    ) == ["Ada Moss"]


def test_she_said_reaches_back_over_scene_setting_paragraphs_to_the_last_speaker():
    text = (
        "Harbour plan\n\n"
        "“We will rebuild the pier before the summer,” Mayor Lena Varga said.\n\n"
        "The crowd applauded as the band started to play.\n\n"
        "Rain began to fall over the square.\n\n"
        "“Nobody will be left behind,” she said."
    )
    comparison = compare_loaded(article_from_text(text), article_from_text("Harbour plan\n\nNothing else."))
    speakers = [q.a.speaker_name for q in comparison.quotes if q.a is not None]
    assert speakers == ["Lena Varga", "Lena Varga"]


def test_two_word_quotes_are_found_and_attributed():
    comparison = compare_loaded(
        article_from_text("Harbour plan\n\nThe mayor, Lena Varga, called the old pier “a hazard” on Monday."),
        article_from_text("Harbour plan\n\nNothing else."),
    )
    [quote] = [q for q in comparison.quotes if q.a is not None]
    assert quote.a.text == "a hazard"


def test_a_source_is_the_speaker_only_when_no_one_else_is():
    reported = compare_loaded(
        article_from_text(
            "Harbour plan\n\nIn May, Lena Varga asserted that the town had “every right to rebuild the pier,” "
            "according to the Coast Gazette."
        ),
        article_from_text("Harbour plan\n\nNothing else."),
    )
    [quote] = [q.a for q in reported.quotes if q.a is not None]
    assert quote.speaker_name == "Lena Varga"
    sourced = compare_loaded(
        article_from_text("Harbour plan\n\nThe pier will “cost far more than planned,” according to Harbour Watch."),
        article_from_text("Harbour plan\n\nNothing else."),
    )
    [quote] = [q.a for q in sourced.quotes if q.a is not None]
    assert quote.speaker_name == "Harbour Watch"


def test_a_name_of_unknown_kind_speaks_when_a_verb_of_speech_attaches_to_it():
    comparison = compare_loaded(
        article_from_text(
            "Harbour plan\n\nThe board of Velmora met on Monday. Velmora said: “The new pier will open in the spring.”"
        ),
        article_from_text("Harbour plan\n\nNothing else."),
    )
    [quote] = [q.a for q in comparison.quotes if q.a is not None]
    assert quote.speaker_name == "Velmora"


def test_she_paused_then_added_is_an_attribution():
    text = (
        "Harbour plan\n\n“The pier will be rebuilt,” Mayor Lena Varga said.\n\n"
        "She paused, then added: “But not this year.”"
    )
    comparison = compare_loaded(article_from_text(text), article_from_text("Harbour plan\n\nNothing else."))
    assert [q.a.speaker_name for q in comparison.quotes if q.a is not None] == ["Lena Varga", "Lena Varga"]


def test_a_colon_clause_gives_the_quote_to_the_person_not_the_body_before_them():
    comparison = compare_loaded(
        article_from_text(
            "Harbour plan\n\nThe board of Velmora met on Monday. Velmora’s chief engineer, Tomas Brekke, told the "
            "meeting: “The pier will be finished in May.”"
        ),
        article_from_text("Harbour plan\n\nNothing else."),
    )
    [quote] = [q.a for q in comparison.quotes if q.a is not None]
    assert quote.speaker_name == "Tomas Brekke"


def test_a_question_put_to_the_speaker_is_not_attributed_to_them():
    assert speakers_of(
        "Reporters pressed the mayor, Lena Varga, at the quay. "
        'Asked point-blank, "Did you sign the contract?" Lena Varga replied, "I will not talk about this."'
    ) == [None, "Lena Varga"]
    # Asked, and then answering in the same sentence: the answer is the speaker's.
    assert speakers_of('Asked about the contract, Lena Varga said: "It was signed in May."') == ["Lena Varga"]


def _quotes_of(text_a: str, text_b: str) -> tuple[QuoteComparison, ...]:
    """The quote comparisons of two one-paragraph articles, on their words alone."""
    return compare_loaded(
        article_from_text(f"Headline\n\n{text_a}"),
        article_from_text(f"Headline\n\n{text_b}"),
        options=CompareOptions(semantic=False),
    ).quotes


def test_a_quote_cut_with_an_ellipsis_meets_each_quote_it_was_cut_from():
    # B joins short runs of two long remarks of A's in one quotation, with ellipses: each run is B's quote of
    # that remark, so neither remark is reported as quoted by one article only.
    quotes = _quotes_of(
        'The harbour master said: "The board and I have met twice, and we both believe that dredging and careful '
        'surveys are essential to the port." She added: "As a result, in keeping with every rule that applies to us, '
        'the repair of the northern pier is being put off until the spring tides have passed."',
        'The harbour master said "we both believe that dredging & careful surveys are essential ... the repair of '
        'the northern pier is put off..."',
    )
    paired = [q for q in quotes if q.a and q.b]
    assert len(paired) == 2, [(q.status, q.a and q.a.text, q.b and q.b.text) for q in quotes]
    assert {q.status for q in paired} <= {"extended", "variant"}
    assert not [q for q in quotes if q.status in ("only_a", "only_b")]
    assert all("..." not in q.b.text for q in paired if q.b)


def test_an_ampersand_is_the_word_and():
    quotes = _quotes_of(
        'The warden said "the reefs and the mangroves are recovering faster than anyone hoped."',
        'The warden said "the reefs & the mangroves are recovering faster than anyone hoped."',
    )
    assert [q.status for q in quotes] == ["identical"]


def _speakers(text: str) -> dict[str, str | None]:
    """The speaker name of each quote of B, a one-paragraph article, by the quote's first words."""
    quotes = _quotes_of("The council met on Tuesday to discuss the harbour.", text)
    return {q.b.text.split(",")[0][:24]: q.b.speaker_name for q in quotes if q.b}


def test_a_legislators_party_and_state_do_not_hide_the_speaker():
    speakers = _speakers(
        '"The closure of the harbour would be an affront to every fisherman in the county," House Harbours Committee '
        "Chairman Jerrold Vance, D-N.Y., said in a statement."
    )
    assert speakers == {"The closure of the harbo": "Jerrold Vance"}


def test_a_speaker_described_twice_before_the_verb_is_still_the_speaker():
    speakers = _speakers(
        '"If the board succeeds, the harbour will be in the hands of the cartels," Mara Quell, the executive director '
        "of the Harbour Traders Guild, a Kelso-based trade group, said in a statement."
    )
    assert speakers == {"If the board succeeds": "Mara Quell"}


def test_a_document_quoted_as_a_speaker_is_named_when_no_one_is():
    speakers = _speakers(
        '"Fish flows from this gap into neighbouring counties," the lawsuit says. The complaint from Kelso and '
        'Marrow, where fishing is banned, argues that the council "created a dangerous gap in the rules."'
    )
    assert speakers == {"Fish flows from this gap": "the lawsuit", "created a dangerous gap ": "the complaint"}


def test_a_document_speaker_is_shown_in_the_quotes_list_and_the_json():
    from compare.export import comparison_to_dict

    comparison = compare_loaded(
        article_from_text("Headline\n\nThe council met on Tuesday to discuss the harbour."),
        article_from_text('Headline\n\n"Fish flows from this gap into neighbouring counties," the lawsuit says.'),
        options=CompareOptions(semantic=False),
    )
    [quote] = comparison_to_dict(comparison)["quotes"]
    assert (quote["speaker"], quote["speaker_entity"], quote["b"]["speaker"]) == ("the lawsuit", None, "the lawsuit")


def test_a_name_after_a_verb_a_story_never_puts_first_is_not_the_speaker():
    # "vowed Congress would": Congress is who will act, not who vowed; '"…," said the Harbour Board' still speaks.
    speakers = _speakers(
        'They vowed the Harbour Board would "defend our moorings in every court in the land." "We will not be moved '
        'from these waters by anyone," said the Harbour Board.'
    )
    assert speakers == {"defend our moorings in e": None, "We will not be moved fro": "Harbour Board"}


def test_a_quotation_left_open_at_a_paragraph_end_is_spoken_by_whoever_the_next_paragraph_names():
    # News style: a remark running over paragraphs leaves each but the last open and names its speaker in the last.
    assert speakers_of(
        "The harbour board met on Monday.\n\n"
        "“There can be no pier without a harbour wall, and no harbour wall without the fishermen.\n\n"
        "“Every boat in the bay will have a berth by May.\n\n"
        "“This is an idea whose time has come,” said Mayor Lena Varga at the meeting."
    ) == ["Lena Varga", "Lena Varga", "Lena Varga"]


def test_a_quotation_closed_in_its_paragraph_does_not_take_the_next_paragraphs_speaker():
    assert speakers_of(
        "“There can be no pier without a harbour wall and the fishermen,” a banner read.\n\n"
        "“This is an idea whose time has come,” said Mayor Lena Varga at the meeting."
    ) == [None, "Lena Varga"]


def test_a_clause_with_he_or_she_for_subject_gives_a_colon_quote_to_that_person():
    assert speakers_of(
        "Lena Varga opened the pier on Monday.\n\n"
        "She repeated her pledge in a notice posted by the Harbour Authority: “Every boat in the bay will have a berth "
        "by May.”"
    ) == ["Lena Varga"]


def test_the_company_speaks_for_the_body_last_named():
    assert speakers_of(
        "Harbour Freight Ltd has cancelled its winter sailings to Kelso.\n\n"
        "“Every passenger will get a full refund,” the company said on Monday.\n\n"
        "The company later issued a statement: “We regret the closure of the route.”"
    ) == ["Harbour Freight Ltd", "Harbour Freight Ltd"]


def test_the_company_with_no_body_named_before_it_stays_unattributed():
    assert speakers_of("“Every passenger will get a full refund,” the company said on Monday.") == [None]


def test_a_name_with_its_home_or_a_description_between_it_and_its_verb_is_the_subject():
    # "Representative X of Maryland, the senior Democrat on the committee, also scolded the agency": X is the
    # subject whom the next "he said" stands for, not the speaker quoted before.
    lead = "“The harbour board failed us,” Rep. Tomas Ek said.\n\n"
    cases = {
        "Representative Jonas Berg of Marsh County, the senior member of the board, also scolded the council. "
        "“I believe there was gross mismanagement,” he said.": "Jonas Berg",
        "Representative Jonas Berg, a councillor from Hob Point, tried to link the ferry to the pier. "
        "“The people don’t buy it,” he said.": "Jonas Berg",
        "One councillor, Jonas Berg of Marsh County, even raised the threat of an inquiry. "
        "“There will be hell to pay,” he said.": "Jonas Berg",
        "The harbour board’s spokeswoman, Ada Moss, sought to distance the board from the plan. "
        "“The charges have nothing to do with the board,” she told reporters.": "Ada Moss",
    }
    for text, speaker in cases.items():
        assert speakers_of(lead + text)[-1] == speaker, text


def test_a_description_followed_by_a_clause_of_its_own_leaves_the_name_before_it_no_subject():
    # "With the moderator, Ada Moss, opening the debate with a question, which …, Ek criticised": Moss opens no
    # clause; "he said" is the speaker named before.
    assert speakers_of(
        "Tomas Ek spoke first.\n\n"
        "With the moderator, Ada Moss, opening the debate with a question about the pier, which closed a month "
        "ago, the council waited.\n\n"
        "“This is becoming more troubling by the day,” he said."
    ) == ["Tomas Ek"]


def test_he_never_stands_for_someone_the_text_calls_ms_nor_she_for_mr():
    assert speakers_of(
        "Mr. Tomas Ek spoke to reporters on Friday.\n\n"
        "But Ms. Ada Moss has clearly got under his skin. “I hardly know her,” he said."
    ) == ["Tomas Ek"]
    assert speakers_of(
        "Ms. Ada Moss spoke to reporters on Friday.\n\n"
        "But Mr. Tomas Ek has clearly got under her skin. “I hardly know him,” she said."
    ) == ["Ada Moss"]


def test_a_name_after_its_description_and_a_comma_speaks_by_the_verb_after_it():
    assert speakers_of(
        "In a statement on Thursday, the harbour board’s chairman, Tomas Ek, said the board was “deeply "
        "concerned” about the plan.\n\n“We intend to examine the plan closely,” he said."
    ) == ["Tomas Ek", "Tomas Ek"]


def test_a_title_written_short_is_the_role_the_story_names_later_in_its_own_article():
    # "Gov. Ada Moss" is "the governor" of her article, though the other article names another governor; in
    # "… and Mr. Ek, the governor pointed to …" the words after the comma are a clause, not Ek's title.
    comparison = compare_loaded(
        article_from_text(
            "Harbour plan\n\nGov. Ada Moss defended the plan on Friday.\n\n"
            "In interviews with the Star and Mr. Tomas Ek, the governor pointed to the plan’s origins.\n\n"
            "“I support this plan,” the governor said."
        ),
        article_from_text("Harbour plan\n\nGov. Lena Varga of Marsh County opposed the plan on Monday."),
    )
    assert [q.a.speaker_name for q in comparison.quotes if q.a is not None] == ["Ada Moss"]


def test_a_description_that_is_an_object_or_an_owner_is_not_the_speaker():
    text = "Governor Ada Moss defended the plan.\n\n"
    assert speakers_of(
        text + "“I am appalled by this arrest,” said a lawyer, who has been an adviser to the governor."
    ) == [None]
    assert speakers_of(text + "A councillor criticised the governor’s statement as “a betrayal of the harbour.”") == [
        None
    ]


def test_a_participle_of_speech_gives_the_quote_to_the_sentence_subject():
    assert speakers_of(
        "Gov. Ada Moss defended the plan.\n\n"
        "Rep. Tomas Ek (R-Marsh) criticised the governor’s statement, calling instead for a plan “that keeps "
        "the harbour open to every boat.”"
    ) == ["Tomas Ek"]
    assert speakers_of(
        "Harbour Secretary Tomas Ek echoed the governor in a message of his own, saying that the two had spoken "
        "and “both believe the pier must stay open.”"
    ) == ["Tomas Ek"]


def test_a_statement_its_subject_issues_speaks_its_participle_and_another_clause_s_subject_does_not():
    # A participle of what a statement says needs no comma; a body that opens the sentence issues it.
    assert speakers_of("The Harbour Union adopted a resolution Tuesday condemning “reckless dredging” in the bay.") == [
        "Harbour Union"
    ]
    assert speakers_of(
        "Harbour Union chief Ada Moss later issued a statement calling the plan “misleading and unfair” and "
        "claiming “the union has not changed its position.”"
    ) == ["Ada Moss", "Ada Moss"]
    # The subject of another clause ("why …, but …") does not say what the participle brings in.
    assert speakers_of(
        "It was not clear why Ada Moss made the announcement, but it came as the top Republican on the committee "
        "called for a vote, labeling it the “wrong move at the wrong time.”"
    ) == [None]
    # A statement its subject receives, cites or rejects does not speak for the subject.
    for verb in ("rejected a resolution", "received a letter", "cited a 2019 report", "voted against a motion"):
        assert speakers_of(f"The Harbour Union {verb} condemning “reckless dredging” in the bay.") == [None], verb
    # A determiner "that", or a clause about the subject itself, is no other clause.
    assert speakers_of("Ann Lowe defended that decision on Friday, calling it “the only way forward.”") == ["Ann Lowe"]
    assert speakers_of(
        "Ann Lowe, who chairs the board, issued a statement calling the plan “misleading and unfair.”"
    ) == ["Ann Lowe"]
    # A body named after "the" inside the clause is not its subject: the letter the critics drafted speaks.
    assert speakers_of("Critics of the Harbour Union drafted a letter accusing the board of “reckless dredging.”") == [
        "the letter"
    ]


def test_a_name_after_a_preposition_and_its_title_is_not_the_subject_of_the_verb_after_it():
    # "a recording of Archbishop Ann Lowe calling …": Lowe is what the recording holds, not who speaks the quote.
    assert speakers_of(
        "Tomas Ek turned on his electronic “boom box” that blared a recording of Salvadoran Archbishop Ann Lowe "
        "calling on soldiers to stop."
    ) == [None]


def test_a_document_that_speaks_after_its_verb_is_named():
    assert speakers_of(
        '"The harbour failed because of choices other than its funding," says the 102-page report, completed in '
        "September."
    ) == ["the 102-page report"]
    assert speakers_of('The board adopted it, and the resolution said the plan was "a danger to the harbour."') == [
        "the resolution"
    ]


def test_a_description_after_a_quote_names_its_speaker_and_a_son_is_not_she():
    assert speakers_of(
        "“The pier was never safe,” one of the women, Ada Moss, said after the meeting. Her son Tomas Berg, 23, "
        "was hurt there in 2011. “He should never have been on it,” she said."
    ) == ["Ada Moss", "Ada Moss"]


def test_quotes_of_one_speaker_the_model_finds_alike_pair_as_variants():
    from compare.quotes import pair_reworded_quotes

    comparison = compare_loaded(
        article_from_text(
            "Harbour plan\n\n“The aim of the plan was to start a debate about safety at the pier,” said Ada Moss. "
            "“We will keep every boat in the bay safe this winter,” said Tomas Ek."
        ),
        article_from_text(
            "Harbour plan\n\n“With this plan we intended to raise a new impulse in the harbour discussion,” said Ada "
            "Moss. “The ferry will stop when the storms come in,” said Lena Varga."
        ),
        options=CompareOptions(semantic=False),
    )
    assert {c.status for c in comparison.quotes} == {"only_a", "only_b"}

    def alike(left: list[str], right: list[str]) -> list[list[float]]:
        # A stand-in for the model: remarks about a debate or a discussion say the same thing.
        return [[0.9 if "debate" in one and "discussion" in two else 0.1 for two in right] for one in left]

    paired = pair_reworded_quotes(comparison.quotes, alike, CompareOptions())
    variants = [c for c in paired if c.status == "variant"]
    assert len(variants) == 1 and variants[0].similarity < 0.5  # paired by meaning; few of their words alike
    assert "debate" in variants[0].a.text and "discussion" in variants[0].b.text
    # Ek and Varga are different speakers: their quotes stay one-sided, whatever the model says.
    everything = pair_reworded_quotes(comparison.quotes, lambda a, b: [[0.99] * len(b) for _ in a], CompareOptions())
    assert sum(c.status == "variant" for c in everything) == 1
    assert [c.id for c in paired] == [f"qc{n}" for n in range(1, len(paired) + 1)]


def test_a_body_named_after_of_or_after_a_person_is_where_they_work_not_the_speaker():
    assert speakers_of(
        "As columnist Tomas Ek of The Harbour Times wrote on Monday, the plan fails those who "
        "“live off the sea and nothing else.”"
    ) == ["Tomas Ek"]
    assert speakers_of(
        "Mr. Tomas Ek explained the failure of the plan when Republicans controlled both houses of Marsh Council "
        "by saying, “I was a little new to the job.”"
    ) == ["Tomas Ek"]
    assert speakers_of(
        "The top member on the Harbour Committee called on the council to reverse the plan, labelling it the "
        "“wrong move at the wrong time.”"
    ) == [None]
    # No one is named before the body: a statement from it, or its officials, speak for it.
    assert speakers_of(
        "“Every boat will be safe,” a statement from the Harbour Authority said. Officials with the Harbour "
        "Authority called the plan “a lifeline.”"
    ) == ["Harbour Authority", "Harbour Authority"]


def test_a_name_far_after_the_quote_gives_way_to_the_speaker_before_it():
    assert speakers_of(
        "Mr. Tomas Ek said over the weekend that the pier would resist any “legitimate storm,” remarks that "
        "have been widely condemned, including by Ms. Ada Moss who called for him to resign."
    ) == ["Tomas Ek"]


def test_she_who_answers_is_not_the_one_who_asked_her():
    assert speakers_of(
        "Ada Moss appeared before the harbour panel on Wednesday.\n\n"
        'Rep. Tomas Ek, D-Marsh, asked her if she could "comment briefly on the state of the pier."\n\n'
        'She said: "Well, there is a survey that began this discussion."'
    ) == ["Tomas Ek", "Ada Moss"]
    # The one urged does not answer: "he said" is still the one who urged.
    assert speakers_of(
        "Tomas Ek told the story on Friday. His cousin started shouting, and Tomas Ek urged him to be quiet.\n\n"
        '"At the time that he stopped me, I was a prosecutor," he said.'
    ) == ["Tomas Ek"]


def test_an_unnamed_source_the_story_describes_is_the_speaker_when_no_one_is_named():
    assert speakers_of("“What else are we missing?” said one official briefed on the harbour plan.") == ["one official"]
    assert speakers_of(
        "A senior harbour official, who spoke on condition of anonymity, said the plan was “not a cure-all.”"
    ) == ["a senior harbour official"]
    # A named speaker still comes first.
    assert speakers_of("“The pier is safe,” Ada Moss said, as one official looked on.") == ["Ada Moss"]


def test_they_stands_for_two_people_named_together_and_for_no_group_a_story_describes():
    assert speakers_of(
        "“This is plainly a power grab,” Mayor Ada Moss and Councillor Tomas Ek said in a statement.\n\n"
        "They vowed the council would “defend our harbour in every court.”"
    ) == ["Tomas Ek", "Ada Moss"]
    assert speakers_of(
        "Five harbour pilots urged the board to step aside. They said the plan does not serve “the harbour.”"
    ) == [None]


def test_quoted_answers_to_short_questions_go_on_with_the_last_speaker():
    # An interview's quick round: the names put as questions are who is spoken of, not who speaks.
    assert speakers_of(
        "Asked about her rivals, Mayor Lena Varga answered each in turn.\n\n"
        "Councillor Ortiz? “A hard worker, always,” she said.\n\n"
        "Judge Brennan? “Fair to a fault.”\n\n"
        "And Mr. Hale? “Solid as a rock.”"
    ) == ["Lena Varga", "Lena Varga", "Lena Varga"]


def test_a_name_after_by_and_its_description_is_not_the_speaker():
    # Who brought the suit is named inside a clause about it; the suit is what accuses.
    assert speakers_of(
        "The lawsuit, which was brought by the state’s attorney general, Jon Doe, and the city’s lawyer, Ann Roe, "
        "accused the harbour board of “ignoring every rule in the book.”"
    ) == ["the lawsuit"]


def test_accusing_someone_in_quoted_words_is_speaking():
    assert speakers_of("Senator Mark Hale accused the board of “selling out the fishermen” on Monday.") == ["Mark Hale"]


def test_a_name_after_by_a_thing_and_a_comma_still_speaks():
    assert speakers_of(
        "The troubles raised by the storm, Lena Varga said, have simmered “for years in every harbour town.”"
    ) == ["Lena Varga"]


def test_he_said_passes_over_a_woman_the_story_calls_she():
    # No title says who is a woman; "she" after her name, in a sentence naming no one else, does.
    assert speakers_of(
        "Lena Varga opened the pier when, after a long delay, she cut the ribbon.\n\n"
        "When Tom Hale learned that Varga had been promoted, he became concerned.\n\n"
        "“She was rewarded for what she had done at the port,” he said."
    ) == ["Tom Hale"]


def test_she_after_someone_else_spoken_of_gives_no_gender():
    # "asked her if she": the "she" is the one asked, not the asker, who stays free to be "he".
    assert speakers_of(
        "Lena Varga spoke first at the hearing.\n\n"
        "Tom Hale asked her if she could comment.\n\n"
        "Hale later called her answer evasive.\n\n"
        "“You cannot mislead this committee,” he said."
    ) == ["Tom Hale"]


def test_a_name_after_a_preposition_is_not_the_subject_of_the_verb_after_it():
    assert speakers_of(
        "The harbour board adopted a motion condemning “reckless elements” in the Coast Party movement and calling "
        "on its leaders to act."
    ) == ["the motion"]  # the motion the board adopted says it, never the movement named after the quote


def test_a_title_in_quote_marks_is_no_remark_and_a_pause_does_not_cut_a_quote_in_two():
    comparison = compare_loaded(
        article_from_text(
            "Harbour plan\n\nMayor Tomas Ek mentioned a “Night Harbour Hour” sketch, a comedy show's joke about the "
            "pier by Ada Lind. “The plan is sound,” Mr. Ek said on the quay. “And we ... well, Ada Lind was right "
            "about the tides: the plan was changed in May.”"
        ),
        article_from_text("Harbour plan\n\nNo."),
        options=CompareOptions(semantic=False),
    )
    quotes = [q.a for q in comparison.quotes if q.a is not None]
    assert [(q.text, q.speaker_name) for q in quotes] == [
        ("The plan is sound", "Tomas Ek"),
        ("And we ... well, Ada Lind was right about the tides: the plan was changed in May.", "Tomas Ek"),
    ]


def test_two_phrases_meeting_on_one_word_are_two_remarks_but_a_remark_cut_shorter_is_one():
    apart = quotes_of(
        "At the college, the mayor said they were starting “a fair hearing” with the harbour board.",
        "The harbour master called it “a very fair night” for the crews at the pier.",
        CompareOptions(semantic=False, extended_quotes=True),
    )
    assert sorted(q.status for q in apart) == ["only_a", "only_b"]
    together = quotes_of(
        "“We are talking about a flood of our harbour,” the mayor said at the pier on Monday.",
        "“It’s a flood,” the mayor said at the pier on Monday.",
        CompareOptions(semantic=False, extended_quotes=True),
    )
    assert [q.status for q in together] == ["variant"]
