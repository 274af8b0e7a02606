"""The display data of a set's report: `SetComparison` → `SetReportContext` (issue 14).

Templates get data, never HTML: every value here is plain text, a number or
a flag, and the templates (``set_report.html.j2``, ``set_report.md.j2``)
escape what they print.  Outlets are listed in argument order, each with its
id (``a``, ``b``, …), its badge letter (``A``, ``B``, …) and its label.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .align import word_matcher
from .context import MAX_SUMMARY_CHANGES, input_view, join_prose, kinds_counted, semantic_line
from .model import SetChange, SetComparison, SetFact, SetQuote
from .normalise import word_count
from .version import __version__

# Words in numbers a summary spells out ("all five carry 9").
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
# The summary names at most this many outlets' exclusives, the outlets with most first.
MAX_SUMMARY_OUTLETS = 4
# A matrix label past this many characters is cut (the full label is its title).
MAX_SHORT_LABEL = 14


@dataclass(frozen=True)
class SetReportContext:
    """All a set report template needs, as plain data."""

    title: str
    version: str
    generated_at: str
    outlets: list[dict[str, Any]]  # argument order: id, letter, label, short, title, source, figures, strip
    summary: str  # one or two plain sentences: what each outlet alone carries, what all carry
    event: dict[str, int]  # facts, carried_by_all, exclusives, outlets
    facts: list[dict[str, Any]]  # the matrix rows, most carried first, then in story order
    exclusives: list[dict[str, Any]]  # per outlet: its label and the facts only it carries
    quotes: list[dict[str, Any]]  # remarks quoted by two or more outlets, then the others
    changes: list[dict[str, Any]]
    entities: list[dict[str, Any]]
    inputs: list[dict[str, str]]
    semantic: str
    options: dict[str, Any]
    paper: str = "A4"
    print_note: str = ""  # what the PDF leaves out of long lists (`compare.render.set_print_edition`)

    def as_dict(self) -> dict[str, Any]:
        """The context one level deep, for `template.render(**context.as_dict())`."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def build_set_context(comparison: SetComparison, *, generated_at: str, paper: str = "A4") -> SetReportContext:
    """Build the display data of a report on the set `comparison`."""
    from dataclasses import asdict

    ids = comparison.ids
    labels: dict[str, str] = {d.side: d.label for d in comparison.documents}
    sentences = {s.id: s for d in comparison.documents for s in d.sentences}
    total = len(comparison.facts)
    outlets = [_outlet(comparison, document_id) for document_id in ids]
    order = {f.id: n for n, f in enumerate(comparison.facts)}
    rows = sorted(comparison.facts, key=lambda f: (-len(f.carried_by), order[f.id]))
    return SetReportContext(
        title=f"{len(ids)} outlets: {comparison.documents[0].title}",
        version=__version__,
        generated_at=generated_at,
        outlets=outlets,
        summary=set_summary(comparison),
        event={
            "facts": total,
            "carried_by_all": comparison.carried_by_all,
            "exclusives": sum(1 for f in comparison.facts if f.exclusive),
            "outlets": len(ids),
        },
        facts=[_fact_view(f, ids, labels) for f in rows],
        exclusives=[
            {
                "id": d,
                "letter": d.upper(),
                "label": labels[d],
                "facts": [_fact_view(f, ids, labels) for f in comparison.exclusives(d)],
                "count": comparison.stats[d].exclusives,  # whole, when the print edition cuts `facts`
            }
            for d in ids
        ],
        quotes=_quote_views(comparison, ids, labels),
        changes=[
            {
                "id": c.id,
                "kind": c.kind,
                "summary": c.summary,
                "texts": [_change_text(c, d, labels[d], sentences[c.sentences[d]].text) for d in ids if d in c.texts],
            }
            for c in comparison.changes
        ],
        entities=[
            {
                "name": e.name,
                "kind": e.kind,
                "mentions": [len(e.mentions.get(d, ())) for d in ids],
                "outlets": sum(1 for d in ids if e.mentions.get(d)),
                "aliases": ", ".join(e.aliases),
            }
            for e in comparison.entities
        ],
        inputs=[input_view(d) for d in comparison.documents],
        semantic=semantic_line(comparison.semantic),
        options=asdict(comparison.options),
        paper=paper,
    )


def _change_text(change: SetChange, document_id: str, label: str, sentence: str) -> dict[str, Any]:
    """One outlet's side of a disagreement: its value, and the `sentence` around it (`before`, `after`), so an
    editor sees what the outlet says the value counts.  A value missing from its side (a "not" one outlet
    lacks) stands at the sentence's end."""
    value = change.texts[document_id]
    found = sentence.find(value) if value else -1
    at = found if found >= 0 else len(sentence)
    return {
        "id": document_id,
        "letter": document_id.upper(),
        "label": label,
        "text": value,
        "anchor": change.sentences[document_id],
        "before": sentence[:at],
        "after": sentence[at + len(value) :] if found >= 0 else "",
    }


def set_summary(comparison: SetComparison) -> str:
    """What the outlets carry, in one or two sentences: "The Times carries 4 facts no other outlet has; …".

    Outlets with the most exclusives come first, at most `MAX_SUMMARY_OUTLETS`; then how many facts all carry.
    """
    ids = comparison.ids
    labels: dict[str, str] = {d.side: d.label for d in comparison.documents}
    counts = {d: comparison.stats[d].exclusives for d in ids}
    ranked = sorted(ids, key=lambda d: (-counts[d], d))
    parts = []
    for d in ranked[:MAX_SUMMARY_OUTLETS]:
        if counts[d]:
            noun = "fact" if counts[d] == 1 else "facts"
            parts.append(f"{labels[d]} carries {counts[d]} {noun} no other outlet has")
    quiet = [labels[d] for d in ids if not counts[d]]
    if quiet:
        parts.append(f"{join_prose(quiet)} {'carries' if len(quiet) == 1 else 'carry'} nothing the others lack")
    everyone = comparison.carried_by_all
    spelled = NUMBER_WORDS[len(ids)] if len(ids) < len(NUMBER_WORDS) else str(len(ids))
    noun = "fact" if everyone == 1 else "facts"
    sentence = "; ".join(parts)
    total = len(comparison.facts)
    if everyone:
        closing = f"all {spelled} carry {everyone} {noun} of {total}."
    else:
        closing = f"no fact of the {total} is carried by all {spelled}."
    # The sentence opens with an outlet's label, kept as written ("v1.txt" is not "V1.txt").
    summary = f"{sentence}; {closing}" if sentence else closing[:1].upper() + closing[1:]
    return summary + _disagreements(comparison.changes)


def _disagreements(changes: tuple[SetChange, ...]) -> str:
    """Where outlets disagree, as a pair's summary says it: " 1 figure differs between outlets: 14 / Fifteen
    workers.", the first `MAX_SUMMARY_CHANGES` and how many more; "" when they agree."""
    if not changes:
        return ""
    kinds = kinds_counted(changes)
    listed = "; ".join(change.summary for change in changes[:MAX_SUMMARY_CHANGES])
    more = len(changes) - MAX_SUMMARY_CHANGES
    if more > 0:
        listed += f" and {more} more"
    return f" {kinds} {'differs' if len(changes) == 1 else 'differ'} between outlets: {listed}."


def _outlet(comparison: SetComparison, document_id: str) -> dict[str, Any]:
    """One outlet's header, figures and coverage strip."""
    document = comparison.document(document_id)
    stats = comparison.stats[document_id]
    others = len(comparison.documents) - 1
    strip = []
    for sentence in document.body_sentences:
        carried = comparison.sentences[sentence.id].carried_by
        level = "all" if len(carried) == others else "some" if carried else "none"
        strip.append(
            {
                "id": sentence.id,
                "words": word_count(sentence.text) or 1,
                "level": level,
                "carried": len(carried),
            }
        )
    share = stats.share_of(len(comparison.facts))
    label = document.label
    return {
        "id": document_id,
        "letter": document_id.upper(),
        "label": label,
        "short": label if len(label) <= MAX_SHORT_LABEL else label[: MAX_SHORT_LABEL - 1] + "…",
        "title": document.title,
        "source": document.article.source,
        "notes": list(document.article.notes),
        "words": stats.body_words,  # as a pair's report counts them: the body compared, not the furniture
        "facts": stats.facts,
        "exclusives": stats.exclusives,
        "share": round(share * 100),
        "carried_sentences": stats.carried_sentences,
        "body_sentences": stats.body_sentences,
        "carried_share": round(100 * stats.carried_sentences / stats.body_sentences) if stats.body_sentences else 100,
        "strip": strip,
        "strip_label": (
            f"{label}: {stats.carried_sentences} of {stats.body_sentences} sentences carried by another outlet"
        ),
    }


def _fact_view(fact: SetFact, ids: tuple[str, ...], labels: dict[str, str]) -> dict[str, Any]:
    """A matrix row: the fact's label, a mark per outlet, and each carrying outlet's wording."""
    return {
        "id": fact.id,
        "label": fact.label,
        "kind": fact.kind,
        "count": len(fact.carried_by),
        "carried": [d in fact.carried_by for d in ids],
        "in": " ".join(fact.carried_by),
        "only": fact.carried_by[0] if fact.exclusive else "",
        "only_label": labels[fact.carried_by[0]] if fact.exclusive else "",
        "outlets": ", ".join(labels[d] for d in fact.carried_by),
        "texts": [
            {
                "id": d,
                "letter": d.upper(),
                "label": labels[d],
                "text": fact.texts[d],
                "anchor": fact.sentences[d][0],
            }
            for d in fact.carried_by
        ],
    }


def _quote_views(comparison: SetComparison, ids: tuple[str, ...], labels: dict[str, str]) -> list[dict[str, Any]]:
    """The quotes, those two or more outlets carry first; each wording marked where it differs from the first."""
    views = []
    for quote in sorted(comparison.quotes, key=lambda q: (-len(q.carried_by), int(q.id[1:]))):
        first = quote.texts[quote.carried_by[0]].split()
        wordings = []
        for d in quote.carried_by:
            words = quote.texts[d].split()
            tokens: list[tuple[str, str]] = []
            if d == quote.carried_by[0] or quote.status != "variant":
                tokens = [("text", " ".join(words))]
            else:
                matcher = word_matcher([_word_key(w) for w in first], [_word_key(w) for w in words])
                for tag, _, _, lo, hi in matcher.get_opcodes():
                    if hi > lo:
                        tokens.append(("text" if tag == "equal" else "changed", " ".join(words[lo:hi])))
            wordings.append(
                {
                    "id": d,
                    "letter": d.upper(),
                    "label": labels[d],
                    "text": quote.texts[d],
                    "tokens": tokens,
                }
            )
        views.append(
            {
                "id": quote.id,
                "speaker": quote.speaker or "unattributed",
                "status": quote.status,
                "status_label": {
                    "identical": "same words",
                    "variant": "quoted at different lengths" if _cut_short_only(quote) else "worded differently",
                    "only": f"only in {labels[quote.carried_by[0]]}",
                }[quote.status],
                "count": len(quote.carried_by),
                "carried": [d in quote.carried_by for d in ids],
                "wordings": wordings,
            }
        )
    return views


def _word_key(word: str) -> str:
    """`word` as quotations are compared: lower case, without the punctuation and quote marks around it."""
    return word.strip(QUOTE_PUNCTUATION).lower() or word


#: What may stand before or after a word of a quotation without making it another word ("pier." is "pier").
QUOTE_PUNCTUATION = ".,;:!?…\"'“”‘’()[]—–-"


def _cut_short_only(quote: SetQuote) -> bool:
    """True when every wording of `quote` is a run of words of its longest one: the outlets quote more or less of
    the same words, not other words."""
    wordings = [[_word_key(w) for w in quote.texts[d].split()] for d in quote.carried_by]
    longest = max(wordings, key=len)
    joined = f" {' '.join(longest)} "
    return all(f" {' '.join(words)} " in joined for words in wordings)
