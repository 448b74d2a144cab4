"""Real-word confusions: a correctly spelt word that is the wrong word in its context.

Two mechanisms, both precision first:

- a bigram model (Google Books counts, ``Lexicon.bigrams``) for pairs written without an
  apostrophe (their/there, then/than, lose/loose, affect/effect, to/too): the other word
  of the pair replaces the written one only when the words around it make it at least
  ``ratio`` times likelier and neither neighbour prefers the written word;
- grammar patterns over closed word classes for the apostrophe pairs (its/it's,
  your/you're, their/they're, whose/who's), "should of", and doubled words: a possessive
  cannot be followed by an article or "not"; a contraction cannot follow a preposition.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from cleanse.typos.lexicon import Lexicon


@dataclass(frozen=True, slots=True)
class Fix:
    start: int
    end: int
    replacement: str
    rule: str
    flag_only: bool = False


PAIRS: dict[str, str] = {
    "their": "there",
    "there": "their",
    "then": "than",
    "than": "then",
    "lose": "loose",
    "loose": "lose",
    "affect": "effect",
    "effect": "affect",
    "affects": "effects",
    "effects": "affects",
    "to": "too",
    "too": "to",
}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


DET = _words(
    """
    a an the this these those my your our his their every
    """
)
PREP = _words(
    """
    of in on at for with from into onto about by through during within without under over
    upon across behind among against toward towards
    """
)
BE = _words(
    """
    is are was were isn't aren't wasn't weren't
    """
)
MODAL = _words(
    """
    will would can could should may might must shall
    """
)
COMPARATIVE = _words(
    """
    more less fewer rather other better worse greater larger smaller higher lower bigger
    faster slower easier harder cheaper stronger weaker
    """
)
ADVERB = _words(
    """
    also just still really actually definitely probably already always never not
    """
)
# Auxiliaries that open an inverted condition or question before "there not" ("Had there
# not been a ceasefire", "Did there not use to be a bridge?").
INVERTING = _words(
    """
    had has have did does do
    """
)
# Adverbs that are adjectives too: after "its"/"your" they may be modifiers ("its still
# images", "its just demands", "your still life"), so they make no contraction slot alone.
ADJECTIVE_ADVERB = _words(
    """
    still just
    """
)
PRONOUN = _words(
    """
    i you he she it we they me him her us them that what who how here there so too as like
    """
)
CONJUNCTION = _words(
    """
    and or but if when because than
    """
)
# Closed-class words: after "not" or an adjective-adverb, one of these (or punctuation, or
# a verb form) shows a clause going on, where a content word may be the noun of a phrase
# ("their not guilty pleas").
FUNCTION = DET | PREP | BE | MODAL | ADVERB | PRONOUN | CONJUNCTION | {"to", "be", "going"}
# Verbs with "in" or "on" as a particle: "log in in the morning", "carry on on Monday" are
# no doubled words. Stems; _particle_verb also reads -s, -ed and -ing forms.
PARTICLE_VERBS = {
    "in": _words(
        """
        log sign check plug come give fill join move break cash tune drop build built phase
        lock opt weigh chip pitch step settle sink zero call stay dig listen cave fit hand
        send pop stop walk let breathe
        """
    ),
    "on": _words(
        """
        carry go went gone move hold turn switch put try catch keep press log sign live
        hang come came get got pass bring brought take took walk read play
        """
    ),
}
# Words of the doubled-word list that are nouns too: after a determiner the first copy is
# the noun and the second the verb ("The will will be read").
NOUN_READING = _words(
    """
    will
    """
)

PARTICIPLES = _words(
    """
    been done gone seen had got gotten taken known made said given come become begun run
    written thought brought bought left kept told found felt heard held lost met paid put
    sent set spent stood understood won chosen driven eaten fallen forgotten grown hidden
    ridden risen shown spoken stolen sworn thrown worn broken woken
    """
)

_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z]+)")
_PREV_WORD = re.compile(r"([A-Za-z]+)[ \t]+$")
_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?|\S")
# A class of the possible first letters up front (case is ignored) lets most positions
# fail on one cheap test before the lookbehind and the alternation are tried.
_PAIR_WORDS = re.compile(
    rf"(?=[{''.join(sorted({w[0] for w in PAIRS}))}])(?<![\w'’-])(?:"
    + "|".join(sorted(PAIRS, key=len, reverse=True))
    + r")(?![\w'’-])",
    re.IGNORECASE,
)
_APOS_WORDS = re.compile(
    r"(?=[iytw])(?<![\w'’-])"
    r"(?:its|it['’]s|your|you['’]re|their|they['’]re|there|whose|who['’]s)(?![\w'’-])",
    re.IGNORECASE,
)
_MODAL_OF = re.compile(
    r"(?=[scwm])\b(?:should|could|would|might|must|may)(?:n['’]t)?\s+(of)\s+(\w+)",
    re.IGNORECASE,
)
# The same first-letter class up front.
_DOUBLED = re.compile(
    r"(?=[abfhimotwy])(?<![\w'’-])(the|a|an|to|of|in|on|at|for|with|from|by|and|or|but|are"
    r"|was|were|will|be"
    r"|my|your|our|their|its|his|this)((?:[ \t]+\1)+)(?![\w'’-])",  # the whole run at once
    re.IGNORECASE,
)

# Each pattern's case-sensitive twin, run over the lowered text where that is exact
# (``_lowered``): ``re`` scans a case-sensitive pattern 1.2-2x faster.
_TWINS = {
    p: re.compile(p.pattern, p.flags & ~re.IGNORECASE)
    for p in (_PAIR_WORDS, _APOS_WORDS, _MODAL_OF, _DOUBLED)
}
# Characters that re.IGNORECASE matches with an ASCII letter but lower() does not lower
# to it (İ is also one, but lower() lengthens it, which _lowered checks anyway).
_SPECIAL_FOLDS = ("ı", "ſ")


def _lowered(text: str) -> str | None:
    """The text in lower case if every match of an ASCII case-insensitive pattern is a
    match of its case-sensitive twin there, at the same offsets: lower() keeps the length
    (so each character maps to one) and no character folds specially; else None."""
    low = text.lower()
    if len(low) != len(text) or any(c in text for c in _SPECIAL_FOLDS):
        return None
    return low


def _scan(pattern: re.Pattern[str], text: str, lowered: str | None) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``; read the matched text from ``text``, not the match."""
    return _TWINS[pattern].finditer(lowered) if lowered is not None else pattern.finditer(text)


def _plain(token: str) -> str:
    """A token as the rules read it: lower case, straight apostrophe."""
    return token.lower().replace("’", "'")


def _context(text: str, start: int, end: int) -> tuple[list[str], list[str]]:
    """Up to two tokens before and after (lower case; punctuation as itself)."""
    before = [_plain(t) for t in _TOKEN.findall(text, max(0, start - 40), start)[-2:]]
    after = [_plain(t) for t in _TOKEN.findall(text, end, end + 40)[:3]]
    if "\n" in text[max(0, start - 2) : start]:
        before = []
    return before, after


def _match_case(word: str, model: str) -> str:
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _is_word(token: str) -> bool:
    return token[:1].isalpha()


@dataclass(frozen=True, slots=True)
class RealWordChecker:
    lexicon: Lexicon
    ratio: float = 10.0  # the alternative must be this many times likelier
    unseen: float = 3e6  # count of a bigram missing from the table (its floor is 6.4e6)

    def find(self, text: str) -> Iterator[Fix]:
        lowered = _lowered(text)
        yield from self._doubled(text, lowered)
        yield from self._modal_of(text, lowered)
        yield from self._apostrophes(text, lowered)
        yield from self._bigram_pairs(text, lowered)

    # -- doubled words and "should of" --------------------------------------------------

    def _doubled(self, text: str, lowered: str | None) -> Iterator[Fix]:
        for m in _scan(_DOUBLED, text, lowered):
            first = text[m.start(1) : m.end(1)]
            low = first.lower()
            repeats = text[m.start(2) : m.end(2)].split()
            if not all(word.lower() == low for word in repeats):
                continue
            if any(word[:1].isupper() for word in repeats):
                continue  # a capitalised repeat opens a name ("The The", "for For Hire")
            if _legal_double(first.lower(), _word_before(text, m.start(1))):
                continue
            yield Fix(m.start(2), m.end(2), "", "typos.doubled-word")

    def _modal_of(self, text: str, lowered: str | None) -> Iterator[Fix]:
        for m in _scan(_MODAL_OF, text, lowered):
            nxt = text[m.start(2) : m.end(2)].lower()
            if nxt in PARTICIPLES or (nxt.endswith("ed") and nxt in self.lexicon.common):
                written = text[m.start(1) : m.end(1)]
                yield Fix(
                    m.start(1), m.end(1), _match_case("have", written), "typos.realword.modal-of"
                )

    # -- apostrophe pairs: grammar patterns ----------------------------------------------

    def _apostrophes(self, text: str, lowered: str | None) -> Iterator[Fix]:
        for m in _scan(_APOS_WORDS, text, lowered):
            written = text[m.start() : m.end()]
            word = _plain(written)
            following = _TOKEN.search(text, m.end(), m.end() + 40)  # _context's first after
            if not self._next_allows(word, _plain(following.group()) if following else ""):
                continue  # most of these words are right: spare the context
            before, after = _context(text, m.start(), m.end())
            prev = before[-1] if before else ""
            nxt = after[0] if after else ""
            nxt2 = after[1] if len(after) > 1 else ""
            nxt3 = after[2] if len(after) > 2 else ""
            # the next word opens a hyphenated compound, a modifier: "its not-for-profit
            # partner", "their been-there-done-that attitude"
            compound = following is not None and _HYPHEN.match(text, following.end()) is not None
            fix = self._apostrophe_fix(word, prev, nxt, nxt2, nxt3, compound=compound)
            if fix is not None:
                replacement, rule = fix
                replacement = _apostrophe_like(replacement, written)
                yield Fix(m.start(), m.end(), _match_case(replacement, written), rule)

    @staticmethod
    def _next_allows(word: str, nxt: str) -> bool:
        """Whether ``_apostrophe_fix`` may fix ``word`` followed by ``nxt``, whatever
        the words around (a cheap test first: most "its" and "their" are right)."""
        if word in ("it's", "you're", "they're", "who's"):
            return _is_word(nxt) and nxt not in BE and nxt not in ADVERB
        if word in ("its", "your", "whose"):
            return nxt in DET or nxt in ADVERB or nxt in ("been", "going", "gonna")
        if word == "their":
            return nxt in BE or nxt in MODAL or nxt in ("has", "have", "not", "going", "gonna")
        return word == "there" and nxt == "not"

    @staticmethod
    def _apostrophe_fix(
        word: str, prev: str, nxt: str, nxt2: str, nxt3: str = "", *, compound: bool = False
    ) -> tuple[str, str] | None:
        # "who's" after a preposition opens a free relative: "divided over who's in charge",
        # "As for who's responsible"
        possessive_slot = nxt == "own" or (
            prev in PREP and _is_word(nxt) and nxt not in DET and word != "who's"
        )
        contraction_slot = not compound and (
            nxt in DET
            or (nxt in ADVERB - {"always", "never"} - ADJECTIVE_ADVERB)
            or (nxt in ADJECTIVE_ADVERB and _clause_goes_on(nxt2))
            or nxt == "been"
            or (nxt in ("going", "gonna") and nxt2 in ("to", ""))
        )
        if word in ("it's", "you're", "they're", "who's"):
            if possessive_slot and nxt not in BE and nxt not in ADVERB:
                target = {"it's": "its", "you're": "your", "they're": "their", "who's": "whose"}[
                    word
                ]
                return target, f"typos.realword.{_rule_word(word)}-{target}"
            return None
        if word in ("its", "your", "whose") and contraction_slot and prev not in PREP:
            target = {"its": "it's", "your": "you're", "whose": "who's"}[word]
            return target, f"typos.realword.{word}-{_rule_word(target)}"
        if word == "their":
            if (
                nxt in BE
                or (nxt in MODAL and nxt2 == "be")
                or (nxt in ("has", "have") and nxt2 == "been")
            ):
                return "there", "typos.realword.their-there"
            if (nxt == "not" and not compound and _not_negates(nxt2, nxt3)) or (
                nxt in ("going", "gonna") and nxt2 in ("to", "")
            ):
                return "they're", "typos.realword.their-theyre"
        if (
            word == "there"
            and nxt == "not"
            and not compound
            and _is_word(prev)
            and prev not in BE | MODAL | INVERTING | {"be"}
            and nxt2 not in ("only", "just", "a", "an", "the", "to")
        ):
            return "they're", "typos.realword.there-theyre"
        return None

    # -- pairs without apostrophes: bigram model ------------------------------------------

    @staticmethod
    def _to_unclear(text: str, start: int, end: int) -> bool:
        """True when to/too sits between capitalised words (a name, a month: "March to May",
        whose lower-cased bigram counts mislead) or closes a "from ... to" range."""
        window = max(0, start - 40)
        return (
            (
                (last := _LAST_TOKEN.search(text, window, start)) is not None
                and last.group(1) != last.group(1).lower()
            )
            or _CAPITALISED_AFTER.match(text, end) is not None
            or _FROM_WORD.search(text, _clause_start(text, start, 40), start) is not None
        )

    def _bigram_pairs(self, text: str, lowered: str | None) -> Iterator[Fix]:
        bigrams = self.lexicon.bigrams
        unseen = self.unseen
        for m in _scan(_PAIR_WORDS, text, lowered):
            written = text[m.start() : m.end()]
            word = written.lower()
            other = PAIRS.get(word)
            if other is None:
                continue  # matched only through a special case fold ("effectſ")
            # Fast exit: without a bigram for the other word there is no evidence for it.
            nm = _NEXT_WORD.match(text, m.end())
            if nm is not None and _HYPHEN.match(text, nm.end()) is not None:
                nm = None  # part of a compound ("their not-for-profit status"): no context
            pm = _PREV_WORD.search(text, max(0, m.start() - 30), m.start())
            if (nm is None or (other, nm.group(1).lower()) not in bigrams) and (
                pm is None or (pm.group(1).lower(), other) not in bigrams
            ):
                continue
            before, after = _context(text, m.start(), m.end())
            prev = before[-1] if before and _is_word(before[-1]) else None
            nxt = after[0] if nm is not None and after and _is_word(after[0]) else None
            if (
                word == "then"
                and (
                    not after
                    or after[0] in _CLAUSE_PUNCTUATION  # "lower then, and": no second term
                    or after[0] == "than"  # "weaker then than now"
                    or (before[-1:] == ["other"] and before[0] in DET | _QUANTIFIERS)
                )
            ):
                continue  # "the other then a junior reporter": a noun phrase, then "then"
            if word == "then" and (
                (before[-1:] and before[-1] in COMPARATIVE)
                or (
                    len(before) == 2
                    and before[0] in ("more", "less", "fewer")
                    and _is_word(before[1])
                )
            ):
                yield Fix(
                    m.start(), m.end(), _match_case("than", written), "typos.realword.then-than"
                )
                continue
            if word in ("to", "too") and (
                nxt is None
                or (other, nxt) not in bigrams  # no positive evidence: "was to reorganize"
                or self._to_unclear(text, m.start(), m.end())
                or (word == "to" and not _too_slot(prev, nxt))
            ):
                continue  # "me too." / "what it's used to." / "March to May" / "from X to Y"
            if word == "than" and _COMPARISON_WORD.search(
                text, _clause_start(text, m.start()), m.start()
            ):
                continue  # a comparison earlier in the sentence wants "than"
            cw = bigrams.get((word, ""), 0) or 1
            co = bigrams.get((other, ""), 0) or 1
            sides: list[float] = []
            for written_pair, other_pair in (
                ((prev, word), (prev, other)) if prev is not None else (None, None),
                ((word, nxt), (other, nxt)) if nxt is not None else (None, None),
            ):
                if written_pair is None or other_pair is None:
                    continue
                cw_pair = bigrams.get(written_pair, 0)
                co_pair = bigrams.get(other_pair, 0)
                if not cw_pair and not co_pair:
                    continue  # neither seen: this side says nothing
                sides.append(math.log10(((co_pair or unseen) / co) / ((cw_pair or unseen) / cw)))
            if not sides or min(sides) < 0:
                continue
            if word in ("to", "too") and (len(sides) < 2 or min(sides) < 1):
                continue  # the commonest word in the pair set: both neighbours must agree
            need = math.log10(self.ratio) * (1 if len(sides) == 2 else 2)
            if sum(sides) < need:
                continue
            rule = f"typos.realword.{word}-{other}"
            yield Fix(m.start(), m.end(), _match_case(other, written), rule)


# "too" + adjective follows a linking verb or a degree word ("be to hard", "feels to
# distant", "simply to many", "spent to long"); after other words "to" + adjective is
# a range or a verb ("warm to hot summers", "filters to narrow down", "friendly to small
# ears"), which the bigrams alone took for "too" on real pages.
_TOO_AFTER = _words(
    """
    be been being is are was were am become became becomes becoming get gets got getting
    grow grows grew growing seem seems seemed look looks looked feel feels felt sound
    sounds sounded remain remains remained stay stays stayed simply far way much all just
    little bit not spent spend spends spending take takes took taking waited wait
    """
)
_FOR_TOO = frozenset(("long", "much", "many"))  # "for too long", "asking for too much"


def _too_slot(prev: str | None, nxt: str | None) -> bool:
    """Whether "to" stands where "too" + adjective would: after a linking verb or a
    degree word, or in "for too long/much/many"."""
    return prev in _TOO_AFTER or (prev == "for" and nxt in _FOR_TOO)


_QUANTIFIERS = frozenset(("each", "one", "any", "some", "no", "every"))
_CLAUSE_PUNCTUATION = frozenset(",.;:!?)—–")
# Linear patterns: each starts only at a word start and never backtracks.
_COMPARISON_WORD = re.compile(
    r"(?i:\b(?:" + "|".join(sorted(COMPARATIVE)) + r"|rather|sooner|later)\b)"
)
_FROM_WORD = re.compile(r"(?i:\bfrom\b)")
_LAST_TOKEN = re.compile(r"(?<![\w'’-])([\w'’-]++)[ \t]++$")
_CAPITALISED_AFTER = re.compile(r"[ \t]++[A-Z]")
_CLAUSE_ENDS = ".!?;:\n"


def _clause_start(text: str, start: int, reach: int = 80) -> int:
    """Where the clause holding ``start`` begins (looking back at most ``reach`` chars)."""
    window = max(0, start - reach)
    return max(window, *(text.rfind(c, window, start) + 1 for c in _CLAUSE_ENDS))


def _word_before(text: str, start: int) -> str:
    """The word right before ``start`` (spaces between), lower case, "'s" for a
    possessive ending; "" when none."""
    m = _PREV_WORD.search(text, max(0, start - 30), start)
    if m is None:
        return ""
    word = m.group(1).lower()
    return "'s" if word == "s" and text[m.start() - 1 : m.start()] in ("'", "’") else word


def _particle_verb(word: str, particle: str) -> bool:
    """Whether ``word`` is a form of a verb that takes ``particle`` ("logs", "logged")."""
    stems = PARTICLE_VERBS.get(particle)
    if not stems or not word:
        return False
    if word in stems:
        return True
    for suffix in ("s", "es", "ed", "d", "ing"):
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            if stem in stems or (len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in stems):
                return True  # "logged", "logging"
            if suffix in ("ed", "ing") and stem + "e" in stems:
                return True  # "moved", "settling"
    return False


def _legal_double(word: str, before: str) -> bool:
    """A doubled word that is grammar: a particle then a preposition ("log in in the
    morning", "carry on on Monday"), a noun then a verb ("The will will be read")."""
    if _particle_verb(before, word):
        return True
    return word in NOUN_READING and (before in DET or before in ("her", "its", "'s"))


_HYPHEN = re.compile(r"[-‑]\w")


def _verb_form(word: str) -> bool:
    return word.endswith(("ing", "ed")) or word in PARTICIPLES


def _clause_goes_on(word: str) -> bool:
    """Whether ``word`` after an adverb shows a clause, not a noun phrase: punctuation or
    the end, a closed-class word or a verb form ("it's still a", "it's just not",
    "it's still running"), but not a content word ("its still images")."""
    return not _is_word(word) or word in FUNCTION or _verb_form(word)


def _not_negates(nxt2: str, nxt3: str) -> bool:
    """Whether "not" before ``nxt2 nxt3`` negates a verb ("their not going", "their not
    happy with") rather than opening a modifier ("their not guilty pleas"): two content
    words after it read as an adjective and its noun."""
    if _clause_goes_on(nxt2):
        return True
    return not (_is_word(nxt3) and nxt3 not in FUNCTION and not _verb_form(nxt3))


def _rule_word(word: str) -> str:
    """A contraction as a rule id spells it: "you're" -> "youre"; "it's" -> "it-is", so
    that its -> it's and it's -> its do not share the id "its-its"."""
    return "it-is" if word == "it's" else word.replace("'", "")


def _apostrophe_like(replacement: str, written: str) -> str:
    """Use the text's own apostrophe (’ or ')."""
    if "’" in written or ("'" not in written and "’" in replacement):
        return replacement.replace("'", "’")
    return replacement
