"""A bigram context model to choose between near-equal one-edit corrections.

Frequency alone cannot choose between "story" and "sorry" for "sotry"; the words beside
it can ("a sotry about" is a story). Scores are noisy-channel style: log P(c) plus, on
each side that has a word, log P(neighbour beside c | c), with counts from Google Books
bigrams (``context.tsv.gz``: unigram and bigram counts, stored as log10 x 20). Loaded on
first use (~0.5 s, ~10 MB), since most texts have no ambiguous misspelling.
"""

from __future__ import annotations

import gzip
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from math import log10

from cleanse.typos.lexicon import DATA

_SCALE = 20.0  # counts are stored as round(log10(count) * _SCALE)
# The source keeps only bigrams seen 6.4 million times or more; an absent one counts
# _UNSEEN, against a context mass of _MASS more.
_UNSEEN = 1e5
_MASS = 1e6


_NO_COUNT = 255  # a word seen only in bigrams: no unigram count of its own
_SHIFT = 20  # bigram key = left id << _SHIFT | right id (ids stay under 2**20)


@dataclass(frozen=True, slots=True)
class ContextModel:
    # Compact on purpose (about 10 MB instead of 30 as dicts keyed by "left right"): each
    # worker process of a batch holds one.
    ids: dict[str, int]  # word -> id
    unigram_logs: bytes  # by id: log10(count) * _SCALE, or _NO_COUNT
    bigrams: array[int]  # sorted; each (left id << _SHIFT | right id) << 8 | log value

    def _unigram(self, word: str) -> int | None:
        i = self.ids.get(word)
        if i is None:
            return None
        value = self.unigram_logs[i]
        return None if value == _NO_COUNT else value

    def _bigram(self, left: str, right: str) -> int | None:
        a = self.ids.get(left)
        b = self.ids.get(right)
        if a is None or b is None:
            return None
        low = (a << _SHIFT | b) << 8
        bigrams = self.bigrams
        i = bisect_left(bigrams, low)
        if i < len(bigrams) and bigrams[i] >> 8 == low >> 8:
            return bigrams[i] & 0xFF
        return None

    def knows(self, word: str) -> bool:
        """Whether ``word`` can serve as context (the model has its count)."""
        return self._unigram(word) is not None

    def seen(self, word: str, left: str | None, right: str | None) -> bool:
        """Whether the table holds ``word`` beside either neighbour."""
        return (left is not None and self._bigram(left, word) is not None) or (
            right is not None and self._bigram(word, right) is not None
        )

    def score(self, word: str, left: str | None, right: str | None, zipf: float) -> float:
        """log10 P(word) + log10 P(left word | word) + log10 P(word right | word).

        Add-k smoothing: an absent bigram counts ``_UNSEEN`` against ``_MASS`` more, so it
        costs a frequent candidate more than a rare one (had "the story" been likely, the
        table would hold it). Without a bigram on either side the frequency prior is
        about cancelled and no candidate wins by the margin: context decides only where
        the table has evidence.
        """
        logu = self._unigram(word)
        # Words the bigram source lacks get a count from their Zipf frequency (per 10**9
        # words; Google Books counts are on a scale about 10**3 larger).
        u = 10 ** (logu / _SCALE) if logu is not None else 10 ** (zipf + 3)
        total = log10(u)
        for first, second in ((left, word), (word, right)):
            if first is None or second is None:
                continue
            logb = self._bigram(first, second)
            b = 10 ** (logb / _SCALE) if logb is not None else 0.0
            total += log10((b + _UNSEEN) / (u + _MASS))
        return total


@cache
def load_context() -> ContextModel:
    ids: dict[str, int] = {}
    logs = bytearray()  # by id
    packed = array("q")  # key << 8 | value: one array, sorted once, little peak memory

    def id_of(word: str) -> int:
        found = ids.get(word)
        if found is None:
            found = ids[word] = len(ids)
            logs.append(_NO_COUNT)
        return found

    with gzip.open(DATA / "context.tsv.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            key, _, value = line.rstrip("\n").partition("\t")
            left, _, right = key.partition(" ")
            if right:
                packed.append((id_of(left) << _SHIFT | id_of(right)) << 8 | int(value))
            else:
                logs[id_of(key)] = int(value)
    if len(ids) >= 1 << _SHIFT:
        raise ValueError(f"context.tsv.gz: {len(ids)} words, more than 2**{_SHIFT} ids allow")
    return ContextModel(ids, bytes(logs), array("q", sorted(packed)))
