"""English word data for the typos step, loaded once per process from cleanse/data/typos/.

- ``words``: every accepted spelling (British, American and Canadian SCOWL lists, plus
  frequent web words) with its Zipf frequency and class;
- ``corrections``: the curated misspelling table (codespell, filtered: no real words,
  no UK <-> US pairs, one unambiguous correction);
- ``bigrams``: Google Books bigram counts around the real-word confusion pairs.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "typos"


@dataclass(frozen=True, slots=True)
class Lexicon:
    zipf: dict[str, float]  # every accepted spelling (lower case) -> Zipf frequency
    common: frozenset[str]  # dictionary words written in lower case (SCOWL)
    proper: frozenset[str]  # words SCOWL only knows capitalised (names, demonyms)
    suggestible: frozenset[str]  # spellings that may be offered as corrections
    corrections: dict[str, str]  # curated misspelling -> correction
    bigrams: dict[tuple[str, str], int]  # ("to", "") holds the unigram count of "to"


@cache
def load_lexicon() -> Lexicon:
    zipf: dict[str, float] = {}
    common: set[str] = set()
    proper: set[str] = set()
    suggestible: set[str] = set()
    with gzip.open(DATA / "words.tsv.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            word, z, cls = line.rstrip("\n").split("\t")
            zipf[word] = int(z) / 100
            if cls == "c":
                common.add(word)
            elif cls == "p":
                proper.add(word)
            if cls in ("c", "w"):
                suggestible.add(word)
    corrections: dict[str, str] = {}
    for line in (DATA / "corrections.tsv").read_text(encoding="utf-8").splitlines():
        wrong, right = line.split("\t")
        corrections[wrong] = right
    bigrams: dict[tuple[str, str], int] = {}
    with gzip.open(DATA / "bigrams.tsv.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            left, right, count = line.split("\t")
            bigrams[left, right] = int(count)
    return Lexicon(
        zipf=zipf,
        common=frozenset(common),
        proper=frozenset(proper),
        suggestible=frozenset(suggestible),
        corrections=corrections,
        bigrams=bigrams,
    )
