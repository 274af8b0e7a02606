"""The uncased BERT WordPiece tokenizer, in pure Python, for the paraphrase model.

The sentence encoder was trained on the ids of this tokenizer, so it must cut
text exactly as Hugging Face's ``tokenizers`` does with the model's
``tokenizer.json`` (``BertNormalizer``, ``BertPreTokenizer``, ``WordPiece``):

1. clean: drop NUL, U+FFFD and control characters (category C*), turn every
   other whitespace character into a space;
2. put spaces around CJK ideographs, so each is a word of its own;
3. strip accents (NFD, then drop the combining marks, category Mn), then
   lowercase, in that order;
4. split on spaces, and cut every punctuation character (ASCII punctuation
   and Unicode category P*) off as a word of its own;
5. split each word into the longest vocabulary pieces from its start, later
   pieces carrying the ``##`` prefix; a word longer than 100 characters, or
   one that cannot be covered, becomes ``[UNK]``;
6. keep at most `max_length` − 2 pieces and wrap them in ``[CLS]`` … ``[SEP]``.

Literal special tokens in the text (``[SEP]`` typed into an article) are
split like any other text, where ``tokenizers`` would read them as the
special token: articles do not contain them.

>>> tokenizer = WordPiece(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "un", "##aff", "##able", ",", "café"])
>>> tokenizer.tokenize("Unaffable, CAFÉ!")
['un', '##aff', '##able', ',', '[UNK]', '[UNK]']
>>> tokenizer.encode("unaffable")
[2, 4, 5, 6, 3]
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from importlib.resources.abc import Traversable

UNKNOWN, START, END = "[UNK]", "[CLS]", "[SEP]"
CONTINUATION = "##"
MAX_WORD_CHARS = 100  # longer words are one [UNK], as in the model's tokenizer.json
MAX_LENGTH = 128  # the model's truncation length, [CLS] and [SEP] included
# Words seen before are looked up rather than split again; news repeats its words a lot.
WORD_CACHE_SIZE = 50_000

# Code points BERT treats as CJK ideographs (the CJK Unified Ideographs blocks and compatibility ideographs).
# Extension F starts at U+2B920 here, not U+2B820, because that is what the model's tokenizer (Rust) checks.
CJK_RE = re.compile(
    "([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002a6df\U0002a700-\U0002b73f"
    "\U0002b740-\U0002b81f\U0002b920-\U0002ceaf\U0002f800-\U0002fa1f])"
)
ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
ASCII_WORD_RE = re.compile(f"[{re.escape(ASCII_PUNCTUATION)}]|[^{re.escape(ASCII_PUNCTUATION)}]+")
# ASCII controls are dropped and tab, newline and carriage return become spaces: one `str.translate` does both.
ASCII_CLEAN = {code: None for code in [*range(0x20), 0x7F] if chr(code) not in "\t\n\r"} | {
    ord(c): " " for c in "\t\n\r"
}


def is_punctuation(char: str) -> bool:
    """True for a character BERT cuts off as a word of its own: ASCII punctuation (``$``, ``+``, ``^`` included,
    though Unicode calls them symbols) or any Unicode punctuation.

    >>> [is_punctuation(c) for c in "a,$«—€"]
    [False, True, True, True, True, False]
    """
    return char in ASCII_PUNCTUATION or unicodedata.category(char).startswith("P")


def clean(text: str) -> str:
    """`text` without NUL, U+FFFD and control characters, and with every whitespace character a space.

    Tab, newline and carriage return count as whitespace; other C0 controls (``\\x0b`` and ``\\x0c`` too) and
    format characters such as the zero-width joiner are dropped.

    >>> clean("a\\tb\\x00c\\u200dd\\u00a0e\\u2028f")
    'a bcd e f'
    """
    if text.isascii():
        return text.translate(ASCII_CLEAN)
    kept = []
    for char in text:
        if char in "\t\n\r":
            kept.append(" ")
            continue
        category = unicodedata.category(char)
        # Unassigned code points (Cn) are kept: the model's tokenizer reads them as [UNK].
        if char == "\ufffd" or (category.startswith("C") and category != "Cn"):
            continue
        kept.append(" " if category in ("Zs", "Zl", "Zp") else char)
    return "".join(kept)


def lowercase(text: str) -> str:
    """`text` lowercased one character at a time, as ``tokenizers`` does.

    `str.lower` turns a word-final capital sigma into final sigma (ς); the model's tokenizer lowercases each
    character alone, which gives σ.

    >>> lowercase("ΟΔΟΣ Σ")
    'οδοσ σ'
    """
    if "Σ" not in text:
        return text.lower()
    return "".join(char.lower() for char in text)


def normalise(text: str) -> str:
    """`text` as BERT's uncased normaliser leaves it: cleaned, CJK ideographs spaced, accents stripped, lowercased.

    >>> normalise("Crème  Brûlée\\n東京")
    'creme  brulee  東  京 '
    """
    text = clean(text)
    if text.isascii():
        return text.lower()
    text = CJK_RE.sub(r" \1 ", text)
    text = "".join(char for char in unicodedata.normalize("NFD", text) if unicodedata.category(char) != "Mn")
    return lowercase(text)


def split_words(text: str) -> list[str]:
    """The words of normalised `text`: split on spaces, each punctuation character a word of its own.

    >>> split_words("u.s. troops, 1,000 of them")
    ['u', '.', 's', '.', 'troops', ',', '1', ',', '000', 'of', 'them']
    """
    words: list[str] = []
    for chunk in text.split(" "):
        if not chunk:
            continue
        if chunk.isascii():
            words.extend(ASCII_WORD_RE.findall(chunk))
            continue
        start = 0
        for index, char in enumerate(chunk):
            if is_punctuation(char):
                if start < index:
                    words.append(chunk[start:index])
                words.append(char)
                start = index + 1
        if start < len(chunk):
            words.append(chunk[start:])
    return words


class WordPiece:
    """A WordPiece tokenizer over a vocabulary whose n-th piece has id n."""

    def __init__(self, pieces: Sequence[str]) -> None:
        """Index `pieces`; the vocabulary must hold ``[UNK]``, ``[CLS]`` and ``[SEP]``."""
        self.pieces = list(pieces)
        self.ids = {piece: index for index, piece in enumerate(self.pieces)}
        missing = [token for token in (UNKNOWN, START, END) if token not in self.ids]
        if missing:
            raise ValueError(f"vocabulary lacks {', '.join(missing)}")
        self.unknown_id, self.start_id, self.end_id = self.ids[UNKNOWN], self.ids[START], self.ids[END]
        # No piece is longer than this, so longer candidates need no lookup.
        self.longest_piece = max(map(len, pieces))
        self.word_cache: dict[str, list[int]] = {}

    @classmethod
    def from_text(cls, text: str) -> WordPiece:
        """A tokenizer over the vocabulary `text`, one piece per line (a ``vocab.txt``)."""
        # Split on "\n" only: `splitlines` would also cut at characters such as U+2028 that a piece could hold.
        pieces = text.split("\n")
        if pieces and pieces[-1] == "":
            pieces.pop()
        return cls(pieces)

    @classmethod
    def from_file(cls, path: Traversable) -> WordPiece:
        """A tokenizer over the ``vocab.txt`` at `path` (UTF-8, one piece per line, the n-th line id n)."""
        return cls.from_text(path.read_text(encoding="utf-8"))

    def word_ids(self, word: str) -> list[int]:
        """The ids of the pieces of one normalised `word`: longest match first, or ``[UNK]`` alone."""
        cached = self.word_cache.get(word)
        if cached is not None:
            return cached
        ids: list[int] = []
        start = 0
        if len(word) > MAX_WORD_CHARS:
            ids = [self.unknown_id]
            start = len(word)
        while start < len(word):
            prefix = CONTINUATION if start else ""
            end = min(len(word), start + self.longest_piece - len(prefix))
            while end > start:
                piece_id = self.ids.get(prefix + word[start:end])
                if piece_id is not None:
                    ids.append(piece_id)
                    break
                end -= 1
            if end == start:  # nothing matched here: the whole word is unknown
                ids = [self.unknown_id]
                break
            start = end
        if len(self.word_cache) >= WORD_CACHE_SIZE:
            self.word_cache.clear()
        self.word_cache[word] = ids
        return ids

    def piece_ids(self, text: str) -> list[int]:
        """The ids of every piece of `text`, without ``[CLS]``, ``[SEP]`` or truncation."""
        ids: list[int] = []
        for word in split_words(normalise(text)):
            ids.extend(self.word_ids(word))
        return ids

    def encode(self, text: str, max_length: int = MAX_LENGTH) -> list[int]:
        """The model's input ids for `text`: ``[CLS]``, its first `max_length` − 2 pieces, ``[SEP]``."""
        if max_length < 2:
            raise ValueError("max_length must leave room for [CLS] and [SEP]")
        return [self.start_id, *self.piece_ids(text)[: max_length - 2], self.end_id]

    def tokenize(self, text: str) -> list[str]:
        """The pieces of `text` as strings (no ``[CLS]``/``[SEP]``, no truncation): for reading, not for the model."""
        return [self.pieces[index] for index in self.piece_ids(text)]
