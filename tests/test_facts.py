"""Facts: what only one article carries, grouped and labelled; changed figures."""

from __future__ import annotations

import pytest
from conftest import article_from_text

from compare.facts import gist
from compare.model import CompareOptions
from compare.pipeline import compare_loaded


def test_stoltenberg_and_kosachyov_are_facts_only_in_the_independent(seed_comparison):
    labels_b = [f.label for f in seed_comparison.facts_on("b")]
    assert "Jens Stoltenberg" in labels_b
    assert "Konstantin Kosachyov" in labels_b
    assert not any(name in f.text for f in seed_comparison.facts_on("a") for name in ("Stoltenberg", "Kosachyov"))


def test_no_furniture_caption_or_credit_in_any_fact(seed_comparison):
    ignored = {
        s.id
        for doc in (seed_comparison.a, seed_comparison.b)
        for p in doc.paragraphs
        if not p.compared
        for s in p.sentences
    }
    for fact in seed_comparison.facts:
        assert not set(fact.sentences) & ignored
        assert "Photograph" not in fact.text and "(Reuters)" not in fact.text


def test_a_sentence_that_says_something_before_a_shared_quote_is_a_fact():
    quote = "“We have built more homes this year than in any year of the last decade,” Mr Smith said."
    one = article_from_text(f"H\n\nJohn Smith resigned as housing minister on Friday. {quote}")
    two = article_from_text(f"H\n\nThe figures were published on Thursday. {quote}")
    comparison = compare_loaded(one, two)
    assert any("resigned as housing minister" in f.text for f in comparison.facts_on("a"))


def test_a_bare_lead_in_to_a_shared_quote_is_not_a_fact():
    quote = "“We have built more homes this year than in any year of the last decade,” Mr Smith said."
    one = article_from_text(f"H\n\nThat drew a reply from Mr Smith. {quote}")
    two = article_from_text(f"H\n\nMinisters met on Thursday to discuss housing targets. {quote}")
    comparison = compare_loaded(one, two)
    assert comparison.facts_on("a") == ()


def fact_texts_of_a(body: str) -> list[str]:
    """The texts of the facts an article of `body` carries, against an article on another matter (model off)."""
    one = article_from_text(f"Ferry cut\n\n{body}")
    two = article_from_text("Ferry cut\n\nThe mainland bus company announced a new timetable for the winter.")
    return [f.text for f in compare_loaded(one, two, options=CompareOptions(semantic=False)).facts_on("a")]


def test_a_fact_is_one_statement_and_takes_the_next_only_when_it_leans_on_it():
    texts = fact_texts_of_a(
        "The island ferry will stop running in January. "
        "Harbour fees rose by a third last spring. They will rise again in May."
    )
    assert texts[0] == "The island ferry will stop running in January."  # a statement of its own
    assert texts[1] == "Harbour fees rose by a third last spring. They will rise again in May."  # "They" leans back


def test_a_paragraph_opening_with_that_goes_on_from_the_passage_before_unless_it_sets_a_time():
    texts = fact_texts_of_a(
        "Ann Lowe told the harbour board on Monday that the pier must close for repairs.\n\n"
        "That prompted a sharp reply from the ferry operator.\n\n"
        "That night, fishermen blocked the slipway with their boats.\n\n"
        "This week, councillors will vote on the cost of the work."
    )
    assert texts == [
        "Ann Lowe told the harbour board on Monday that the pier must close for repairs. "
        "That prompted a sharp reply from the ferry operator.",
        "That night, fishermen blocked the slipway with their boats.",
        "This week, councillors will vote on the cost of the work.",
    ]


def test_a_sentence_the_article_repeats_word_for_word_is_listed_once():
    # A page extracted with its text given twice, the repeat glued into another block.
    texts = fact_texts_of_a(
        "The island ferry will stop running in January.\n\n"
        "Harbour fees rose by a third last spring.\n\n"
        "A new pier opened. THE ISLAND FERRY will stop running in January!"
    )
    assert sum("ferry will stop running" in text.lower() for text in texts) == 1
    assert any("Harbour fees" in text for text in texts)


def test_a_short_sentence_said_twice_is_not_a_repeat():
    texts = fact_texts_of_a(
        "Storms hit the coast at dawn. The pier was closed.\n\n"
        "The mayor spoke to the crowd at noon.\n\n"
        "Then the rain came back in the evening. The pier was closed."
    )
    assert sum("The pier was closed." in text for text in texts) == 2


def test_a_short_sentence_that_speaks_by_a_pronoun_goes_on_from_the_one_before():
    # A longer sentence opening with "But" or "And" is a statement of its own: it stays a fact by itself.
    texts = fact_texts_of_a(
        "The island ferry will stop running in January. "
        "Many islanders had hoped the council would find the money. And to many it did. "
        "Harbour fees rose by a third last spring. Few will notice that it rose. "
        "But the mayor promised to keep the harbour office open on Saturdays."
    )
    assert texts == [
        "The island ferry will stop running in January.",
        "Many islanders had hoped the council would find the money. And to many it did.",
        "Harbour fees rose by a third last spring. Few will notice that it rose.",
        "But the mayor promised to keep the harbour office open on Saturdays.",
    ]


def test_fragments_of_a_few_words_go_on_with_the_sentence_before_them():
    texts = fact_texts_of_a(
        "The island ferry will stop running in January. "
        "The list of closures on this council's watch seems endless. A school. A clinic. A post office.\n\n"
        "Repairs to the pier will start at 9 a.m. GMT on Monday."
    )
    assert texts == [
        "The island ferry will stop running in January.",
        "The list of closures on this council's watch seems endless. A school. A clinic. A post office.",
        "Repairs to the pier will start at 9 a.m. GMT on Monday.",  # a time zone ends no sentence
    ]


def test_a_sentence_a_caption_breaks_off_is_one_fact_with_its_rest():
    one = article_from_text(
        "Harbour\n\nThe island ferry will stop running in January.\n\n"
        "The harbour master was fined on Monday for neglect of the pier and\n\n"
        "A police officer talks with one of the harbour guards at the entrance of the office in Port Ellen\n\n"
        "nine counts of fraud. The charges stem from an audit."
    )
    two = article_from_text("Harbour\n\nThe island ferry will stop running in January.")
    comparison = compare_loaded(one, two, options=CompareOptions(semantic=False))
    assert [p.role for p in comparison.a.paragraphs][3] == "caption"
    facts = comparison.facts_on("a")
    assert [f.text for f in facts] == [
        "The harbour master was fined on Monday for neglect of the pier and nine counts of fraud.",
        "The charges stem from an audit.",  # a sentence that ends stays a fact of its own
    ]
    assert not facts[0].label.endswith("and")  # the label reads on past the break


def test_a_lower_case_paragraph_after_a_finished_sentence_starts_its_own_fact():
    texts = fact_texts_of_a(
        "The island ferry will stop running in January.\n\n"
        "The harbour master was fined last month.\n\n"
        "nine counts of fraud were dropped after an audit of the accounts."
    )
    assert texts[1:] == [
        "The harbour master was fined last month.",
        "nine counts of fraud were dropped after an audit of the accounts.",
    ]


def test_a_question_put_goes_with_its_answer_and_is_no_fact_when_the_answer_is_carried():
    answer = "Mr. Ek replied that the harbour would stay open for every fishing boat this winter."
    one = article_from_text(
        "Harbour\n\nThe island ferry will stop running in January.\n\n"
        f"Asked point-blank, “Will the pier close?” {answer}\n\n"
        "Asked again, “Will the ferry come back?” Mr. Ek said the council would decide in the spring."
    )
    two = article_from_text(f"Harbour\n\nThe island ferry will stop running in January. {answer}")
    texts = [f.text for f in compare_loaded(one, two, options=CompareOptions(semantic=False)).facts_on("a")]
    # The first question's answer is carried: the question alone says nothing.  The second goes with its answer.
    assert texts == ["Asked again, “Will the ferry come back?” Mr. Ek said the council would decide in the spring."]


def test_a_fact_that_refers_back_to_a_shared_sentence_shows_it_as_context():
    shared = "The regional council approved the new harbour plan on Monday after a long debate."
    one = article_from_text(f"Harbour\n\n{shared} It will cost the town about nine million over four years.")
    two = article_from_text(f"Harbour\n\n{shared}")
    comparison = compare_loaded(one, two, options=CompareOptions(semantic=False))
    [fact] = comparison.facts_on("a")
    assert fact.text.startswith("It will cost")
    assert fact.context == (comparison.a.body_sentences[0].id,)
    assert comparison.alignment.sentences[fact.context[0]].status == "shared"


def test_a_label_names_the_actor_that_opens_the_fact_not_a_name_deep_inside_it():
    one = article_from_text(
        "Bridge\n\nThe bridge reopened to traffic on Monday morning after repairs that were paid for by the "
        "Halvorsen Foundation, officials said. Mayor Ilse Brandt cut the ribbon at the ceremony."
    )
    two = article_from_text("Bridge\n\nTraffic is moving again across the river after months of closure.")
    comparison = compare_loaded(one, two, options=CompareOptions(semantic=False))
    labels = [f.label for f in comparison.facts_on("a")]
    assert labels[0].startswith("The bridge reopened to traffic")  # the foundation comes late: a detail
    assert labels[1] == "Ilse Brandt"


def test_a_label_opening_with_he_or_she_names_the_person_just_named():
    one = article_from_text(
        "Harbour\n\nThe harbour will close for repairs in March. Harbour master Ann Lowe oversaw the last refit. "
        "She said the fleet would moor at Carrow until the work is done."
    )
    two = article_from_text(
        "Harbour\n\nThe harbour will close for repairs in March. Harbour master Ann Lowe oversaw the last refit."
    )
    comparison = compare_loaded(one, two, options=CompareOptions(semantic=False))
    labels = [f.label for f in comparison.facts_on("a")]
    assert "Ann Lowe said the fleet would moor at Carrow until the work is done" in labels


def test_he_never_names_a_woman_nor_she_a_man():
    shared = (
        "The harbour will close for repairs in March. Harbour master Tom Ek oversaw the last refit. "
        "A diver, Ann Lowe, found the crack; she reported it at once."
    )
    # The woman named last cannot be the "He" of the next sentence: the man named before her is.
    one = article_from_text(f"Harbour\n\n{shared} He said the fleet would moor at Carrow until the work is done.")
    two = article_from_text(f"Harbour\n\n{shared}")
    labels = [f.label for f in compare_loaded(one, two, options=CompareOptions(semantic=False)).facts_on("a")]
    assert "Tom Ek said the fleet would moor at Carrow until the work is done" in labels
    # Called "Ms." and no man named before her: "He" stays as written.
    shared = "The harbour will close for repairs in March. Ms. Lowe found the crack in the quay wall."
    one = article_from_text(f"Harbour\n\n{shared} He said the fleet would moor at Carrow until the work is done.")
    two = article_from_text(f"Harbour\n\n{shared}")
    labels = [f.label for f in compare_loaded(one, two, options=CompareOptions(semantic=False)).facts_on("a")]
    assert any(label.startswith("He said the fleet") for label in labels)
    # And "She" skips a man called "Mr.", for the woman named before him.
    shared = "Ann Lowe found the crack in the quay wall. The harbour closes in March. Mr. Ek signed the order."
    one = article_from_text(f"Harbour\n\n{shared} She said the fleet would moor at Carrow until the work is done.")
    two = article_from_text(f"Harbour\n\n{shared}")
    labels = [f.label for f in compare_loaded(one, two, options=CompareOptions(semantic=False)).facts_on("a")]
    assert "Ann Lowe said the fleet would moor at Carrow until the work is done" in labels


def labels_after(shared: str, fact: str) -> list[str]:
    """The labels of A's facts when A is `shared` then `fact` and B is `shared` alone."""
    one = article_from_text(f"Harbour\n\n{shared} {fact}")
    two = article_from_text(f"Harbour\n\n{shared}")
    return [f.label for f in compare_loaded(one, two, options=CompareOptions(semantic=False)).facts_on("a")]


@pytest.mark.parametrize(
    "shared",
    [
        # The first person named is the sentence's subject; the one named after it is not whom "he" goes on about.
        "The harbour will close for repairs in March. Tom Ek oversaw the refit with help from Piet Aalders.",
        # Someone named as an owner, or in a clause before the subject, or inside a quotation, comes after.
        "The harbour will close for repairs in March. The cost of Piet Aalders's plan, Tom Ek said, is too high.",
        "The harbour will close for repairs in March. If Piet Aalders was cautious, Tom Ek was bold.",
        "The harbour will close in March. “Piet Aalders was wrong,” Tom Ek said on Monday at the quay.",
        # A sentence that goes on about him by "he" before naming anyone passes him on.
        "The harbour will close for repairs in March. Tom Ek oversaw the refit. He thanked Piet Aalders for it.",
    ],
)
def test_he_names_the_subject_of_the_sentence_before_not_whoever_it_names_last(shared: str) -> None:
    labels = labels_after(shared, "He said the fleet would moor at Carrow until the work is done.")
    assert "Tom Ek said the fleet would moor at Carrow until the work is done" in labels


def test_an_owner_named_before_he_is_whom_he_stands_for_when_nobody_else_is_named() -> None:
    shared = "The harbour will close for repairs in March. In Tom Ek's view, he had no choice."
    labels = labels_after(shared, "He said the fleet would moor at Carrow until the work is done.")
    assert "Tom Ek said the fleet would moor at Carrow until the work is done" in labels


def test_a_pronoun_with_no_one_named_just_before_stays_as_written():
    shared = (
        "Ann Lowe became harbour master in 2019. The harbour will close for repairs in March. "
        "The dredging firm won the contract last year. Fishing boats will use the old quay. "
        "Repairs are due to last six weeks."
    )
    one = article_from_text(f"Harbour\n\n{shared} She said the fleet would moor at Carrow until the work is done.")
    two = article_from_text(f"Harbour\n\n{shared}")
    comparison = compare_loaded(one, two, options=CompareOptions(semantic=False))
    assert any(f.label.startswith("She said the fleet") for f in comparison.facts_on("a"))


def test_a_quote_after_its_attribution_is_labelled_by_its_own_words():
    one = article_from_text(
        "Harbour\n\nHarbour master Ann Lowe announced the closure on Monday. "
        "Asked whether she would stay on, Lowe said, “Put it this way: nobody else wants the job.”"
    )
    two = article_from_text("Harbour\n\nHarbour master Ann Lowe announced the closure on Monday.")
    comparison = compare_loaded(one, two, options=CompareOptions(semantic=False))
    [fact] = comparison.facts_on("a")
    assert fact.label == "Ann Lowe: “Nobody else wants the job”"


def test_a_label_skips_an_aside_and_an_opening_attribution_to_reach_the_statement():
    shared = "The harbour will close for repairs in March."
    one = article_from_text(
        f"Harbour\n\n{shared} Fishermen warned that the closure — if it lasts into the summer season — could "
        "sink the cannery. According to the port's own survey, at least 40 boats have already left for Carrow "
        "and other harbours along the coast."
    )
    two = article_from_text(f"Harbour\n\n{shared}")
    comparison = compare_loaded(one, two, options=CompareOptions(semantic=False))
    labels = [f.label for f in comparison.facts_on("a")]
    assert labels == [
        "Fishermen warned that the closure could sink the cannery",
        "At least 40 boats have already left for Carrow and other harbours along…",
    ]


def test_a_label_never_cuts_a_number_and_skips_an_opening_scene():
    from compare.facts import gist

    assert gist("Dozens of boxes filled with 50,000 pages of emails were handed over to the harbour board.") == (
        "Dozens of boxes filled with 50,000 pages of emails were handed…"
    )
    assert gist("Even with that guidance in place, the justices have still been criticised.") == (
        "The justices have still been criticised"
    )
    assert gist("Late Wednesday night, the council voted to close the pier for the winter.") == (
        "The council voted to close the pier for the winter"
    )
    assert gist("Finally the council voted to close the pier for the winter.") == (
        "The council voted to close the pier for the winter"
    )
    # A scene of up to 16 words; never "At least 20 …" or "Under 20 …", which is the statement's own figure.
    assert gist(
        "While the ferry company kept its timetable secret from the harbour master for most of May, "
        "the pier stayed closed to every boat."
    ) == ("The pier stayed closed to every boat")
    assert gist("At least 20 people were hurt near the pier, the harbour police said on Monday night.") == (
        "At least 20 people were hurt near the pier…"
    )
    assert gist("Under 20 people were hurt near the pier, the harbour police said on Monday night.") == (
        "Under 20 people were hurt near the pier…"
    )
    # Another outlet's report is the source of the news, not the news (a pronoun that reported stays); a long
    # list of names is cut short.
    assert gist("The Harbour Star reported Monday that the council will close the pier for the winter.") == (
        "The council will close the pier for the winter"
    )
    assert gist("Then the Ferry Times reported the mayor as saying, the pier was never safe for boats.") == (
        "The pier was never safe for boats"
    )
    assert gist("He reported that the council will close the pier for the winter.") == (
        "He reported that the council will close the pier for the winter"
    )
    assert gist("Hull, Leeds, York, Ripon, Selby and Goole plan to ban cars from their piers.") == (
        "Hull, Leeds and 4 others plan to ban cars from their piers"
    )
    assert gist("Hull, Leeds, York, Ripon, Selby and Goole and Wick plan a ban.").startswith("Hull, Leeds, York")
    # A speaker's own words: a scene of 13 to 16 words stays, and no list is cut.
    assert gist(
        "When the ferry company kept its timetable secret from us for most of the year, the whole town suffered badly.",
        quoted=True,
    ).startswith("When the ferry company")
    assert gist("Hull, Leeds, York, Ripon, Selby and Goole plan to ban cars.", quoted=True).startswith(
        "Hull, Leeds, York"
    )


def test_a_name_inside_a_quotation_does_not_label_the_fact():
    comparison = compare_loaded(
        article_from_text(
            "Harbour plan\n\nThe council met on Tuesday to discuss the harbour plan.\n\n"
            "“Every family knows that Tomas Ek, Lena Varga and the board they lead are the wrong choice for the "
            "harbour,” a statement from the opposition said."
        ),
        article_from_text("Harbour plan\n\nThe council met on Tuesday to discuss the harbour plan."),
        options=CompareOptions(semantic=False),
    )
    labels = [fact.label for fact in comparison.facts_on("a")]
    assert labels and not any(label in ("Tomas Ek", "Lena Varga") for label in labels)


def test_a_name_labels_one_fact_and_the_next_of_that_speaker_says_what_it_adds():
    one = article_from_text(
        "Ferry cut\n\nThe island ferry will stop running in January.\n\n"
        "“We were never asked about any of this,” said Tomas Ek, who runs the harbour café.\n\n"
        "The council will meet the islanders in March.\n\n"
        "“Without the boat, the café closes in a month,” Ek said."
    )
    two = article_from_text("Ferry cut\n\nThe island ferry will stop running in January.")
    comparison = compare_loaded(one, two, options=CompareOptions(semantic=False))
    labels = [f.label for f in comparison.facts_on("a") if f.quotes]
    assert labels[0] == "Tomas Ek"
    assert labels[1].startswith("Tomas Ek: ") and "café closes" in labels[1]
    assert len(set(labels)) == len(labels)


def test_a_quote_given_to_he_or_she_shows_the_sentence_before_it_as_context():
    shared = "Mayor Lena Varga criticised the harbour board on Monday over the ferry."
    one = article_from_text(
        f"Ferry cut\n\nThe island ferry will stop running in January. {shared} "
        "“I believe there was gross incompetence here,” she said."
    )
    two = article_from_text(f"Ferry cut\n\nThe island ferry will stop running in January. {shared}")
    comparison = compare_loaded(one, two, options=CompareOptions(semantic=False))
    [fact] = comparison.facts_on("a")
    assert fact.text == "“I believe there was gross incompetence here,” she said."
    texts = {s.id: s.text for s in comparison.document("a").sentences}
    assert [texts[i] for i in fact.context] == [shared]  # who "she" is, carried by both


def test_a_label_never_holds_a_whole_very_long_word() -> None:
    long_word = "harbour" * 30
    shared = "The harbour will close for repairs in March."
    labels = labels_after(shared, f"Divers found {long_word} under the quay wall.")
    assert labels, "the new sentence is a fact"
    assert all(len(word) <= 41 for label in labels for word in label.split()), labels
    assert labels[0].startswith("Divers found harbour") and labels[0].endswith("…")


@pytest.mark.parametrize(
    "text",
    [
        "Today, they announced that Ann Lowe, the harbour master and engineer, had won the prize.",
        "Tom Ek, the chief executive of Portline, the ferry firm that runs the night crossing, resigned.",
    ],
)
def test_a_clause_naming_someone_then_describing_them_is_not_cut_as_an_apposition(text: str) -> None:
    label = gist(text)
    # The description ("the harbour master…", "the ferry firm…") is never glued to the words before the name.
    assert not label.startswith(("Today the", "Tom Ek the")), label
    assert label.startswith(text.split(",")[0])


def _details_of(text_a: str, text_b: str, side: str = "b", **options) -> list[str]:
    """The detail spans `side` adds to sentences both carry, each detail's spans joined by " · "."""
    from compare.facts import find_details

    comparison = compare_loaded(
        article_from_text(f"H\n\n{text_a}"), article_from_text(f"H\n\n{text_b}"), options=CompareOptions(**options)
    )
    details = find_details(comparison.document(side), comparison.alignment, comparison.changes)
    return [" · ".join(span.text for span in d.spans) for d in details]


def test_a_clause_added_to_a_sentence_both_carry_is_a_detail_and_a_speakers_frame_is_not():
    quote = "“We will rebuild the pier before the summer,” "
    a = f"{quote}Gen Ames said. The harbour board met on Monday to discuss the storm damage to the pier."
    b = (
        f"{quote}the Port Warden said. The harbour board met on Monday to discuss the storm damage to the "
        "pier, which insurers put at four million pounds after an inspection last week."
    )
    assert _details_of(a, b, semantic=False) == [
        "which insurers put at four million pounds after an inspection last week"
    ]
    # Two words of colour are no detail (the columns still mark them).
    assert (
        _details_of(
            a,
            b.replace(", which insurers put at four million pounds after an inspection last week", " badly"),
            semantic=False,
        )
        == []
    )


def test_a_detail_never_cuts_a_name_and_closes_its_bracket():
    a = "Mr Ivanov said talks would resume. The ministry confirmed the talks would resume in Geneva."
    b = (
        "The talks would resume in Geneva, the ministry confirmed, after a call between the foreign ministers "
        "of both countries, Oleg Ivanov and the envoy of the Harbour Safety Board (HSB)."
    )
    details = _details_of(a, b, semantic=False)
    assert details and all(not d.endswith(("Oleg", "Harbour", "(HSB")) for d in details)
    assert any(d.endswith("(HSB)") for d in details), details


def test_versions_list_no_details_their_word_edits_do():
    from compare.context import build_context

    a = article_from_text("H\n\nThe harbour board met on Monday to discuss the storm damage to the pier.")
    b = article_from_text(
        "H\n\nThe harbour board met on Monday to discuss the storm damage to the pier, which insurers put at four "
        "million pounds."
    )
    versions = compare_loaded(a, b, options=CompareOptions(semantic=False, versions=True))
    context = build_context(versions, generated_at="2026-01-01T00:00:00Z")
    assert context.added_detail_count == 0 and context.word_edit_count == 1
    outlets = build_context(compare_loaded(a, b, options=CompareOptions(semantic=False)), generated_at="x")
    assert outlets.added_detail_count == 1
    assert outlets.added_details["b"][0]["added_text"] == "which insurers put at four million pounds"


def test_a_detail_is_more_than_a_name_or_who_spoke_a_quotation():
    from compare.facts import _says_something

    assert not _says_something("Gov. Ann Lee and", framing=False)
    assert not _says_something("the Port Warden snapped", framing=True)
    assert _says_something("the Port Warden snapped", framing=False)
    assert _says_something("the envoy of the Harbour Safety Board", framing=False)
    assert _says_something("addressing the envoy of the Harbour Safety Board", framing=True)
    assert not _says_something("on Monday", framing=False)  # too short
