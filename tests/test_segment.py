"""Tests of `compare.segment` and `compare.furniture`: sentence splitting of news typography, paragraph roles,
and the furniture patterns' cheap pre-filters.

Inline cases use invented text; the seed tests check the roles of the seed
pair's page furniture, found by its text rather than by its position.
"""

from __future__ import annotations

import itertools
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from compare import furniture
from compare.furniture import CAPTION_CUES, CAPTION_RE, INBOX, INBOX_RE, RIGHTS_CUES, RIGHTS_RE, holds_any
from compare.load import load_article
from compare.model import ROLES, Article, Document
from compare.segment import segment_article, split_sentences

Make = Callable[..., Article]


def sentences(text: str) -> list[str]:
    """The sentences `split_sentences` finds in `text`, as strings."""
    return [text[start:end] for start, end in split_sentences(text)]


def segment(make_article: Make, text: str, side: str = "a") -> Document:
    """Load `text` as a .txt article and segment it as `side`, checking ids and offsets on the way."""
    document = segment_article(make_article(text), side, "Label")  # type: ignore[arg-type]
    assert_well_formed(document)
    return document


def assert_well_formed(document: Document) -> None:
    """Ids follow ``a-p3``/``a-p3-s1``, offsets select the text, roles are known, order is kept."""
    text = document.article.text
    previous_end = 0
    for number, paragraph in enumerate(document.paragraphs, start=1):
        assert paragraph.id == f"{document.side}-p{number}"
        assert paragraph.index == number
        assert paragraph.role in ROLES
        assert text[paragraph.start : paragraph.end] == paragraph.text
        assert paragraph.start >= previous_end
        previous_end = paragraph.end
        assert paragraph.sentences, paragraph.id
        sentence_end = paragraph.start
        for count, sentence in enumerate(paragraph.sentences, start=1):
            assert sentence.id == f"{paragraph.id}-s{count}"
            assert sentence.paragraph_id == paragraph.id
            assert text[sentence.start : sentence.end] == sentence.text
            assert sentence.text == sentence.text.strip() and sentence.text
            assert paragraph.start <= sentence.start < sentence.end <= paragraph.end
            assert sentence.start >= sentence_end
            sentence_end = sentence.end


def roles_by_text(document: Document) -> dict[str, str]:
    """Each paragraph's text → its role."""
    return {p.text: p.role for p in document.paragraphs}


# -- sentence splitting ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Mr Hale met Mrs Ortiz at noon. Dr Byrne came later. Gen Adeyemi left at dusk.",
            ["Mr Hale met Mrs Ortiz at noon.", "Dr Byrne came later.", "Gen Adeyemi left at dusk."],
            id="honorifics-without-stops",
        ),
        pytest.param(
            "Mr. Hale met Mrs. Ortiz at noon. Dr. Byrne came later. Gen. Adeyemi left at dusk.",
            ["Mr. Hale met Mrs. Ortiz at noon.", "Dr. Byrne came later.", "Gen. Adeyemi left at dusk."],
            id="honorifics-with-stops",
        ),
        pytest.param(
            "The talks ended early. Dr. Quill said so. Sen. Marsh agreed.",
            ["The talks ended early.", "Dr. Quill said so.", "Sen. Marsh agreed."],
            id="honorific-after-a-full-stop",
        ),
        pytest.param(
            "The U.S. Navy sent a ship. It was J. R. R. Tolkien's favourite. He smiled.",
            ["The U.S. Navy sent a ship.", "It was J. R. R. Tolkien's favourite.", "He smiled."],
            id="initials",
        ),
        pytest.param(
            "She moved to the U.S. She never came back.",
            ["She moved to the U.S.", "She never came back."],
            id="initials-ending-a-sentence",
        ),
        pytest.param(
            "She said: “It is over.” Then she left the room.",
            ["She said: “It is over.”", "Then she left the room."],
            id="curly-quote-closes-sentence",
        ),
        pytest.param(
            'She said: "It is over." Then she left the room.',
            ['She said: "It is over."', "Then she left the room."],
            id="straight-quote-closes-sentence",
        ),
        pytest.param(
            "He called it ‘a farce.’ The board disagreed.",
            ["He called it ‘a farce.’", "The board disagreed."],
            id="single-curly-quotes",
        ),
        pytest.param("“Why?” she asked.", ["“Why?” she asked."], id="question-inside-curly-quotes"),
        pytest.param(
            "Governor Hale? “Solid as a rock.”\nMayor Ortiz? “A fine person.”",
            ["Governor Hale? “Solid as a rock.”", "Mayor Ortiz? “A fine person.”"],
            id="quick-round-question-and-quoted-answer",
        ),
        pytest.param(
            "The board met. Why now? “Because the money ran out.”",
            ["The board met.", "Why now?", "“Because the money ran out.”"],
            id="question-inside-a-line-stays-apart",
        ),
        pytest.param(
            '"Why?" she asked. He shrugged.',
            ['"Why?" she asked.', "He shrugged."],
            id="question-inside-straight-quotes",
        ),
        pytest.param(
            "“Enough!” he shouted. “We go home,” she replied.",
            ["“Enough!” he shouted.", "“We go home,” she replied."],
            id="exclamation-then-attribution",
        ),
        pytest.param(
            "The plan – costly and late – failed. The vote — held on Monday — passed 9–5.",
            ["The plan – costly and late – failed.", "The vote — held on Monday — passed 9–5."],
            id="en-and-em-dashes",
        ),
        pytest.param(
            "Prices rose 3.5 per cent – the most since 2008 – last year.",
            ["Prices rose 3.5 per cent – the most since 2008 – last year."],
            id="decimal-and-dashes",
        ),
        pytest.param(
            "The café in Zürich closed. Its owner, Søren Ødegård, wept.",
            ["The café in Zürich closed.", "Its owner, Søren Ødegård, wept."],
            id="unicode-letters",
        ),
        pytest.param(
            '"It is an affront," Jerrold Vance, D-N.Y., said in a statement. Rep. Ann Holt, R-Calif., agreed.',
            ['"It is an affront," Jerrold Vance, D-N.Y., said in a statement.', "Rep. Ann Holt, R-Calif., agreed."],
            id="party-and-state-after-a-name",
        ),
        pytest.param(
            "Headline without a stop\nSecond line of a caption",
            ["Headline without a stop", "Second line of a caption"],
            id="line-break-ends-a-sentence",
        ),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_split_sentences_offsets_are_shifted_and_select_the_text() -> None:
    text = "Gen Mattis spoke. “No,” he said. Mr Shoigu left."
    spans = split_sentences(text, offset=100)
    padded = " " * 100 + text
    assert [padded[a:b] for a, b in spans] == ["Gen Mattis spoke.", "“No,” he said.", "Mr Shoigu left."]
    assert spans[0][0] == 100


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_split_sentences_of_blank_text_is_empty(text: str) -> None:
    assert split_sentences(text) == []


# -- roles on invented articles ---------------------------------------------------------


def test_headline_standfirst_and_body(make_article: Make) -> None:
    document = segment(
        make_article,
        (
            "Harbour board approves new ferry terminal\n\n"
            "Fishermen fear the loss of their moorings as building starts in March\n\n"
            "The harbour board voted on Tuesday to build a terminal for larger ferries. Work starts in March."
        ),
    )
    assert [p.role for p in document.paragraphs] == ["headline", "standfirst", "body"]
    assert document.title == "Harbour board approves new ferry terminal"
    assert [s.text for s in document.paragraphs[2].sentences] == [
        "The harbour board voted on Tuesday to build a terminal for larger ferries.",
        "Work starts in March.",
    ]
    assert document.body_sentences == document.paragraphs[2].sentences


def test_a_page_title_over_its_heading_is_one_headline_and_a_filing_stamp_is_furniture(make_article: Make) -> None:
    # A scraped page: its title (with a few more words, or the site's name), then its heading, then when it was filed.
    for title in (
        "Harbour board approves new terminal - The Courier",
        "Harbour board approves new terminal, reports say",
    ):
        document = segment(
            make_article,
            (
                f"{title}\n\n"
                "Harbour board approves new terminal\n\n"
                "(Filed: 17/12/2004)\n\n"
                "The harbour board voted on Tuesday to build a terminal for larger ferries. Work starts in March."
            ),
        )
        roles = [p.role for p in document.paragraphs]
        assert roles[0] == "headline" and roles[-1] == "body", roles
        assert all(role not in ("body", "standfirst") for role in roles[1:-1]), roles


def test_subhead_is_a_short_unpunctuated_line_after_the_body_starts(make_article: Make) -> None:
    document = segment(
        make_article,
        (
            "Harbour board approves terminal\n\n"
            "The board voted on Tuesday to build a terminal for larger ferries.\n\n"
            "Objections from the quay\n\n"
            "Several fishermen said they would appeal against the decision."
        ),
    )
    assert roles_by_text(document)["Objections from the quay"] == "subhead"
    assert [p.role for p in document.paragraphs] == ["headline", "body", "subhead", "body"]


def in_a_story(make_article: Make, paragraph: str) -> Document:
    """`paragraph` segmented between two body paragraphs of a short story under a headline."""
    return segment(
        make_article,
        (
            "Harbour board approves terminal\n\n"
            "The board voted on Tuesday to build a terminal for larger ferries at the old quay.\n\n"
            f"{paragraph}\n\n"
            "Several fishermen said they would appeal against the decision next week."
        ),
    )


@pytest.mark.parametrize(
    ("furniture", "role"),
    [
        pytest.param(
            "The harbour master at the quay on Monday. Photograph: Ines Varga/Coast Herald",
            "caption",
            id="photograph-credit",
        ),
        pytest.param("Ferries queue outside the old terminal. Photo: Coast Herald", "caption", id="photo-credit"),
        pytest.param(
            "Ferries queue outside the old terminal\nFerries queue outside the old terminal",
            "caption",
            id="caption-printed-twice",
        ),
        pytest.param(
            "Ferries queue outside the old terminal. VİDEO: Coast Herald", "caption", id="dotted-capital-i-in-a-cue"
        ),
        pytest.param(
            "Ferries queue outside the old terminal. Pıcture: Coast Herald", "caption", id="dotless-i-in-a-cue"
        ),
        pytest.param("HOME | REGION | SPORT", "boilerplate", id="all-caps-nav"),
        pytest.param("MOST POPULAR", "boilerplate", id="all-caps-most-popular"),
        pytest.param("Click here to subscribe", "boilerplate", id="click-here"),
        pytest.param(
            "Sign up for our weekly harbour newsletter and never miss a sailing", "boilerplate", id="newsletter-prompt"
        ),
        pytest.param("Share this article\nFollow the Coast Herald", "boilerplate", id="several-nav-lines"),
        pytest.param("(AP)", "credit", id="agency-credit-paragraph"),
        pytest.param("Reporting by Tomas Ferenc; editing by Ana Lisboa", "credit", id="reporting-credit"),
        pytest.param("Some information for this report provided by AFP and AP.", "credit", id="information-credit"),
        pytest.param("Ana Lisboa contributed reporting to this story.", "credit", id="contributed-credit"),
        pytest.param("Material from the Coast Herald was used in this report.", "credit", id="material-used-credit"),
        pytest.param("This story is being updated.", "boilerplate", id="update-notice"),
        pytest.param(
            "HAVE YOUR SAY It shows that a harbour town can still surprise us", "boilerplate", id="readers-comment"
        ),
        pytest.param(
            "So what do you think? Please send any views on this to letters@coastherald.example.",
            "boilerplate",
            id="letters-invitation",
        ),
        pytest.param(
            "A version of this article appears in print on May 2, 2024, on page A16 of the Coast edition with the "
            "headline: Ferry Cut Angers Islanders.",
            "boilerplate",
            id="print-edition-notice",
        ),
        pytest.param("Image caption Ferries queue outside the old terminal", "caption", id="image-caption-label"),
        pytest.param("Image copyright Getty Images", "caption", id="image-copyright-label"),
        pytest.param("Media copyright Coast Herald", "caption", id="media-copyright-label"),
        pytest.param("Media source Coast Herald", "caption", id="media-source-label"),
        pytest.param("Getty Images", "credit", id="picture-agency-alone"),
        pytest.param("AP Photo/Tomas Ferenc", "credit", id="picture-agency-and-photographer"),
        pytest.param("Published 3 hours ago", "boilerplate", id="relative-time-stamp"),
        pytest.param("Last modified on Thu 16 Feb 2017 19.02 GMT", "boilerplate", id="modified-time-stamp"),
        pytest.param("Updated: 16:45 EST, 16 February 2017", "boilerplate", id="updated-time-stamp"),
        pytest.param("Media playback is unsupported on your device", "boilerplate", id="media-player"),
        pytest.param("Story continues below advertisement", "boilerplate", id="ad-slot"),
        pytest.param("Topics: harbours, ferries, local government", "boilerplate", id="topic-tags"),
        pytest.param("Loading...", "boilerplate", id="loading"),
        pytest.param(
            "Copyright 2024 The Coast Herald. All rights reserved. This material may not be published, "
            "broadcast, rewritten or redistributed.",
            "boilerplate",
            id="rights-notice",
        ),
        pytest.param(
            "This material may not be published, broadcast, rewritten or redistributed.",
            "boilerplate",
            id="redistribution-notice",
        ),
        pytest.param(
            "This material may not be published, reproduced or copied.",
            "boilerplate",
            id="rights-notice-of-other-verbs",
        ),
        pytest.param(
            "Reporting by Tomas Ferenc in Harwick and Ana Lisboa in Porthleven; Editing by Ines Varga and Mark Dole",
            "credit",
            id="long-reporting-credit",
        ),
        pytest.param(
            "By Ines Varga | ivarga@coastherald.example\nOct. 17, 2024", "boilerplate", id="byline-over-a-date-line"
        ),
        pytest.param(
            "Media playback is unsupported on your device\nMedia caption Ferries queue at the terminal",
            "boilerplate",
            id="player-over-its-caption",
        ),
        pytest.param(
            "READ MORE: Harbour board ratings - who impressed at the quay?",
            "boilerplate",
            id="read-more-with-a-question",
        ),
        pytest.param(
            "Sign up to our newsletter - get all the latest harbour news straight to your inbox.",
            "boilerplate",
            id="sign-up-prompt-as-a-sentence",
        ),
        pytest.param("Tue 14 Jan 2025 18.02 GMT", "boilerplate", id="date-line-with-weekday-and-time"),
        pytest.param("11 February 2025", "boilerplate", id="date-line"),
        pytest.param("Ines Varga\nTue 14 Jan 2025 18.02 GMT", "boilerplate", id="bare-name-over-a-date"),
        pytest.param(
            "Ines Varga in Harwick and Mark Dole in London\nines.varga@coastherald.example",
            "boilerplate",
            id="names-and-places-over-an-address",
        ),
        pytest.param(
            "By INES VARGA, HARBOUR REPORTER\n17:42, Fri, May 2, 2025 | UPDATED: 18:05, Fri, May 2, 2025",
            "boilerplate",
            id="byline-over-two-time-stamps",
        ),
        pytest.param("UPDATE 6:45 p.m.", "boilerplate", id="update-time"),
        pytest.param("Ines Varga\nHarbour reporter, Cornwall and Devon", "boilerplate", id="name-over-a-role-line"),
        pytest.param("Issued on: 20/08/2025 - 00:01\nText by: NEWS WIRES", "boilerplate", id="issued-and-text-by"),
        pytest.param("August 20, 2025 · 7 min read", "boilerplate", id="date-and-reading-time"),
        pytest.param(
            "Ferries queue at the quay before dawn. © Ines Varga / AFP/File",
            "caption",
            id="caption-ending-in-a-copyright-credit",
        ),
        pytest.param(
            "Get the best of our harbour coverage in your inbox every Friday.\nSubscribe",
            "boilerplate",
            id="inbox-prompt",
        ),
        pytest.param("Let us know in the comments below.", "boilerplate", id="comments-prompt"),
        pytest.param(
            "Subscribe now to continue reading. Get unlimited access to the Herald for 1 pound a week. "
            "Already a subscriber? Log in.",
            "boilerplate",
            id="paywall-pitch",
        ),
        pytest.param(
            "This article is only available to subscribers. Start your free trial today.",
            "boilerplate",
            id="subscribers-only",
        ),
        pytest.param("You have reached your limit of free articles this month.", "boilerplate", id="meter-limit"),
        pytest.param("This article was updated at 14:05 GMT", "boilerplate", id="was-updated-notice"),
        pytest.param(
            "RELATED ARTICLES\nHarbour levy returns to the ballot\nWhat does the harbour board cost us?",
            "boilerplate",
            id="related-list-with-a-question",
        ),
        pytest.param(
            "Most Read\nCouncil votes to put the harbour levy back on the November ballot\n"
            "Two hurt in a crash near the quay\nFriday night football: scores and highlights",
            "boilerplate",
            id="most-read-list",
        ),
    ],
)
def test_furniture_roles(make_article: Make, furniture: str, role: str) -> None:
    document = in_a_story(make_article, furniture)
    assert roles_by_text(document)[furniture] == role
    assert document.paragraphs[-1].role == "body"
    # Furniture never reaches the comparison.
    assert all(s.text not in furniture for s in document.body_sentences)


@pytest.mark.parametrize(
    ("dateline", "rest"),
    [
        ("HARWICK (Reuters) -", "The board voted on Tuesday to build a terminal."),
        ("HARWICK —", "The board voted on Tuesday to build a terminal."),
        ("HARWICK, Cornwall (CHTV) -", "The board voted on Tuesday to build a terminal."),
        ("PORT ST. MARY, Feb 16 (Reuters) -", "The board voted on Tuesday to build a terminal."),
        ("(CNN) —", "“We will build it,” the chairman said on Tuesday."),
        ("Porthleven (AFP) -", "The board voted on Tuesday to build a terminal."),
    ],
)
def test_wire_dateline_is_split_off_as_a_credit(make_article: Make, dateline: str, rest: str) -> None:
    document = segment(make_article, f"Harbour board approves terminal\n\n{dateline} {rest}\n\nMore follows here.")
    roles = roles_by_text(document)
    assert roles[dateline] == "credit"
    assert roles[rest] == "body"
    paragraph = next(p for p in document.paragraphs if p.text == rest)
    assert document.article.text[paragraph.start : paragraph.end] == rest  # offsets still select the text


@pytest.mark.parametrize(
    "paragraph",
    [
        "NATO allies met in Brussels on Tuesday to discuss the harbour.",
        "The chairman — who had opposed the plan — voted for it on Tuesday.",
        "UK ministers said — without giving figures — that costs would rise.",
    ],
)
def test_a_paragraph_without_a_dateline_is_not_split(make_article: Make, paragraph: str) -> None:
    document = segment(make_article, f"Harbour board approves terminal\n\n{paragraph}\n\nMore follows here.")
    assert roles_by_text(document)[paragraph] == "body"


def test_a_bare_name_before_the_story_is_a_byline_and_an_authors_note_at_the_end_is_furniture(
    make_article: Make,
) -> None:
    document = segment(
        make_article,
        (
            "Harbour board approves terminal\n\n"
            "The board voted to build a terminal for larger ferries\n\n"
            "Ines Varga\n\n"
            "The board voted on Tuesday to build a terminal for larger ferries.\n\n"
            "Several fishermen said they would appeal against the decision next week.\n\n"
            "Ines Varga is the Coast Herald's harbour reporter, covering ports and fisheries."
        ),
    )
    roles = roles_by_text(document)
    assert roles["Ines Varga"] == "credit"
    assert roles["Ines Varga is the Coast Herald's harbour reporter, covering ports and fisheries."] == "boilerplate"
    assert roles["Several fishermen said they would appeal against the decision next week."] == "body"


def test_a_source_described_mid_story_stays_body(make_article: Make) -> None:
    sentence = "Mark Dole is a former editor of the Coast Herald and chairs the harbour users' group."
    document = segment(
        make_article,
        (
            "Harbour board approves terminal\n\n"
            "The board voted on Tuesday to build a terminal for larger ferries.\n\n"
            f"{sentence}\n\n"
            "Several fishermen said they would appeal against the decision next week.\n\n"
            "The terminal is due to open in 2027, the board said."
        ),
    )
    assert roles_by_text(document)[sentence] == "body"


def test_a_story_that_ends_on_another_journalist_keeps_that_paragraph(make_article: Make) -> None:
    ending = "Mark Stone was the editor who approved the story, the inquiry found."
    document = segment(
        make_article,
        (
            "Inquiry reports on newspaper\n\n"
            "By Ines Varga\n\n"
            "The inquiry into the Coast Herald published its findings on Tuesday after a year of hearings.\n\n"
            f"{ending}"
        ),
    )
    assert roles_by_text(document)[ending] == "body"


@pytest.mark.parametrize(
    "paragraph",
    [
        # Sentences that start like page machinery.
        "Updated figures show 3 deaths at the harbour.",
        "Published in 2015, the report found 3 flaws.",
        "The report may not be published until March, officials said.",
        "Reuters reported that the talks had stalled.",
        "Topics for the meeting: fares and timetables.",
        "Subscribers to the ferry pass will be refunded in March.",
        # Sentences about subscriptions and access, not a paywall's pitch.
        "The union said members would have full access to the records by Friday, the council agreed.",
        "Readers who already subscribe to the ferry newsletter will get the timetable in May, the board said.",
        "The mayor said she had reached the limit of her patience with the harbour board.",
        "Related costs: the board said fuel would rise by a fifth.",
        # Court reporting, not a wire's rights notice.
        "The judge ruled that the boy, who is 14, may not be named and his picture may not be published or broadcast.",
        "Under the order, the documents may not be copied or distributed to anyone outside the legal team.",
        "The charity said all rights reserved to tenants under the 1988 act would be kept.",
        # Sentences that mention inboxes, signing up or comments.
        "If a message claiming to be from the tax office lands in your inbox, do not click the link, police said.",
        "Sign up to vote before the deadline on 18 June, the Electoral Commission urged young people.",
        "Sign up rates for the scheme have doubled since the spring, the council said.",
        "Tell us, she said, why the comments from the mayor were so offensive.",
        # Dates and times in sentences.
        "On 1 May.",
        "March 5, 2024.",
        "At 1.30am on Monday.",
        "First published in 1851, the newspaper closed on Monday after 173 years",
        # A dash after capitals later in the story is not a dateline.
        'Ed Davey (Liberal Democrats) - "This budget is a disgrace."',
        "US - China talks resumed in Geneva on Monday after a pause of three months.",
        "COVID - 19 cases rose again in the harbour towns last week, officials said.",
        # Hard-wrapped body lines are not a furniture block.
        "Reporter of the Year: Jane Doe\nEditor of the Year: John Smith\nColumnist of the Year: Ann Lowe",
        "Reporting by local journalists in the town suggests\nMany Residents Were Never Consulted",
        "Information was provided by the harbour police on Tuesday.",
        "A version of this plan appeared in the council's minutes on Tuesday, officials said.",
        "Ann Lowe said she would send the report to the harbour board on Monday, before the vote.",
        "The council contributed to this report's findings, officials said.",
        "Latest figures from the statistics office show inflation fell\nto 2% in May, but will the central bank\n"
        "finally cut rates?",
    ],
)
def test_body_text_that_looks_like_furniture_stays_body(make_article: Make, paragraph: str) -> None:
    assert roles_by_text(in_a_story(make_article, paragraph))[paragraph] == "body"


def test_trailing_agency_credit_is_split_off_the_last_paragraph(make_article: Make) -> None:
    text = (
        "Harbour board approves terminal\n\n"
        "The board voted on Tuesday to build a terminal for larger ferries.\n\n"
        "Building work is due to finish in the spring of next year. – (Coastal Wire)"
    )
    document = segment(make_article, text)
    *_, last_body, credit = document.paragraphs
    assert (last_body.role, last_body.text) == ("body", "Building work is due to finish in the spring of next year.")
    assert (credit.role, credit.text) == ("credit", "– (Coastal Wire)")
    assert credit.id == "a-p4" and credit.sentences[0].id == "a-p4-s1"
    assert document.article.text[credit.start : credit.end] == "– (Coastal Wire)"
    assert credit.end == len(text)


def test_credit_in_parentheses_mid_article_is_not_split(make_article: Make) -> None:
    document = segment(
        make_article,
        (
            "Harbour board approves terminal\n\n"
            "The board voted on Tuesday. (Opponents walked out.) The plan passed.\n\n"
            "Building work is due to finish next spring."
        ),
    )
    assert [p.role for p in document.paragraphs] == ["headline", "body", "body"]


def test_repeated_paragraph_is_boilerplate(make_article: Make) -> None:
    repeated = "Fishermen will hold a meeting about the terminal on Friday evening."
    document = segment(
        make_article,
        (
            "Harbour board approves terminal\n\n"
            f"{repeated}\n\n"
            "The board voted on Tuesday to build a terminal for larger ferries.\n\n"
            f"{repeated}"
        ),
    )
    assert [p.role for p in document.paragraphs] == ["headline", "body", "body", "boilerplate"]
    assert document.paragraphs[1].text == document.paragraphs[3].text


def test_ids_are_numbered_per_side(make_article: Make) -> None:
    text = "Headline here\n\nFirst body sentence here. Second one follows.\n\nA third paragraph, alone."
    document = segment(make_article, text, side="b")
    assert [p.id for p in document.paragraphs] == ["b-p1", "b-p2", "b-p3"]
    assert [s.id for s in document.sentences] == ["b-p1-s1", "b-p2-s1", "b-p2-s2", "b-p3-s1"]


def test_markdown_headings_become_headline_and_subheads(make_article: Make) -> None:
    article = make_article(
        "# Ferry terminal approved\n\nThe board voted on Tuesday.\n\n## Reaction\n\nFishermen objected loudly.\n",
        source="story.md",
    )
    document = segment_article(article, "a", "Label")
    assert_well_formed(document)
    assert [p.role for p in document.paragraphs] == ["headline", "body", "subhead", "body"]


def test_article_of_one_block_is_compared_as_body(make_article: Make) -> None:
    # With nothing else to compare, the one block is the article's body, not a headline.
    document = segment(make_article, "The council approved the budget on Monday. Roads come first.")
    assert [p.role for p in document.paragraphs] == ["body"]
    assert len(document.body_sentences) == 2


def test_headings_only_article_keeps_its_headline_and_compares_the_rest(make_article: Make) -> None:
    document = segment(make_article, "Budget vote\n\nCouncil approves plan")
    assert [p.role for p in document.paragraphs] == ["headline", "body"]


def test_line_per_paragraph_text_is_split_at_lines(make_article: Make) -> None:
    lines = [
        "Council approves budget after long debate",
        "The city council approved the budget on Monday after a debate that ran past midnight.",
        "Road repairs take the largest share, followed by libraries and the harbour wall.",
        "The mayor said the vote was a turning point for the town and for its residents.",
    ]
    document = segment(make_article, "\n".join(lines))
    assert [p.role for p in document.paragraphs] == ["headline", "body", "body", "body"]
    assert [p.text for p in document.paragraphs] == lines


def test_all_capitals_headline_is_a_headline(make_article: Make) -> None:
    document = segment(make_article, "COUNCIL APPROVES BUDGET\n\nThe council approved the budget on Monday.")
    assert [p.role for p in document.paragraphs] == ["headline", "body"]


# -- the furniture patterns' pre-filters --------------------------------------------------


def pattern_words(pattern: re.Pattern[str]) -> list[str]:
    """The words spelled out in `pattern`'s source, escapes such as ``\\s`` and verbose comments left out."""
    source = pattern.pattern
    if pattern.flags & re.VERBOSE:
        # The furniture patterns escape any literal "#", so every "#" opens a comment.
        source = re.sub(r"(?<!\\)#[^\n]*", " ", source)
    source = re.sub(r"\\[A-Za-z]", " ", source)
    return list(dict.fromkeys(word.lower() for word in re.findall(r"[A-Za-z]{2,}", source)))


@pytest.mark.parametrize(
    ("pattern", "cues", "frames"),
    [
        pytest.param(
            CAPTION_RE,
            CAPTION_CUES,
            ["{}: Jo Reid", "{}s by Jo Reid", "{} {} Jo Reid", "Crowds at the quay © {}"],
            id="caption",
        ),
        pytest.param(
            RIGHTS_RE,
            RIGHTS_CUES,
            ["© Herald {} {} {}", "{} 2024 all rights reserved", "It may not be {}, {} or {}.", "{} {}: x"],
            id="rights",
        ),
        pytest.param(INBOX_RE, (INBOX,), ["{} it {} your {}", "{} the news {} to your inbox"], id="inbox"),
    ],
)
def test_a_pre_filter_never_turns_away_text_its_pattern_matches(
    pattern: re.Pattern[str], cues: tuple[str, ...], frames: list[str]
) -> None:
    # The words come from the compiled pattern, not from the tuples it is built from: a word added to the
    # pattern by hand, and not to its cues, makes a matching text the pre-filter turns away.
    words = pattern_words(pattern)
    matching = []
    for frame in frames:
        for chosen in itertools.product(words, repeat=frame.count("{}")):
            for text in (frame.format(*chosen), frame.format(*chosen).upper()):
                if pattern.search(text):
                    assert holds_any(text, cues), text
                    matching.append(text.lower())
    # Not vacuous: every word of the pattern is in some text it matched.
    assert [word for word in words if not any(word in text for text in matching)] == []


@pytest.mark.parametrize(
    ("groups", "cues"),
    [
        pytest.param(
            (
                furniture.CAPTION_SUBJECTS,
                furniture.CAPTION_LABELS,
                furniture.CAPTION_LABEL_SUBJECTS,
                (furniture.COPYRIGHT_SIGN,),
            ),
            CAPTION_CUES,
            id="caption",
        ),
        pytest.param(
            ((furniture.RIGHTS_RESERVED,), furniture.RIGHTS_VERBS, (furniture.RIGHTS_STANDARDS,)),
            RIGHTS_CUES,
            id="rights",
        ),
    ],
)
def test_every_alternative_word_of_a_pattern_holds_a_cue(
    groups: tuple[tuple[str, ...], ...], cues: tuple[str, ...]
) -> None:
    for phrase in itertools.chain.from_iterable(groups):
        assert holds_any(phrase, cues), phrase
        assert holds_any(phrase.upper(), cues), phrase


def test_the_rights_cues_cover_every_verb_of_the_wire_notice() -> None:
    # The hand-kept copy once missed three of these verbs.
    for verbs in itertools.permutations(furniture.RIGHTS_VERBS, 3):
        notice = "This material may not be {}, {} or {}.".format(*verbs)
        assert RIGHTS_RE.search(notice) and holds_any(notice, RIGHTS_CUES), notice


def test_cue_words_keep_the_longest_word_of_a_phrase_and_drop_cues_holding_others() -> None:
    assert furniture.cue_words(["photograph", "photo"], ["all rights reserved"], ["redistributed", "distributed"]) == (
        "photo",
        "reserved",
        "distributed",
    )


MONTH_WORDS = [word for name, abbreviations in furniture.MONTHS for word in (name, *abbreviations)]
WEEKDAY_WORDS = [*furniture.WEEKDAYS, *furniture.WEEKDAY_ABBREVIATIONS]


@pytest.mark.parametrize(
    ("month", "weekday"),
    list(zip(MONTH_WORDS, itertools.cycle(WEEKDAY_WORDS), strict=False))
    + list(zip(itertools.cycle(MONTH_WORDS), WEEKDAY_WORDS, strict=False)),
)
def test_date_lines_and_time_stamps_know_the_same_months_and_weekdays(
    make_article: Make, month: str, weekday: str
) -> None:
    date_line = f"{weekday.title()} 5 {month.title()} 2024"
    assert furniture.DATE_LINE_RE.match(date_line)
    assert {month, weekday} <= furniture.TIMESTAMP_WORDS
    # Not a date line, a time stamp: its words must all be time-stamp words.
    time_stamp = f"{month.title()} 5, 2024 | Updated: {weekday.title()} 18:05"
    assert not furniture.DATE_LINE_RE.match(time_stamp)
    assert roles_by_text(in_a_story(make_article, time_stamp))[time_stamp] == "boilerplate"


# -- the seeds ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_documents(seed_paths: tuple[Path, Path]) -> tuple[Document, Document]:
    a, b = (load_article(path) for path in seed_paths)
    return segment_article(a, "a", "A"), segment_article(b, "b", "B")


def paragraph_with(document: Document, pattern: str) -> tuple[str, str]:
    """(id, role) of the one paragraph matching regular expression `pattern`."""
    found = [(p.id, p.role) for p in document.paragraphs if re.search(pattern, p.text)]
    assert len(found) == 1, (pattern, found)
    return found[0]


def test_seed_documents_are_well_formed(seed_documents: tuple[Document, Document]) -> None:
    for document in seed_documents:
        assert_well_formed(document)
        assert document.paragraphs[-1].end <= len(document.article.text)


def test_seed_a_roles(seed_documents: tuple[Document, Document]) -> None:
    a, _ = seed_documents
    assert (a.paragraphs[0].role, a.paragraphs[1].role) == ("headline", "standfirst")
    assert a.paragraphs[0].text.startswith("Trump’s defence secretary rules out")
    assert a.paragraphs[1].text.startswith("Gen Jim Mattis says ‘very little doubt’")
    caption_id, caption_role = paragraph_with(a, r"Photograph: Francois Lenoir/Reuters")
    assert caption_role == "caption"
    assert caption_id == "a-p3"
    assert paragraph_with(a, r"^READ SOME MORE$")[1] == "boilerplate"
    assert paragraph_with(a, r"^– \(Reuters\)$")[1] == "credit"
    assert paragraph_with(a, r"^Difficult diplomacy$")[1] == "subhead"
    # The credit is split off the last paragraph, which stays body text.
    assert a.paragraphs[-1].role == "credit"
    assert a.paragraphs[-2].role == "body"
    assert a.paragraphs[-2].text.endswith("people connected to Mr Trump or his campaign.")


def test_seed_b_roles(seed_documents: tuple[Document, Document]) -> None:
    _, b = seed_documents
    assert (b.paragraphs[0].role, b.paragraphs[1].role) == ("headline", "standfirst")
    assert b.paragraphs[0].text == "US officials adopt combative tone on Russia at Nato summit"
    assert paragraph_with(b, r"^Click to follow\nThe Independent Online$")[1] == "boilerplate"
    assert all(p.role == "body" for p in b.paragraphs[3:])


def test_seed_caption_sentences_are_not_compared(seed_documents: tuple[Document, Document]) -> None:
    a, _ = seed_documents
    caption = next(p for p in a.paragraphs if p.role == "caption")
    assert len(caption.sentences) >= 2  # printed twice, each copy its own sentences
    assert not set(caption.sentences) & set(a.body_sentences)


def test_seed_quote_sentences_end_inside_the_quotation_marks(seed_documents: tuple[Document, Document]) -> None:
    a, _ = seed_documents
    texts = [s.text for s in a.sentences]
    assert "That prompted a terse reply from Mr Shoigu." in texts
    assert any(t.startswith("“Attempts to build a dialogue") and t.endswith("by news agency Tass.") for t in texts)


def test_markers_a_scraper_glued_to_paragraphs_are_furniture(make_article: Make) -> None:
    article = make_article(
        "Dam repairs begin\n\n"
        "Advertisement Work on the Lindholm dam started on Monday, the water board said.\n\n"
        "The repairs will take two summers and cost 8 million crowns. Enditem\n\n"
        "An Advertisement for the works appeared in the local paper.\n"
    )
    document = segment_article(article, "a", "A")
    roles = {p.text: p.role for p in document.paragraphs}
    assert roles["Advertisement"] == roles["Enditem"] == "boilerplate"
    body = [s.text for s in document.body_sentences]
    assert body == [
        "Work on the Lindholm dam started on Monday, the water board said.",
        "The repairs will take two summers and cost 8 million crowns.",
        "An Advertisement for the works appeared in the local paper.",
    ]
    for paragraph in document.paragraphs:  # offsets still point at the text
        assert article.text[paragraph.start : paragraph.end] == paragraph.text


def test_an_advertisement_marker_between_two_sentences_of_a_run_together_page_is_furniture(make_article: Make) -> None:
    article = make_article(
        "Dam repairs begin\n\n"
        "Work on the Lindholm dam started on Monday. Advertisement At least two crews will work at night, "
        "the water board said. Advertisement “We are ready,” its chief said. An Advertisement ran too.\n"
    )
    document = segment_article(article, "a", "A")
    roles = [(p.text, p.role) for p in document.paragraphs]
    assert [text for text, role in roles if role == "boilerplate"] == ["Advertisement", "Advertisement"]
    assert [s.text for s in document.body_sentences] == [
        "Work on the Lindholm dam started on Monday.",
        "At least two crews will work at night, the water board said.",
        "“We are ready,” its chief said.",
        "An Advertisement ran too.",
    ]
    for paragraph in document.paragraphs:
        assert article.text[paragraph.start : paragraph.end] == paragraph.text


def test_a_pager_and_desk_tags_glued_to_the_story_are_furniture(make_article: Make) -> None:
    article = make_article(
        "Dam repairs begin\n\n"
        "26.11.2004 16:43 << Previous | Next >> Work on the Lindholm dam started on Monday, the water board said.\n\n"
        "The repairs will take two summers and cost 8 million crowns, and the road over the dam will stay closed "
        "until they are done. (Ann Lowe) / (al/wb)\n\n"
        "Print version << Previous | Next >>\n"
    )
    document = segment_article(article, "a", "A")
    body = [s.text for s in document.body_sentences]
    assert body == [
        "Work on the Lindholm dam started on Monday, the water board said.",
        "The repairs will take two summers and cost 8 million crowns, and the road over the dam will stay closed "
        "until they are done.",
    ]
    roles = {p.text: p.role for p in document.paragraphs}
    assert roles["26.11.2004 16:43 << Previous | Next >>"] == "boilerplate"
    assert roles["(Ann Lowe) / (al/wb)"] == "credit"


def test_a_question_in_quotes_goes_on_with_the_name_of_who_asked_it():
    from compare.segment import split_sentences

    text = (
        "“Nine visits and it never came up?” Mr. Ek said. He left. “Why?” Ada Moss asked the board. "
        "“Go!” The crowd left."
    )
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "“Nine visits and it never came up?” Mr. Ek said.",
        "He left.",
        "“Why?” Ada Moss asked the board.",
        "“Go!”",
        "The crowd left.",
    ]


def test_a_heading_glued_to_the_end_of_a_paragraph_is_split_off_as_a_subhead(make_article: Make) -> None:
    document = segment(
        make_article,
        "Harbour board approves terminal\n\n"
        "The harbour board met on Tuesday. It voted for a terminal for larger ferries. Match dates\n\n"
        "The first ferries will berth in May, the board said.",
    )
    roles = roles_by_text(document)
    assert roles["Match dates"] == "subhead"
    assert roles["The harbour board met on Tuesday. It voted for a terminal for larger ferries."] == "body"


@pytest.mark.parametrize(
    "ending",
    [
        "It voted for the plan of",  # no full stop before it: the sentence is cut, not a heading glued on
        "It voted. Ferries will berth in the new terminal from May",  # five words: a sentence, not a heading
        "It voted. The plan of the",  # a heading does not end on a stop word
    ],
)
def test_the_end_of_a_paragraph_that_is_no_heading_stays_in_it(make_article: Make, ending: str) -> None:
    document = segment(
        make_article,
        f"Harbour board approves terminal\n\nThe harbour board met on Tuesday. {ending}\n\n"
        "The first ferries will berth in May, the board said.",
    )
    assert "subhead" not in roles_by_text(document).values()


@pytest.mark.parametrize(
    "link",
    ["Read more", "more", "link", "Read more »", "[more](https://example.org/next)", "https://example.org/next"],
)
@pytest.mark.parametrize("last", [False, True], ids=["mid-story", "last"])
def test_a_link_left_after_a_short_paragraph_is_furniture_and_the_sentence_stays(
    make_article: Make, link: str, last: bool
) -> None:
    sentence = "Fishermen gathered outside the town hall."
    paragraphs = [
        "Harbour board approves terminal",
        "The board voted on Tuesday to build a terminal for larger ferries.",
        f"{sentence} {link}",
        "Several fishermen said they would appeal against the decision.",
    ]
    if last:
        paragraphs.append(paragraphs.pop(2))
    roles = roles_by_text(segment(make_article, "\n\n".join(paragraphs)))
    assert roles[sentence] == "body"
    assert roles[link] == "boilerplate"


@pytest.mark.parametrize(
    "signoff",
    [
        "Jo Reid and Sam Orr contributed to this article.",
        "Jo Reid in St. Louis contributed to this article.",  # "St." is no sentence end
        "Material from Coastal Wire was used in this report.",
        "Velmora, 3 March 2011.",
        "Port Ellis, March 3, 2011",
    ],
)
def test_a_credit_or_a_place_and_date_ending_a_paragraph_is_split_off_as_a_credit(
    make_article: Make, signoff: str
) -> None:
    story = "The board said the ferries would berth at the new terminal from May, once the quay is rebuilt."
    document = segment(make_article, f"Harbour board approves terminal\n\nThe board voted.\n\n{story} {signoff}")
    roles = roles_by_text(document)
    assert roles[story] == "body"
    assert roles[signoff] == "credit"


@pytest.mark.parametrize(
    "ending",
    [
        "Work starts in Velmora, 3 March 2011, the board said.",  # a date inside a sentence
        "Reid said that others contributed to this article's sources.",
    ],
)
def test_a_sentence_that_only_mentions_a_date_or_a_contribution_stays_in_its_paragraph(
    make_article: Make, ending: str
) -> None:
    paragraph = f"The board said the ferries would berth at the new terminal from May. {ending}"
    document = segment(make_article, f"Harbour board approves terminal\n\nThe board voted.\n\n{paragraph}")
    assert roles_by_text(document)[paragraph] == "body"


def test_a_short_paragraph_holding_a_whole_sentence_is_no_subhead(make_article: Make) -> None:
    paragraph = "Fishermen gathered outside the hall. And more"
    assert roles_by_text(in_a_story(make_article, paragraph))[paragraph] == "body"


def test_a_block_that_cuts_a_sentence_in_two_is_a_caption(make_article: Make) -> None:
    caption = "A harbour officer talks with one of the ferry crew at the gate of the old quay"
    document = segment(
        make_article,
        "Harbour board approves terminal\n\n"
        "The harbour board met on Tuesday.\n\n"
        "It voted to build a terminal for larger ferries at the old quay, and\n\n"
        f"{caption}\n\n"
        "the work will start in May. Several fishermen said they would appeal.",
    )
    roles = roles_by_text(document)
    assert roles[caption] == "caption"
    assert roles["the work will start in May. Several fishermen said they would appeal."] == "body"


@pytest.mark.parametrize(
    "between",
    [
        # A block going on in lower case is the sentence's own end, not something put inside it.
        "the old quay will close for a year",
        # Three blocks in between are more than a page puts inside a sentence.
        "One\n\nTwo\n\nThree",
    ],
)
def test_blocks_between_whole_sentences_are_not_captions(make_article: Make, between: str) -> None:
    document = segment(
        make_article,
        "Harbour board approves terminal\n\n"
        "The harbour board met on Tuesday.\n\n"
        "It voted to build a terminal for larger ferries at the old quay, and\n\n"
        f"{between}\n\n"
        "more work will follow in May, the board said.",
    )
    assert "caption" not in roles_by_text(document).values()


@pytest.mark.parametrize(
    ("first", "role"),
    [
        pytest.param(
            "Late on Wednesday afternoon, the harbour board confirmed the contents of a report by its own engineers "
            "that is highly critical of the way the old quay has been kept since the storm of the winter before last, "
            "and of the council's plans for it. The report had been posted on the board's website in early November.",
            "body",
            id="long-first-paragraph-is-the-story",
        ),
        pytest.param(
            "upload media | post an article | comment on this article | email this feature News :: Harbour : Ferry "
            "cut Current rating: 0 Over 1,600 people from across the coast gathered this weekend outside the gates "
            "of the old quay in the largest protest yet against the plan to close it for good!",
            "headline",
            id="links-run-into-the-heading",
        ),
    ],
)
def test_a_long_first_block_is_the_story_unless_links_run_into_it(make_article: Make, first: str, role: str) -> None:
    document = segment(make_article, f"{first}\n\nThe council will answer it next week, a spokesman said.")
    assert roles_by_text(document)[first] == role


@pytest.mark.parametrize(
    ("first_line", "role"),
    [
        pytest.param("Marchers lead the procession to the gates. (Photo: AP)", "caption", id="caption"),
        pytest.param("By Ann Lowe", "credit", id="byline"),
    ],
)
def test_a_plain_texts_first_line_read_as_no_headline_is_not_the_title(
    make_article: Make, first_line: str, role: str
) -> None:
    body = "The bridge will close on Monday for a month of repairs, the council said."
    document = segment_article(make_article(f"{first_line}\n\n{body}", "bridge.txt"), "a", "Bridge")
    assert document.paragraphs[0].role == role
    assert document.title == "Bridge"
    headed = segment_article(make_article(f"Harbour bridge to close\n\n{body}", "bridge.txt"), "a", "Bridge")
    assert headed.title == "Harbour bridge to close"


WRAPPED_PARAGRAPHS = (
    "The harbour authority closed the northern pier on Tuesday after divers found cracks in three of its"
    " supporting piles, a spokeswoman for the authority said in a statement released late in the evening.",
    "Fishing boats that moor at the pier were moved to the southern basin, where the harbour master said"
    " there was room for about forty vessels until repairs could begin next spring.",
    "Engineers will inspect the remaining piles over the coming weeks, and the council expects to publish"
    " a report on the cost of the work before the end of the year, officials added.",
)


def test_a_text_wrapped_at_a_fixed_width_reads_as_the_same_sentences_as_unwrapped(tmp_path: Path):
    byline = "By Jo Reid\nHarbour correspondent"
    plain = "\n\n".join(("Pier closed after divers find cracks", byline, *WRAPPED_PARAGRAPHS))
    wrapped = "\n\n".join(
        ("Pier closed after divers find cracks", byline, *(textwrap.fill(p, 72) for p in WRAPPED_PARAGRAPHS))
    )
    assert wrapped.count("\n") == plain.count("\n") + 6  # two wrapped lines in each paragraph
    documents = []
    for name, text in (("plain.txt", plain), ("wrapped.txt", wrapped)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        documents.append(segment_article(load_article(tmp_path / name), "a", name))
    sentences = [[(s.text, p.role) for p in d.paragraphs for s in p.sentences] for d in documents]
    assert sentences[0] == sentences[1]
    # Every paragraph whole, one sentence: none cut at a wrapped line.
    assert [text for text, role in sentences[1] if role == "body"] == list(WRAPPED_PARAGRAPHS)
    # The byline's lines are no wrap (its next word would have fit): they stay two lines, and offsets hold.
    article = load_article(tmp_path / "wrapped.txt")
    assert "By Jo Reid\nHarbour correspondent" in article.text
    assert all(article.text[b.start : b.end] == b.text for b in article.blocks)
    # Lines that are each a paragraph, however short, are left as they are.
    listing = "Results\n\nOslo 3\nBergen 1\nTromso 2\nBodo 0\n"
    (tmp_path / "list.txt").write_text(listing, encoding="utf-8")
    assert load_article(tmp_path / "list.txt").text == listing.rstrip()


def test_a_compound_wrapped_at_its_hyphen_is_read_whole(tmp_path: Path):
    paragraph = (
        "Water covered the low-lying streets near the harbour on Tuesday, and the long-serving harbour master said"
        " the sea-wall repairs promised last year had never begun, leaving well-known shops on the front flooded."
    )
    for width in range(40, 80):
        wrapped = textwrap.fill(paragraph, width)
        if any(line.endswith("-") for line in wrapped.split("\n")):
            break
    else:
        raise AssertionError("no width wraps the paragraph at a hyphen")
    text = "Harbour floods\n\n" + "\n\n".join([wrapped, wrapped.replace("Tuesday", "Monday")])
    (tmp_path / "wrapped.txt").write_text(text, encoding="utf-8")
    article = load_article(tmp_path / "wrapped.txt")
    assert article.text.split("\n\n")[1] == paragraph
    assert "- " not in article.text  # no compound cut in two ("low- lying")
    assert all(article.text[b.start : b.end] == b.text for b in article.blocks)
