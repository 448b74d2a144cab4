"""names: find name mentions, link them to gazetteer entities, normalise spellings.

Per document, in one pass over the text:

1. Candidate mentions are capitalised word sequences, joined by single spaces,
   that may contain lower-case particles (al-, bin, ibn, of, de, van...) and
   hyphens ("Abu Mahdi al-Muhandis", "Asa'ib Ahl al-Haq"), optionally
   followed by an acronym in parentheses ("Popular Mobilization Units (PMU)").
2. Each candidate is resolved against the gazetteer (``cleanse.names.Resolver``);
   if the whole sequence does not resolve, its longest resolvable parts do
   ("According to Reuters" -> "Reuters"). Running text is not a list of names,
   so a match must also look like a name there (``_guess``,
   ``_inside_other_name``): no English word read as a one-word name by its
   spelling ("Make" is no Mecca), no tail of an organisation's name ("Arabian
   Peninsula"), no place inside a person's name ("Robert Jordan"); a lone
   spelling variant of a one-word name counts only where the document also
   names that entity surely.
3. Short forms are linked inside the document: a one- or two-word name
   ("Soleimani", "Sadr", "Muhandis") whose every word is a spelling of a word
   of exactly one person the document already named in full links to that
   person. An acronym beside its expansion ("... Units (PMU)") links every
   "PMU" of the document to the expansion's entity (or, if the gazetteer does
   not know it, to the expansion itself).
4. Rewrites follow ``names.rewrite``: ``spelling`` (default) rewrites words
   that are spelling variants of a word of the canonical name to the canonical
   spelling (rule ``names.spelling``: Qassem -> Qasem, Mobilisation ->
   Mobilization); ``all`` also replaces every full alias by the canonical name
   (rule ``names.alias``); ``none`` only annotates. Nothing inside a quotation
   (``cleanse.quotes``: single or double, straight or curly, across paragraphs) is
   rewritten.

Every linked span becomes a ``MentionProposal`` (the pipeline turns them into
``Article.entities``).
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from cleanse.document import Proposal
from cleanse.names import Entity, Gazetteer, Match, Resolver
from cleanse.names.normalize import (
    ARTICLES,
    ASSIMILATED,
    CONNECTORS,
    FUNCTION_WORDS,
    LEGAL_FORMS,
    POSSESSIVE,
    TITLES,
    TokenKey,
    abbreviates,
    acronym,
    analyse,
    compatible,
    fold,
    token_key,
)
from cleanse.names.resolver import span_blocked
from cleanse.paths import ConfigPath
from cleanse.quotes import quotation_spans
from cleanse.steps import MentionProposal, StepContext, StepResult
from cleanse.typos.lexicon import load_lexicon

if TYPE_CHECKING:
    from cleanse.config import Config


class NamesOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    rewrite: Literal["spelling", "all", "none"] = Field(
        default="spelling",
        description="spelling: canonical spelling of the same name; all: every alias -> "
        "canonical; none: annotate only.",
    )
    gazetteers: tuple[ConfigPath, ...] = Field(
        default=(), description="Gazetteer files (TOML/JSON/JSONL/TSV) added to the default one."
    )
    default_gazetteer: bool = Field(
        default=True, description="Use the gazetteer shipped with cleanse (Middle-East news)."
    )


# -- candidate mentions ----------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_][\w'’]*(?:[-‐][\w'’]+)*")
#: Lower-case prefixes that a hyphen joins to a capitalised name ("al-Sadr").
_PREFIXES = frozenset(
    ("al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "ud", "ul", "bin", "ibn", "abu")
)
_PREFIXED = re.compile(rf"(?:{'|'.join(sorted(_PREFIXES))})[-‐]\w")
_LINKERS = ARTICLES | CONNECTORS | FUNCTION_WORDS
_ACRONYM_AFTER = re.compile(r" ?\(([A-Z][A-Z0-9&]{1,7})\)")
_COORDINATED = re.compile(r"\s(?:and|&)\s", re.IGNORECASE)
_PART = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_MAX_RUN = 8
# A place's name before one of these names something else, named after the place: a
# street or square ("Washington Avenue" in Albany), a newspaper ("Tehran Times"), a
# university ("Washington University" in St. Louis); so does "University of" before it.
_NAMED_AFTER = frozenset(
    ("street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane",
     "square", "plaza", "highway", "parkway", "strasse", "straße", "post", "times",
     "herald", "tribune", "gazette", "journal", "chronicle", "university", "college")
)  # fmt: skip
# These do only as the run's last word: "Washington State", "Jordan Ltd", "SCOR US Group";
# but "US State Department", "Iran State Media", "Syria Group Claims Attack" (a headline).
_NAMED_AFTER_LAST = frozenset(("state",)) | LEGAL_FORMS
_INSTITUTION_OF = frozenset(("university", "college"))
# A generation after a person's name makes it another person's: a son, a later king.
_GENERATION = re.compile(r",? (?:Jr|Sr|Jnr|Snr|II|III|IV|V|VI)\b")
# How English makes a people's word from a place's name: (ending, what the place ends
# with instead), tried in order: Syria-n, Iraq-i, Iran-ian, Palestin(e)-ian, Leban(on)-ese,
# Turk(ey)-ish, Kurd(istan)-ish.
_DEMONYM_ENDINGS = (
    ("ian", ""), ("ian", "e"), ("ian", "ia"), ("an", ""), ("an", "a"), ("n", ""), ("i", ""),
    ("i", "ia"), ("ese", ""), ("ese", "on"), ("ese", "a"), ("ish", "ey"), ("ish", ""),
    ("ish", "istan"), ("is", ""),
)  # fmt: skip
# A word written at least once per million words of English (Zipf 3) is a word of its own
# ("Make", "Siri", "Carmen"), not a spelling variant of a one-word name (Mecca, Syria, Kerman).
_OWN_WORD_ZIPF = 3.0


def _is_capitalised(word: str) -> bool:
    if word[0].isupper():
        return True
    if "-" not in word and "‐" not in word:
        return False  # "al-Sadr": a prefixed form needs its hyphen; skip the regex
    return _prefixed_capital(word, 0)


def _prefixed_capital(text: str, at: int) -> bool:
    """Whether a lower-case prefix hyphened to a capital opens text[at:] ("al-Sadr")."""
    match = _PREFIXED.match(text, at)
    return match is not None and text[match.end() - 1].isupper()


@dataclass(slots=True)
class _Run:
    words: list[tuple[int, int]]  # spans of the capitalised words and particles inside

    @property
    def start(self) -> int:
        return self.words[0][0]

    @property
    def end(self) -> int:
        return self.words[-1][1]


def _word_around(text: str, at: int, safe: int) -> tuple[int, int]:
    """The _WORD token that holds or starts at ``at`` (a letter), read from ``safe``, a
    token boundary before it: a text is read once, as the caller moves ``safe`` on."""
    for m in _WORD.finditer(text, safe):
        if m.end() > at:
            return m.span()
    return at, at + 1


def _uppercase_classes() -> tuple[str, str]:
    """The letters that open a capitalised word (``str.isupper``), as two class bodies:
    the Basic Multilingual Plane and plane 1.

    Two classes because ``re`` scans fast for a class of BMP characters only. Planes 0
    and 1 hold every cased letter of Unicode (the planes above hold ideographs, tags and
    private use); a test checks this against all of Unicode.
    """
    bodies: list[str] = []
    for low, high in ((0, 0x10000), (0x10000, 0x20000)):
        ranges: list[list[int]] = []
        for code in range(low, high):
            ch = chr(code)
            if ch.isupper() and _LETTER.match(ch):
                if ranges and ranges[-1][1] == code - 1:
                    ranges[-1][1] = code
                else:
                    ranges.append([code, code])
        bodies.append(
            "".join(
                re.escape(chr(a)) + ("" if a == b else "-" + re.escape(chr(b))) for a, b in ranges
            )
        )
    return bodies[0], bodies[1]


_LETTER = re.compile(r"[^\W\d_]")  # what may open a _WORD token
_UPPER_BMP, _UPPER_ASTRAL = _uppercase_classes()
# A capital with no letter before it: where a capitalised word may start. Only after a
# digit, underscore, apostrophe or hyphen can it still be inside a word ("5G", "x-Men").
_CAPITAL = re.compile(rf"[{_UPPER_BMP}](?<![^\W\d_].)")
_CAPITAL_ASTRAL = re.compile(rf"[{_UPPER_ASTRAL}](?<![^\W\d_].)")
_ASTRAL = re.compile(r"[\U00010000-\U0010ffff]")
# A lower-case prefix hyphened to a capital also opens one ("al-Sadr").
_PREFIX_HYPHEN = re.compile(r"(?<=[a-z])[-‐]")


def _capital_starts(text: str) -> Iterator[int]:
    """Where capitalised words may start, in order (``_is_capitalised``)."""
    starts = (m.start() for m in _CAPITAL.finditer(text))
    rare: list[int] = []
    if not text.isascii() and _ASTRAL.search(text) is not None:
        rare.extend(m.start() for m in _CAPITAL_ASTRAL.finditer(text))
    for m in _PREFIX_HYPHEN.finditer(text):
        for p in (m.start() - 2, m.start() - 3):  # prefixes have two or three letters
            if p >= 0 and not _LETTER.match(text, p - 1, p) and _prefixed_capital(text, p):
                rare.append(p)
    if not rare:
        return starts
    rare.sort()
    return heapq.merge(starts, rare)


_JOINERS = frozenset("_'’-‐")
_LINKER_GAP = re.compile(r" ([^\W\d_]+) (?:([^\W\d_]+) )?")


def candidate_runs(text: str) -> list[_Run]:
    """Capitalised sequences joined by single spaces, up to two particles inside.

    Words are _WORD tokens; only the capitalised ones are visited (a regex finds
    them), and the text between two of them is read only when it is not one space.
    """
    runs: list[_Run] = []
    current: list[tuple[int, int]] = []
    last_end = read = 0  # read: the end of the last word read, a token boundary
    for s in _capital_starts(text):
        if s < read:
            continue  # inside a word read already ("O'Brien", "Jean-Paul")
        if s and (text[s - 1] in _JOINERS or text[s - 1].isdecimal()):
            start, read = _word_around(text, s, read)
            if start < s:
                continue  # inside a lower-case word ("x-Men", "a1B")
            e = read
        else:
            word = _WORD.match(text, s)
            e = word.end() if word is not None else s + 1
        if current and not (s == last_end + 1 and text[last_end] == " "):
            gap = _LINKER_GAP.fullmatch(text, last_end, s)
            if gap is not None and all(w is None or w.lower() in _LINKERS for w in gap.groups()):
                current.append(gap.span(1))  # "Bank of England", "Ahl al-Haq"
                if gap.group(2) is not None:
                    current.append(gap.span(2))
            else:
                runs.append(_Run(current))
                current = []
        current.append((s, e))
        last_end = read = e
        if len(current) >= _MAX_RUN * 2:
            runs.append(_Run(current))
            current = []
    if current:
        runs.append(_Run(current))
    for run in runs:  # Baghdad's -> Baghdad
        s, e = run.words[-1]
        if text[s:e].endswith(POSSESSIVE) and e - s > 2:
            run.words[-1] = (s, e - 2)
    return runs


# -- the step --------------------------------------------------------------------------


@dataclass(slots=True)
class _Linked:
    start: int
    end: int
    entity: Entity
    full: bool  # linked by a full name of the entity (not a short form or acronym)
    is_acronym: bool = False
    guess: bool = False  # one word that only resembles a name: needs a sure link beside it


@dataclass(slots=True)
class _DocState:
    linked: list[_Linked] = field(default_factory=list)
    acronyms: dict[str, Entity] = field(default_factory=dict)
    pending_short: list[_Run] = field(default_factory=list)
    pending_acronyms: list[tuple[int, int, str]] = field(default_factory=list)
    # Words that end the name of a person the gazetteer does not know ("Denzel Washington"):
    # alone elsewhere in the document they are that person, not a place ("Washington said").
    surnames: set[str] = field(default_factory=set)


class Names:
    def __init__(self, resolver: Resolver, options: NamesOptions) -> None:
        self.resolver = resolver
        self.options = options
        lexicon = load_lexicon()  # shared with the typos step: loaded once per process
        self._zipf = lexicon.zipf
        self._common = lexicon.common

    def __call__(self, text: str, ctx: StepContext, /) -> StepResult:
        state = _DocState()
        runs = candidate_runs(text)
        code = code_spans(text)
        if code:  # a name inside a link, handle or identifier is no mention: never rewritten
            runs = [part for run in runs for part in _outside(run, code)]
        for run in runs:
            self._resolve_run(text, run, state)
        if state.surnames:
            state.linked = [x for x in state.linked if not self._surname_alone(text, x, state)]
        if any(x.guess for x in state.linked):
            # "Syrah" in a wine review, "Siena" in an art review: a lone word that only
            # resembles a one-word name (Syria, Sanaa) stands for it only in a document
            # that also names it surely (by a listed name, or more than one word).
            sure = {x.entity.id for x in state.linked if not x.guess}
            state.linked = [x for x in state.linked if not x.guess or x.entity.id in sure]
        self._link_short_forms(text, state)
        self._link_acronyms(text, state)
        state.linked.sort(key=lambda x: x.start)
        quotes: list[tuple[int, int]] | None = None
        result = StepResult()
        for item in state.linked:
            result.mentions.append(
                MentionProposal(item.start, item.end, item.entity.canonical, item.entity.kind)
            )
            if self.options.rewrite == "none":
                continue
            rewrites = self._rewrites(text, item)
            if rewrites:
                if quotes is None:  # found once, and only in a document with a rewrite
                    quotes = quotation_spans(text)
                if not _inside(quotes, item.start, item.end):
                    result.edits.extend(rewrites)
        return result

    # -- resolving --------------------------------------------------------------------

    def _resolve_run(self, text: str, run: _Run, state: _DocState) -> None:
        words = run.words
        tail = _ACRONYM_AFTER.match(text, run.end)
        if len(words) == 1:
            acr_text = text[run.start : run.end]
            if acronym(acr_text) is not None:
                state.pending_acronyms.append((run.start, run.end, acr_text))
                return
        found, named_after = self._best_spans(text, words, state)
        for s, e in words:  # "Later the IOWU": acronyms inside an unresolved stretch
            if (
                acronym(text[s:e]) is not None
                and not any(x.start <= s < x.end for x in found)
                and not any(a <= s < b for a, b in named_after)  # not "UAE" in "UAE Times"
            ):
                state.pending_acronyms.append((s, e, text[s:e]))
        if not found:
            if len(words) <= 3 and not named_after:  # "Sadr City Times" holds no "Sadr"
                state.pending_short.append(run)
            strong = [w for w in words if not _weak_edge(text, w)]
            if tail is not None and strong:
                start = strong[0][0]
                expansion = text[start : run.end]
                if abbreviates(tail.group(1).lower(), expansion):
                    # An expansion the gazetteer does not know: the document defines it.
                    entity = Entity(f"doc:{tail.group(1)}", expansion, "org")
                    state.acronyms.setdefault(tail.group(1), entity)
                    state.linked.append(_Linked(start, run.end, entity, False))
                    state.linked.append(_Linked(*tail.span(1), entity, False, True))
            return
        state.linked.extend(found)
        if tail is not None and found[-1].end == run.end:
            entity = found[-1].entity
            acr = tail.group(1)
            known = self.resolver.match_acronym(acr)
            if abbreviates(acr.lower(), text[found[-1].start : found[-1].end]) or (
                known is not None and known.entity.id == entity.id
            ):
                state.acronyms.setdefault(acr, entity)
                state.linked.append(_Linked(*tail.span(1), entity, False, True))

    def _best_spans(
        self, text: str, words: list[tuple[int, int]], state: _DocState
    ) -> tuple[list[_Linked], list[tuple[int, int]]]:
        """The whole run if it resolves, else its longest resolvable parts, left to right;
        and the places in it that open the name of something named after them. A place
        that ends a person's name ("Denzel Washington") goes to ``state.surnames``."""
        n = len(words)
        weak = [_weak_edge(text, w) for w in words]
        # Three words or more: the lookups blockers spare outweigh finding them.
        blockers = self.resolver.blockers([text[s:e] for s, e in words]) if n > 2 else []
        out: list[_Linked] = []
        named_after: list[tuple[int, int]] = []
        i = 0
        while i < n:
            hit: _Linked | None = None
            for j in range(min(n, i + _MAX_RUN), i, -1):
                s, e = words[i][0], words[j - 1][1]
                if weak[i] or weak[j - 1]:
                    continue
                if blockers and span_blocked(blockers, i, j):
                    continue  # a word no mention of several words can get past
                if text.endswith(POSSESSIVE, s, e) and e - s > 2:
                    e -= 2  # "Syria's Assad": a part may end in a possessive (runs do)
                match = self.resolver.match(text[s:e])
                guess = self._guess(text[s:e], match)
                if match is None or guess is None:
                    continue
                if _named_after(text, words, i, j, match):
                    named_after.append((s, e))
                    break  # "Gaza Strip Times": no shorter part of the name ("Gaza") either
                if match.entity.kind == "person":
                    if self._another_person(text, words, i, j, weak, match.entity, match.full):
                        i = j - 1  # "Donald Trump Jr.", "Saif al-Islam Qaddafi": no part links
                        break
                elif self._inside_other_name(text, words, i, j, weak, match):
                    if j == n and i and self._name_word(text, words, i - 1, i, j, weak):
                        state.surnames.add(fold(_base(text[s:e])))
                    continue
                hit = _Linked(s, e, match.entity, match.full, guess=guess)
                i = j
                break
            if hit is None:
                i += 1
            else:
                out.append(hit)
        return out, named_after

    def _inside_other_name(
        self,
        text: str,
        words: list[tuple[int, int]],
        i: int,
        j: int,
        weak: list[bool],
        match: Match,
    ) -> bool:
        """Whether words[i:j], a one-word place or body, is a word of a longer name.

        "Robert Jordan", "Jordan Rummel", "George Washington": a capitalised neighbour
        that is no dictionary word (a given name, a surname) makes the place a part of
        a person's name. Neighbours joined by a particle ("University of Washington")
        or in capitals ("VOA Pentagon"), common words ("US President"), other names
        and listed surnames ("Biden Iran policy"), and possessives ("Iraq's al-Ahd")
        do not; nor is an acronym ("Haier US") ever part of a person's name.
        """
        words_of_name = [t for t in analyse(match.name).tokens if len(t) > 1]  # not D.C.
        if match.entity.kind == "person" or len(words_of_name) != 1:
            return False
        if text[words[i][0] : words[j - 1][1]].isupper():
            return False  # an acronym after a brand ("Nike USA") is no person's name
        return self._name_word(text, words, i - 1, i, j, weak) or self._name_word(
            text, words, j, i, j, weak
        )

    def _name_word(
        self, text: str, words: list[tuple[int, int]], k: int, i: int, j: int, weak: list[bool]
    ) -> bool:
        """Whether words[k], beside words[i:j], is a word of a person's name around them:
        capitalised, no dictionary word, acronym, gazetteer name or listed surname, and
        not a possessive that ends another name before them."""
        if not 0 <= k < len(words) or weak[k]:
            return False
        word = text[words[k][0] : words[k][1]]
        if k < i and word.endswith(POSSESSIVE):
            return False  # "Iraq's al-Ahd": the possessive ends another name
        if k == j and text.endswith(POSSESSIVE, words[i][0], words[j - 1][1]):
            return False  # "Syria's Assad": this one
        return (
            not word.isupper()
            and fold(word) not in self._common
            # another name of the gazetteer ("Syria Jordan") or a listed person's
            # surname ("Biden Iran policy"); not a given name ("George Washington")
            and self.resolver.match(word) is None
            and not all(self.resolver.is_surname(t) for t in analyse(word).tokens)
        )

    def _another_person(
        self,
        text: str,
        words: list[tuple[int, int]],
        i: int,
        j: int,
        weak: list[bool],
        entity: Entity,
        full: bool,
    ) -> bool:
        """Whether words[i:j], a name of the person ``entity``, is part of a relative's
        name: followed by a generation ("Donald Trump Jr.", "King Abdullah II" for the
        King Abdullah before him) or, when it is only a short form (a surname), beside
        a given name that is none of the person's ("Maher al-Assad", "Ivanka Trump",
        "Saif al-Islam Qaddafi", "Ali Bagheri Kani"). Titles and dictionary words do
        not count ("President Assad", "Syrian President Assad", "Former Prime Minister
        Hariri"), nor do other names, listed surnames, acronyms or possessives
        ("Iran's Soleimani")."""
        if _GENERATION.match(text, words[j - 1][1]) is not None:
            return True
        if full:
            return False
        if j - i > 1 and _GENERATION.fullmatch(text, words[j - 2][1], words[j - 1][1]):
            return True  # a short form's run that holds the generation ("Trump Jr")
        keys: list[TokenKey] | None = None
        before = [k for k in range(i - 1, -1, -1) if not weak[k]]  # nearest first
        after = [j] if j < len(words) and not weak[j] else []
        for k in before + after:
            word = text[words[k][0] : words[k][1]]
            if (
                fold(_base(word)) in TITLES
                or not self._name_word(text, words, k, i, j, weak)
                or self._demonym(word)
            ):
                if k < i:
                    break  # "Syrian President Assad": what stands before a title qualifies
                continue
            if keys is None:
                keys = _entity_keys(entity)[0]
            if not all(_key_in(token_key(t), keys) for t in analyse(word).tokens):
                return True  # not one of the person's own names ("Bashar al-Assad")
        return False

    def _demonym(self, word: str) -> bool:
        """Whether ``word`` names the people of a gazetteer place ("Syrian", "Iraqi",
        "Lebanese", "Turkish"): a word of their own before a name, not a given name."""
        return _demonym_of(word.lower(), self._place_word)

    def _place_word(self, word: str) -> bool:
        match = self.resolver.match(word)
        return match is not None and match.entity.kind == "place"

    def _surname_alone(self, text: str, item: _Linked, state: _DocState) -> bool:
        """Whether ``item``, a one-word link to a place or body, is the surname of a
        person the document names in full ("Denzel Washington ... Washington said")."""
        if item.entity.kind == "person" or item.is_acronym:
            return False
        surface = text[item.start : item.end]
        return (
            " " not in surface
            and fold(_base(surface)) in state.surnames
            # "Washington, D.C.": the place's longer name is written there
            and not any(
                len(name) > len(surface) and _written_around(text, item.start, item.end, name)
                for name in item.entity.names
            )
        )

    def _guess(self, span: str, match: Match | None) -> bool | None:
        """None if a match found in running text is no name; else whether it is a guess.

        Capitalised words in text are often no names: a sentence opens with "Make" or
        "Us", a heading reads "International Airport". Refused: a derived acronym (it
        links only beside its body's name, ``_link_acronyms``); an acronym name written
        as a dictionary word ("Us"; "Nato" links); a part of an organisation's or
        place's name that does not open one of its names ("Arabian Peninsula") or is
        made of dictionary words ("International Energy Agency" for the Atomic one,
        "United States Department" for the Pentagon); a spelling variant of a
        one-word name, or two words joined into one ("I Ran"), made of words of their
        own ("Make", "How This" for Houthis). Other such variants are guesses, kept only
        where the document also names that entity surely (``__call__``).
        """
        if match is None or match.derived:
            return None
        if _COORDINATED.search(span) and not any(
            _COORDINATED.search(name) for name in match.entity.names
        ):
            return None  # "Quds Force and the IRGC" is two names, in any order
        tokens = analyse(span).tokens
        name_tokens = analyse(match.name).tokens
        if not tokens or not name_tokens:
            return None
        words = [fold(_base(w)) for w in _PART.findall(span)]
        if acronym(match.name) is not None and not span.isupper():
            # Acronyms said as words are written as words ("Nato", "Opec"); shorter ones
            # stay in capitals, and "Us" or "Un" opening a sentence are other words.
            word = fold(span)
            return None if len(word) < 4 or word in self._common else False
        if (
            not match.full
            and match.entity.kind != "person"
            and (
                all(w in self._common or w in _LINKERS for w in words)
                or not any(_opens(tokens, analyse(name).tokens) for name in match.entity.names)
            )
        ):
            return None
        if match.exact and len(tokens) <= len(name_tokens):
            return False  # the name as listed (not two words joined: "I Ran")
        if sum(len(t) > 1 for t in tokens) > 1 and len(name_tokens) > 1:
            return False  # several words aligned with several (initials aside): no chance
        if all(
            w in self._common or self._zipf.get(w, 0.0) >= _OWN_WORD_ZIPF
            for w in words
            if w not in _LINKERS
        ):
            return None
        return True

    def _link_short_forms(self, text: str, state: _DocState) -> None:
        people = {x.entity.id: x.entity for x in state.linked if x.entity.kind == "person"}
        if not people or not state.pending_short:
            return
        keys = {eid: _entity_keys(entity) for eid, entity in people.items()}
        for run in state.pending_short:
            # The whole run ("Abu Mahdi"), else each capitalised word ("Soleimani and Muhandis")
            # that is no part of a relative's name ("Maher al-Assad", "Trump Jr.").
            words = run.words
            weak = [_weak_edge(text, w) for w in words]
            whole = self._short_form(text, run.start, run.end, keys)
            if whole is not None:
                entity = people[whole]
                if not self._another_person(text, words, 0, len(words), weak, entity, False):
                    state.linked.append(_Linked(run.start, run.end, entity, False))
                continue
            if len(words) == 1:
                continue
            for k, (s, e) in enumerate(words):
                if weak[k]:
                    continue
                owner = self._short_form(text, s, e, keys)
                if owner is not None and not self._another_person(
                    text, words, k, k + 1, weak, people[owner], False
                ):
                    state.linked.append(_Linked(s, e, people[owner], False))

    def _short_form(
        self,
        text: str,
        start: int,
        end: int,
        keys: dict[str, tuple[list[TokenKey], list[TokenKey]]],
    ) -> str | None:
        """The one person of the document whose names contain every word of text[start:end]."""
        tokens = [t for t in analyse(text[start:end]).tokens if len(t) >= 3]
        if not tokens:
            return None
        # One word stands for a person by the last word of a name ("Soleimani", "Sadr")
        # or by a word few names share ("Saddam", "Bashar"); "Ali" is many people.
        lone_rare = len(tokens) == 1 and self.resolver.is_rare(tokens[0])
        owners = [
            eid
            for eid, (every, last) in keys.items()
            if all(
                _key_in(token_key(t), every if len(tokens) > 1 or lone_rare else last)
                for t in tokens
            )
        ]
        return owners[0] if len(owners) == 1 else None

    def _link_acronyms(self, text: str, state: _DocState) -> None:
        taken = {(x.start, x.end) for x in state.linked}
        named = {x.entity.id for x in state.linked if not x.is_acronym}
        for s, e, acr in state.pending_acronyms:
            if (s, e) in taken:
                continue
            entity = state.acronyms.get(acr)
            if entity is None:
                match = self.resolver.match_acronym(acr)
                if match is not None and (not match.derived or match.entity.id in named):
                    entity = match.entity
            if entity is not None:
                state.linked.append(_Linked(s, e, entity, False, True))

    # -- rewriting --------------------------------------------------------------------

    def _rewrites(self, text: str, item: _Linked) -> list[Proposal]:
        if item.is_acronym:
            return []
        surface = text[item.start : item.end]
        canonical = item.entity.canonical
        if self.options.rewrite == "all" and item.full:
            if (
                fold(surface) != fold(canonical)
                and item.entity.id in self.resolver.gazetteer
                and not _written_around(text, item.start, item.end, canonical)
            ):
                return [Proposal(item.start, item.end, canonical, "names.alias")]
            return []
        targets = _canonical_words(canonical)
        edits: list[Proposal] = []
        for m in _PART.finditer(surface):
            word = m.group()
            folded = fold(word)
            if len(folded) < 3 or folded in _LINKERS or folded in ASSIMILATED or word.isupper():
                continue
            key = token_key(folded)
            options = {t for t, k, f in targets if f != folded and compatible(key, k)}
            if any(f == folded for _, _, f in targets) or len(options) != 1:
                continue
            (replacement,) = options
            if word[0].isupper() != replacement[0].isupper():
                continue
            s = item.start + m.start()
            edits.append(Proposal(s, s + len(word), replacement, "names.spelling"))
        return edits


def _demonym_of(word: str, is_place: Callable[[str], bool]) -> bool:
    """Whether the lower-case ``word`` is a people's word of a place ``is_place`` knows."""
    for ending, place_end in _DEMONYM_ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 3 and is_place((stem + place_end).title()):
            return True
    return False


def _written_around(text: str, start: int, end: int, name: str) -> bool:
    """Whether ``name`` is already written over [start, end): the mention is part of it
    ("Jazeera" of "Al Jazeera", "Washington" of "Washington, D.C."), so writing the name
    there again would double its other words."""
    offset = max(0, start - len(name))
    window, name = text[offset : end + len(name)].lower(), name.lower()
    at = window.find(name)
    while at >= 0:
        if offset + at <= start and offset + at + len(name) >= end:
            return True
        at = window.find(name, at + 1)
    return False


def _opens(tokens: tuple[str, ...], name: tuple[str, ...]) -> bool:
    """Whether ``tokens`` spell the first words of ``name`` ("Popular Mobilisation" of
    Popular Mobilization Forces; "Revolutionary Guard" of Revolutionary Guards)."""
    return len(tokens) <= len(name) and all(
        a == b or compatible(token_key(a), token_key(b)) or a + "s" == b or a == b + "s"
        for a, b in zip(tokens, name, strict=False)
    )


def _named_after(text: str, words: list[tuple[int, int]], i: int, j: int, match: Match) -> bool:
    """Whether words[i:j], a place, opens the name of something named after it: a
    street, a newspaper or a university ("Washington Avenue", "Tehran Times",
    "Washington University"), or, ending the run, a state or a company ("Washington
    State", "Jordan Ltd"); or ends "University of X". A possessive ends the name
    ("Baghdad's University" is Baghdad's)."""
    if match.entity.kind != "place" or text.endswith(POSSESSIVE, words[i][0], words[j - 1][1]):
        return False
    if j < len(words):
        after = fold(_base(text[words[j][0] : words[j][1]]))
        if after in _NAMED_AFTER or (after in _NAMED_AFTER_LAST and j == len(words) - 1):
            return True
    return (
        i >= 2
        and fold(text[words[i - 1][0] : words[i - 1][1]]) == "of"
        and fold(text[words[i - 2][0] : words[i - 2][1]]) in _INSTITUTION_OF
    )


def _base(word: str) -> str:
    """A folded word without its possessive ending."""
    return word[:-2] if word.endswith(POSSESSIVE) and len(word) > 3 else word


def _weak_edge(text: str, span: tuple[int, int]) -> bool:
    """A word a mention cannot start or end with: a particle, or "The"/"With"/"Of"."""
    return _weak_word(text[span[0] : span[1]])


@lru_cache(maxsize=65536)
def _weak_word(word: str) -> bool:  # words of runs repeat across documents: cached
    return not _is_capitalised(word) or fold(word) in _LINKERS


# What marks a token as a link, an address, a handle, a hashtag, a path or an identifier
# rather than words: "https://en.wikipedia.org/wiki/Qassem_Soleimani", "@Qassem_Soleimani".
_CODE_MARK = re.compile(r"://|www\.|[@_\\#]")
_SPACE = re.compile(r"\s")


def code_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, disjoint spans of the whitespace-delimited tokens holding a _CODE_MARK."""
    spans: list[tuple[int, int]] = []
    for m in _CODE_MARK.finditer(text):
        at = m.start()
        if spans and at < spans[-1][1]:
            continue  # in the token found already
        start = max(text.rfind(c, 0, at) for c in " \t\n\r") + 1
        space = _SPACE.search(text, at)
        spans.append((start, space.start() if space is not None else len(text)))
    return spans


def _outside(run: _Run, code: list[tuple[int, int]]) -> list[_Run]:
    """The parts of a run between the words that lie in a code span."""
    parts: list[_Run] = []
    current: list[tuple[int, int]] = []
    for word in run.words:
        if _inside(code, *word):
            if current:
                parts.append(_Run(current))
            current = []
        else:
            current.append(word)
    if current:
        parts.append(_Run(current))
    return parts


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies inside one of the sorted, disjoint ``spans``."""
    k = bisect_right(spans, start, key=itemgetter(0)) - 1  # O(log n): no list per call
    return k >= 0 and end <= spans[k][1]


def _entity_keys(entity: Entity) -> tuple[list[TokenKey], list[TokenKey]]:
    """Keys of every token of an entity's names, and of each name's last token."""
    forms = [analyse(name).tokens for name in entity.names]
    return [token_key(t) for toks in forms for t in toks], [
        token_key(toks[-1]) for toks in forms if toks
    ]


def _key_in(key: TokenKey, keys: list[TokenKey]) -> bool:
    return any(compatible(key, other) for other in keys)


def _canonical_words(canonical: str) -> list[tuple[str, TokenKey, str]]:
    out: list[tuple[str, TokenKey, str]] = []
    for m in _PART.finditer(canonical):
        folded = fold(m.group())
        if folded in _LINKERS:
            continue
        out.append((m.group(), token_key(folded), folded))
    return out


def load_gazetteer(options: NamesOptions) -> Gazetteer:
    """The shipped gazetteer (unless turned off) plus the files the config names."""
    gazetteer = Gazetteer.default() if options.default_gazetteer else Gazetteer()
    for path in options.gazetteers:
        gazetteer = gazetteer + Gazetteer.load(path)
    return gazetteer


def build(config: Config) -> Names:
    return Names(Resolver(load_gazetteer(config.names)), config.names)
