"""Facts: what only one article carries, grouped and labelled; changed figures."""

from __future__ import annotations

from conftest import article_from_text

from compare.facts import differing_figures
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


def test_a_changed_figure_is_a_fact_on_both_sides():
    one = article_from_text(
        "Fire at plant\n\nAbout 300 residents were told to leave their homes near the plant on Friday."
    )
    two = article_from_text(
        "Fire at plant\n\nAbout 1,300 residents were told to leave their homes near the plant on Friday."
    )
    comparison = compare_loaded(one, two)
    assert [f.text for f in comparison.facts_on("a")] == [comparison.a.body_sentences[0].text]
    assert [f.text for f in comparison.facts_on("b")] == [comparison.b.body_sentences[0].text]


def test_a_changed_figure_in_a_sentence_that_also_adds_words_is_reported_whole():
    one = article_from_text(
        "Quake\n\nThe earthquake struck before dawn on Tuesday and killed at least 47 people in the town."
    )
    two = article_from_text(
        "Quake\n\nThe earthquake, a magnitude 6.8 shock centred beneath the coastal mountains north of the "
        "capital, struck before dawn on Tuesday and killed at least 62 people in the town."
    )
    comparison = compare_loaded(one, two)
    [fact_b] = comparison.facts_on("b")
    assert fact_b.text == comparison.b.body_sentences[0].text  # the whole sentence, not a collage of added words
    assert "62" in fact_b.text and "…" not in fact_b.text


def test_a_unit_written_out_is_not_another_figure():
    assert not differing_figures(
        "The strongest gust, 92mph, was recorded at Shap.",
        ["The strongest gust, 92 miles per hour, was recorded at Shap."],
    )
    assert differing_figures(
        "The strongest gust, 92mph, was recorded at Shap.",
        ["The strongest gust, 97 miles per hour, was recorded at Shap."],
    )
    # A bare number elsewhere in the sentence does not hide a changed figure.
    assert differing_figures("He was jailed for 6 years and fined £6m.", ["He was jailed for 8 years and fined £6m."])
    assert differing_figures("The club spent £19m over 14 years.", ["The club spent £14m over 14 years."])
    assert differing_figures("Police seized 40kg of cocaine and 3 guns.", ["Police seized 3kg of cocaine and 3 guns."])


def test_differing_figures_ignores_numbers_written_in_words():
    assert differing_figures("Five people died on the 8th.", ["5 people died on the eighth."]) is False
    assert differing_figures("It cost $85 million.", ["It cost $58 million."]) is True


def test_a_fact_is_one_statement_and_takes_the_next_only_when_it_leans_on_it():
    one = article_from_text(
        "Ferry cut\n\nThe island ferry will stop running in January. "
        "Harbour fees rose by a third last spring. They will rise again in May."
    )
    two = article_from_text("Ferry cut\n\nThe mainland bus company announced a new timetable for the winter.")
    comparison = compare_loaded(one, two, options=CompareOptions(semantic=False))
    texts = [f.text for f in comparison.facts_on("a")]
    assert texts[0] == "The island ferry will stop running in January."  # a statement of its own
    assert texts[1] == "Harbour fees rose by a third last spring. They will rise again in May."  # "They" leans back


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
