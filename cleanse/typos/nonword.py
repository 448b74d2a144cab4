"""Non-word misspellings: the curated table first, then one-edit candidates by frequency.

A word is a non-word when no variety of English spells it so (``Lexicon.zipf``). It is
corrected from the table when listed there; otherwise the one-edit neighbours (Damerau:
delete, insert, substitute, swap adjacent letters) that are dictionary words are ranked
by frequency, and the best is taken only when it clearly wins: it is common, at least
``margin`` Zipf points (a factor of 10 per point) more frequent than the runner-up (every
one-edit word competes), and it keeps the word's first letter. Words under ``min_length``
letters are left alone. The step adds document-level checks (``cleanse.steps.typos``):
an unknown spelling used twice is a term, and a fragment joined to its neighbour into a
word ("backp ack") is a split word, not a misspelling.
"""

from __future__ import annotations

from dataclasses import dataclass

from cleanse.typos.lexicon import Lexicon

LETTERS = "abcdefghijklmnopqrstuvwxyz"
# An unknown word built from known parts is more likely a real rare word ("frother",
# "repotting", "unpatched", "mocktails") than a misspelling.
SUFFIXES = ("s", "es", "ed", "d", "ing", "er", "ers", "est", "ly", "ness", "able", "ism", "ist")
PREFIXES = (
    "un", "re", "up", "pre", "non", "over", "under", "co", "de", "dis", "mis", "out", "sub",
    "super", "anti", "multi", "micro", "mini", "semi", "inter", "self", "cyber", "eco", "bio",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Correction:
    replacement: str  # lower case; the caller restores the token's capitalisation
    rule: str


# Longer than any word a writer mistypes: candidate generation is O(len**2), so a long
# token (a hash, a run of letters) would cost seconds and could never be fixed anyway.
_MAX_WORD = 30


def edits1(word: str) -> set[str]:
    """Strings one Damerau-Levenshtein edit away from ``word``."""
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

    def correct(self, word: str) -> Correction | None:
        """A correction for lower-case ``word``, or None when it is a word or unclear."""
        lex = self.lexicon
        if word in lex.zipf:
            return None
        fixed = lex.corrections.get(word)
        if fixed is not None:
            return Correction(fixed, "typos.nonword.table")
        if not self.min_length <= len(word) <= _MAX_WORD or self.derived(word):
            return None
        zipf = lex.zipf
        # Every one-edit word competes ("nost": "most" as well as "not"), but only one that
        # keeps the first letter (or swaps the first two) may be offered: a slip in the first
        # letter is rare, so a winner that changes it is more likely wrong than right.
        suggestible = lex.suggestible
        ranked = sorted(((zipf[c], c) for c in edits1(word) if c in suggestible), reverse=True)
        if not ranked:
            return None
        best_zipf, best = ranked[0]
        runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
        if best_zipf < self.min_zipf or best_zipf - runner_up < self.margin:
            return None
        if best[0] != word[0] and best[:2] != word[1::-1]:
            return None
        return Correction(best, "typos.nonword.edit1")

    def derived(self, word: str) -> bool:
        """True when ``word`` reads as a known word plus an affix, or two known words."""
        zipf = self.lexicon.zipf
        for suffix in SUFFIXES:
            stem = word[: -len(suffix)]
            if not word.endswith(suffix) or len(stem) < 3:
                continue
            if stem in zipf or stem + "e" in zipf or (stem[-1] == stem[-2] and stem[:-1] in zipf):
                return True
        for prefix in PREFIXES:
            if (
                word.startswith(prefix)
                and word[len(prefix) :] in zipf
                and len(word) - len(prefix) >= 3
            ):
                return True
        for i in range(3, len(word) - 2):
            if zipf.get(word[:i], 0.0) >= 3.0 and zipf.get(word[i:], 0.0) >= 3.0:
                return True
        return False
