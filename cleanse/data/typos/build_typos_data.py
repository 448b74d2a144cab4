"""Regenerate cleanse/data/typos/ from public word lists (run by hand, not at import).

Inputs (see SOURCE.md for versions and licences):
- SCOWL "large" word lists (American, British, Canadian): Debian packages
  wamerican-large, wbritish-large, wcanadian-large -> /usr/share/dict/*-english-large
- wordfreq (PyPI) English frequencies, for frequencies and modern words SCOWL lacks
- codespell (PyPI) dictionary.txt, the curated misspelling -> correction table
- symspellpy (PyPI) frequency_bigramdictionary_en_243_342.txt (Google Books n-grams),
  for the bigram contexts of the real-word confusion pairs

Outputs:
- words.tsv.gz        word <TAB> zipf*100 <TAB> class (c: SCOWL common word, p: SCOWL proper
                      noun only, w: frequent web word from wordfreq, r: rare web word,
                      accepted as written but never offered as a correction)
- corrections.tsv     misspelling <TAB> correction (codespell, filtered, see below)
- bigrams.tsv.gz      left <TAB> right <TAB> count, for bigrams with a confusion word
                      (unigram counts of the confusion words have an empty right)
- context.tsv.gz      "word" or "left right" <TAB> round(log10(count) * 20), the context
                      model that chooses between near-equal one-edit corrections

Usage: python cleanse/data/typos/build_typos_data.py [--context-only]
(needs the Debian lists + wordfreq, codespell and symspellpy installed; --context-only
rebuilds context.tsv.gz alone and needs only symspellpy)
"""

from __future__ import annotations

import gzip
import importlib.util
import re
import sys
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCOWL = [Path(f"/usr/share/dict/{v}-english-large") for v in ("american", "british", "canadian")]
WEB_ZIPF_MIN = 3.0  # wordfreq words at least this frequent count as correct words
RARE_ZIPF_MIN = 2.0  # rarer web words are kept as "rare": never corrected by edit distance
ALPHA = re.compile(r"[a-z]+(?:'[a-z]+)?")
CONFUSIONS = [
    ("their", "there"),
    ("then", "than"),
    ("lose", "loose"),
    ("loses", "looses"),
    ("losing", "loosing"),
    ("affect", "effect"),
    ("affects", "effects"),
    ("to", "too"),
]


def _package_file(package: str, *parts: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise SystemExit(f"install {package} first")
    return Path(spec.origin).parent.joinpath(*parts)


def scowl_words() -> tuple[set[str], set[str]]:
    common: set[str] = set()
    proper: set[str] = set()
    for path in SCOWL:
        for line in path.read_text(encoding="utf-8").splitlines():
            word = line.strip()
            if not word or word.endswith("'s"):
                continue
            if word.islower():
                common.add(word)
            elif word[0].isupper() and word[1:].islower():
                proper.add(word.lower())
    return common, proper - common


def codespell_table(known: set[str]) -> dict[str, str]:
    main = _package_file("codespell_lib", "data", "dictionary.txt")
    uk_us = _package_file("codespell_lib", "data", "dictionary_en-GB_to_en-US.txt")
    variants: set[frozenset[str]] = set()
    for line in uk_us.read_text(encoding="utf-8").splitlines():
        a, _, b = line.partition("->")
        for target in b.split(","):
            if target.strip():
                variants.add(frozenset((a.strip(), target.strip())))
    table: dict[str, str] = {}
    for line in main.read_text(encoding="utf-8").splitlines():
        wrong, _, right = line.partition("->")
        targets = [t.strip() for t in right.split(",") if t.strip()]
        if len(targets) != 1:
            continue  # ambiguous entries need a human; codespell asks one too
        target = targets[0]
        if not ALPHA.fullmatch(wrong) or wrong in known:
            continue  # a real word in some variety of English: never "fix" it
        if frozenset((wrong, target)) in variants:
            continue  # UK <-> US: both are correct
        if not all(part in known or part in {"a"} for part in re.split(r"[ '-]", target) if part):
            continue
        table[wrong] = target
    return table


SYMSPELL_UNIGRAMS = "frequency_dictionary_en_82_765.txt"
SYMSPELL_BIGRAMS = "frequency_bigramdictionary_en_243_342.txt"


def symspell_counts(name: str, fields: int) -> Iterator[list[str]]:
    """Rows of a symspellpy count file (the words, then the count); other lines skipped."""
    path = _package_file("symspellpy", name)
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == fields:
            yield parts


def context_table() -> int:
    """Write context.tsv.gz from symspellpy's Google Books counts and words.tsv.gz.

    Keeps unigrams and bigrams of words the lexicon offers as corrections (class c or w);
    values are round(log10(count) * 20), so small ints.
    """
    import math

    words: set[str] = set()
    with gzip.open(HERE / "words.tsv.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            word, _, cls = line.rstrip("\n").split("\t")
            if cls in ("c", "w"):
                words.add(word)
    out: list[str] = []
    for word, count in symspell_counts(SYMSPELL_UNIGRAMS, 2):
        if word in words:
            out.append(f"{word}\t{round(math.log10(int(count)) * 20)}")
    for left, right, count in symspell_counts(SYMSPELL_BIGRAMS, 3):
        if left in words and right in words:
            out.append(f"{left} {right}\t{round(math.log10(int(count)) * 20)}")
    # mtime=0: the same input gives the same bytes, so a rebuild shows no spurious diff
    with gzip.GzipFile(HERE / "context.tsv.gz", "wb", compresslevel=9, mtime=0) as fh:
        fh.write(("\n".join(out) + "\n").encode("utf-8"))
    return len(out)


def main() -> None:
    if "--context-only" in sys.argv:  # needs only symspellpy and words.tsv.gz
        print(f"context entries: {context_table()}")
        return
    from wordfreq import get_frequency_dict, zipf_frequency

    common, proper = scowl_words()
    freq = get_frequency_dict("en", "large")
    zipf = {w: zipf_frequency(w, "en") for w in freq if ALPHA.fullmatch(w)}
    web = {w for w, z in zipf.items() if z >= WEB_ZIPF_MIN}
    rare = {w for w, z in zipf.items() if RARE_ZIPF_MIN <= z < WEB_ZIPF_MIN}
    known_scowl = common | proper
    table_all = codespell_table(known_scowl)
    web -= set(table_all)  # frequent misspellings ("alot", "teh") are not words
    table = {w: r for w, r in table_all.items() if w not in web}
    rare -= known_scowl | set(table_all)

    rows: list[str] = []
    for word in sorted(common | proper | web | rare):
        cls = "c" if word in common else "p" if word in proper else "w" if word in web else "r"
        rows.append(f"{word}\t{round(zipf_frequency(word, 'en') * 100)}\t{cls}")
    with gzip.open(
        HERE / "words.tsv.gz", "wt", encoding="utf-8", compresslevel=9, newline="\n"
    ) as fh:
        fh.write("\n".join(rows) + "\n")

    (HERE / "corrections.tsv").write_text(
        "".join(f"{w}\t{r}\n" for w, r in sorted(table.items())), encoding="utf-8"
    )

    out: list[str] = []
    vocab = {w for pair in CONFUSIONS for w in pair}
    for word, count in symspell_counts(SYMSPELL_UNIGRAMS, 2):
        if word in vocab:  # unigram counts on the same scale
            out.append(f"{word}\t\t{count}")
    for left, right, count in symspell_counts(SYMSPELL_BIGRAMS, 3):
        if left in vocab or right in vocab:
            out.append(f"{left}\t{right}\t{count}")
    with gzip.open(
        HERE / "bigrams.tsv.gz", "wt", encoding="utf-8", compresslevel=9, newline="\n"
    ) as fh:
        fh.write("\n".join(out) + "\n")
    print(f"words: {len(rows)}, corrections: {len(table)}, bigrams: {len(out)}")
    print(f"context entries: {context_table()}")


if __name__ == "__main__":
    main()
