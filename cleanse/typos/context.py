"""A bigram context model to choose between near-equal one-edit corrections.

Frequency alone cannot choose between "story" and "sorry" for "sotry"; the words beside
it can ("a sotry about" is a story). Scores are noisy-channel style: log P(c) plus, on
each side that has a word, log P(neighbour beside c | c), with counts from Google Books
bigrams (``context.tsv.gz``: unigram and bigram counts, stored as log10 x 20). Loaded on
first use, since most texts have no ambiguous misspelling.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import cache
from math import log10

from cleanse.typos.lexicon import DATA

_SCALE = 20.0  # counts are stored as round(log10(count) * _SCALE)
# Add-k smoothing in the log domain: an unseen bigram still counts 10**5 (the table keeps
# only bigrams seen 6.4 million times or more), against a context mass of 10**6 more.
_UNSEEN = 1e5
_MASS = 1e6


@dataclass(frozen=True, slots=True)
class ContextModel:
    unigrams: dict[str, int]  # word -> log10(count) * _SCALE
    bigrams: dict[str, int]  # "left right" -> log10(count) * _SCALE

    def score(self, word: str, left: str | None, right: str | None, zipf: float) -> float:
        """log10 P(word) + log10 P(left word | word) + log10 P(word right | word)."""
        logu = self.unigrams.get(word)
        # Words the bigram source lacks get a count from their Zipf frequency (per 10**9
        # words; Google Books counts are on a scale about 10**3 larger).
        u = 10 ** (logu / _SCALE) if logu is not None else 10 ** (zipf + 3)
        total = log10(u)
        for key in (f"{left} {word}" if left else None, f"{word} {right}" if right else None):
            if key is None:
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
