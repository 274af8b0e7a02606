"""Alignment: two `Document`s → `Alignment`.

Input: the body sentences of both documents.  Output: many-to-many sentence
matches with word-level opcodes, a status for every sentence, and paragraph
groups marked ``in-order`` or ``moved``.

The method, in five steps:

1. Every body sentence becomes a bag of content-word keys (see `normalise`),
   each weighted by its rarity across both articles (inverse document
   frequency over sentences), so that names and rare words count for more
   than "government" or the name of the country the story is about.
2. Candidates come from an inverted index of those keys, leaving out keys
   found in more than `max_index_df` of all sentences: a sentence is only
   ever scored against the sentences that share a rare word with it, so the
   cost grows with the number of such pairs, not with the product of the
   two articles' lengths.  Each sentence keeps its `candidates_per_sentence`
   best-scoring candidates.
3. A candidate pair matches when one sentence covers at least
   `match_containment` of the other's weighted content, or when
   `difflib.SequenceMatcher` finds their key sequences at least
   `match_ratio` similar.  The opcodes of that SequenceMatcher, over the
   sentences' words, are kept for display.
4. A sentence's coverage is the weighted share of its content words found in
   the union of its matches, and of up to three neighbouring sentences of the
   other article that cover it together when no one of them does
   (`cover_together`: an outlet split or merged it); it is ``shared`` above
   `shared_coverage`, ``partial`` above `partial_coverage`, ``unique`` below,
   and every matched sentence lists the words its counterparts lack as
   `added`.  Sentences outside body paragraphs are ``ignored``.
5. With a paraphrase model (`similarities`), a sentence left unique is
   ``reworded`` when the other article says it in other words
   (`mark_reworded`), guarded against changed figures, negations and other
   speakers' words: in one sentence (their cosine), or in a few together,
   read word piece by word piece (`piece_recalls`: how much of its meaning,
   weighted by rarity, their pieces hold).

Invariant: swapping the documents swaps the result (every score is
symmetric or computed once per side with the same rule).
"""

from __future__ import annotations

import functools
import heapq
import math
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from itertools import repeat
from typing import TYPE_CHECKING, Any, Protocol

from .model import (
    MATCHED_STATUSES,
    RATIO_DIGITS,
    Alignment,
    CompareOptions,
    Document,
    Opcode,
    ParagraphGroup,
    Remarks,
    Sentence,
    SentenceMatch,
    SentenceResult,
    Span,
    Status,
    id_order,
)
from .normalise import NEGATION_KEYS, Token, bound_before, bound_reach, negations, tokenize

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


@dataclass(frozen=True)
class SentenceWords:
    """A body sentence prepared for matching."""

    sentence: Sentence
    tokens: tuple[Token, ...]
    keys: tuple[str, ...]  # every word's key, in order (for SequenceMatcher)
    content: frozenset[str]  # content-word keys (for coverage)
    counts: dict[str, int]  # how often each key occurs (for a cheap bound on the ratio)
    weight: float = 0.0  # the summed weight of `content`, once weights are known (see `weigh`)
    position: int = 0  # its place among its side's body sentences


def prepare(document: Document) -> list[SentenceWords]:
    """Tokenise the body sentences of `document`."""
    return [prepare_sentence(sentence, position) for position, sentence in enumerate(document.body_sentences)]


# A set aligns each article against a story that keeps the sentences it already holds at their places: the same
# sentence at the same place is prepared once (a bounded cache; `SentenceWords` is never changed in place).
@functools.lru_cache(maxsize=4096)
def prepare_sentence(sentence: Sentence, position: int = 0) -> SentenceWords:
    """Tokenise one sentence, the `position`-th of its side's body."""
    tokens = tuple(tokenize(sentence.text))
    return SentenceWords(
        sentence,
        tokens,
        tuple(t.key for t in tokens),
        frozenset(t.key for t in tokens if t.content),
        dict(Counter(t.key for t in tokens)),
        position=position,
    )


# Smoothing of the inverse document frequency: a word in every sentence still weighs a little,
# and a word seen once does not weigh without bound.
IDF_COUNT_SMOOTHING = 0.5
IDF_FLOOR = 0.1


def key_weights(frequency: dict[str, int], total: int) -> dict[str, float]:
    """Inverse document frequency of each content key, from its `frequency` among `total` sentences."""
    return {key: math.log((total + 1) / (count + IDF_COUNT_SMOOTHING)) + IDF_FLOOR for key, count in frequency.items()}


def weigh(prepared: list[SentenceWords], weights: dict[str, float]) -> list[SentenceWords]:
    """`prepared` with each sentence's total content weight filled in."""
    return [replace(words, weight=weight_of(words.content, weights)) for words in prepared]


#: Cosines of every text of the first list against every text of the second (rounded), from a sentence encoder.
Similarities = Callable[[list[str], list[str]], list[list[float]]]


class PieceModel(Protocol):
    """A sentence encoder read word piece by word piece (`semantic.Encoder.encode_pieces`)."""

    @property
    def unknown_id(self) -> int | None:
        """The id of the piece for anything outside the vocabulary (a script it lacks, an emoji): no meaning."""

    def piece_ids(self, text: str) -> tuple[int, ...]:
        """The ids of all of `text`'s word pieces, in order; `piece_vectors` gives rows for the first ones only
        when the text is longer than the model reads."""

    def piece_vectors(self, texts: list[str]) -> list[Any]:
        """Per text, one unit-length float row per word piece (``numpy`` arrays of shape (pieces, dimensions))."""


@dataclass(frozen=True)
class PieceReading:
    """How much of a sentence its candidate sentences hold, read word piece by word piece (`piece_recalls`)."""

    order: tuple[int, ...]  # the candidates by the share of that they supply, most first
    held: tuple[float, ...]  # held[k]: the share the first k + 1 of `order` hold by themselves, rounded


@dataclass(frozen=True)
class ParaphraseReport:
    """What the paraphrase pass did: how many sentences it embedded and whether the budget cut it short."""

    embedded: int = 0
    capped: bool = False
    # unique sentence id → (the other article's sentence closest in meaning, its rounded cosine)
    nearest: dict[str, tuple[str, float]] = field(default_factory=dict)
    # unique sentence id → (the closest sentences that hold most of it, piece by piece; the share they hold)
    held: dict[str, tuple[tuple[str, ...], float]] = field(default_factory=dict)


def align(
    doc_a: Document,
    doc_b: Document,
    options: CompareOptions | None = None,
    similarities: Similarities | None = None,
    remarks: Remarks | None = None,
    pieces: PieceModel | None = None,
) -> Alignment:
    """Align the body sentences and paragraphs of `doc_a` and `doc_b`.

    With `similarities` (a paraphrase model's cosines), sentences the lexical
    pass leaves unique can be found ``reworded``: see `mark_reworded`, which
    also reads the model piece by piece when given `pieces`.
    """
    alignment, _ = align_with_report(doc_a, doc_b, options, similarities, remarks, pieces=pieces)
    return alignment


def align_with_report(
    doc_a: Document,
    doc_b: Document,
    options: CompareOptions | None = None,
    similarities: Similarities | None = None,
    remarks: Remarks | None = None,
    *,
    paragraphs: bool = True,
    pieces: PieceModel | None = None,
) -> tuple[Alignment, ParaphraseReport]:
    """`align`, also saying what the paraphrase pass did; without `paragraphs`, the alignment's paragraph groups
    are left empty (a set reads only its sentences)."""
    options = options or CompareOptions()
    words_a, words_b = prepare(doc_a), prepare(doc_b)
    frequency = key_frequencies(words_a, words_b)
    weights = key_weights(frequency, len(words_a) + len(words_b))
    words_a, words_b = weigh(words_a, weights), weigh(words_b, weights)
    pairs = candidate_pairs(words_a, words_b, weights, frequency, options)
    matches: list[SentenceMatch] = []
    # sentence id → (-similarity, index into the other side) of its matches
    matched: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for i, j in sorted(pairs):
        match = score_pair(words_a[i], words_b[j], weights, options)
        if match is not None:
            matches.append(match)
            matched[words_a[i].sentence.id].append((-match.similarity, j))
            matched[words_b[j].sentence.id].append((-match.similarity, i))
    candidates: dict[str, list[int]] = defaultdict(list)  # sentence id → candidate indexes into the other side
    for i, j in sorted(pairs):
        candidates[words_a[i].sentence.id].append(j)
        candidates[words_b[j].sentence.id].append(i)
    results: dict[str, SentenceResult] = {}
    for own, other, own_is_a in ((words_a, words_b, True), (words_b, words_a, False)):
        for words in own:
            # A sentence is a candidate of any number of sentences of the other side (all copies of a repeated
            # line pick it): it is judged against its closest few, which is all that coverage ever needs.
            best = sorted(matched.get(words.sentence.id, []))[:MAX_COUNTERPARTS]
            counterparts = [other[k] for k in sorted(k for _, k in best)]
            pool = nearest_positions(
                candidates.get(words.sentence.id, []), words.position, len(own), len(other), MAX_COUNTERPARTS
            )
            together = cover_together(words, counterparts, [other[k] for k in pool], weights, options)
            for extra in together:
                a, b = (words, extra) if own_is_a else (extra, words)
                matches.append(word_match(a, b, options))
            results[words.sentence.id] = classify(words, counterparts + together, weights, options)
    # Before the model reads what is left unique: a sentence holding another whole is partly carried, and what
    # it adds is its `added`, not lost in a "reworded" that carries no added words.
    carry_back(results, words_a + words_b, weights, options)
    report = ParaphraseReport()
    if similarities is not None:
        report = mark_reworded(
            results, matches, words_a, words_b, weights, similarities, options, remarks or Remarks(), pieces
        )
    for document in (doc_a, doc_b):
        for sentence in document.sentences:
            if sentence.id not in results:
                results[sentence.id] = SentenceResult(sentence.id, "ignored", 0.0, (), ())
    kept = tuple(m for m in matches if m.b in results[m.a].matches or m.a in results[m.b].matches)
    groups = align_paragraphs(doc_a, doc_b, kept, words_a, words_b, weights) if paragraphs else ()
    return Alignment(results, kept, groups, report.nearest, report.held), report


def mark_reworded(
    results: dict[str, SentenceResult],
    matches: list[SentenceMatch],
    words_a: list[SentenceWords],
    words_b: list[SentenceWords],
    weights: dict[str, float],
    similarities: Similarities,
    options: CompareOptions,
    remarks: Remarks,
    pieces: PieceModel | None = None,
) -> ParaphraseReport:
    """Find the unique sentences the other article says in other words; mark them ``reworded`` in `results`.

    Each unique sentence is compared with every body sentence of the other
    article (between two versions, every one the word pass did not find
    shared: a sentence the later version still has was not reworded): its
    best counterpart says the same thing when their cosine reaches
    `options.reworded_similarity` (or `options.reworded_mutual_similarity` when
    each is the other's closest, or `options.reworded_near_similarity` when the
    counterpart also has `options.reworded_near_coverage` of its words: a near
    miss of the word pass), unless the sentence gives a number the
    counterpart lacks or only one of them is negated (the model scores such
    contradictions as paraphrases), nor reports another speaker's words or
    another quotation than the counterpart does (`Remarks.different`: quotes
    are compared by their words), nor names someone the other article never
    names (`Remarks.introduces_someone`).  With `pieces`, a sentence no one
    counterpart says is read word piece by word piece against its
    `options.reworded_piece_candidates` closest (`piece_recalls`): when the
    fewest of them that hold most of it (at most
    `options.reworded_piece_holders`) hold `options.reworded_piece_recall` of it
    by themselves (`options.reworded_passage_recall` of it, outside versions
    mode, when the sentences just before and after it in its paragraph are
    carried: a passage both articles tell), it is ``reworded`` with them,
    under the same guards (`said_together`); else the few that hold most of it, and their share,
    are kept in the report's `held`.  At most `options.max_embedded_sentences`
    sentences are embedded, unique ones first, in reading order; the report
    says when the budget cut the pass short.  Rounded cosines and a fixed
    order keep the outcome the same on every machine of one kind.
    """

    def wanted(side: list[SentenceWords], statuses: frozenset[str]) -> list[SentenceWords]:
        """The sentences of `side` whose lexical status is one of `statuses`."""
        return [w for w in side if results[w.sentence.id].status in statuses]

    unique, partial, shared = frozenset({"unique"}), frozenset({"partial"}), frozenset({"shared"})
    if not wanted(words_a, unique) and not wanted(words_b, unique):
        return ParaphraseReport()  # nothing to ask about: the model is not even loaded
    budget = options.max_embedded_sentences
    chosen: dict[str, SentenceWords] = {}
    # A unique sentence may say in other words what the other article says in a sentence it shares with a
    # third one: every sentence can be a counterpart, the unique ones (the questions) first.
    for group in (
        wanted(words_a, unique) + wanted(words_b, unique),
        wanted(words_a, partial) + wanted(words_b, partial),
        wanted(words_a, shared) + wanted(words_b, shared),
    ):
        for words in group:
            if len(chosen) < budget:
                chosen[words.sentence.id] = words
    needed = len(words_a) + len(words_b)
    side_a = [w for w in words_a if w.sentence.id in chosen]
    side_b = [w for w in words_b if w.sentence.id in chosen]
    report = ParaphraseReport(embedded=len(chosen), capped=needed > len(chosen))
    if not side_a or not side_b:
        return report
    cosines = similarities([w.sentence.text for w in side_a], [w.sentence.text for w in side_b])
    rounded = [[round(value, COSINE_DIGITS) for value in row] for row in cosines]
    closest_in_a = [max(range(len(side_a)), key=lambda i: (rounded[i][j], -i)) for j in range(len(side_b))]
    closest_in_b = [max(range(len(side_b)), key=lambda j: (rounded[i][j], -j)) for i in range(len(side_a))]
    found: dict[str, SentenceResult] = {}
    nearest: dict[str, tuple[str, float]] = {}
    held: dict[str, tuple[tuple[str, ...], float]] = {}
    # Sentences no one counterpart says: each with its closest few, its side (A?) and the other article's figures.
    undecided: list[tuple[SentenceWords, list[SentenceWords], bool, frozenset[tuple[float, int]]]] = []
    figures = {
        side: frozenset(figure for words in every for figure in figures_of(words))
        for side, every in (("a", words_a), ("b", words_b))
    }
    # Between two versions of one article a rewording replaces a sentence: one the later version still has (the
    # word pass found it shared) was not reworded, so a new sentence saying it again is an addition, and a cut
    # one is a cut.
    kept_whole = frozenset(
        words.sentence.id
        for words in side_a + side_b
        if options.versions and results[words.sentence.id].status == "shared"
    )
    for own, other, own_is_a in ((side_a, side_b, True), (side_b, side_a, False)):
        closest_to_other = closest_in_a if own_is_a else closest_in_b
        other_figures = figures["b" if own_is_a else "a"]
        for row, words in enumerate(own):
            if results[words.sentence.id].status != "unique":
                continue
            scores = [rounded[row][col] if own_is_a else rounded[col][row] for col in range(len(other))]
            # The closest counterpart that says the same: close enough, or each the other's closest and nearly
            # so, and neither another figure nor a negation on one side only.
            by_score = sorted(range(len(other)), key=lambda col: (-scores[col], col))
            ranked = [col for col in by_score if other[col].sentence.id not in kept_whole]
            best = next(
                (
                    col
                    for col in ranked
                    if says_in_other_words(
                        words,
                        other[col],
                        scores[col],
                        closest_to_other[col] == row,
                        options,
                        remarks,
                        other_figures,
                        functools.partial(content_coverage, words, other[col], weights),
                    )
                ),
                None,
            )
            if best is None:
                # The closest sentence is shown for a reader to check the claim, one kept whole included.
                if by_score:
                    nearest[words.sentence.id] = (other[by_score[0]].sentence.id, scores[by_score[0]])
                if ranked:
                    few = [other[col] for col in ranked[: options.reworded_piece_candidates]]
                    undecided.append((words, few, own_is_a, other_figures))
                continue
            similarity, counterpart = scores[best], other[best]
            found[words.sentence.id] = SentenceResult(
                words.sentence.id,
                "reworded",
                content_coverage(words, counterpart, weights),
                (counterpart.sentence.id,),
                (),
                similarity,
            )
            a, b = (words, counterpart) if own_is_a else (counterpart, words)
            matches.append(word_match(a, b, options))
    if pieces is not None and undecided:
        corpus = [w.sentence.text for w in side_a + side_b]
        questions = [(words.sentence.text, [c.sentence.text for c in few]) for words, few, _, _ in undecided]
        readings = piece_recalls(questions, corpus, pieces, options.reworded_piece_holders)
        carried = {i for i, r in results.items() if r.status in MATCHED_STATUSES} | set(found)
        bodies = {side: [w.sentence for w in every] for side, every in (("a", words_a), ("b", words_b))}
        for (words, few, own_is_a, other_figures), reading in zip(undecided, readings, strict=True):
            recall = recall_needed(bodies["a" if own_is_a else "b"], words.position, carried, options)
            said = said_together(words, few, reading, options, remarks, other_figures, recall)
            if said is None:
                if reading.order:
                    most = [few[i].sentence.id for i in reading.order[: len(reading.held)]]
                    held[words.sentence.id] = (tuple(sorted(most, key=id_order)), reading.held[-1])
                continue
            holders, share = said
            found[words.sentence.id] = SentenceResult(
                words.sentence.id,
                "reworded",
                content_coverage(words, holders[0], weights),
                tuple(sorted((c.sentence.id for c in holders), key=id_order)),
                (),
                share,
            )
            nearest.pop(words.sentence.id, None)
            for counterpart in holders:
                a, b = (words, counterpart) if own_is_a else (counterpart, words)
                matches.append(word_match(a, b, options))
    results.update(found)
    return replace(report, nearest=nearest, held=held)


def said_together(
    words: SentenceWords,
    few: list[SentenceWords],
    reading: PieceReading,
    options: CompareOptions,
    remarks: Remarks,
    article_figures: frozenset[tuple[float, int]],
    recall: float,
) -> tuple[list[SentenceWords], float] | None:
    """The fewest of `few` that say `words` in other words together, the one holding most first, and the share
    they hold; or None.

    `reading` is `piece_recalls`' reading of `words` against `few`: the first of its candidates, in the order of
    what they supply, that hold `recall` (`recall_needed`) of it by themselves (at most
    `options.reworded_piece_holders` of them) are the ones named, and the share is theirs alone.  The guards of
    `says_in_other_words` hold against them: no figure that neither they nor their article (`article_figures`)
    gives, no negation that none of them has, no other speaker's remark (against each one), no one the other
    article never names (against the one that holds most).
    """
    enough = next((k for k, share in enumerate(reading.held) if share >= recall), None)
    if enough is None:
        return None
    holders = [few[i] for i in reading.order[: enough + 1]]
    main = holders[0]
    beside = [f for c in holders for f in figures_of(c)]
    if gives_another_figure(words, beside, remarks.figures_beside(main.sentence.id, article_figures)):
        return None
    # A negation must be held: the pieces of "not" find no match in sentences without one.  (The other way, a
    # negation in a counterpart only, the counterparts' other clauses more often hold it than the sentence's.)
    theirs = {key for c in holders for key in c.keys}
    if negated(words, theirs) and not any(negated(c, words.counts.keys()) for c in holders):
        return None
    if remarks.introduces_someone(words.sentence.id, main.sentence.id):
        return None
    if any(remarks.different(words.sentence.id, c.sentence.id) for c in holders):
        return None
    return holders, reading.held[enough]


def recall_needed(body: Sequence[Sentence], position: int, carried: AbstractSet[str], options: CompareOptions) -> float:
    """The share of the `position`-th sentence of `body` (a document's body sentences, in order) that its closest
    few sentences of the other article must hold to say it in other words: `options.reworded_passage_recall`
    inside a passage the other article tells too (`between_carried`, with `carried` the ids of the sentences it
    carries; never between two versions, where a sentence there is an edit), else
    `options.reworded_piece_recall`."""
    if not options.versions and between_carried(body, position, carried):
        return options.reworded_passage_recall
    return options.reworded_piece_recall


def between_carried(body: Sequence[Sentence], position: int, carried: AbstractSet[str]) -> bool:
    """True when the sentences just before and just after the `position`-th of `body` (a document's body
    sentences, in order) are in its paragraph and both among `carried` (by id): a sentence inside a passage the
    other article tells too."""
    if not 0 < position < len(body) - 1:
        return False
    before, sentence, after = body[position - 1], body[position], body[position + 1]
    return (
        before.paragraph_id == sentence.paragraph_id == after.paragraph_id
        and before.id in carried
        and after.id in carried
    )


def piece_recalls(
    questions: Sequence[tuple[str, Sequence[str]]], corpus: Sequence[str], pieces: PieceModel, holders: int = 3
) -> list[PieceReading]:
    """How much of each question its candidate sentences say, read word piece by word piece.

    `questions` holds (text, candidate texts).  Each word piece of a question counts by its rarity among the
    sentences of `corpus` (inverse document frequency), and is held as far as its cosine with the closest piece
    of a candidate reaches (pieces read in context, so "cooperation" is near "collaboration" and a name near
    itself).  A piece outside the model's vocabulary counts for nothing and holds nothing (two words of a script
    it lacks are one unknown piece, alike whatever they say), and the pieces past the model's length count as
    not held.  For each question, a `PieceReading`: the candidates in the order of what they supply, and the
    share the first one, two, … (up to `holders`) of them hold by themselves.  Shares
    are rounded to 3 decimals before they are compared or ranked.
    """
    import numpy as np

    unknown = pieces.unknown_id
    document_frequency: Counter[int] = Counter()
    for text in corpus:
        document_frequency.update(set(pieces.piece_ids(text)))
    total = len(corpus)
    texts = sorted({text for question, few in questions for text in (question, *few)})
    vectors = dict(zip(texts, pieces.piece_vectors(texts), strict=True))
    readings: list[PieceReading] = []
    for question, few in questions:
        ids = pieces.piece_ids(question)
        rarity = np.array([0.0 if i == unknown else math.log((total + 1) / (document_frequency[i] + 1)) for i in ids])
        weight = float(rarity.sum())
        own: npt.NDArray[np.float32] = vectors[question]
        # Every candidate's known pieces in one matrix, and the candidate each row comes from.
        rows, owners = [], []
        for index, text in enumerate(few):
            known = [n for n, i in enumerate(pieces.piece_ids(text)[: len(vectors[text])]) if i != unknown]
            rows.append(vectors[text][known])
            owners.append(np.full(len(known), index))
        theirs = np.concatenate(rows) if rows else np.zeros((0, own.shape[1]), np.float32)
        if not len(own) or not len(theirs) or weight <= 0:
            readings.append(PieceReading((), ()))
            continue
        owner = np.concatenate(owners)
        cosines = own @ theirs.T
        read = rarity[: len(own)]  # the pieces past the model's length hold nothing
        closest = cosines.argmax(axis=1)
        supplied = np.bincount(owner[closest], weights=cosines[np.arange(len(own)), closest] * read, minlength=len(few))
        whole = float(supplied.sum()) or 1.0
        supplies = [round(float(x) / whole, COSINE_DIGITS) for x in supplied]
        order = tuple(sorted((i for i in range(len(few)) if len(rows[i])), key=lambda i: (-supplies[i], i)))
        held = tuple(
            _held_share(cosines[:, np.isin(owner, order[: k + 1])], read, weight)
            for k in range(min(holders, len(order)))
        )
        readings.append(PieceReading(order, held))
    return readings


def _held_share(cosines: npt.NDArray[np.floating[Any]], rarity: npt.NDArray[np.floating[Any]], weight: float) -> float:
    """The share of a question's `weight` its pieces hold, each as far as its best cosine (a row of `cosines`,
    one column per candidate piece) reaches, weighted by `rarity`; rounded."""
    return round(float((cosines.max(axis=1) * rarity).sum()) / weight, COSINE_DIGITS)


def says_in_other_words(
    words: SentenceWords,
    counterpart: SentenceWords,
    score: float,
    closest: bool,
    options: CompareOptions,
    remarks: Remarks,
    article_figures: frozenset[tuple[float, int]],
    coverage: Callable[[], float] | None = None,
) -> bool:
    """True when the model's cosine `score` says `counterpart` says what `words` says, as `mark_reworded` decides.

    Close enough (`options.reworded_similarity`), or each the other's closest (`closest`) and nearly so
    (`options.reworded_mutual_similarity`), or a near miss of the word pass (`options.reworded_near_similarity`,
    when `coverage`, the share of `words` the counterpart has, reaches `options.reworded_near_coverage`); and
    neither another figure (than the counterpart's article gives: `article_figures`, or in a story its own
    document's) nor a negation on one side only, nor another speaker's remark, nor someone the other article
    never names.
    """
    close = (
        score >= options.reworded_similarity
        or (score >= options.reworded_mutual_similarity and closest)
        or (
            coverage is not None
            and score >= options.reworded_near_similarity
            and coverage() >= options.reworded_near_coverage
        )
    )
    sentence_id, counterpart_id = words.sentence.id, counterpart.sentence.id
    return (
        close
        and not contradicts(words, counterpart, remarks.figures_beside(counterpart_id, article_figures))
        and not remarks.different(sentence_id, counterpart_id)
        and not remarks.introduces_someone(sentence_id, counterpart_id)
    )


def content_coverage(words: SentenceWords, other: SentenceWords, weights: dict[str, float]) -> float:
    """The share of `words`' content weight (by `weights`) that `other` has, rounded as every ratio is."""
    total = weight_of(words.content, weights)
    if not total:
        return 0.0
    return round(weight_of(words.content & other.content, weights) / total, RATIO_DIGITS)


# Decimals kept of a paraphrase cosine, before any threshold.
COSINE_DIGITS = 3


def contradicts(
    words: SentenceWords, counterpart: SentenceWords, elsewhere: frozenset[tuple[float, int]] = frozenset()
) -> bool:
    """True when `words` gives a number that neither `counterpart` nor its article has, or only one is negated.

    A sentence-embedding model scores "rose 5%" and "rose 7%", or "will" and
    "will not", as the same statement: these are differences, never a
    rewording.  A figure the other article gives in another sentence
    (`elsewhere`: every figure of that article) is carried, not contradicted;
    a negation the other says with a word of negating prefix ("not clear",
    "unclear") is carried too (`negated`).
    """
    if gives_another_figure(words, figures_of(counterpart), elsewhere):
        return True
    return negated(words, counterpart.counts.keys()) != negated(counterpart, words.counts.keys())


def negated(words: SentenceWords, other_keys: AbstractSet[str]) -> bool:
    """True when `words` has a word that reverses it ("not", "never", "without") that the other text, whose
    keys are `other_keys`, does not say with a word of negating prefix ("not clear" against "unclear")."""
    return negations(words.tokens, other_keys, REVERSAL_KEYS) > 0


def gives_another_figure(
    words: SentenceWords, beside: Sequence[tuple[float, int]], elsewhere: Iterable[tuple[float, int]] = ()
) -> bool:
    """True when `words` gives a figure that is none of `beside` (the figures of the sentences it is read
    against) nor of `elsewhere` (`same_figure`, which allows for rounding) and, when it states a bound or a range,
    that none of `beside` falls within ("nearly half" holds 46.2, "10-20 million" holds 15; `stated_figures`).  A
    bound is read against those sentences alone: any figure of a whole article may fall near "at least 20"."""
    theirs = [*beside, *elsewhere]
    return any(
        not any(same_figure(mine, other) for other in theirs)
        and not (reach and any(reach[0] <= other[0] <= reach[1] for other in beside))
        for mine, reach in stated_figures(words)
    )


def stated_figures(words: SentenceWords) -> list[tuple[tuple[float, int], tuple[float, float] | None]]:
    """The figures of a sentence (`figures_of`), each with the values it allows when it is not exact, or None.

    A bound reaches one step of its last digit written, at most a share of the figure (`normalise.bound_reach`,
    as `changes.Quantity.agrees` reads it: "over 4.2" is 4.2 to 4.3, "nearly half" 40 to 50, "nearly 100,000"
    80,000 to 100,000).  The two ends of a range ("10-20 million", "10 to 20", "between 10 and 20") each allow the
    whole range; not a score or a change ("lost 1-3", "rose from 5 to 7"), nor years ("from 2016 to 2018").

    >>> from compare.model import Sentence
    >>> stated_figures(prepare_sentence(Sentence("x", "x", "Nearly half, 42 of them, planted 20-30 trees.", 0, 0)))
    [((50.0, 0), (40.0, 50.0)), ((42.0, 0), None), ((20.0, 0), (20.0, 30.0)), ((30.0, 0), (20.0, 30.0))]
    """
    text = words.sentence.text
    found = _figures_at(words)
    reaches: list[tuple[float, float] | None] = []
    for start, _, (value, decimals) in found:
        bound = bound_before(
            tuple(w.lower() for w in WORD_BEFORE_RE.findall(text, max(0, start - BOUND_REACH_CHARS), start))
        )
        if not bound or value <= 0:
            reaches.append(None)
            continue
        last_digit = 10.0**-decimals if decimals else 10.0 ** _trailing_zeros(value)
        low, high = bound_reach(value, last_digit, bound)
        reaches.append((round(low, decimals), round(high, decimals)))  # "nearly 4.2" reaches 4.1, not 4.0999…
    for index in range(len(found) - 1):
        (first, end, (low, _)), (start, after, (high, _)) = found[index], found[index + 1]
        if low < high and _joins_a_range(text, (first, end), (start, after), high):
            reaches[index] = reaches[index + 1] = (low, high)
    return [(figure, reach) for (_, _, figure), reach in zip(found, reaches, strict=True)]


def _joins_a_range(text: str, low: tuple[int, int], high: tuple[int, int], high_value: float) -> bool:
    """True when what lies between two figures written at `low` and `high` (spans of `text`) makes them the ends
    of one range: a dash before a scale or unit ("10-20 million", "15-20 percent") or between figures a score
    never reaches; "to", except after "from" (a change, "rose from 5 to 7"); "and" after "between".  Never
    years (a period: a year inside it is another figure)."""
    end, start, after = low[1], high[0], high[1]
    joined = RANGE_JOIN_RE.fullmatch(text[end:start])
    years = YEAR_FIGURE_RE.fullmatch(text[low[0] : end]) and YEAR_FIGURE_RE.fullmatch(text[start:after])
    if joined is None or years:
        return False
    before = WORD_BEFORE_RE.findall(text, max(0, end - BOUND_REACH_CHARS), end)
    if joined["word"] == "and":
        return bool(before) and before[-1].lower() == "between"
    if joined["word"] == "to":
        return not (before and before[-1].lower() == "from")
    unit = RANGE_UNIT_RE.match(text, after)
    return unit is not None or high_value >= MIN_DASHED_RANGE


def _figures_at(words: SentenceWords) -> list[tuple[int, int, tuple[float, int]]]:
    """The figures of a sentence with where they are written, in reading order: (start, end, (value, decimals))."""
    text = words.sentence.text
    found = [(m.start(), m.end(), figure) for m in FIGURE_TEXT_RE.finditer(text) if (figure := figure_of(m[0]))]
    found += [(t.start, t.end, (float(t.key), 0)) for t in words.tokens if t.key.isdigit() and not t.text[:1].isdigit()]
    return sorted(found)


def _trailing_zeros(value: float) -> int:
    """How many zeros end a whole number ("40" one, "300" two, "42" none): the place of its last digit written."""
    whole = f"{value:.0f}"
    return len(whole) - len(whole.rstrip("0")) if value == int(value) else 0


# A figure that reads as a year.
YEAR_FIGURE_RE = re.compile(r"1[89]\d\d|20\d\d")
# The words right before a figure, read for a bound ("nearly", "more than"), within this many characters.
BOUND_REACH_CHARS = 16
WORD_BEFORE_RE = re.compile(r"[A-Za-z]+")
# What joins the two ends of a range: "10-20", "10 to 20", "between 10 and 20".
RANGE_JOIN_RE = re.compile(r"\s*(?:[-–—]|(?P<word>to|and))\s*")
# After a dashed range, a scale or a unit that makes it one ("10-20 million", "15-20%"), not a score ("lost 1-3").
RANGE_UNIT_RE = re.compile(
    r"\s*(?:%|percent|per\s+cent|thousand|million|billion|trillion|hundred|dozen|years?|months?|weeks?|days?|hours?"
    r"|minutes?|miles?|kilometres?|kilometers?|km|metres?|meters?|feet|pounds?|kg|tonnes?|tons?|dollars?|euros?)\b"
)
# A dashed pair without a unit is a range when its larger end reaches this (a game's score does not).
MIN_DASHED_RANGE = 10


# A figure as written: digits with thousands separators and decimals ("1,300", "42.11"), not inside a word.
FIGURE_TEXT_RE = re.compile(r"(?<![\w.])\d+(?:,\d{3})*(?:\.\d+)?(?![\d])")


def figures_of(words: SentenceWords) -> list[tuple[float, int]]:
    """The figures of a sentence as (value, decimals written): digits as written, and numbers in words.

    >>> from compare.model import Sentence
    >>> figures_of(prepare_sentence(Sentence("x", "x", "Five of the 1,300 votes, 42.11 percent, in 2004-05.", 0, 0)))
    [(5.0, 0), (1300.0, 0), (42.11, 2), (2004.0, 0), (5.0, 0)]
    """
    return [figure for _, _, figure in _figures_at(words)]


def figure_of(text: str) -> tuple[float, int] | None:
    """A number as written ("1,300", "42.11") as (value, decimals written), or None for anything else.

    >>> figure_of("1,300"), figure_of("42.11"), figure_of("14m")
    ((1300.0, 0), (42.11, 2), None)
    """
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        return None
    return (value, len(text.partition(".")[2])) if math.isfinite(value) else None  # 400 digits are no figure


def same_figure(mine: tuple[float, int], other: tuple[float, int]) -> bool:
    """True when two figures are one, allowing for rounding: 42.11 and 42, 1.375 and 1.4; never 2004 and 2005.

    >>> same_figure((42.11, 2), (42.0, 0)), same_figure((1.375, 3), (1.4, 1)), same_figure((2004.0, 0), (2005.0, 0))
    (True, True, False)
    """
    (value, decimals), (other_value, other_decimals) = mine, other
    if value == other_value:
        return True
    if decimals == other_decimals:
        return False
    fewer = min(decimals, other_decimals)
    return round(value, fewer) == round(other_value, fewer)


def key_frequencies(*sides: Iterable[SentenceWords]) -> dict[str, int]:
    """How many sentences of `sides` each content key is in."""
    frequency: dict[str, int] = defaultdict(int)
    for side in sides:
        for words in side:
            for key in words.content:
                frequency[key] += 1
    return frequency


# Every sentence also looks up its few rarest words, however common they are,
# so a sentence made only of common words still finds its counterparts...
RAREST_KEYS = 3
# ...reading at most this many postings of such a common word, which keeps the
# cost linear in the articles' length.
MAX_COMMON_POSTINGS = 64
# However long the articles, a word in more sentences than this is common: in a
# book-length pair, a word in a quarter of all sentences would point everywhere.
MAX_INDEXED_FREQUENCY = 48
# How many copies of a sentence (or quote) repeated on the other side it is compared with: see `nearest_positions`.
MAX_TWINS = 8
# How many matched sentences (and candidates) of the other side a sentence is judged against: the best.
MAX_COUNTERPARTS = 16
# The work one SequenceMatcher pass may take (the most two sentences of the research corpus take is under
# a hundred), and how often a word may recur and stay an anchor beyond it: see `word_matcher`.
MAX_MATCH_COST = 2_000
MAX_ANCHOR_PLACES = 4


def candidate_pairs(
    words_a: list[SentenceWords],
    words_b: list[SentenceWords],
    weights: dict[str, float],
    frequency: dict[str, int],
    options: CompareOptions,
) -> set[tuple[int, int]]:
    """Pairs (index in A, index in B) worth scoring, found through rare shared keys.

    Identical sentences (the same key sequence) are always paired.
    """
    total = len(words_a) + len(words_b)
    # Keys in more than this many sentences are too common to point anywhere.
    max_df = max(2, min(int(options.max_index_df * total), MAX_INDEXED_FREQUENCY))
    pairs: set[tuple[int, int]] = set()
    exact: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for position, words in enumerate(words_b):
        if words.keys:
            exact[words.keys].append(position)
    for position, words in enumerate(words_a):
        twins = nearest_positions(exact.get(words.keys, []), position, len(words_a), len(words_b), MAX_TWINS)
        pairs.update((position, other) for other in twins)
    for own, other, flip in ((words_a, words_b, False), (words_b, words_a, True)):
        index: dict[str, list[int]] = defaultdict(list)
        for position, words in enumerate(other):
            for key in words.content:
                index[key].append(position)
        for position, words in enumerate(own):
            rarest = sorted(words.content, key=lambda key: (frequency[key], key))[:RAREST_KEYS]
            scores: dict[int, float] = defaultdict(float)
            for key in words.content:
                common = frequency[key] > max_df
                if common and key not in rarest:
                    continue
                postings = index.get(key, [])
                for other_position in postings[:MAX_COMMON_POSTINGS] if common else postings:
                    scores[other_position] += weights[key]
            best = heapq.nsmallest(
                options.candidates_per_sentence, scores.items(), key=lambda item: (-item[1], item[0])
            )
            for other_position, _ in best:
                pairs.add((other_position, position) if flip else (position, other_position))
    return pairs


def nearest_positions(positions: list[int], position: int, own_count: int, other_count: int, limit: int) -> list[int]:
    """The `limit` of sorted `positions` (among `other_count` items) nearest to `position`'s place among `own_count`.

    A passage repeated many times on both sides (a refrain, a boilerplate line, hostile input) would
    otherwise pair every copy with every other, and a sentence that every copy picks as a candidate
    would be judged against all of them: each is kept to the ones in the same part of the other article.
    """
    if len(positions) <= limit:
        return positions
    place = position * other_count // max(own_count, 1)
    middle = bisect_left(positions, place)
    first = min(max(0, middle - limit // 2), len(positions) - limit)
    return positions[first : first + limit]


def word_matcher(a: Sequence[str], b: Sequence[str], autojunk: bool = False) -> SequenceMatcher[str]:
    """A SequenceMatcher of word keys `a` and `b` (difflib's `autojunk` as asked), its work bounded.

    SequenceMatcher reads, for each word of `a`, every place of `b` holding
    it: the sum is its cost, under a hundred for two sentences of prose and
    quadratic for a run of one word repeated.  Above `MAX_MATCH_COST` the
    words `b` holds more than `MAX_ANCHOR_PLACES` times stop being anchors
    (they still match inside a run, as difflib's junk does), which bounds
    the cost by a few times the length of `a`.
    """
    places = Counter(b)
    if autojunk or sum(places.get(word, 0) for word in a) <= MAX_MATCH_COST:
        return SequenceMatcher(None, a, b, autojunk=autojunk)
    popular = frozenset(word for word, count in places.items() if count > MAX_ANCHOR_PLACES)
    return SequenceMatcher(popular.__contains__, a, b, autojunk=False)


def weight_of(keys: Iterable[str], weights: dict[str, float]) -> float:
    """The summed weight of content `keys` (fsum: exact, so the order of a set cannot change it)."""
    return math.fsum(map(weights.get, keys, repeat(0.0)))


def score_pair(
    a: SentenceWords, b: SentenceWords, weights: dict[str, float], options: CompareOptions
) -> SentenceMatch | None:
    """Return the match of sentences `a` and `b`, or None when they do not say the same thing."""
    if a.keys == b.keys:
        # The same words in the same order, even if all of them are stop words.
        return SentenceMatch(
            a.sentence.id,
            b.sentence.id,
            1.0,
            tuple(t.text for t in a.tokens),
            tuple(t.text for t in b.tokens),
            (Opcode("equal", 0, len(a.keys), 0, len(b.keys)),),
        )
    shared = a.content & b.content
    if not shared:
        return None
    shared_weight = weight_of(shared, weights)
    containment = max(shared_weight / (a.weight or 1.0), shared_weight / (b.weight or 1.0))
    if containment < options.match_containment:
        # The same bound as SequenceMatcher.quick_ratio, from counts made once per
        # sentence: most candidates stop here without building a matcher.
        common = sum(
            map(
                min,
                map(a.counts.__getitem__, both := a.counts.keys() & b.counts.keys()),
                map(b.counts.__getitem__, both),
            )
        )
        if 2.0 * common / (len(a.keys) + len(b.keys)) < options.match_ratio:
            return None
    matcher = word_matcher(a.keys, b.keys, options.autojunk)
    ratio = matcher.ratio()
    # One content word in common says little on its own ("That time is now," against "…at a time of rising
    # costs"): it makes a match only when the two sentences also run alike word by word.
    if (containment < options.match_containment or len(shared) < 2) and ratio < options.match_ratio:
        return None
    opcodes = tuple(Opcode(*op) for op in matcher.get_opcodes())
    return SentenceMatch(
        a.sentence.id,
        b.sentence.id,
        round(ratio, RATIO_DIGITS),
        tuple(t.text for t in a.tokens),
        tuple(t.text for t in b.tokens),
        opcodes,
    )


# A sentence is judged against the union of at most this many counterparts...
MAX_COVERING_SENTENCES = 3
# ...each of which must cover at least this share of its weight that the others leave uncovered...
MIN_COVER_GAIN = 0.15
# ...and this many of its content words.
MIN_COVER_KEYS = 2


def cover_together(
    words: SentenceWords,
    counterparts: list[SentenceWords],
    candidates: list[SentenceWords],
    weights: dict[str, float],
    options: CompareOptions,
) -> list[SentenceWords]:
    """Candidates that, joined to `counterparts`, cover what no single sentence of the other article covers.

    Outlets split one sentence into two or merge two into one: judged against
    one counterpart at a time, each half covers too little.  Greedily, the
    candidate adding the most still-uncovered weight joins, while it adds at
    least `MIN_COVER_GAIN` of the sentence's weight and `MIN_COVER_KEYS` words,
    up to `MAX_COVERING_SENTENCES` in all.  The joined candidates are kept
    only when together they reach `options.together_coverage`.
    """
    total = words.weight
    if not total:
        return []
    covered: set[str] = set()
    for other in counterparts:
        covered |= words.content & other.content
    if weight_of(covered, weights) / total >= options.shared_coverage:
        return []
    joined: list[SentenceWords] = []
    taken = {id(c) for c in counterparts}
    pool = [c for c in candidates if id(c) not in taken]
    while pool and len(counterparts) + len(joined) < MAX_COVERING_SENTENCES:
        chosen = counterparts + joined
        # A sentence split in two or merged from two: its parts are neighbours on the other side.
        near = [c for c in pool if not chosen or any(_neighbours(c, o) for o in chosen)]
        if not near:
            break
        gains = [(weight_of((words.content & c.content) - covered, weights), c) for c in near]
        best_gain, best = max(gains, key=lambda item: (item[0], -item[1].position))
        new_keys = (words.content & best.content) - covered
        if best_gain / total < MIN_COVER_GAIN or len(new_keys) < MIN_COVER_KEYS:
            break
        joined.append(best)
        covered |= new_keys
        pool.remove(best)
    if not joined or weight_of(covered, weights) / total < options.together_coverage:
        return []
    return joined


# Sentences that cover one sentence together are at most this many sentences apart on their side.
MAX_COVERING_DISTANCE = 2


def _neighbours(one: SentenceWords, other: SentenceWords) -> bool:
    """True when two sentences of one side are within `MAX_COVERING_DISTANCE` of each other."""
    return abs(one.position - other.position) <= MAX_COVERING_DISTANCE


def word_match(a: SentenceWords, b: SentenceWords, options: CompareOptions) -> SentenceMatch:
    """The word-level match of `a` and `b`, for display, whatever their score.

    Its similarity is the better of the two orders' ratios: SequenceMatcher's
    ratio can depend on which sequence comes first, and swapping the articles
    must swap the result, nothing else.
    """
    matcher = word_matcher(a.keys, b.keys, options.autojunk)
    backwards = word_matcher(b.keys, a.keys, options.autojunk)
    return SentenceMatch(
        a.sentence.id,
        b.sentence.id,
        round(max(matcher.ratio(), backwards.ratio()), RATIO_DIGITS),
        tuple(t.text for t in a.tokens),
        tuple(t.text for t in b.tokens),
        tuple(Opcode(*op) for op in matcher.get_opcodes()),
    )


def classify(
    words: SentenceWords,
    counterparts: list[SentenceWords],
    weights: dict[str, float],
    options: CompareOptions,
) -> SentenceResult:
    """Give `words`' sentence its status from what its `counterparts` cover."""
    total = words.weight
    available: set[str] = set()
    every_key: set[str] = set()
    for other in counterparts:
        available |= other.content
        every_key.update(other.keys)
    covered = words.content & available
    coverage = weight_of(covered, weights) / total if total else (1.0 if counterparts else 0.0)
    status: Status
    if counterparts and coverage >= options.shared_coverage:
        status = "shared"
    elif counterparts and (
        coverage >= options.partial_coverage
        or (len(covered) >= options.partial_min_words and coverage >= options.partial_min_words_coverage)
    ):
        status = "partial"
    else:
        return SentenceResult(words.sentence.id, "unique", round(coverage, RATIO_DIGITS), (), ())
    return _matched_result(words, counterparts, covered, every_key, coverage, status, options)


def _matched_result(
    words: SentenceWords,
    counterparts: list[SentenceWords],
    covered: frozenset[str] | set[str],
    every_key: frozenset[str] | set[str],
    coverage: float,
    status: Status,
    options: CompareOptions,
) -> SentenceResult:
    """The result of a sentence matched with `counterparts`: its `added` spans are what they do not cover."""
    added = merge_spans(
        words.sentence.text,
        (*uncovered_spans(words, covered, every_key, options), *inserted_spans(words, counterparts)),
    )
    ids = tuple(sorted((o.sentence.id for o in counterparts), key=id_order))
    return SentenceResult(words.sentence.id, status, round(coverage, RATIO_DIGITS), ids, added)


# A link is two-way when the sentence pointing holds at least this share of its weight in the one pointed at alone.
CARRIED_ALONE = 0.5


def carry_back(
    results: dict[str, SentenceResult], words: list[SentenceWords], weights: dict[str, float], options: CompareOptions
) -> None:
    """Make the links between two sentences two-way: a sentence left ``unique`` that a sentence of the other
    side is ``shared`` or ``partial`` with, and holds `CARRIED_ALONE` of by itself, more than any other sentence
    does, is ``partial`` with it in turn.

    A short sentence can lie whole inside a long one ("The mayor resigned on Tuesday." in "The mayor resigned on
    Tuesday after months of questions over contracts …"): the long one's coverage is too low for a match of its
    own, yet what the short one says is in it.  Its `added` spans are then what those sentences do not cover, and
    it is no fact only one article carries (a fact is built from unique sentences).  A ``reworded`` sentence's
    link stays one-way: the model read it against its closest counterpart, not the other way round.
    """
    by_id = {w.sentence.id: w for w in words}
    pointing: dict[str, list[str]] = defaultdict(list)
    for sentence_id, result in results.items():
        if result.status in ("shared", "partial") and result.matches:
            # Only the sentence that holds most of it, and half of it by itself: one covered by many together
            # ("sea wall" here, "the mayor said" there) lends each a word or two, not a statement; and a short,
            # general one ("A flood warning was issued.") is held alike by many.
            held = {other: content_coverage(by_id[sentence_id], by_id[other], weights) for other in result.matches}
            best = max(held, key=lambda other: (held[other], [-n for n in id_order(other)]))
            if held[best] >= CARRIED_ALONE and sum(share == held[best] for share in held.values()) == 1:
                pointing[best].append(sentence_id)
    for sentence_id, others in pointing.items():
        if sentence_id not in results or results[sentence_id].status != "unique":
            continue
        own = by_id[sentence_id]
        counterparts = [by_id[other] for other in sorted(others, key=id_order)]
        available: set[str] = set().union(*(other.content for other in counterparts))
        every_key: set[str] = set().union(*(other.keys for other in counterparts))
        covered = own.content & available
        coverage = weight_of(covered, weights) / own.weight if own.weight else 0.0
        results[sentence_id] = _matched_result(own, counterparts, covered, every_key, coverage, "partial", options)


# Words that reverse a statement (contractions too: "doesn't"), and "without": a run of new words holding one is
# reported however short it is, and two sentences only one of which holds one never say the same thing.
REVERSAL_KEYS = NEGATION_KEYS | {"without"}


# A sentence this alike its counterpart, word for word, is an edited copy of it: a run of words it has at one
# place and the counterpart has not is inserted there, even when the counterpart uses those words elsewhere.
INSERTION_MIN_RATIO = 0.6
# An inserted run is reported when it has at least this many words.
INSERTION_MIN_WORDS = 2


def inserted_spans(words: SentenceWords, counterparts: list[SentenceWords]) -> tuple[Span, ...]:
    """Runs of words inserted into an edited copy of a counterpart (", who was elected in May,").

    Coverage by sets of words misses an inserted clause whose words the
    sentence or its counterpart also use elsewhere ("who", "was", "elected"
    next to "election"); the word-by-word diff with the closest counterpart
    does not, as long as the two are near copies.
    """
    best: tuple[float, list[Opcode]] | None = None
    if any(other.keys == words.keys for other in counterparts):
        return ()  # a copy of a counterpart has nothing inserted
    for other in counterparts:
        matcher = word_matcher(words.keys, other.keys)
        if matcher.quick_ratio() < INSERTION_MIN_RATIO:
            continue
        ratio = matcher.ratio()
        if ratio >= INSERTION_MIN_RATIO and (best is None or ratio > best[0]):
            best = (ratio, [Opcode(*op) for op in matcher.get_opcodes()])
    if best is None:
        return ()
    spans = []
    text = words.sentence.text
    for tag, a_lo, a_hi, _, _ in best[1]:
        if tag == "delete" and a_hi - a_lo >= INSERTION_MIN_WORDS and any(t.content for t in words.tokens[a_lo:a_hi]):
            run = [t.key for t in words.tokens[a_lo:a_hi] if t.content]
            if any(_holds_run(run, [t.key for t in other.tokens if t.content]) for other in counterparts):
                continue  # a sentence split in two (or two joined): the run is the other half, not inserted
            start, end = words.tokens[a_lo].start, words.tokens[a_hi - 1].end
            spans.append(Span(start, end, text[start:end]))
    return tuple(spans)


# A counterpart holds a run of content words when it has this share of them in order (the half of a sentence
# split in two may be edited too)...
HELD_RUN_SHARE = 0.6
# ...and at least this many...
HELD_RUN_MIN_WORDS = 2
# ...within a stretch at most this many times the run's length (not words scattered across a long sentence).
HELD_RUN_STRETCH = 1.5


def _holds_run(run: Sequence[str], keys: Sequence[str]) -> bool:
    """True when the content keys `keys` hold `HELD_RUN_SHARE` (and `HELD_RUN_MIN_WORDS`) of the content keys of
    `run` in order, within a stretch of `HELD_RUN_STRETCH` times the run's length."""
    blocks = [b for b in SequenceMatcher(None, run, keys, autojunk=False).get_matching_blocks() if b.size]
    held = sum(b.size for b in blocks)
    if held < max(HELD_RUN_MIN_WORDS, HELD_RUN_SHARE * len(run)):
        return False
    return blocks[-1].b + blocks[-1].size - blocks[0].b <= HELD_RUN_STRETCH * len(run)


def merge_spans(text: str, spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """`spans` in order with overlapping or touching ones joined (only spaces and punctuation between them)."""
    merged: list[Span] = []
    for span in sorted(spans):
        if merged and (span.start <= merged[-1].end or not text[merged[-1].end : span.start].strip(" ,;:-—")):
            last = merged[-1]
            end = max(last.end, span.end)
            merged[-1] = Span(last.start, end, text[last.start : end])
        else:
            merged.append(span)
    return tuple(merged)


def uncovered_spans(
    words: SentenceWords,
    covered: frozenset[str] | set[str],
    counterpart_keys: frozenset[str] | set[str],
    options: CompareOptions,
) -> tuple[Span, ...]:
    """Runs of the sentence's words that the other article lacks.

    A run is broken by every content word the counterparts carry.  Its stop
    words stay in it, and so do those at its edges that the counterparts lack,
    so the meaning survives ("off camera", "does not"); runs with fewer than
    `options.min_added_words` content words are dropped unless they hold a
    negation the counterparts lack.
    """
    spans: list[Span] = []
    run: list[Token] = []
    text = words.sentence.text

    def new(token: Token) -> bool:
        """True for a word the counterparts lack: an uncovered content word, or a stop word none of them uses."""
        return token.key not in covered if token.content else token.key not in counterpart_keys

    def close() -> None:
        """Emit the pending `run`, trimmed to the words the counterparts lack, if it says enough; then empty it."""
        kept = [t for t in run if new(t)]
        content = sum(1 for t in run if t.content)
        negated = any(t.key in REVERSAL_KEYS for t in kept)
        if kept and (content >= max(1, options.min_added_words) or negated):
            first = next(i for i, t in enumerate(run) if new(t))
            last = max(i for i, t in enumerate(run) if new(t))
            start, end = run[first].start, run[last].end
            spans.append(Span(start, end, text[start:end]))
        run.clear()

    for token in words.tokens:
        if token.content and token.key in covered:
            close()
        else:
            run.append(token)
    close()
    return tuple(spans)


# The most paragraphs of one side that a paragraph group may hold.
MAX_GROUP_PARAGRAPHS = 3
# Two paragraphs join a group only when their sentence matches carry at least this share of their weight.
MIN_PARAGRAPH_LINK_SHARE = 1 / 6


def align_paragraphs(
    doc_a: Document,
    doc_b: Document,
    matches: tuple[SentenceMatch, ...],
    words_a: list[SentenceWords],
    words_b: list[SentenceWords],
    weights: dict[str, float],
) -> tuple[ParagraphGroup, ...]:
    """Group paragraphs joined by sentence matches and mark the groups that moved.

    Paragraphs are joined, strongest link first, when their sentence matches
    carry at least a sixth of the two paragraphs' weight; joined paragraphs
    form one group of at most `MAX_GROUP_PARAGRAPHS` per side.  Groups in
    every longest run of groups in the same order on both sides are
    ``in-order``; the others ``moved`` (see `_in_every_longest_run`).
    """
    sentence_weight = {w.sentence.id: w.weight for w in (*words_a, *words_b)}
    paragraph_of = {s.id: s.paragraph_id for doc in (doc_a, doc_b) for s in doc.sentences}
    paragraph_weight: dict[str, float] = defaultdict(float)
    for sentence_id, weight in sentence_weight.items():
        paragraph_weight[paragraph_of[sentence_id]] += weight
    link: dict[tuple[str, str], float] = defaultdict(float)
    for match in matches:
        link[paragraph_of[match.a], paragraph_of[match.b]] += (
            sentence_weight[match.a] + sentence_weight[match.b]
        ) * match.similarity
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        """Return the group root of paragraph `node` (union-find), compressing the path on the way."""
        top = node
        while parent.get(top, top) != top:
            top = parent[top]
        while node != top:  # path compression keeps later look-ups short
            parent[node], node = top, parent[node]
        return top

    size: dict[str, tuple[int, int]] = {}  # group root → paragraphs of A and of B in it

    def share(pair: tuple[str, str]) -> float:
        """How much of the two paragraphs' weight their sentence matches carry (1 for weightless twins)."""
        total = paragraph_weight[pair[0]] + paragraph_weight[pair[1]]
        return link[pair] / total if total else 1.0

    for pair in sorted(link, key=lambda pair: (-share(pair), pair)):
        pa, pb = pair
        if share(pair) < MIN_PARAGRAPH_LINK_SHARE:
            break
        ra, rb = root(pa), root(pb)
        if ra == rb:
            continue
        a_count = size.get(ra, (1, 0))[0] + size.get(rb, (0, 1))[0]
        b_count = size.get(ra, (1, 0))[1] + size.get(rb, (0, 1))[1]
        # A paragraph split in two or three, or three merged into one, is one
        # group; longer chains come from passages that merely resemble each other.
        if a_count > MAX_GROUP_PARAGRAPHS or b_count > MAX_GROUP_PARAGRAPHS:
            continue
        # Both sides number their paragraphs from 1: "a-p3" and "b-p3" must not tie.
        top, below = min(ra, rb, key=lambda i: (id_order(i), i)), max(ra, rb, key=lambda i: (id_order(i), i))
        parent[below] = top
        size[top] = (a_count, b_count)
    groups: dict[str, tuple[set[str], set[str]]] = {}
    within: dict[str, float] = defaultdict(float)
    for (pa, pb), weight in link.items():
        group = root(pa)
        if group != root(pb):
            continue
        members = groups.setdefault(group, (set(), set()))
        members[0].add(pa)
        members[1].add(pb)
        within[group] += weight
    ordered = sorted(
        (
            (tuple(sorted(a, key=id_order)), tuple(sorted(b, key=id_order)), within[group])
            for group, (a, b) in groups.items()
        ),
        key=lambda item: id_order(item[0][0]),
    )
    in_order = _in_every_longest_run([id_order(b[0]) for _, b, _ in ordered])
    result = []
    for position, (a_ids, b_ids, linked) in enumerate(ordered):
        total = sum(paragraph_weight[p] for p in (*a_ids, *b_ids))
        similarity = round(min(1.0, linked / total), RATIO_DIGITS) if total else 0.0
        result.append(ParagraphGroup(a_ids, b_ids, similarity, "in-order" if position in in_order else "moved"))
    return tuple(result)


def _in_every_longest_run(values: list[tuple[int, ...]]) -> set[int]:
    """Positions that belong to every longest strictly increasing subsequence of `values`.

    Which groups "moved" must not depend on which article is A: an increasing
    run of groups is the same whichever side orders them, and so is the set of
    groups that every longest run contains.  Where two orders tie, neither is
    preferred: both groups count as moved.  O(n log n).

    >>> sorted(_in_every_longest_run([(1,), (3,), (2,), (4,)]))
    [0, 3]
    >>> sorted(_in_every_longest_run([(1,), (2,), (3,)]))
    [0, 1, 2]
    """
    ending = _run_lengths(values)  # longest run ending at each position
    starting = _run_lengths([tuple(-v for v in value) for value in reversed(values)])[::-1]
    longest = max(ending, default=0)
    on_some_run = [i for i in range(len(values)) if ending[i] + starting[i] - 1 == longest]
    at_length: dict[int, int] = {}
    for i in on_some_run:
        at_length[ending[i]] = at_length.get(ending[i], 0) + 1
    return {i for i in on_some_run if at_length[ending[i]] == 1}


def _run_lengths(values: list[tuple[int, ...]]) -> list[int]:
    """For each position, the length of the longest strictly increasing run ending there."""
    tails: list[tuple[int, ...]] = []
    lengths = []
    for value in values:
        slot = bisect_left(tails, value)
        if slot == len(tails):
            tails.append(value)
        else:
            tails[slot] = value
        lengths.append(slot + 1)
    return lengths
