"""Several articles of one event: who carries which fact (issue 14).

A set of three to 26 documents is aligned without comparing every pair.
The documents are read in a canonical order (by the SHA-256 of their text,
so that the order of the arguments changes ids and nothing else), and each
is aligned, with the pair engine (`align.align_with_report`), against a
*story*: the sentences of the documents read before it that no earlier one
carried.  Ten articles cost nine alignments against a story that grows only
by what is new, not 45.

1. The first document's body sentences open the story; each is a *lead*.
2. Each next document is aligned against the story.  Its sentences that some
   lead covers (shared, partial or reworded) are *linked* to those leads;
   the others become leads.  Leads the document covers are linked to the
   sentences that cover them.
3. A fact is a lead with every sentence linked to it: a star, never a chain,
   so two unrelated statements are never joined through a third.  Its
   documents are those of its sentences.  A sentence is carried by the
   documents of its leads, and by the others that cover those leads when
   their own sentences cover it too; with the model, also by any document
   that says it in other words, weighed as the pair of the two would.
4. Adjacent leads of one paragraph that no other document carries make one
   exclusive fact, as a pair's passage would.

The paraphrase model, when it is on, embeds each sentence once for the whole
set (`CachedSimilarities`).

>>> from compare.load import load_bytes  # doctest: +SKIP
>>> comparison = compare_set(["a.txt", "b.txt", "c.txt"])  # doctest: +SKIP
>>> [fact.carried_by for fact in comparison.facts]  # doctest: +SKIP
"""

from __future__ import annotations

import functools
import itertools
import math
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Literal

from .align import (
    PieceModel,
    SentenceWords,
    Similarities,
    align_with_report,
    content_coverage,
    figures_of,
    key_weights,
    piece_recalls,
    prepare,
    prepare_sentence,
    recall_needed,
    said_together,
    says_in_other_words,
)
from .changes import changes_between, document_figures, entity_kinds, told_differently
from .entities import NamedEntity, name_entities
from .errors import ConfigError
from .facts import (
    ACTOR_LABEL_KINDS,
    ACTOR_MAX_OFFSET,
    clipped_label,
    gist,
    goes_on_in_paragraph,
    pronoun_named,
    pronoun_referents,
    quotation_open_at,
    repeated_sentences,
)
from .load import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, load_article
from .model import (
    MATCHED_STATUSES,
    SET_LETTERS,
    Article,
    CompareOptions,
    Document,
    Entity,
    OutletStats,
    Paragraph,
    Quote,
    Remarks,
    SemanticInfo,
    Sentence,
    SentenceResult,
    SetChange,
    SetComparison,
    SetEntity,
    SetFact,
    SetQuote,
    SetSentence,
    Span,
    Status,
    id_order,
)
from .normalise import tokenize, word_count
from .pipeline import ModelReader, default_labels, paraphrase_model
from .quotes import (
    extract_quotes,
    family_name,
    find_quote_spans,
    name_words,
    plain_words,
    quote_similarity,
    reworded_quote_pairs,
    speakers_of,
)
from .segment import segment_article

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

MIN_SET_DOCUMENTS = 2
MAX_SET_DOCUMENTS = len(SET_LETTERS)
# Strength of a sentence's status against another document: the strongest found is the one reported.
STATUS_STRENGTH: dict[Status, int] = {"shared": 3, "partial": 2, "reworded": 1, "unique": 0}
# A fact is a quotation when quoted words make at least this share of its words.
QUOTE_FACT_SHARE = 0.5
# A quote is scored against at most this many groups of quotes, those sharing the most words with it.
QUOTE_CANDIDATES = 8


def document_ids(count: int) -> tuple[str, ...]:
    """The ids of `count` documents of a set, in argument order: "a", "b", "c", …"""
    if not MIN_SET_DOCUMENTS <= count <= MAX_SET_DOCUMENTS:
        raise ConfigError(f"a set takes {MIN_SET_DOCUMENTS} to {MAX_SET_DOCUMENTS} articles, not {count}")
    return tuple(SET_LETTERS[:count])


def canonical_order(documents: Sequence[Document]) -> list[Document]:
    """`documents` in the order a set reads them: by their text's SHA-256 (then text), so that the order of the
    arguments changes ids and nothing else."""
    return sorted(documents, key=lambda d: (d.article.sha256, d.article.text, d.side))


def compare_set(
    sources: Sequence[str | os.PathLike[str]],
    *,
    labels: Sequence[str | None] | None = None,
    options: CompareOptions | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
    allow_private_urls: bool = True,
    encodings: Sequence[str | None] | None = None,
    fallback_encoding: str | None = None,
    model_threads: int | None = None,
    fallback_labels: Sequence[str | None] | None = None,
) -> SetComparison:
    """Load, segment and compare the articles at `sources` (paths or URLs), all of one event.

    `labels`, `encodings` and `fallback_labels` give each article's label,
    codec and the label it takes when neither `labels` nor its metadata name
    it, in the order of `sources` (None where not given); the other arguments
    are `compare_articles`'s.
    """
    ids = document_ids(len(sources))
    labels = list(labels or [None] * len(ids))
    encodings = list(encodings or [None] * len(ids))
    if len(labels) != len(ids) or len(encodings) != len(ids):
        raise ConfigError("give one label and one encoding per article (None where not given)")
    articles = [
        load_article(
            source,
            max_bytes=max_bytes,
            timeout=timeout,
            allow_private=allow_private_urls,
            encoding=encoding,
            fallback_encoding=fallback_encoding,
        )
        for source, encoding in zip(sources, encodings, strict=True)
    ]
    return compare_set_loaded(
        articles, labels=labels, options=options, model_threads=model_threads, fallback_labels=fallback_labels
    )


def compare_set_loaded(
    articles: Sequence[Article],
    *,
    labels: Sequence[str | None] | None = None,
    options: CompareOptions | None = None,
    model_threads: int | None = None,
    fallback_labels: Sequence[str | None] | None = None,
) -> SetComparison:
    """Compare loaded `articles` of one event; `labels` name them, else `default_label` (which prefers an
    article's metadata to its entry in `fallback_labels`)."""
    ids = document_ids(len(articles))
    labels = list(labels or [None] * len(ids))
    fallbacks = list(fallback_labels or [None] * len(ids))
    if len(labels) != len(ids) or len(fallbacks) != len(ids):
        raise ConfigError("give one label and one fallback label per article (None where not given)")
    documents = [
        segment_article(article, side, label)  # type: ignore[arg-type]
        for article, side, label in zip(articles, ids, default_labels(articles, fallbacks, labels), strict=True)
    ]
    return compare_set_documents(documents, options, model_threads=model_threads)


def compare_set_documents(
    documents: Sequence[Document], options: CompareOptions | None = None, *, model_threads: int | None = None
) -> SetComparison:
    """Compare segmented `documents`, whose sides are "a", "b", "c", … in order (see the module's docstring)."""
    options = options or CompareOptions()
    if options.versions:
        raise ConfigError("versions mode compares two articles, an earlier and a later one: not a set")
    ids = document_ids(len(documents))
    if tuple(d.side for d in documents) != ids:
        raise ValueError(f"documents must have the sides {', '.join(ids)}, in order")
    similarities, semantic = CachedSimilarities.of(options, model_threads)
    named = name_entities(documents)
    quote_groups = _quote_groups(documents, named, options, similarities)
    story = _Story(documents, options, similarities, named, quote_groups, similarities)
    sentences = story.sentence_results()
    facts = _facts(story, named, documents, sentences)
    quotes = _quotes(documents, named, quote_groups)
    changes = _changes(story, named)
    stats: dict[str, OutletStats] = {d.side: _outlet_stats(d, sentences, facts) for d in documents}
    if story.capped:
        semantic = replace(
            semantic,
            note="the paraphrase model reached its budget (max_embedded_sentences) in some alignments; "
            "the sentences left were judged on their words alone",
        )
    return SetComparison(
        documents=tuple(documents),
        sentences=sentences,
        facts=facts,
        quotes=quotes,
        entities=tuple(
            SetEntity(e.id, e.name, e.kind, e.aliases, e.mentions)  # type: ignore[arg-type]
            for e in named
        ),
        changes=changes,
        stats=stats,
        options=options,
        semantic=semantic,
        comparisons=story.comparisons,
    )


class CachedSimilarities:
    """The paraphrase model's cosines, each sentence embedded once for a whole set however often it is compared;
    and its word-piece vectors (`align.PieceModel`), also read once per sentence."""

    def __init__(self, reader: ModelReader) -> None:
        """Wrap `reader`, which gives the model's vectors of a list of texts (`pipeline.ModelReader`)."""
        self.reader = reader
        self.vectors: dict[str, npt.NDArray[np.float32]] = {}

    @classmethod
    def of(cls, options: CompareOptions, threads: int | None) -> tuple[CachedSimilarities | None, SemanticInfo]:
        """The cached cosines when the model is on and installed, and what to report about it."""
        reader, semantic = paraphrase_model(options, threads)
        if reader is None:
            return None, semantic
        return cls(reader), semantic

    @property
    def unknown_id(self) -> int | None:
        """`ModelReader.unknown_id`."""
        return self.reader.unknown_id

    def piece_ids(self, text: str) -> tuple[int, ...]:
        """`ModelReader.piece_ids`."""
        return self.reader.piece_ids(text)

    def piece_vectors(self, texts: list[str]) -> list[npt.NDArray[np.float32]]:
        """`ModelReader.piece_vectors`."""
        return self.reader.piece_vectors(texts)

    def __call__(self, left: list[str], right: list[str]) -> list[list[float]]:
        """Rounded cosines of every text of `left` against every text of `right`."""
        import numpy as np

        from .semantic import DIMENSIONS, cosine_matrix

        missing = [text for text in dict.fromkeys([*left, *right]) if text not in self.vectors]
        if missing:
            for text, vector in zip(missing, self.reader.vectors(missing), strict=True):
                self.vectors[text] = vector

        def stacked(texts: list[str]) -> npt.NDArray[np.float32]:
            return np.array([self.vectors[t] for t in texts], dtype=np.float32).reshape(len(texts), DIMENSIONS)

        matrix: list[list[float]] = cosine_matrix(stacked(left), stacked(right)).tolist()
        return matrix


class _Story:
    """The merged story of a set and every sentence's links to its leads (see the module's docstring)."""

    def __init__(
        self,
        documents: Sequence[Document],
        options: CompareOptions,
        similarities: Similarities | None,
        named: Sequence[NamedEntity] = (),
        quote_groups: Sequence[dict[str, Quote]] = (),
        pieces: PieceModel | None = None,
    ) -> None:
        self.documents = {d.side: d for d in documents}
        self.sentence = {s.id: s for d in documents for s in d.body_sentences}
        self.document_of = {s.id: d.side for d in documents for s in d.body_sentences}
        self.order = canonical_order(documents)
        self.leads: list[Sentence] = []
        self.links: dict[str, set[str]] = defaultdict(set)  # sentence id → lead ids it is linked to
        self.best: dict[str, str] = {}  # linked sentence id → the lead it matches best
        self.status: dict[str, Status] = {}  # sentence id → its strongest status against another document
        self.coverage: dict[str, float] = defaultdict(float)
        self.added: dict[str, tuple[Span, ...]] = {}
        self.carried_at: dict[str, set[str]] = defaultdict(set)  # lead id → documents that cover it
        # sentence id → document → its sentences that say the sentence in other words, though the story linked it to
        # none of them: filled by `sentence_results` (`_reworded_elsewhere`), which facts are grouped after
        self.reworded_with: dict[str, dict[str, tuple[str, ...]]] = defaultdict(dict)
        self.options = options
        self.similarities = similarities
        self.pieces = pieces if similarities is not None else None
        # Per document: its body sentences and how many of them have each content word (`_covers`).
        self.sentence_counts: dict[str, int] = {d.side: len(d.body_sentences) for d in documents}
        self.key_counts: dict[str, Counter[str]] = {
            d.side: Counter(key for words in prepare(d) for key in words.content) for d in documents
        }
        self.weights: dict[tuple[str, str], dict[str, float]] = {}  # (document, document) → word → weight
        self.comparisons = 0
        self.capped = False  # whether the paraphrase model reached its sentence budget in some alignment
        self.remarks = _story_remarks(documents, named, quote_groups) if similarities is not None else None
        for document in self.order:
            self._read(document, options, similarities)

    def _read(self, document: Document, options: CompareOptions, similarities: Similarities | None) -> None:
        """Align `document` against the story so far, link its sentences and add what is new as leads."""
        body = document.body_sentences
        if not self.leads:
            for sentence in body:
                self._lead(sentence)
            return
        alignment, report = align_with_report(
            document, self._as_document(document), options, similarities, self.remarks, paragraphs=False
        )
        self.comparisons += 1
        self.capped = self.capped or report.capped
        similarity = {(m.a, m.b): m.similarity for m in alignment.matches}
        new: list[Sentence] = []
        for sentence in body:
            result = alignment.sentences[sentence.id]
            if result.status not in MATCHED_STATUSES:
                new.append(sentence)
                continue
            self.links[sentence.id].update(result.matches)
            self.best[sentence.id] = max(
                result.matches,
                key=lambda lead: (similarity.get((sentence.id, lead), result.similarity or 0.0), _reverse(lead)),
            )
            self._note(sentence.id, result)
        for lead in self.leads:
            result = alignment.sentences[lead.id]
            if result.status in MATCHED_STATUSES:
                for sentence_id in result.matches:
                    self.links[sentence_id].add(lead.id)
                self.carried_at[lead.id].add(document.side)
                self._note(lead.id, result)
        for sentence in new:
            self._lead(sentence)

    def _lead(self, sentence: Sentence) -> None:
        """Make `sentence` a lead of the story."""
        self.leads.append(sentence)
        self.links[sentence.id].add(sentence.id)

    def _note(self, sentence_id: str, result: SentenceResult) -> None:
        """Keep `result` for `sentence_id` when it is the strongest yet."""
        known = self.status.get(sentence_id, "unique")
        if STATUS_STRENGTH.get(result.status, 0) > STATUS_STRENGTH[known]:
            self.status[sentence_id] = result.status
            self.added[sentence_id] = result.added
        self.coverage[sentence_id] = max(self.coverage[sentence_id], result.coverage)

    def _as_document(self, reader: Document) -> Document:
        """The story as a document to align `reader` against: its leads, in paragraphs as their articles had them."""
        paragraphs: list[Paragraph] = []
        run: list[Sentence] = []

        def close() -> None:
            if run:
                text = " ".join(s.text for s in run)
                paragraphs.append(Paragraph(run[0].paragraph_id, len(paragraphs), "body", text, 0, 0, tuple(run)))
                run.clear()

        for lead in self.leads:
            if run and run[-1].paragraph_id != lead.paragraph_id:
                close()
            run.append(lead)
        close()
        other = "b" if reader.side == "a" else "a"
        return Document(other, "story", reader.article, tuple(paragraphs))  # type: ignore[arg-type]

    def members(self) -> dict[str, list[str]]:
        """Lead id → the sentences linked to it, the lead first."""
        found: dict[str, list[str]] = {lead.id: [] for lead in self.leads}
        for sentence_id, leads in self.links.items():
            for lead in leads:
                found[lead].append(sentence_id)
        for lead, sentence_ids in found.items():
            sentence_ids.sort(key=lambda i: (i != lead, self.document_of[i], id_order(i)))
        return found

    def sentence_results(self) -> dict[str, SetSentence]:
        """What the other documents do with each body sentence.

        Carrying has a direction, as in a pair: a long sentence covering a
        short one carries it without being carried by it.  A lead is carried
        by the documents that covered it when they were read; a sentence
        linked to leads, by their documents, and by the documents that cover
        those leads or whose sentences repeat a lead whole (shared), when
        their sentences linked to those leads cover it too (`_covers`): what
        covers a lead covers only what the lead and the sentence have in
        common.  With the paraphrase model, a document that says a sentence
        in other words carries it too, though the story linked it elsewhere
        (`_reworded_elsewhere`).
        """
        repeats: dict[str, set[str]] = defaultdict(set)  # lead id → documents with a sentence it covers whole
        for sentence_id, leads in self.links.items():
            if self.status.get(sentence_id) == "shared" and sentence_id not in leads:
                for lead in leads:
                    repeats[lead].add(self.document_of[sentence_id])
        members = self.members()
        results: dict[str, SetSentence] = {}
        carried_by: dict[str, set[str]] = {}
        for sentence_id, own in self.document_of.items():
            leads = self.links[sentence_id]
            if sentence_id in leads:
                carried = set(self.carried_at[sentence_id])
            else:
                carried = {self.document_of[lead] for lead in leads}
                through = set().union(*(self.carried_at[lead] | repeats[lead] for lead in leads)) - carried - {own}
                for document in sorted(through):
                    theirs = [m for lead in leads for m in members[lead] if self.document_of[m] == document]
                    if self._covers(theirs, sentence_id):
                        carried.add(document)
            carried_by[sentence_id] = carried - {own}
        reworded = self._reworded_elsewhere(carried_by) if self.similarities is not None else {}
        for sentence_id in self.document_of:
            carried = carried_by[sentence_id] | reworded.get(sentence_id, set())
            ordered = tuple(sorted(carried))
            status: Status = self.status.get(sentence_id, "unique") if ordered else "unique"
            if ordered and status == "unique" and sentence_id in reworded:
                status = "reworded"
            if ordered and status == "unique":
                status = "partial"  # carried through a lead it repeats
            results[sentence_id] = SetSentence(
                sentence_id,
                status,
                ordered,
                round(self.coverage[sentence_id], 3) if ordered else 0.0,
                self.added.get(sentence_id, ()) if ordered else (),
            )
        return results

    def _reworded_elsewhere(self, carried_by: dict[str, set[str]]) -> dict[str, set[str]]:
        """The documents that say each sentence in other words though the story linked it to none of theirs,
        found as the pair of the two documents would (`align.mark_reworded`: the model's cosine, each the other's
        closest, a near miss of the word pass as the pair weighs its words (`_pair_coverage`), several sentences
        together read piece by piece, the guards against another figure, a negation, another speaker, someone
        new); the sentences that say each are kept in `reworded_with`.

        Two documents with more body sentences together than `max_embedded_sentences` are left as the story
        found them: their pair would have run out of the model's budget too, and the work stays bounded.
        """
        import numpy as np

        assert self.similarities is not None and self.remarks is not None
        options, remarks = self.options, self.remarks
        said = self.reworded_with
        said.clear()  # read afresh each time: the result depends on nothing an earlier reading left
        bodies = {side: [s.id for s in d.body_sentences] for side, d in self.documents.items()}
        # The lowest cosine any rule of `says_in_other_words` accepts.
        lowest = min(options.reworded_similarity, options.reworded_mutual_similarity, options.reworded_near_similarity)
        # Each two documents' cosines are taken once, and read both ways.
        cosines: dict[tuple[str, str], npt.NDArray[np.float64]] = {}
        for one, other in itertools.permutations(sorted(bodies), 2):
            questions = [i for i in bodies[one] if other not in carried_by[i]]
            if not questions or not bodies[other]:
                continue
            if len(bodies[one]) + len(bodies[other]) > options.max_embedded_sentences:
                continue
            if (other, one) in cosines:
                scores = cosines[(other, one)].T
            else:
                texts = [self.sentence[i].text for i in bodies[other]]
                scores = np.asarray(self.similarities([self.sentence[i].text for i in bodies[one]], texts))
                cosines[(one, other)] = scores
            row_of = {i: n for n, i in enumerate(bodies[one])}
            closest = scores.argmax(axis=0)  # each of `other`'s sentences: its closest of `one`'s, the first if tied
            undecided: list[tuple[str, list[str]]] = []  # no one counterpart says it: its closest few
            for question in questions:
                row = row_of[question]
                words = prepare_sentence(self.sentence[question])
                ranked = np.argsort(-scores[row], kind="stable").tolist()
                for col in ranked:
                    score = float(scores[row][col])
                    if score < lowest:
                        break  # ranked: no counterpart further down is close enough
                    counterpart = prepare_sentence(self.sentence[bodies[other][col]])
                    coverage = functools.partial(self._pair_coverage, one, other, words, counterpart)
                    if says_in_other_words(
                        words, counterpart, score, closest[col] == row, options, remarks, frozenset(), coverage
                    ):
                        said[question][other] = (bodies[other][col],)
                        break
                if other not in said.get(question, {}):
                    few = [bodies[other][col] for col in ranked[: options.reworded_piece_candidates]]
                    undecided.append((question, few))
            if self.pieces is not None and undecided:
                # As in the pair: a sentence between two that `other` carries needs less to be said together.
                carried = {i for i in bodies[one] if other in carried_by[i] or other in said.get(i, {})}
                body = self.documents[one].body_sentences
                recalls = [recall_needed(body, row_of[question], carried, options) for question, _ in undecided]
                for question, holders in self._said_together(undecided, bodies[one] + bodies[other], recalls):
                    said[question][other] = holders
        return {question: set(by_document) for question, by_document in said.items()}

    def _said_together(
        self, undecided: list[tuple[str, list[str]]], corpus: list[str], recalls: list[float]
    ) -> list[tuple[str, tuple[str, ...]]]:
        """The sentences of `undecided` (each with its closest few of another document) that those few say
        together in other words, as the pair of the two documents finds them (`align.said_together`, each holding
        its share of `recalls`: `align.recall_needed`), each with the ids of the few that say it; the rarity of a
        word piece counts among the sentences `corpus` names."""
        assert self.pieces is not None and self.remarks is not None
        text = self.sentence
        questions = [(text[question].text, [text[i].text for i in few]) for question, few in undecided]
        holders = self.options.reworded_piece_holders
        readings = piece_recalls(questions, [text[i].text for i in corpus], self.pieces, holders)
        said = []
        for (question, few), reading, recall in zip(undecided, readings, recalls, strict=True):
            found = said_together(
                prepare_sentence(text[question]),
                [prepare_sentence(text[i]) for i in few],
                reading,
                self.options,
                self.remarks,
                frozenset(),
                recall,
            )
            if found is not None:
                said.append((question, tuple(words.sentence.id for words in found[0])))
        return said

    def _pair_coverage(self, one: str, other: str, words: SentenceWords, counterpart: SentenceWords) -> float:
        """The share of `words`' content weight (document `one`'s) that `counterpart` (document `other`'s) has, as
        the pair of the two documents weighs it (`align.content_coverage`): for the near-miss rule of the model."""
        return content_coverage(words, counterpart, self._pair_weights(one, other, words.content))

    def _pair_weights(self, one: str, other: str, keys: Iterable[str]) -> dict[str, float]:
        """The weights of `keys` as the pair of documents `one` and `other` gives them (`align.key_weights`:
        words weigh by how few of their sentences have them), memoised per pair."""
        weights = self.weights.setdefault((min(one, other), max(one, other)), {})
        missing = {key: self.key_counts[one][key] + self.key_counts[other][key] for key in keys if key not in weights}
        if missing:
            weights.update(key_weights(missing, self.sentence_counts[one] + self.sentence_counts[other]))
        return weights

    def _covers(self, sentence_ids: list[str], sentence_id: str) -> bool:
        """True when the sentences `sentence_ids` (of one document) cover `sentence_id` as a pair would find it
        carried: they hold `partial_coverage` of its content weight (`_pair_weights`), or the paraphrase model finds
        one of them within `reworded_mutual_similarity` of it."""
        own = prepare_sentence(self.sentence[sentence_id]).content
        theirs: set[str] = set()
        for other in sentence_ids:
            theirs |= prepare_sentence(self.sentence[other]).content
        if not own:
            return True
        weights = self._pair_weights(self.document_of[sentence_id], self.document_of[sentence_ids[0]], own)
        total = math.fsum(weights[key] for key in own)
        if math.fsum(weights[key] for key in own & theirs) >= self.options.partial_coverage * total:
            return True
        if self.similarities is None or not sentence_ids:
            return False
        cosines = self.similarities([self.sentence[sentence_id].text], [self.sentence[i].text for i in sentence_ids])
        return max(cosines[0]) >= self.options.reworded_mutual_similarity


def _story_remarks(
    documents: Sequence[Document], named: Sequence[NamedEntity], quote_groups: Sequence[dict[str, Quote]]
) -> Remarks:
    """What the paraphrase pass of a story must weigh for each sentence against each counterpart's own
    document, as the pair of the two documents would (`Remarks`, `quotes.remarks_of`): who speaks in which
    sentence and which quotes are one remark (`_quote_groups`), whom each sentence names, the document of every
    sentence, the documents that never use the family name of someone a sentence names in full, and every
    document's figures.
    """
    # Quote ids are each document's own: made unique across the set; every two quotes of one remark are paired,
    # as a pair of their documents would pair them.
    keyed = [[replace(quote, id=f"{side}:{quote.id}") for side, quote in group.items()] for group in quote_groups]
    paired = [frozenset((one.id, other.id)) for group in keyed for one, other in itertools.combinations(group, 2)]
    said = speakers_of(documents, [quote for group in keyed for quote in group], paired)
    # A person is known by family name: several articles together may name two of one name ("Mitt Romney",
    # "Ann Romney") and leave "Romney" alone a person of its own, where each pair would find him.
    known_as = {e.id: "person:" + family_name(e.name) for e in named if e.kind == "person"}
    said = replace(said, speakers={i: frozenset(known_as.get(e, e) for e in ids) for i, ids in said.speakers.items()})
    named_in: dict[str, set[str]] = defaultdict(set)
    for entity in named:
        for mentions in entity.mentions.values():
            for mention in mentions:
                named_in[mention.sentence].add(known_as.get(entity.id, entity.id))
    document_of: dict[str, str] = {s.id: d.side for d in documents for s in d.body_sentences}
    used = {d.side: name_words(d.article.text) for d in documents}
    strangers: dict[str, set[str]] = defaultdict(set)
    for person in named:
        if person.kind != "person" or len(person.name.split()) < 2:
            continue
        family = family_name(person.name)
        never = {side for side, words in used.items() if family not in words}
        for mentions in person.mentions.values():
            for mention in mentions:
                strangers[mention.sentence] |= never
    figures: dict[str, frozenset[tuple[float, int]]] = {
        d.side: frozenset(figure for words in prepare(d) for figure in figures_of(words)) for d in documents
    }
    return replace(
        said,
        named={sentence: frozenset(ids) for sentence, ids in named_in.items()},
        document_of=document_of,
        strangers={sentence: frozenset(sides) for sentence, sides in strangers.items()},
        figures=figures,
    )


def _reverse(sentence_id: str) -> tuple[int, ...]:
    """A key preferring the earlier of two sentences in a `max`."""
    return tuple(-n for n in id_order(sentence_id))


def _facts(
    story: _Story,
    named: tuple[NamedEntity, ...],
    documents: Sequence[Document],
    sentence_results: Mapping[str, SetSentence],
) -> tuple[SetFact, ...]:
    """The facts of the event: each group of leads (`_lead_groups`) with the sentences linked to them."""
    members = story.members()
    groups = _lead_groups(story, members, sentence_results, documents)
    mentions = _mentions_by_sentence(named)
    entity_by_id = {e.id: e for e in named}
    order: dict[str, int] = {d.side: n for n, d in enumerate(documents)}
    referents: dict[str, dict[str, str]] = {}
    for document in documents:
        people = {e.name: e.mentions.get(document.side, ()) for e in named if e.kind == "person"}
        referents.update(pronoun_referents(document, people))
    facts: list[SetFact] = []
    # A name labels one fact alone, as in a pair: the next fact of that person is labelled by what it says.
    labels_used: set[str] = set()
    for number, group in enumerate(groups, start=1):
        by_document: dict[str, list[str]] = defaultdict(list)
        for lead_id in group:
            for sentence_id in members[lead_id]:
                if sentence_id not in by_document[story.document_of[sentence_id]]:
                    by_document[story.document_of[sentence_id]].append(sentence_id)
        carried_by = tuple(sorted(by_document, key=order.__getitem__))
        sentences = {d: tuple(sorted(by_document[d], key=id_order)) for d in carried_by}
        texts = {d: " ".join(story.sentence[s].text for s in sentences[d]) for d in carried_by}
        entity_ids = tuple(
            sorted({e for d in carried_by for s in sentences[d] for e in mentions.get(s, ())}, key=lambda e: int(e[1:]))
        )
        label = clipped_label(
            _label(group, story, entity_by_id, mentions, carried_by, referents.get(group[0]), labels_used)
        )
        labels_used.add(label)
        lead_document = story.document_of[group[0]]
        words = sum(word_count(story.sentence[s].text) for s in sentences[lead_document])
        quoted_words = sum(_quoted_words(story.sentence[s].text) for s in sentences[lead_document])
        facts.append(
            SetFact(
                id=f"f{number}",
                label=label,
                kind="quote" if words and quoted_words >= QUOTE_FACT_SHARE * words else "statement",
                carried_by=carried_by,
                texts=texts,
                sentences=sentences,
                entities=entity_ids,
            )
        )
    return tuple(facts)


def _lead_groups(
    story: _Story,
    members: Mapping[str, list[str]],
    sentence_results: Mapping[str, SetSentence],
    documents: Sequence[Document],
) -> list[list[str]]:
    """The story's leads grouped into facts (each group a list of leads): one lead each, but adjacent leads of one
    paragraph that only their own document carries, the next going on from the one before it
    (`facts.goes_on_in_paragraph`), make one passage; then a lead alone that another document says in other words
    joins the fact of what says it (`_join_said_elsewhere`).  A lead its article repeats word for word is left
    out: its first copy makes the fact."""
    quotation_open = {i: is_open for d in documents for i, is_open in quotation_open_at(d).items()}
    # A lead its article repeats word for word is the same passage given twice: its first copy makes the fact.
    repeats = set().union(*(repeated_sentences(d) for d in documents))
    groups: list[list[str]] = []  # each a list of leads

    def exclusive(lead_id: str) -> bool:
        """True when only the lead's own document carries it: the story linked nothing to it, and no other
        document says it in other words (that one joins the fact of what says it: `_join_said_elsewhere`)."""
        return members[lead_id] == [lead_id] and not sentence_results[lead_id].carried_by

    for lead in story.leads:
        if lead.id in repeats:
            continue
        if groups and exclusive(lead.id):
            last = groups[-1][-1]
            if (
                exclusive(last)
                and story.sentence[last].paragraph_id == lead.paragraph_id
                and goes_on_in_paragraph(lead.text, quotation_open.get(lead.id, False))
            ):
                groups[-1].append(lead.id)
                continue
        groups.append([lead.id])
    return _join_said_elsewhere(groups, members, story, sentence_results)


def _join_said_elsewhere(
    groups: list[list[str]],
    members: Mapping[str, list[str]],
    story: _Story,
    sentence_results: Mapping[str, SetSentence],
) -> list[list[str]]:
    """`groups` (each a list of leads, a fact's) with each lead alone in its fact, which another document says in
    other words though the story linked it to none of its sentences (`_Story.reworded_with`; its
    `sentence_results` say that document carries it), joined to the fact of the first sentence that says it,
    in the story's order (so the order of the articles changes nothing), as a sentence linked to a lead is.
    Without this the fact would stand as one outlet's exclusive though its sentence is carried."""
    group_of: dict[str, int] = {}
    for number, group in enumerate(groups):
        for lead in group:
            for sentence_id in members[lead]:
                group_of.setdefault(sentence_id, number)
    joined: dict[int, list[str]] = defaultdict(list)  # group number → sentences joined to it
    moved: dict[int, int] = {}  # a group joined to another → that group
    for number, group in enumerate(groups):
        lead = group[0]
        if len(group) != 1 or members[lead] != [lead] or not sentence_results[lead].carried_by:
            continue
        targets = sorted(
            (target for sentence_ids in story.reworded_with.get(lead, {}).values() for target in sentence_ids),
            key=lambda target: group_of.get(target, len(groups)),
        )
        for target in targets:
            into = group_of.get(target)
            while into in moved:
                into = moved[into]  # a lead joined to another fact says it there
            if into is not None and into != number:
                # What was joined to this lead goes with it.
                joined[into].extend([lead, *joined.pop(number, [])])
                moved[number] = into
                break
    return [group + joined[n] for n, group in enumerate(groups) if n not in moved]


def _mentions_by_sentence(named: tuple[NamedEntity, ...]) -> dict[str, list[str]]:
    """Sentence id → ids of the entities it names, most named first."""
    found: dict[str, list[str]] = defaultdict(list)
    for entity in named:
        for mentions in entity.mentions.values():
            for mention in mentions:
                if entity.id not in found[mention.sentence]:
                    found[mention.sentence].append(entity.id)
    return found


def _quoted_words(text: str) -> int:
    """How many words of a sentence's `text` are inside quotation marks."""
    return sum(word_count(text[start:end]) for start, end in find_quote_spans(text))


def _label(
    group: list[str],
    story: _Story,
    entity_by_id: dict[str, NamedEntity],
    mentions: dict[str, list[str]],
    carried_by: tuple[str, ...],
    referents: Mapping[str, str] | None,
    used: AbstractSet[str] = frozenset(),
) -> str:
    """What a fact is about: for one outlet's exclusive, a person no other outlet names, opening it, unless that
    name already labels a fact (`used`); else a phrase of its own main clause (the lead's, the first wording
    read), as a pair's fact is labelled, an opening "He" or "She" replaced by the person `referents` gives for
    it."""
    first = story.sentence[group[0]]
    if len(carried_by) == 1:
        for entity_id in mentions.get(first.id, ()):
            entity = entity_by_id[entity_id]
            if entity.kind not in ACTOR_LABEL_KINDS or set(entity.mentions) != {carried_by[0]}:
                continue
            if entity.name in used:
                break
            if any(m.sentence == first.id and m.start <= ACTOR_MAX_OFFSET for m in entity.mentions[carried_by[0]]):
                return entity.name
    return pronoun_named(gist(" ".join(story.sentence[s].text for s in group)), referents)


def _quote_groups(
    documents: Sequence[Document],
    named: tuple[NamedEntity, ...],
    options: CompareOptions,
    similarities: Callable[[list[str], list[str]], list[list[float]]] | None = None,
) -> list[dict[str, Quote]]:
    """Each remark quoted in the set, as document → its quote: quotes of like words grouped, one per document,
    in canonical order; with the paraphrase model (`similarities`), groups one speaker's remark quoted in other
    words by two documents join, as the pair of those documents pairs them (`quotes.reworded_quote_pairs`)."""
    groups = _lexical_quote_groups(documents, named, options)
    if similarities is None:
        return groups
    return _join_reworded_quote_groups(groups, canonical_order(documents), similarities, options)


def _join_reworded_quote_groups(
    groups: list[dict[str, Quote]],
    documents: Sequence[Document],
    similarities: Callable[[list[str], list[str]], list[list[float]]],
    options: CompareOptions,
) -> list[dict[str, Quote]]:
    """`groups`, with two joined where, for some two documents, one holds a quote of the first and not the second,
    the other a quote of the second and not the first, by one named speaker, that the paraphrase model finds
    each other's closest with a cosine of at least `options.reworded_similarity` (`quotes.reworded_quote_pairs`,
    as a pair of the two documents pairs them), and no document is in both groups."""
    joined = [dict(group) for group in groups]
    for first, second in itertools.combinations([d.side for d in documents], 2):
        one = [i for i, g in enumerate(joined) if first in g and second not in g]
        two = [j for j, g in enumerate(joined) if second in g and first not in g]
        pairs = reworded_quote_pairs(
            [joined[i][first] for i in one], [joined[j][second] for j in two], similarities, options
        )
        for i, j in ((one[r], two[c]) for r, c in pairs):
            if not set(joined[i]) & set(joined[j]):
                keep, drop = min(i, j), max(i, j)
                joined[keep] = {**joined[keep], **joined[drop]}
                joined[drop] = {}
    return [group for group in joined if group]


def _lexical_quote_groups(
    documents: Sequence[Document], named: tuple[NamedEntity, ...], options: CompareOptions
) -> list[dict[str, Quote]]:
    """Each remark quoted in the set, as document → its quote: quotes of like words grouped, one per document,
    in canonical order."""
    descriptors = {e.id: set(e.descriptors) for e in named if e.descriptors}
    groups: list[dict[str, Quote]] = []
    group_keys: list[list[list[str]]] = []  # each group's wordings, as the pair engine's word keys
    holding: dict[str, set[int]] = defaultdict(set)  # word key → the groups whose wordings have it
    for document in canonical_order(documents):
        entities = tuple(_as_pair_entity(e, document.side) for e in named)
        for quote in extract_quotes(document, entities, descriptors, options):
            own = [t.key for t in tokenize(quote.text)]
            # Only groups sharing words with the quote can match it: each quote is scored against a few.
            shared: dict[int, int] = defaultdict(int)
            for key in set(own):
                for index in holding.get(key, ()):
                    shared[index] += 1
            candidates = sorted(shared, key=lambda i: (-shared[i], i))[:QUOTE_CANDIDATES]
            best: tuple[float, int] | None = None
            for index in sorted(candidates):
                if document.side in groups[index]:
                    continue
                # The pair engine's test of one remark (enough shared words, a window that lines up), passed
                # with every wording of the group: a short quote inside two long ones never joins them.
                scores = [quote_similarity(own, keys, options) for keys in group_keys[index]]
                if all(score is not None for score in scores):
                    score = min(score for score in scores if score is not None)
                    if best is None or score > best[0]:
                        best = (score, index)
            if best is None:
                groups.append({document.side: quote})
                group_keys.append([own])
                chosen = len(groups) - 1
            else:
                chosen = best[1]
                groups[chosen][document.side] = quote
                group_keys[chosen].append(own)
            for key in set(own):
                holding[key].add(chosen)
    return groups


def _quotes(
    documents: Sequence[Document], named: tuple[NamedEntity, ...], groups: list[dict[str, Quote]]
) -> tuple[SetQuote, ...]:
    """Each remark quoted in the set (`_quote_groups`), with the documents that quote it."""
    names = {e.id: e.name for e in named}
    order: dict[str, int] = {d.side: n for n, d in enumerate(documents)}
    found: list[SetQuote] = []
    for number, group in enumerate(groups, start=1):
        carried_by = tuple(sorted(group, key=order.__getitem__))
        speaker = next((names.get(q.speaker) for q in group.values() if q.speaker in names), None) or next(
            (q.speaker_name for q in group.values() if q.speaker_name),
            None,  # a document that speaks: "the lawsuit"
        )
        same = len({plain_words(q.text) for q in group.values()}) == 1
        status: Literal["identical", "variant", "only"] = (
            "only" if len(group) == 1 else "identical" if same else "variant"
        )
        found.append(
            SetQuote(
                f"q{number}",
                speaker,
                carried_by,
                {d: group[d].text for d in carried_by},
                {d: group[d].sentences for d in carried_by},
                status,
            )
        )
    return tuple(found)


def _as_pair_entity(entity: NamedEntity, side: str) -> Entity:
    """`entity` as a pair's `Entity` seen from document `side` (its mentions there), for quote attribution."""
    mentions = entity.mentions.get(side, ())
    return Entity(
        entity.id,
        entity.name,
        entity.kind,  # type: ignore[arg-type]
        entity.aliases,
        mentions if side == "a" else (),
        () if side == "a" else mentions,
        entity.descriptors,
    )


def _changes(story: _Story, named: tuple[NamedEntity, ...]) -> tuple[SetChange, ...]:
    """Where outlets disagree: each sentence against the lead it matches best, one change per lead and value."""
    kinds = entity_kinds((e.kind, [m for found in e.mentions.values() for m in found]) for e in named)
    merged: dict[tuple[str, str, str], dict[str, Any]] = {}
    rank = {side: n for n, side in enumerate(story.documents)}
    place = {lead.id: n for n, lead in enumerate(story.leads)}
    reading = {document.side: n for n, document in enumerate(story.order)}

    def story_order(item: tuple[str, str]) -> tuple[int, int, tuple[int, ...]]:
        """The lead's place in the story, then the other sentence's document in canonical order and its place."""
        sentence_id, lead = item
        return place[lead], reading[story.document_of[sentence_id]], id_order(sentence_id)

    for sentence_id, lead in sorted(story.best.items(), key=story_order):
        if story.status.get(sentence_id) not in ("shared", "partial"):
            continue
        lead_document, other_document = story.document_of[lead], story.document_of[sentence_id]
        # Found from the lead's side whatever the arguments' order (the lead comes first in the canonical
        # order), then told in argument order, as the report lists the outlets.
        swapped = rank[lead_document] > rank[other_document]
        for kind, text_lead, text_other, summary in changes_between(
            story.sentence[lead], story.sentence[sentence_id], kinds
        ):
            summary = summary.replace(" → ", " / ")
            if swapped:
                summary = summary.replace(f"{text_lead} / {text_other}", f"{text_other} / {text_lead}")
            entry = merged.setdefault(
                (lead, kind, text_lead),
                # Outlets disagree: neither value replaced the other, as a pair's arrow would say.
                {"kind": kind, "texts": {lead_document: text_lead}, "sentences": {}, "summary": summary},
            )
            entry["sentences"][lead_document] = lead
            entry["texts"].setdefault(other_document, text_other)
            entry["sentences"].setdefault(other_document, sentence_id)
    entries = list(merged.values()) + _told_apart(story, merged.values())
    return tuple(
        SetChange(
            f"c{number}",
            entry["kind"],
            dict(sorted(entry["texts"].items())),
            dict(sorted(entry["sentences"].items())),
            entry["summary"],
        )
        for number, entry in enumerate(entries, start=1)
    )


def _told_apart(story: _Story, found: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Figures outlets give for one thing in sentences the story did not link, each outlet its own way (the pair's
    `told_differently`), for every two documents in canonical order: one entry per figure, the outlets that give
    each value joined ("14 / Fifteen workers", with a third outlet's 14 beside them).  A figure a word diff of
    linked sentences already reported is not reported again."""
    members = story.members()
    together: set[tuple[str, str]] = set()  # two sentences of two documents linked to one lead
    for group in members.values():
        together.update(itertools.permutations(group, 2))
    reported = {
        (document, sentence, entry["texts"][document])
        for entry in found
        for document, sentence in entry["sentences"].items()
    }
    entries: list[dict[str, Any]] = []
    entry_of: dict[tuple[str, str, str], dict[str, Any]] = {}
    figures = {document.side: document_figures(document) for document in story.order}  # each read once
    for first, second in itertools.combinations(story.order, 2):
        pair = (figures[first.side], figures[second.side])
        for kind, side_a, side_b, summary in told_differently(first, second, together, pair):
            ends = ((first.side, side_a.sentence, side_a.text), (second.side, side_b.sentence, side_b.text))
            if any(end in reported for end in ends):
                continue
            entry = entry_of.get(ends[0]) or entry_of.get(ends[1])
            if entry is None:
                # What the figures count, after them ("… workers"): the same whichever outlet gives which.
                unit = summary.removeprefix(f"{side_a.text} → {side_b.text}")
                entry = {"kind": kind, "texts": {}, "sentences": {}, "unit": unit}
                entries.append(entry)
            for document, sentence, text in ends:
                if document not in entry["texts"]:
                    entry["texts"][document], entry["sentences"][document] = text, sentence
                    entry_of[document, sentence, text] = entry
    for entry in entries:
        # The values in the order the arguments give them, as a pair's summary reads A's value first.
        values = dict.fromkeys(text for _, text in sorted(entry["texts"].items()))
        entry["summary"] = " / ".join(values) + entry.pop("unit")
    return entries


def _outlet_stats(document: Document, sentences: dict[str, SetSentence], facts: tuple[SetFact, ...]) -> OutletStats:
    """Counts for `document` of a set."""
    body = document.body_sentences
    return OutletStats(
        words=sum(word_count(p.text) for p in document.paragraphs),
        body_words=sum(word_count(s.text) for s in body),
        body_sentences=len(body),
        carried_sentences=sum(1 for s in body if sentences[s.id].carried_by),
        facts=sum(1 for f in facts if document.side in f.carried_by),
        exclusives=sum(1 for f in facts if f.carried_by == (document.side,)),
    )


__all__ = ["CachedSimilarities", "compare_set", "compare_set_documents", "compare_set_loaded", "document_ids"]
