"""Non-word misspellings: the curated table first, then one-edit candidates by frequency.

A word is a non-word when no variety of English spells it so (``Lexicon.zipf``). It is
corrected from the table when listed there; otherwise the one-edit neighbours (Damerau:
delete, insert, substitute, swap adjacent letters) that are dictionary words are ranked
by frequency, and the best is taken only when it clearly wins: it is common, at least
``margin`` Zipf points (a factor of 10 per point) more frequent than the runner-up (every
one-edit word competes), and it keeps the word's first letter. When no word wins by
frequency, the candidates go back to the step as ``Ambiguous`` and each occurrence is
decided by its neighbouring words (``choose``, a bigram model: "a sotry about" is a
story, "so sotry for" is sorry). A long word with no word one edit away may be two
edits off ("manegment"): then the words two edits away compete the same way. Words under
``min_length`` letters are left alone, and so are unknown words that read as a real
derivation or compound ("frother", "mocktails").
The step adds document-level checks (``cleanse.steps.typos``): an unknown spelling used
twice is a term, and a fragment joined to its neighbour into a word ("backp ack") is a
split word, not a misspelling.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA

from cleanse.typos.context import load_context
from cleanse.typos.lexicon import Lexicon

LETTERS = "abcdefghijklmnopqrstuvwxyz"
# An unknown word built from known parts is more likely a real rare word ("frother",
# "repotting", "unpatched", "mocktails") than a misspelling.
SUFFIXES = ("s", "es", "ed", "d", "ing", "er", "ers", "est", "ly", "ness", "able", "ism", "ist")
PREFIXES = (
    "un", "re", "up", "pre", "non", "over", "under", "co", "de", "dis", "mis", "out", "sub",
    "super", "anti", "multi", "micro", "mini", "semi", "inter", "self", "cyber", "eco", "bio",
)  # fmt: skip


_RUNS = re.compile(r"(.)\1*")  # runs of one repeated letter
_PHRASE_PARTS = re.compile(r"[ '-]")
# Zipf points a nearer common word may trail a short word's two-edit table correction by
# and still make the table's choice doubtful ("tung": "tune" 4.27 against "tongue" 4.37).
_NEAR_RIVAL = 0.5
_ASCII_WORD = re.compile(r"[a-z]{2,}")
_PART_ZIPF = 2.5  # a stem or part rarer than this is a junk entry of the large lists
_COMPOUND_ZIPF = 3.5  # two rare words side by side are more often a slip than a compound
_INFLECTIONS = ("ing", "ed", "s")
_TWO_LETTER_ZIPF = 5.0  # "in", "is", "of": a two-letter part must be a function word
_SILENT_E = re.compile(r"[^aeioy]e$")  # "move" -> "moving"; "see" -> "seeing" keeps it
_SIBILANTS = ("s", "x", "z", "ch", "sh")  # plural "-es", never a bare "-s"
_ES_STEMS = (*_SIBILANTS, "o")
# One vowel then one final consonant (not w, x, y): English doubles it before a vowel
# suffix ("run" -> "running"), so "runing" is no derivation of "run".
_DOUBLES = re.compile(r"[^aeiou]*[aeiou][b-df-hj-np-tvz]")


@dataclass(frozen=True, slots=True)
class Correction:
    replacement: str  # lower case; the caller restores the token's capitalisation
    rule: str


@dataclass(frozen=True, slots=True)
class Ambiguous:
    """One-edit words that compete with no clear winner by frequency; context decides."""

    word: str
    candidates: tuple[tuple[str, float], ...]  # (word, Zipf), most frequent first


# Longer than any word a writer mistypes: candidate generation is O(len**2), so a long
# token (a hash, a run of letters) would cost seconds and could never be fixed anyway.
_MAX_WORD = 30


def _keeps_start(word: str, candidate: str) -> bool:
    """A slip in the first letter is rare: a winner that changes it is more likely wrong."""
    return candidate[0] == word[0] or candidate[:2] == word[1::-1]


def _keeps_ending(word: str, candidate: str) -> bool:
    """A two-edit fix must not cut the word short ("mightnt" is no slip for "might") or
    drop its inflection ("techonlogys" is a plural, not "technology")."""
    if word.startswith(candidate):
        return False
    return not any(word.endswith(s) and not candidate.endswith(s) for s in _INFLECTIONS)


def edits1(word: str) -> set[str]:
    """Strings one Damerau-Levenshtein edit (OSA) away from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out.update(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
    out.update(a + c + b[1:] for a, b in splits if b for c in LETTERS if c != b[0])
    out.update(a + c + b for a, b in splits for c in LETTERS)
    out.discard(word)
    return out


@dataclass(frozen=True, slots=True)
class NonWordCorrector:
    lexicon: Lexicon
    # Shorter words have too many neighbours one and two edits away: on four letters the
    # intended word is as often two edits off ("wern" for "when") as one.
    min_length: int = 5
    min_zipf: float = 3.0  # the winner must be a common word
    margin: float = 1.5  # Zipf points between winner and runner-up
    # log10 points of context score between winner and runner-up (a factor of 100)
    context_margin: float = 2.0
    # A word this long with no word one edit away may be two edits off ("manegment"):
    # long words have few neighbours, so one common word two edits away rarely has rivals.
    edit2_min_length: int = 7
    # suggestible spellings by (first letter, length), most frequent first, with their
    # negated Zipf values (ascending, for bisection): the two-edit search pool
    _pool: dict[tuple[str, int], tuple[list[str], list[float]]] = field(
        init=False, repr=False, compare=False
    )
    _starts: frozenset[str] = field(init=False, repr=False, compare=False)
    # suggestible spellings of ASCII letters by (first two letters, length): where the
    # one-edit neighbours of a word that keep its first two letters are searched
    _near: dict[tuple[str, int], list[str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # A rival rarer than any winner's margin can reach cannot change a decision, so
        # the search leaves it out (71,000 spellings instead of 121,000). Forms with an
        # apostrophe are left out too: a slip two edits away is no possessive or
        # contraction ("hieleras" is not "hitler's").
        floor = self.min_zipf - self.margin
        zipf = self.lexicon.zipf
        pool: dict[tuple[str, int], tuple[list[str], list[float]]] = {}
        for z, w in sorted(
            (-zipf[w], w) for w in self.lexicon.suggestible if zipf[w] >= floor and "'" not in w
        ):
            words, zipfs = pool.setdefault((w[0], len(w)), ([], []))
            words.append(w)
            zipfs.append(z)
        object.__setattr__(self, "_pool", pool)
        object.__setattr__(self, "_starts", frozenset(first for first, _ in pool))
        near: dict[tuple[str, int], list[str]] = {}
        for w in sorted(self.lexicon.suggestible):
            if _ASCII_WORD.fullmatch(w):
                near.setdefault((w[:2], len(w)), []).append(w)
        object.__setattr__(self, "_near", near)

    def correct(self, word: str, *, two_edits: bool = True) -> Correction | Ambiguous | None:
        """A correction for lower-case ``word``, Ambiguous when context must choose
        between one-edit words, or None when it is a word or cannot be fixed. Without
        ``two_edits`` no word two edits away is searched for (the step does not fix
        capitalised words so: a capitalised unknown word is a name as often as not)."""
        lex = self.lexicon
        if word in lex.zipf:
            return None
        fixed = lex.corrections.get(word)
        if fixed is not None:
            if self._table_doubtful(word, fixed):
                return None
            return Correction(fixed, "typos.nonword.table")
        if not self.min_length <= len(word) <= _MAX_WORD or self.derived(word, nested=False):
            return None
        zipf = lex.zipf
        # Every one-edit word competes ("nost": "most" as well as "not"), but only one that
        # keeps the first letter (or swaps the first two) may be offered.
        ranked = sorted(((zipf[c], c) for c in self._one_edit(word)), reverse=True)
        # A wrong doubling is the commonest slip ("dissapearing", "satisfacttion"): the one
        # word that differs only there wins, unless a one-edit word is more frequent.
        doubled = self._doubling(word)
        if doubled is not None and (not ranked or zipf[doubled] >= ranked[0][0]):
            return Correction(doubled, "typos.nonword.doubling")
        if self._nested(word):  # a prefix before a suffixed word yields to a doubling only
            return None  # ("comissioners" is co|mission|ers, and a slip for "commissioners")
        if not ranked:
            return self._edit2(word) if two_edits and len(word) >= self.edit2_min_length else None
        best_zipf, best = ranked[0]
        runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
        if best_zipf < self.min_zipf:
            return None
        if best_zipf - runner_up < self.margin:
            return Ambiguous(word, tuple((c, z) for z, c in ranked))
        if not _keeps_start(word, best):
            return None
        return Correction(best, "typos.nonword.edit1")

    def _table_doubtful(self, word: str, fixed: str) -> bool:
        """True when a slip model disagrees with the curated table, so the written word is
        more likely a rare word or a name than this misspelling ("hass" avocados, "tung"
        oil): a word one edit away is ``margin`` Zipf points more frequent than the
        table's word ("has" for "hash"), or the word is short, the table's word two edits
        off and a common word one edit away about as frequent ("tune" for "tongue"). A
        table entry for a long word, or one no common word is nearer to, stays sure."""
        zipf = self.lexicon.zipf
        target = zipf.get(fixed)
        if target is None:  # "at least", "that's": the rarest part stands for the phrase
            target = min((zipf.get(p, 0.0) for p in _PHRASE_PARTS.split(fixed) if p), default=0)
        rivals = [(zipf[c], c) for c in self._one_edit(word) if c != fixed]
        if not rivals:
            return False
        if max(rivals)[0] >= target + self.margin:
            return True
        if len(word) >= self.min_length or OSA.distance(word, fixed) < 2:
            return False
        floor = max(self.min_zipf, target - _NEAR_RIVAL)
        return any(z >= floor and _keeps_start(word, c) for z, c in rivals)

    def _one_edit(self, word: str) -> set[str]:
        """``edits1(word) & suggestible`` at a third of the cost: the edits that change
        the first two letters are generated (about 110 strings), those that keep them
        are found by rapidfuzz's OSA distance among the words that start so."""
        suggestible = self.lexicon.suggestible
        if not _ASCII_WORD.fullmatch(word):
            return edits1(word) & suggestible
        head, rest = word[:2], word[2:]
        a, b = word[0], word[1]
        front = [b + rest, a + rest, b + a + rest, a + rest[:1] + b + rest[1:]]
        for c in LETTERS:
            front += (c + b + rest, a + c + rest, c + word, a + c + b + rest)
        found = suggestible.intersection(front)
        n = len(word)
        for length in (n - 1, n, n + 1):
            bucket = self._near.get((head, length))
            if bucket:
                hits = process.extract(
                    word, bucket, scorer=OSA.distance, score_cutoff=1, limit=None
                )
                found = found.union(c for c, _, _ in hits)
        return set(found) - {word}

    def _edit2(self, word: str) -> Correction | None:
        """The common word two edits from ``word`` that clearly wins by frequency; every
        suggestible spelling two edits away competes (but forms with an apostrophe, left
        out of the pool). The winner keeps the first letter and the ending. Called only
        when no word is one edit away, on long words. rapidfuzz's bit-parallel OSA
        distance, first over the common words a winner could be (same first letter, or
        the first two swapped) and, only when there is one, over every word frequent
        enough to rival it: the answer of one search over the pool at a fraction of the
        cost (most long unknown words are names or terms with no common word near)."""
        # Two words run together are a coinage ("wolfmen") or a lost space ("computingis"),
        # never a two-edit slip.
        if self._two_words(word, 2, self.min_zipf):
            return None
        winners = [
            (z, c)
            for z, c in self._within2(word, (word[:1], word[1:2]), self.min_zipf)
            if _keeps_start(word, c) and _keeps_ending(word, c)
        ]
        if not winners:
            return None
        ranked = sorted(self._within2(word, self._starts, max(winners)[0] - self.margin))
        best_zipf, best = ranked[-1]
        runner_up = ranked[-2][0] if len(ranked) > 1 else 0.0
        if best_zipf - runner_up < self.margin or (best_zipf, best) not in winners:
            return None
        return Correction(best, "typos.nonword.edit2")

    def _within2(self, word: str, starts: Iterable[str], floor: float) -> list[tuple[float, str]]:
        """(Zipf, spelling) of the pool words starting with one of ``starts``, at least
        ``floor`` frequent and within two edits of ``word``."""
        n = len(word)
        out: list[tuple[float, str]] = []
        for first in set(starts):
            for length in range(n - 2, n + 3):
                pool = self._pool.get((first, length))
                if pool is None:
                    continue
                words, zipfs = pool
                # the pool is sorted most frequent first: take the prefix above the floor
                cut = bisect_right(zipfs, -floor)
                if cut:
                    found = process.extract(
                        word, words[:cut], scorer=OSA.distance, score_cutoff=2, limit=None
                    )
                    out.extend((-zipfs[i], c) for c, _, i in found)
        return out

    def _doubling(self, word: str) -> str | None:
        """The only common word spelt like ``word`` but for one or two letters doubled or
        undoubled, or None when there is none or more than one. Quadratic in the letter
        runs, which ``_MAX_WORD`` bounds."""
        runs = [(m.group(1), len(m.group())) for m in _RUNS.finditer(word)]
        base = [c * min(n, 2) for c, n in runs]
        other = [c if n > 1 else c * 2 for c, n in runs]
        zipf = self.lexicon.zipf
        suggestible = self.lexicon.suggestible
        found: set[str] = set()
        for i in range(len(runs)):
            for j in range(i, len(runs)):  # j == i: one letter toggled
                parts = base.copy()
                parts[i] = other[i]
                parts[j] = other[j]
                candidate = "".join(parts)
                if candidate in suggestible and zipf[candidate] >= self.min_zipf:
                    found.add(candidate)
                    if len(found) > 1:
                        return None
        return found.pop() if found else None

    def choose(self, ambiguous: Ambiguous, left: str | None, right: str | None) -> str | None:
        """The candidate the neighbouring words clearly favour, or None."""
        model = load_context()
        left = left if left is not None and model.knows(left) else None
        right = right if right is not None and model.knows(right) else None
        if left is None and right is None:
            return None
        scored = sorted(
            ((model.score(c, left, right, z), c, z) for c, z in ambiguous.candidates),
            reverse=True,
        )
        best_score, best, best_zipf = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else float("-inf")
        if best_score - runner_up < self.context_margin or best_zipf < self.min_zipf:
            return None
        if not model.seen(best, left, right):
            return None  # no positive evidence: the words beside it were never seen with it
        return best if _keeps_start(ambiguous.word, best) else None

    def derived(self, word: str, *, nested: bool = True) -> bool:
        """True when ``word`` reads as a known word plus an affix, or two known words.

        Only spelling rules English follows count: "-es" after a sibilant or "o"
        ("boxes", not "bookes"), "-s" not after one ("boxs"), "-d" only after "e"
        ("moved", not "walkd"); a doubled final consonant after a one-vowel stem
        ("running", not "runing" from "run") and only a consonant doubled ("helpping"
        and "lookking" are no derivations); a silent "e" dropped before a vowel suffix
        ("moving", not "moveing"). Parts must be dictionary words in their own right (not
        a junk entry of the large lists, "intr", or an acronym, "hiv"), and compound
        parts common words of four letters or more ("mock|tails", not "vis|ting"). A
        prefix may come before a suffixed word ("un|skipp|able"), whose stem then must be
        a common word of four letters or more ("over|comm|ing" derives neither "comm" nor
        "com"); never before a compound or another prefix ("de|most|rate"). Such nested
        derivations count only with ``nested``.
        """
        if self._suffixed(word, _PART_ZIPF, 3):
            return True
        zipf = self.lexicon.zipf
        common = self.lexicon.common
        for prefix in PREFIXES:
            rest = word[len(prefix) :]
            if (
                word.startswith(prefix)
                and len(rest) >= 4
                and rest in common
                and zipf[rest] >= _PART_ZIPF
            ):
                return True  # "unpatched"
        return self._two_words(word, 4, _COMPOUND_ZIPF) or (nested and self._nested(word))

    def _nested(self, word: str) -> bool:
        """True when ``word`` is a prefix before a suffixed common word ("un|skipp|able")."""
        for prefix in PREFIXES:
            rest = word[len(prefix) :]
            if (
                word.startswith(prefix)
                and len(rest) >= 4
                and self._suffixed(rest, _COMPOUND_ZIPF, 4)
            ):
                return True
        return False

    def _two_words(self, word: str, shortest: int, floor: float) -> bool:
        """True when ``word`` is two common words of ``shortest`` letters or more and Zipf
        ``floor`` run together; a two-letter part must be a function word ("in", "is")."""
        zipf = self.lexicon.zipf
        common = self.lexicon.common
        for i in range(shortest, len(word) - shortest + 1):
            if all(
                p in common and zipf[p] >= (_TWO_LETTER_ZIPF if len(p) == 2 else floor)
                for p in (word[:i], word[i:])
            ):
                return True
        return False

    def _suffixed(self, word: str, floor: float, shortest: int) -> bool:
        """True when ``word`` is a stem of ``shortest`` letters or more and Zipf ``floor``
        plus a suffix, by the spelling rules ``derived`` lists."""
        zipf = self.lexicon.zipf
        common = self.lexicon.common

        def part(w: str) -> bool:
            return w in common and zipf[w] >= floor

        for suffix in SUFFIXES:
            stem = word[: -len(suffix)]
            if not word.endswith(suffix) or len(stem) < shortest:
                continue
            if suffix == "es":
                if stem.endswith(_ES_STEMS) and part(stem):
                    return True
            elif suffix[0] in "aeiou":  # a silent e drops, a final consonant may double
                if part(stem + "e") or (
                    part(stem) and not (_DOUBLES.fullmatch(stem) or _SILENT_E.search(stem))
                ):
                    return True
                if (
                    stem[-1] == stem[-2]
                    and stem[-1] not in "aeiouwxy"
                    and len(stem) > shortest
                    and part(stem[:-1])
                ):
                    return True
            elif suffix == "s":
                if part(stem) and not stem.endswith(_SIBILANTS):
                    return True
            elif suffix == "d":
                if stem.endswith("e") and part(stem):
                    return True
            elif part(stem):
                return True
        return False
