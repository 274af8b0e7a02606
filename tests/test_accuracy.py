"""Accuracy on the gold pairs: recall and precision of reported facts hold their targets."""

from __future__ import annotations

from conftest import ROOT, gold_evaluator


def test_seed_recall_holds_while_the_paraphrase_model_takes_rewordings_off_the_list():
    evaluate = gold_evaluator()
    score = evaluate.score(ROOT / "tests" / "gold" / "mattis-nato.json")
    # The model takes the ledes and other rewordings off the list; it also takes a sentence half of which the
    # other article says in other words (each side loses at most one gold passage that way).
    assert score.recall("a") >= 0.8, score.missed["a"]
    assert score.recall("b") >= 0.85, score.missed["b"]
    assert not score.furniture_in_facts
    assert not score.shared_quotes_in_facts


def test_seed_targets_ledes_off_the_list_remarks_by_name_variants_found(seed_comparison):
    assert seed_comparison.semantic.used  # the test extra installs the model
    ledes = {side: seed_comparison.document(side).body_sentences[0].id for side in ("a", "b")}
    assert not any(ledes[f.side] in f.sentences for f in seed_comparison.facts)
    assert {seed_comparison.alignment.sentences[i].status for i in ledes.values()} == {"reworded"}
    labels_b = {f.label for f in seed_comparison.facts_on("b")}
    assert {"Jens Stoltenberg", "Konstantin Kosachyov"} <= labels_b
    statuses = [q.status for q in seed_comparison.quotes if q.a and q.b]
    assert statuses.count("variant") + statuses.count("extended") >= 2


def test_gold_pairs_overall_recall_and_precision_hold():
    # Guards against regressions across every gold pair, not just the seed_comparison.
    evaluate = gold_evaluator()
    totals = evaluate.summarise([evaluate.score(path) for path in evaluate.gold_files()])
    # Close under today's figures (95% and 76% over 14 pairs, with the paraphrase model), so that a real
    # regression fails.  Key-term precision fell from 81% when facts became single statements: a sentence split
    # off a gold passage carries none of its evidence strings; precision judged by reading rose (evaluate_corpus).
    assert totals["all"]["recall"] >= 0.94
    assert totals["all"]["precision"] >= 0.74
    assert totals["variants"]["found"] == totals["variants"]["gold"]


def test_held_out_pairs_stay_above_the_unseen_article_targets():
    # The held-out pairs are never used to tune the engine; this only guards against regressions.
    evaluate = gold_evaluator()
    totals = evaluate.summarise([evaluate.score(path) for path in evaluate.gold_files(held_out=True)])
    assert totals["all"]["gold"] >= 30
    assert totals["all"]["recall"] >= 0.9
    assert totals["all"]["precision"] >= 0.8
