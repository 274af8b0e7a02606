"""Page furniture: which blocks of an article are its story, and which are the page around it.

Input: an article's blocks (`Block`), or one line of text.  Output: the blocks
with wire datelines and appended credits split off (`split_leading_datelines`,
`split_trailing_credit`), then a `Role` for each block (`assign_roles`).

Roles come from general patterns of page furniture, never from a list of
particular outlets' strings:

* the first block is the ``headline``; a short unpunctuated block right after
  it is the ``standfirst``;
* short unpunctuated blocks later on are ``subhead``s, unless they look like
  navigation ("read more", "follow", "sign up", all capitals, several short
  lines in one block), which makes them ``boilerplate``;
* photo captions ("Photograph: …", "Photo: …", or a line printed twice) are
  ``caption``s; agency and reporting credits ("(Agency)", "– (Agency)",
  "Reporting by …") are ``credit``s, split off the end of the last paragraph
  when they are appended to it;
* a short notice about the page itself ("This story is being updated.",
  "More to follow.") is ``boilerplate``, full stop or not;
* a block repeating an earlier one is ``boilerplate``, and so is a block right
  after the headline that holds it, or is held by it, word for word (a page's
  title with the site's name after it, over its own heading).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .model import Block, Role
from .normalise import STOP_WORDS, run_position, tokenize, word_count

# The longest block that can be a standfirst, subhead or piece of furniture.
MAX_STANDFIRST_WORDS = 60
# A first block longer than this, ending a sentence, is the story's first paragraph, not a headline.
MAX_HEADLINE_WORDS = 40
MAX_SUBHEAD_WORDS = 10
MAX_FURNITURE_WORDS = 8
MAX_RIGHTS_NOTICE_WORDS = 40
MAX_CREDIT_WORDS = 30
MAX_PROMO_WORDS = 30
MAX_TIMESTAMP_CHARACTERS = 100
MAX_DATELINE_CHARACTERS = 80
MIN_STORY_PARAGRAPH_WORDS = 15  # a paragraph this long, not a standfirst or a byline, means the story has begun
AUTHOR_BIO_BLOCKS = 2
MAX_BYLINE_WORDS = 14
MAX_BYLINE_BLOCK_LINES = 3
MAX_ROLE_LINE_WORDS = 7
# A notice, a player or a byline line may run a little longer than a subhead: "This article was updated at 14:05 GMT".
MAX_NOTICE_WORDS = MAX_SUBHEAD_WORDS + 2
# A byline without "By" is one name, perhaps with a particle ("Ana de la Cruz"); more capitalised words make a heading.
MAX_BARE_BYLINE_WORDS = 4
# Another story's headline in a "Most Read" list is short; a hard-wrapped paragraph's lines run longer.
MAX_LISTED_HEADLINE_WORDS = MAX_STANDFIRST_WORDS // 3
# Fewer capitals than this ("UK", "US - EU") are an abbreviation, not a line set in capitals.
MIN_ALL_CAPS_LETTERS = 4
# A sentence's end is a stop and at most three closing quotes or brackets: looking further back only costs time.
SENTENCE_END_CHARACTERS = 4
BYLINE_JOINERS = frozenset({"in", "and", "of", "the", "de", "van", "von", "for", "&", "|", "-", "–", "—"})


def one_of(alternatives: Iterable[str]) -> str:
    """A non-capturing group matching any of `alternatives` (pattern fragments), tried in the order given."""
    return "(?:" + "|".join(alternatives) + ")"


def words_pattern(phrases: Iterable[str]) -> str:
    r"""A group matching any of `phrases` literally, a space in a phrase standing for any run of whitespace.

    >>> words_pattern(["photo", "all rights reserved"])
    '(?:photo|all\\s+rights\\s+reserved)'
    """
    return one_of(r"\s+".join(re.escape(word) for word in phrase.split()) for phrase in phrases)


def cue_words(*groups: Iterable[str]) -> tuple[str, ...]:
    """The cue words of a pattern's pre-filter, from the `groups` of phrases the pattern is built from.

    Every match of the pattern holds one phrase of some group, and every word of that phrase; so a text
    holding none of the cues cannot match.  A phrase's cue is its longest word (the rarest, as a rule);
    a cue holding another cue is dropped, since a text holding it holds the shorter one too.
    """
    longest = [max(phrase.casefold().split(), key=len) for group in groups for phrase in group]
    unique = list(dict.fromkeys(longest))
    return tuple(cue for cue in unique if not any(other != cue and other in cue for other in unique))


TERMINAL_RE = re.compile(r"[.!?…。！？][\"'”’」』)\]]*$|[\"”’」』]$")

# A photo caption: "Photograph: Jo Reid", "Photos by Jo Reid", "Credit: …", "Image caption Crowds…".
CAPTION_SUBJECTS = ("photograph", "photo", "picture", "image", "illustration", "video", "graphic", "footage")
CAPTION_LABELS = ("credit", "caption", "pictured")
CAPTION_LABEL_SUBJECTS = ("image", "photo", "picture", "media", "video")
CAPTION_LABEL_KINDS = ("copyright", "caption", "credit", "source")
COPYRIGHT_SIGN = "©"
CAPTION_RE = re.compile(
    rf"""
    \b {words_pattern(CAPTION_SUBJECTS)} s? \s* (?: : | by\b )
    | ^ {words_pattern(CAPTION_LABELS)} \s* :
    | ^ \W* {words_pattern(CAPTION_LABEL_SUBJECTS)} \s+ {words_pattern(CAPTION_LABEL_KINDS)} \b
    | ^ [^\n{COPYRIGHT_SIGN}]{{1,400}} \S \s+ {COPYRIGHT_SIGN} \s* [^{COPYRIGHT_SIGN}\n]{{1,60}} $
        # one line ending "© Jo Reid / AFP/File"
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Every match of CAPTION_RE holds a subject, a label, a labelled subject or ©: a substring test is far cheaper.
CAPTION_CUES = cue_words(CAPTION_SUBJECTS, CAPTION_LABELS, CAPTION_LABEL_SUBJECTS, (COPYRIGHT_SIGN,))

NAVIGATION_RE = re.compile(
    r"""
    ^ \W*
    (?: read | click | tap | follow | subscribe | sign\s+up | share | advertisement | advert | sponsored
      | related | recommended | more\s+(?:on|from|about) | most\s+(?:read|popular|viewed|shared) | watch
      | listen | download | comments? | join | newsletter | log\s*in | register | see\s+also | also\s+read
      | trending | top\s+stories | latest | continue\s+reading | skip\s+to
    ) \b
    """,
    re.IGNORECASE | re.VERBOSE,
)
# An agency's credit in parentheses: "(AP)", "(Coastal Wire)".
PARENTHESISED_CREDIT = r"\( \s* [A-Z] [\w.&'’\ /-]{0,40} \)"
# ...and the desk's tags after it: "(Jane Doe) / (jd/ap)".
DESK_TAGS = r"(?: \s* / \s* \( [\w.&'’\ /-]{1,40} \) )*"
# What a line of credit says was done "by" someone: "Reporting by", "Additional writing by", "Photos by".
CREDITED_WORK = r"(?: reporting | writing | editing | compiled | produced | text | words | photos? | pictures? )"
# A picture agency's line on its own: "Getty Images", "AP Photo/Jane Doe", "AFP".
PICTURE_AGENCY = r"(?: AP | AFP | EPA | PA | Getty(?:\s+Images)? | Shutterstock | Alamy | Bloomberg )"
CREDIT_RE = re.compile(
    rf"""
    ^ \W* {PARENTHESISED_CREDIT} {DESK_TAGS} \W* $
    | ^ \W* (?: additional\s+ )? {CREDITED_WORK} \s+ by\b
    | ^ \W* (?: © | copyright\b )
    | ^ \W* {PICTURE_AGENCY} (?: \s+ (?:Photo|Images) )? (?: \s* / \s* [\w\ .'’-]{{1,40}} )? \W* $
    """,
    re.IGNORECASE | re.VERBOSE,
)

# A line crediting other newsrooms with part of the story, full stop or not: "Some information for this report
# provided by AFP and AP.", "Jane Doe contributed reporting to this story.", "Material from Reuters was used in this
# report."
STORY_WORDS = r"(?: report | story | article )"
REPORT_CREDIT_RE = re.compile(
    rf"""
    ^ \W* (?: (?: some | additional ) \s+ (?: information | material | reporting ) \s+
                (?: (?: for | in ) \s+ this \s+ {STORY_WORDS} \s+ )?
            | (?: information | material | reporting ) \s+ (?: for | in ) \s+ this \s+ {STORY_WORDS} \s+ )
        (?: was \s+ )? (?: provided | supplied | contributed ) \s+ by \b
    | \b contributed \s+ (?: (?: additional \s+ )? reporting \s+ )? (?: to | for ) \s+ this \s+ {STORY_WORDS} \W* $
    | ^ \W* (?: information | material ) \s+ from \s+ .{{1,80}} \s+ (?: was | were ) \s+ used \s+ in \s+ this
        \s+ {STORY_WORDS}
    """,
    re.IGNORECASE | re.VERBOSE,
)

# A wire dateline opening a paragraph: a place in capitals (perhaps ", Region" or ", Feb 16"), perhaps an agency
# in parentheses, then a dash; or the agency alone: "LIMA (AFP) - ", "COLUMBUS, Ohio (WCVN) - ", "(CNN) — ".
SPACE = r"[\ \t]"  # a dateline never runs over a line break
AGENCY = rf"\( {SPACE}* [A-Z] [\w.&'’/-]{{0,20}} {SPACE}* \)"  # "(AFP)", "(Reuters)"
PLACE_IN_CAPITALS = rf"[A-Z] [A-Z.'’-]{{2,}} (?: {SPACE}+ [A-Z] [A-Z.'’-]* ){{0,3}}"  # "LIMA", "PORT ST. MARY"
PLACE_DETAIL = rf", {SPACE}* [A-Z] [\w.'’]* (?: {SPACE}+ [\w.'’]+ ){{0,2}}"  # ", Ohio", ", Feb 16"
PLACE_IN_TITLE_CASE = rf"[A-Z] [\w.'’-]+ (?: {SPACE}+ [A-Z] [\w.'’-]+ ){{0,2}} (?: , {SPACE}* [A-Z] [\w.'’]* )?"
LEADING_DATELINE_RE = re.compile(
    rf"""
    (?: {PLACE_IN_CAPITALS} (?: {PLACE_DETAIL} )? (?: {SPACE}* {AGENCY} )?
      | {AGENCY}
      | {PLACE_IN_TITLE_CASE} {SPACE}* {AGENCY}
        # "Rotterdam (AFP) - ": a city in ordinary case needs its agency, one word, in parentheses.
    )
    {SPACE}* [-–—]{{1,2}} {SPACE}+ (?=[\"“‘'A-Z])
    """,
    re.VERBOSE,
)
# A credit appended to the last paragraph: "… campaign. – (Agency)".
TRAILING_CREDIT_RE = re.compile(
    rf"(?<=[.!?\"”’]) \s* (?: [–—-]+ \s* )? {PARENTHESISED_CREDIT} {DESK_TAGS} \s* $",
    re.VERBOSE,
)

# Labels of a link to another story: "Related:", "Read more:", "See also:".
STORY_LINK_LABELS = r"related | read\s+(?:more|next|also) | see\s+also | also\s+read"
# Lines that are furniture whatever their length: "RELATED: …", newsletter pitches, reading times.
PROMO_RE = re.compile(
    rf"""
    ^ \W* (?: {STORY_LINK_LABELS} | watch | listen | more | recommended | advertisement | sponsored ) \s* :
    | \b (?: sign\s+up | subscribe | newsletter | \d+ \s+ min(?:ute)?s? \s+ read ) \b
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Promotions that end like a sentence but are still furniture: a "Read more:" or "Related:" label with another
# story's headline ("READ MORE: Who impressed at the Vale?"), a line that opens by asking to sign up.
LABELLED_PROMO_RE = re.compile(
    rf"""
    ^ \W* (?: {STORY_LINK_LABELS} | more\s+on\s+this | recommended | have\s+your\s+say ) \s* :
    | ^ \W* (?: sign\s+up | subscribe ) \b .{{0,80}}
      \b (?: newsletters? | e-?mails? | inbox | alerts? | updates | free | our ) \b
    | ^ \W* have\s+your\s+say \b
    | \b (?: send | e-?mail | write ) \b [^.?!]{{0,60}} \b [\w.+-]+ @ [\w-]+ (?: \. [\w-]+ )+
    | ^ \W* (?: let\s+us\s+know | tell\s+us ) \b [^.]{{0,60}} \b comments? \s+ (?: below | section ) \b
    """,
    re.IGNORECASE | re.VERBOSE,
)
# A paywall's pitch: "Subscribe to continue reading", "Already a subscriber? Log in", "Get unlimited access for
# 1 pound a week", "This article is for subscribers only", "You have reached your limit of free articles".
PAYWALL_RE = re.compile(
    r"""
    \b (?: subscribe | sign\s+in | sign\s+up | log\s*in | register ) \b [^.?!]{0,40}
      \b to \s+ (?: continue | keep | finish | start ) \s+ reading \b
    | \b already \s+ (?: a \s+ )? (?: subscriber | member | registered ) \b
    | \b (?: unlimited | full | digital | premium ) \s+ access \b [^.?!]{0,80}
      \b (?: subscri\w* | a \s+ (?: week | month | year ) | per \s+ (?: week | month | year ) | trial ) \b
    | \b (?: this | the \s+ full ) \s+ (?: article | story | content ) \s+ is \s+ (?: only \s+ )?
      (?: available \s+ )? (?: to | for ) \s+ (?: our \s+ )? (?: subscribers | members | premium ) \b
    | \b you (?: \s+ have | 've ) \s+ (?: reached | read | used ) \s+ (?: your | the | all\s+your ) \b [^.?!]{0,30}
      \b (?: limit | free \s+ (?: articles | stories ) ) \b
    """,
    re.IGNORECASE | re.VERBOSE,
)
# "Get the best of our coverage in your inbox", "… delivered straight to your inbox": an offer, not news.
INBOX = "inbox"
INBOX_RE = re.compile(
    rf"\b (?: get | delivered | straight | sent | direct ) \b [^.]{{0,60}} \b (?: in | to ) \s+ your \s+ {INBOX} \b",
    re.IGNORECASE | re.VERBOSE,
)

# Month names, and their abbreviations (all of them beginnings of the name): "Sept", "Sep", "September".
MONTHS = (
    ("january", ("jan",)),
    ("february", ("feb",)),
    ("march", ("mar",)),
    ("april", ("apr",)),
    ("may", ("may",)),
    ("june", ("jun",)),
    ("july", ("jul",)),
    ("august", ("aug",)),
    ("september", ("sep", "sept")),
    ("october", ("oct",)),
    ("november", ("nov",)),
    ("december", ("dec",)),
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_ABBREVIATIONS = ("mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun")
DAY = "day"


def month_pattern(name: str, abbreviations: tuple[str, ...]) -> str:
    """Month `name` as a pattern: one of its `abbreviations`, perhaps completed to `name`: "(?:sep|sept)(?:ember)?".

    The completion follows the longest abbreviation, so the pattern also takes "sepember", as it always has.
    """
    longest = max(abbreviations, key=len)
    return name if longest == name else f"{one_of(abbreviations)}(?:{name[len(longest) :]})?"


MONTH = one_of(month_pattern(name, abbreviations) for name, abbreviations in MONTHS)
# A weekday: an abbreviation or the stem of a name, perhaps followed by "day": "Thurs", "Thursday", "Sat".
WEEKDAY_STEMS = dict.fromkeys((*WEEKDAY_ABBREVIATIONS, *(name.removesuffix(DAY) for name in WEEKDAYS)))
WEEKDAY = f"{one_of(WEEKDAY_STEMS)}(?:{DAY})?"
# The words around the dates in a time stamp: "Updated", "a.m.", "GMT", "7 min read", "3 hours ago".
TIMESTAMP_OTHER_WORDS = tuple(
    """am pm a m p at on updated update published posted filed modified last first issued gmt bst utc est edt cst
    cdt mst mdt pst pdt et ct mt pt cet cest ist aest aedt min mins minute minutes read hour hours ago day days
    week weeks yesterday today""".split()
)
# A line of nothing but dates and times: "17:42, Fri, May 2, 2025 | UPDATED: 18:05", "UPDATE 6:45 p.m.".  Its
# month and weekday words are DATE_LINE_RE's, so that the two tests of a date line agree.
TIMESTAMP_WORDS = frozenset(
    (
        *(name for name, _ in MONTHS),
        *(abbreviation for _, abbreviations in MONTHS for abbreviation in abbreviations),
        *WEEKDAYS,
        *WEEKDAY_ABBREVIATIONS,
        *TIMESTAMP_OTHER_WORDS,
    )
)
# A date on a line of its own: "Oct. 17, 2024", "17 October 2024", "Thursday 16 February 2017 19:02 GMT".
DAY_OF_MONTH = r"\d{1,2} (?: st | nd | rd | th )?"
YEAR = r"\d{4}"
CLOCK_TIME = r"\d{1,2} [:.] \d{2} \s* (?: [ap]\.?m\.? )? (?: \s+ [A-Z]{2,5} )?"  # "19:02 GMT", "6.45pm"
DATE_LINE_RE = re.compile(
    rf"""
    ^ \W* (?: {WEEKDAY} \.? ,? \s+ )?
    (?: {MONTH} \.? \s+ {DAY_OF_MONTH} ,? \s+ {YEAR}
      | {DAY_OF_MONTH} \s+ {MONTH} \.? ,? \s+ {YEAR}
    )
    (?: ,? \s* (?: at \s+ )? {CLOCK_TIME} )? \W* $
    """,
    re.IGNORECASE | re.VERBOSE,
)
# A journalist's job, on the line under a byline ("Political reporter, Yorkshire") or in a note on the author.
JOURNALIST_JOBS = ("reporter", "correspondent", "editor", "writer", "columnist", "contributor", "journalist")
BROADCAST_JOBS = ("producer", "presenter")  # under a byline only: AUTHOR_BIO_RE has never looked for them
ROLE_LINE_RE = re.compile(rf"\b{words_pattern((*JOURNALIST_JOBS, *BROADCAST_JOBS))}s?\b", re.IGNORECASE)
# An author's note under the story: "Naomi Strand is senior health editor at Field Notes, where…".
AUTHOR_BIO_RE = re.compile(
    rf"""
    ^ ( [A-Z][\w'’-]+ (?: \s+ [A-Z][\w'’-]+ ){{1,3}} )       # the name, group 1
    \s+ (?: is | was ) \s+ (?: (?: a | an | the ) \s+ )? (?: [\w'’-]+ \s+ ){{0,4}}
    {words_pattern(JOURNALIST_JOBS)} \b
    """,
    re.VERBOSE,
)
# Editors' notices about the page itself: "This story is being updated.", "More to follow."
NOTICE_RE = re.compile(
    r"""
    ^ \W*
    (?: this \s+ (?: story | article | report | page | post | live\s+blog )
        \s+ (?: is\s+being | has\s+been | was | will\s+be ) \s+ updated
      | (?: more | updates? | details ) \s+ to \s+ follow
      | this \s+ is \s+ a \s+ (?: breaking | developing ) \s+ (?: news\s+ )? story
    ) \b
    | ^ \W* loading \W* $
    """,
    re.IGNORECASE | re.VERBOSE,
)
# A newspaper's note on where a web story ran in print: "A version of this article appears in print on May 2,
# 2012, on page A16 of the New York edition with the headline: …".
PRINT_NOTICE_RE = re.compile(
    r"^\W*(?:a\s+)?version\s+of\s+this\s+(?:article|story|report|review)\s+(?:appears|appeared)\s+in\s+print\b",
    re.IGNORECASE,
)
# A print notice quotes the printed headline, so it runs longer than other notices.
MAX_PRINT_NOTICE_WORDS = MAX_STANDFIRST_WORDS
# Page machinery on a line of its own, without a full stop: players, ad slots, tag lists (dates: `_is_date_line`).
MACHINERY_RE = re.compile(
    r"""
    ^ \W*
    (?: media \s+ playback \s+ is \s+ (?: unsupported | not\s+supported )
      | skip \s+ ad \b
      | story \s+ continues \s+ below
      | topics? \s* :
      | tags? \s* :
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)
# A publisher's terms printed under the story: "All rights reserved.", "may not be published, broadcast…".
RIGHTS_RESERVED = "all rights reserved"
RIGHTS_VERBS = tuple("broadcast rewritten redistributed distributed transmitted published reproduced copied".split())
RIGHTS_STANDARDS = "our standards"
RIGHTS_VERB = words_pattern(RIGHTS_VERBS)
RIGHTS_RE = re.compile(
    rf"""
    (?: © | \bcopyright\b ) .{{0,80}} \b {words_pattern([RIGHTS_RESERVED])} \b
    | \b may \s+ not \s+ be \s+ {RIGHTS_VERB} , \s+ {RIGHTS_VERB} ,? \s+ (?: or \s+ )? {RIGHTS_VERB} \b
        # the wire's list of three or more: "may not be published, broadcast, rewritten or redistributed"
    | ^ \W* {words_pattern([RIGHTS_STANDARDS])} \s* :
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Every match of RIGHTS_RE holds "all rights reserved", one of its verbs, or "our standards".
RIGHTS_CUES = cue_words([RIGHTS_RESERVED], RIGHTS_VERBS, [RIGHTS_STANDARDS])
# "By Jo Reid", "BY JO REID": "by" in any case, then a name with its capital.
BYLINE_LABEL = r"by|words\s+by|reporting\s+by"
BYLINE_NAME = r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)*\b"
NAMED_BYLINE_RE = re.compile(rf"^(?i:{BYLINE_LABEL})\s+{BYLINE_NAME}")
BYLINE_RE = re.compile(rf"^(?:{BYLINE_LABEL})\s+{BYLINE_NAME}", re.IGNORECASE)
URL_OR_EMAIL_RE = re.compile(r"^\S+(?:@\S+\.\w+|://\S+)$|^www\.\S+$")


def split_leading_datelines(blocks: Iterable[Block]) -> Iterable[Block]:
    """Yield `blocks`, splitting a wire dateline ("LIMA (AFP) - ", "COLUMBUS — ") off the story's first paragraph.

    Only a paragraph before the story has started can open with one: later, "US - China talks" is text.
    """
    story_started = False
    for index, block in enumerate(blocks):
        match = None
        if index > 0 and block.kind == "paragraph" and not story_started:
            match = LEADING_DATELINE_RE.match(block.text)
            # A standfirst can be long too, but it seldom ends like a sentence.
            story_started = match is not None or (
                word_count(block.text) >= MIN_STORY_PARAGRAPH_WORDS and _ends_sentence(block.text)
            )
        if match is None or match.end() >= len(block.text):
            yield block
            continue
        dateline_end = len(match.group().rstrip())
        yield Block(block.text[:dateline_end], block.start, block.start + dateline_end, block.kind)
        yield Block(block.text[match.end() :], block.start + match.end(), block.end, block.kind)


def split_trailing_credit(blocks: tuple[Block, ...]) -> Iterable[Block]:
    """Yield `blocks`, splitting a parenthesised credit such as "(AP)" off the end of the last paragraph (the
    last of the story's length: a page's links may come after it)."""
    paragraphs = [i for i, b in enumerate(blocks) if b.kind == "paragraph"]
    long_ones = [i for i in paragraphs if word_count(blocks[i].text) >= MIN_STORY_PARAGRAPH_WORDS]
    last_body = max(long_ones or paragraphs, default=-1)
    for index, block in enumerate(blocks):
        match = TRAILING_CREDIT_RE.search(block.text) if index == last_body and index > 0 else None
        if match is None or match.start() == 0:
            yield block
            continue
        head_end = len(block.text[: match.start()].rstrip())
        credit_start = match.start() + (len(match.group()) - len(match.group().lstrip()))
        yield Block(block.text[:head_end], block.start, block.start + head_end, block.kind)
        yield Block(block.text[credit_start:], block.start + credit_start, block.end, block.kind)


# A press release's sign-off, a place and a date: "Oslo, 8 October 2004.", "Geneva, March 3, 2005".
PLACE_AND_DATE_RE = re.compile(
    rf"""
    ^ [A-Z][\w.'’-]+ (?: \s+ [A-Z][\w.'’-]+ ){{0,2}} , \s+
    (?i: {MONTH} \.? \s+ {DAY_OF_MONTH} ,? \s+ {YEAR} | {DAY_OF_MONTH} \s+ {MONTH} \.? ,? \s+ {YEAR} ) \.? $
    """,
    re.VERBOSE,
)
# Where a sentence may end inside a paragraph: a full stop, then a capital or an opening quote.
SENTENCE_BREAK_RE = re.compile(r"[.!?][\"”’)]?\s+(?=[A-Z\"“‘'])")


def split_trailing_signoffs(blocks: Iterable[Block]) -> Iterable[Block]:
    """Yield `blocks`, splitting off the end of a paragraph a last sentence that credits the story's makers
    ("Jo Reid contributed to this article.") or signs it off with a place and a date ("Oslo, 8 October 2004."),
    as a block of its own, which `assign_roles` makes a credit.

    >>> [b.text for b in split_trailing_signoffs([Block("The port closed. Lima, 3 May 2004.", 0, 34)])]
    ['The port closed.', 'Lima, 3 May 2004.']
    """
    for block in blocks:
        start = _signoff_start(block.text) if block.kind == "paragraph" else None
        if start is None:
            yield block
            continue
        head_end = len(block.text[:start].rstrip())
        yield Block(block.text[:head_end], block.start, block.start + head_end, block.kind)
        yield Block(block.text[start:].rstrip(), block.start + start, block.end, block.kind)


def _signoff_start(text: str) -> int | None:
    """Where the sign-off that ends `text` starts (see `split_trailing_signoffs`), or None."""
    # From the last sentence back, as long as the end could still be one credit; an abbreviation is read from
    # a few characters before the break only, so a paragraph of any length costs time in proportion to it.
    for found in reversed(list(SENTENCE_BREAK_RE.finditer(text))):
        if ABBREVIATION_END_RE.search(text[max(0, found.start() - ABBREVIATION_REACH) : found.start()]):
            continue
        tail = text[found.end() :].strip()
        if word_count(tail) > MAX_CREDIT_WORDS:
            return None
        if PLACE_AND_DATE_RE.match(tail) or REPORT_CREDIT_RE.search(tail):
            return found.end()
    return None


# A full stop that ends an abbreviation, not a sentence: "St.", "Dr.", "D.C."; read in the characters just before it.
ABBREVIATION_END_RE = re.compile(r"(?:\b[A-Z][a-z]?|\b(?:[A-Za-z]\.)+[A-Za-z])$")
ABBREVIATION_REACH = 24


# Page and wire markers a scraper glues to the text around them: "Advertisement" before a paragraph, a news
# agency's "Enditem" or "(END)" after its last sentence.  Split off, they are furniture.
# A page's links to the stories before and after it, a rule of dashes or its date and time before them:
# "26.11.2004 16:43 << Previous | Next >>", "- - - - Previous | Next >".
PAGER = r"(?: [-–—\s]* | [\d./:\s]* ) (?: <<?\s* )? Previous \s* \| \s* Next (?: \s* >>? )?"
GLUED_MARKER_WORDS = rf"advertisement | enditem | \(end\) | {PAGER}"
LEADING_MARKER_RE = re.compile(rf"^ (?: Advertisement | ADVERTISEMENT | {PAGER} ) \s+ (?=[A-Z\"“‘'])", re.VERBOSE)
# ...and "Advertisement" where an advertisement stood between two paragraphs the scraper ran together: after one
# sentence's end, before the next sentence ("… campaigns. Advertisement At least one …").
INNER_MARKER_RE = re.compile(
    r"(?<=[.!?\"”’)]) \s+ (?P<marker> Advertisement | ADVERTISEMENT ) \s+ (?=[A-Z\"“‘'])", re.VERBOSE
)
TRAILING_MARKER_RE = re.compile(rf"(?<=[.!?\"”’]) \s+ (?: Enditem | ENDITEM | \(END\) | {PAGER} ) \s* $", re.VERBOSE)
MARKER_RE = re.compile(rf"^ \s* (?: {GLUED_MARKER_WORDS} ) \s* $", re.VERBOSE | re.IGNORECASE)


# A short heading a scraper glued to the end of the paragraph before it: "… success of 1992. Fascinating ties".
GLUED_SUBHEAD_MAX_WORDS = 4
GLUED_SUBHEAD_RE = re.compile(
    rf"[.!?][\"”’)]?[ \t]+(?P<heading>[A-Z][\w’'-]*(?:[ \t]+[\w’'-]+){{0,{GLUED_SUBHEAD_MAX_WORDS - 1}}})$"
)


# A link a page left at the end of a paragraph: "… the town hall. Read more", "… hall. [more](https://…)".
LINK_LABEL = r"(?: read\s+(?:more|on) | more | continue\s+reading | full\s+story | see\s+more | link | here )"
LINK_ONLY = rf"""
    [\[(«‹»›→>]* \s*
    (?: \[ \s* {LINK_LABEL} \s* \] \( [^)\s]* \) | {LINK_LABEL} | https?://\S+ | www\.\S+ )
    \s* [\])»›→>…:.]*
"""
LINK_ONLY_RE = re.compile(rf"^ {LINK_ONLY} $", re.IGNORECASE | re.VERBOSE)
LINK_TAIL_RE = re.compile(rf"[.!?][\"”’)]? [ \t]+ (?P<link> {LINK_ONLY} ) $", re.IGNORECASE | re.VERBOSE)


def split_glued_subheads(blocks: Iterable[Block]) -> Iterable[Block]:
    """Yield `blocks`, splitting off the end of a paragraph a short unpunctuated heading that a page glued to it
    (one of at most `GLUED_SUBHEAD_MAX_WORDS` words, after the paragraph's last full stop, with a paragraph after
    it), as a block of its own, which `assign_roles` makes a subhead; and splitting off a link left at a
    paragraph's end ("Read more", "[more](…)", a bare address), which `assign_roles` makes furniture.

    >>> blocks = [Block("The port closed. Match dates", 0, 28), Block("On May 2.", 30, 39)]
    >>> [b.text for b in split_glued_subheads(blocks)]
    ['The port closed.', 'Match dates', 'On May 2.']
    """
    listed = list(blocks)
    for index, block in enumerate(listed):
        link = LINK_TAIL_RE.search(block.text) if block.kind == "paragraph" else None
        if link is not None:
            # A link is furniture wherever it stands, even at the end of the article.
            head_end = len(block.text[: link.start("link")].rstrip())
            yield Block(block.text[:head_end], block.start, block.start + head_end, block.kind)
            yield Block(link["link"], block.start + link.start("link"), block.end, block.kind)
            continue
        match = GLUED_SUBHEAD_RE.search(block.text) if block.kind == "paragraph" else None
        heading = match["heading"] if match else ""
        last_word = heading.split()[-1].casefold() if heading else ""
        if match is None or index == len(listed) - 1 or last_word in STOP_WORDS:
            yield block
            continue
        head_end = len(block.text[: match.start("heading")].rstrip())
        yield Block(block.text[:head_end], block.start, block.start + head_end, block.kind)
        yield Block(heading, block.start + match.start("heading"), block.end, block.kind)


def split_glued_markers(blocks: Iterable[Block]) -> Iterable[Block]:
    """Yield `blocks`, splitting a glued "Advertisement" off the start of a paragraph, or from between two of its
    sentences (the paragraph is two there), and a wire's "Enditem" or "(END)" off its end, each into a block of
    its own (which `assign_roles` makes furniture).

    >>> [b.text for b in split_glued_markers([Block("Advertisement The vote passed. Enditem", 0, 39)])]
    ['Advertisement', 'The vote passed.', 'Enditem']
    >>> [b.text for b in split_glued_markers([Block("It passed. Advertisement Then it failed.", 0, 40)])]
    ['It passed.', 'Advertisement', 'Then it failed.']
    """
    for whole in blocks:
        at = 0
        for inner in INNER_MARKER_RE.finditer(whole.text) if whole.kind == "paragraph" else ():
            yield from _split_leading_and_trailing(_piece(whole, at, inner.start()))
            yield _piece(whole, inner.start("marker"), inner.end("marker"))
            at = inner.end()
        yield from _split_leading_and_trailing(_piece(whole, at, len(whole.text)) if at else whole)


def _piece(block: Block, start: int, end: int) -> Block:
    """The part of `block` from `start` to `end` (offsets into its text), as a block of its own kind."""
    return Block(block.text[start:end], block.start + start, block.start + end, block.kind)


def _split_leading_and_trailing(block: Block) -> Iterable[Block]:
    """`block`, with a glued "Advertisement" at its start and a wire's end marker at its end each split off."""
    if block.kind != "paragraph":
        yield block
        return
    leading = LEADING_MARKER_RE.match(block.text)
    if leading is not None:
        yield _piece(block, 0, len(block.text[: leading.end()].rstrip()))
        block = _piece(block, leading.end(), len(block.text))
    trailing = TRAILING_MARKER_RE.search(block.text)
    if trailing is None:
        yield block
        return
    marker_start = trailing.start() + len(trailing.group()) - len(trailing.group().lstrip())
    yield _piece(block, 0, len(block.text[: trailing.start()].rstrip()))
    yield _piece(block, marker_start, marker_start + len(block.text[marker_start:].rstrip()))


def assign_roles(blocks: list[Block]) -> list[Role]:
    """Give each block a `Role` from its kind, shape, position and repetition."""
    roles: list[Role] = []
    seen: set[str] = set()
    body_started = False
    for index, block in enumerate(blocks):
        role = _role_of(block, index, roles, body_started, seen)
        seen.add(" ".join(block.text.split()).casefold())
        body_started = body_started or role == "body"
        roles.append(role)
    if "body" not in roles:
        # Nothing to compare otherwise: a one-paragraph article, or one whose
        # paragraphs all look like headings.  Its text is its body.
        demoted = [i for i, role in enumerate(roles) if role in ("standfirst", "subhead")]
        if not demoted:
            demoted = [i for i, role in enumerate(roles) if role == "headline"]
        for index in demoted:
            roles[index] = "body"
        return roles
    # A note on the byline's author among the last blocks is furniture ("Jo Reid is our health editor…"),
    # as long as some body is left; a story that ends on another journalist keeps that paragraph.
    authors = _byline_names(blocks, roles)
    for index in range(max(0, len(blocks) - AUTHOR_BIO_BLOCKS), len(blocks)):
        match = AUTHOR_BIO_RE.match(blocks[index].text.strip())
        if (
            roles[index] == "body"
            and match
            and match.group(1).casefold() in authors
            and word_count(blocks[index].text) <= MAX_STANDFIRST_WORDS
            and roles.count("body") > 1
        ):
            roles[index] = "boilerplate"
    for index in _interrupting_blocks(blocks, roles):
        roles[index] = "caption"
    # A "subhead" with no body after it is a trailing link or label ("Full results").
    for index in range(len(roles) - 1, -1, -1):
        if roles[index] == "body":
            break
        if roles[index] == "subhead":
            roles[index] = "boilerplate"
    return roles


# At most this many blocks (a caption, a credit, an advertisement) can stand between the two halves of a
# sentence a page cut in two.
MAX_INTERRUPTING_BLOCKS = 2
# The first half of a cut sentence has at least this many words (a shorter block is a label or a heading).
MIN_CUT_SENTENCE_WORDS = 5
CUT_SENTENCE_END_RE = re.compile(r"(?:\b[a-z][\w’'-]*|,)$")  # a lower-case word or a comma, where no sentence ends
CONTINUATION_RE = re.compile(r"^[a-z]")


def _interrupting_blocks(blocks: list[Block], roles: list[Role]) -> Iterable[int]:
    """Indexes of the blocks that a page put in the middle of a body sentence: between a body paragraph that
    stops at a lower-case word or a comma and, a block or two later, one that goes on in lower case.  They are
    captions or the like ("A police officer talks with a guard at the gate"), not part of the story."""
    for index, block in enumerate(blocks):
        text = block.text.strip()
        if roles[index] != "body" or word_count(text) < MIN_CUT_SENTENCE_WORDS or not CUT_SENTENCE_END_RE.search(text):
            continue
        for later in range(index + 2, min(index + 2 + MAX_INTERRUPTING_BLOCKS, len(blocks))):
            if CONTINUATION_RE.match(blocks[later].text.strip()) and roles[later] == "body":
                between = range(index + 1, later)
                if all(
                    not CONTINUATION_RE.match(blocks[i].text.strip())
                    and word_count(blocks[i].text) <= MAX_STANDFIRST_WORDS
                    and "\n" not in blocks[i].text.strip()
                    for i in between
                ):
                    yield from between
                break


# A block right after the headline repeats it when one holds the other and the shorter has at least this share of
# the longer's words (a title with the site's name after it, a heading with a few words more).
HEADLINE_REPEAT_SHARE = 0.6
# A repeat of a headline is a line, not a paragraph: longer blocks are not read for one.
MAX_HEADLINE_REPEAT_WORDS = 40


def _repeats_headline(text: str, seen: set[str]) -> bool:
    """True when `text`, the block after the headline (the one text in `seen`), holds its words in order or is
    held by it, punctuation aside."""
    if word_count(text) > MAX_HEADLINE_REPEAT_WORDS:
        return False
    words = [t.key for t in tokenize(text)]
    for headline in seen:
        shorter, longer = sorted((words, [t.key for t in tokenize(headline)]), key=len)
        if (
            len(longer) <= MAX_HEADLINE_REPEAT_WORDS
            and len(shorter) >= HEADLINE_REPEAT_SHARE * len(longer)
            and run_position(shorter, longer) is not None
        ):
            return True
    return False


def _role_of(block: Block, index: int, previous: list[Role], body_started: bool, seen: set[str]) -> Role:
    """Role of `block` from its text, kind and `index`, the `previous` roles, `body_started` and `seen` texts."""
    text = block.text.strip()
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    words = word_count(text)
    unpunctuated = not _ends_sentence(text)
    if " ".join(text.split()).casefold() in seen or MARKER_RE.match(text) or LINK_ONLY_RE.match(text):
        return "boilerplate"
    if previous == ["headline"] and _repeats_headline(text, seen):
        return "boilerplate"  # the page's title over its own heading: "Storm closes port - The Courier", "Storm…"
    if _is_dateline(text):
        return "credit"  # split off the paragraph it opened
    if len(lines) > 1 and len({line.casefold() for line in lines}) == 1:
        return "caption"  # the same caption printed twice
    if (words <= MAX_STANDFIRST_WORDS or len(lines) > 1) and _may_be_caption(text) and CAPTION_RE.search(text):
        return "caption"
    if (
        words <= MAX_SUBHEAD_WORDS or (words <= MAX_CREDIT_WORDS and len(lines) == 1 and unpunctuated)
    ) and CREDIT_RE.search(text):
        return "credit"  # "Reporting by A in X and B in Y; Editing by C and D" runs long
    if len(lines) == 1 and words <= MAX_CREDIT_WORDS and REPORT_CREDIT_RE.search(text):
        return "credit"
    if len(lines) == 1 and PLACE_AND_DATE_RE.match(text):
        return "credit"  # a press release's sign-off
    if len(lines) > 1 and _is_furniture_block(lines):
        return "boilerplate"  # a byline over a date line, a player over its caption
    if (
        len(lines) > 2
        and _is_furniture([lines[0]])
        and all(
            (not _ends_sentence(line) or line.endswith("?")) and word_count(line) <= MAX_LISTED_HEADLINE_WORDS
            for line in lines[1:]
        )
    ):
        return "boilerplate"  # "Most Read" over a list of other stories' headlines
    if (
        index > 0
        and not body_started
        and block.kind == "paragraph"
        and len(lines) == 1
        and words <= MAX_BARE_BYLINE_WORDS
        and _is_name_line(text)
    ):
        return "credit"  # a byline without "By" between the standfirst and the story
    if _is_furniture(lines, first=index == 0):
        return "boilerplate"
    if len(lines) == 1 and unpunctuated and words <= MAX_STANDFIRST_WORDS and PROMO_RE.search(text):
        return "boilerplate"
    if len(lines) == 1 and words <= MAX_PROMO_WORDS and _is_promo(text):
        return "boilerplate"
    if len(lines) == 1 and _is_date_line(text):
        return "boilerplate"  # the page's date on a line of its own
    if len(lines) == 1 and words <= MAX_NOTICE_WORDS and NOTICE_RE.search(text):
        return "boilerplate"
    if len(lines) == 1 and words <= MAX_PRINT_NOTICE_WORDS and PRINT_NOTICE_RE.search(text):
        return "boilerplate"
    if len(lines) == 1 and unpunctuated and words <= MAX_NOTICE_WORDS and MACHINERY_RE.search(text):
        return "boilerplate"
    if words <= MAX_RIGHTS_NOTICE_WORDS and holds_any(text, RIGHTS_CUES) and RIGHTS_RE.search(text):
        return "boilerplate"
    if len(lines) == 1 and unpunctuated and words <= MAX_NOTICE_WORDS and BYLINE_RE.match(text):
        return "credit"
    if (
        index == 0
        and block.kind == "paragraph"
        and words > MAX_HEADLINE_WORDS
        and _ends_sentence(text)
        and text.count(" | ") < 2  # a page's links run into its heading: "upload media | post an article | …"
    ):
        return "body"  # a page with no headline: its first paragraph is the story's first
    if index == 0 or block.kind == "title" or (block.kind == "heading" and not any(r == "headline" for r in previous)):
        return "headline"
    if block.kind == "heading":
        return "subhead"
    if not body_started and unpunctuated and words <= MAX_STANDFIRST_WORDS and "standfirst" not in previous:
        return "standfirst"
    if (
        body_started
        and unpunctuated
        and words <= MAX_SUBHEAD_WORDS
        and block.kind in ("paragraph", "item")
        and not SENTENCE_THEN_TAIL_RE.search(text)
    ):
        # A short unpunctuated list item is a link in a list, not a heading.
        return "subhead" if block.kind == "paragraph" else "boilerplate"
    return "body"


# A whole sentence of four words or more with something after it ("The crowd left. And more"): a heading never
# holds one, so such a block is a story's paragraph with a stray end.
SENTENCE_THEN_TAIL_RE = re.compile(r"^(?:\S+\s+){3,}\S*\w[.!?][\"”’)]?\s+\S")


def holds_any(text: str, cues: tuple[str, ...]) -> bool:
    """False when `text` holds none of `cues` in any case, so that a pattern looking for them cannot match."""
    # The patterns ignore case as `re` does, which also takes the dotless ı and the dotted İ for i;
    # casefold alone keeps ı and gives İ a combining dot.
    folded = text.casefold().replace("ı", "i").replace("i\u0307", "i")
    return any(cue in folded for cue in cues)


def _may_be_caption(text: str) -> bool:
    """False when `text` cannot match CAPTION_RE (it holds none of `CAPTION_CUES`, in any case)."""
    return holds_any(text, CAPTION_CUES)


def _is_promo(text: str) -> bool:
    """True for a promotion: a "Read more:" label, a sign-up or comments prompt, a readers' comment box ("Have
    your say"), an invitation to write in ("send your views to letters@…"), an offer to fill your inbox, a
    paywall's pitch ("Subscribe to continue reading")."""
    return bool(
        LABELLED_PROMO_RE.search(text) or PAYWALL_RE.search(text) or (INBOX in text.lower() and INBOX_RE.search(text))
    )


def _is_dateline(text: str) -> bool:
    """True when `text` is a wire dateline on its own, as `split_leading_datelines` leaves it ("LIMA (AFP) -")."""
    if len(text) > MAX_DATELINE_CHARACTERS:
        return False
    match = LEADING_DATELINE_RE.match(text + " A")
    return match is not None and match.end() == len(text) + 1


def _byline_names(blocks: list[Block], roles: list[Role]) -> set[str]:
    """The case-folded names in the article's bylines ("By Jo Reid", or "Jo Reid" over a role line)."""
    names: set[str] = set()
    for block, role in zip(blocks, roles, strict=True):
        if role not in ("credit", "boilerplate"):
            continue
        for line in block.text.split("\n"):
            match = BYLINE_RE.match(line.strip())
            text = match.group().split(None, 1)[-1] if match else line.strip() if _is_name_line(line.strip()) else ""
            for name in re.split(r"\s+and\s+|,|\|", text):
                names.add(" ".join(name.split()).casefold())
    names.discard("")
    return names


def _is_furniture_block(lines: list[str]) -> bool:
    """True for a block of several lines that are all furniture.

    Next to a date, a credit or an address, a line of names ("Jo Reid in Leeds and Al Peck in Hull") is a byline.
    """
    roles = [_line_role(line) for line in lines]
    if all(roles):
        return True
    if len(lines) > MAX_BYLINE_BLOCK_LINES:
        return False
    anchors = [
        line
        for line, role in zip(lines, roles, strict=True)
        if role
        and (NAMED_BYLINE_RE.match(line) or _is_role_line(line) or _is_date_line(line) or URL_OR_EMAIL_RE.match(line))
    ]
    names = [line for line, role in zip(lines, roles, strict=True) if not role]
    return bool(anchors) and len(names) <= 1 and all(_is_name_line(line) for line in names)


def _is_date_line(line: str) -> bool:
    """True for a date or a time stamp on a line of its own: "Oct. 17, 2024", "UPDATE 6:45 p.m.", not "On 1 May."."""
    return (
        len(line) <= MAX_TIMESTAMP_CHARACTERS
        and not _ends_with_full_stop(line)
        and bool(DATE_LINE_RE.match(line) or _is_timestamp_line(line))
    )


def _is_timestamp_line(line: str) -> bool:
    """True for a line of nothing but dates, times and the words around them (see `_is_date_line`)."""
    if not any(c.isdigit() for c in line):
        return False
    return all(word.lower() in TIMESTAMP_WORDS for word in re.findall(r"[^\W\d_]+", line))


def _is_role_line(line: str) -> bool:
    """True for a short line naming a journalist's job, as under a byline: "Political reporter, Yorkshire"."""
    return (
        word_count(line) <= MAX_ROLE_LINE_WORDS
        and not _ends_sentence(line)
        and ":" not in line
        and bool(ROLE_LINE_RE.search(line))
    )


def _ends_with_full_stop(line: str) -> bool:
    """True when `line` ends a sentence with a full stop; "6:45 p.m." ends a time, not a sentence."""
    stripped = line.rstrip()
    return stripped.endswith(".") and not stripped.lower().endswith(("a.m.", "p.m."))


def _is_name_line(line: str) -> bool:
    """True for a short line of capitalised words, perhaps joined by "in", "and", "of": a byline without "By"."""
    words = line.replace(",", " ").split()
    return (
        0 < len(words) <= MAX_BYLINE_WORDS
        and not _ends_sentence(line)
        and all(w[:1].isupper() or w.lower() in BYLINE_JOINERS for w in words)
        and words[0][:1].isupper()
    )


def _line_role(line: str) -> str | None:
    """The furniture role of one `line` on its own (a byline, a date, a credit, a caption…), or None."""
    words = word_count(line)
    unpunctuated = not _ends_sentence(line)
    if _may_be_caption(line) and CAPTION_RE.search(line):
        return "caption"
    if words <= MAX_CREDIT_WORDS and unpunctuated and (CREDIT_RE.search(line) or BYLINE_RE.match(line)):
        return "credit"
    if _is_date_line(line):
        return "boilerplate"
    if words <= MAX_PROMO_WORDS and _is_promo(line):
        return "boilerplate"
    if _is_role_line(line):
        return "credit"
    if words <= MAX_NOTICE_WORDS and (NOTICE_RE.search(line) or (unpunctuated and MACHINERY_RE.search(line))):
        return "boilerplate"
    if _is_furniture([line]):
        return "boilerplate"
    return None


def _is_furniture(lines: list[str], first: bool = False) -> bool:
    """Navigation, calls to action and other short unpunctuated lines.

    An article's `first` block in capitals is its headline, not navigation.
    """
    short = [line for line in lines if not _ends_sentence(line) and word_count(line) <= MAX_FURNITURE_WORDS]
    if not lines or len(short) < len(lines):
        return False
    if any(NAVIGATION_RE.search(line) or URL_OR_EMAIL_RE.search(line) for line in lines):
        return True
    # ALL CAPITALS lines are navigation; a real subhead uses sentence case.
    return not first and all(_is_all_caps(line) for line in lines)


def _ends_sentence(text: str) -> bool:
    """True when `text` ends like a sentence (full stop, ?, ! or a closing quote), looking at its end only."""
    return bool(TERMINAL_RE.search(text[-SENTENCE_END_CHARACTERS:]))


def _is_all_caps(line: str) -> bool:
    """True when `line` has at least four letters, all capitals."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= MIN_ALL_CAPS_LETTERS and all(c.isupper() for c in letters)
