"""Entities: two `Document`s → `tuple[Entity]`.

Input: the body sentences of both documents.  Output: the people,
organisations and places they name, each with its aliases and its mentions
per side.

Rule-based and offline: a mention is a run of capitalised words (joined by
"of", "the", "de" and the like), with a leading honorific, title or role
("Mr", "Gen", "President", "Home Secretary", "Pensioner") marking a
person and kept apart as a descriptor.  A name is never cut at the full stop
of an initial or an abbreviation ("Ann B. Lowe", "Home Furnishings Inc.",
"Tallinn, D.C."), and "of" does not join a full personal name to what
follows ("Sheriff Ada Moss of Kern County" is a person and a place).  The
kind comes from cues in and around the name: a geographic word ("Coral Sea",
"Juniper Hill", "River Wend", "X Air Base"), organisation words
("Committee", "Agency"), acronyms, a small list of countries and world
cities, or a verb of speech.  Aliases are resolved across both articles:

* case and possessives are ignored ("UNESCO" = "Unesco's");
* an acronym joins its long form when the text gives both ("the Federal
  Security Service (FSB)", "FSB, the Federal Security Service") or it spells
  the long form's initials ("BHI", "Bureau of Harbour Inspection");
* people are grouped by surname when their first names agree, differ only
  as a common nickname does ("Bill"/"William"), or are missing ("Ms Okafor");
* a descriptor written next to a name ("French president Claire Dubois",
  "Tomas Berg, the Swedish finance minister") lets "the French
  President" elsewhere refer to that person (`resolve_descriptor`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from itertools import pairwise
from typing import NamedTuple

from .model import Document, Entity, Mention, Side, id_order
from .normalise import STOP_WORDS, TIME_ZONES, fold, word_key

HONORIFICS = frozenset(
    """mr mrs ms miss dr sir dame lord lady gen general col colonel maj major capt captain lt lieutenant
    sgt sergeant adm admiral cmdr commander prof professor rev reverend fr father sen senator rep
    representative gov governor president vice-president pm chancellor minister secretary judge justice
    king queen prince princess pope cardinal bishop archbishop rabbi imam sheikh marshal mayor ambassador
    councillor inspector detective officer chief pres reps sens""".split()
)
# Words after which a description set off by a comma goes on as a phrase of its own ("the governor of Texas").
APPOSITION_ENDS = frozenset({"of", "in", "who", "which", "and", "at", "for"})
# Words ending the name of a law or a text.
DOCUMENT_HEAD_WORDS = frozenset(
    "act bill law amendment treaty accord agreement charter code directive protocol clause".split()
)
# Titles written short before a name, and the words a story uses for them later ("the governor", "the general").
SPELLED_OUT_TITLES = {
    "gov": ("governor",),
    "sen": ("senator",),
    "gen": ("general",),
    "col": ("colonel",),
    "maj": ("major",),
    "capt": ("captain",),
    "lt": ("lieutenant",),
    "sgt": ("sergeant",),
    "adm": ("admiral",),
    "cmdr": ("commander",),
    "prof": ("professor",),
    "rev": ("reverend",),
}
ORGANISATION_WORDS = frozenset(
    """agency agencies association authority bank board bureau business centre center church club
    college commission committee company congress corporation corp council court department
    directorate  federation forces foundation front fund government group guard inc institute
    institution league ltd ministry movement network office organisation organization parliament
    party police press programme program senate service services society station team tribunal
    union university assembly alliance army navy air force brigade cabinet coalition command
    conference times post news herald guardian telegraph journal house nations fc cf afc school academy
    hospital project forum blog online stores community campaign media""".split()
)
# Words ending the name of a body that "and" may join to the words before it ("Food and Drug Administration").
BODY_HEAD_WORDS = ORGANISATION_WORDS | {"administration"}
# A body's name this long keeps a first word before its head noun at a sentence start (`_make_mention`).
MIN_BODY_NAME_WORDS = 3
# Words ending the name of an organisation that cannot speak: programmes, buildings, events.
SILENT_BODY_WORDS = frozenset("programme program conference summit games festival station centre center".split())
# Countries, continents and world cities most often in the news.  Enough to
# tell a place from a person when nothing else in the text says which.
PLACES = frozenset(
    """afghanistan albania algeria america americas argentina armenia asia australia austria azerbaijan
    bahrain bangladesh belarus belgium bolivia bosnia brazil britain bulgaria cambodia cameroon canada
    chile china colombia congo croatia cuba cyprus czechia denmark egypt england estonia ethiopia europe
    finland france georgia germany ghana greece guatemala haiti honduras hungary iceland india indonesia
    iran iraq ireland israel italy jamaica japan jordan kazakhstan kenya korea kosovo kuwait latvia
    lebanon libya lithuania luxembourg macedonia malaysia mali malta mexico moldova mongolia montenegro
    morocco mozambique myanmar nepal netherlands nicaragua niger nigeria norway oman pakistan palestine
    panama paraguay peru philippines poland portugal qatar romania russia rwanda scotland senegal serbia
    singapore slovakia slovenia somalia spain sudan sweden switzerland syria taiwan tanzania thailand
    tunisia turkey uganda ukraine uruguay uzbekistan venezuela vietnam wales yemen zambia zimbabwe
    africa antarctica arctic balkans baltic caribbean caucasus crimea gaza kashmir scandinavia sahel
    us usa uk uae eu dc
    amsterdam ankara athens baghdad bangkok barcelona beijing beirut belfast berlin bern brussels
    budapest cairo cardiff chicago copenhagen damascus delhi dhaka doha dubai dublin edinburgh geneva
    glasgow hamburg helsinki hong kong islamabad istanbul jakarta jerusalem kabul karachi kyiv kiev
    lagos lisbon london los angeles madrid manchester manila melbourne mexico milan minsk moscow mumbai
    munich nairobi naples oslo ottawa paris prague pyongyang riga rome seoul shanghai singapore sofia
    stockholm sydney taipei tallinn tehran tokyo toronto vienna vilnius warsaw washington zagreb
    zurich
    alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii idaho illinois
    indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi
    missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont
    virginia wisconsin wyoming quebec ontario alberta bavaria catalonia flanders""".split()
)
MULTIWORD_PLACES = frozenset(
    {
        "united states",
        "united kingdom",
        "new york",
        "hong kong",
        "los angeles",
        "new zealand",
        "south africa",
        "north korea",
        "south korea",
        "saudi arabia",
        "middle east",
        "latin america",
        "north america",
        "south america",
        "western europe",
        "new delhi",
        "sri lanka",
        "new hampshire",
        "new jersey",
        "new mexico",
        "north carolina",
        "south carolina",
        "north dakota",
        "south dakota",
        "rhode island",
        "west virginia",
        "british columbia",
        "northern ireland",
        "puerto rico",
    }
)
NICKNAMES = {
    "jim": "james",
    "jimmy": "james",
    "bill": "william",
    "will": "william",
    "billy": "william",
    "bob": "robert",
    "rob": "robert",
    "bobby": "robert",
    "mike": "michael",
    "mick": "michael",
    "tom": "thomas",
    "tommy": "thomas",
    "joe": "joseph",
    "dick": "richard",
    "rick": "richard",
    "dave": "david",
    "dan": "daniel",
    "danny": "daniel",
    "ed": "edward",
    "ted": "edward",
    "tony": "anthony",
    "andy": "andrew",
    "steve": "steven",
    "stephen": "steven",
    "chris": "christopher",
    "matt": "matthew",
    "nick": "nicholas",
    "pat": "patrick",
    "sam": "samuel",
    "ben": "benjamin",
    "alex": "alexander",
    "kate": "katherine",
    "katie": "katherine",
    "liz": "elizabeth",
    "beth": "elizabeth",
    "betty": "elizabeth",
    "sue": "susan",
    "jenny": "jennifer",
    "jen": "jennifer",
    "maggie": "margaret",
    "peggy": "margaret",
    "chuck": "charles",
    "charlie": "charles",
    "jack": "john",
    "johnny": "john",
    "larry": "lawrence",
    "jerry": "gerald",
    "greg": "gregory",
    "ron": "ronald",
    "don": "donald",
    "jeff": "jeffrey",
    "vlad": "vladimir",
    "sasha": "alexander",
}
# First names that are also ordinary words, kept when they open a sentence ("Bill Lowe said", "Will Ek said").
FIRST_NAMES = (
    frozenset(NICKNAMES)
    | frozenset(NICKNAMES.values())
    | frozenset("mark will rich hope grace faith joy dawn rose pat sue art bud chip guy jack ray rob sandy".split())
)
# Words of office that make "UK Home Secretary" a description, not a name.
TITLE_WORDS = HONORIFICS | frozenset(
    """defence defense foreign home interior justice finance treasury state health education trade
    deputy acting former prime head leader spokesman spokeswoman spokesperson director executive
    chairman chairwoman chair speaker envoy commissioner premier army naval ceo cfo coo tem tempore
    counsel whip""".split()
)
# Common nouns that say what kind of body the name right after them is: "the rail operator Nordlink", "the
# airline Skyfare", "the charity Shelterwise".
BODY_TYPE_NOUNS = frozenset(
    """operator company firm carrier airline retailer broadcaster newspaper bank insurer manufacturer maker
    charity website network union chain publisher developer provider supplier lender utility regulator
    automaker carmaker conglomerate brewer miner distributor exchange fund startup broker agency""".split()
)
# The articles that open a description after a name ("Harbourline, a ferry company,").
ARTICLES = frozenset({"a", "an", "the"})
# The head nouns of a description after a name that make it a body: "Harbourline, a ferry company based in
# Bath, said": the kinds of body above, but not those a person is too ("a property developer", "a film maker"),
# and the general words for a body.
APPOSITION_BODY_NOUNS = (
    BODY_TYPE_NOUNS
    - frozenset("broker developer distributor lender maker miner operator provider publisher supplier".split())
) | frozenset(
    "group organisation organization association foundation institute society corporation business outlet".split()
)
# Common nouns of role or trade written before a name as a title ("Pensioner Ann Lowe", "Sheriff Ada
# Moss"): a description of the person, not part of the name.
# A member of a party, written before a name ("Democrat Elizabeth Warren") or after a place ("a Virginia
# Democrat"): a description, as a role is.
PARTY_WORDS = frozenset({"democrat", "republican"})
ROLE_WORDS = (
    frozenset(
        """pensioner farmer teacher student pupil resident lawyer attorney sheriff deputy coach manager analyst
    economist doctor nurse surgeon actor actress singer musician author writer novelist poet founder owner
    worker driver pilot mother father grandmother grandfather widow widower victim witness campaigner
    activist volunteer veteran constable trooper pastor priest vicar historian scientist researcher
    journalist reporter photographer artist designer engineer architect businessman businesswoman
    entrepreneur developer landlord shopkeeper fisherman miner nurse midwife paramedic firefighter
    climber skipper striker midfielder defender goalkeeper prosecutor""".split()
    )
    | PARTY_WORDS
)
# The last word of a place's name says it is one ("Coral Sea", "Juniper Hill", "Lakenheath Air Base")...
PLACE_HEAD_WORDS = frozenset(
    """sea seas ocean hill hills mountain mountains mount river lake lakes bridge street road avenue lane
    boulevard square plaza airport airfield base island islands isle bay valley county province park canal
    gulf strait straits coast peninsula desert forest heights district region harbour harbor port beach
    falls creek highway motorway reservoir glacier cape estate garden gardens stadium arena city cities town village
    township borough""".split()
)
# A point of the compass (or "Central") before a known place names a part of it: "South Florida", "Central
# America", "South Atlantic".
COMPASS_WORDS = frozenset(
    "north south east west northern southern eastern western central northeast northwest southeast southwest".split()
)
OCEANS = frozenset("atlantic pacific mediterranean".split())
# A name with "War" in it, or opening with "Operation", is an event or a cause, never a person: "World War II",
# "the Vietnam War", "Operation Condor" ("War Child", a charity, is typed other too).
EVENT_WORDS = frozenset({"war"})
EVENT_PREFIX_WORDS = frozenset({"operation"})
# A part of a text numbered in Roman numerals: "Title VII", "Part II" (a person's "III" follows a full name).
NUMBERED_PART_WORDS = frozenset("part title chapter section article phase stage volume book".split())
# The last word of a name that is a common noun no one has as a surname: a programme, a rule, a time, a cause
# ("Social Security", "Acceptable Use Policy", "Pride Month", "Stop Gun Violence").
NOT_A_SURNAME_WORDS = frozenset("month security policy system education citizenship terrorism violence time".split())
# ...or its first word does ("River Wend", "Mount Kenya"), as does the service of a base named after it
# ("RAF Dunmore", "Camp Hale", "Fort Kent").
PLACE_PREFIX_WORDS = frozenset(
    "mount mt lake river cape fort ft camp isle raf san santa los las el port st saint".split()
)
# "State" ends the name of a place only after a place ("Kent State"), not of a body ("Free State").
PLACE_AFTER_PLACE_WORDS = frozenset({"state"})
# Abbreviations whose full stop belongs to the name ("Home Furnishings Inc.", "Robert Kane Jr."), like an initial's.
NAME_ABBREVIATIONS = frozenset("inc corp co ltd plc llc jr sr st bros".split())
# US states as news agencies write them short, with a full stop ("Newtown, Conn.", "Aventura, Fla."); not "La."
# or "Miss.", which are other words too.
STATE_ABBREVIATIONS = frozenset(
    "ala ariz ark calif colo conn fla ga ill ind kan kans ky md mass mich minn mo mont neb nev okla ore pa tenn tex "
    "vt va wash wis wyo".split()
)
# The words that end a company's name in full and that it goes without when named short.
COMPANY_SUFFIXES = frozenset("inc corp co ltd plc llc limited incorporated nv bv gmbh ag sa ab".split())
# A dotted abbreviation: "D.C", "U.S" (the tokenizer leaves the final full stop apart).
DOTTED_ABBREVIATION_RE = re.compile(r"(?:[A-Z]\.)+[A-Z]")
# Initials of a long form that skip these words: "Bureau of Harbour Inspection" → BHI.
ACRONYM_SKIPPED_WORDS = frozenset({"of", "the", "for", "and", "de", "on", "in", "&"})
# An acronym is two to six capitals (perhaps with a digit after the first letter: "G7" is not one).
ACRONYM_RE = re.compile(r"[A-Z]{2,6}")
CALENDAR_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
    today yesterday tomorrow""".split()
)
CONNECTORS = frozenset({"of", "the", "for", "de", "del", "der", "van", "von", "al", "bin", "la", "le", "and", "&"})
# Words joining a body's head noun to what it deals with, in its name ("Committee on Rules", "Task Force on Ferry
# Safety"), as "of" and "for" do.
BODY_TOPIC_CONNECTORS = frozenset({"on"})
# What a word opening a sentence may follow within a sentence's text: a quote mark, or a full stop, question or
# exclamation mark ending the sentence before it inside a quotation.
SENTENCE_OPENERS = frozenset({'"', "“", "‘", "'", ".", "!", "?", "…"})
# The most letters of an acronym written in capitals ("UNESCO"); a longer word in capitals that the articles also
# write in lower case is that word shouted ("DESTROY"), not a name.
MAX_ACRONYM_LETTERS = 6
SPEECH_VERBS = frozenset(
    """said says told tells added adds asked answered replied insisted declared stated explained warned
    noted argued claimed protested wrote tweeted continued admitted acknowledged announced urged
    saying stating adding telling insisting warning arguing claiming protesting stressed recalled testified
    responded countered conceded predicted concluded cautioned vowed promised maintained suggested remarked
    observed commented complained joked quipped posted asserted labeled labelled labeling labelling dubbed
    called calling described describing accused accusing""".split()
)
# Verbs of speech whose object is whom they address or describe, not who speaks: "told Politico", "called Ann Lowe
# a liar", "urged Harbourline to…": the name after one may be a person, an outlet or a body.
ADDRESSING_VERBS = frozenset(
    """told tells telling urged called calling accused accusing labeled labelled labeling labelling dubbed
    described describing""".split()
)
# Verbs that give a body's name after the noun saying what it is ("a group called Quiet Streets").
NAMING_VERBS = frozenset("called named dubbed".split())
CAPITALISED_RE = re.compile(r"[^\W\d_][\w'’\-.]*\w|[^\W\d_]")
TOKEN_RE = re.compile(r"[^\W_]+(?:['’\-.][^\W_]+)*|[^\w\s]", re.UNICODE)
# A US legislator's party and state after the name ("Jerrold Nadler, D-N.Y.,", "(R-Calif.)"): not a name.
PARTY_TAG_RE = re.compile(r"[DRI]-[A-Z][A-Za-z.]{0,11}$")
EXTRA_DEMONYMS = frozenset(
    """british english french german dutch irish scottish welsh spanish turkish polish swedish danish
    finnish greek swiss western eastern northern southern european soviet arab thai filipino
    norwegian portuguese lebanese afghan argentine argentinian peruvian congolese icelandic czech slovak
    kurdish yemeni saudi emirati uzbek kazakh""".split()
)
LOWERCASE_WORD_RE = re.compile(r"\b[a-z][\w'’-]*")
POSSESSIVE_RE = re.compile(r"['’]s?$")
# What follows a plural possessive inside a name: "Players' Association", "Veterans' Affairs".
PLURAL_POSSESSIVE_HEADS = ORGANISATION_WORDS | frozenset(
    "affairs day trust rights guild pension pensions charter home hospital school".split()
)
# Capitalised words that open a run without being part of the name ("The", "Of"); honorifics are handled apart.
LEADING_NON_NAME_WORDS = (
    (STOP_WORDS - {"mr", "mrs", "ms", "dr"})
    | CONNECTORS
    # Words that open a clause, capitalised at a sentence start: "Though Weiner said…" names Weiner.
    | frozenset(
        """though although whereas unless whether because since meanwhile however yet despite amid plus still thus
        hence besides moreover furthermore instead indeed""".split()
    )
    # ...and words of time or number before one: "Late Wednesday", "One Democrat".
    | frozenset("late early one two three four five six seven eight nine ten".split())
    # ...and determiners the stop words lack: "Neither the Harbour Board nor …", "Fellow Harbour Party members".
    | frozenset("neither several many every fellow".split())
    # ...and prepositions of place or manner the stop words lack: "Outside the Harbour Courthouse, …".
    | frozenset(
        """outside inside near behind beyond across along around beneath beside toward towards throughout within
        without amongst following regarding unlike onto past""".split()
    )
)
# A sentence with this many capitals or more per lower-case letter is written in capitals: no name stands out.
CAPITALS_PER_LOWER_CASE = 4
# Shorter stems of a demonym ("Thai" → "th") would match unrelated places.
MIN_DEMONYM_STEM = 3
# How far a description of office reaches from a name: "former UK home secretary Ann Lowe" (four words
# before it), "Tomas Berg, the Swedish deputy finance minister" (an apposition of up to six after it).
MAX_DESCRIPTOR_WORDS_BEFORE = 4
MAX_APPOSITION_WORDS = 6
# A run of two to four capitalised words that names no organisation or place is taken for a person.
MIN_PERSON_NAME_WORDS = 2
MAX_PERSON_NAME_WORDS = 4
# Words of a party or a creed, capitalised as adjectives before a noun ("Democratic lawmakers").
POLITICAL_ADJECTIVES = frozenset(
    "democratic republican conservative liberal socialist communist progressive libertarian".split()
)
# ...but before one of these it names a body that speaks ("the Democratic committee said").
PARTY_BODY_NOUNS = frozenset("committee party caucus convention campaign leadership".split())
# "Part II", "World War II": a numeral after ordinary words is no part of a person's name ("John Paul II" opens
# with a first name).
ROMAN_NUMERAL_RE = re.compile(r"[IVX]+")
# Words before a day or month that make them one name ("Super Tuesday", "Good Friday"): the date is kept.
CALENDAR_NAMED = frozenset("super good black holy ash cyber bloody palm easter".split())
# A name's last word with a lower-case part after a hyphen is an adjective: "City-area", "Obama-era".
HYPHENATED_ADJECTIVE_RE = re.compile(r"-[a-z]+$")
# Words after a name read for a hint of its kind ("said", "River", "Inc").
WORDS_AFTER_NAME = 3


@dataclass
class _Cluster:
    kind: str
    names: dict[str, int] = field(default_factory=dict)  # surface form → count
    descriptors: set[str] = field(default_factory=set)
    mentions: dict[str, list[Mention]] = field(default_factory=lambda: defaultdict(list))


class _RawMention(NamedTuple):  # a NamedTuple: built for every name in both articles, and cheaper than a dataclass
    side: Side
    sentence: str
    start: int
    end: int
    text: str  # without honorific and possessive
    tokens: tuple[str, ...]
    honorific: str | None
    descriptor: tuple[str, ...]
    kind_hint: str | None  # person, organisation, numbered, after the, addressed, title, ordinary, state, or None
    only_at_start: bool = False  # one capitalised word opening a sentence: a name only if seen mid-sentence


def extract_entities(doc_a: Document, doc_b: Document) -> tuple[Entity, ...]:
    """Find the entities both documents name, with aliases resolved across them."""
    return tuple(
        Entity(
            named.id,
            named.name,
            named.kind,  # type: ignore[arg-type]
            named.aliases,
            named.mentions.get("a", ()),
            named.mentions.get("b", ()),
            named.descriptors,
        )
        for named in name_entities((doc_a, doc_b))
    )


class NamedEntity(NamedTuple):
    """An entity as `name_entities` finds it in any number of documents: its mentions keyed by document id."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    mentions: dict[str, tuple[Mention, ...]]  # document id (its sentences' prefix) → mentions in reading order
    descriptors: tuple[str, ...]


def name_entities(documents: Sequence[Document]) -> tuple[NamedEntity, ...]:
    """Find the entities the `documents` name, with aliases resolved across all of them.

    Each document is keyed by its `side` (the prefix of its sentence ids):
    two documents make a pair's entities (`extract_entities`), more make a set's.
    """
    lowercase_words = _lowercase_vocabulary(*documents)
    body: list[_RawMention] = []
    elsewhere: list[_RawMention] = []
    in_headlines: set[int] = set()  # ids of mentions in headlines, whose every word may be capitalised
    for document in documents:
        # What one article writes in lower case decides how its own capitalised words read, whatever other
        # articles it is compared with: a pair and a set type its names alike.
        own_words = _lowercase_vocabulary(document)
        for paragraph in document.paragraphs:
            if paragraph.role in ("boilerplate", "credit"):
                continue  # furniture names no one worth describing
            for sentence in paragraph.sentences:
                found = list(_mentions_in(document.side, sentence.id, sentence.text, lowercase_words, own_words))
                if paragraph.role == "headline":
                    in_headlines.update(id(m) for m in found)
                (body if paragraph.compared else elsewhere).extend(found)
    # Names the articles write mid-sentence, whole or as a surname ("Ann Lowe" → "Lowe"); not in a
    # headline in title case, where "Scandal" is capitalised whatever it is.
    seen_mid_sentence = {
        fold(m.tokens[-1]) for m in (*body, *elsewhere) if not m.only_at_start and id(m) not in in_headlines
    }
    body = [m for m in body if not m.only_at_start or fold(m.tokens[0]) in seen_mid_sentence]
    elsewhere = [m for m in elsewhere if not m.only_at_start or fold(m.tokens[0]) in seen_mid_sentence]
    clusters = _join_acronyms(_cluster(body), body)
    named = []
    for cluster in clusters:
        if not any(cluster.mentions.values()):
            continue
        name = max(cluster.names.items(), key=lambda item: (len(item[0].split()), item[1], item[0]))[0]
        aliases = tuple(sorted(n for n in cluster.names if n != name))
        named.append((name, aliases, cluster))
    named.sort(key=lambda e: (-sum(len(found) for found in e[2].mentions.values()), e[0]))
    _retype_member_plurals(named)
    # Descriptions written next to a name anywhere, captions and standfirsts
    # included: they often carry the fullest one ("UK home secretary Ann Lowe").
    cluster_of_name = {fold(n): c for name, aliases, c in named if c.kind == "person" for n in (name, *aliases)}
    for mention in elsewhere:
        owner = cluster_of_name.get(fold(mention.text))
        if owner is not None:
            owner.descriptors.update(mention.descriptor)
    return tuple(
        NamedEntity(
            f"e{number}",
            name,
            cluster.kind,
            aliases,
            {side: tuple(sorted(found, key=_mention_order)) for side, found in cluster.mentions.items() if found},
            tuple(sorted(cluster.descriptors)) if cluster.kind == "person" else (),
        )
        for number, (name, aliases, cluster) in enumerate(named, start=1)
    )


def _retype_member_plurals(named: list[tuple[str, tuple[str, ...], _Cluster]]) -> None:
    """Type as "other" a plural taken for a person's name that names the members of another name the articles
    use: "Coast Partiers" beside "Coast Party", "Harbour Traders" beside "Harbour Trading" (the same words, then
    the other's last word made a plural of people: "parti-ers", "trad-ers"), never "Ann Sanders" beside "Ann
    Sandford"."""
    bases: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for name, _, _ in named:
        words = name.lower().split()
        stem = MEMBERS_OF_RE.sub("", words[-1])
        bases[tuple(words[:-1])].add(stem[:-1] + "i" if stem.endswith("y") else stem)
    for name, _, cluster in named:
        words = name.lower().split()
        members = MEMBERS_RE.fullmatch(words[-1])
        if cluster.kind == "person" and len(words) > 1 and members and members["stem"] in bases[tuple(words[:-1])]:
            cluster.kind = "other"


# A plural of people ("partiers", "traffickers", "loyalists") and what it is made from ("party", "trafficking").
MEMBERS_RE = re.compile(r"(?P<stem>[a-z]{3,}?)(?:ers|ists|ites|ians)")
MEMBERS_OF_RE = re.compile(r"(?:ing|ism)$")


def can_speak(entity: Entity) -> bool:
    """True for an entity that can be the speaker of a quote: a person, or a body that speaks (a ministry, a
    company, a police force), or a name of unknown kind that is not a place; never a place, a programme, a
    building or an event."""
    if entity.kind == "person":
        return True
    if entity.kind not in ("organisation", "other"):
        return False
    head = POSSESSIVE_RE.sub("", entity.name.split()[-1].lower()).rstrip(".")
    # A name of unknown kind ("Velmora said") speaks as a body does, unless it names a place.
    return head not in SILENT_BODY_WORDS and (entity.kind == "organisation" or entity.name.lower() not in PLACES)


def resolve_descriptor(phrase: str, descriptors: dict[str, set[str]]) -> str | None:
    """Return the entity id whose descriptors include every content word of `phrase`, if just one does."""
    # "the UK Home Secretary hit back": the description ends at "hit".
    words = set(_words(phrase[: description_end(phrase)]))
    if not words or not words & TITLE_WORDS:
        return None
    candidates = [entity_id for entity_id, known in descriptors.items() if words <= known]
    return candidates[0] if len(candidates) == 1 else None


def description_end(phrase: str) -> int:
    """Where the words of office (titles, places, demonyms) at the start of `phrase` end: in "governor said",
    after "governor"; 0 when it opens with none."""
    end = 0
    for match in WORD_IN_NAME_RE.finditer(phrase):
        word = POSSESSIVE_RE.sub("", fold(match.group()))
        if not (word in TITLE_WORDS or word in PLACES or _is_demonym(word)):
            break
        end = match.end()
    return end


# A word as descriptors are read: letters and digits, with an apostrophe inside ("Nation's").
WORD_IN_NAME_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


def _words(text: str) -> list[str]:
    """The case-folded words of `text` without possessive endings, to compare with known descriptors."""
    return [POSSESSIVE_RE.sub("", fold(w)) for w in WORD_IN_NAME_RE.findall(text)]


def _ordinary_word(word: str, own_words: set[str]) -> bool:
    """True when `word` (lower case) is one the article writes in lower case (`own_words`), or the "-ing" form of
    a verb it writes ("Diverting Pentagon funds…" where it writes "divert" or "diverted")."""
    if word in own_words:
        return True
    if not word.endswith("ing"):
        return False
    stem = word_key(word)[0]
    return any(word_key(other)[0] == stem for other in own_words if other[:3] == word[:3])


def _lowercase_vocabulary(*documents: Document) -> set[str]:
    """Every word the `documents` write in lower case somewhere."""
    # Words the articles also write in lower case are ordinary words when
    # they start a sentence ("Concerns", "Political").
    vocabulary: set[str] = set()
    for document in documents:
        vocabulary.update(LOWERCASE_WORD_RE.findall(document.article.text))
    return vocabulary


def _mentions_in(
    side: Side, sentence_id: str, text: str, lowercase_words: set[str], own_words: set[str]
) -> Iterable[_RawMention]:
    """Name mentions in sentence `sentence_id` (`text`) on `side`: capitalised runs, perhaps joined by "of" etc.
    `lowercase_words` are the words all the compared articles write in lower case, `own_words` this one's."""
    lower = sum(map(str.islower, text))
    # Capitals can outnumber lower case four to one only when lower case is under a fifth of the text.
    if (CAPITALS_PER_LOWER_CASE + 1) * lower <= len(text):
        upper = sum(map(str.isupper, text))
        if upper and upper >= CAPITALS_PER_LOWER_CASE * lower:
            return  # a sentence in capitals: every word looks like a name, so none can be told apart
    tokens = [(match[0], match.start(), match.end()) for match in TOKEN_RE.finditer(text)]
    if "s' " in text or "s’ " in text:
        tokens = _glue_plural_possessives(tokens)
    if "." in text:
        # "Mr. Smith", "Ann B. Lowe", "Home Furnishings Inc.": the full stop of an abbreviation or an initial is
        # part of the name, not the end of it (`_make_mention` keeps a final one in the name).
        tokens = [t for i, t in enumerate(tokens) if not (t[0] == "." and i > 0 and _abbreviated(tokens[i - 1], t))]
    capitalised = [
        word[0].isupper() and _is_capitalised(word.rstrip("'’")) and not PARTY_TAG_RE.match(word)
        for word, _, _ in tokens
    ]
    count = len(tokens)
    index = 0
    while index < count:
        if not capitalised[index]:
            index += 1
            continue
        end = index
        while end + 1 < count:
            if capitalised[end + 1] and (
                not POSSESSIVE_RE.search(tokens[end][0])
                or (tokens[end][0].endswith(("s'", "s’")) and tokens[end + 1][0].lower() in PLURAL_POSSESSIVE_HEADS)
            ):
                end += 1  # "Players' Association" is one name; "Smith's Party" and "Jones' Labour" are two
            elif (
                end + 2 < count
                and capitalised[end + 2]
                and tokens[end + 1][0].lower() in CONNECTORS
                and tokens[end + 1][0].lower() != "and"
                # "Sheriff Ada Moss of Kern County", "Harbour Speaker Ann Lowe of Ohio" are a person and a place;
                # "Bank of England" is one name.
                and not (
                    tokens[end + 1][0].lower() == "of"
                    and _is_full_name(_after_last_title([w for w, _, _ in tokens[index : end + 1]]))
                )
            ):
                end += 2
            elif (
                end + 2 < count
                and capitalised[end + 2]
                and tokens[end + 1][0].lower() in BODY_TOPIC_CONNECTORS
                and POSSESSIVE_RE.sub("", tokens[end][0].lower()) in BODY_HEAD_WORDS
                and tokens[end + 2][0].lower().rstrip(".") not in CALENDAR_WORDS
            ):
                end += 2  # "Task Force on Ferry Safety", "Committee on Rules": what the body is about is its name
            elif (
                end + 2 < count
                and capitalised[end + 2]
                and tokens[end + 1][0].lower() == "and"
                and (joined := _body_after_and(tokens, capitalised, end + 2)) is not None
            ):
                end = joined  # "Fish and Wildlife Service", "Food and Drug Administration": one body
            elif (
                end + 2 < count
                and tokens[end + 1][0] == ","
                and DOTTED_ABBREVIATION_RE.fullmatch(tokens[end + 2][0])
                and fold(tokens[end][0]) in PLACES
            ):
                end += 2  # "Tallinn, D.C.": a place and its state or district
            else:
                break
        run = tokens[index : end + 1]
        mention = _make_mention(side, sentence_id, text, tokens, index, run, lowercase_words, own_words)
        if mention is not None:
            yield mention
        index = end + 1


def _body_after_and(tokens: list[tuple[str, int, int]], capitalised: list[bool], start: int) -> int | None:
    """The index of the last word of a capitalised run from `start` that ends a body's name ("Wildlife Service"),
    so that "Fish and Wildlife Service" is one name; None otherwise ("Nebraska and Oklahoma" are two)."""
    end = start
    while end + 1 < len(tokens) and capitalised[end + 1] and end - start < MAX_PERSON_NAME_WORDS:
        end += 1
    head = POSSESSIVE_RE.sub("", tokens[end][0].lower()).rstrip(".")
    return end if head in BODY_HEAD_WORDS else None


def _abbreviated(word: tuple[str, int, int], full_stop: tuple[str, int, int]) -> bool:
    """True when `full_stop` right after `word` abbreviates it: an honorific ("Mr."), an initial ("F."), a dotted
    abbreviation ("D.C.") or a company's or generation's suffix ("Inc.", "Jr.")."""
    text = word[0]
    return word[2] == full_stop[1] and (
        text.lower() in HONORIFICS
        or (len(text) == 1 and text.isupper())
        or bool(DOTTED_ABBREVIATION_RE.fullmatch(text))
        or (text[:1].isupper() and text.lower() in NAME_ABBREVIATIONS)
    )


def _names_a_body_or_place(words: list[str]) -> bool:
    """True for `words` naming a body or a place: "Furnishings Inc" ("Inc"), "Juniper Hill" ("Hill" after a name);
    "Hill" alone may be a surname ("Mr Hill")."""
    lowered = [POSSESSIVE_RE.sub("", word.lower()).rstrip(".") for word in words]
    return any(w in ORGANISATION_WORDS for w in lowered) or (len(lowered) > 1 and lowered[-1] in PLACE_HEAD_WORDS)


def _after_last_title(words: list[str]) -> list[str]:
    """The words after the last title or role word of `words` ("Ann Lowe" of "Harbour Speaker Ann Lowe"), or all
    of them when none is one."""
    titled = [i for i, w in enumerate(words) if _is_title_word(w) or w.lower() in ROLE_WORDS]
    return words[titled[-1] + 1 :] if titled else words


def _is_full_name(words: list[str]) -> bool:
    """True when `words` read as a person's full name, titles aside: two or more name words, none of a body or
    a place ("Sheriff Ada Moss", not "Federal Bureau" or "United States")."""
    names = [w for w in words if not (_is_title_word(w) or w.lower() in ROLE_WORDS)]
    lowered = [POSSESSIVE_RE.sub("", w.lower()) for w in names]
    return (
        len(names) >= MIN_PERSON_NAME_WORDS
        and not any(w in ORGANISATION_WORDS or w in PLACE_HEAD_WORDS or w in PLACES for w in lowered)
        and " ".join(lowered) not in MULTIWORD_PLACES
    )


def _glue_plural_possessives(tokens: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Join a plural possessive's apostrophe to its word when a capitalised word follows ("Players' Association")."""
    glued: list[tuple[str, int, int]] = []
    for index, (word, start, end) in enumerate(tokens):
        following = tokens[index + 1][0] if index + 1 < len(tokens) else ""
        if (
            word in ("'", "’")
            and glued
            and glued[-1][0].endswith("s")
            and glued[-1][2] == start
            and following[:1].isupper()
        ):
            glued[-1] = (glued[-1][0] + word, glued[-1][1], end)
        else:
            glued.append((word, start, end))
    return glued


def _is_demonym(lowered: str) -> bool:
    """True for adjectives of place: "Kenyan", "Chinese", "Israeli", "British"."""
    if lowered in EXTRA_DEMONYMS:
        return True
    if not lowered.endswith(("n", "ese", "i")):
        return False
    # Kenyan, Iraqi, Sudanese, Chinese, Italian, Nigerian; Mexican, Belgian, Ukrainian, Palestinian.
    stems = (
        lowered[:-1],
        lowered[:-2],
        lowered[:-3],
        lowered[:-3] + "a",
        lowered[:-3] + "y",
        lowered[:-2] + "a",
        lowered[:-2] + "o",
        lowered[:-2] + "um",
        lowered[:-3] + "e",
    )
    return any(stem in PLACES for stem in stems if len(stem) >= MIN_DEMONYM_STEM)


def _is_title_word(word: str) -> bool:
    """True for a `word` that describes rather than names: a title, a place in capitals ("UK") or a demonym."""
    lowered = POSSESSIVE_RE.sub("", word.lower())
    # "Justices Kennedy and Alito", "Americans Richard Axel and Linda Buck": titles and people of a place too.
    singular = _singular(lowered)
    if singular and (singular in TITLE_WORDS or _is_demonym(singular)):
        return True
    return lowered in TITLE_WORDS or (lowered in PLACES and word.isupper()) or _is_demonym(lowered)


def _singular(lowered: str) -> str | None:
    """`lowered` without a plural "s", or None when it has none (or is too short to tell)."""
    return lowered[:-1] if lowered.endswith("s") and len(lowered) > MIN_DEMONYM_STEM + 1 else None


def _is_capitalised(word: str) -> bool:
    """True when `word` starts with a capital and has the shape of a name word (the pronoun "I" has not)."""
    # The first test is cheap and rejects most words before the pattern runs.
    return word[0].isupper() and bool(CAPITALISED_RE.fullmatch(word)) and word.rstrip(".") != "I"


def _make_mention(
    side: Side,
    sentence_id: str,
    text: str,
    tokens: list[tuple[str, int, int]],
    position: int,
    run: list[tuple[str, int, int]],
    lowercase_words: set[str],
    own_words: set[str],
) -> _RawMention | None:
    """The name in a `run` of capitalised `tokens` starting at `position`, trimmed; None when the run is not a name.

    `lowercase_words` are the words the compared articles write in lower case; `own_words` those of the
    mention's own article, which decide whether its capitalised words are ordinary ones.
    """
    words = [w for w, _, _ in run]
    whole = (words, run, position)
    honorific = None
    last_stripped = ""
    # Leading capitalised function words, honorifics, titles and roles are not part of the name; but a title
    # word opening the name of a body stays in it ("Home Furnishings Inc.", "Foreign Office", "Health Ministry").
    while (
        words
        and len(words) > 1
        and (
            words[0].lower() in LEADING_NON_NAME_WORDS
            # "heavily Democratic Ohio": how a place votes, not part of its name
            or (words[0].lower() in POLITICAL_ADJECTIVES and _known_place([w.lower() for w in words[1:]]))
            # "Vice President Lowe": the title is two words ("Vice Media" keeps its first)
            or (words[0].lower() == "vice" and _is_title_word(words[1]))
            or (
                (_is_title_word(words[0]) or POSSESSIVE_RE.sub("", words[0].lower()) in ROLE_WORDS)
                and not _names_a_body_or_place(words[1:])
            )
        )
    ):
        if words[0].lower() in HONORIFICS:
            honorific = words[0]
        last_stripped = words[0].lower()
        words, run, position = words[1:], run[1:], position + 1
    if honorific is not None and last_stripped == "of":
        # "President of Afghanistan", "the Governor of Texas": an office and where it is held, not a titled name.
        honorific = None
    if honorific is not None and len(words) == 1 and words[0].lower() in own_words:
        # "General Electric", "Major League": a title before an ordinary word is the first word of a name.
        (words, run, position), honorific = whole, None
    # A title inside the run ("Ohio Attorney General Ann Lowe"): the name is the full name after it.
    titled = [i for i, w in enumerate(words[:-MIN_PERSON_NAME_WORDS]) if _is_title_word(w) or w.lower() in ROLE_WORDS]
    if (
        titled
        and _is_full_name(words[titled[-1] + 1 :])
        and not any(_is_title_word(w) for w in words[titled[-1] + 1 :])
    ):
        cut = titled[-1] + 1
        if words[cut - 1].lower() in HONORIFICS:
            honorific = words[cut - 1]
        words, run, position = words[cut:], run[cut:], position + cut
    # After a quote mark, or after a full stop that ends no abbreviation (`_mentions_in` took those out): a quotation
    # of two sentences holds a sentence start inside one sentence ('“… faster every year. Stopping the losses …”').
    at_sentence_start = position == 0 or tokens[position - 1][0] in SENTENCE_OPENERS
    if (
        at_sentence_start
        and len(words) > 1
        and _ordinary_word(words[0].lower(), own_words)
        and words[0].lower() not in FIRST_NAMES
        and not words[0].isupper()
        # "Safari Club International": a word before the head noun of a body's name of three words or more is
        # its first word, though the article writes it in lower case too ("on safari").
        and not (len(words) >= MIN_BODY_NAME_WORDS and words[1].lower() in ORGANISATION_WORDS)
    ):
        # "Following Romney", "Presumptive GOP", "Earlier Sunday": an ordinary word the articles also write in
        # lower case, capitalised because it opens the sentence ("Bill Lowe" keeps "Bill", a first name).
        words, run, position = words[1:], run[1:], position + 1
        at_sentence_start = False  # what is left is capitalised in its own right
    # "Obama Monday", "Sidney Blumenthal Dec": a date after a name is not part of it.
    while (
        len(words) > 1 and words[-1].lower().rstrip(".") in CALENDAR_WORDS and words[-2].lower() not in CALENDAR_NAMED
    ):
        words, run = words[:-1], run[:-1]
    # "A. Barry Rand": an initial with its full stop, not the article "A".
    initial = bool(words) and len(words[0]) == 1 and text[run[0][2] : run[0][2] + 1] == "." and len(words) > 1
    if words and words[0].lower() in STOP_WORDS and not initial:
        return None
    first = POSSESSIVE_RE.sub("", words[0].lower()) if words else ""
    if all(_is_title_word(w) or w.lower() in PARTY_WORDS for w in words) or first in CALENDAR_WORDS:
        return None  # "UK Home Secretary", "Democrat", "Thursday", "Sunday's": a description or a date, not a name
    if HYPHENATED_ADJECTIVE_RE.search(words[-1]):
        return None  # "a Kansas City-area group", "Obama-era rules": an adjective made of a name
    while words and words[-1].lower() in CONNECTORS:
        words, run = words[:-1], run[:-1]
    if not words:
        return None
    if len(words) == 1 and honorific is None:
        word = words[0]
        lowered = POSSESSIVE_RE.sub("", word).lower()
        if lowered.upper() in TIME_ZONES:
            return None  # "8 p.m. ET": a time zone, not a body
        if word.lower() in lowercase_words and not (word.isupper() and 1 < len(word) <= MAX_ACRONYM_LETTERS):
            return None  # an ordinary word capitalised at a sentence start or in a title, or shouted ("DESTROY")
        if lowered in STOP_WORDS or lowered in HONORIFICS:
            return None
        next_word = tokens[position + len(run)][0] if position + len(run) < len(tokens) else ""
        political = lowered in POLITICAL_ADJECTIVES and next_word.lower() not in PARTY_BODY_NOUNS
        if (_is_demonym(lowered) or political) and next_word[:1].islower():
            return None  # "Kenyan officials", "Democratic lawmakers": an adjective, not a name
        # "Greyfield had planned…": a capitalised word opening a sentence is a name only if the
        # articles also write it capitalised mid-sentence; `extract_entities` checks that.
        only_at_start = at_sentence_start and lowered not in PLACES and not word.isupper()
    else:
        only_at_start = False
    start, end = run[0][1], run[-1][2]
    surface = POSSESSIVE_RE.sub("", text[start:end]).rstrip(".")
    end = start + len(surface)
    if end < len(text) and text[end] == "." and _abbreviated((surface.rsplit(" ", 1)[-1], start, end), (".", end, end)):
        surface, end = surface + ".", end + 1  # "Home Furnishings Inc.", "Tallinn, D.C."
    name_tokens = tuple(POSSESSIVE_RE.sub("", w).rstrip(".") for w in words)
    following = [w.lower() for w, _, _ in tokens[position + len(run) : position + len(run) + WORDS_AFTER_NAME]]
    preceding = [w.lower() for w, _, _ in tokens[max(0, position - 2) : position]]
    hint = None
    # "Smith said", "said Smith": a speaker.  "the Assembly, protesting …" is not: a
    # name after "the" is a body or a place unless a title says otherwise.
    after_the = bool(preceding) and preceding[-1] == "the" and honorific is None
    if honorific or (
        not after_the
        and (
            (following and following[0] in SPEECH_VERBS)
            or (preceding and preceding[-1] in SPEECH_VERBS and preceding[-1] not in ADDRESSING_VERBS)
        )
    ):
        hint = "person"
    if honorific is None and following and following[0][:1].isdigit():
        hint = "numbered"  # "Amendment 64", "Proposition 8", "Flight 93": a law or a thing, not a person
    elif honorific is None and preceding and POSSESSIVE_RE.sub("", preceding[-1]) in BODY_TYPE_NOUNS:
        hint = "organisation"  # "the rail operator Nordlink said": what it is comes first, and it is a body
    if hint is None and after_the:
        hint = "after the"  # "told the Indianapolis Star": a body, a place or a work, not a person's name
    elif (
        hint is None
        and honorific is None
        and len(preceding) == 2
        and preceding[-1] in NAMING_VERBS
        and preceding[0] in APPOSITION_BODY_NOUNS
    ):
        hint = "organisation"  # "a group called Quiet Streets": the name of the body just named
    elif hint is None and honorific is None and preceding and preceding[-1] in ADDRESSING_VERBS:
        hint = "addressed"  # "told Politico": whom a speaker addresses, a person, an outlet or a body
    if honorific is None and _quoted_title(tokens, position, len(run)):
        hint = "title"  # the software, "Make Love, Not Spam", was…: the name of a work or a campaign, in quotes
    if (
        hint is None
        and len(words) > 1
        and words[0].lower() not in FIRST_NAMES
        and all(
            POSSESSIVE_RE.sub("", w).lower().rstrip(".") in own_words or ROMAN_NUMERAL_RE.fullmatch(w) for w in words
        )
    ):
        # "Common Market", "Protesters Gather": every word one the articles also write in lower
        # case, and no first name: a phrase in capitals (a body, a law, a heading), not a person's name.
        hint = "ordinary"
    if honorific is None and hint not in ("numbered", "title") and _described_as_body(tokens, position + len(run)):
        hint = "organisation"
    if (
        honorific is None
        and len(name_tokens) == 1
        and name_tokens[0].lower() in STATE_ABBREVIATIONS
        and text[end : end + 1] == "."
        and position > 0
        and tokens[position - 1][0] in (",", "(")
    ):
        hint = "state"  # "Newtown, Conn.", "(Wis.)": a state written short ("Lowe met Mo." is a person)
    descriptor = _descriptor(tokens, position, run, honorific)
    return _RawMention(side, sentence_id, start, end, surface, name_tokens, honorific, descriptor, hint, only_at_start)


# The most words a quoted title runs to ("Make Love, Not Spam"); a longer quotation is someone's words.
MAX_QUOTED_TITLE_TOKENS = 8
QUOTE_OPENERS = frozenset({'"', "“", "‘"})
QUOTE_CLOSERS = frozenset({'"', "”", "’"})


def _quoted_title(tokens: list[tuple[str, int, int]], position: int, length: int) -> bool:
    """True when the name of `length` tokens at `position` opens a short quotation of capitalised words: a title
    ("Make Love, Not Spam"), not a person's name."""
    if position == 0 or tokens[position - 1][0] not in QUOTE_OPENERS:
        return False
    for word, _, _ in tokens[position + length : position + MAX_QUOTED_TITLE_TOKENS + 1]:
        if word in QUOTE_CLOSERS:
            return True
        if word[:1].isalpha() and not word[:1].isupper():
            return False  # a lower-case word: a sentence someone said, not a title
    return False


def _apposition(
    tokens: list[tuple[str, int, int]], after: int, openers: AbstractSet[str]
) -> tuple[list[str], bool] | None:
    """The description set off by a comma right after a name (its tokens from `after`), when it opens with one of
    `openers` ("…, the governor of Texas"): its words after the opener, lower case and without possessives, up to
    `MAX_APPOSITION_WORDS`, and whether it ends within them (at punctuation, a word of `APPOSITION_ENDS` or the
    sentence's end); None when none follows."""
    if after + 1 >= len(tokens) or tokens[after][0] != "," or tokens[after + 1][0].lower() not in openers:
        return None
    words: list[str] = []
    for word, _, _ in tokens[after + 2 :]:
        if len(words) == MAX_APPOSITION_WORDS:
            return words, False
        if not word[0].isalnum() or word.lower() in APPOSITION_ENDS:
            return words, True
        words.append(POSSESSIVE_RE.sub("", word.lower()))
    return words, True


def _described_as_body(tokens: list[tuple[str, int, int]], after: int) -> bool:
    """True when a description right after a name (its tokens from `after`) says it is a body: "…, a ferry company
    based in Bath,", "…, a group of", "…, the regulator," (not "…, a former company director")."""
    apposition = _apposition(tokens, after, ARTICLES)
    words = apposition[0] if apposition else []
    for number, word in enumerate(words):
        following = words[number + 1] if number + 1 < len(words) else ""
        # The head noun ends the description or comes before a participle or a small word ("based", "that").
        if word in APPOSITION_BODY_NOUNS and (
            not following or following.endswith(("ed", "ing")) or following in STOP_WORDS
        ):
            return True
    return False


def _descriptor(
    tokens: list[tuple[str, int, int]], position: int, run: list[tuple[str, int, int]], honorific: str | None
) -> tuple[str, ...]:
    """Words of office written next to a name: "UK home secretary Ann Lowe",
    "Tomas Berg, the Swedish finance minister", "General Ruth Amara"."""
    found: list[str] = []
    if honorific and honorific.lower() not in {"mr", "mrs", "ms", "miss", "dr"}:
        found.append(honorific.lower())
        # "Gov. Mike Pence" is the one "the governor" later stands for.
        found.extend(SPELLED_OUT_TITLES.get(honorific.lower().rstrip("."), ()))
    before: list[str] = []
    back = position - 1
    while back >= 0 and len(before) < MAX_DESCRIPTOR_WORDS_BEFORE:
        lowered = POSSESSIVE_RE.sub("", tokens[back][0].lower())
        if not (lowered in TITLE_WORDS or lowered in ROLE_WORDS or lowered in PLACES or _is_demonym(lowered)):
            break
        before.append(lowered)
        back -= 1
    if before and (before[0] in TITLE_WORDS or before[0] in ROLE_WORDS):
        found.extend(w for w in before if w != (honorific or "").lower())
    apposition = _apposition(tokens, position + len(run), frozenset({"the"}))
    # Only a description that ends as one ("…, the governor, said", "…, the governor of Texas"): in "…and Mr.
    # Smith, the governor pointed to …" the words after the comma are a clause of their own.
    if apposition is not None:
        words, ends = apposition
        if ends and words and words[-1] in TITLE_WORDS | ROLE_WORDS:
            found.extend(words)
    return tuple(found)


def _kind(mention: _RawMention) -> str:
    """Guess whether `mention` names a person, an organisation, a place or something else."""
    lowered = [t.lower().replace(".", "") for t in mention.tokens]
    joined = " ".join(lowered)
    if mention.kind_hint == "person" and mention.honorific:
        return "person"
    if mention.kind_hint == "organisation":
        return "organisation"
    if mention.kind_hint == "title":
        return "other"
    if (mention.kind_hint != "person" or not mention.honorific) and _is_place_name(lowered):
        return "place"
    if any(w in ORGANISATION_WORDS for w in lowered) or (len(lowered) > 1 and lowered[-1] in COMPANY_SUFFIXES):
        return "organisation"  # "Harbour Council", "Harbourline N.V."
    if joined in MULTIWORD_PLACES or (len(lowered) == 1 and lowered[0] in PLACES):
        return "place"
    if mention.kind_hint == "state":
        return "place"
    if len(lowered) == 1 and mention.tokens[0].isupper() and len(mention.tokens[0]) >= 2:
        return "organisation"
    if not mention.honorific and all(t.isupper() and len(t) > 1 for t in mention.tokens):
        return "other"  # "PINOCHET TRIAL TIMELINE": a heading in capitals, not a person's name
    if mention.kind_hint == "numbered":
        return "other"  # "Amendment 64", "Flight 93": a law or a thing, not a person
    if (
        len(lowered) > 1
        and not mention.honorific
        and (lowered[0] in EVENT_PREFIX_WORDS or any(w in EVENT_WORDS for w in lowered))
    ):
        return "other"  # "World War II", "Operation Condor": an event, not a person
    singular = _singular(lowered[-1])
    if (lowered[-1] in PARTY_WORDS or singular in PARTY_WORDS) and not mention.honorific:
        return "other"  # "a Virginia Democrat", "Senate Republicans": a description, not a person's name
    if not mention.honorific and (
        lowered[-1] in NOT_A_SURNAME_WORDS
        or (len(lowered) == 2 and lowered[0] in NUMBERED_PART_WORDS and ROMAN_NUMERAL_RE.fullmatch(lowered[1].upper()))
    ):
        return "other"  # "Social Security", "Title VII": a programme or a part of a text, not a person
    if len(lowered) > 1 and lowered[-1] in BODY_HEAD_WORDS:
        return "organisation"  # "the Harbour Administration": a word that ends a body's name only
    if lowered[-1] in DOCUMENT_HEAD_WORDS:
        return "other"  # "Religious Freedom Restoration Act", "Paris Agreement": a law or a text, not a person
    if (_is_demonym(lowered[-1]) or (singular and _is_demonym(singular))) and mention.kind_hint != "person":
        return "other"  # "Central American children", "Latin Americans": people of a place, not a name
    if mention.kind_hint == "person" or (
        mention.kind_hint not in ("after the", "ordinary")
        and MIN_PERSON_NAME_WORDS <= len(lowered) <= MAX_PERSON_NAME_WORDS
        and all(t[:1].isupper() for t in mention.tokens)
    ):
        if len(lowered) == 1 and not mention.honorific and _joined_words(mention.tokens[0]):
            return "organisation"  # "HuffPost said": two words run together name a brand, not a person
        return "person"
    if mention.kind_hint == "addressed" and len(lowered) == 1 and _joined_words(mention.tokens[0]):
        return "organisation"  # "told HuffPost", as when it speaks
    return "other"


def _joined_words(word: str) -> bool:
    """True when `word` is two capitalised words run together ("HuffPost", "InformationWeek"), not a surname
    with a capital inside ("McCarthy", "MacArthur", "DeGeneres", "LaBolt", "O'Neil", "VanHollen")."""
    found = JOINED_WORDS_RE.fullmatch(word)
    return found is not None and found.group(1).lower() not in SURNAME_PREFIXES


# A capitalised word of three letters or more, then another: "HuffPost", "YouTube", "InformationWeek".
JOINED_WORDS_RE = re.compile(r"([A-Z][a-z]{2,})[A-Z][a-z]+")
# The first parts of surnames written with a capital inside.
SURNAME_PREFIXES = frozenset("mac van von der del della des fitz".split())


def _is_place_name(lowered: list[str]) -> bool:
    """True when the words of a name (lower case, no full stops) say it is a place's, by its geographic word.

    The last word ("Coral Sea", "Juniper Hill", "Lakenheath Air Base"), the
    first ("River Wend", "Mount Kenya", "RAF Dunmore"), "State" after a place
    ("Kent State"), or a place and its abbreviated state after a comma
    ("Tallinn, D.C.").  One word alone is no place: "Hill" may be a surname.
    """
    if len(lowered) < 2:
        return False
    head, rest = lowered[-1], lowered[:-1]
    if "," in lowered:
        return True
    if head in PLACE_HEAD_WORDS:
        # "National League of Cities": a body's word before "of" says what the name is.
        of = rest.index("of") if "of" in rest else 0
        return not (of and rest[of - 1] in ORGANISATION_WORDS)
    if lowered[0] in COMPASS_WORDS and (_known_place(lowered[1:]) or (len(lowered) == 2 and lowered[1] in OCEANS)):
        return True
    if head in PLACE_AFTER_PLACE_WORDS:
        return _known_place(rest)
    return lowered[0] in PLACE_PREFIX_WORDS and head not in ORGANISATION_WORDS


def _known_place(lowered: list[str]) -> bool:
    """True when the words of a name (lower case) are a place the lists know: "new york", "kenya"."""
    return " ".join(lowered) in MULTIWORD_PLACES or (len(lowered) == 1 and lowered[0] in PLACES)


# Between two kinds as many mentions read a name as, the later one here wins: a name is more often a person's
# than a body's, a body's than a place's.
KIND_PREFERENCE = ("other", "place", "organisation", "person")


def _cluster(raw: list[_RawMention]) -> list[_Cluster]:
    """Group the `raw` mentions that name the same entity; surname-only mentions join a full name of that surname."""
    clusters: dict[str, _Cluster] = {}
    people_by_surname: dict[str, list[str]] = defaultdict(list)
    kinds = {id(m): _kind(m) for m in raw}
    folded = {id(m): tuple(_key_word(t) for t in m.tokens) for m in raw}
    # A name the text once puts in quotes as a title is that title wherever it is written without them.
    titles = {folded[id(m)] for m in raw if m.kind_hint == "title"}
    for mention in raw:
        if folded[id(mention)] in titles and mention.honorific is None:
            kinds[id(mention)] = "other"
    # A "person" that opens with a name the text gives alone as a place or a body is two names run together
    # where line breaks were lost ("Chelsea v Barcelona Lyon v Werder Bremen"), not someone's name.
    places_and_bodies = {folded[id(m)] for m in raw if kinds[id(m)] in ("place", "organisation")}
    for mention in raw:
        words = folded[id(mention)]
        if (
            kinds[id(mention)] == "person"
            and mention.honorific is None
            and mention.kind_hint != "person"
            and any(words[:n] in places_and_bodies for n in range(1, len(words)))
        ):
            kinds[id(mention)] = "other"
    single_token_people = {folded[id(m)][-1] for m in raw if kinds[id(m)] == "person" and len(m.tokens) > 1}
    # One word a verb of speech alone made a person ("Lycos said") is the body or name the text writes it as
    # elsewhere, unless it is someone's surname: bodies speak too.
    single_word_kinds = {folded[id(m)][0]: kinds[id(m)] for m in raw if len(m.tokens) == 1 and kinds[id(m)] != "person"}
    for mention in raw:
        word = folded[id(mention)][0]
        if (
            len(mention.tokens) == 1
            and kinds[id(mention)] == "person"
            and mention.honorific is None
            and word in single_word_kinds
            and word not in single_token_people
        ):
            kinds[id(mention)] = single_word_kinds[word]
    # A company the text names in full ("Harbourline Inc.") is that company when named short and said to speak
    # ("Harbourline said"): one body, never a person beside it.
    short_names = {
        folded[id(m)][:-1]
        for m in raw
        if len(m.tokens) > 1 and folded[id(m)][-1] in COMPANY_SUFFIXES and kinds[id(m)] == "organisation"
    }
    for mention in raw:
        words = folded[id(mention)]
        if (
            words in short_names
            and kinds[id(mention)] == "person"
            and mention.honorific is None
            and not (len(words) == 1 and words[0] in single_token_people)
        ):
            kinds[id(mention)] = "organisation"
    # One name written alike is one entity of one kind, the kind most of its mentions read as (a name read as a
    # person in one sentence and as something else in another was listed twice).
    votes: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for mention in raw:
        votes[folded[id(mention)]][kinds[id(mention)]] += 1
    for mention in raw:
        counted = votes[folded[id(mention)]]
        if len(counted) > 1 and mention.honorific is None:
            kinds[id(mention)] = max(counted, key=lambda kind: (counted[kind], KIND_PREFERENCE.index(kind)))
    # People with a full name first, so that surname-only mentions can join them.
    ordered = sorted(raw, key=lambda m: (kinds[id(m)] != "person", -len(m.tokens)))
    for mention in ordered:
        kind = kinds[id(mention)]
        key = " ".join(folded[id(mention)])
        if kind != "person" and len(mention.tokens) == 1 and folded[id(mention)][0] in single_token_people:
            kind = "person"  # "Okafor" alone, after "Grace Okafor"
        if kind == "person":
            key = _person_key(mention.tokens, people_by_surname)
        elif kind == "organisation":
            key = _body_key(folded[id(mention)])
        cluster = clusters.setdefault(key, _Cluster(kind))
        cluster.names[mention.text] = cluster.names.get(mention.text, 0) + 1
        cluster.descriptors.update(mention.descriptor)
        cluster.mentions[mention.side].append(Mention(mention.sentence, mention.start, mention.end, mention.text))
    return sorted(clusters.values(), key=lambda c: min(c.names))


def _body_key(words: tuple[str, ...]) -> str:
    """The key a body's name (folded words) is matched by: "&" is "and", a company's suffix ("Inc.") is left out,
    and so is a country named before a name of at least `MIN_BODY_WORDS_WITHOUT_COUNTRY` words, so that "U.S.
    Coast and Harbour Service", "United States Coast and Harbour Service" and "Coast & Harbour Service" are one
    body ("U.S. Army" stays itself), and "Harbourline Inc." and "Harbourline" one company.

    >>> _body_key(("united", "states", "coast", "and", "harbour", "service"))
    'coast and harbour service'
    >>> _body_key(("us", "army"))
    'us army'
    >>> _body_key(("harbourline", "inc"))
    'harbourline'
    """
    words = tuple("and" if w == "&" else w for w in words)
    if len(words) > 1 and words[-1] in COMPANY_SUFFIXES:
        words = words[:-1]  # "Harbourline Inc." is "Harbourline"
    for country in COUNTRIES_BEFORE_BODIES:
        if words[: len(country)] == country and len(words) - len(country) >= MIN_BODY_WORDS_WITHOUT_COUNTRY:
            return " ".join(words[len(country) :])
    return " ".join(words)


#: Countries a body's name may open with or do without, as `_key_word` folds them.
COUNTRIES_BEFORE_BODIES = (("united", "states"), ("us",), ("united", "kingdom"), ("uk",))
#: The fewest words a body's name keeps without its country: "Army" alone could be any country's.
MIN_BODY_WORDS_WITHOUT_COUNTRY = 3


def _key_word(word: str) -> str:
    """`word` (a name's token, its final full stop dropped) folded as names are matched, an abbreviation's full
    stops dropped too: "F.B.I" is "FBI"."""
    folded = fold(word)
    return folded.replace(".", "") if DOTTED_ABBREVIATION_RE.fullmatch(word) else folded


def _join_acronyms(clusters: list[_Cluster], raw: list[_RawMention]) -> list[_Cluster]:
    """Merge each acronym's cluster into its long form's, when the text gives both (issue: one entity each).

    The text pairs them as "the Federal Security Service (FSB)", "the FSB
    (Federal Security Service)" or "FSB, the Federal Security Service"; or the
    acronym is the initials of the long form's capitalised words ("Federal
    Bureau of Investigation" → BHI).  The long form, having more words, names
    the merged entity and the acronym becomes an alias.
    """
    by_name = {fold(name): cluster for cluster in clusters for name in cluster.names}
    merges: dict[int, _Cluster] = {}  # id of an acronym's cluster → the long form's
    for acronym, long_form in sorted(_written_acronyms(raw) | _initials_acronyms(clusters)):
        short, long = by_name.get(acronym), by_name.get(long_form)
        if short is None or long is None or short is long or long.kind == "person" or id(long) in merges:
            continue
        merges.setdefault(id(short), long)
    for cluster in clusters:
        long = merges.get(id(cluster))
        if long is None:
            continue
        for name, count in cluster.names.items():
            long.names[name] = long.names.get(name, 0) + count
        for side, found in cluster.mentions.items():
            long.mentions[side].extend(found)
        if long.kind == "other":
            long.kind = "organisation"
    return [c for c in clusters if id(c) not in merges]


def _written_acronyms(raw: list[_RawMention]) -> set[tuple[str, str]]:
    """(acronym, long form), folded, for each acronym the text spells out next to it: "Long Form (LF)", "LF
    (Long Form)", "LF, the Long Form"."""
    pairs: set[tuple[str, str]] = set()
    by_sentence: dict[tuple[Side, str], list[_RawMention]] = defaultdict(list)
    for mention in raw:
        by_sentence[mention.side, mention.sentence].append(mention)
    for mentions in by_sentence.values():
        mentions.sort(key=lambda m: m.start)
        for first, second in pairwise(mentions):
            gap = second.start - first.end
            for short, long in ((second, first), (first, second)):
                if not ACRONYM_RE.fullmatch(short.text) or short.text != "".join(short.tokens):
                    continue
                # A bracket or ", the" between the two, and nothing else.
                if gap == len(" (") or (short is first and gap == len(", the ")):
                    pairs.add((fold(short.text), fold(long.text)))
    return pairs


def _initials_acronyms(clusters: list[_Cluster]) -> set[tuple[str, str]]:
    """(acronym, long form), folded, for each acronym named that spells the initials of another name."""
    acronyms = {name for cluster in clusters for name in cluster.names if ACRONYM_RE.fullmatch(name)}
    pairs: set[tuple[str, str]] = set()
    for cluster in clusters:
        if cluster.kind == "person":
            continue
        for name in cluster.names:
            words = [w for w in name.split() if w.lower() not in ACRONYM_SKIPPED_WORDS]
            initials = "".join(w[0] for w in words if w[:1].isupper())
            if len(words) >= 2 and len(initials) == len(words) and initials in acronyms:
                pairs.add((fold(initials), fold(name)))
    return pairs


def _person_key(tokens: tuple[str, ...], people_by_surname: dict[str, list[str]]) -> str:
    """Key of the person named by `tokens`: one in `people_by_surname` with a matching first name, else a new one."""
    surname = fold(tokens[-1])
    first = fold(tokens[0]) if len(tokens) > 1 else None
    known = people_by_surname[surname]
    if first is None:
        # "Ms Okafor": the one person of that surname, if there is just one.
        return known[0] if len(known) == 1 else f"person:{surname}"
    canonical = NICKNAMES.get(first, first)
    for key in known:
        known_first = key.split(":")[1].split(" ")[0]
        if known_first == canonical or known_first[:1] == canonical[:1] == first.rstrip("."):
            return key
    key = f"person:{canonical} {surname}"
    known.append(key)
    return key


def _mention_order(mention: Mention) -> tuple[tuple[int, ...], int]:
    """Mentions in reading order."""
    return id_order(mention.sentence), mention.start
