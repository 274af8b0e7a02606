"""Quotations: two `Document`s and their entities → `tuple[QuoteComparison]`.

Input: body paragraphs.  Output: every quotation of `min_quote_words` words or
more, attributed to a speaker, and matched across the articles as
``identical``, ``variant`` (the same remark worded differently, with a
word-level diff) or found on one side only.

Finding quotes: curly double quotes, straight double quotes (paired in
order), and curly single quotes whose opening mark follows a space or a
bracket (so apostrophes are not taken for quotes).  A quote left open at the
end of a paragraph runs to the paragraph's end, as news style does when a
quote continues into the next paragraph.  A quotation cut with an ellipsis
("we back the plan ... the permits are on hold") joins runs of words said
apart: each run is a quote of its own, with the quotation's speaker.

Finding the speaker: a person, or a named body that speaks (`entities.can_speak`:
never a place, a programme, a building or an event).  In order:

1. the one a verb of speech attaches to, nearest the quote, in the quote's
   sentences or a short sentence right after it: "Smith said", "said
   Home Secretary Smith", "according to Smith", "Smith, the mayor, told
   reporters"; a pronoun ("he said") or "the statement said" stands for the
   person last named as a subject, or quoted, in that paragraph or the
   previous one;
2. a description ("said the French President"), through
   `entities.resolve_descriptor`;
3. the first who may speak in a clause introducing the quote with a colon
   ("Smith hit back: …"), or the person "he" or "she" stands for when the
   clause's subject is that pronoun; "the company said" (or "the firm",
   "the airline": a kind of body) stands for the body last named, as "he"
   does for a person;
4. a paragraph all quotation continues the previous paragraph's speaker (of
   its quote, else of its verb of speech), and a later quote in a paragraph
   naming no one new continues its earlier quote's speaker;
5. a quotation left open at its paragraph's end, when the next paragraph
   opens by going on with it, is spoken by whoever that paragraph names.

Otherwise the quote stays unattributed: the last name before it is often
not the speaker.

Matching, one to one: every pair of quotes sharing content words is scored
on the window of the longer quote that lines up with the shorter one
(`window_similarity`, on stemmed keys), and pairs are taken best first, each
quote at most once.  A paired quote is then

* ``identical`` when both have the same words once case, punctuation, quote
  marks and dashes are folded away, without stemming (`plain_words`: "hand"
  is not "hands");
* ``extended`` when the words of one are a contiguous run of the other's:
  `QuoteComparison.extra` holds what only the longer one has (with
  `CompareOptions.extended_quotes`; without it, such a pair is a
  ``variant`` whose diff shows the extra words);
* ``variant`` otherwise (the window is at least `quote_variant_ratio`
  similar), with a word-level diff.

The one exception to one-to-one: a quote one article splits in two ("…," he
said, "…") is compared, both halves, with the other article's single quote
(`_join_split_quotes`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise
from typing import TypeVar

from .align import MAX_COMMON_POSTINGS, MAX_INDEXED_FREQUENCY, MAX_TWINS, RAREST_KEYS, nearest_positions, word_matcher
from .entities import (
    BODY_TYPE_NOUNS,
    ORGANISATION_WORDS,
    ROLE_WORDS,
    SPEECH_VERBS,
    TITLE_WORDS,
    can_speak,
    description_end,
    resolve_descriptor,
)
from .model import (
    RATIO_DIGITS,
    CompareOptions,
    Document,
    Entity,
    Mention,
    Opcode,
    Paragraph,
    Quote,
    QuoteComparison,
    QuoteExtra,
    QuoteStatus,
    Remarks,
    Sentence,
)
from .normalise import AMPERSAND, Token, fold, question_before, run_position, tokenize

OPENERS = {"“": "”", '"': '"', "‘": "’", "«": "»", "„": "“"}
OPENER_RE = re.compile("[" + "".join(OPENERS) + "]")
# Pages mix their quote marks: a straight quote closed by a curly one ('"on hold.”'), or the other way round.
MIXED_CLOSERS = {'"': ("”",), "“": ('"',)}
_SPEECH_VERB = "(?:" + "|".join(sorted(SPEECH_VERBS, key=len, reverse=True)) + ")"
# A name followed by its verb of speech: "Smith said", "Smith, the mayor, told", "Smith, head of the Ports
# Authority, a trade body, said", "Smith (D-Ohio) said",
# "Smith of Kern County said", "Smith also said"; not "Smith's lawyer said", nor "a statement released by
# the Committee that said" (what said it is the statement).
SUBJECT_OF_SPEECH_RE = re.compile(
    r"(?:\s+(?:of|from)\s+(?:[A-Z][\w.’'-]*\s*){1,4})?\s*(?:\([^()]{1,60}\)\s*)?(?:,(?:[^,;:]{1,150}?,\s*){1,2})?"
    rf"(?:(?!(?:that|which)\b)[a-z]+\s+){{0,2}}{_SPEECH_VERB}\b"
)
# A verb of speech, then up to five words of title before a name: "said Home Secretary".
# Only verbs a story puts before their subject ('"…," said Smith'; '"…," added Smith'): after "told", "urged",
# "vowed" or "called" a name is who was told, urged or called on ('vowed Congress would defend…').
INVERTED_SPEECH_VERBS = (
    "said says added adds asked asks wrote writes continued replied explained insisted noted recalled declared "
    "stated answered responded countered quipped joked remarked observed commented warned cautioned conceded "
    "argued claimed tweeted posted"
).split()
OBJECT_OF_SPEECH_RE = re.compile(
    rf"\b(?:{'|'.join(sorted(INVERTED_SPEECH_VERBS, key=len, reverse=True))})\s+(?P<gap>(?:\S+\s+){{0,5}})$"
)
# A preposition (and "the") right before a name: after a person's name, where that person works or lives...
# (Capitalised words between them are the name's title, which the name leaves out: "a recording of Salvadoran
# Archbishop Ann Lowe calling".)
AFFILIATION_RE = re.compile(r"\b(of|on|at|for|from|with)\s+(?:[Tt]he\s+)?(?:[A-Z][\w.’'-]*\s+){0,2}$")
# ...when the person's name ends at most this many characters before the preposition ("Ann Lowe, the chairman of").
AFFILIATION_REACH = 40
# "by" and a description set off by a comma before a name: the name is who did what the clause says, not the
# subject of the verb after it ("The suit, brought by the state's attorney general, Jon Doe, said …").
AGENT_DESCRIPTION_RE = re.compile(r"\bby\s+(?:[^\s,;:]+\s+){0,4}[^\s,;:]+,\s*$")
# A preposition (and "the") right before a name: the name is its object...
OBJECT_PREPOSITION_RE = re.compile(r"\b(?:in|into|to|against|about|over|toward|towards)\s+(?:[Tt]he\s+)?$")
# ...unless a clause about the name follows it.
WHO_CLAUSE_RE = re.compile(r",?\s+who\b")
# "according to" before a name: a source, which may have reported someone else's words.
SOURCE_RE = re.compile(r"\b[Aa]ccording to\s+(?:the\s+)?$")

# Lower-case words that may stand between a verb of speech and the name of its speaker.
TITLE_LIKE_WORDS = TITLE_WORDS | ROLE_WORDS | ORGANISATION_WORDS | frozenset({"the", "a", "an", "its", "his", "her"})
# "he said", "said she", "she paused, then added", and a statement the last person named made ("the statement
# said", "his letter says").
# "She said" refers to the person last named or quoted in its paragraph or the few before it: stories run a
# speaker's remarks over several paragraphs with scene-setting between them.
PRONOUN_REACH_PARAGRAPHS = 3
PRONOUN_SPEAKS_RE = re.compile(
    rf"\b(?:[Hh]e|[Ss]he|(?:[Tt]he|[Hh]is|[Hh]er)\s+(?:statement|letter|tweet|post|email|message))\s+"
    rf"(?:[a-z]+,?\s+){{0,3}}{_SPEECH_VERB}\b|\b{_SPEECH_VERB}\s+(?:he|she)\b"
)
# "the company said", "said the firm", and a clause with such a subject before a colon ("The company issued a
# statement:"): the body of that kind last named stands for it.
_BODY_NOUN = "(?:" + "|".join(sorted(BODY_TYPE_NOUNS, key=len, reverse=True)) + ")"
BODY_SPEAKS_RE = re.compile(
    rf"\b[Tt]he\s+{_BODY_NOUN}\s+(?:[a-z]+,?\s+){{0,3}}{_SPEECH_VERB}\b|\b{_SPEECH_VERB}\s+the\s+{_BODY_NOUN}\b"
)
BODY_SUBJECT_RE = re.compile(rf"\W*[Tt]he\s+{_BODY_NOUN}\s+[a-z]")
# '"…," the committee chairman said', "said the senator": a person by a role that names one person, who was named
# before, the subject of the verb of speech (not "approached the senator, saying"; not "the spokesperson", who
# is often left unnamed: "A spokesperson for the company said …").
SPEAKING_ROLES = frozenset("chairman chairwoman congressman congresswoman senator lawmaker governor mayor".split())
_ROLE = "(?:" + "|".join(sorted(SPEAKING_ROLES, key=len, reverse=True)) + ")"
ROLE_SPEAKS_RE = re.compile(
    rf"(?:^|[,”\"]\s*)[Tt]he\s+(?:[\w'’-]+\s+){{0,3}}?{_ROLE}\s+(?:[a-z]+\s+){{0,2}}{_SPEECH_VERB}\b"
    rf"|\b{_SPEECH_VERB}\s+the\s+(?:[\w'’-]+\s+){{0,3}}?{_ROLE}\b(?![’']s)"
)
# Words before a name that make it an object, not a subject; and after it, words that continue a phrase.
OBJECT_MARKERS = frozenset(
    "the a an of to for with by from at in on during about against and or than as like his her their its".split()
)
DESCRIPTOR_RE = re.compile(r"\bthe\s+((?:[A-Z]?[\w’']+\s+){0,3}[A-Z]?[\w’']+)", re.IGNORECASE)
SENTENCE_END_RE = re.compile(r"[.!?]")
TOKEN_RE = re.compile(r"[\w’']+|[^\w\s]")
OPENING_RE = re.compile(r"\s*[A-Z]")
SPACES_RE = re.compile(r"\s*")
WORD_CHARACTER_RE = re.compile(r"[^\W_]")
# How far before a name attribution reads for the words that make it a speaker or a source ("said Home
# Secretary", "according to the"): far more than those phrases take, and a bound on the work per name.
LOOKBEHIND_CHARS = 200
# How many speakers attached to a verb of speech attribution weighs on either side of a quote: the nearest
# decides, so a few are plenty, and a sentence naming thousands costs no more per quote.
NEAREST_ATTRIBUTIONS = 4


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of the words inside each quotation in `text`.

    >>> t = 'He said: “We are ready.” It was ‘no small matter’, and Smith’s view.'
    >>> [t[a:b] for a, b in find_quote_spans(t)]
    ['We are ready.', 'no small matter']
    >>> t = 'He would put the "decision on hold.” Then he left.'
    >>> [t[a:b] for a, b in find_quote_spans(t)]
    ['decision on hold.']
    """
    spans = []
    position = 0
    # closer → (searched from, first closer found from there or None): a closer that is missing, or far
    # ahead, is looked for once rather than again for every opener before it.
    looked: dict[str, tuple[int, int, int, int | None]] = {}
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
        ends = [
            end for c in (closer, *MIXED_CLOSERS.get(char, ())) if (end := _next_closer(text, position + 1, c, looked))
        ]
        stop = min(ends, default=len(text))
        if stop > position + 1:
            spans.append((position + 1, stop))
        position = stop + 1
    return spans


def in_quotation(text: str, position: int) -> bool:
    """True when `position` of `text` (a sentence or a paragraph) falls inside one of its quotations."""
    return any(start <= position < end for start, end in find_quote_spans(text))


def _next_closer(text: str, start: int, closer: str, looked: dict[str, tuple[int, int, int, int | None]]) -> int | None:
    """`_find_closer`, reusing the answer of an earlier search (kept in `looked`) when it holds from `start`."""
    if closer in looked:
        searched_from, first_seen, resumed, found = looked[closer]
        # The answer holds from anywhere before the first mark that search met, and from where it last
        # resumed after passing over a quotation inside (a search from inside that one ends elsewhere).
        if (searched_from <= start <= first_seen or resumed <= start) and (found is None or found >= start):
            return found
    first_seen, resumed, found = _find_closer(text, start, closer)
    looked[closer] = (start, first_seen, resumed, found)
    return found


def _find_closer(text: str, start: int, closer: str) -> tuple[int, int, int | None]:
    """Index in `text` of the first `closer` from `start` that is not an apostrophe nor a quotation inside the one
    it closes (None when there is none), after where the search first met `closer` and where it last resumed
    after passing over a quotation inside."""
    position = resumed = start
    first_seen = text.find(closer, start)
    if first_seen == -1:
        first_seen = len(text)
    while True:
        position = text.find(closer, position)
        if position == -1:
            return first_seen, resumed, None
        # A curly single closer followed by a letter is an apostrophe ("there’s").
        if closer == "’" and position + 1 < len(text) and text[position + 1].isalpha():
            position += 1
            continue
        # A straight mark after a space and before a word opens a quotation inside this one ('"The pier never had
        # a "two-tier" fee. Rather …"'): it and its own closer are passed over.
        if closer == '"' and _opens_inner_quote(text, position):
            position = resumed = text.index('"', position + 1) + 1
            continue
        return first_seen, resumed, position


def _opens_inner_quote(text: str, position: int) -> bool:
    """True when the straight quotation mark at `position` of `text` opens a quotation: a space (or a bracket)
    before it, a letter or digit after it, and a closing mark after that one before the sentence ends.

    >>> _opens_inner_quote('"It never had a "two-tier" fee."', 16), _opens_inner_quote('"We won." Then', 8)
    (True, False)
    """
    before = text[position - 1] if position else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    if not (before.isspace() or before in "([") or not after.isalnum():
        return False
    closing = text.find('"', position + 1)
    return closing != -1 and not SENTENCE_END_RE.search(text, position + 1, closing)


@dataclass(frozen=True)
class _Speech:
    """What attribution needs to know of one document: who may speak, where people are named, where quotes are."""

    document: Document
    by_id: dict[str, Sentence]
    speakers: dict[str, list[tuple[int, int, str]]]  # sentence id → (start, end, entity id) of those who may speak
    named: list[tuple[int, int, str]]  # (position, paragraph index, person id) of people named outside quotes
    quoted: list[tuple[int, int]]  # every quotation's span in Article.text, sorted
    descriptors: dict[str, set[str]]
    ordinals: dict[str, int]  # paragraph id → its place among the compared paragraphs (see `ordinals_of`)
    people: frozenset[str] = frozenset()  # the ids of those who may speak that are people
    bodies: frozenset[str] = frozenset()  # ... and that are organisations
    paragraph_of: dict[str, int] = field(default_factory=dict)  # sentence id → its paragraph's ordinal
    compared_at: dict[int, Paragraph] = field(default_factory=dict)  # ordinal → the compared paragraph there
    # What attribution reads of a sentence does not depend on the quote being attributed: it is worked out
    # once per sentence, so that a paragraph of many quotes costs time in proportion to its length.
    masked_texts: dict[str, str] = field(default_factory=dict)
    direct: dict[str, tuple[list[tuple[int, str]], list[tuple[int, str]]]] = field(default_factory=dict)
    matches: dict[tuple[str, str], list[tuple[int, str]]] = field(default_factory=dict)  # see `_found_in`
    # person id → "m" or "f": "Mr.", "Ms.", "her son" before it, or "he" or "she" after it in a sentence naming
    # no one else
    genders: dict[str, str] = field(default_factory=dict)
    descriptor: dict[str, str | None] = field(default_factory=dict)
    bodies_named: list[tuple[int, int, str]] = field(default_factory=list)  # as `named`, for bodies that may speak


def extract_quotes(
    document: Document, entities: tuple[Entity, ...], descriptors: dict[str, set[str]], options: CompareOptions
) -> list[Quote]:
    """Find the quotations of `document`'s body and attribute them to speakers (see the module's docstring)."""
    side = document.side
    names = {e.id: e.name for e in entities}
    found: list[tuple[Paragraph, int, int]] = []
    quoted: list[tuple[int, int]] = []
    # paragraph id → where its last quotation starts (in Article.text), when it runs on into the next paragraph
    left_open: dict[str, int] = {}
    for paragraph in document.paragraphs:
        if not paragraph.compared:
            continue
        for start, end in find_quote_spans(paragraph.text):
            if end == len(paragraph.text):
                left_open[paragraph.id] = paragraph.start + start
            quoted.append((paragraph.start + start, paragraph.start + end))
            # Trim spaces and a trailing comma ("…," she said) from the text
            # and its offsets alike, so that Article.text[start:end] is the quote.
            while start < end and paragraph.text[start].isspace():
                start += 1
            while end > start and (paragraph.text[end - 1].isspace() or paragraph.text[end - 1] == ","):
                end -= 1
            words = paragraph.text[start:end]
            if _quoted_title(paragraph.text, start, end):
                continue  # 'a “Night Harbour Hour” sketch': the name of a show, a book or a campaign, which nobody says
            if len(tokenize(words)) >= options.min_quote_words and len(found) < options.max_quotes:
                found.append((paragraph, start, end))
    speech = _speech_of(document, entities, descriptors, quoted)
    ordinals = speech.ordinals
    quotes: list[Quote] = []
    # (end, paragraph index, speaker) of the quotes attributed so far: "he said" may refer to their speaker.
    spoken: list[tuple[int, int, str]] = []
    for paragraph, start, end in found:
        absolute_start, absolute_end = paragraph.start + start, paragraph.start + end
        sentences = _overlapping(paragraph, absolute_start, absolute_end)
        speaker = _attribute(speech, paragraph, sentences, absolute_start, absolute_end, spoken)
        if speaker is None and spoken:
            last_end, last_paragraph, last_speaker = spoken[-1]
            alone = _stands_alone(paragraph.text, start, end)
            here = ordinals[paragraph.id]
            if (alone and last_paragraph == here - 1) or (
                last_paragraph == here and not _names_a_speaker(speech, sentences, last_end)
            ):
                # A paragraph all quotation continues the previous paragraph's speaker, and a quote in a
                # paragraph naming no one since its earlier quote continues that quote's speaker.
                speaker = last_speaker
        if speaker is None and _stands_alone(paragraph.text, start, end):
            speaker = _last_subject(speech, ordinals[paragraph.id] - 1)  # 'Ms Lowe said the plan was sound.' then "…"
        if speaker is None:
            speaker = _headed_body(speech, paragraph, start, end, names)  # '"…," the board said': the Harbour Board
        # '"…," the lawsuit says': no one is named, but the text says whose words these are.
        speaker_name = names.get(speaker) if speaker else _document_speaker(paragraph.text, start, end)
        # A quotation cut with an ellipsis joins runs of the speaker's words from different places: each run is a
        # quote of its own, so each can meet the other article's quote of those words.
        for part_start, part_end in _excerpt_runs(paragraph.text, start, end, options.min_quote_words):
            quotes.append(
                Quote(
                    f"{side}-q{len(quotes) + 1}",
                    side,
                    paragraph.text[part_start:part_end],
                    speaker,
                    speaker_name,
                    _overlapping(paragraph, paragraph.start + part_start, paragraph.start + part_end),
                    paragraph.id,
                    paragraph.start + part_start,
                    paragraph.start + part_end,
                )
            )
        if speaker is not None:
            insort(spoken, (absolute_end, ordinals[paragraph.id], speaker))
    return _repeated_speakers(_continued_speakers(quotes, left_open, speech, names))


# A quotation of at least this many words that a story repeats is one remark: its speaker is named once.
REPEATED_QUOTE_MIN_WORDS = 4


def _repeated_speakers(quotes: list[Quote]) -> list[Quote]:
    """`quotes`, with an unattributed quotation given the speaker of another quotation of the story that holds
    the same words (at least `REPEATED_QUOTE_MIN_WORDS`): a story often gives a remark first as a phrase of its
    own ('…, calling it “the right plan at the worst moment.”') and names who said it later ('Lowe said …, but
    “this is the right plan at the worst moment.”').  Several speakers of those words: none is taken."""
    words = {q.id: plain_words(q.text) for q in quotes}
    # Each run of that many words of an attributed quotation → the quotations holding it, so that a phrase is
    # looked for in the few quotations that may hold it, not in all of them.
    holding: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for index, quote in enumerate(quotes):
        if quote.speaker is not None:
            own = words[quote.id]
            for at in range(len(own) - REPEATED_QUOTE_MIN_WORDS + 1):
                holding[own[at : at + REPEATED_QUOTE_MIN_WORDS]].add(index)
    result = []
    for quote in quotes:
        own = words[quote.id]
        if quote.speaker is None and quote.speaker_name is None and len(own) >= REPEATED_QUOTE_MIN_WORDS:
            speakers = {
                (quotes[index].speaker, quotes[index].speaker_name)
                for index in holding.get(own[:REPEATED_QUOTE_MIN_WORDS], ())
                if run_position(own, words[quotes[index].id]) is not None
            }
            if len(speakers) == 1:
                speaker, name = speakers.pop()
                quote = replace(quote, speaker=speaker, speaker_name=name)
        result.append(quote)
    return result


def _continued_speakers(
    quotes: list[Quote], left_open: dict[str, int], speech: _Speech, names: dict[str, str]
) -> list[Quote]:
    """`quotes`, with an unattributed quotation that runs on into the next paragraph given that one's speaker.

    News style leaves a quotation open at a paragraph's end when the speaker goes on in the next paragraph,
    which opens with a quote mark; the attribution may come only there ('"… space.' then '"This shift is an
    idea whose time has come," said Prof Lowe').  `left_open` maps a paragraph whose last quotation is left open
    to where that quotation starts.  Read from the last paragraph back, so that a remark over three paragraphs
    takes the speaker named in the third.
    """
    by_ordinal: dict[int, list[int]] = {}
    for index, quote in enumerate(quotes):
        by_ordinal.setdefault(speech.ordinals[quote.paragraph], []).append(index)
    result = list(quotes)
    for ordinal in sorted(by_ordinal, reverse=True):
        following = by_ordinal.get(ordinal + 1)
        opened_at = left_open.get(result[by_ordinal[ordinal][-1]].paragraph)
        if opened_at is None or not following:
            continue
        successor = result[following[0]]
        lead_in = speech.document.article.text[speech.compared_at[ordinal + 1].start : successor.start]
        if successor.speaker is None or lead_in.strip(" “\"‘'"):
            continue  # the next paragraph does not open with the remark going on, or no one is named for it
        for index in by_ordinal[ordinal]:
            if result[index].speaker is None and result[index].start >= opened_at:
                result[index] = replace(
                    result[index], speaker=successor.speaker, speaker_name=names.get(successor.speaker)
                )
    return result


# Documents whose words a story quotes as it would a person's: "the lawsuit says", "the report said".
DOCUMENT_WORDS = (
    "lawsuit suit complaint filing petition motion report study survey statement letter memo memorandum ruling "
    "order indictment bill document brief judgment opinion resolution"
).split()
DOCUMENT_SPEAKS_RE = re.compile(
    rf"\b(?P<name>[Tt]he\s+(?:{'|'.join(DOCUMENT_WORDS)}))\b"
    # "the lawsuit from Nebraska, where it is banned, argues": who filed it, and a clause about them (or a few:
    # "The suit, which was brought by the attorney general, Jon Doe, accused")
    r"(?:\s+(?:from|by|of|filed)\s[^“”\"‘.;:]{1,100}?)?(?:\s*(?:,[^,;:“”\"‘.]{1,100}?){1,4},)?"
    r"(?:\s+(?:also|further|then))?\s+"
    rf"(?:{_SPEECH_VERB}|argues|claims|notes|warns|insists|asserts|concludes|finds|found|alleges|alleged|accuses"
    r"|accused|contends|contended|reads|read|states)\b"
)
# '"…," says the 102-page report': the verb first, then the document, described by up to three words.
DOCUMENT_SPOKEN_RE = re.compile(
    rf"\b(?:says|said|states|stated|reads|read|concludes|concluded|warns|warned)\s+"
    rf"(?P<name>the\s+(?:[\w’'-]+\s+){{0,3}}?(?:{'|'.join(DOCUMENT_WORDS)}))\b"
)
# Someone a story describes and does not name: "one official briefed on the matter", "a State Department
# spokeswoman".
UNNAMED_SOURCE_WORDS = "official spokesman spokeswoman spokesperson aide adviser advisor diplomat".split()
_UNNAMED = rf"(?:[\w’'-]+\s+){{0,3}}?(?:{'|'.join(UNNAMED_SOURCE_WORDS)})"
# '"…," said one official briefed on the matter'...
UNNAMED_SPOKEN_RE = re.compile(rf"\b(?:said|says|added|adds)\s+(?P<name>(?:an?|one|another)\s+{_UNNAMED})\b")
# ...and 'A senior administration official, who spoke on condition of anonymity, said'.
UNNAMED_SPEAKS_RE = re.compile(
    rf"\b(?P<name>(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+{_UNNAMED})\b(?:\s*,[^,;:“”\"‘.]{{1,100}}?,)?"
    rf"(?:\s+(?:also|later))?\s+(?:said|says|told|added)\b"
)
# A document or an unnamed source speaks for a quotation when named this close to it (characters between them)...
DOCUMENT_SPEAKER_REACH = 80
# ...and its phrase, from "the" to the verb, is at most this long (the pattern's limits allow no more).
DOCUMENT_PHRASE_MAX_CHARS = 260


def _document_speaker(text: str, start: int, end: int) -> str | None:
    """The document the quotation at `start`:`end` of paragraph `text` is quoted from, as written ("the lawsuit"),
    or the unnamed source who says it ("one official"), when one is said to speak right before or after it and no
    one is named.

    >>> text = 'The port has a "dangerous gap," the lawsuit says.'
    >>> _document_speaker(text, text.index("dangerous"), text.index('"', 16))
    'the lawsuit'
    """
    found: list[tuple[int, str]] = []
    for distance, match in _speaking_near(
        text,
        start,
        end,
        (DOCUMENT_SPEAKS_RE, DOCUMENT_SPOKEN_RE, UNNAMED_SPEAKS_RE, UNNAMED_SPOKEN_RE, ISSUED_DOCUMENT_RE),
    ):
        name = match["name"].lower()
        if match.re is not ISSUED_DOCUMENT_RE:
            found.append((distance, name))
        elif match.end() <= start:  # what a statement goes on to call for comes after it, never before
            found.append((distance, f"the {name}"))
    return min(found)[1] if found else None


# An ellipsis marking words left out of a quotation: "…", "...", ". . .".
ELLIPSIS_RE = re.compile(r"\s*(?:…|\.(?:\s?\.){2,})\s*")


def _excerpt_runs(text: str, start: int, end: int, min_words: int) -> list[tuple[int, int]]:
    """The runs of `text[start:end]` (a quotation) between ellipses, as offsets into `text`, leaving out runs of
    fewer than `min_words` words; the whole quotation when fewer than two runs are left (no ellipsis inside, or
    one that only trails or cuts off a word or two).

    >>> text = 'He said: "we back the plan ... the permits are on hold..."'
    >>> [text[s:e] for s, e in _excerpt_runs(text, 10, len(text) - 1, 2)]
    ['we back the plan', 'the permits are on hold']
    """
    runs: list[tuple[int, int]] = []
    position = start
    for ellipsis in ELLIPSIS_RE.finditer(text, start, end):
        runs.append((position, ellipsis.start()))
        position = ellipsis.end()
    runs.append((position, end))
    kept = [(s, e) for s, e in runs if len(tokenize(text[s:e])) >= min_words]
    # A run of two or three words between two others is a speaker's pause ("And we ... well, …"), not
    # a cut between two excerpts: the quotation stays whole.
    if len(kept) < 2 or any(len(tokenize(text[s:e])) < EXCERPT_MIN_WORDS for s, e in kept):
        return [(start, end)]
    return kept


#: The fewest words of a run of a quotation cut with an ellipsis that make it an excerpt of its own.
EXCERPT_MIN_WORDS = 4


def _quoted_title(text: str, start: int, end: int) -> bool:
    """True when the quotation `text[start:end]` is a title set in quote marks within a sentence: at most
    `TITLE_MAX_WORDS` words, each capitalised, no sentence mark, after a word in lower case ('a “Night Harbour
    Hour” sketch', 'the “Keep Our Pier Open” campaign'), so nobody is quoted saying it.

    >>> text = 'He mentioned a “Night Harbour Hour” sketch. “Thank you,” he said.'
    >>> [_quoted_title(text, text.index(w), text.index(w) + len(w)) for w in ("Night Harbour Hour", "Thank you,")]
    [True, False]
    """
    words = text[start:end].split()
    before = text[: start - 1].split()[-1:] if start else []
    return (
        0 < len(words) <= TITLE_MAX_WORDS
        and all(w[:1].isupper() or not w[:1].isalpha() for w in words)
        and not re.search(r"[.!?…]\W*$", text[start:end])
        and bool(before)
        and before[0][:1].islower()
    )


#: The most words of a title set in quote marks.
TITLE_MAX_WORDS = 5


def _speech_of(
    document: Document, entities: tuple[Entity, ...], descriptors: dict[str, set[str]], quoted: list[tuple[int, int]]
) -> _Speech:
    """Index `document`'s mentions of those who may speak (`can_speak`) and of people, outside the `quoted` spans."""
    quoted = sorted(quoted)
    starts = [lo for lo, _ in quoted]
    by_id = {sentence.id: sentence for sentence in document.sentences}
    ordinals = ordinals_of(document)
    paragraph_of = {s.id: ordinals[p.id] for p in document.paragraphs for s in p.sentences}
    speakers: dict[str, list[tuple[int, int, str]]] = {}
    named: list[tuple[int, int, str]] = []
    bodies_named: list[tuple[int, int, str]] = []
    for entity in entities:
        if not can_speak(entity):
            continue
        for mention in entity.mentions(document.side):
            sentence = by_id.get(mention.sentence)
            if sentence is None or _inside(sentence.start + mention.start, quoted, starts):
                continue  # a name inside a quotation is not its speaker, nor the "he" of the next one
            speakers.setdefault(mention.sentence, []).append((mention.start, mention.end, entity.id))
            subject = _in_subject_place(sentence.text, mention.start, mention.end) or bool(
                SUBJECT_OF_SPEECH_RE.match(sentence.text, mention.end)
            )
            if entity.kind == "person" and subject:
                named.append((sentence.start + mention.start, paragraph_of[sentence.id], entity.id))
            if entity.kind != "person":
                bodies_named.append((sentence.start + mention.start, paragraph_of[sentence.id], entity.id))
    for mentions in speakers.values():
        mentions.sort()
    people = frozenset(e.id for e in entities if e.kind == "person")
    genders = person_genders(
        document, {e.id: e.mentions(document.side) for e in entities if e.id in people and can_speak(e)}, quoted
    )
    bodies = frozenset(e.id for e in entities if e.kind == "organisation")
    compared_at = {ordinals[p.id]: p for p in document.paragraphs if p.compared}
    # "The governor said" in one article is someone that article names, whatever governor the other one names.
    mentioned = {e.id for e in entities if e.mentions(document.side)}
    return _Speech(
        document,
        by_id,
        speakers,
        sorted(named),
        quoted,
        {entity_id: known for entity_id, known in descriptors.items() if entity_id in mentioned},
        ordinals,
        people,
        bodies,
        paragraph_of,
        compared_at,
        bodies_named=sorted(bodies_named),
        genders=genders,
    )


def person_genders(
    document: Document, people: Mapping[str, Sequence[Mention]], quoted: Sequence[tuple[int, int]]
) -> dict[str, str]:
    """Each person of `people` (a key → the person's mentions in `document`) whose gender the text gives → "m" or
    "f": "Mr.", "Ms.", "her son" … right before a mention, or the "he" or "she" after the name in a sentence naming
    that person alone.  Mentions and pronouns inside `quoted` (quotation spans in Article.text, disjoint) do not
    count, a title before a quoted name aside.  A title wins over a pronoun; among titles the first mention
    given, among pronouns the earliest sentence naming the person alone.

    Whether "he" or "she" can stand for someone: for a quote's speaker and for the name a label puts in place of
    an opening pronoun (`facts.pronoun_referents`).
    """
    quoted = sorted(quoted)
    starts = [lo for lo, _ in quoted]
    by_id = {sentence.id: sentence for sentence in document.sentences}
    genders: dict[str, str] = {}
    outside: dict[str, list[tuple[int, str]]] = {}  # sentence id → (end, person) of its mentions outside quotations
    for person, mentions in people.items():
        for mention in mentions:
            sentence = by_id.get(mention.sentence)
            if sentence is None:
                continue
            title = GENDERED_TITLE_RE.search(sentence.text, max(0, mention.start - GENDER_CUE_CHARS), mention.start)
            if title is not None:
                genders.setdefault(person, "m" if title.group(1).lower() in MASCULINE_CUES else "f")
            if not _inside(sentence.start + mention.start, quoted, starts):
                outside.setdefault(mention.sentence, []).append((mention.end, person))
    for sentence in document.sentences:
        named = outside.get(sentence.id, [])
        # "Lowe touched off the row when she apologized": the one person a sentence names is the "she" after the
        # name, outside quotations.
        if len({person for _, person in named}) != 1:
            continue
        after = max(end for end, _ in named)
        pronoun = next(
            (
                m
                for m in SUBJECT_PRONOUN_RE.finditer(sentence.text, after)
                if not _inside(sentence.start + m.start(), quoted, starts)
            ),
            None,
        )
        # "Ek asked her if she could …": someone else, spoken of between them, may be the "she".
        if pronoun is not None and not OBJECT_PRONOUN_RE.search(sentence.text, after, pronoun.start()):
            genders.setdefault(named[0][1], _pronoun_gender(pronoun.group()))
    return genders


def quotation_spans(document: Document) -> list[tuple[int, int]]:
    """The spans (in Article.text, sorted) of the quotations of `document`'s compared paragraphs."""
    return [
        (paragraph.start + start, paragraph.start + end)
        for paragraph in document.paragraphs
        if paragraph.compared
        for start, end in find_quote_spans(paragraph.text)
    ]


# "Mr." or "Ms." right before a name, or "her son", "his wife", says whether "he" or "she" can stand for that
# person.
MASCULINE_CUES = frozenset("mr son husband father brother boyfriend grandson nephew uncle".split())
FEMININE_CUES = frozenset("mrs ms miss daughter wife mother sister girlfriend granddaughter niece aunt widow".split())
GENDERED_TITLE_RE = re.compile(
    rf"\b({'|'.join(sorted(MASCULINE_CUES | FEMININE_CUES, key=len, reverse=True))})\.?\s+$", re.IGNORECASE
)
# ...within this many characters before it.
GENDER_CUE_CHARS = 16


def _masked(speech: _Speech, sentence: Sentence) -> str:
    """`sentence`'s text with every quotation blanked out, so that only the reporter's words are read."""
    cached = speech.masked_texts.get(sentence.id)
    if cached is not None:
        return cached
    pieces: list[str] = []
    done = sentence.start
    # The quotations are sorted and disjoint: only those from the last one starting before the sentence on
    # can overlap it.
    first = max(0, bisect_right(speech.quoted, (sentence.start, sentence.start)) - 1)
    for lo, hi in speech.quoted[first:]:
        if lo >= sentence.end:
            break
        lo, hi = max(lo, done), min(hi, sentence.end)
        if lo < hi:
            pieces.append(sentence.text[done - sentence.start : lo - sentence.start])
            pieces.append(" " * (hi - lo))
            done = hi
    pieces.append(sentence.text[done - sentence.start :])
    masked = "".join(pieces)
    speech.masked_texts[sentence.id] = masked
    return masked


def _attributions(
    speech: _Speech, sentence: Sentence, spoken: list[tuple[int, int, str]], quote_start: int, quote_end: int
) -> list[tuple[int, str]]:
    """(position in Article.text, entity id) of the speakers `sentence` attaches to a verb of speech near a quote.

    "Smith said", "Smith, the mayor, told reporters", "said Home Secretary
    Smith", "according to Smith", and a pronoun ("he said", "said she"),
    which refers to the person last named (or quoted, `spoken`, sorted) before
    it, in its paragraph or the `PRONOUN_REACH_PARAGRAPHS` before it.  Only the
    `NEAREST_ATTRIBUTIONS` on either side of the quote at `quote_start`:`quote_end`
    are read: the nearest is the one that counts.
    """
    found, sources = _direct_attributions(speech, sentence)
    near = _nearest(found, quote_start, quote_end)
    paragraph = speech.paragraph_of[sentence.id]
    for position, words in _nearest(_found_in(speech, sentence, PRONOUN_SPEAKS_RE), quote_start, quote_end):
        referent = _referent(speech, paragraph, position, spoken, _pronoun_gender(words))
        if referent is not None:
            near.append((position, referent))
    for position, _ in _nearest(_found_in(speech, sentence, BODY_SPEAKS_RE), quote_start, quote_end):
        body = _body_referent(speech, paragraph, position)
        if body is not None:
            near.append((position, body))
    for position, _ in _nearest(_found_in(speech, sentence, THEY_SPEAK_RE), quote_start, quote_end):
        first = _first_of_pair(speech, sentence, position)
        if first is not None:
            near.append((position, first))
    # "…, according to CNN": a source reports someone's words; it is the speaker only when no one else is.
    return near or _nearest(sources, quote_start, quote_end)


def _found_in(speech: _Speech, sentence: Sentence, pattern: re.Pattern[str]) -> list[tuple[int, str]]:
    """(position in Article.text, words) of each match of `pattern` in `sentence`'s reporter's words (`_masked`),
    in order; read once per sentence, however many quotes it attributes."""
    key = (pattern.pattern, sentence.id)
    found = speech.matches.get(key)
    if found is None:
        found = [(sentence.start + m.start(), m.group()) for m in pattern.finditer(_masked(speech, sentence))]
        speech.matches[key] = found
    return found


def _first_of_pair(speech: _Speech, sentence: Sentence, position: int) -> str | None:
    """Who "they" at `position` (in `sentence`) stands for: the first of two people last named together as a
    subject ("Nancy Pelosi and Chuck Schumer said in a statement. … They vowed …"), in the sentence's paragraph or
    the `PRONOUN_REACH_PARAGRAPHS` before it; None when no two people were named so (a group a story describes,
    "five senators", is no one to name)."""
    paragraph = speech.paragraph_of[sentence.id]
    sentences = speech.document.sentences
    # Read back from the pronoun's sentence, only as far as a pronoun reaches: the work stays small.
    index = bisect_right(sentences, position, key=lambda s: s.start) - 1
    while index >= 0 and speech.paragraph_of.get(sentences[index].id, -1) >= paragraph - PRONOUN_REACH_PARAGRAPHS:
        candidate = sentences[index]
        index -= 1
        people = [m for m in speech.speakers.get(candidate.id, ()) if m[2] in speech.people]
        for (_, end, first), (start, second_end, second) in reversed(list(pairwise(people))):
            if candidate.start + start >= position or first == second:
                continue
            joined = PAIR_JOIN_RE.fullmatch(candidate.text, end, start)
            if joined and SUBJECT_OF_SPEECH_RE.match(candidate.text, second_end):
                return first
    return None


# "they said", "said they": a pronoun for two or more speakers.
THEY_SPEAK_RE = re.compile(rf"\b[Tt]hey\s+(?:[a-z]+,?\s+){{0,3}}{_SPEECH_VERB}\b|\b{_SPEECH_VERB}\s+they\b")
# What joins two names as one subject: "and", and the second one's title ("and Senate Democratic Leader").
PAIR_JOIN_RE = re.compile(r",?\s+(?:and|&)\s+(?:[A-Z][\w.’'-]*\s+){0,5}")


def _referent(
    speech: _Speech, paragraph: int, position: int, spoken: list[tuple[int, int, str]], gender: str = ""
) -> str | None:
    """Who "he" or "she" at `position` (in the compared paragraph `paragraph`) stands for: the person last named,
    or quoted (`spoken`), before it, in that paragraph or the `PRONOUN_REACH_PARAGRAPHS` before it; not someone
    the text calls "Ms." when the pronoun is "he" (`gender` "m"), nor "Mr." for "she"."""
    text = speech.document.article.text
    # Who last asked "her" something is not the "she" who answers (`_asks_the_other`), quoted or named.
    named_before = bisect_left(speech.named, (position,))
    askers = {
        entity_id
        for at, where, entity_id in speech.named[max(0, named_before - MAX_ASKERS) : named_before]
        if paragraph - PRONOUN_REACH_PARAGRAPHS <= where <= paragraph and _asks_the_other(text, at, gender)
    }
    referents = []
    for entries in (speech.named, spoken):
        index = bisect_left(entries, (position,)) - 1
        while index >= 0 and entries[index][1] >= paragraph - PRONOUN_REACH_PARAGRAPHS:
            at, where, entity_id = entries[index]
            if (
                where <= paragraph
                and (not gender or speech.genders.get(entity_id, gender) == gender)
                and entity_id not in askers
            ):
                referents.append((at, entity_id))
                break
            index -= 1
    return max(referents)[1] if referents else None


def _asks_the_other(text: str, at: int, gender: str) -> bool:
    """True when the person named at `at` puts a question to someone "he" or "she" (`gender`) stands for, in the
    same sentence ("Rep. Joseph Crowley asked her if she could comment. She said: …"): that one answers."""
    if not gender:
        return False
    found = ASKS_SOMEONE_RE.match(text, at)
    return found is not None and (found.group(1).lower() == "her") == (gender == "f")


# How many people named before a pronoun are read for one who asked the other a question.
MAX_ASKERS = 4
# A name, then within its sentence a verb that puts a question to someone: "asked her", "pressed him" (not "urged
# him to be quiet": the one urged does not answer).
ASKS_SOMEONE_RE = re.compile(r"(?:(?![.!?]\s+[A-Z“\"])[^“”\"]){0,80}?\b(?:asked|pressed|questioned)\s+(her|him)\b")


def _pronoun_gender(words: str) -> str:
    """The gender of the pronoun in `words` (a match of `PRONOUN_SPEAKS_RE`): "m" for "he" or "his", "f" for "she"
    or "her", "" for none."""
    found = PRONOUN_WORD_RE.search(words)
    if found is None:
        return ""
    return "f" if found.group().lower() in ("she", "her") else "m"


PRONOUN_WORD_RE = re.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er)\b")
# "he" or "she", a subject: who a sentence naming one person goes on to speak of.
SUBJECT_PRONOUN_RE = re.compile(r"\b(?:he|she)\b")
OBJECT_PRONOUN_RE = re.compile(r"\b(?:him|her|them|his|their)\b", re.IGNORECASE)


def _body_referent(speech: _Speech, paragraph: int, position: int) -> str | None:
    """Who "the company" (or "the firm", …) at `position` stands for: the organisation last named before it, in
    the compared paragraph `paragraph` or the `PRONOUN_REACH_PARAGRAPHS` before it, else the body of unknown kind
    last named there."""
    within: list[tuple[bool, int, str]] = []
    # Read back from `position` through the names within reach, a bounded number of them: the work per
    # reference stays small however many bodies an article names.
    index = bisect_left(speech.bodies_named, (position,)) - 1
    while index >= 0 and len(within) < MAX_BODY_REFERENTS:
        at, where, entity_id = speech.bodies_named[index]
        if where < paragraph - PRONOUN_REACH_PARAGRAPHS:
            break
        if where <= paragraph:
            within.append((entity_id in speech.bodies, at, entity_id))
        index -= 1
    # A name known to be an organisation before one of unknown kind ("Portco", never typed), the latest first.
    return max(within)[2] if within else None


# How many names of bodies before "the company" `_body_referent` weighs.
MAX_BODY_REFERENTS = 20
# The last word of a body's name, used alone after "the" to stand for it: "the board" is the Harbour Board.
BODY_HEAD_NOUNS = "board committee panel commission council".split()
_HEAD = "(?:" + "|".join(BODY_HEAD_NOUNS) + ")"
# '"…," the board said', 'reported the board as saying', 'said the panel': not 'the committee chairman said'.
HEADED_BODY_SPEAKS_RE = re.compile(
    rf"\b[Tt]he\s+(?P<head>{_HEAD})\s+(?:also\s+|as\s+)?{_SPEECH_VERB}\b"
    rf"|\b{_SPEECH_VERB}\s+the\s+(?P<after>{_HEAD})\b(?!\s+[a-z])"
)


def _headed_body(speech: _Speech, paragraph: Paragraph, start: int, end: int, names: dict[str, str]) -> str | None:
    """The body "the board" (or "the committee", …) speaking nearest the quotation at `start`:`end` of
    `paragraph` stands for: the last body named before it, in reach as for "the company" (`_body_referent`), whose
    name ends in that word ("Harbour Board").  Within `DOCUMENT_SPEAKER_REACH` of the quotation, with no other
    quotation between."""
    for _, match in sorted(_speaking_near(paragraph.text, start, end, (HEADED_BODY_SPEAKS_RE,)), key=lambda f: f[0]):
        head = (match["head"] or match["after"]).capitalize()
        index = bisect_left(speech.bodies_named, (paragraph.start + match.start(),)) - 1
        for at in range(index, max(-1, index - MAX_BODY_REFERENTS), -1):
            _, where, entity_id = speech.bodies_named[at]
            if where < speech.ordinals[paragraph.id] - PRONOUN_REACH_PARAGRAPHS:
                break
            if names.get(entity_id, "").split()[-1:] == [head]:
                return entity_id
    return None


def _speaking_near(
    text: str, start: int, end: int, patterns: Sequence[re.Pattern[str]]
) -> list[tuple[int, re.Match[str]]]:
    """The matches of `patterns` (who speaks, "the lawsuit says") outside the quotation at `start`:`end` of
    paragraph `text`, within `DOCUMENT_SPEAKER_REACH` characters of it and with no other quotation between, each
    with its distance from the quotation."""
    window = DOCUMENT_SPEAKER_REACH + DOCUMENT_PHRASE_MAX_CHARS
    near = []
    for pattern in patterns:
        for match in pattern.finditer(text, max(0, start - window), end + window):
            if start <= match.start() < end:
                continue  # inside the quotation: its own words
            distance = match.start() - end if match.start() >= end else start - match.end()
            between = text[end : match.start()] if match.start() >= end else text[match.end() : start]
            # Another quotation between them would be the one that speaker speaks.
            if distance <= DOCUMENT_SPEAKER_REACH and not OPENER_RE.search(between.strip(" ,.:;“”\"‘’'")):
                near.append((distance, match))
    return near


_Positioned = TypeVar("_Positioned", bound=tuple[int, str])


def _nearest(items: list[_Positioned], start: int, end: int) -> list[_Positioned]:
    """The `NEAREST_ATTRIBUTIONS` of `items` (sorted by their position, their first field) before `start` and after
    `end`."""
    before = bisect_left(items, start, key=lambda item: item[0])
    after = bisect_left(items, end, lo=before, key=lambda item: item[0])
    return [*items[max(0, before - NEAREST_ATTRIBUTIONS) : before], *items[after : after + NEAREST_ATTRIBUTIONS]]


def _direct_attributions(speech: _Speech, sentence: Sentence) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The speakers `sentence` names by a verb of speech, and the sources it names ("according to"), cached."""
    cached = speech.direct.get(sentence.id)
    if cached is not None:
        return cached
    masked = _masked(speech, sentence)
    found: list[tuple[int, str]] = []
    sources: list[tuple[int, str]] = []
    for start, end, entity_id in speech.speakers.get(sentence.id, ()):
        before = masked[max(0, start - LOOKBEHIND_CHARS) : start]
        # A name set off by commas after its description has its verb after the closing one: "the N.C.A.A.
        # president, Mark Emmert, said".
        closing = 1 if masked.startswith(",", end) and _closes_description(masked, start) else 0
        # "Thomas Friedman of The New York Times wrote", "Reince Priebus, the chairman of the Republican National
        # Committee, tried": a body named after a person and "of" is where that person works; the person speaks.
        # ("A statement from the committee said", "officials with the committee called" name no one else.)
        # A name after "of" or "on" is never the subject of the verb that follows ("both houses of Congress by
        # saying", "the top Republican on the House Foreign Affairs Committee called").
        preposition = AFFILIATION_RE.search(before)
        affiliation = preposition is not None and (
            preposition.group(1) in ("of", "on")
            or any(
                other in speech.people
                and 0 <= start - len(before) + preposition.start() - other_end <= AFFILIATION_REACH
                for _, other_end, other in speech.speakers.get(sentence.id, ())
            )
        )
        # "brought by the state's attorney general, Jon Doe, …": a name set off by commas after "by" and a description.
        affiliation = affiliation or (masked.startswith(",", end) and AGENT_DESCRIPTION_RE.search(before) is not None)
        # "condemning racism in the Harbour Party movement and calling on …": a name after a preposition is not
        # the verb's subject, unless a clause about it says so ("a letter to Ann Lowe, who said").
        affiliation = affiliation or (
            OBJECT_PREPOSITION_RE.search(before) is not None and not WHO_CLAUSE_RE.match(masked, end)
        )
        if (not affiliation and SUBJECT_OF_SPEECH_RE.match(masked, end + closing)) or _object_of_speech(before):
            found.append((sentence.start + start, entity_id))
        elif SOURCE_RE.search(before):
            sources.append((sentence.start + start, entity_id))
    speech.direct[sentence.id] = (found, sources)
    return found, sources


def ordinals_of(document: Document) -> dict[str, int]:
    """Each paragraph's place among `document`'s compared paragraphs (furniture between them does not count)."""
    ordinals: dict[str, int] = {}
    compared_before = 0
    for paragraph in sorted(document.paragraphs, key=lambda p: p.index):
        ordinals[paragraph.id] = compared_before
        compared_before += paragraph.compared
    return ordinals


def _in_subject_place(text: str, start: int, end: int) -> bool:
    """True when the name at `start`:`end` of sentence `text` reads as the subject of a clause, as a pronoun's
    referent is: a verb follows ("Ms Lowe cited"), and no article or preposition comes before it ("the Lowe
    administration", "an aide to Ann Lowe", "his wife, Ann Lowe, a lawyer")."""
    before = TOKEN_RE.findall(text, max(0, start - LOOKBEHIND_CHARS), start)
    # Where a name's home or an apposition stands between it and its verb, the name is still the subject:
    # "Elijah Cummings of Maryland, the senior Democrat on the committee, also scolded the agency".
    tag = PARENTHESIS_AFTER_NAME_RE.match(text, end)  # "Carlos Curbelo (R-Fla.) criticized"
    end = tag.end() if tag else end
    home = HOME_AFTER_NAME_RE.match(text, end)
    end = home.end() if home else end
    aside = APPOSITION_AFTER_NAME_RE.match(text, end)
    # A name set off by commas after the subject's description is the subject ("The White House press secretary,
    # Sarah Huckabee Sanders, sought to …"; "One Democrat, Representative Stephen Lynch of Massachusetts, even
    # raised the threat"): its closing comma comes before the verb.
    described = _closes_description(text, start)
    closing = (home or described) and text.startswith(",", end)
    end = aside.end() if aside else (end + 1 if closing else end)
    # A time between the name and its verb leaves it the subject: "Ann Lowe on Friday questioned the move".
    time = TIME_AFTER_NAME_RE.match(text, end)
    after = TOKEN_RE.search(text, time.end() if time else end)
    if before and before[-1].lower() in OBJECT_MARKERS:
        return False
    if before and before[-1] == "," and not (described or _opening_phrase(text, start)):
        return False  # an apposition ("his wife, Ann Lowe"); an opening phrase ("On Friday, Lowe") is fine
    if after is None or not after.group()[:1].islower():
        return False
    word = after.group().lower()
    # After a description set off by commas, a clause of its own may follow ("…, opening the debate, which
    # happened …"): only a verb makes the name its subject.
    return word not in OBJECT_MARKERS and not (aside and word in CLAUSE_WORDS)


# "(R-Fla.)", "(pictured)": a short aside in brackets right after a name.
PARENTHESIS_AFTER_NAME_RE = re.compile(r"\s*\([^()]{1,30}\)")
# "of Maryland", "of New York": where the person named is from.
HOME_AFTER_NAME_RE = re.compile(r"\s+of\s+(?:[A-Z][\w.’']*\s*){1,3}(?=[,\s])")
# ", the senior Democrat on the committee,": a short description set off by commas, with no quotation in it.
APPOSITION_AFTER_NAME_RE = re.compile(r",\s+(?=\S)(?:[^,;:\"“”]\s*){1,60}?,")
# The description of someone a sentence then names, opening it or a phrase of its own after a comma or a quote:
# "The White House press secretary", "In a statement on Thursday, the N.C.A.A. president", '"…," one of the women'.
SUBJECT_DESCRIPTION_RE = re.compile(
    r"(?:^|[,”\"’'])[”\"’']?\s*(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Oo]ne)\s[^,;:\"“”]{1,60}$"
)


def _closes_description(text: str, start: int) -> bool:
    """True when the name at `start` of sentence `text` follows a description of its own and a comma: "the
    N.C.A.A. president, Mark Emmert": the name stands where the description's subject does."""
    lead = text[:start].rstrip()
    return lead.endswith(",") and SUBJECT_DESCRIPTION_RE.search(lead, 0, len(lead) - 1) is not None


# Words that open a clause of their own, never the verb of a name before them.
CLAUSE_WORDS = frozenset("which who whom whose that but nor when while where if because after before so yet".split())
TIME_AFTER_NAME_RE = re.compile(
    r",?\s+(?:on\s+|late\s+|early\s+|last\s+|this\s+)?"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight|week|month)\b,?"
)


def _opening_phrase(text: str, start: int) -> bool:
    """True when `text` up to `start` is one capitalised phrase ending in its only comma ("On Friday,")."""
    comma = _first_comma(text)
    spaces = SPACES_RE.match(text, comma + 1, start)
    return 0 <= comma < start and bool(OPENING_RE.match(text)) and spaces is not None and spaces.end() == start


@lru_cache(maxsize=256)
def _first_comma(text: str) -> int:
    """Where the first comma of `text` is (-1 if none): asked for every name of a sentence, found once."""
    return text.find(",")


def _object_of_speech(before: str) -> bool:
    """True when `before` (a sentence up to a name) ends in a verb of speech and titles: "said Home Secretary"."""
    match = OBJECT_OF_SPEECH_RE.search(before)
    if match is None:
        return False
    return all(
        word[:1].isupper() or fold(word).rstrip(",’'s") in TITLE_LIKE_WORDS for word in match.group("gap").split()
    )


# A quotation introduced as a question put to someone: "Asked again, “…”", "When asked whether …, “…”".
ASKED_LEAD = r"\W*(?:when\s+|(?:after|on)\s+being\s+)?asked\b"
ASKED_RE = re.compile(rf"{ASKED_LEAD}[^\"“”]*$", re.IGNORECASE)


def _attribute(
    speech: _Speech,
    paragraph: Paragraph,
    sentence_ids: tuple[str, ...],
    quote_start: int,
    quote_end: int,
    spoken: list[tuple[int, int, str]],
) -> str | None:
    """Speaker of the quote at `quote_start`:`quote_end` in `paragraph`, or None when the text does not say.

    In order: the speaker a verb of speech attaches to nearest the quote, in
    its sentences or in a short sentence right after it ('“…” Smith said.');
    a description ("said the French President", `resolve_descriptor`); the
    first who may speak in a clause that introduces the quote with a colon
    ("Smith hit back: “…”").
    """
    sentences = [speech.by_id[i] for i in sentence_ids]
    following = (
        bisect_left(paragraph.sentences, sentences[-1].end, key=lambda s: s.start)
        if sentences
        else len(paragraph.sentences)
    )
    text = speech.document.article.text
    if (
        following < len(paragraph.sentences)
        and not text[quote_end : sentences[-1].end].strip(" ”\"’'")
        # 'Weiner replied, "…"' after a question attributes its own quote, not the question.
        and not find_quote_spans(paragraph.sentences[following].text)
    ):
        sentences.append(paragraph.sentences[following])  # the quote closes its sentence; the attribution may be next
    if sentences and sentences[0].start <= quote_start and _put_as_question(text[sentences[0].start : quote_start]):
        return None  # 'Asked again, "Will the pier close?"': a question put to the speaker, by someone else
    best: tuple[int, bool, int, str] | None = None
    for sentence in sentences:
        for position, entity_id in _attributions(speech, sentence, spoken, quote_start, quote_end):
            distance = quote_start - position if position < quote_start else position - quote_end
            # A name far after the quote, a clause of its own between them, is someone else ('… a "legitimate
            # rape," comments that have been widely condemned, including by Mr. Romney, who called …'): the
            # speaker named before the quote comes first.
            far = position > quote_end and len(text[quote_end:position].split()) > MAX_WORDS_BEFORE_ATTRIBUTION
            # A person attached to a verb of speech before a name of another kind ("Ann Lowe, who wrote
            # Measure 12, said"): people speak; a name that may be a law or a programme rarely does.
            rank = (0 if entity_id in speech.people or entity_id in speech.bodies else 1, far, distance, entity_id)
            if best is None or rank < best:
                best = rank
    if best is not None:
        return best[3]
    subject = _subject_of_participle(speech, sentences, quote_start)
    if subject is not None:
        return subject
    for sentence in sentences:
        described = _described_speaker(speech, sentence)
        if described:
            return described
    for sentence in sentences:
        if ROLE_SPEAKS_RE.search(_masked(speech, sentence)):
            # 'the committee chairman said in a statement', whom no known description fits: the person last
            # named, as "he said" would be.
            return _referent(speech, speech.paragraph_of[sentence.id], sentence.start, spoken)
    for sentence in sentences[:1]:
        if not sentence.start <= quote_start < sentence.end:
            continue
        clause = speech.document.article.text[sentence.start : quote_start].rstrip(" “\"‘'")
        pronoun = PRONOUN_SUBJECT_RE.match(clause)
        if clause.endswith(":") and pronoun:
            # 'She repeated it in a statement the committee released: "…"': the clause's subject speaks.
            gender = _pronoun_gender(pronoun.group())
            return _referent(speech, speech.paragraph_of[sentence.id], sentence.start, spoken, gender)
        if clause.endswith(":") and BODY_SUBJECT_RE.match(clause):
            # 'The company issued a statement: "…"': the body last named.
            return _body_referent(speech, speech.paragraph_of[sentence.id], sentence.start)
        if clause.endswith(":"):
            # "Nato's Secretary General, Jane Doe, said at the summit:": a person before a body.
            before = [e for start, _, e in speech.speakers.get(sentence.id, ()) if sentence.start + start < quote_start]
            people = [e for e in before if e in speech.people]
            if people or before:
                return (people or before)[0]
    return None


def _subject_of_participle(speech: _Speech, sentences: list[Sentence], quote_start: int) -> str | None:
    """The person or body a sentence opens with, when it brings in the quote at `quote_start` by a participle of
    speech ('Ryan Zinke echoed the comment in a tweet, saying that … “…”'; 'Carlos Curbelo (R-Fla.) criticized the
    statement, calling instead for reform “…”'; 'The Union adopted a resolution Tuesday condemning “…”'): the
    subject says it."""
    for sentence in sentences[:1]:
        if not sentence.start <= quote_start < sentence.end:
            continue
        masked = _masked(speech, sentence)
        clause = masked[: quote_start - sentence.start]
        # Only the words just before the quote can bring it in: the search stays short however long the sentence.
        participle = SPEAKING_PARTICIPLE_RE.search(clause, max(0, len(clause) - PARTICIPLE_REACH_CHARS))
        if participle is None:
            continue
        subjects = [
            entity_id
            for start, end, entity_id in speech.speakers.get(sentence.id, ())
            if start < participle.start()
            # Not the subject of another clause ("why Lowe did it, but … called …, labeling it …").
            and not ANOTHER_CLAUSE_RE.search(masked, end, participle.start())
            and (
                (entity_id in speech.people and _in_subject_place(masked, start, end))
                or (entity_id in speech.bodies and _body_in_subject_place(masked, start, end))
            )
        ]
        # A person before a body: "Union chief Ann Lowe issued a statement calling …".
        people = [e for e in subjects if e in speech.people]
        if people or subjects:
            return (people or subjects)[0]
    return None


def _body_in_subject_place(text: str, start: int, end: int) -> bool:
    """True when the body named at `start`:`end` of `text` is the subject of its clause: it opens the sentence, or
    a phrase after a comma, perhaps after "the" ("The Union adopted", "On Tuesday, the Union adopted")."""
    if not BODY_OPENS_CLAUSE_RE.search(text, 0, start):
        return False
    after = TOKEN_RE.search(text, end)
    word = after.group() if after else ""
    # A verb follows, not a title ("Union chief Ann Lowe").
    return word[:1].islower() and word not in OBJECT_MARKERS and word not in TITLE_LIKE_WORDS


# Where another clause begins between a subject and a participle of speech: the participle is not the subject's.
ANOTHER_CLAUSE_RE = re.compile(
    r",\s+(?:but|while|though|although|because|as|when|after|before|since|if|and\s+(?:the|it|he|she|they))\b|;"
    r"|\b(?:which|why|whether|how)\b"
)
# The start of a sentence or of a phrase after a comma, perhaps with "the", right before a name.
BODY_OPENS_CLAUSE_RE = re.compile(r"(?:^|,)\s*(?:[Tt]he\s+)?$")
# ", saying that …", ", calling instead for …": a participle of speech whose phrase runs on to the quote; after a
# statement, a participle of what it says needs no comma ("a resolution Tuesday condemning “…”").
_SPEAKING_PARTICIPLE = (
    "(?:saying|adding|calling|noting|arguing|insisting|warning|writing|declaring|urging|tweeting|condemning|"
    "accusing|demanding|describing|labeling|labelling|branding|denouncing|decrying)"
)
# Only a statement its subject issues speaks for it ("issued a statement calling …"), not one it receives, cites
# or rejects ("received a letter accusing her of …").
_STATEMENT_NOUN = "(?:resolution|statement|report|letter|complaint|petition|motion|memo|declaration|release)"
_ISSUING_VERB = "(?:issued|adopted|passed|released|sent|wrote|signed|published|filed|drafted|approved|put\\s+out)"
SPEAKING_PARTICIPLE_RE = re.compile(
    rf"(?:,|\b{_ISSUING_VERB}\s+(?:[^\s,;:]+\s+){{0,4}}?{_STATEMENT_NOUN}\b(?:\s+[^\s,;:]+){{0,4}}?,?)"
    rf"\s+{_SPEAKING_PARTICIPLE}\b[^,;:]*$"
)
# A statement issued by a subject the story does not name speaks for itself: "One of the oldest harbour towns
# passed a motion on Monday calling for … “…”" (the motion says it; `_document_speaker`).
ISSUED_DOCUMENT_RE = re.compile(
    rf"\b{_ISSUING_VERB}\s+(?:an?|its|the|their|his|her)\s+(?:[\w’'-]+\s+){{0,2}}?(?P<name>{_STATEMENT_NOUN})\b"
    rf"(?:\s+[^\s,;:“”\"]+){{0,4}}?,?\s+{_SPEAKING_PARTICIPLE}\b"
)
# How far before a quote its participle of speech, and the statement before it, are read (characters).
PARTICIPLE_REACH_CHARS = 400
# After a quote, its speaker is named within this many words ('“…,” the NAACP President Benjamin Todd Jealous said').
MAX_WORDS_BEFORE_ATTRIBUTION = 6
# A clause whose subject is "he" or "she": 'She reaffirmed her stand in a statement:'.
PRONOUN_SUBJECT_RE = re.compile(r"\W*(?:[Hh]e|[Ss]he)\s+[a-z]")


def _put_as_question(clause: str) -> bool:
    """True when `clause`, the words of a sentence before a quotation, introduce it as a question put to someone
    ("Asked point-blank,"), not as an answer ("Asked about it, Smith said:").

    >>> _put_as_question("Asked point-blank, "), _put_as_question("Asked about the plan, Ann Lowe said: ")
    (True, False)
    """
    if not ASKED_RE.match(clause):
        return False
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", clause)}
    return not (words - {"asked"}) & SPEECH_VERBS


def _described_speaker(speech: _Speech, sentence: Sentence) -> str | None:
    """The first speaker `sentence` names by a description ("the French President"), or None; cached."""
    if sentence.id not in speech.descriptor:
        masked = _masked(speech, sentence)
        found = (
            resolve_descriptor(m.group(1), speech.descriptors)
            for m in DESCRIPTOR_RE.finditer(masked)
            if _speaks_as_described(masked, m)
        )
        speech.descriptor[sentence.id] = next((resolved for resolved in found if resolved), None)
    return speech.descriptor[sentence.id]


def _speaks_as_described(masked: str, match: re.Match[str]) -> bool:
    """True when the description `match` (of `DESCRIPTOR_RE`, in a sentence's `masked` text) can be who speaks:
    not the object of a preposition ("an adviser to the president") nor an owner ("the president's statement").
    """
    end = match.start(1) + description_end(match.group(1))
    if end == match.start(1) or masked[end - 2 : end] in ("’s", "'s") or masked.startswith(("’s", "'s"), end):
        return False
    before = TOKEN_RE.findall(masked, max(0, match.start() - LOOKBEHIND_CHARS), match.start())
    return not (before and before[-1].lower() in OBJECT_MARKERS)


def _overlapping(paragraph: Paragraph, start: int, end: int) -> tuple[str, ...]:
    """The ids of `paragraph`'s sentences that overlap `start`:`end` (positions in Article.text)."""
    first = max(0, bisect_right(paragraph.sentences, start, key=lambda s: s.start) - 1)
    ids = []
    for sentence in paragraph.sentences[first:]:
        if sentence.start >= end:
            break
        if sentence.end > start:
            ids.append(sentence.id)
    return tuple(ids)


def _names_a_speaker(speech: _Speech, sentence_ids: tuple[str, ...], since: int) -> bool:
    """True when someone who may speak is named in `sentence_ids` after position `since` (outside quotes)."""
    # Each sentence's mentions are sorted: its last one is the latest.
    return any(
        speech.by_id[i].start + speech.speakers[i][-1][0] >= since for i in sentence_ids if speech.speakers.get(i)
    )


def _last_subject(speech: _Speech, ordinal: int) -> str | None:
    """The last speaker a verb of speech attaches to in the compared paragraph at `ordinal` (`ordinals_of`), if any."""
    paragraph = speech.compared_at.get(ordinal)
    if paragraph is None:
        return None
    found = [a for s in paragraph.sentences for a in _attributions(speech, s, [], s.end, s.end)]
    return max(found)[1] if found else None


def _inside(position: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """True when `position` falls inside one of the sorted, disjoint `spans`."""
    index = bisect_right(starts, position) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


def _stands_alone(text: str, start: int, end: int) -> bool:
    """True when the quotation at `start`:`end` is all its paragraph says, but for a short question put to its
    speaker before it ('Governor Hale? “Solid as a rock.”'): no one in the paragraph is said to speak it."""
    if not _has_outside_words(text, start, end):
        return True
    return question_before(text, start) is not None and not WORD_CHARACTER_RE.search(text, end + 1)


def _has_outside_words(text: str, start: int, end: int) -> bool:
    """True when `text` has a word outside the quotation at `start`:`end` (the quote marks aside)."""
    return bool(WORD_CHARACTER_RE.search(text, 0, max(0, start - 1)) or WORD_CHARACTER_RE.search(text, end + 1))


def compare_quotes(
    doc_a: Document, doc_b: Document, entities: tuple[Entity, ...], options: CompareOptions
) -> tuple[QuoteComparison, ...]:
    """Extract the quotes of both documents and match them across the two, one to one.

    1. Every candidate pair (quotes sharing content words) is scored on the
       window of the longer quote that lines up with the shorter one.
    2. Pairs are taken best first (`_pair_rank`), each quote at most once.
    3. A quote split in two by one article (`_join_split_quotes`) pairs both
       halves with the other article's single quote.
    4. What is left is found on one side only.
    """
    descriptors = {e.id: set(e.descriptors) for e in entities if e.descriptors}
    quotes_a = extract_quotes(doc_a, entities, descriptors, options)
    quotes_b = extract_quotes(doc_b, entities, descriptors, options)
    tokens = {q.id: tokenize(q.text) for q in (*quotes_a, *quotes_b)}
    keys = {i: [t.key for t in found] for i, found in tokens.items()}
    content = {i: {t.key for t in found if t.content} for i, found in tokens.items()}
    scored: dict[tuple[str, str], tuple[Quote, Quote, float]] = {}
    for own, other, side in ((quotes_a, quotes_b, "a"), (quotes_b, quotes_a, "b")):
        candidates = _candidates(own, other, options.candidates_per_sentence)
        for quote in own:
            for counterpart in candidates[quote.id]:
                qa, qb = (quote, counterpart) if side == "a" else (counterpart, quote)
                if (qa.id, qb.id) in scored:
                    continue
                ratio = quote_similarity(keys[qa.id], keys[qb.id], options)
                if ratio is not None and not _two_remarks(content[qa.id], content[qb.id], ratio):
                    scored[qa.id, qb.id] = (qa, qb, ratio)
    pairs: list[tuple[Quote, Quote, float]] = []
    paired: set[str] = set()
    plain = {q.id: plain_words(q.text) for q in (*quotes_a, *quotes_b)}
    for qa, qb, ratio in sorted(scored.values(), key=lambda pair: _pair_rank(pair[0], pair[1], pair[2], plain)):
        if qa.id not in paired and qb.id not in paired:
            paired.update((qa.id, qb.id))
            pairs.append((qa, qb, ratio))
    comparisons = _join_split_quotes(pairs, quotes_a, quotes_b, paired, options)
    for quote in quotes_a:
        if quote.id not in paired:
            comparisons.append(QuoteComparison("", quote.speaker, quote, None, "only_a", 0.0))
    for quote in quotes_b:
        if quote.id not in paired:
            comparisons.append(QuoteComparison("", quote.speaker, None, quote, "only_b", 0.0))
    if not options.extended_quotes:
        comparisons = [replace(c, status="variant", extra=None) if c.status == "extended" else c for c in comparisons]
    comparisons.sort(key=_reading_order)
    return tuple(replace(c, id=f"qc{n}") for n, c in enumerate(comparisons, start=1))


def pair_reworded_quotes(
    comparisons: tuple[QuoteComparison, ...],
    similarities: Callable[[list[str], list[str]], list[list[float]]],
    options: CompareOptions,
) -> tuple[QuoteComparison, ...]:
    """`comparisons` with one-sided quotes of one speaker paired as ``variant`` when the paraphrase model says
    they give the same remark in other words.

    Outlets quote a statement from different passages or translations ("With this campaign we intended to raise
    a new impulse in the anti-spam discussion" / "The aim of the campaign was to ignite a debate about anti-spam
    measures"); word for word they share too little to pair.  Only quotes of the same named speaker, of at least
    `MIN_REWORDED_QUOTE_WORDS` words each, each the other's closest, with a cosine of at least
    `options.reworded_similarity`, are paired; their similarity is, as for any pair, how alike their words are.
    """
    only_a = [c.a for c in comparisons if c.status == "only_a" and c.a is not None]
    only_b = [c.b for c in comparisons if c.status == "only_b" and c.b is not None]
    pairs: list[QuoteComparison] = []
    for i, j in reworded_quote_pairs(only_a, only_b, similarities, options):
        qa, qb = only_a[i], only_b[j]
        # Their similarity stays what it means for every quote pair: how alike their words are.
        keys_a, keys_b = [t.key for t in tokenize(qa.text)], [t.key for t in tokenize(qb.text)]
        ratio, _ = window_similarity(keys_a, keys_b, options.autojunk)
        pairs.append(replace(_pair(qa, qb, ratio), status="variant", extra=None))
    if not pairs:
        return comparisons
    paired = {q.id for pair in pairs for q in (pair.a, pair.b) if q is not None}
    kept = [c for c in comparisons if not ({q.id for q in (c.a, c.b) if q is not None} & paired)]
    ordered = sorted([*kept, *pairs], key=_reading_order)
    return tuple(replace(c, id=f"qc{n}") for n, c in enumerate(ordered, start=1))


def reworded_quote_pairs(
    one: Sequence[Quote],
    two: Sequence[Quote],
    similarities: Callable[[list[str], list[str]], list[list[float]]],
    options: CompareOptions,
) -> list[tuple[int, int]]:
    """The (index into `one`, index into `two`) of the quotes the paraphrase model finds one remark in other words:
    `rewordable` quotes of one named speaker, each the other's closest among that speaker's, with a cosine of at
    least `options.reworded_similarity`; by speaker, then in `one`'s order."""
    found: list[tuple[int, int]] = []
    speakers = {q.speaker for q in one if rewordable(q)} & {q.speaker for q in two if rewordable(q)}
    for speaker in sorted(speaker for speaker in speakers if speaker is not None):
        rows = [i for i, q in enumerate(one) if q.speaker == speaker and rewordable(q)]
        cols = [j for j, q in enumerate(two) if q.speaker == speaker and rewordable(q)]
        cosines = similarities([one[i].text for i in rows], [two[j].text for j in cols])
        for r, i in enumerate(rows):
            c = max(range(len(cols)), key=lambda col: (cosines[r][col], -col))
            closest = max(range(len(rows)), key=lambda row: (cosines[row][c], -row))
            if closest == r and cosines[r][c] >= options.reworded_similarity:
                found.append((i, cols[c]))
    return found


# A quote paired by the paraphrase model has at least this many words: a phrase of two or three is a scare quote.
MIN_REWORDED_QUOTE_WORDS = 6


def rewordable(quote: Quote) -> bool:
    """True when `quote` may be paired by the paraphrase model: a named speaker's remark of some length."""
    return quote.speaker is not None and len(quote.text.split()) >= MIN_REWORDED_QUOTE_WORDS


def _two_remarks(one: set[str], other: set[str], ratio: float) -> bool:
    """True when two quotes worded differently (`ratio` under 1) share only one word of substance and the shorter
    one says something the longer does not: two remarks that meet on a word ("a fair hearing" / "a very fair
    night"), not one remark cut shorter ("It's a flood" / "We are talking about a flood of our harbour")."""
    shared = one & other
    return ratio < 1.0 and len(shared) < MIN_SHARED_QUOTE_WORDS and not min(one, other, key=len) <= shared


#: The fewest content words two quotes worded differently share to be one remark.
MIN_SHARED_QUOTE_WORDS = 2


def quote_similarity(one: list[str], two: list[str], options: CompareOptions) -> float | None:
    """The window similarity of two quotes' keys (`window_similarity`), or None when they are not the same remark."""
    if one == two:
        return 1.0  # the same words: every window lines up
    own, theirs = set(one), set(two)
    # Quotes that share under half the shorter one's words cannot line up well enough.
    if len(own & theirs) < options.quote_variant_ratio * min(len(own), len(theirs)):
        return None
    ratio, _ = window_similarity(one, two, options.autojunk)
    return ratio if ratio >= options.quote_variant_ratio else None


def _pair_rank(
    qa: Quote, qb: Quote, ratio: float, plain: dict[str, tuple[str, ...]]
) -> tuple[float, bool, int, int, int, int]:
    """Sort key taking the best pairs first: the most similar, then the very same words, then the closest in length.

    A short quote lines up perfectly with every longer one containing it, so
    among equal windows its twin wins, then the quote nearest its length.
    Remaining ties go to the pair nearest the two articles' openings (a key
    that reads the same with the articles swapped), then to A's order.
    """
    words_a, words_b = plain[qa.id], plain[qb.id]  # each quote's `plain_words`
    return (-ratio, words_a != words_b, abs(len(words_a) - len(words_b)), qa.start + qb.start, qa.start, qb.start)


def _join_split_quotes(
    pairs: list[tuple[Quote, Quote, float]],
    quotes_a: list[Quote],
    quotes_b: list[Quote],
    paired: set[str],
    options: CompareOptions,
) -> list[QuoteComparison]:
    """Compare every pair in `pairs`, joining the halves of a quote one article split in two ("…," he said, "…").

    One half of a split quote pairs with the other article's whole quote;
    when the quote next to it on its side found no counterpart and lines up
    with the rest of the whole quote, in order, both halves are compared
    with the whole one: two `QuoteComparison`s share the long quote.  The
    long quote is cut where the first half stops lining up, and each half
    is compared with its own part of it (so each is ``identical``,
    ``extended`` or ``variant`` on its own, and `QuoteComparison.extra`
    offsets still point into the long quote's text).  Adds the joined halves
    to `paired`.
    """
    following: dict[str, Quote] = {}
    preceding: dict[str, Quote] = {}
    for quotes in (quotes_a, quotes_b):
        for before, after in pairwise(quotes):
            following[before.id] = after
            preceding[after.id] = before
    comparisons: list[QuoteComparison] = []
    for qa, qb, ratio in pairs:
        halves = _split_halves(qa, qb, preceding, following, paired, options)
        comparisons.extend(halves or [_pair(qa, qb, ratio)])
    return comparisons


def _split_halves(
    qa: Quote,
    qb: Quote,
    preceding: dict[str, Quote],
    following: dict[str, Quote],
    paired: set[str],
    options: CompareOptions,
) -> list[QuoteComparison]:
    """The two comparisons of a split quote when `qa` or `qb` is one half of it (see `_join_split_quotes`), else []."""
    for part, whole in ((qa, qb), (qb, qa)):
        whole_keys = [t.key for t in tokenize(whole.text)]
        if len(tokenize(part.text)) >= len(whole_keys):
            continue
        for first, second in ((preceding.get(part.id), part), (part, following.get(part.id))):
            if first is None or second is None or (second if first is part else first).id in paired:
                continue
            first_keys, second_keys = [t.key for t in tokenize(first.text)], [t.key for t in tokenize(second.text)]
            first_window = aligned_window(first_keys, whole_keys, options.autojunk)
            second_window = aligned_window(second_keys, whole_keys, options.autojunk)
            if first_window is None or second_window is None or not first_window[0] < second_window[0]:
                continue
            # Cut where the first half's window ends; a window's edge is only estimated from its longest run of
            # shared words, so a second half worded differently ("It's" for "It is") may seem to start late.
            cut = min(first_window[1], second_window[0])
            parts = ((first, first_keys, (0, cut)), (second, second_keys, (cut, len(whole_keys))))
            ratios = [window_similarity(keys, whole_keys[lo:hi], options.autojunk)[0] for _, keys, (lo, hi) in parts]
            if min(ratios) < options.quote_variant_ratio:
                continue
            paired.update((first.id, second.id))
            return [
                _pair(piece, whole, ratio, span_b=span)
                if piece.side == "a"
                else _pair(whole, piece, ratio, span_a=span)
                for (piece, _, span), ratio in zip(parts, ratios, strict=True)
            ]
    return []


def _candidates(own: list[Quote], other: list[Quote], limit: int) -> dict[str, list[Quote]]:
    """For each quote of `own`, the `limit` quotes of `other` sharing most content words with it.

    An index of content words keeps this near-linear: quotes are only ever
    compared with quotes that share words with them, and, as in the sentence
    index (`align.candidate_pairs`), a word in very many quotes is read only
    as one of a quote's rarest words, and then only in part.  Quotes with the
    same words (the same key sequence) are always candidates, however common
    their words (the `nearest_positions` of them when there are many).
    """
    index: dict[str, list[int]] = {}
    exact: dict[tuple[str, ...], list[int]] = {}
    for position, quote in enumerate(other):
        tokens = tokenize(quote.text)
        exact.setdefault(tuple(t.key for t in tokens), []).append(position)
        for key in {t.key for t in tokens if t.content}:
            index.setdefault(key, []).append(position)
    found: dict[str, list[Quote]] = {}
    for own_position, quote in enumerate(own):
        same_words = exact.get(tuple(t.key for t in tokenize(quote.text)), [])
        twins = nearest_positions(same_words, own_position, len(own), len(other), MAX_TWINS)
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
    ratio = word_matcher(short, aligned, autojunk).ratio()
    return ratio, short == aligned


def aligned_window(short: list[str], long: list[str], autojunk: bool = False) -> tuple[int, int] | None:
    """The (lo, hi) range of `long` that lines up with all of `short`, or None if nothing matches.

    >>> aligned_window("b c".split(), "a b c d".split())
    (1, 3)
    """
    blocks = [b for b in word_matcher(short, long, autojunk).get_matching_blocks() if b.size]
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


def plain_words(text: str) -> tuple[str, ...]:
    """The words of `text` as compared for ``identical`` and ``extended``: case, quote marks, dashes and
    punctuation folded away, but never stemmed ("hand" and "hands" differ), one per `tokenize` token.

    >>> plain_words("“We’re READY,” — co-operation")
    ('were', 'ready', 'cooperation')
    """
    return tuple(_plain_word(token) for token in tokenize(text))


def _plain_word(token: Token) -> str:
    """`token`'s word folded as `plain_words` says (its key when nothing is left of it)."""
    if token.text == AMPERSAND:
        return token.key  # "&" is "and"
    return fold(token.text).replace("'", "").replace("-", "").replace(".", "") or token.key


def _status(
    words: tuple[str, ...], longer: Quote, span: tuple[int, int] | None = None
) -> tuple[QuoteStatus, QuoteExtra | None]:
    """How quoted `words` stand against the `longer` quote (or its tokens in `span`): the same words (perhaps
    spaced another way: "work force", "workforce"), a run of them, or neither.

    For ``extended``, the extra is the words `longer` has beyond the run.
    When it has extra words on both ends, the extra is the larger end (on a
    tie, the end after the run, as a remark's continuation is what outlets
    cut most): a `QuoteExtra` is one span, and a span from the first extra
    word to the last would hold words both articles quote.  The word diff of
    an ``extended`` pair covers both quotes whole, so it shows both ends.
    """
    tokens = tokenize(longer.text)
    if span is not None:
        tokens = tokens[span[0] : span[1]]
    whole = tuple(_plain_word(token) for token in tokens)
    position = run_position(words, whole)
    if position is None:
        # "work force" and "workforce", "e mail" and "email": the same words spaced another way.
        return ("identical" if "".join(words) == "".join(whole) else "variant"), None
    if len(words) == len(whole):
        return "identical", None
    before, after = position, len(whole) - position - len(words)
    lo, hi = (position + len(words), len(whole)) if after >= before else (0, position)
    start, end = tokens[lo].start, tokens[hi - 1].end
    # Keep the punctuation closing the last extra word ("talk.", "Frankly,"), as a reader would quote it.
    while end < len(longer.text) and not longer.text[end].isspace() and not longer.text[end].isalnum():
        end += 1
    return "extended", QuoteExtra(longer.side, start, end, longer.text[start:end])


def _classify(
    qa: Quote, qb: Quote, span_a: tuple[int, int] | None = None, span_b: tuple[int, int] | None = None
) -> tuple[QuoteStatus, QuoteExtra | None]:
    """``identical``, ``extended`` (with what only the longer has) or ``variant`` for two paired quotes, or
    for their tokens in `span_a` and `span_b` when given."""
    words_a, words_b = plain_words(qa.text), plain_words(qb.text)
    if span_a is not None:
        words_a = words_a[span_a[0] : span_a[1]]
    if span_b is not None:
        words_b = words_b[span_b[0] : span_b[1]]
    if len(words_a) <= len(words_b):
        return _status(words_a, qb, span_b)
    return _status(words_b, qa, span_a)


def _pair(
    qa: Quote, qb: Quote, ratio: float, span_a: tuple[int, int] | None = None, span_b: tuple[int, int] | None = None
) -> QuoteComparison:
    """Pair two quotes with their status and word diff.

    For ``identical`` and ``variant``, the diff covers the shorter quote and
    the sentences of the longer one it lines up with; for ``extended``, both
    quotes whole, so that the extra words show as inserted or deleted.  The
    half of a split quote is compared with its part of the whole one: the
    tokens of `qa` in `span_a`, or of `qb` in `span_b`.
    """
    status, extra = _classify(qa, qb, span_a, span_b)
    tokens_a, tokens_b = tokenize(qa.text), tokenize(qb.text)
    if span_a is not None or span_b is not None:
        tokens_a = tokens_a[span_a[0] : span_a[1]] if span_a else tokens_a
        tokens_b = tokens_b[span_b[0] : span_b[1]] if span_b else tokens_b
    keys_a, keys_b = [t.key for t in tokens_a], [t.key for t in tokens_b]
    if status == "extended" or span_a is not None or span_b is not None:
        pass  # both whole, or both already cut to the parts compared
    elif len(keys_a) <= len(keys_b):
        lo, hi = _whole_sentences(qb.text, tokens_b, aligned_window(keys_a, keys_b) or (0, len(keys_b)))
        tokens_b, keys_b = tokens_b[lo:hi], keys_b[lo:hi]
    else:
        lo, hi = _whole_sentences(qa.text, tokens_a, aligned_window(keys_b, keys_a) or (0, len(keys_a)))
        tokens_a, keys_a = tokens_a[lo:hi], keys_a[lo:hi]
    matcher = word_matcher(keys_a, keys_b)
    return QuoteComparison(
        "",
        qa.speaker or qb.speaker,
        qa,
        qb,
        status,
        round(ratio, RATIO_DIGITS),
        tuple(t.text for t in tokens_a),
        tuple(t.text for t in tokens_b),
        tuple(Opcode(*op) for op in matcher.get_opcodes()),
        extra,
    )


def remarks_of(
    documents: tuple[Document, Document], quotes: tuple[QuoteComparison, ...], entities: tuple[Entity, ...] = ()
) -> Remarks:
    """Who speaks in which sentence of `documents`, and which quotes were matched, from the quotes stage."""
    paired = [frozenset((c.a.id, c.b.id)) for c in quotes if c.a is not None and c.b is not None]
    found = [quote for comparison in quotes for quote in (comparison.a, comparison.b) if quote is not None]
    return replace(
        speakers_of(documents, found, paired), named=_named_in(entities), newcomers=_newcomers_in(documents, entities)
    )


def speakers_of(
    documents: Sequence[Document], quotes: Iterable[Quote], paired: Iterable[frozenset[str]] = ()
) -> Remarks:
    """Who speaks in which sentence of `documents`, and which of its quotations are mostly quoted, given every
    quote (ids unique across `documents`) and the pairs of quote ids that are one remark.

    A sentence is "mostly quoted" when its quotations hold at least half of
    its words; quoted phrases inside a reporter's sentence do not count.
    """
    speakers: dict[str, set[str]] = {}
    quoted_words: dict[str, int] = {}
    quote_ids: dict[str, set[str]] = {}
    for quote in quotes:
        # Counted once per quote: a quote left open runs over many sentences.
        share = len(quote.text.split()) // len(quote.sentences)
        for sentence_id in quote.sentences:
            if quote.speaker:
                speakers.setdefault(sentence_id, set()).add(quote.speaker)
            quote_ids.setdefault(sentence_id, set()).add(quote.id)
            quoted_words[sentence_id] = quoted_words.get(sentence_id, 0) + share
    words = {s.id: len(s.text.split()) for document in documents for s in document.sentences}
    return Remarks(
        speakers={i: frozenset(found) for i, found in speakers.items()},
        quotations={i: frozenset(ids) for i, ids in quote_ids.items() if quoted_words.get(i, 0) * 2 >= words.get(i, 0)},
        paired=frozenset(paired),
    )


# A word of a name as written: letters, with inner apostrophes and hyphens ("O'Neill", "Smith-Jones").
NAME_WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


def name_words(text: str) -> set[str]:
    """The words of `text` that could be part of a name, lower-cased: what "is this name used there" looks up."""
    return {word.lower() for word in NAME_WORD_RE.findall(text)}


# Words after a family name that are not it ("Donald Trump Jr.").
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def family_name(name: str) -> str:
    """The family name of a person's full name, lower-cased: its last word that is not a suffix.

    >>> family_name("Donald Trump Jr."), family_name("Scott Pruitt"), family_name("Jean-Luc O'Neill")
    ('trump', 'pruitt', "o'neill")
    """
    words = [word.lower() for word in NAME_WORD_RE.findall(name)]
    while len(words) > 1 and words[-1] in NAME_SUFFIXES:
        words.pop()
    return words[-1] if words else ""


def _newcomers_in(documents: tuple[Document, Document], entities: tuple[Entity, ...]) -> dict[str, frozenset[str]]:
    """Sentence id → the people it names by full name ("Scott Pruitt", not "Pruitt") whose family name the other
    article never uses ("Prof Maathai" names "Wangari Maathai")."""
    words = [name_words(document.article.text) for document in documents]
    found: dict[str, set[str]] = {}
    for entity in entities:
        if entity.kind != "person" or len(entity.name.split()) < 2:
            continue
        family = family_name(entity.name)
        for own, other, other_words in (
            (entity.mentions_a, entity.mentions_b, words[1]),
            (entity.mentions_b, entity.mentions_a, words[0]),
        ):
            if own and not other and family not in other_words:
                for mention in own:
                    found.setdefault(mention.sentence, set()).add(entity.id)
    return {sentence_id: frozenset(people) for sentence_id, people in found.items()}


def _named_in(entities: tuple[Entity, ...]) -> dict[str, frozenset[str]]:
    """Sentence id → the entities each sentence names, both sides."""
    named: dict[str, set[str]] = {}
    for entity in entities:
        for mention in (*entity.mentions_a, *entity.mentions_b):
            named.setdefault(mention.sentence, set()).add(entity.id)
    return {sentence_id: frozenset(found) for sentence_id, found in named.items()}
