"""Changes: what differs inside sentences both articles carry (a figure, a date, a negation, an opposite)."""

from __future__ import annotations

import pytest
from conftest import article_from_text

from compare.changes import edited_pairs
from compare.context import summary_sentence
from compare.model import CompareOptions, Comparison
from compare.pipeline import compare_loaded

WORDS_ONLY = CompareOptions(semantic=False)


def compared(text_a: str, text_b: str, *, versions: bool = False, headline_b: str = "Headline") -> Comparison:
    """Two one-paragraph articles compared on their words."""
    options = CompareOptions(semantic=False, versions=versions)
    return compare_loaded(
        article_from_text(f"Headline\n\n{text_a}"), article_from_text(f"{headline_b}\n\n{text_b}"), options=options
    )


def kinds_and_summaries(comparison: Comparison) -> list[tuple[str, str]]:
    """(kind, summary) of every change."""
    return [(c.kind, c.summary) for c in comparison.changes]


def test_a_changed_figure_is_one_change_never_a_fact_on_each_side():
    comparison = compared(
        "About 240 households were told to leave their homes near the plant on Friday.",
        "About 260 households were told to leave their homes near the plant on Friday.",
    )
    assert kinds_and_summaries(comparison) == [("figure", "240 → 260 households")]
    [change] = comparison.changes
    assert (change.a.text, change.b.text) == ("240", "260")
    assert (change.a.sentence, change.b.sentence) == ("a-p2-s1", "b-p2-s1")
    assert comparison.facts == ()


def test_a_figure_in_a_sentence_that_also_adds_words_is_still_one_change():
    comparison = compared(
        "The earthquake struck before dawn on Tuesday and killed at least 47 people in the town.",
        "The earthquake, a magnitude shock centred beneath the coastal mountains north of the capital, struck "
        "before dawn on Tuesday and killed at least 62 people in the town.",
    )
    assert ("figure", "47 → 62 people") in kinds_and_summaries(comparison)
    # A's sentence is all in B's, which says much more: B's may be a fact of its own (what it adds), A's is not.
    assert all(f.side == "b" for f in comparison.facts)


def test_the_same_figure_written_another_way_is_no_change():
    for text_a, text_b in (
        (
            "Five people died on the 8th of the month in the flood.",
            "5 people died on the eighth of the month in the flood.",
        ),
        (
            "The fire destroyed 1,300 homes in the valley last year.",
            "The fire destroyed 1300 homes in the valley last year.",
        ),
    ):
        assert compared(text_a, text_b).changes == ()


def test_a_number_in_several_words_is_one_figure():
    same = compared(
        "About sixteen thousand people marched to the base, and twenty-two of them were arrested.",
        "About 16,000 people marched to the base, and 22 of them were arrested.",
    )
    assert same.changes == () and same.facts == ()
    assert same.alignment.sentences["a-p2-s1"].status == "shared"
    changed = compared(
        "About two hundred and fifty people marched to the base, and twenty two of them were arrested.",
        "About 250 people marched to the base, and 25 of them were arrested.",
    )
    assert [(c.kind, c.a.text, c.b.text) for c in changed.changes] == [("figure", "twenty two", "25")]


def test_number_words_that_name_no_number_together_keep_their_own_keys():
    from compare.normalise import tokenize

    assert [t.key for t in tokenize("one two three, the first two, a second time")] == [
        "1",
        "2",
        "3",
        "the",
        "1",
        "2",
        "a",
        "2",
        "time",
    ]


def test_a_day_number_is_not_a_figure_against_a_year():
    comparison = compared(
        "The bridge was first closed in March 2008 after engineers found cracks in its piers.",
        "The bridge was first closed on March 2 after engineers found cracks in its piers.",
    )
    assert all(c.kind != "figure" for c in comparison.changes)


def test_a_day_in_a_list_of_fixtures_is_a_date_whatever_word_follows_it():
    # The word after the day ("Bayern") tells the two numbers apart, as "Feb" cannot (Feb 23 is on both sides).
    earlier = "FIRST LEG Tuesday, Feb 22 Bayern Munich v Arsenal Wednesday, Feb 23 Barcelona v Chelsea"
    later = "FIRST LEG Tuesday, Feb 24 Bayern Munich v Arsenal Wednesday, Feb 23 Barcelona v Chelsea"
    assert kinds_and_summaries(compared(earlier, later, versions=True)) == [("date", "Feb 22 → 24")]
    assert kinds_and_summaries(compared(later, earlier, versions=True)) == [("date", "Feb 24 → 22")]
    # A number too big for a day, beside a weekday, counts something.
    workers = compared("On Monday 300 workers walked out of the yard.", "On Monday 400 workers walked out of the yard.")
    assert kinds_and_summaries(workers) == [("figure", "300 → 400 workers")]


def test_another_weekday_is_a_date_change():
    comparison = compared(
        "The council will vote on the harbour budget on Monday after a long debate.",
        "The council will vote on the harbour budget on Tuesday after a long debate.",
    )
    assert kinds_and_summaries(comparison) == [("date", "Monday → Tuesday")]


def test_a_negation_on_one_side_is_a_change_with_an_empty_text_on_the_other():
    comparison = compared(
        "The minister said the ferry service is safe for passengers this winter.",
        "The minister said the ferry service is not safe for passengers this winter.",
    )
    [change] = comparison.changes
    assert change.kind == "negation"
    assert (change.a.text, change.b.text) == ("", "not")
    assert comparison.facts == ()


def test_a_negation_said_with_a_negating_prefix_on_the_other_side_is_no_negation_change():
    for versions in (False, True):
        comparison = compared(
            "The minister said it was not clear whether the ferry service would run this winter.",
            "The minister said it was unclear whether the ferry service would run this winter.",
            versions=versions,
        )
        assert all(c.kind != "negation" for c in comparison.changes)
    # A negation of another word is still one.
    comparison = compared(
        "The minister said it was not likely that the ferry service would run this winter.",
        "The minister said it was unclear whether the ferry service would run this winter.",
    )
    assert [c.kind for c in comparison.changes] == ["negation"]


def test_an_opposite_verb_is_a_change():
    comparison = compared(
        "Shares in the mining company rose sharply on Monday after the ruling.",
        "Shares in the mining company fell sharply on Monday after the ruling.",
    )
    assert kinds_and_summaries(comparison) == [("opposite", "rose → fell")]


def test_names_wording_and_the_headline_are_changes_only_between_versions():
    text_a = "Councillor Brandt said the plan had failed to protect the harbour."
    text_b = "Councillor Holm said the plan had failed to shield the harbour."
    across = compared(text_a, text_b, headline_b="Another headline")
    assert across.changes == ()
    between = compared(text_a, text_b, versions=True, headline_b="Another headline")
    kinds = [c.kind for c in between.changes]
    assert kinds == ["headline", "name", "wording"]
    assert between.changes[0].summary == "headline: Headline → Another headline"


def test_the_same_article_has_no_changes_and_swapping_mirrors_them():
    text_a = "About 240 households were told to leave on Friday, and the school is not open."
    text_b = "About 260 households were told to leave on Friday, and the school is open."
    assert compared(text_a, text_a, versions=True).changes == ()
    forward, backward = compared(text_a, text_b), compared(text_b, text_a)
    assert [(c.kind, c.a.text, c.b.text) for c in forward.changes] == [
        (c.kind, c.b.text, c.a.text) for c in backward.changes
    ]


def test_a_unit_written_out_is_the_same_figure():
    comparison = compared(
        "The strongest gust, 92mph, was recorded at the harbour on Monday night.",
        "The strongest gust, 92 miles per hour, was recorded at the harbour on Monday night.",
    )
    assert comparison.changes == ()


def test_words_inside_a_quotation_are_never_a_change():
    comparison = compared(
        "“That is not consultation,” the mayor said of the harbour plan on Monday.",
        "“That is consultation,” the mayor said of the harbour plan on Monday.",
    )
    assert comparison.changes == ()


def test_one_place_written_two_ways_is_no_change():
    comparison = compared(
        "He joined a club in the Portuguese league after leaving the harbour town.",
        "He joined a club in Portugal after leaving the harbour town.",
    )
    assert [c.kind for c in comparison.changes if c.kind == "place"] == []


@pytest.mark.parametrize(("long", "short"), [("Kelso Bay", "KB"), ("Kelso Bay", "K.B.")])
def test_a_place_and_its_initials_are_no_change(long, short):
    comparison = compared(
        f"A report says {long} is failing to protect the harbour from the winter storms.",
        f"A report criticised {short} for failing to protect the harbour from the winter storms.",
    )
    assert [c.kind for c in comparison.changes if c.kind == "place"] == []


def test_a_place_against_initials_that_are_not_its_own_is_still_a_change():
    comparison = compared(
        "A report says Kelso Bay is failing to protect the harbour from the winter storms.",
        "A report criticised MB for failing to protect the harbour from the winter storms.",
    )
    assert [c.kind for c in comparison.changes] == ["place"]


def test_figures_for_the_same_thing_in_sentences_told_differently_are_a_change():
    comparison = compared(
        "The plan will let the council use about $3.6 billion from harbour construction projects to build the wall. "
        "The mayor opened the new library on Friday.",
        "Officials expect to move money from the harbour construction budget, to the tune of $3.5 billion, "
        "into the sea defences. Schools reopened after the storm.",
    )
    assert ("figure", "$3.6 billion → $3.5 billion") in kinds_and_summaries(comparison)


def test_a_count_of_the_same_things_described_in_more_words_is_a_change():
    # What a figure counts is the run of words after it: "32 new flood barriers" counts what "30 flood barriers"
    # counts; a population counted as people or as residents is one quantity.
    comparison = compared(
        "Engineers drew up a first list of 30 flood barriers for the coast, worth $1.2 billion. "
        "The town of 42,000 residents voted on the plan.",
        "The coastal scheme starts with 32 new flood barriers along the coast. Some 45,000 people live in the town, "
        "which voted.",
    )
    assert ("figure", "30 → 32 flood barriers") in kinds_and_summaries(comparison)
    assert ("figure", "42,000 → 45,000 residents") in kinds_and_summaries(comparison)
    # Counted words in common are not enough alone: "30 years" and "35 years" of unrelated things differ.
    unrelated = compared(
        "The mayor has lived in the town for 30 years.", "The harbour wall was built 35 years ago by engineers."
    )
    assert unrelated.changes == ()


def test_a_figure_told_differently_is_shown_in_running_prose_rather_than_a_box_of_figures():
    comparison = compared(
        "The union will have a combined output of $970 billion and exports of $188 billion, officials said.",
        "Leaders signed the merger in the capital on Friday.\n\n"
        "THE UNION Area: 1,200 sq km Output: $973bn Exports: $181bn Source: Statistics office\n\n"
        "The merger will create a market with an output of $973bn, exporting $181bn of goods.",
    )
    figures = [c for c in comparison.changes if c.kind == "figure"]
    assert [c.summary for c in figures] == ["$188 billion → $181bn"]
    prose = next(s for s in comparison.b.sentences if s.text.startswith("The merger"))
    assert figures[0].b.sentence == prose.id


def test_two_sentences_that_give_a_sum_differently_give_their_other_figures_as_one_statistic_each():
    # A lone count sharing too few words is no disagreement; beside two sums told differently in the same two
    # sentences, it is a statistic of the same thing.  A figure already in a disagreement is not paired again.
    lone = compared(
        "The island has 361,000 inhabitants, officials said.",
        "Tourism brings 350,000 visitors and helpers, consumers of the region's goods, each summer.",
    )
    assert lone.changes == ()
    comparison = compared(
        "The federation will be a market of 361,000 inhabitants with an output of $973m, exporting $181m a year.",
        "With 350,000 consumers, a gross product of 1.2 billion dollars and 190 million dollars in annual exports, "
        "the federation will be an enormous market.",
    )
    assert sorted(c.summary for c in comparison.changes) == [
        "$181m → 190 million dollars",
        "$973m → 1.2 billion dollars",
        "361,000 → 350,000 inhabitants",
    ]


def test_one_count_in_millions_on_each_side_is_one_statistic_told_apart():
    # Each article gives one count of people in millions near the other's: the same statistic, told apart.
    comparison = compared(
        "The new union will matter little at first for its 360 million people, but officials expect more clout.",
        "The federation will be an enormous market of 350 million consumers spread over a vast territory.",
    )
    assert kinds_and_summaries(comparison) == [("figure", "360 million → 350 million people")]
    # Not when either side gives another count near it (which one would it be?), nor for counts not in millions.
    for text_b in (
        "The federation will be an enormous market of 350 million consumers; 300 million residents are adults.",
        "The federation will be an enormous market of 350,000 consumers spread over a vast territory.",
    ):
        assert compared("The new union will matter little at first for its 360 million people.", text_b).changes == ()
    assert (
        compared(
            "The new union will matter little at first for its 360,000 people, but officials expect more clout.",
            "The federation will be an enormous market of 350,000 consumers spread over a vast territory.",
        ).changes
        == ()
    )


def _two_paragraph_articles(count_a: str, count_b: str, second_b: str) -> Comparison:
    """A site accident told by two outlets: A counts the injured in its lede, B after a sentence on the collapse."""
    return compare_loaded(
        article_from_text(
            "Headline\n\n"
            f"{count_a} workers were injured on Tuesday when scaffolding collapsed at the building site of the new "
            "river bridge.\n\nThe county said the site would stay closed while inspectors examined the scaffolding."
        ),
        article_from_text(
            "Headline\n\nA scaffold gave way at the new river bridge building site on Tuesday. "
            f"{count_b} workers {second_b}\n\n"
            "The site will remain shut while inspectors examine the scaffolding, the county said."
        ),
        options=WORDS_ONLY,
    )


@pytest.mark.parametrize("count_a", ["14", "Fourteen"])
def test_a_count_told_in_a_sentence_of_its_own_of_the_same_scene_is_a_change(count_a: str):
    # B's count stands in a short sentence that shares no word with A's but the counted one; the sentence before
    # it tells A's sentence again (the alignment pairs them): one count of one scene, told apart.
    comparison = _two_paragraph_articles(count_a, "Fifteen", "were hurt, two of them seriously.")
    assert kinds_and_summaries(comparison) == [("figure", f"{count_a} → Fifteen workers")]
    assert comparison.changes[0].b.sentence == "b-p2-s2"


def test_a_small_count_of_another_scene_or_far_from_the_other_count_is_no_change():
    # The same counted word in a paragraph the alignment does not tie to A's count: another group of workers.
    elsewhere = compare_loaded(
        article_from_text(
            "Headline\n\nFourteen workers were injured on Tuesday when scaffolding collapsed at the bridge site.\n\n"
            "The county said the site would stay closed while inspectors examined the scaffolding."
        ),
        article_from_text(
            "Headline\n\nThe site will remain shut while inspectors examine the scaffolding, the county said.\n\n"
            "Separately, the union said fifteen workers at the harbour had walked out over pay on Monday."
        ),
        options=WORDS_ONLY,
    )
    assert elsewhere.changes == ()
    # Too far apart in value to be one count told apart.
    assert _two_paragraph_articles("Four", "Fifteen", "were hurt, two of them seriously.").changes == ()
    assert _two_paragraph_articles("14", "Two", "were hurt.").changes == ()


def test_in_one_pair_of_sentences_a_figure_is_paired_with_the_one_most_alike_only():
    comparison = compared(
        "The plan will let the council use about $3.6 billion from harbour construction projects, along with "
        "another $2.5 billion the council had set aside for new flood pumps.",
        "Officials expect to move money from the harbour construction budget, to the tune of $3.5 billion.",
    )
    assert kinds_and_summaries(comparison) == [("figure", "$3.6 billion → $3.5 billion")]


def test_two_sentences_that_give_one_figure_alike_give_their_other_counts_as_one_statistic():
    # "31 flood barriers" and "32 new flood barriers" share too few words to be one count alone; both sentences
    # also cost the work at one sum ("$4.3 billion" / "over 4.2 billion dollars").
    text_a = "Engineers discussed a first list of 31 flood barriers, worth a total of $4.3 billion."
    text_b = "The scheme will open with 32 new flood barriers at a combined cost of over 4.2 billion dollars."
    assert kinds_and_summaries(compared(text_a, text_b)) == [("figure", "31 → 32 flood barriers")]
    other_sum = text_b.replace("over 4.2 billion", "9 billion")
    assert ("figure", "31 → 32 flood barriers") not in kinds_and_summaries(compared(text_a, other_sum))


def test_a_figure_the_other_article_gives_somewhere_is_not_a_disagreement():
    comparison = compared(
        "The plan will let the council use about $3.6 billion from harbour construction projects. "
        "It also costs $3.5 billion over ten years.",
        "Officials expect to move money from the harbour construction budget, to the tune of $3.5 billion.",
    )
    assert all(c.kind != "figure" for c in comparison.changes)


def test_a_figure_told_differently_is_weighed_against_the_nearest_figures_only():
    # A hostile page of close figures: each of A's is weighed against MAX_FIGURE_CANDIDATES of B's, those
    # nearest in value, so the work per figure is bounded however many there are.
    from compare.changes import MAX_FIGURE_CANDIDATES, told_differently
    from compare.load import load_bytes
    from compare.model import Document
    from compare.segment import segment_article

    def page(values: list[int], side: str) -> Document:
        text = "Vote\n\n" + "\n\n".join(f"In the count {v} votes were cast in the ward." for v in values)
        return segment_article(load_bytes(text.encode(), source=f"{side}.txt"), side, side.upper())

    a = page([1528], "a")
    b = page([1001 + 2 * i for i in range(400)], "b")  # 1001 … 1799, none of them 1528
    found = told_differently(a, b)
    assert len(found) == MAX_FIGURE_CANDIDATES
    values = sorted(int(change[2].text) for change in found)
    assert values[0] >= 1528 - MAX_FIGURE_CANDIDATES and values[-1] <= 1528 + MAX_FIGURE_CANDIDATES


def test_a_figure_the_other_sentence_gives_with_no_word_beside_it_is_no_change():
    # B gives A's share too, as "41.2 per cent": "per" says nothing of what is counted, so only the number tells
    # that B agrees; the last share of B's list, "2.05 percent", is another country's, not a correction of A's.
    comparison = compared(
        "Far behind the leader came the Republic of Veltra, with an estimated 41.2 percent of the catch.",
        "The Republic of Veltra followed with 41.2 per cent of the catch, Osmark with 9.6, Lunde with 4.4 and "
        "Carrow with 2.05 percent.",
    )
    assert [c for c in comparison.changes if c.kind == "figure"] == []


def test_one_weekday_given_two_dates_a_calendar_cannot_give_it_is_a_date_change():
    comparison = compared(
        "Marchers walked to the gates on Sunday, November 21, and laid crosses along the fence.",
        "Veterans spoke to the crowd outside the base on Sunday November 22 about the war.",
    )
    assert [(c.kind, c.a.text, c.b.text) for c in comparison.changes] == [
        ("date", "Sunday, November 21", "Sunday November 22")
    ]
    # Two Sundays a week apart, a date the other article also gives, or another year: no disagreement.
    for text_b in (
        "Veterans spoke to the crowd outside the base on Sunday November 28 about the war.",
        "Veterans spoke outside the base on Sunday November 22, a day after the November 21 march.",
        "Veterans spoke to the crowd outside the base on Sunday November 22, 2009, about the war.",
    ):
        assert compared("Marchers walked to the gates on Sunday, November 21, 2004.", text_b).changes == ()


def test_a_photo_captions_date_is_read_against_the_other_articles_dates_but_the_pages_boilerplate_is_not():
    """A caption dates what it shows as the body does; a page's time stamp is no reporting of the event."""
    body = "Marchers walked to the gates of the base and laid crosses along the fence.\n\nVeterans spoke to the crowd."
    text_b = "Headline\n\nVeterans spoke to the crowd outside the base on Sunday November 22 about the war."
    captioned = article_from_text(
        f"Headline\n\n{body}\n\nMarchers lead the procession on Sunday, November 21, 2004. Photo by Ann Lowe."
    )
    comparison = compare_loaded(captioned, article_from_text(text_b), options=WORDS_ONLY)
    assert comparison.document("a").paragraphs[-1].role == "caption"
    assert [(c.kind, c.a.sentence, c.a.text, c.b.text) for c in comparison.changes] == [
        ("date", "a-p4-s1", "Sunday, November 21, 2004", "Sunday November 22")
    ]
    stamped = article_from_text(f"Headline\n\nSunday 21 November 2004 18.02 GMT\n\n{body}")
    comparison = compare_loaded(stamped, article_from_text(text_b), options=WORDS_ONLY)
    assert comparison.document("a").paragraphs[1].role == "boilerplate"
    assert comparison.changes == ()


def test_a_date_edited_in_a_later_versions_headline_is_the_headline_change_alone():
    body = "Marchers walked to the gates of the base and laid crosses along the fence."
    comparison = compare_loaded(
        article_from_text(f"Thousands march to the base gates on Sunday, November 21\n\n{body}"),
        article_from_text(f"Thousands march to the base gates on Sunday, November 22\n\n{body}"),
        options=CompareOptions(semantic=False, versions=True),
    )
    headline = "headline: Thousands march to the base gates on Sunday, November"
    assert kinds_and_summaries(comparison) == [("headline", f"{headline} 21 → {headline[10:]} 22")]


@pytest.mark.parametrize("versions", [True, False])
def test_a_sum_whose_scale_word_alone_changed_is_a_figure_not_wording(versions: bool):
    comparison = compared(
        "The council will move about $7.5 billion from road projects to the harbour wall, the mayor said.",
        "The council will move about $7.5 million from road projects to the harbour wall, the mayor said.",
        versions=versions,
    )
    assert kinds_and_summaries(comparison) == [("figure", "$7.5 billion → $7.5 million")]
    (change,) = comparison.changes
    assert (change.a.text, change.b.text) == ("$7.5 billion", "$7.5 million")
    # A scale written two ways is one figure, and a word that is no scale stays a word.
    assert compared("It cost 4 billion dollars.", "It cost 4 bn dollars.", versions=versions).changes == ()
    wording = compared("Some 40 angry residents came.", "Some 40 tired residents came.", versions=True)
    assert kinds_and_summaries(wording) == [("wording", "angry → tired")]


def test_a_weekdays_date_changed_inside_one_sentence_is_one_change():
    comparison = compared(
        "The company said on Friday, December 3, 2004 that the campaign would end.",
        "The company said on Friday, December 9, 2004 that the campaign would end.",
        versions=True,
    )
    assert [(c.kind, c.a.text, c.b.text) for c in comparison.changes] == [("date", "3", "9")]


def test_a_sum_written_in_another_scale_or_currency_word_is_weighed_as_the_same_sum():
    comparison = compared(
        "The new bloc will have exports of $188 billion a year, officials said. Ministers met on Friday.",
        "Leaders hope to grow annual exports, now $181bn, by a third. The summit closed with a dinner.",
    )
    assert [(c.kind, c.a.text, c.b.text) for c in comparison.changes] == [("figure", "$188 billion", "$181bn")]
    # Rounded to two digits, a bound ("over"), or a sum written out in words and scale: no disagreement.
    for text_b in (
        "Leaders hope to grow annual exports, now $190bn, by a third.",
        "Leaders hope to grow annual exports, now 188 billion dollars, by a third.",
    ):
        assert compared("The new bloc will have exports of $188 billion a year.", text_b).changes == ()
    assert (
        compared(
            "Delegates listed road projects worth $4.3 billion in all.",
            "The plan's road projects, to be built over five years, have a combined cost of over $4.2bn.",
        ).changes
        == ()
    )


def test_two_outlets_that_round_or_bound_one_figure_agree_and_a_later_version_that_does_so_edited_it():
    for text_a, text_b in (
        (
            "The bloc's road projects will cost $4.3 billion in all, officials said.",
            "The bloc's road projects will cost over $4.2bn in all, officials said.",
        ),
        (
            "The bloc will have a market of 360 million people, officials said.",
            "The bloc will have a market of 361 million people, officials said.",
        ),
        (
            "The bloc will have exports of $188 billion a year, officials said on Tuesday.",
            "The bloc will have exports of 190 billion dollars a year, officials said on Tuesday.",
        ),
        (
            "The bloc will have a market of nearly 100,000 traders, officials said.",
            "The bloc will have a market of 85,000 traders, officials said.",
        ),
    ):
        assert compared(text_a, text_b).changes == ()
        assert [c.kind for c in compared(text_a, text_b, versions=True).changes] == ["figure"]
    # A round bound reaches a fifth of its figure, as the paraphrase guard reads it, not its whole last digit:
    # "nearly 100,000" is 80,000 to 100,000, not 0 to 100,000.
    far = compared(
        "The bloc will have a market of nearly 100,000 traders, officials said.",
        "The bloc will have a market of 5,000 traders, officials said.",
    )
    assert [c.kind for c in far.changes] == ["figure"]


def test_a_figure_in_another_scale_in_one_sentence_pair_is_one_change_read_whole():
    comparison = compared(
        "The bloc will have exports of $188 billion a year, officials said on Tuesday.",
        "The bloc will have exports of $181bn a year, officials said on Tuesday.",
    )
    assert [(c.kind, c.summary) for c in comparison.changes] == [("figure", "$188 billion → $181bn")]


@pytest.mark.parametrize(
    ("text_a", "text_b", "expected"),
    [
        (
            "The repair will cost 5 million euros this year.",
            "The repair will cost 240 million euros this year.",
            "5 million → 240 million euros",
        ),
        (
            "The repair will cost €5 million, the board said.",
            "The repair will cost €7 million, the board said.",
            "€5 million → €7 million",
        ),
    ],
)
def test_a_changed_figures_summary_keeps_its_scale_on_both_sides_and_its_unit(
    text_a: str, text_b: str, expected: str
) -> None:
    for versions in (False, True):
        assert kinds_and_summaries(compared(text_a, text_b, versions=versions)) == [("figure", expected)]


def test_a_name_respelled_in_a_later_version_is_a_name_change_though_its_stem_is_the_same() -> None:
    earlier = "The harbour board voted on Tuesday, chair Ann Lowe said."
    later = "The harbour board voted on Tuesday, chair Anne Lowe said."
    comparison = compared(earlier, later, versions=True)
    assert kinds_and_summaries(comparison) == [("name", "Ann → Anne")]
    (change,) = comparison.changes
    assert (change.a.text, change.b.text) == ("Ann", "Anne")
    # Points, case and a possessive ending are the same spelling; two outlets' spellings are not versions' edits.
    for written in ("chair ANN LOWE said", "chair Ann Lowe's aide said"):
        assert compared(earlier, later.replace("chair Anne Lowe said", written), versions=True).changes == ()
    assert compared("Troops left the U.S. base.", "Troops left the US base.", versions=True).changes == ()
    assert compared(earlier, later).changes == ()


@pytest.mark.parametrize(
    ("earlier", "later", "expected"),
    [
        ("Five members voted against the harbour plan.", "Five members voted for the harbour plan.", ""),
        ("The mayor said the ferry was late.", "The mayor denied the ferry was late.", "said → denied"),
        ("The pier stays shut for a month, the port said.", "The pier stays shut for two months, the port said.", ""),
    ],
)
def test_a_later_version_that_replaces_a_small_word_or_writes_a_count_otherwise_changed_it(
    earlier: str, later: str, expected: str
) -> None:
    (change,) = compared(earlier, later, versions=True).changes
    if expected:
        assert (change.kind, change.summary) == ("wording", expected)
        # Two outlets wording it so may only tell it differently: no change across outlets.
        assert compared(earlier, later).changes == ()
    elif "voted" in earlier:  # for and against are opposites, between versions and across outlets alike
        assert kinds_and_summaries(compared(earlier, later)) == [("opposite", "against → for")]
        assert (change.kind, change.summary) == ("opposite", "against → for")
    else:  # a count as a word against one as a number: a figure, read through its noun
        assert (change.kind, change.summary) == ("figure", "a month → two months")
        assert (change.a.text, change.b.text) == ("a month", "two months")
        assert compared(earlier, later).changes == ()


def test_a_clause_cut_from_a_kept_sentence_is_an_edit_the_versions_summary_and_gate_count_not_a_change() -> None:
    earlier = "The driver faces charges of theft and arson. The bridge reopened on Monday."
    later = "The driver faces charges of theft. The bridge reopened on Monday."
    comparison = compared(earlier, later, versions=True)
    assert comparison.changes == ()
    edited = edited_pairs(comparison.a, comparison.b, comparison.alignment, comparison.changes)
    assert [(p.changed, p.words_added, p.words_cut) for p in edited] == [(False, False, True)]
    summary = summary_sentence(comparison)
    assert "cuts words from 1 sentence it keeps" in summary and "changes nothing" not in summary
    mirrored = compared(later, earlier, versions=True)
    mirrored_summary = summary_sentence(mirrored)
    assert "adds words to 1 sentence it keeps" in mirrored_summary
    # The same article twice, or a sentence edited in its punctuation alone, is no edit.
    assert edited_pairs(*_sides(compared(earlier, earlier, versions=True))) == ()
    assert edited_pairs(*_sides(compared(earlier, earlier.replace("arson.", "arson!"), versions=True))) == ()


def test_a_sentence_split_in_two_or_two_joined_is_no_edit_but_what_else_changed_in_them_is() -> None:
    joined = "The ferry ran aground on Friday after its engine failed, and the crew will be questioned next week."
    split = "The ferry ran aground on Friday after its engine failed. The crew will be questioned next week."
    for earlier, later in ((joined, split), (split, joined)):
        comparison = compared(earlier, later, versions=True)
        assert comparison.changes == ()
        assert edited_pairs(*_sides(comparison)) == ()
        assert "nothing" in summary_sentence(comparison)
    # A half edited as well: the edit is reported, and the split adds no cut of its own.
    edited = compared(joined, split.replace("next week", "next month"), versions=True)
    assert kinds_and_summaries(edited) == [("wording", "week → month")]
    assert [(p.words_added, p.words_cut) for p in edited_pairs(*_sides(edited)) if not p.changed] == []
    # A clause added to a half is that half's added words, and the other half is no cut.
    clause = compared(joined, split.replace("The crew will", "The crew, all from the islands, will"), versions=True)
    pairs = edited_pairs(*_sides(clause))
    assert [(p.words_added, p.words_cut) for p in pairs] == [(True, False)]
    assert [s.text for s in clause.alignment.sentences[pairs[0].b].added] == ["all from the islands"]


def _sides(comparison: Comparison) -> tuple:
    """The arguments `edited_pairs` reads from `comparison`."""
    return comparison.a, comparison.b, comparison.alignment, comparison.changes


def test_a_name_corrected_where_a_clause_after_it_was_cut_is_still_a_name_change() -> None:
    earlier = "The vote was led by Peter Vance, who chairs the harbour board, on Monday."
    later = "The vote was led by Peter Vantz on Monday."
    assert kinds_and_summaries(compared(earlier, later, versions=True)) == [("name", "Vance → Vantz")]
    assert kinds_and_summaries(compared(later, earlier, versions=True)) == [("name", "Vantz → Vance")]
    # Another name opening a rewritten stretch is a rewrite, not a correction.
    rewritten = "The vote was led by Councillor Holm, who was elected in May, on Monday."
    assert compared(earlier, rewritten, versions=True).changes == ()


def test_a_share_keeps_its_percent_sign_or_words_in_the_summary() -> None:
    text = "Support for the harbour plan fell to {} of voters in the latest city poll, the council said."
    assert kinds_and_summaries(compared(text.format("17%"), text.format("22%"))) == [("figure", "17% → 22%")]
    assert kinds_and_summaries(compared(text.format("17 per cent"), text.format("22%"))) == [
        ("figure", "17 per cent → 22%")
    ]


def test_a_sum_written_another_way_in_a_later_version_is_no_edit_and_another_sum_is() -> None:
    text = "The council approved a budget of {} for the harbour on Tuesday after a long debate."
    same = compared(text.format("$48 million"), text.format("$48m"), versions=True)
    assert same.changes == () and edited_pairs(*_sides(same)) == ()
    other = compared(text.format("$48 million"), text.format("$84m"), versions=True)
    assert other.changes or edited_pairs(*_sides(other))


def test_a_count_in_digits_is_one_count_told_apart_where_the_two_paragraphs_tell_one_scene() -> None:
    # The sentences share nothing near the counts but the counted word, and the alignment ties neither; the two
    # paragraphs tell the same plan (sea walls, pumps, a warning system, the harbour district).
    a = (
        "Flood plan\n\nLawmakers briefed on Monday said the mayor would take 19 separate steps. They include new sea "
        "walls, pumps and a warning system for the harbour district.\n\nThe council meets on Friday to vote on the "
        "budget."
    )
    b = (
        "Harbour flood plan\n\nThe council meets on Friday to vote on the budget.\n\nThe mayor's plan for sea walls, "
        "pumps and a flood warning system in the harbour district was unveiled on Wednesday. Officials counted 23 "
        "steps in all."
    )
    comparison = compare_loaded(article_from_text(a), article_from_text(b), options=WORDS_ONLY)
    assert kinds_and_summaries(comparison) == [("figure", "19 → 23 steps")]
    # Written in words, a count needs the alignment to tie the paragraphs: "two states" / "four states" of one
    # story count different things as often as not.
    spelled = compare_loaded(
        article_from_text(a.replace("19 separate", "nineteen separate")),
        article_from_text(b.replace("23 steps", "twenty-three steps")),
        options=WORDS_ONLY,
    )
    assert spelled.changes == ()


def test_a_figure_of_two_sentences_little_alike_that_the_other_article_gives_elsewhere_is_no_change() -> None:
    a = (
        "Wall money\n\nOfficials said the city plans to move $8 billion of available funds toward construction of "
        "the sea wall.\n\nOf that, $3 billion could come from the emergency fund."
    )
    b = (
        "Sea wall\n\nThe emergency declaration lets the city divert $3.6 billion from road construction funds "
        "toward the sea wall, officials said.\n\nMayor Lowe would then have about $8 billion in all."
    )
    comparison = compare_loaded(article_from_text(a), article_from_text(b), options=WORDS_ONLY)
    # The $8 billion both give is no disagreement; the $3 billion only A gives is weighed against B's sum.
    assert kinds_and_summaries(comparison) == [("figure", "$3 billion → $3.6 billion")]
