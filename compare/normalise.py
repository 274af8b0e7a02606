"""Words and their matching keys.

Input: a sentence's text.  Output: `Token`s, each with the word as written,
its offsets in the text, and `key`, the form that is matched: case-folded,
quote marks and hyphens removed, British spellings mapped to American ones,
numbers written as digits, and stemmed.  Normalise to match, keep the
original to display (issue 3).

>>> [t.key for t in tokenize("Co-operation on defence: the 8th and five")]
['cooper', 'on', 'defens', 'the', '8', 'and', '5']
>>> [t.key for t in tokenize("a quarter of twelve")], [t.key for t in tokenize("25% of 12")]
(['a', '25', 'of', '12'], ['25', 'of', '12'])
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache
from typing import NamedTuple

# snowballstemmer hands out PyStemmer's C implementation when it is installed
# (it is a dependency): the same Snowball algorithm, 100 times faster.
import snowballstemmer

# Letters and digits, with inner apostrophes, hyphens and dots (U.S., co-operate, 1.5).
# Scripts written without spaces (Chinese, Japanese kana, Thai) count each character as a word, so
# that a rewrite changes a few "words" of a sentence rather than the whole run of it.
UNSPACED = "\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
WORD_RE = re.compile(
    rf"[{UNSPACED}&]|[^\W_{UNSPACED}]+(?:['’‘\-‐‑.][^\W_{UNSPACED}]+|(?<=\d),\d{{3}}(?!\d))*",
    re.UNICODE,
)
# Written as a sign, read as a word: "conservation & healthy herds" says "and".
AMPERSAND = "&"

# Function words and the verbs of attribution that nearly every news sentence
# carries; they say nothing about which fact a sentence states.
STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each either few for from further
    had has have having he her here hers herself him himself his how i if in into is it its itself
    just me more most my myself no nor not now of off on once only or other our ours ourselves out
    over own same she should so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what when where which while who
    whom why will with would you your yours yourself yourselves may might must shall upon whether
    yet per via among amid s t d ll m re ve
    said says say saying told tells tell added adds add according asked
    mr mrs ms dr
    """.split()
)

NUMBER_WORDS = {
    "zero": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "thirteen": "13",
    "fourteen": "14",
    "fifteen": "15",
    "sixteen": "16",
    "seventeen": "17",
    "eighteen": "18",
    "nineteen": "19",
    "twenty": "20",
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "sixty": "60",
    "seventy": "70",
    "eighty": "80",
    "ninety": "90",
    "hundred": "100",
    "first": "1",
    "second": "2",
    "third": "3",
    "fourth": "4",
    "fifth": "5",
    "sixth": "6",
    "seventh": "7",
    "eighth": "8",
    "ninth": "9",
    "tenth": "10",
    "percent": "%",
    "cent": "%",
    "dozen": "12",
    # Fractions as the share they name: "a quarter of voters" is "25% of voters" ("a third" stays the ordinal).
    "half": "50",
    "quarter": "25",
}

# Number words that combine into one number: "twenty-two", "sixteen thousand", "two hundred and fifty".
SMALL_NUMBERS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen".split()
    )
}
TENS_NUMBERS = {
    word: 10 * value for value, word in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)
}
# An ordinal ends a number ("twenty-first"); it never starts one, where it is more often not a number ("second").
ORDINAL_UNITS = {
    word: value for value, word in enumerate("first second third fourth fifth sixth seventh eighth ninth".split(), 1)
}
SCALE_NUMBERS = {"hundred": 100, "thousand": 1000}


def number_value(words: Sequence[str]) -> int | None:
    """The number that two or more lower-case number words name together, or None when they do not make one.

    >>> number_value(["twenty", "two"]), number_value(["sixteen", "thousand"])
    (22, 16000)
    >>> number_value(["two", "hundred", "and", "fifty"])
    250
    >>> number_value(["one", "two"]), number_value(["first", "two"]), number_value(["twenty"])
    (None, None, None)
    """
    if len(words) < 2:
        return None
    total, current, last = 0, None, ""  # last: the kind of the word before ("small", "tens", "hundred", "and")
    for position, word in enumerate(words):
        if word == "and":
            if last != "hundred" or position == len(words) - 1:
                return None
            last = "and"
        elif word in SMALL_NUMBERS or (word in ORDINAL_UNITS and position == len(words) - 1 and position > 0):
            value = SMALL_NUMBERS.get(word, ORDINAL_UNITS.get(word, 0))
            if current is None:
                current = value
            elif (last == "tens" and 0 < value < 10) or last in ("hundred", "and"):
                current += value
            else:
                return None
            last = "small"
        elif word in TENS_NUMBERS:
            if current is None:
                current = TENS_NUMBERS[word]
            elif last in ("hundred", "and"):
                current += TENS_NUMBERS[word]
            else:
                return None
            last = "tens"
        elif word == "hundred" and current is not None and 0 < current < 100 and last != "hundred":
            current *= 100
            last = "hundred"
        elif word == "thousand" and current is not None and current > 0 and total == 0:
            total, current, last = current * 1000, None, "hundred"  # "thousand and five" reads as "hundred and"
        else:
            return None
    return total + (current or 0)


ORDINAL_RE = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
DIGIT_GROUP_RE = re.compile(r"(?<=\d)[,.](?=\d{3}\b)")

# British → American spelling, by suffix.  Applied to both sides alike, so a
# rule that also rewrites an unrelated word does no harm: it only has to map
# the two spellings of one word to the same key.
# Each rule: the endings it can apply to (a cheap test first), the pattern, its replacement.
SPELLING_RULES: tuple[tuple[tuple[str, ...], re.Pattern[str], str], ...] = (
    (
        ("ise", "ises", "ised", "ising", "isation", "isations", "iser", "isers"),
        re.compile(r"(?<=[a-z]{2})is(e|es|ed|ing|ation|ations|er|ers)$"),
        r"iz\1",
    ),
    (("yse", "yses", "ysed", "ysing"), re.compile(r"(?<=[a-z])ys(e|es|ed|ing)$"), r"yz\1"),
    (
        ("our", "ours", "oured", "ouring", "ourite", "ourites", "ourable", "ourer", "ourers"),
        re.compile(r"(?<=[a-z]{3})our(s|ed|ing|ite|ites|able|er|ers)?$"),
        r"or\1",
    ),
    (("ence",), re.compile(r"(?<=[a-z]{2})ence$"), "ense"),
    (("tre", "tres"), re.compile(r"(?<=[a-z]{2})tre(s)?$"), r"ter\1"),
    (("ogue", "ogues"), re.compile(r"(?<=[a-z]{3})ogue(s)?$"), r"og\1"),
    (("lled", "lling", "ller", "llers"), re.compile(r"(?<=[aeiou])ll(ed|ing|er|ers)$"), r"l\1"),
)
SPELLING_ENDINGS = tuple(ending for endings, _, _ in SPELLING_RULES for ending in endings)

_STEMMER = snowballstemmer.stemmer("english")


class Token(NamedTuple):
    """A word of a text: as written, where, and the key it is matched on."""

    text: str
    start: int
    end: int
    key: str
    content: bool  # False for stop words


def fold(text: str) -> str:
    """Case-fold `text` and unify quote marks, dashes and compatibility characters."""
    if text.isascii():  # most words: nothing to normalise or translate
        return text.lower()
    text = unicodedata.normalize("NFKC", text)
    return text.translate(_FOLD_TABLE).casefold()


_FOLD_TABLE = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
    }
)


@lru_cache(maxsize=65536)
def word_key(word: str) -> tuple[str, bool]:
    """Return the matching key of one `word` and whether it is a content word."""
    if word == AMPERSAND:
        return "and", False
    folded = fold(word)
    if "," in folded or "." in folded:
        folded = DIGIT_GROUP_RE.sub("", folded)
    if folded.endswith("'s"):
        folded = folded[:-2]
    if "-" in folded and (value := number_value(folded.split("-"))) is not None:
        return str(value), True  # "twenty-two"
    folded = folded.replace("'", "").replace("-", "").replace(".", "")
    if not folded:
        return "", False
    if folded in STOP_WORDS:
        return folded, False
    ordinal = ORDINAL_RE.match(folded) if folded[0].isdigit() else None
    if ordinal:
        return ordinal.group(1), True
    if folded in NUMBER_WORDS:
        return NUMBER_WORDS[folded], True
    if folded.isdigit() or not folded.isascii():
        return folded, True
    if folded.endswith(SPELLING_ENDINGS):  # one test rejects most words before the rules are tried
        for endings, pattern, replacement in SPELLING_RULES:
            if folded.endswith(endings):
                folded = pattern.sub(replacement, folded)
    return _STEMMER.stemWord(folded), True


@lru_cache(maxsize=16384)
def tokenize(text: str) -> tuple[Token, ...]:
    """Split `text` into `Token`s with offsets and matching keys (cached: every stage asks)."""
    tokens = []
    for match in WORD_RE.finditer(text):
        word = match[0].rstrip(".")
        key, content = word_key(word)
        if key:
            start = match.start()
            # tuple.__new__ skips the Python-level Token.__new__: this loop runs for every word of both articles.
            tokens.append(_new_tuple(Token, (word, start, start + len(word), key, content)))
    if COMBINING_WORD_RE.search(text):
        tokens = _combine_numbers(text, tokens)
    return tuple(tokens)


COMBINING_WORDS = frozenset({*SMALL_NUMBERS, *TENS_NUMBERS, *ORDINAL_UNITS, *SCALE_NUMBERS})
# One search of the text, rather than a look at every word, finds the rare sentence with number words.
COMBINING_WORD_RE = re.compile(r"\b(?:" + "|".join(sorted(COMBINING_WORDS)) + r")\b", re.IGNORECASE)


def _combine_numbers(text: str, tokens: list[Token]) -> list[Token]:
    """`tokens` with each run of number words that names one number ("sixteen thousand") made one token.

    The run's token spans its words and its key is the number in digits, as "16,000" would be: the same
    figure written either way is one key.
    """
    combined: list[Token] = []
    position = 0
    while position < len(tokens):
        end = position
        while end < len(tokens) and (
            tokens[end].text.lower() in COMBINING_WORDS or (end > position and tokens[end].text.lower() == "and")
        ):
            end += 1
        # The longest run from here that names one number; a lone word keeps its own key.
        for stop in range(end, position + 1, -1):
            value = number_value([token.text.lower() for token in tokens[position:stop]])
            if value is not None:
                first, last = tokens[position], tokens[stop - 1]
                combined.append(Token(text[first.start : last.end], first.start, last.end, str(value), True))
                position = stop
                break
        else:
            combined.append(tokens[position])
            position += 1
    return combined


_new_tuple = tuple.__new__


# The longest question an interviewer puts before a quoted answer in a quick round ('Governor Hale? “Solid.”').
MAX_PROMPT_WORDS = 8
# The marks a quotation opens with.
OPENING_QUOTE_MARKS = "“\"‘'"
# Time zones, written after a time ("8 p.m. ET"): they neither end a sentence nor name a body.
TIME_ZONES = frozenset(
    "ET EST EDT CT CST CDT MT MST MDT PT PST PDT AT AST ADT GMT UTC BST CET CEST IST JST AET AEST AEDT".split()
)


def question_before(text: str, quote_start: int) -> str | None:
    """The short question that is all `text` says before the quotation opening at `quote_start` (its quote
    mark included or not), or None: 'Governor Hale? “Solid as a rock.”' → 'Governor Hale?'.

    >>> question_before("Governor Hale? “Solid as a rock.”", 15), question_before("She said: “No.”", 10)
    ('Governor Hale?', None)
    """
    prompt = text[:quote_start].rstrip().rstrip(OPENING_QUOTE_MARKS).strip()
    if prompt.endswith("?") and len(prompt.split()) <= MAX_PROMPT_WORDS:
        return prompt
    return None


# Words that reverse a statement, as matching keys (apostrophes dropped: "doesn't" is "doesnt").
NEGATION_KEYS = frozenset(
    """not no nor never nt cannot neither none nobody nothing dont doesnt didnt isnt wasnt arent werent
    cant couldnt wont wouldnt shouldnt hasnt havent hadnt aint""".split()
)


def is_negation(key: str) -> bool:
    """True for the key of a word that reverses a statement ("not", "never", "didn't").

    >>> [is_negation(t.key) for t in tokenize("He didn't say no, not ever")]
    [False, True, False, True, True, False]
    """
    return key in NEGATION_KEYS


# Prefixes that make a word its own opposite: "unclear" says what "not clear" says.
NEGATING_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non")
# How many words after a negation the word it reverses may stand: "not immediately clear".
NEGATED_WORD_REACH = 2


def negations(
    tokens: Sequence[Token], other_keys: AbstractSet[str], reversing: AbstractSet[str] = NEGATION_KEYS
) -> int:
    """How many words of `tokens` reverse their statement (keys in `reversing`: "not", "never"), leaving out
    each one the other text says with a word of negating prefix (a key among `other_keys`): "not immediately
    clear" against "unclear", "did not agree" against "disagreed".

    >>> other = {t.key for t in tokenize("It is unclear and impossible")}
    >>> negations(tokenize("It was not immediately clear"), other), negations(tokenize("It was not true"), other)
    (0, 1)
    >>> negations(tokenize("He doesn't want to"), {t.key for t in tokenize("He looked into it")})
    1
    """
    found = 0
    for n, token in enumerate(tokens):
        if token.key not in reversing:
            continue
        # Content words only: "doesn't want to" is not "into".
        reversed_words = [t for t in tokens[n + 1 : n + 1 + NEGATED_WORD_REACH] if t.content]
        if not any(_prefixed_key(prefix, t.text) in other_keys for t in reversed_words for prefix in NEGATING_PREFIXES):
            found += 1
    return found


@lru_cache(maxsize=8192)
def _prefixed_key(prefix: str, word: str) -> str | None:
    """The matching key of `word` with `prefix` before it ("un" + "clear" → the key of "unclear"), or None when
    that is no content word."""
    key, content = word_key(prefix + word.lower())
    return key if content else None


@lru_cache(maxsize=8192)
def word_count(text: str) -> int:
    """Count the words of `text` as an editor would (numbers count, punctuation does not).

    Cached: segmentation counts each paragraph, and the statistics count it again.
    """
    return len(WORD_RE.findall(text))


def run_position(short: Sequence[str], long: Sequence[str]) -> int | None:
    """Where `short` first occurs as a run of consecutive items of `long`, or None (also when `short` is empty).

    >>> run_position(("b", "c"), ("a", "b", "c")), run_position(("a", "c"), ("a", "b", "c"))
    (1, None)
    """
    if not short or len(short) > len(long):
        return None
    for position in range(len(long) - len(short) + 1):
        if long[position : position + len(short)] == short:
            return position
    return None


# Words before a figure that make it a bound: "over 40" is 40 or a little more, "nearly 40" a little less.
BOUND_WORDS = {"over": 1, "above": 1, "exceeding": 1, "nearly": -1, "almost": -1, "under": -1, "below": -1}
BOUND_PHRASES: dict[tuple[str, ...], int] = {
    ("more", "than"): 1,
    ("at", "least"): 1,
    ("less", "than"): -1,
    ("fewer", "than"): -1,
    ("up", "to"): -1,
    ("at", "most"): -1,
}


def bound_before(before: tuple[str, ...]) -> int:
    """The bound the lower-cased words right `before` a figure put on it: 1 at least ("over 40", "more than 40"),
    -1 at most ("nearly 40", "up to 40"), 0 as given.

    >>> bound_before(("rose", "more", "than")), bound_before(("almost",)), bound_before(("about",))
    (1, -1, 0)
    """
    return BOUND_PHRASES.get(before[-2:], BOUND_WORDS.get(before[-1], 0) if before else 0)


# A bound reaches at most this share of its figure beyond it.
BOUND_MAX_SHARE = 0.2


def bound_reach(value: float, last_digit: float, bound: int) -> tuple[float, float]:
    """The values a figure `value` stated with `bound` (`bound_before`, not 0) allows: one step of its last digit
    written (`last_digit`: 0.1 for "4.2", 10 for "40") beyond it, towards the bound, but at most `BOUND_MAX_SHARE`
    of it ("over 4.2" is 4.2 to 4.3, "nearly 40" 30 to 40, "nearly 100,000" 80,000 to 100,000).

    >>> bound_reach(4.2, 0.1, 1), bound_reach(100_000, 100_000, -1)
    ((4.2, 4.3), (80000.0, 100000))
    """
    step = min(last_digit, BOUND_MAX_SHARE * value)
    return (value - step, value) if bound < 0 else (value, value + step)
