"""The scrapinghub article-extraction-benchmark metric: token shingles.

Lower-case the text, take ``\\w+`` tokens, form n-token shingles (a text
shorter than n tokens is one shingle), and compare the predicted shingle
multiset with the truth's. Per document: precision and recall; a document
with an empty prediction scores P=0, R=0 unless its truth is empty too.
Over a set: P and R are averaged over documents, F1 comes from the averages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[str]:
    tokens = _TOKEN.findall(text.lower())
    if not tokens:
        return Counter()
    return Counter(" ".join(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))


def precision_recall(pred: str, truth: str, n: int = 4) -> tuple[float, float]:
    p, t = shingles(pred, n), shingles(truth, n)
    if not p and not t:
        return 1.0, 1.0
    if not p or not t:
        return 0.0, 0.0
    tp = sum((p & t).values())
    return tp / sum(p.values()), tp / sum(t.values())


@dataclass(frozen=True, slots=True)
class Score:
    precision: float
    recall: float
    documents: int

    @property
    def f1(self) -> float:
        s = self.precision + self.recall
        return 2 * self.precision * self.recall / s if s else 0.0


def average(pairs: Iterable[tuple[float, float]]) -> Score:
    items = list(pairs)
    if not items:
        return Score(0.0, 0.0, 0)
    return Score(
        sum(p for p, _ in items) / len(items), sum(r for _, r in items) / len(items), len(items)
    )
