"""A bigram context model to choose between near-equal one-edit corrections.

Frequency alone cannot choose between "story" and "sorry" for "sotry"; the words beside
it can ("a sotry about" is a story). Scores are noisy-channel style: log P(c) plus, on
each side that has a word, log P(neighbour beside c | c), with counts from Google Books
bigrams (``context.tsv.gz``: unigram and bigram counts, stored as log10 x 20). Loaded on
first use (~0.5 s, ~30 MB), since most texts have no ambiguous misspelling.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import cache
from math import log10

from cleanse.typos.lexicon import DATA

_SCALE = 20.0  # counts are stored as round(log10(count) * _SCALE)
# The source keeps only bigrams seen 6.4 million times or more; an absent one counts
# _UNSEEN, against a context mass of _MASS more.
_UNSEEN = 1e5
_MASS = 1e6


@dataclass(frozen=True, slots=True)
class ContextModel:
    unigrams: dict[str, int]  # word -> log10(count) * _SCALE
    bigrams: dict[str, int]  # "left right" -> log10(count) * _SCALE

    def knows(self, word: str) -> bool:
        """Whether ``word`` can serve as context (the model has its count)."""
        return word in self.unigrams

    def seen(self, word: str, left: str | None, right: str | None) -> bool:
        """Whether the table holds ``word`` beside either neighbour."""
        return (left is not None and f"{left} {word}" in self.bigrams) or (
            right is not None and f"{word} {right}" in self.bigrams
        )

    def score(self, word: str, left: str | None, right: str | None, zipf: float) -> float:
        """log10 P(word) + log10 P(left word | word) + log10 P(word right | word).

        Add-k smoothing: an absent bigram counts ``_UNSEEN`` against ``_MASS`` more, so it
        costs a frequent candidate more than a rare one (had "the story" been likely, the
        table would hold it). Without a bigram on either side the frequency prior is
        about cancelled and no candidate wins by the margin: context decides only where
        the table has evidence.
        """
        logu = self.unigrams.get(word)
        # Words the bigram source lacks get a count from their Zipf frequency (per 10**9
        # words; Google Books counts are on a scale about 10**3 larger).
        u = 10 ** (logu / _SCALE) if logu is not None else 10 ** (zipf + 3)
        total = log10(u)
        for neighbour, key in ((left, f"{left} {word}"), (right, f"{word} {right}")):
            if neighbour is None:
                continue
            logb = self.bigrams.get(key)
            b = 10 ** (logb / _SCALE) if logb is not None else 0.0
            total += log10((b + _UNSEEN) / (u + _MASS))
        return total


@cache
def load_context() -> ContextModel:
    unigrams: dict[str, int] = {}
    bigrams: dict[str, int] = {}
    with gzip.open(DATA / "context.tsv.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            key, _, value = line.rstrip("\n").partition("\t")
            if " " in key:
                bigrams[key] = int(value)
            else:
                unigrams[key] = int(value)
    return ContextModel(unigrams, bigrams)
