"""Facts: an `Alignment`, entities and quotes → `tuple[Fact]` found on one side only.

Input: sentence statuses.  Output: the passages only one article carries,
each labelled by who or what it is about.

Grouping: a fact is made of whole ``unique`` sentences only, never of a
sentence the other article carries in any words (shared, partial, reworded):
a covered sentence travels with no fact, so a true detail is never glued to
a false one.  Neighbouring unique sentences of one paragraph form one fact;
a fact continues into the next paragraph when that paragraph's first unique
sentence names an entity the fact already names, or opens by referring back
("They", "This", "He").  When the fact's first sentence needs the one before
it for sense (it opens by referring back, or inside a quotation that began
earlier), that sentence is shown as the fact's `context`, not counted in it.
What a partly shared sentence adds stays with that sentence, as its `added`
words.  A sentence that repeats an earlier one of its article word for word
(an extraction that gives a page's text twice) is listed once.

Labelling: the speaker of a quote the fact carries, else a person it names
near its start that the other article never names, else up to 13 words of
its own main clause ("The service came under increasing criticism…", an
apposition after the subject skipped), which name a body when it acts:
never a place or a name both articles use as backdrop.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import replace
from itertools import pairwise

from .model import (
    Alignment,
    Change,
    Detail,
    Document,
    Entity,
    Fact,
    Mention,
    Quote,
    QuoteComparison,
    Sentence,
    Side,
    Span,
    id_order,
    other_side,
)
from .normalise import BOUND_PHRASES, BOUND_WORDS, STOP_WORDS, question_before, tokenize, word_key
from .quotes import ASKED_LEAD, find_quote_spans, in_quotation, person_genders, quotation_spans

# A paragraph opening with a pronoun continues the previous one's subject ("That prompted a reply", "These
# included …"); a demonstrative before a time word sets a scene instead ("That night", "This week").
BACK_REFERENCE_RE = re.compile(
    r"^\W*(?:they|this|that|these|those|he|she|his|her|their)\b"
    r"(?!\s+(?:morning|afternoon|evening|night|day|week|weekend|month|year|season|spring|summer|autumn|fall"
    r"|winter|time|term|session|quarter)s?\b)",
    re.IGNORECASE,
)
# A sentence opening like this leans on the one before it for sense: that one is shown as context.
NEEDS_CONTEXT_RE = re.compile(
    r"^\W*(?:(?:and|but|so|yet)\s+)?(?:they|this|these|those|he|she|it|his|her|its|their|them|that|such|both"
    r"|the\s+others?|the\s+latter|the\s+former|the\s+same|there)\b",
    re.IGNORECASE,
)
# A sentence of at most this many words is a fragment of what the sentence before it says ("A movie theater.").
FRAGMENT_MAX_WORDS = 3
# How a sentence ends: a full stop, question or exclamation mark, perhaps inside a closing quotation mark or
# bracket.  A sentence without one was broken off by the page.
ENDS_A_SENTENCE_RE = re.compile(r"[.!?…][\s”\"’')\]]*$")
# A short sentence that speaks of something by a pronoun leans on the one before it too ("And to many it did.",
# "All will be aware that it failed.").
SHORT_SENTENCE_WORDS = 8
PRONOUN_RE = re.compile(r"\b(?:it|its|they|them|their|this|these|those|he|she|him|his|her)\b", re.IGNORECASE)
# A sentence of at least this many words that an article repeats word for word is one passage given twice (a page
# extracted with its text repeated): listed once.  Shorter ones ("He declined to comment.") can be said twice.
REPEAT_MIN_WORDS = 6


# A quotation given to whoever "he" or "she" is: '“…,” he said.', '“…,” she added.'
PRONOUN_ATTRIBUTION_RE = re.compile(r"[”\"’'],?\s+(?:he|she|they)\s+(?:said|says|added|adds|told|continued|went on)\b")


def _leans_back(text: str) -> bool:
    """True when a sentence opens by referring back ("He added…", "The others were…"), or is short and names what
    it speaks of only by a pronoun: it goes on from the sentence before it."""
    if NEEDS_CONTEXT_RE.match(text):
        return True
    return len(text.split()) <= SHORT_SENTENCE_WORDS and bool(PRONOUN_RE.search(text))


def goes_on_in_paragraph(text: str, quotation_open: bool) -> bool:
    """True when a sentence only its article carries goes on from the one before it in its paragraph, so the two
    are one passage: it starts inside a quotation opened there (`quotation_open`), is a fragment of a few words,
    or refers back (`_leans_back`).  Two neighbouring statements otherwise stay two passages."""
    return quotation_open or len(text.split()) <= FRAGMENT_MAX_WORDS or _leans_back(text)


def needs_context(text: str) -> bool:
    """True when a sentence leans on the one before it for sense: it refers back (`_leans_back`), or gives its
    quotation to a pronoun ('“…,” he said.')."""
    return _leans_back(text) or bool(PRONOUN_ATTRIBUTION_RE.search(text))


# An entity named more often than this on one side is the story's backdrop
# (the country, the main actor) and does not tie two passages together.
MAX_LINKING_MENTIONS = 3
# The longest sentence that can be the mere framing of a quote both articles carry...
FRAMING_MAX_WORDS = 25
# ...and the words of speech and reply it may use besides names.
FRAMING_KEYS = frozenset(
    word_key(word)[0]
    for word in (
        "reply",
        "replied",
        "response",
        "responded",
        "respond",
        "answer",
        "answered",
        "retort",
        "retorted",
        "prompted",
        "drew",
        "shot",
        "hit",
        "back",
        "remark",
        "remarks",
        "comment",
        "comments",
        "statement",
        "reaction",
        "reacted",
        "speaking",
        "spoke",
        "asked",
        "insisted",
        "declared",
        "stated",
        "explained",
        "later",
        "then",
        "afterwards",
        "earlier",
        "also",
        "again",
    )
)
# ...and the shortest quote such a sentence introduces.
FRAMED_QUOTE_MIN_WORDS = 8


def find_facts(
    doc_a: Document,
    doc_b: Document,
    alignment: Alignment,
    entities: tuple[Entity, ...],
    quotes: tuple[QuoteComparison, ...],
    nearest_similarity: float = 1.0,
    doubt_share: float = 1.0,
) -> tuple[Fact, ...]:
    """Group the passages each document carries alone into labelled facts; a fact names the other article's
    sentence closest to it in meaning when the paraphrase model found one at `nearest_similarity` or more, and
    the sentences that hold `doubt_share` of one of its sentences or more, read piece by piece."""
    facts: list[Fact] = []
    for document in (doc_a, doc_b):
        for fact in _facts_of(document, alignment, entities, quotes):
            found = [alignment.nearest[i] for i in fact.sentences if i in alignment.nearest]
            closest = min(found, key=lambda pair: (-pair[1], id_order(pair[0])), default=None)
            if closest is not None and closest[1] >= nearest_similarity:
                fact = replace(fact, nearest=closest)
            holders = [alignment.held[i] for i in fact.sentences if i in alignment.held]
            most = max(holders, key=lambda pair: (pair[1], [-n for n in id_order(pair[0][0])]), default=None)
            if most is not None and most[1] >= doubt_share:
                fact = replace(fact, held=most)
            facts.append(fact)
    return tuple(facts)


# A clause a partly carried sentence adds is a detail a report lists when it has this many content words or more
# (shorter spans are a word of colour, a title or a day, shown marked in the columns).
DETAIL_MIN_WORDS = 3


def find_details(document: Document, alignment: Alignment, changes: Iterable[Change] = ()) -> tuple[Detail, ...]:
    """The details `document` adds to sentences both articles carry, in reading order.

    A detail is a body sentence's `added` spans (shared or partial with
    sentences of the other article) that hold `DETAIL_MIN_WORDS` content
    words or more, outside its quotations (a quotation one outlet gives at
    more length is the quotes list's) and apart from the words a change
    reports (a figure given differently is that change).  Facts are whole
    unique sentences; details are what a partly carried sentence says
    besides.
    """
    changed: dict[str, list[str]] = defaultdict(list)  # sentence id → the words a change reports in it
    for change in changes:
        for side in (change.a, change.b):
            if side.text:
                changed[side.sentence].append(side.text)
    found: list[Detail] = []
    for sentence in document.body_sentences:
        result = alignment.sentences.get(sentence.id)
        if result is None or result.status not in ("shared", "partial"):
            continue
        quoted = find_quote_spans(sentence.text)
        spans = tuple(
            span
            for span in (_without_split_names(sentence.text, span) for span in result.added)
            if _says_something(span.text, framing=bool(quoted))
            and not any(start <= span.start < end for start, end in quoted)
            and not any(text in span.text for text in changed.get(sentence.id, ()))
        )
        if spans:
            found.append(Detail(document.side, sentence.id, spans, result.matches))
    return tuple(found)


def _says_something(text: str, framing: bool) -> bool:
    """True when a span holds `DETAIL_MIN_WORDS` content words and is more than one name ("Gov. Ann Lee and"), or,
    in a sentence `framing` a quotation, more than who spoke: one name or title and one other word ("Gen Ames
    shot", "The Port Warden snapped")."""
    tokens = tokenize(text)
    content = [token for token in tokens if token.content]
    lower = sum(1 for token in content if not token.text[:1].isupper())
    names = sum(
        1
        for at, token in enumerate(tokens)
        if token.text[:1].isupper() and (at == 0 or not tokens[at - 1].text[:1].isupper())
    )
    if names <= 1 and (lower == 0 or (framing and lower == 1)):
        return False  # a name alone ("Gov. Ann Lee and"), or who spoke a quotation
    return len(content) >= DETAIL_MIN_WORDS


def _without_split_names(text: str, span: Span) -> Span:
    """`span` without a piece of a name it cuts at either end ("… the harbour minister, Oleg" where the other
    article names "Mr Ivanov"): a name is shown whole or not at all; a bracket it opens is closed."""
    start, end = span.start, span.end
    inside = SPLIT_NAME_END_RE.search(text, start, end)
    if inside and NAME_GOES_ON_RE.match(text, end):
        end = inside.start()
    opening = SPLIT_NAME_START_RE.match(text, start, end)
    if opening and start and NAME_ENDS_BEFORE_RE.search(text[:start]):
        start = opening.end()
    trimmed = text[start:end].strip(" ,;:-—(")
    start = text.find(trimmed, start) if trimmed else start
    end = start + len(trimmed)
    if trimmed.count("(") > trimmed.count(")") and text[end : end + 1] == ")":
        end += 1  # "(HSB)", not "(HSB"
    return Span(start, end, text[start:end])


# The capitalised words that close a span, and a capitalised word right after it: a name the span cuts.
SPLIT_NAME_END_RE = re.compile(r"[\s,(]*(?:[A-Z][\w'’.-]*\s*)+$")
NAME_GOES_ON_RE = re.compile(r"\s?[A-Z]")
# The capitalised words that open a span, and a capitalised word right before it.
SPLIT_NAME_START_RE = re.compile(r"(?:[A-Z][\w'’.-]*\s*)+")
NAME_ENDS_BEFORE_RE = re.compile(r"[A-Z][\w'’.-]*\s?$")


def _facts_of(
    document: Document,
    alignment: Alignment,
    entities: tuple[Entity, ...],
    quotes: tuple[QuoteComparison, ...],
) -> Iterable[Fact]:
    """Group what only `document` carries (unique sentences, long additions, other figures) into labelled facts."""
    side = document.side
    other = other_side(side)
    mentioned: dict[str, set[str]] = {m.sentence: set() for e in entities for m in e.mentions(side)}
    for entity in entities:
        for mention in entity.mentions(side):
            mentioned[mention.sentence].add(entity.id)
    counts = {e.id: len(e.mentions(side)) for e in entities}
    own_quotes = [q.a if side == "a" else q.b for q in quotes]
    only_quotes = [q for q, c in zip(own_quotes, quotes, strict=True) if q is not None and c.status == f"only_{side}"]
    shared_quote_words = _shared_quote_words(side, quotes)
    groups: list[list[tuple[Sentence, str]]] = []  # (sentence, text used)
    named_in_last_group: set[str] = set()  # the entities the last group names, kept as it grows
    previous_paragraph: str | None = None
    previous_unique = False
    quotation_open = quotation_open_at(document)
    repeats = repeated_sentences(document)
    cut_short = False  # the last compared sentence stops without ending ("…fined for neglect and")
    interrupted = False  # a paragraph that is not compared came after it
    for paragraph in document.paragraphs:
        if not paragraph.compared:
            # A caption or a credit set inside a sentence the page broke off: the sentence goes on after it.
            previous_unique = previous_unique and cut_short
            interrupted = True
            continue
        for sentence in paragraph.sentences:
            result = alignment.sentences[sentence.id]
            if sentence.id in repeats:
                previous_unique = False
                continue
            goes_on = cut_short and sentence.text[:1].islower()
            if interrupted and not goes_on:
                previous_unique = False  # only the rest of the broken sentence reaches across the caption
            interrupted = False
            cut_short = not ENDS_A_SENTENCE_RE.search(sentence.text)
            if result.status == "unique" and not _mostly_shared_quote(sentence, shared_quote_words):
                # A sentence joins the fact before it only when it leans on it: it opens by referring back
                # or goes on with a quotation. Two neighbouring statements stay two facts, so one the other
                # article carries in other words never takes a true one down with it.
                # A fragment of a few words ("A church.", "Act accordingly.") goes on with the sentence before it.
                # The rest of a sentence the page broke off ("two counts of fraud.") goes on with its start,
                # and the answer to a question put ('Asked again, “Will the pier close?”') with the question.
                leans_on_previous = goes_on or (
                    previous_paragraph == paragraph.id
                    and (
                        quotation_open[sentence.id]
                        or len(sentence.text.split()) <= FRAGMENT_MAX_WORDS
                        or bool(groups and QUESTION_PUT_RE.match(groups[-1][-1][1]))
                    )
                )
                # (A quotation given to "he" or "she" is shown with the sentence before it as context, but does
                # not join it: labelled by its own speaker, it says more than the passage before it.)
                if not leans_on_previous and groups and _leans_back(sentence.text):
                    leans_on_previous = previous_paragraph == paragraph.id or _refers_back(
                        sentence, named_in_last_group, mentioned, counts
                    )
                continues = previous_unique and bool(groups) and leans_on_previous
                if continues:
                    groups[-1].append((sentence, sentence.text))
                else:
                    groups.append([(sentence, sentence.text)])
                    named_in_last_group = set()
                named_in_last_group |= mentioned.get(sentence.id, set())
                previous_unique = True
            else:
                # A matched sentence with another figure is a change (`changes`), never a fact on each side.
                previous_unique = False
            previous_paragraph = paragraph.id
    shared_quote_speakers = _shared_quote_speakers(side, quotes)
    following = {s.id: after.id for p in document.paragraphs for s, after in pairwise(p.sentences)}
    groups = [
        g
        for g in groups
        if not _frames_shared_quote(g, following, alignment, mentioned, shared_quote_speakers)
        and not _asks_what_is_answered_in_both(g, following, alignment)
    ]
    entity_by_id = {e.id: e for e in entities}
    quotes_in: dict[str, list[Quote]] = defaultdict(list)  # sentence id → one-sided quotes in it
    for quote in only_quotes:
        for sentence_id in quote.sentences:
            quotes_in[sentence_id].append(quote)
    previous_of = _previous_compared(document)
    referents = pronoun_referents(document, {e.name: e.mentions(side) for e in entities if e.kind == "person"})
    # Counted once per quote: a quote left open runs over many sentences, and so over many facts.
    quote_word_counts = {q.id: len(q.text.split()) for q in only_quotes}
    # A name labels one fact alone: the next fact of that person says what it adds beside the name.
    labels_used: set[str] = set()
    for number, group in enumerate(groups, start=1):
        sentence_ids = tuple(s.id for s, _ in group)
        named: list[str] = []
        for sentence, _ in group:
            for entity_id in sorted(mentioned.get(sentence.id, ()), key=lambda i: int(i[1:])):
                if entity_id not in named:
                    named.append(entity_id)
        fact_quotes = list({id(q): q for sentence_id in sentence_ids for q in quotes_in[sentence_id]}.values())
        full_sentences = all(text == s.text for s, text in group)
        label = clipped_label(
            _label(group, named, fact_quotes, entity_by_id, other, referents.get(group[0][0].id), labels_used)
        )
        labels_used.add(label)
        context = _context(group[0][0], previous_of, quotation_open, alignment)
        quote_words = sum(quote_word_counts[q.id] for q in fact_quotes)
        text_words = sum(len(text.split()) for _, text in group)
        yield Fact(
            id=f"{side}-f{number}",
            side=side,
            label=label,
            kind="quote" if full_sentences and fact_quotes and quote_words * 2 >= text_words else "statement",
            text=" ".join(text for _, text in group),
            sentences=sentence_ids,
            entities=tuple(named),
            quotes=tuple(q.id for q in fact_quotes),
            context=context,
        )


def repeated_sentences(document: Document) -> set[str]:
    """Ids of the body sentences of `document` that repeat an earlier body sentence word for word (case and
    punctuation aside), when it has at least `REPEAT_MIN_WORDS` words."""
    seen: set[tuple[str, ...]] = set()
    repeats: set[str] = set()
    for sentence in document.body_sentences:
        words = tuple(t.text.casefold() for t in tokenize(sentence.text))
        if len(words) < REPEAT_MIN_WORDS:
            continue
        if words in seen:
            repeats.add(sentence.id)
        seen.add(words)
    return repeats


def _context(
    first: Sentence,
    previous_of: dict[str, Sentence | None],
    quotation_open: dict[str, bool],
    alignment: Alignment,
) -> tuple[str, ...]:
    """The sentence before `first` when `first` needs it for sense and the other article carries it.

    `first` needs it when it opens by referring back ("He added…", "The
    others were…") or starts inside a quotation that opened in an earlier
    sentence of its paragraph (`quotation_open`); `previous_of` gives each
    sentence the compared sentence before it.
    """
    previous = previous_of.get(first.id)
    if previous is None:
        return ()
    inside_quote = quotation_open[first.id]
    if not (inside_quote or needs_context(first.text)):
        return ()
    if inside_quote and previous.paragraph_id != first.paragraph_id:
        return ()
    return (previous.id,) if alignment.sentences[previous.id].matched else ()


def _previous_compared(document: Document) -> dict[str, Sentence | None]:
    """Each compared sentence of `document` → the compared sentence before it (None for the first)."""
    previous_of: dict[str, Sentence | None] = {}
    previous: Sentence | None = None
    for paragraph in document.paragraphs:
        if not paragraph.compared:
            continue
        for sentence in paragraph.sentences:
            previous_of[sentence.id] = previous
            previous = sentence
    return previous_of


def quotation_open_at(document: Document) -> dict[str, bool]:
    """Each compared sentence's id → True when it starts inside a quotation opened earlier in its paragraph:
    more “ than ” before it, or an odd number of straight quote marks, counted in one pass per paragraph."""
    open_at: dict[str, bool] = {}
    for paragraph in document.paragraphs:
        if not paragraph.compared:
            continue
        curly = straight = 0
        done = 0
        for sentence in paragraph.sentences:
            before = paragraph.text[done : sentence.start - paragraph.start]
            curly += before.count("“") - before.count("”")
            straight += before.count('"')
            done = max(done, sentence.start - paragraph.start)
            open_at[sentence.id] = curly > 0 or straight % 2 == 1
    return open_at


def _shared_quote_words(side: Side, quotes: tuple[QuoteComparison, ...]) -> dict[str, int]:
    """Sentence id → words of quotes the other article also carries (same, extended or other words) it holds."""
    found: dict[str, int] = defaultdict(int)
    for comparison in quotes:
        quote = comparison.a if side == "a" else comparison.b
        if quote is None or comparison.status in ("only_a", "only_b"):
            continue
        words = len(quote.text.split())
        if words < FRAMED_QUOTE_MIN_WORDS:
            continue  # a quoted phrase inside a sentence, not the remark the sentence reports
        for sentence_id in quote.sentences:
            found[sentence_id] += words // len(quote.sentences)
    return found


def _mostly_shared_quote(sentence: Sentence, shared_quote_words: dict[str, int]) -> bool:
    """True when at least half of `sentence` is a quotation both articles carry: the quotes list reports it."""
    return shared_quote_words.get(sentence.id, 0) * 2 >= len(sentence.text.split())


def _shared_quote_speakers(side: Side, quotes: tuple[QuoteComparison, ...]) -> dict[str, set[str]]:
    """Sentence id → speakers of the quotes both articles carry that the sentence holds."""
    found: dict[str, set[str]] = {}
    for comparison in quotes:
        quote = comparison.a if side == "a" else comparison.b
        if quote is None or comparison.status not in ("identical", "extended", "variant") or not comparison.speaker:
            continue
        if len(quote.text.split()) < FRAMED_QUOTE_MIN_WORDS:
            continue  # a quoted phrase, not a remark that a sentence would introduce
        for sentence_id in quote.sentences:
            found.setdefault(sentence_id, set()).add(comparison.speaker)
    return found


def _frames_shared_quote(
    group: list[tuple[Sentence, str]],
    following: dict[str, str],
    alignment: Alignment,
    mentioned: dict[str, set[str]],
    shared_quote_speakers: dict[str, set[str]],
) -> bool:
    """True for one short sentence that only introduces the next sentence's shared quote (`following` maps each
    sentence to the next of its paragraph).

    Outlets frame a remark they both quote in their own words ("That prompted
    a sharp answer from Mr X." before X's quote).  Such a sentence names the
    speaker and, apart from names and words of speech and reply, says at most
    one thing; a sentence that says more ("X resigned as housing minister on
    Friday.") is a fact even when X's quote follows.
    """
    if len(group) != 1 or group[0][1] != group[0][0].text:
        return False
    sentence = group[0][0]
    if len(sentence.text.split()) > FRAMING_MAX_WORDS:
        return False
    saying = [
        t for t in tokenize(sentence.text) if t.content and not t.text[:1].isupper() and t.key not in FRAMING_KEYS
    ]
    if len(saying) > 1:
        return False
    next_id = following.get(sentence.id)
    if next_id is None or alignment.sentences[next_id].status == "unique":
        return False
    speakers = shared_quote_speakers.get(next_id, set())
    return bool(speakers & mentioned.get(sentence.id, set()))


def _asks_what_is_answered_in_both(
    group: list[tuple[Sentence, str]], following: dict[str, str], alignment: Alignment
) -> bool:
    """True for one sentence that only puts a question ('Asked again, “Will the pier close?”') whose answer,
    the next sentence of its paragraph, the other article carries: the question is the exchange's framing, and
    alone it says nothing."""
    if len(group) != 1:
        return False
    sentence = group[0][0]
    next_id = following.get(sentence.id)
    return (
        bool(QUESTION_PUT_RE.match(sentence.text))
        and next_id is not None
        and alignment.sentences[next_id].status != "unique"
    )


# A sentence that is nothing but a question put to someone: 'Asked again, “Will the pier close?”'.
QUESTION_PUT_RE = re.compile(rf"{ASKED_LEAD}[^“”\"]{{0,60}}[“\"][^“”\"]+\?[”\"]\s*$", re.IGNORECASE)


def _refers_back(sentence: Sentence, before: set[str], mentioned: dict[str, set[str]], counts: dict[str, int]) -> bool:
    """True when `sentence` continues a group naming the entities `before`: it opens with "he", "this" or the
    like, or names a rare entity of the group."""
    if BACK_REFERENCE_RE.match(sentence.text):
        return True
    return any(counts.get(e, 0) <= MAX_LINKING_MENTIONS for e in before & mentioned.get(sentence.id, set()))


def _label(
    group: list[tuple[Sentence, str]],
    named: list[str],
    fact_quotes: list[Quote],
    entity_by_id: dict[str, Entity],
    other: Side,
    referents: Mapping[str, str] | None,
    used: AbstractSet[str] = frozenset(),
) -> str:
    """Label a fact `group`: its quote's speaker, else a person the `other` side never names, else its gist.

    `referents` gives the person an opening "He" or "She" stands for, named in the gist instead.  A name already
    among the side's labels (`used`) is not the whole label again: the fact's own words follow it.

    A place, a body alone ("White House"), or a name both articles use says
    little of what the fact adds: such facts are labelled by a phrase of their
    own main clause.
    """
    for quote in fact_quotes:
        # A speaker of unknown kind (a name that may be a place or a law) says less than the fact's own words.
        if quote.speaker_name and quote.speaker in entity_by_id and entity_by_id[quote.speaker].kind in LABEL_KINDS:
            if not entity_by_id[quote.speaker].mentions(other) and quote.speaker_name not in used:
                return quote.speaker_name  # a voice only this article has: the name says what it adds
            # Both articles quote or name this speaker: the name alone does not say which remark this is...
            asked = _question_put(quote, group[0][0])
            if asked:
                return (
                    f"{quote.speaker_name} on {asked}: “{gist(quote.text, quoted=True)}”"  # 'Governor Hale? “Solid.”'
                )
            if _mostly_quote(quote, group[0][0]):
                return f"{quote.speaker_name}: “{gist(quote.text, quoted=True)}”"  # ...the remark's own words do
            said = gist(" ".join(t for _, t in group))
            if LEADING_PRONOUN_RE.match(said):
                # "He said …" of the speaker: name them instead
                return pronoun_named(said, {"He": quote.speaker_name, "She": quote.speaker_name})
            if _opens_with_name(said, entity_by_id[quote.speaker]):
                return said  # "Jane Doe on Tuesday assailed …" names the speaker already
            return f"{quote.speaker_name}: {said}"
    text = " ".join(t for _, t in group)
    own = other_side(other)
    in_text = [entity_by_id[i] for i in named if any(m.text in text for m in entity_by_id[i].mentions(own))]
    first = group[0][0]
    # Who the fact is about opens it: a name deep in the sentence is a detail, not its actor; and a name inside
    # a quotation is whom the speaker talks about ('“American women know that Mitt Romney, Paul Ryan …”').
    absent = [
        e
        for e in in_text
        if not e.mentions(other)
        and e.kind in ACTOR_LABEL_KINDS
        and any(
            m.sentence == first.id and m.start <= ACTOR_MAX_OFFSET and not in_quotation(first.text, m.start)
            for m in e.mentions(own)
        )
    ]
    if absent and absent[0].name not in used:
        return absent[0].name
    # A sentence the page broke off is read on into its rest.
    opening = group[0][1] if ENDS_A_SENTENCE_RE.search(group[0][1]) else text
    return pronoun_named(gist(opening), referents)


# A label opening with "He" or "She" names a person named within this many sentences before the fact.
PRONOUN_REACH_SENTENCES = 3
# ...unless a capitalised word follows it: "He Jiankui said" opens with a name, not a pronoun.
LEADING_PRONOUN_RE = re.compile(r"^(?:He|She)\b(?!\s+[A-Z])")
# A possessive ending right after a name: "Brown's", "Jones’".
POSSESSIVE_AFTER_RE = re.compile(r"['’]s?\b")
# A clause opening a sentence before its subject, up to its comma: "If Ek was cold, …", "Unlike Ek, …".
OPENING_CLAUSE_RE = re.compile(
    r"^\W*(?:if|when|while|although|though|unlike|as|after|before|because|since|despite|like|once|until)\b[^,;]*,",
    re.IGNORECASE,
)
# The words by which a sentence goes on about someone it calls "He" or "She".
PRONOUN_WORDS = {
    "He": re.compile(r"\b(?:he|him|his)\b", re.IGNORECASE),
    "She": re.compile(r"\b(?:she|her|hers)\b", re.IGNORECASE),
}
# The gender a pronoun cannot stand for: "He" is never someone the text calls "Ms." or "she".
EXCLUDED_GENDER = {"He": "f", "She": "m"}


def pronoun_referents(document: Document, people: Mapping[str, Sequence[Mention]]) -> dict[str, dict[str, str]]:
    """Each sentence of `document` → "He" and "She" → the person that pronoun most likely stands for there,
    from the nearest of the `PRONOUN_REACH_SENTENCES` sentences before it that names someone it can stand for
    or goes on about someone with it.

    `people` gives each person's name with their mentions in `document`; "He"
    never stands for someone the text makes a woman, nor "She" a man
    (`quotes.person_genders`).  News copy names someone, then goes on with
    "he" or "she": a label that opens with the pronoun reads better with the
    name ("Lowe said the port would close" rather than "He said the port
    would close").

    In that sentence, the first person named is most often its subject, whom the next sentence goes on about;
    someone named as an owner ("Brown's death") or in an opening clause ("If Ek was cold, Lowe…") only when
    nobody else is, and someone named inside a quotation never.  A sentence that speaks of someone by the
    pronoun before naming anyone ("He thanked Ek") passes on whom it stood for there.
    """
    quoted = quotation_spans(document)
    genders = person_genders(document, people, quoted)
    sentences = document.sentences
    position = {s.id: n for n, s in enumerate(sentences)}
    named_at: dict[int, list[tuple[int, bool, str]]] = defaultdict(list)  # position → (offset, aside, name)
    for name, mentions in people.items():
        for mention in mentions:
            at = position.get(mention.sentence)
            if at is None or _is_quoted(sentences[at].start + mention.start, quoted):
                continue
            text = sentences[at].text
            opening = OPENING_CLAUSE_RE.match(text)
            aside = bool(POSSESSIVE_AFTER_RE.match(text, mention.end)) or (
                opening is not None and mention.start < opening.end()
            )
            named_at[at].append((mention.start, aside, name))
    referents: dict[str, dict[str, str]] = {}
    for at, sentence in enumerate(sentences):
        for pronoun, other_gender in EXCLUDED_GENDER.items():
            for before in range(at - 1, max(-1, at - 1 - PRONOUN_REACH_SENTENCES), -1):
                named = sorted(m for m in named_at.get(before, ()) if genders.get(m[2]) != other_gender)
                person = _person_meant(sentences[before], named, PRONOUN_WORDS[pronoun], quoted, referents, pronoun)
                if person is not None:
                    referents.setdefault(sentence.id, {})[pronoun] = person
                    break
    return referents


def _person_meant(
    sentence: Sentence,
    named: list[tuple[int, bool, str]],
    pronoun_re: re.Pattern[str],
    quoted: Sequence[tuple[int, int]],
    referents: Mapping[str, Mapping[str, str]],
    pronoun: str,
) -> str | None:
    """Whom the next sentence's `pronoun` stands for after `sentence`, which names the people `named` ((offset,
    aside, name), sorted) outside quotations; None when it names nobody and does not go on about anybody."""
    said = next(
        (m.start() for m in pronoun_re.finditer(sentence.text) if not _is_quoted(sentence.start + m.start(), quoted)),
        None,
    )
    first_main = next((offset for offset, aside, _ in named if not aside), None)
    if said is not None and (first_main is None or said < first_main):
        before_pronoun = [name for offset, _, name in named if offset < said]
        if before_pronoun:
            return before_pronoun[0]  # "In Lowe's view, he…"
        if pronoun in referents.get(sentence.id, {}):
            return referents[sentence.id][pronoun]  # "He thanked Ek": still the one meant before
    if first_main is not None:
        return next(name for offset, aside, name in named if not aside)
    return named[0][2] if named else None


def _is_quoted(offset: int, quoted: Sequence[tuple[int, int]]) -> bool:
    """True when `offset` (in Article.text) falls inside one of the `quoted` spans."""
    return any(start <= offset < end for start, end in quoted)


def pronoun_named(label: str, referents: Mapping[str, str] | None) -> str:
    """`label` with its opening "He" or "She" replaced by the person it stands for (`referents`: pronoun → name).

    >>> pronoun_named("He said he did not know the woman…", {"He": "Ann Lowe"})
    'Ann Lowe said he did not know the woman…'
    >>> pronoun_named("She left", {"He": "Tom Ek"}), pronoun_named("Hence the delay…", {"He": "Tom Ek"})
    ('She left', 'Hence the delay…')
    >>> pronoun_named("He Jiankui said the twins were healthy", {"He": "Ann Lowe"})
    'He Jiankui said the twins were healthy'

    """
    opening = LEADING_PRONOUN_RE.match(label)
    if opening is None or not referents or opening.group() not in referents:
        return label
    return referents[opening.group()] + label[opening.end() :]


def _opens_with_name(text: str, entity: Entity) -> bool:
    """True when `text` opens with `entity`'s name, one of its aliases, or its last word after a title
    ("Mr. Doe")."""
    names = (entity.name, *entity.aliases)
    if any(text.startswith(name) for name in names):
        return True
    titled = TITLED_NAME_RE.match(text)
    return titled is not None and any(name.split()[-1] == titled["name"] for name in names)


# A family name after a courtesy title, opening a text: "Mr. Doe", "Ms Roe".
TITLED_NAME_RE = re.compile(r"^(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+(?P<name>[A-Z][\w’'-]+)")


def _question_put(quote: Quote, first: Sentence) -> str | None:
    """Whom or what the short question answered by `quote` asks about, when `first`, the fact's first sentence,
    is that question and its quoted answer ('And Mr. Hale? “Solid as a rock.”' → 'Mr. Hale'), else None."""
    if quote.sentences[:1] != (first.id,):
        return None
    question = question_before(first.text, quote.start - first.start)
    # A conjunction opening the question ("And Mr. Hale?") is not part of whom it asks about.
    return LEADING_FILLER_RE.sub("", question.rstrip("?").strip()) if question else None


def _mostly_quote(quote: Quote, first: Sentence) -> bool:
    """True when `first`, the fact's first sentence, opens with an attribution ("Asked on TV, he said, …") to
    `quote`, which makes at least half of its words: the quote's words say what the fact adds, not the
    attribution.  A sentence opening with the quote is labelled by its own opening words already."""
    return (
        quote.sentences[:1] == (first.id,)
        and first.text.lstrip()[:1] not in OPENING_QUOTE_MARKS
        and 2 * len(quote.text.split()) >= len(first.text.split())
    )


# A name that starts this far into the fact's first sentence (characters) is not its actor.
ACTOR_MAX_OFFSET = 60
# Entities whose quote can be labelled by the speaker's name: who speaks, not where.
LABEL_KINDS = frozenset({"person", "organisation"})
# Entities that can label a fact they open by name alone: a person says whose fact it is; a body's name alone
# ("White House") rarely says what it did, so the fact's opening words, which name it, label it instead.
ACTOR_LABEL_KINDS = frozenset({"person"})


# A label made of the passage's own opening words stops after this many words...
LABEL_MAX_WORDS = 13
# ...or at the first clause break after this many.
LABEL_MIN_WORDS = 5
# A passage of punctuation alone is labelled by itself, cut to this many characters.
MAX_PUNCTUATION_LABEL = 40
# A name running past the label's last word may take this many more words.
NAME_OVERRUN_WORDS = 3


def _name_goes_on(taken: list[str], following: str) -> bool:
    """True when the label's last word and the `following` one are both part of one capitalised name."""
    if len(taken) < 2 or not taken[-1][:1].isupper() or not following[:1].isupper():
        return False
    return taken[-1].lower().strip(".,") not in STOP_WORDS


# Inside one word: a spaced " - " is a word of its own, and a comma between digits is a thousands separator.
CLAUSE_BREAK_RE = re.compile(r"[;:—–(]|,(?!\d{3}\b)")


# Words that open a sentence without saying anything of its own: dropped from a label.
LEADING_FILLER_RE = re.compile(
    r"^(?:(?:but|and|so|yet|still|however|meanwhile|also|moreover|indeed|now|then|instead|overall|finally)\b,?\s+)+",
    re.IGNORECASE,
)
# A sentence opening with one of these words starts with a phrase that sets the scene ("Before she took the
# stage, …"): the label starts after its comma, at the main clause.
SCENE_SETTING_WORDS = frozenset(
    """after before as while when since although though despite in on at for during amid with without under
    within following elsewhere asked introducing speaking unlike like because if prior until once by from
    earlier later last this according even late early""".split()
)
# After a scene-setting phrase, a description of the person it names, before the next name: "a Harbour Democrat,".
SCENE_APPOSITION_RE = re.compile(r"an?\s+(?:[\w’'-]+\s+){0,4}[\w’'-]+,\s+(?=[A-Z])")
# A scene-setting phrase is skipped only when it ends within this many words...
SCENE_MAX_WORDS = 16
# ...or this many in a quotation.
QUOTE_SCENE_MAX_WORDS = 12
# ...and the main clause after it has at least this many.
MAIN_CLAUSE_MIN_WORDS = 4
# A lead-in before a colon of at most this many words announces what follows the colon.
LEAD_IN_MAX_WORDS = 8


def gist(text: str, quoted: bool = False) -> str:
    """A short phrase of the passage's main clause that says what it adds.

    >>> gist("But within days of launch, the service came under criticism from experts.")
    'The service came under criticism from experts'
    >>> gist("Officials fear the toll will rise as rescuers reach the villages that the floods have cut off.")
    'Officials fear the toll will rise as rescuers reach the villages…'
    >>> gist("Before the vote, Senator Mary Jane Holloway walked out of the chamber.")
    'Senator Mary Jane Holloway walked out of the chamber'
    >>> gist("In questioning by Ann Lowe, a Harbour Democrat, Mr. Ek offered one reason for the delay.")
    'Mr. Ek offered one reason for the delay'
    >>> gist("But she also gave another reason: the port could not pay its debts.")
    'The port could not pay its debts'
    >>> gist('The council issued a statement: "We regret the closure of the port."')
    'The council issued a statement…'
    """
    text = " ".join(text.replace("…", " ").split())
    stripped = LEADING_FILLER_RE.sub("", _without_aside(text))
    words = stripped.split(" ")
    # A quotation's own opening phrase is the speaker's: only a short one is passed over.
    quoted = quoted or stripped[:1] in OPENING_QUOTE_MARKS
    scene_max_words = QUOTE_SCENE_MAX_WORDS if quoted else SCENE_MAX_WORDS
    opening = tuple(w.lower().strip("\"“'‘(,") for w in words[:3])
    if words and opening[0] in SCENE_SETTING_WORDS and not _opens_with_a_bound(opening):  # not "At least 20 …"
        for position, word in enumerate(words[:scene_max_words]):
            if word.endswith(",") and len(words) - position - 1 >= MAIN_CLAUSE_MIN_WORDS:
                stripped = " ".join(words[position + 1 :])
                # "In questioning by Ann Lowe, a Harbour Democrat, Mr. Ek said …": the scene's person described.
                described = SCENE_APPOSITION_RE.match(stripped)
                if described and len(stripped[described.end() :].split()) >= MAIN_CLAUSE_MIN_WORDS:
                    stripped = stripped[described.end() :]
                break
    # Another outlet's report is the source, not the news: "The Harbour Star reported the board as saying, the pier
    # …".  A speaker's own words are shown as said.
    reported = None if quoted else REPORTED_LEAD_RE.match(stripped)
    if reported and len(stripped[reported.end() :].split()) >= MAIN_CLAUSE_MIN_WORDS:
        stripped = stripped[reported.end() :]
    if not quoted:
        stripped = _list_shortened(stripped)
    # A short lead-in ending in a colon announces what follows ("He gave another reason: …"): the label is
    # what follows, unless that is a quotation, whose speaker the lead-in names.
    lead, colon, rest = stripped.partition(": ")
    if (
        colon
        and len(lead.split()) <= LEAD_IN_MAX_WORDS
        and not QUOTE_MARKS & set(lead)
        and len(rest.split()) >= MAIN_CLAUSE_MIN_WORDS
        and rest[:1] not in OPENING_QUOTE_MARKS
    ):
        stripped = rest
    label = _without_unmatched_closers(_opening_words(_without_apposition(stripped or text)))
    return label[:1].upper() + label[1:]


# A word longer than this in a label is a URL, a table or garbage: it is cut, and the label ends there.
MAX_LABEL_WORD_CHARACTERS = 40


def clipped_label(label: str) -> str:
    """`label` up to its first word longer than `MAX_LABEL_WORD_CHARACTERS`, that word cut short with "…", so that
    a label always fits on a line.

    >>> clipped_label("Data at " + "x" * 50 + " shows a rise")
    'Data at xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…'
    >>> clipped_label("The harbour closed")
    'The harbour closed'
    """
    words = label.split(" ")
    for position, word in enumerate(words):
        if len(word) > MAX_LABEL_WORD_CHARACTERS:
            return " ".join([*words[:position], word[:MAX_LABEL_WORD_CHARACTERS] + "…"])
    return label


def _without_unmatched_closers(label: str) -> str:
    """`label` without a closing quotation mark whose opening one was cut away with the words before it.

    >>> _without_unmatched_closers("Your mother always helped.”"), _without_unmatched_closers("He said “no.”")
    ('Your mother always helped.', 'He said “no.”')
    >>> _without_unmatched_closers('We must try."'), _without_unmatched_closers('an “act of terror"…')
    ('We must try.', 'an “act of terror"…')
    """
    shorter = label.replace("”", "") if "”" in label and "“" not in label else label
    body = shorter.rstrip(".,!?…")
    # A straight mark may close a curly opener ('“act of terror"'): only one nothing opened is cut.
    if shorter.count('"') % 2 and body.endswith('"') and shorter.count("“") <= shorter.count("”"):
        shorter = body[:-1] + shorter[len(body) :]
    return shorter if any(c.isalnum() for c in shorter) else label  # a label of quote marks alone stays


# A name (up to four capitalised words, an outlet) reporting what someone else said or found, before what it reported.
REPORTED_LEAD_RE = re.compile(
    r"^(?!(?:He|She|They|It|We|I)\s)(?:[Tt]he\s+)?(?:[A-Z][\w.&’'-]*\s+){1,4}(?:reported|reports)(?:\s+(?:on\s+)?[A-Z][a-z]+day)?\s+"
    r"(?:that\s+|[a-z\s]{0,24}?\bas\s+saying,?\s+)"
)
# A list of names opening a passage ("Hull, Leeds, York, Ripon and Selby are …"): its items, each up to
# four capitalised words, and what follows the last.
_LISTED_NAME = r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}"
OPENING_LIST_RE = re.compile(
    rf"^(?P<items>(?:{_LISTED_NAME},\s+){{2,}}{_LISTED_NAME}),?\s+and\s+(?P<last>{_LISTED_NAME})\s+"
    r"(?P<rest>(?!(?:and|or|nor)\b)[a-z].*)$"
)


def _list_shortened(text: str) -> str:
    """`text` with a list of five names or more that opens it cut to its first two and a count, so that a label
    reaches what the list is about.

    >>> _list_shortened("Hull, Leeds, York, Ripon, Selby and Goole plan to ban cars from their piers.")
    'Hull, Leeds and 4 others plan to ban cars from their piers.'
    >>> _list_shortened("Ann Lowe, Ada Moss, Tom Hale and Ed Ek voted against it.")
    'Ann Lowe, Ada Moss, Tom Hale and Ed Ek voted against it.'
    """
    found = OPENING_LIST_RE.match(text)
    if found is None:
        return text
    items = [item.strip() for item in found["items"].split(",") if item.strip()] + [found["last"]]
    if len(items) < MIN_SHORTENED_LIST:
        return text
    return f"{items[0]}, {items[1]} and {len(items) - 2} others {found['rest']}"


# A list of names opening a passage is shortened in its label from this many names.
MIN_SHORTENED_LIST = 5


def _opens_with_a_bound(opening: tuple[str, ...]) -> bool:
    """True when a passage's first lower-cased words bound its figure ("at least 20", "under 20"): the statement
    itself, not a scene before it."""
    return opening[:2] in BOUND_PHRASES or (
        opening[0] in BOUND_WORDS and opening[1:2] != () and opening[1][:1].isdigit()
    )


# An aside set off by a pair of dashes or by brackets, of at most this many words, is cut from a label.
ASIDE_MAX_WORDS = 12
ASIDE_RE = re.compile(r"\s*(?:\s[—–-]{1,2}\s|—|–|\s--\s)([^—–()]*?)(?:\s[—–-]{1,2}\s|—|–|\s--\s)\s*|\s*\(([^()]*)\)")


def _without_aside(text: str) -> str:
    """`text` without its short asides between paired dashes or in brackets, so a label keeps the statement.

    >>> _without_aside("Advocates said that the ban — if it holds in court — could boost the black market.")
    'Advocates said that the ban could boost the black market.'
    >>> _without_aside("Senator Ann Lowe (D-Maine) voted against it.")
    'Senator Ann Lowe voted against it.'
    >>> _without_aside("The port - the oldest in the region - closed; ships - all of them - left.")
    'The port closed; ships left.'
    """

    def cut(match: re.Match[str]) -> str:
        aside = match[1] if match[1] is not None else match[2]
        if len(aside.split()) > ASIDE_MAX_WORDS or QUOTE_MARKS & set(aside):
            return match[0]
        following = text[match.end() : match.end() + 1]
        return "" if following in ",.;:!?" else " "

    shorter = ASIDE_RE.sub(cut, text)
    if shorter == text:
        return text
    shorter = re.sub(r"\s+([,.;:!?])", r"\1", " ".join(shorter.split()))
    return shorter if len(shorter.split()) >= MAIN_CLAUSE_MIN_WORDS else text


# An apposition after the subject ("Ann Lowe, the harbour master, said …") is cut from a label when the subject
# has at most this many words...
APPOSITION_SUBJECT_WORDS = 6
# ...the apposition at most this many...
APPOSITION_MAX_WORDS = 12
# ...and what follows it opens with a word in lower case that does not join another item to a list, nor opens
# a description of a name the phrase ended on ("Today, they announced that Ann Lowe, the harbour master, …").
APPOSITION_RE = re.compile(
    rf"^(?P<subject>(?:\S+\s+){{0,{APPOSITION_SUBJECT_WORDS - 1}}}?[^\s,]+),\s+"
    rf"(?P<apposition>(?!(?:and|or|but|nor)\b)[a-z](?:\S*\s+){{0,{APPOSITION_MAX_WORDS - 1}}}?[^\s,]*),\s+"
    r"(?P<rest>(?!(?:and|or|but|nor|the|a|an)\b)[a-z].*)$"
)
# A description opening inside the phrase: the phrase named someone the description is about.
NESTED_DESCRIPTION_RE = re.compile(r",\s+(?:the|a|an)\s")
# Quotation marks in the subject or the apposition: the commas are a quotation's, not an apposition's.
QUOTE_MARKS = frozenset('"“”‘’')
# What a quotation may open with, a straight single quote included.
OPENING_QUOTE_MARKS = QUOTE_MARKS | {"'"}


def _without_apposition(text: str) -> str:
    """`text` without the phrase set off by commas after its subject, so a label reaches the verb.

    >>> _without_apposition("The package, as it stands, is enough to build 55 miles of fence.")
    'The package is enough to build 55 miles of fence.'
    >>> _without_apposition("Ann Lowe, the harbour master, said the port would close.")
    'Ann Lowe said the port would close.'
    >>> _without_apposition("Ships, boats, and barges were lost.")
    'Ships, boats, and barges were lost.'
    >>> _without_apposition("To save the port, Lowe argued, cuts, not loans, were needed.")
    'To save the port, Lowe argued, cuts, not loans, were needed.'
    >>> _without_apposition("Ann Lowe, called before the board on Monday, she told it the port would close.")
    'Ann Lowe told it the port would close.'
    >>> _without_apposition("Ann Lowe, the bill's sponsor, he argued, had misled the committee.")
    'Ann Lowe he argued, had misled the committee.'
    >>> _without_apposition("Yesterday, speaking to reporters, he said the port would close.")
    'Yesterday he said the port would close.'
    >>> _without_apposition("Today, they named Ann Lowe, the harbour master, as chair.")
    'Today, they named Ann Lowe, the harbour master, as chair.'
    """
    match = APPOSITION_RE.match(text)
    if match is None or "," in match["subject"] or QUOTE_MARKS & set(match["subject"] + match["apposition"]):
        return text
    if NESTED_DESCRIPTION_RE.search(match["apposition"]):
        return text  # "they announced that Ann Lowe, the harbour master": a clause naming someone, then described
    if match["subject"].split()[0].lower().strip("\"“‘'(") in SCENE_SETTING_WORDS | {"to"}:
        return text  # "To justify the wall, Trump insisted, …": an opening phrase, not a subject
    # "As the official, Ann Lowe, appeared before the board, she told it …": the pronoun resumes the name left
    # before the clause, and the name stays its subject.
    resumed = PERSON_NAME_RE.fullmatch(match["subject"])
    rest = RESUMING_PRONOUN_RE.sub("", match["rest"], count=1) if resumed else match["rest"]
    return f"{match['subject']} {rest}"


# A subject pronoun opening the clause after a name and a clause set off by commas; not an attribution set off
# by commas itself ("Ann Lowe, the sponsor, he argued, misled them": the one who argued is someone else).
RESUMING_PRONOUN_RE = re.compile(r"^(?:he|she|they)\s+(?![a-z]+,)(?=[a-z])")
# A person's name as a subject: two to four capitalised words (initials allowed); one word may be a scene's
# ("Yesterday", "Separately").
PERSON_NAME_RE = re.compile(r"[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){1,3}")


def _opening_words(text: str) -> str:
    """The passage's first words as a label, when it names no one: "Rescue efforts have been hampered…".

    >>> _opening_words("Officials fear the toll will rise as rescuers reach the villages that the floods have cut off.")
    'Officials fear the toll will rise as rescuers reach the villages…'
    >>> _opening_words("Shares fell 11%, their steepest drop in a decade.")
    'Shares fell 11%, their steepest drop in a decade'
    >>> _opening_words("Yesterday, officials in the port city said that the strike would go on until the end of May.")
    'Yesterday, officials in the port city said that the strike would go…'
    >>> _opening_words("It rained.")
    'It rained'
    >>> _opening_words("It is the only better job than the one I have.")
    'It is the only better job than the one I have'
    """
    text = " ".join(text.replace("…", " ").split())
    words = text.split(" ")
    taken: list[str] = []
    broke = False
    for word in words[:LABEL_MAX_WORDS]:
        head = CLAUSE_BREAK_RE.split(word, maxsplit=1)[0]
        if head != word and len(taken) + 1 >= LABEL_MIN_WORDS:
            if head:
                taken.append(head)
            broke = True
            break
        taken.append(word)
    # Never cut inside a name: a capitalised run goes on to its end.
    while (
        not broke
        and len(taken) < min(len(words), LABEL_MAX_WORDS + NAME_OVERRUN_WORDS)
        and _name_goes_on(taken, words[len(taken)])
    ):
        taken.append(CLAUSE_BREAK_RE.split(words[len(taken)], maxsplit=1)[0])
        if taken[-1] != words[len(taken) - 1]:
            break
    # A cut label does not end on "the" or "will": those words lead into what was cut.
    cut = len(taken) < len(words)
    while cut and len(taken) > LABEL_MIN_WORDS and taken[-1].lower().strip(".,") in STOP_WORDS:
        taken.pop()
    label = " ".join(taken).rstrip(".!?")
    if not label.strip():
        return text[:MAX_PUNCTUATION_LABEL] or "passage"  # nothing but punctuation: show it as it is
    return label + ("…" if len(taken) < len(words) else "")
