"""Data passed between the stages of the pipeline.

Every type here is a frozen dataclass or a NamedTuple: a stage takes the
previous stage's values and returns new ones, and nothing here does I/O.

Offsets (`start`, `end`) are half-open character ranges into
`Article.text`, the article's plain text as loaded (for a `.txt` input: the
decoded file with line endings normalised to ``\\n``; for Markdown and HTML:
the extracted blocks joined by blank lines).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

Side = Literal["a", "b"]
Role = Literal["headline", "standfirst", "subhead", "body", "caption", "credit", "boilerplate"]
# A first line read as one of these is no headline, though a plain text's first line is its title.
UNTITLED_ROLES: frozenset[Role] = frozenset({"body", "caption", "credit"})
Status = Literal["shared", "partial", "reworded", "unique", "ignored"]
QuoteStatus = Literal["identical", "extended", "variant", "only_a", "only_b"]
ChangeKind = Literal["figure", "date", "name", "place", "negation", "opposite", "headline", "wording"]
BlockKind = Literal["title", "heading", "paragraph", "quote", "item"]

#: Decimals kept of every ratio a result carries (similarity, coverage): rounding before any later comparison
#: keeps the output the same on every machine.
RATIO_DIGITS = 4

#: The labels of the earlier and the later version of one story, when none is given.
VERSION_LABELS = ("earlier", "later")
ROLES: tuple[Role, ...] = ("headline", "standfirst", "subhead", "body", "caption", "credit", "boilerplate")
STATUSES: tuple[Status, ...] = ("shared", "partial", "reworded", "unique", "ignored")
#: The statuses of a sentence the other article carries, in its words or in others.
MATCHED_STATUSES: frozenset[Status] = frozenset({"shared", "partial", "reworded"})


def other_side(side: Side) -> Side:
    """Return the side that is not `side`."""
    return "b" if side == "a" else "a"


def id_order(element_id: str) -> tuple[int, ...]:
    """A sort key putting ids in reading order: "a-p12-s3" after "a-p2-s1".

    >>> sorted(["a-p12-s1", "a-p2-s3", "a-p2-s1"], key=id_order)
    ['a-p2-s1', 'a-p2-s3', 'a-p12-s1']
    """
    return tuple(int(part[1:]) for part in element_id.split("-")[1:])


@dataclass(frozen=True)
class Metadata:
    """What an input says about itself: front matter, HTML meta tags, or a manifest."""

    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Block:
    """One paragraph-like block of an article as loaded, before roles are assigned.

    `kind` is what the input's markup says the block is: a ``heading`` from
    Markdown or HTML, a block ``quote``, a list ``item``, the page ``title``
    when the extracted text did not contain it, or a plain ``paragraph``.
    """

    text: str
    start: int
    end: int
    kind: BlockKind = "paragraph"


# The path a shell gives a process substitution, <(command): /dev/fd/63, /proc/self/fd/63.
PIPE_PATH_RE = re.compile(r"^/(?:dev|proc/self)/fd/\d+$")


@dataclass(frozen=True)
class Article:
    """An input article, decoded and split into blocks."""

    source: str  # path or URL as given
    format: str  # an input format's name: see compare.load.formats.INPUT_FORMATS
    text: str
    blocks: tuple[Block, ...]
    meta: Metadata = field(default_factory=Metadata)
    encoding: str = "utf-8"
    sha256: str = ""
    notes: tuple[str, ...] = ()  # e.g. "decoded as cp1252", shown to the user

    @property
    def name(self) -> str:
        """A short name for messages: the file name or the URL ("standard input" for ``-``)."""
        if "://" in self.source:
            return self.source
        if self.source == "-":
            return "standard input"
        if PIPE_PATH_RE.match(self.source):
            # A shell's process substitution, <(…): its descriptor number alone would read like a figure.
            return f"pipe {self.source.rsplit('/', 1)[-1]}"
        return self.source.replace("\\", "/").rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document with its id (``a-p3-s1``) and offsets."""

    id: str
    paragraph_id: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Paragraph:
    """A paragraph with its role and sentences."""

    id: str
    index: int
    role: Role
    text: str
    start: int
    end: int
    sentences: tuple[Sentence, ...]

    @property
    def compared(self) -> bool:
        """True for paragraphs whose sentences take part in the comparison."""
        return self.role == "body"


@dataclass(frozen=True)
class Document:
    """One side of a comparison: a segmented article and its display label."""

    side: Side
    label: str
    article: Article
    paragraphs: tuple[Paragraph, ...]

    @property
    def title(self) -> str:
        """The headline, or the metadata title, or the label.

        A plain text's title is its first line: when segmenting read that line as something else (a byline, a
        photo's caption, the lede of a story filed without a headline), the article has no title but its label.
        """
        for paragraph in self.paragraphs:
            if paragraph.role == "headline":
                return paragraph.text
        title = self.article.meta.title
        first = self.paragraphs[0] if self.paragraphs else None
        if title and first and first.role in UNTITLED_ROLES and first.text.startswith(title):
            return self.label
        return title or self.label

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        """Every sentence in reading order."""
        return tuple(s for p in self.paragraphs for s in p.sentences)

    @property
    def body_sentences(self) -> tuple[Sentence, ...]:
        """The sentences of body paragraphs, the ones that are compared."""
        return tuple(s for p in self.paragraphs if p.compared for s in p.sentences)


class Opcode(NamedTuple):
    """One step of a word-level edit, in difflib's vocabulary (half-open ranges)."""

    tag: Literal["equal", "replace", "delete", "insert"]
    a_lo: int
    a_hi: int
    b_lo: int
    b_hi: int


class Span(NamedTuple):
    """A piece of a sentence: offsets relative to the sentence's text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class SentenceMatch:
    """Two sentences, one per side, that say (part of) the same thing."""

    a: str  # sentence id on side A
    b: str  # sentence id on side B
    similarity: float  # SequenceMatcher ratio on normalised words
    a_words: tuple[str, ...]  # the words the opcodes index, as displayed
    b_words: tuple[str, ...]
    opcodes: tuple[Opcode, ...]


@dataclass(frozen=True)
class SentenceResult:
    """How one sentence fares against the other article."""

    id: str
    status: Status
    coverage: float  # share of its content words the other article also has
    matches: tuple[str, ...]  # counterpart sentence ids
    added: tuple[Span, ...]  # what the counterparts lack (empty when nothing)
    similarity: float | None = None  # for reworded: the paraphrase model's cosine, rounded

    @property
    def matched(self) -> bool:
        """True when the other article carries this sentence, in its words or in others."""
        return self.status in MATCHED_STATUSES


@dataclass(frozen=True)
class ParagraphGroup:
    """Paragraphs aligned with each other (one or more on each side)."""

    a: tuple[str, ...]
    b: tuple[str, ...]
    similarity: float
    order: Literal["in-order", "moved"]


@dataclass(frozen=True)
class Alignment:
    """The sentence and paragraph alignment of two documents."""

    sentences: dict[str, SentenceResult]  # by sentence id, both sides
    matches: tuple[SentenceMatch, ...]
    paragraphs: tuple[ParagraphGroup, ...]
    # unique sentence id → (the other article's sentence the paraphrase model finds closest, its rounded cosine),
    # for the sentences it read and did not find reworded: what a reader checks an "only in" claim against
    nearest: dict[str, tuple[str, float]] = field(default_factory=dict)
    # unique sentence id → (the other article's sentences that hold most of it, read word piece by word piece;
    # the share of its meaning they hold), for the sentences the model read so and did not find reworded
    held: dict[str, tuple[tuple[str, ...], float]] = field(default_factory=dict)


@dataclass(frozen=True)
class Mention:
    """One mention of an entity in a sentence."""

    sentence: str
    start: int  # relative to the sentence text
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    """A person, organisation or place, with its aliases and mentions per side."""

    id: str
    name: str
    kind: Literal["person", "organisation", "place", "other"]
    aliases: tuple[str, ...]
    mentions_a: tuple[Mention, ...]
    mentions_b: tuple[Mention, ...]
    descriptors: tuple[str, ...] = ()  # words of office written next to a person's name ("president")

    def mentions(self, side: Side) -> tuple[Mention, ...]:
        """The mentions on `side`."""
        return self.mentions_a if side == "a" else self.mentions_b


@dataclass(frozen=True)
class Quote:
    """A quotation in one article, with its speaker when one can be found."""

    id: str
    side: Side
    text: str
    speaker: str | None  # entity id
    speaker_name: str | None
    sentences: tuple[str, ...]
    paragraph: str
    start: int  # into Article.text
    end: int


@dataclass(frozen=True)
class QuoteComparison:
    """A quotation matched across the articles, or found on one side only."""

    id: str
    speaker: str | None
    a: Quote | None
    b: Quote | None
    status: QuoteStatus
    similarity: float
    # The words the opcodes index: all of the shorter quote and the part of the
    # longer one that lines up with it (one outlet may quote more of a remark).
    a_words: tuple[str, ...] = ()
    b_words: tuple[str, ...] = ()
    opcodes: tuple[Opcode, ...] = ()
    extra: QuoteExtra | None = None  # for extended: what only the longer quote has

    def speaker_name(self, names: dict[str, str]) -> str | None:
        """Who says it: the speaker entity's name (`names`: entity id → name), else the name a side's quote gives
        its source when no one is named ("the lawsuit")."""
        if self.speaker:
            return names.get(self.speaker)
        return next((q.speaker_name for q in (self.a, self.b) if q is not None and q.speaker_name), None)


class QuoteExtra(NamedTuple):
    """The words one quote of an ``extended`` pair has beyond the other: offsets into that quote's text."""

    side: Side
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ChangeSide:
    """One side of a change: the sentence holding it and the differing words (empty when absent there)."""

    sentence: str
    text: str


@dataclass(frozen=True)
class Change:
    """An editorially meaningful difference inside a matched pair of sentences (filled by the changes stage)."""

    id: str
    kind: ChangeKind
    a: ChangeSide
    b: ChangeSide
    summary: str


@dataclass(frozen=True)
class SemanticInfo:
    """Whether the paraphrase model took part, which one, and anything the reader should know about it."""

    used: bool = False
    model: str | None = None
    sha256: str | None = None
    note: str | None = None  # e.g. why it was not used, or that the sentence budget was reached


@dataclass(frozen=True)
class Remarks:
    """Who speaks in which sentence, as the quotes stage found it: what the paraphrase pass must not overrule.

    Two quotations are compared by their words (`QuoteComparison`); a model
    finding two different remarks "alike in meaning" must not make them one.
    """

    speakers: dict[str, frozenset[str]] = field(default_factory=dict)  # sentence id → speakers of its quotes
    quotations: dict[str, frozenset[str]] = field(default_factory=dict)  # sentence id → its quotes, when mostly quoted
    paired: frozenset[frozenset[str]] = frozenset()  # quote id pairs matched across the articles
    named: dict[str, frozenset[str]] = field(default_factory=dict)  # sentence id → entities it names
    # sentence id → the people it names by full name whose family name the other article never uses
    newcomers: dict[str, frozenset[str]] = field(default_factory=dict)
    # A story of several documents (a set) judges each sentence against each counterpart's own document, as
    # the pair of the two would: sentence id → its document; sentence id → the documents that never use the
    # family name of someone it names in full; document → every figure its body gives.
    document_of: dict[str, str] = field(default_factory=dict)
    strangers: dict[str, frozenset[str]] = field(default_factory=dict)
    figures: dict[str, frozenset[tuple[float, int]]] = field(default_factory=dict)

    def different(self, one: str, other: str) -> bool:
        """True when sentences `one` and `other` report different remarks or different speakers' words.

        Either both quote someone and the speakers differ; or both are mostly
        quotation and the quotes stage did not pair them; or one is mostly a
        speaker's quotation and the other neither quotes nor names that speaker
        (a remark is not the reporter's narration).
        """
        speakers, their_speakers = self.speakers.get(one), self.speakers.get(other)
        if speakers and their_speakers and not speakers & their_speakers:
            return True
        quotes, their_quotes = self.quotations.get(one), self.quotations.get(other)
        if quotes and their_quotes:
            return not any(frozenset((q, t)) in self.paired for q in quotes for t in their_quotes)
        for remark, narration in ((one, other), (other, one)):
            speakers = self.speakers.get(remark, frozenset())
            if (
                self.quotations.get(remark)
                and speakers
                and not self.quotations.get(narration)
                and not speakers & self.named.get(narration, frozenset())
            ):
                return True
        return False

    def introduces_someone(self, sentence_id: str, counterpart_id: str = "") -> bool:
        """True when the sentence names a person by full name whose family name the other article (in a story,
        `counterpart_id`'s document) never uses.

        Such a sentence tells something the other article does not, at the
        least who: a model finding it "alike in meaning" to a sentence without
        that person must not hide it as said in other words.
        """
        if self.newcomers.get(sentence_id):
            return True
        return self.document_of.get(counterpart_id) in self.strangers.get(sentence_id, frozenset())

    def figures_beside(
        self, counterpart_id: str, article_figures: frozenset[tuple[float, int]]
    ) -> frozenset[tuple[float, int]]:
        """Every figure of `counterpart_id`'s article: its own document's in a story of several documents, else
        `article_figures` (in a pair, the other article is the counterpart's)."""
        document = self.document_of.get(counterpart_id)
        return article_figures if document is None else self.figures.get(document, frozenset())


@dataclass(frozen=True)
class Fact:
    """A passage found in one article only, labelled by what it is about."""

    id: str
    side: Side
    label: str
    kind: Literal["quote", "statement"]
    text: str
    sentences: tuple[str, ...]
    entities: tuple[str, ...]  # entity ids named here and not in the other article
    quotes: tuple[str, ...]  # quote ids
    # Sentences before the fact that it needs for sense ("He said..."), carried by both articles: shown, not counted.
    context: tuple[str, ...] = ()
    # The other article's sentence closest in meaning to the fact, and the model's cosine, when the paraphrase
    # model read it and the cosine reaches `CompareOptions.nearest_similarity`: evidence for a reader to check
    # the claim against, never a match.
    nearest: tuple[str, float] | None = None
    # The other article's sentences that hold, piece by piece, `CompareOptions.doubt_share` of a fact's sentence or
    # more (though it was not found reworded: too little for that, or a guard held it back), and that share: a
    # claim to check first, since about half are the same fact in other words.
    held: tuple[tuple[str, ...], float] | None = None


@dataclass(frozen=True)
class Detail:
    """What a sentence both articles carry says that the other article's sentences matched with it do not: a
    clause ("after months of questions over building contracts"), a credit or a figure; its `added` spans of
    some length (`compare.facts.find_details`)."""

    side: Side
    sentence: str  # the sentence's id
    spans: tuple[Span, ...]
    counterparts: tuple[str, ...]  # the other article's sentences matched with it


@dataclass(frozen=True)
class SideStats:
    """Counts for one side; ratios are derived."""

    words: int
    sentences: int
    body_words: int
    body_sentences: int
    shared_words: int  # body words in shared sentences, plus covered words of partial ones
    unique_sentences: int
    partial_sentences: int
    shared_sentences: int
    facts: int
    reworded_sentences: int = 0

    @property
    def covered(self) -> float:
        """Share of this side's body words the other article also carries."""
        return self.shared_words / self.body_words if self.body_words else 1.0


@dataclass(frozen=True)
class Stats:
    """Figures for the whole comparison."""

    a: SideStats
    b: SideStats
    quotes_identical: int
    quotes_variant: int
    quotes_only_a: int
    quotes_only_b: int
    quotes_extended: int = 0

    def side(self, side: Side) -> SideStats:
        """The figures for `side`."""
        return self.a if side == "a" else self.b


@dataclass(frozen=True)
class Comparison:
    """Everything the comparison found; the input of every renderer."""

    a: Document
    b: Document
    alignment: Alignment
    entities: tuple[Entity, ...]
    quotes: tuple[QuoteComparison, ...]
    facts: tuple[Fact, ...]
    stats: Stats
    options: CompareOptions
    changes: tuple[Change, ...] = ()
    semantic: SemanticInfo = field(default_factory=SemanticInfo)

    def document(self, side: Side) -> Document:
        """The document on `side`."""
        return self.a if side == "a" else self.b

    def facts_on(self, side: Side) -> tuple[Fact, ...]:
        """The facts only the article on `side` carries."""
        return tuple(f for f in self.facts if f.side == side)


@dataclass(frozen=True)
class CompareOptions:
    """Thresholds and weights of the comparison, with their documented defaults.

    Coverage is the weighted share of a sentence's content words (stop words
    left out, rarer words weigh more) that its matched counterparts also
    contain.
    """

    # A sentence is `shared` when the other article covers this much of it...
    shared_coverage: float = 0.72
    # ...`partial` when it covers at least this much (but less than the above).
    partial_coverage: float = 0.34
    # ...or when it shares at least this many content words with its counterparts...
    partial_min_words: int = 4
    # ...and they cover at least this much of it.
    partial_min_words_coverage: float = 0.25
    # Two sentences match when one covers this much of the other's content...
    match_containment: float = 0.42
    # ...or their word sequences are this similar (SequenceMatcher.ratio).
    match_ratio: float = 0.5
    # Several sentences of the other article that together cover this much of a sentence make it matched.
    together_coverage: float = 0.6
    # The two articles are an earlier and a later version of one story: names, wording and the headline are
    # reported as changes too (two outlets always word them differently).
    versions: bool = False
    # Ask the paraphrase model (when installed) whether a sentence left unique is said in other words...
    semantic: bool = True
    # ...which it is when its best counterpart's cosine reaches this (rounded to 3 decimals first)...
    reworded_similarity: float = 0.66
    # ...or this, when each of the two sentences is the other's closest...
    reworded_mutual_similarity: float = 0.62
    # ...or this, when the counterpart also has `reworded_near_coverage` of its content words (by rarity): a
    # near miss of the word pass, which the model settles with less.
    reworded_near_similarity: float = 0.5
    reworded_near_coverage: float = 0.3
    # A sentence still unique is ``reworded`` when, of its `reworded_piece_candidates` closest counterparts, the
    # fewest that hold this much of it by themselves, piece by piece (weighted by rarity), are at most...
    reworded_piece_recall: float = 0.58
    reworded_piece_candidates: int = 8
    # ...this many, taken in the order of what they hold: what two or three sentences of the other article say
    # together in other words.
    reworded_piece_holders: int = 3
    # ...or this much, for a sentence between two of its paragraph that the other article carries: inside a
    # passage both tell.
    reworded_passage_recall: float = 0.5
    # A fact shows the other article's sentence closest to it in meaning when their cosine reaches this: the
    # model's near misses, for a reader to check the "only in" claim against.
    nearest_similarity: float = 0.6
    # A fact says which sentences of the other article hold this share of one of its sentences or more, piece by
    # piece, though it was not found reworded: on the dev pairs, about half of such facts were the same fact in
    # other words or a detail glued to what the other carries, against one in seven of the others.
    doubt_share: float = 0.5
    # ...embedding at most this many sentences per comparison (unique ones first): the model's time budget. At
    # 8-12 ms a sentence on 2 cores, 700 took a 50,000-word pair to 10-12 s; 450 keeps it within 10 s.
    max_embedded_sentences: int = 450
    # Quotations read per article, in order: a work budget (a real article has tens, a book-length one
    # hundreds); the article's notes say when it was reached.
    max_quotes: int = 5000
    # How many candidate counterparts are scored per sentence.
    candidates_per_sentence: int = 8
    # Words in more than this share of all compared sentences are not indexed.
    max_index_df: float = 0.25
    # Quotes this similar (on aligned words) are the same remark.
    quote_variant_ratio: float = 0.6
    # Quotes of fewer words are not compared (scare quotes, single terms).
    min_quote_words: int = 2
    # Report a quote whose words are a run of a longer one's as `extended`, with the extra words; off, such
    # pairs are `variant`, their word diff showing the extra words (never `identical`, which needs the very
    # same words), as schema version 1 had it.
    extended_quotes: bool = True
    # An uncovered run must have this many content words to be reported as `added`.
    min_added_words: int = 1
    # SequenceMatcher's autojunk heuristic; off because it drops frequent words
    # once a sequence reaches 200 items, which long sentences do.
    autojunk: bool = False

    def __post_init__(self) -> None:
        """Check the options when built: shares must be in [0.0, 1.0] and `partial_coverage` <= `shared_coverage`."""
        for name in (
            "shared_coverage",
            "partial_coverage",
            "partial_min_words_coverage",
            "together_coverage",
            "reworded_similarity",
            "reworded_mutual_similarity",
            "reworded_near_similarity",
            "reworded_near_coverage",
            "reworded_piece_recall",
            "reworded_passage_recall",
            "nearest_similarity",
            "doubt_share",
            "match_containment",
            "match_ratio",
            "max_index_df",
            "quote_variant_ratio",
        ):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                from .errors import ConfigError

                raise ConfigError(f"option {name} must be in [0.0, 1.0]: {value!r}")
        for name in ("reworded_piece_candidates", "reworded_piece_holders"):
            if getattr(self, name) < 1:
                from .errors import ConfigError

                raise ConfigError(f"option {name} must be at least 1: {getattr(self, name)!r}")
        if self.partial_coverage > self.shared_coverage:
            from .errors import ConfigError

            raise ConfigError("option partial_coverage must not exceed shared_coverage")


# --- Sets: three or more articles of one event (issue 14) -------------------------------------------------------

#: Document ids of a set, in argument order: the prefix of each document's paragraph and sentence ids.
SET_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class SetSentence:
    """What the other documents of a set do with one sentence."""

    id: str
    status: Status  # its strongest status against any other document ("unique" when none carries it)
    carried_by: tuple[str, ...]  # ids of the other documents that carry it (shared, partial or reworded)
    coverage: float  # its best lexical coverage by another document, 0–1
    added: tuple[Span, ...] = ()  # when carried: what its counterparts in the first carrier to compare lack


@dataclass(frozen=True)
class SetFact:
    """One statement of the event and the documents that carry it: a group of sentences aligned across them."""

    id: str
    label: str
    kind: Literal["quote", "statement"]
    carried_by: tuple[str, ...]  # document ids, in argument order
    texts: dict[str, str]  # document id → its wording
    sentences: dict[str, tuple[str, ...]]  # document id → its sentences
    entities: tuple[str, ...]  # entity ids named in it

    @property
    def exclusive(self) -> bool:
        """True when a single document carries the fact."""
        return len(self.carried_by) == 1


@dataclass(frozen=True)
class SetQuote:
    """One remark quoted by one or more documents of a set."""

    id: str
    speaker: str | None  # the speaker's name, when a carrying document names one
    carried_by: tuple[str, ...]
    texts: dict[str, str]  # document id → its wording of the quote
    sentences: dict[str, tuple[str, ...]]
    status: Literal["identical", "variant", "only"]  # "only": a single document quotes it


@dataclass(frozen=True)
class SetEntity:
    """A person, organisation or place named in a set, with its mentions per document."""

    id: str
    name: str
    kind: Literal["person", "organisation", "place", "other"]
    aliases: tuple[str, ...]
    mentions: dict[str, tuple[Mention, ...]]  # document id → mentions


@dataclass(frozen=True)
class SetChange:
    """Where documents that carry one statement disagree: a figure, date, name, place, negation or opposite."""

    id: str
    kind: ChangeKind
    texts: dict[str, str]  # document id → its differing span ("" where it has none, as a missing "not")
    sentences: dict[str, str]  # document id → the sentence holding it
    summary: str


@dataclass(frozen=True)
class OutletStats:
    """Counts for one document of a set."""

    words: int
    body_words: int
    body_sentences: int
    carried_sentences: int  # body sentences some other document carries
    facts: int  # facts of the event it carries
    exclusives: int  # facts no other document carries

    def share_of(self, event_facts: int) -> float:
        """The share of the event's `event_facts` facts this document carries."""
        return self.facts / event_facts if event_facts else 1.0


@dataclass(frozen=True)
class SetComparison:
    """Everything a comparison of several articles of one event found; the input of the set renderers."""

    documents: tuple[Document, ...]  # in argument order; `documents[i].side` is `SET_LETTERS[i]`
    sentences: dict[str, SetSentence]  # by sentence id, body sentences of every document
    facts: tuple[SetFact, ...]
    quotes: tuple[SetQuote, ...]
    entities: tuple[SetEntity, ...]
    changes: tuple[SetChange, ...]
    stats: dict[str, OutletStats]  # document id → its counts
    options: CompareOptions
    semantic: SemanticInfo = field(default_factory=SemanticInfo)
    comparisons: int = 0  # pairwise alignments run to build it (one per document after the first)

    def document(self, document_id: str) -> Document:
        """The document whose id is `document_id` ("a", "b", "c", …)."""
        return self.documents[SET_LETTERS.index(document_id)]

    @property
    def ids(self) -> tuple[str, ...]:
        """The documents' ids, in argument order."""
        return tuple(d.side for d in self.documents)

    def exclusives(self, document_id: str) -> tuple[SetFact, ...]:
        """The facts only `document_id` carries."""
        return tuple(f for f in self.facts if f.carried_by == (document_id,))

    @property
    def carried_by_all(self) -> int:
        """How many facts every document carries."""
        return sum(len(f.carried_by) == len(self.documents) for f in self.facts)
