"""The whole comparison in one call: inputs → `Comparison`.

1. load both inputs (`load.load_article`);
2. segment them (`segment.segment_article`);
3. extract entities and quotes and match them (`entities`, `quotes`);
4. align their sentences and paragraphs (`align.align`), with the paraphrase
   model (`semantic`) when it is installed and on, told by the quotes who
   speaks where so it never makes two remarks one;
5. group what only one side carries into facts (`facts.find_facts`), and list
   what differs inside matched sentences (`changes.find_changes`);
6. count (`compute_stats`).
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import TYPE_CHECKING

from .align import align_with_report
from .changes import find_changes
from .entities import extract_entities
from .facts import find_facts
from .load import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, load_article
from .model import (
    Alignment,
    Article,
    CompareOptions,
    Comparison,
    Document,
    Fact,
    QuoteComparison,
    SemanticInfo,
    SideStats,
    Stats,
)
from .normalise import tokenize, word_count
from .quotes import compare_quotes, pair_reworded_quotes, remarks_of
from .segment import segment_article
from .semantic import (
    INSTALL_HINT,
    MODEL_NAME,
    MODEL_SHA256,
    cosine_matrix,
    load_encoder,
    load_tokenizer,
    semantic_available,
)
from .semantic.store import VectorStore
from .semantic.wordpiece import MAX_LENGTH

if TYPE_CHECKING:
    from collections.abc import Sequence

    import numpy as np
    import numpy.typing as npt


def compare_documents(
    doc_a: Document, doc_b: Document, options: CompareOptions | None = None, *, model_threads: int | None = None
) -> Comparison:
    """Compare two segmented documents (steps 3–6).

    The paraphrase model takes part when `options.semantic` is on and the
    model is installed (`model_threads` caps its threads: one per worker when
    pairs run in parallel); `Comparison.semantic` says whether it did, and why not.
    """
    options = options or CompareOptions()
    reader, semantic = paraphrase_model(options, model_threads)
    similarities = reader.similarities if reader is not None else None
    entities = extract_entities(doc_a, doc_b)
    quotes = compare_quotes(doc_a, doc_b, entities, options)
    if similarities is not None:
        quotes = pair_reworded_quotes(quotes, similarities, options)
    doc_a, doc_b = (_note_quote_budget(document, quotes, options) for document in (doc_a, doc_b))
    # Quotes before the paraphrase pass: two different remarks are never one sentence "in other words".
    remarks = remarks_of((doc_a, doc_b), quotes, entities)
    alignment, report = align_with_report(doc_a, doc_b, options, similarities, remarks, pieces=reader)
    if report.capped:
        semantic = replace(
            semantic,
            note=f"the paraphrase model read {report.embedded} sentences, its budget (max_embedded_sentences); "
            "the others were judged on their words alone",
        )
    facts = find_facts(doc_a, doc_b, alignment, entities, quotes, options.nearest_similarity, options.doubt_share)
    changes = find_changes(doc_a, doc_b, alignment, entities, versions=options.versions)
    stats = compute_stats(doc_a, doc_b, alignment, facts, quotes)
    return Comparison(
        doc_a, doc_b, alignment, entities, quotes, facts, stats, options, changes=changes, semantic=semantic
    )


def _note_quote_budget(document: Document, quotes: tuple[QuoteComparison, ...], options: CompareOptions) -> Document:
    """`document`, with a note in its article's notes when its quotations reached `options.max_quotes`."""
    own = sum((c.a if document.side == "a" else c.b) is not None for c in quotes)
    if own < options.max_quotes:
        return document
    note = (
        f"its first {options.max_quotes} quotations were compared, the budget (max_quotes); "
        "any later ones are not listed"
    )
    article = replace(document.article, notes=(*document.article.notes, note))
    return replace(document, article=article)


#: What a comparison says when the paraphrase model is not installed.
MODEL_MISSING_NOTE = (
    f"paraphrase model not installed ({INSTALL_HINT}): sentences said in other words were judged on their words alone"
)


def paraphrase_model(options: CompareOptions, threads: int | None = None) -> tuple[ModelReader | None, SemanticInfo]:
    """The paraphrase model (`ModelReader`), when it is switched on and installed, and what to report about it.

    Vectors come from the store of earlier runs (`VectorStore`) when it has
    them; otherwise the model is loaded when first needed, and the call
    raises `ModelError` when the model is installed but damaged: its
    weights are checked by hash, and a comparison never runs on weights it
    cannot vouch for.
    """
    if not options.semantic:
        return None, SemanticInfo(used=False, note="paraphrase model switched off (semantic = false)")
    if not semantic_available():
        return None, SemanticInfo(used=False, note=MODEL_MISSING_NOTE)
    return ModelReader(threads), SemanticInfo(used=True, model=MODEL_NAME, sha256=MODEL_SHA256)


class ModelReader:
    """The paraphrase model for one comparison: sentence vectors and, from the same run, word-piece vectors.

    Both come from the store of earlier runs (`VectorStore`, one file of each per list of sentences) when it
    has them; otherwise the model is loaded (with `threads`) at the first need and gives both in one run, so a
    pair whose vectors are stored never loads it.  Piece vectors (`align.PieceModel`) are kept, in memory and
    in the store, in half precision, the same whether just computed or read back, so a pair compared again
    gives the same result.
    """

    def __init__(self, threads: int | None = None) -> None:
        """Nothing is loaded yet."""
        self.threads = threads
        self.store = VectorStore.from_environment()
        self.pieces: dict[str, npt.NDArray[np.float16]] = {}
        self.ids: dict[str, tuple[int, ...]] = {}  # a text's piece ids, asked for again and again

    @property
    def unknown_id(self) -> int | None:
        """The id of the vocabulary's unknown piece (`align.PieceModel.unknown_id`)."""
        return load_tokenizer().unknown_id

    def vectors(self, texts: list[str]) -> npt.NDArray[np.float32]:
        """The sentence vectors of `texts`, one row each (and their piece vectors, kept for `piece_vectors`)."""
        import numpy as np

        found = self.store.get(texts)
        stored = self.store.get_pieces(texts, [self._rows(text) for text in texts]) if found is not None else None
        if found is not None and stored is not None:
            for text, rows in zip(texts, stored, strict=True):
                self.pieces.setdefault(text, rows)
            return found
        # Both from one run of the model, even when the store kept one and not the other (pruned, or written by an
        # older version): a text's pieces always come from the run of its list, so the store's state never
        # changes a result.
        found, pieces = load_encoder(self.threads).encode_with_pieces(texts)
        halves = [piece.astype(np.float16) for piece in pieces]
        for text, rows in zip(texts, halves, strict=True):
            self.pieces.setdefault(text, rows)
        self.store.put(texts, found)
        self.store.put_pieces(texts, halves)
        return found

    def similarities(self, left: list[str], right: list[str]) -> list[list[float]]:
        """Rounded cosines of every text of `left` against every text of `right` (`align.Similarities`)."""
        matrix: list[list[float]] = cosine_matrix(self.vectors(left), self.vectors(right)).tolist()
        return matrix

    def piece_ids(self, text: str) -> tuple[int, ...]:
        """The ids of all of `text`'s word pieces, without the model's markers (`align.PieceModel.piece_ids`)."""
        if text not in self.ids:
            self.ids[text] = tuple(load_tokenizer().piece_ids(text))
        return self.ids[text]

    def piece_vectors(self, texts: list[str]) -> list[npt.NDArray[np.float32]]:
        """Per text, the model's unit vector of each word piece it reads, in context (`Encoder.encode_pieces`):
        those `vectors` kept, else (a text no list of sentences held) from a run of the model for them alone."""
        import numpy as np

        missing = sorted({text for text in texts if text not in self.pieces})
        if missing:
            computed = load_encoder(self.threads).encode_pieces(missing)
            self.pieces.update(zip(missing, (piece.astype(np.float16) for piece in computed), strict=True))
        return [self.pieces[text].astype(np.float32) for text in texts]

    def _rows(self, text: str) -> int:
        """How many of `text`'s pieces the model reads (it cuts a text at its length)."""
        return min(len(self.piece_ids(text)), MAX_LENGTH - 2)


def compare_loaded(
    article_a: Article,
    article_b: Article,
    *,
    label_a: str | None = None,
    label_b: str | None = None,
    options: CompareOptions | None = None,
    fallback_labels: tuple[str | None, str | None] = (None, None),
    model_threads: int | None = None,
) -> Comparison:
    """Compare two loaded articles (steps 2–6).

    `label_a` and `label_b` name the articles in reports; without them each
    gets `default_label`, which prefers the article's own metadata to its
    entry in `fallback_labels` (say, a manifest's label for it).
    """
    labels = default_labels((article_a, article_b), fallback_labels, (label_a, label_b))
    doc_a = segment_article(article_a, "a", labels[0])
    doc_b = segment_article(article_b, "b", labels[1])
    return compare_documents(doc_a, doc_b, options, model_threads=model_threads)


def compare_articles(
    source_a: str | os.PathLike[str],
    source_b: str | os.PathLike[str],
    *,
    label_a: str | None = None,
    label_b: str | None = None,
    options: CompareOptions | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
    allow_private_urls: bool = True,
    encoding: str | None = None,
    fallback_labels: tuple[str | None, str | None] = (None, None),
    model_threads: int | None = None,
    encodings: tuple[str | None, str | None] = (None, None),
    fallback_encoding: str | None = None,
) -> Comparison:
    """Load, segment and compare the articles at `source_a` and `source_b` (paths or URLs).

    `allow_private_urls` false refuses URLs to loopback and private addresses
    (batch manifests); `encoding` forces a codec for both inputs, `encodings`
    for A and for B; `fallback_encoding` is used instead of detecting one for
    an input that is not UTF-8; labels are chosen as `compare_loaded` says.
    """
    article_a, article_b = (
        load_article(
            source,
            max_bytes=max_bytes,
            timeout=timeout,
            allow_private=allow_private_urls,
            encoding=own or encoding,
            fallback_encoding=fallback_encoding,
        )
        for source, own in ((source_a, encodings[0]), (source_b, encodings[1]))
    )
    return compare_loaded(
        article_a,
        article_b,
        label_a=label_a,
        label_b=label_b,
        options=options,
        fallback_labels=fallback_labels,
        model_threads=model_threads,
    )


def default_label(article: Article, fallback: str | None = None) -> str:
    """The outlet from `article`'s metadata, else `fallback` when given, else its file name or URL.

    The library reads no manifest: the command line passes the label a
    ``pairs.toml`` beside the article gives it as `fallback`.
    """
    return article.meta.outlet or fallback or article.name


def default_labels(
    articles: Sequence[Article], fallbacks: Sequence[str | None], given: Sequence[str | None] | None = None
) -> list[str]:
    """The label of each article: the one `given` for it, else its `default_label`, told apart where two
    defaults would read alike.

    Two files of one name in different folders are named by as much of their
    paths as tells them apart ("monday/report.txt", "tuesday/report.txt");
    otherwise a repeated label is numbered from its second use ("Reuters",
    "Reuters (2)"), so a report never has two columns of one name.

    >>> from compare.model import Article
    >>> def article(source): return Article(source, "text", "", ())
    >>> default_labels([article("mon/report.txt"), article("tue/report.txt"), article("x.txt")], [None] * 3)
    ['mon/report.txt', 'tue/report.txt', 'x.txt']
    >>> default_labels([article("a.txt"), article("a.txt")], [None, None])
    ['a.txt', 'a.txt (2)']
    """
    chosen = list(given or [None] * len(articles))
    labels = [
        label or default_label(article, fallback)
        for article, fallback, label in zip(articles, fallbacks, chosen, strict=True)
    ]
    for label in set(labels):
        alike = [index for index, other in enumerate(labels) if other == label and not chosen[index]]
        if len(alike) < 2:
            continue
        paths = [articles[index].source.replace("\\", "/").split("/") for index in alike]
        if all(labels[index] == articles[index].name for index in alike) and "://" not in label:
            for depth in range(2, max(len(path) for path in paths) + 1):
                tails = ["/".join(path[-depth:]) for path in paths]
                if len(set(tails)) == len(tails):
                    for index, tail in zip(alike, tails, strict=True):
                        labels[index] = tail
                    break
        for number, index in enumerate(alike[1:], start=2):
            if labels[index] == label:
                labels[index] = f"{label} ({number})"
    return labels


def compute_stats(
    doc_a: Document, doc_b: Document, alignment: Alignment, facts: tuple[Fact, ...], quotes: tuple[QuoteComparison, ...]
) -> Stats:
    """Count words, sentences, statuses, facts and quotes of a comparison."""
    sides = []
    for document in (doc_a, doc_b):
        results = alignment.sentences
        body = document.body_sentences
        body_words = 0
        shared_words = 0
        counts = {"shared": 0, "partial": 0, "reworded": 0, "unique": 0}
        for sentence in body:
            result = results[sentence.id]
            words = len(tokenize(sentence.text))  # = word_count, from the tokens the alignment cached
            body_words += words
            if result.status in ("shared", "reworded"):
                shared_words += words
            elif result.status == "partial":
                shared_words += words - sum(word_count(span.text) for span in result.added)
            if result.status in counts:
                counts[result.status] += 1
        sides.append(
            SideStats(
                words=sum(word_count(p.text) for p in document.paragraphs),
                sentences=len(document.sentences),
                body_words=body_words,
                body_sentences=len(body),
                shared_words=shared_words,
                unique_sentences=counts["unique"],
                partial_sentences=counts["partial"],
                shared_sentences=counts["shared"],
                reworded_sentences=counts["reworded"],
                facts=sum(1 for fact in facts if fact.side == document.side),
            )
        )
    statuses = [q.status for q in quotes]
    return Stats(
        sides[0],
        sides[1],
        statuses.count("identical"),
        statuses.count("variant"),
        statuses.count("only_a"),
        statuses.count("only_b"),
        quotes_extended=statuses.count("extended"),
    )
