"""Quotations: two `Document`s and their entities → `tuple[QuoteComparison]`.

Input: body paragraphs.  Output: every quotation of `min_quote_words` words or
more, attributed to a speaker, and matched across the articles as
``identical``, ``variant`` (the same remark worded differently, with a
word-level diff) or found on one side only.

Finding quotes: curly double quotes, straight double quotes (paired in
order), and curly single quotes whose opening mark follows a space or a
bracket (so apostrophes are not taken for quotes).  A quote left open at the
end of a paragraph runs to the paragraph's end, as news style does when a
quote continues into the next paragraph.

Finding the speaker, in order: a person named in the words of the sentence
outside the quotation ("…," Mr Smith said; she told X: "…"); a descriptor
("said the French President") resolved through `entities.resolve_descriptor`;
a pronoun or no attribution at all, which refers to the person most
recently named before the quote.

Matching: for each quote, the quote on the other side whose words best
contain it (the other side may quote a longer stretch of the same remark).
The comparison is made between the quote and the aligned window of the other
quote, so a remark quoted in part by one article and in full by the other is
``identical`` when the part matches.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from difflib import SequenceMatcher

from .align import MAX_COMMON_POSTINGS, MAX_INDEXED_FREQUENCY, RAREST_KEYS
from .entities import resolve_descriptor
from .model import RATIO_DIGITS, CompareOptions, Document, Entity, Opcode, Paragraph, Quote, QuoteComparison, Sentence
from .normalise import Token, tokenize

OPENERS = {"“": "”", '"': '"', "‘": "’", "«": "»", "„": "“"}
OPENER_RE = re.compile("[" + "".join(OPENERS) + "]")
DESCRIPTOR_RE = re.compile(r"\bthe\s+((?:[A-Z]?[\w’']+\s+){0,3}[A-Z]?[\w’']+)", re.IGNORECASE)
SENTENCE_END_RE = re.compile(r"[.!?]")


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of the words inside each quotation in `text`.

    >>> t = 'He said: “We are ready.” It was ‘no small matter’, and Smith’s view.'
    >>> [t[a:b] for a, b in find_quote_spans(t)]
    ['We are ready.', 'no small matter']
    """
    spans = []
    position = 0
    while True:
        found = OPENER_RE.search(text, position)
        if found is None:
            break
        position = found.start()
        char = text[position]
        closer = OPENERS[char]
        if char == "‘" and position > 0 and text[position - 1].isalnum():
            position += 1
            continue
        end = _find_closer(text, position + 1, closer)
        stop = len(text) if end is None else end
        if stop > position + 1:
            spans.append((position + 1, stop))
        position = stop + 1
    return spans


def _find_closer(text: str, start: int, closer: str) -> int | None:
    """Index in `text` of the first `closer` from `start` that is not an apostrophe; None when there is none."""
    position = start
    while True:
        position = text.find(closer, position)
        if position == -1:
            return None
        # A curly single closer followed by a letter is an apostrophe ("there’s").
        if closer == "’" and position + 1 < len(text) and text[position + 1].isalpha():
            position += 1
            continue
        return position


def extract_quotes(
    document: Document, entities: tuple[Entity, ...], descriptors: dict[str, set[str]], options: CompareOptions
) -> list[Quote]:
    """Find the quotations of `document`'s body and attribute them to speakers."""
    side = document.side
    names = {e.id: e.name for e in entities}
    # Person mentions in reading order, to resolve pronouns to the last one named.
    person_mentions: dict[str, list[tuple[int, int, str]]] = {}
    for entity in entities:
        if entity.kind != "person":
            continue
        for mention in entity.mentions(side):
            person_mentions.setdefault(mention.sentence, []).append((mention.start, mention.end, entity.id))
    # The quotations first, so that names inside them are never taken for the
    # "last person named" (pass 2 walks mentions and quotes in reading order).
    found: list[tuple[Paragraph, int, int, str]] = []
    for paragraph in document.paragraphs:
        if not paragraph.compared:
            continue
        for start, end in find_quote_spans(paragraph.text):
            # Trim spaces and a trailing comma ("…," she said) from the text
            # and its offsets alike, so that Article.text[start:end] is the quote.
            while start < end and paragraph.text[start].isspace():
                start += 1
            while end > start and (paragraph.text[end - 1].isspace() or paragraph.text[end - 1] == ","):
                end -= 1
            words = paragraph.text[start:end]
            if len(tokenize(words)) >= options.min_quote_words:
                found.append((paragraph, start, end, words))
    spans = [(p.start + start, p.start + end) for p, start, end, _ in found]
    span_starts = [lo for lo, _ in spans]
    by_id = {sentence.id: sentence for sentence in document.sentences}
    named_at: list[tuple[int, str]] = sorted(
        (sentence.start + start, entity_id)
        for sentence in document.sentences
        for start, _, entity_id in person_mentions.get(sentence.id, ())
        if not _inside(sentence.start + start, spans, span_starts)
    )
    quotes: list[Quote] = []
    previous: Quote | None = None
    cursor = 0
    last_named: tuple[int, str] | None = None  # (position, entity id) of the last person named or quoted
    for paragraph, start, end, words in found:
        absolute_start, absolute_end = paragraph.start + start, paragraph.start + end
        while cursor < len(named_at) and named_at[cursor][0] < absolute_start:
            if last_named is None or named_at[cursor][0] >= last_named[0]:
                last_named = named_at[cursor]
            cursor += 1
        sentences = tuple(s.id for s in paragraph.sentences if s.start < absolute_end and s.end > absolute_start)
        speaker = _attribute(by_id, sentences, absolute_start, absolute_end, person_mentions, descriptors)
        if speaker is None:
            outside = _outside_words(paragraph.text, start, end)
            if not outside.strip() and previous is not None and previous.speaker:
                # A paragraph that is all quotation continues the previous speaker.
                speaker = previous.speaker
            elif last_named is not None:
                speaker = last_named[1]
        quote = Quote(
            f"{side}-q{len(quotes) + 1}",
            side,
            words,
            speaker,
            names.get(speaker) if speaker else None,
            sentences,
            paragraph.id,
            absolute_start,
            absolute_end,
        )
        quotes.append(quote)
        previous = quote
        if speaker is not None:
            last_named = (absolute_end, speaker)
    return quotes


def _inside(position: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """True when `position` falls inside one of the sorted, disjoint `spans`."""
    index = bisect_right(starts, position) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


def _outside_words(text: str, start: int, end: int) -> str:
    """The words of `text` around the quotation at `start`:`end`, punctuation as spaces (blank if all quotation)."""
    return re.sub(r"[\W_]+", " ", text[: max(0, start - 1)] + " " + text[end + 1 :])


def _attribute(
    by_id: dict[str, Sentence],
    sentence_ids: tuple[str, ...],
    quote_start: int,
    quote_end: int,
    person_mentions: dict[str, list[tuple[int, int, str]]],
    descriptors: dict[str, set[str]],
) -> str | None:
    """Speaker of the quote at `quote_start`:`quote_end`: the nearest person named outside it, else a description."""
    best: tuple[int, str] | None = None
    for sentence in (by_id[i] for i in sentence_ids):
        for start, end, entity_id in person_mentions.get(sentence.id, ()):
            absolute = sentence.start + start
            if quote_start <= absolute < quote_end:
                continue  # a name inside the quotation is not its speaker
            distance = quote_start - (sentence.start + end) if absolute < quote_start else absolute - quote_end
            if best is None or distance < best[0]:
                best = (distance, entity_id)
    if best is not None:
        return best[1]
    for sentence in (by_id[i] for i in sentence_ids):
        outside = (
            sentence.text[: max(0, quote_start - sentence.start)]
            + " "
            + sentence.text[max(0, quote_end - sentence.start) :]
        )
        for match in DESCRIPTOR_RE.finditer(outside):
            resolved = resolve_descriptor(match.group(1), descriptors)
            if resolved:
                return resolved
    return None


def compare_quotes(
    doc_a: Document, doc_b: Document, entities: tuple[Entity, ...], options: CompareOptions
) -> tuple[QuoteComparison, ...]:
    """Extract the quotes of both documents and match them across the two."""
    descriptors = {e.id: set(e.descriptors) for e in entities if e.descriptors}
    quotes_a = extract_quotes(doc_a, entities, descriptors, options)
    quotes_b = extract_quotes(doc_b, entities, descriptors, options)
    keys = {q.id: [t.key for t in tokenize(q.text)] for q in (*quotes_a, *quotes_b)}
    comparisons: list[QuoteComparison] = []
    paired_a: set[str] = set()
    paired_b: set[str] = set()
    pairs_seen: set[tuple[str, str]] = set()
    for own, other, side in ((quotes_a, quotes_b, "a"), (quotes_b, quotes_a, "b")):
        candidates = _candidates(own, other, options.candidates_per_sentence)
        for quote in own:
            if quote.id in (paired_a if side == "a" else paired_b):
                continue
            best = _best_counterpart(quote, candidates[quote.id], keys, options)
            if best is None:
                continue
            counterpart, ratio, identical = best
            qa, qb = (quote, counterpart) if side == "a" else (counterpart, quote)
            if (qa.id, qb.id) in pairs_seen:
                continue
            pairs_seen.add((qa.id, qb.id))
            paired_a.add(qa.id)
            paired_b.add(qb.id)
            comparisons.append(_pair(qa, qb, ratio, identical))
    for quote in quotes_a:
        if quote.id not in paired_a:
            comparisons.append(QuoteComparison("", quote.speaker, quote, None, "only_a", 0.0))
    for quote in quotes_b:
        if quote.id not in paired_b:
            comparisons.append(QuoteComparison("", quote.speaker, None, quote, "only_b", 0.0))
    comparisons.sort(key=_reading_order)
    numbered = tuple(
        QuoteComparison(f"qc{n}", c.speaker, c.a, c.b, c.status, c.similarity, c.a_words, c.b_words, c.opcodes)
        for n, c in enumerate(comparisons, start=1)
    )
    return numbered


def _candidates(own: list[Quote], other: list[Quote], limit: int) -> dict[str, list[Quote]]:
    """For each quote of `own`, the `limit` quotes of `other` sharing most content words with it.

    An index of content words keeps this near-linear: quotes are only ever
    compared with quotes that share words with them, and, as in the sentence
    index (`align.candidate_pairs`), a word in very many quotes is read only
    as one of a quote's rarest words, and then only in part.  Quotes with the
    same words (the same key sequence) are always candidates, however common
    their words.
    """
    index: dict[str, list[int]] = {}
    exact: dict[tuple[str, ...], list[int]] = {}
    for position, quote in enumerate(other):
        tokens = tokenize(quote.text)
        exact.setdefault(tuple(t.key for t in tokens), []).append(position)
        for key in {t.key for t in tokens if t.content}:
            index.setdefault(key, []).append(position)
    found: dict[str, list[Quote]] = {}
    for quote in own:
        twins = exact.get(tuple(t.key for t in tokenize(quote.text)), [])
        shared: dict[int, int] = {}
        keys = {t.key for t in tokenize(quote.text) if t.content}
        rarest = sorted(keys, key=lambda key: (len(index.get(key, ())), key))[:RAREST_KEYS]
        for key in keys:
            postings = index.get(key, [])
            if len(postings) > MAX_INDEXED_FREQUENCY:
                if key not in rarest:
                    continue
                postings = postings[:MAX_COMMON_POSTINGS]
            for position in postings:
                shared[position] = shared.get(position, 0) + 1
        best = {position for position, _ in sorted(shared.items(), key=lambda item: (-item[1], item[0]))[:limit]}
        found[quote.id] = [other[position] for position in sorted(best.union(twins))]
    return found


def _reading_order(comparison: QuoteComparison) -> tuple[int, int, int]:
    """Sort key for `comparison`: quotes A carries first, in A's order, then B-only quotes in B's order."""
    if comparison.a is not None:
        return 0, comparison.a.start, comparison.b.start if comparison.b else -1
    assert comparison.b is not None
    return 1, comparison.b.start, 0


def _best_counterpart(
    quote: Quote, others: tuple[Quote, ...] | list[Quote], keys: dict[str, list[str]], options: CompareOptions
) -> tuple[Quote, float, bool] | None:
    """The quote among `others` that best lines up with `quote`: (quote, ratio, identical)."""
    best: tuple[Quote, float, bool] | None = None
    best_rank: tuple[float, bool, int] | None = None
    own = set(keys[quote.id])
    for other in others:
        theirs = set(keys[other.id])
        # Quotes that share under half the shorter one's words cannot line up well enough.
        if len(own & theirs) < options.quote_variant_ratio * min(len(own), len(theirs)):
            continue
        ratio, identical = window_similarity(keys[quote.id], keys[other.id], options.autojunk)
        # Among equally good windows, the quote with the very same words, then the one closest in length: a
        # short quote is contained in many longer ones, but its twin is the better counterpart.
        rank = (ratio, keys[other.id] == keys[quote.id], -abs(len(keys[other.id]) - len(keys[quote.id])))
        if ratio >= options.quote_variant_ratio and (best_rank is None or rank > best_rank):
            best, best_rank = (other, ratio, identical), rank
    return best


def window_similarity(one: list[str], two: list[str], autojunk: bool = False) -> tuple[float, bool]:
    """Compare the shorter of two word lists with the window of the longer that lines up with it.

    Returns the SequenceMatcher ratio and whether the shorter equals that window.

    >>> window_similarity("a b c".split(), "x y a b c z".split())
    (1.0, True)
    >>> window_similarity("a b q".split(), "x a b c z".split())[1]
    False
    """
    short, long = (one, two) if len(one) <= len(two) else (two, one)
    window = aligned_window(short, long, autojunk)
    if window is None:
        return 0.0, False
    aligned = long[window[0] : window[1]]
    ratio = SequenceMatcher(None, short, aligned, autojunk=autojunk).ratio()
    return ratio, short == aligned


def aligned_window(short: list[str], long: list[str], autojunk: bool = False) -> tuple[int, int] | None:
    """The (lo, hi) range of `long` that lines up with all of `short`, or None if nothing matches.

    >>> aligned_window("b c".split(), "a b c d".split())
    (1, 3)
    """
    blocks = [b for b in SequenceMatcher(None, short, long, autojunk=autojunk).get_matching_blocks() if b.size]
    if not short or not blocks:
        return None
    # Anchor on the longest run of shared words; a stray early match ("It's")
    # must not drag the window to the start of a longer quote.
    anchor = max(blocks, key=lambda block: (block.size, -block.a))
    lo = max(0, anchor.b - anchor.a)
    hi = min(len(long), anchor.b + len(short) - anchor.a)
    return lo, hi


def _whole_sentences(text: str, tokens: tuple[Token, ...], window: tuple[int, int]) -> tuple[int, int]:
    """Widen a window of `tokens` to the sentences of `text` it touches, so a diff shows whole sentences."""
    starts = [0] + [
        i for i in range(1, len(tokens)) if SENTENCE_END_RE.search(text, tokens[i - 1].end, tokens[i].start)
    ]
    lo = max(s for s in starts if s <= window[0])
    hi = min([s for s in starts if s >= window[1]] + [len(tokens)])
    return lo, hi


def _pair(qa: Quote, qb: Quote, ratio: float, identical: bool) -> QuoteComparison:
    """Pair two quotes; the word diff covers the shorter quote and the part of the longer it lines up with."""
    tokens_a, tokens_b = tokenize(qa.text), tokenize(qb.text)
    keys_a, keys_b = [t.key for t in tokens_a], [t.key for t in tokens_b]
    if len(keys_a) <= len(keys_b):
        lo, hi = _whole_sentences(qb.text, tokens_b, aligned_window(keys_a, keys_b) or (0, len(keys_b)))
        tokens_b, keys_b = tokens_b[lo:hi], keys_b[lo:hi]
    else:
        lo, hi = _whole_sentences(qa.text, tokens_a, aligned_window(keys_b, keys_a) or (0, len(keys_a)))
        tokens_a, keys_a = tokens_a[lo:hi], keys_a[lo:hi]
    matcher = SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    return QuoteComparison(
        "",
        qa.speaker or qb.speaker,
        qa,
        qb,
        "identical" if identical else "variant",
        round(ratio, RATIO_DIGITS),
        tuple(t.text for t in tokens_a),
        tuple(t.text for t in tokens_b),
        tuple(Opcode(*op) for op in matcher.get_opcodes()),
    )
