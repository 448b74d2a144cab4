"""Capitalisation slips: a common word capitalised mid-sentence ("after Influential Iraqi
Shia cleric" -> "influential").

A run of capitalised words mid-sentence is usually a name or a title ("Popular
Mobilization Units", "Queen Kira", "Brother Diaz", "Best Budget Mirrorless"). The first
word of a run is fixed only when it reads as an adjective by its ending (-ial, -ous,
-ive, ...), it is the run's only common word (the rest are names or demonyms), the run
follows a lower-case word, and a lower-case word follows the run. The word after the
adjective must be a demonym ("Iraqi"): the run then modifies the lower-case noun after
it; any other capitalised word makes the run a name ("striker Innocent Bonke", "awarded
by Creative Scotland"), left alone. A lone capitalised adjective mid-sentence may be part
of a title: it is flagged, not fixed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cleanse.typos.lexicon import Lexicon
from cleanse.typos.realword import Fix

# A maximal run of capitalised words (joined by name particles) after a lower-case word or
# comma. Possessive: each run is read once; where it may end is decided in Python.
_RUN = re.compile(r"(?<=[a-z,] )[A-Z][a-z]++(?: (?:[A-Z][a-z]++|(?:of|al|el|de|the)(?![a-z])))*+")
_PARTICLES = frozenset(("of", "al", "el", "de", "the"))
_LOWER_NEXT = re.compile(r" [a-z]")
MIN_ZIPF = 3.5
_ADJECTIVE = re.compile(r"(?:ial|ous|ive|ful|less|able|ible|ical|ent|ant)$")
_PREV_WORD = re.compile(r"(?:^|\s)([a-z]+),? $")
# How demonyms end: "Chinese", "British", "French", "Swiss", "Arabic" need no more; "Iraqi",
# "American" must also have a plural ("Iraqis"; "Mumbai", "Sudan" have none).
_DEMONYM = re.compile(r"(?:ese|ish|ch|ss|ic)$")
_DEMONYM_NOUN = re.compile(r"(?:i|an)$")


def capitalisation_slips(text: str, lexicon: Lexicon, *, fix: bool) -> Iterator[Fix]:
    common = lexicon.common
    zipf = lexicon.zipf
    for m in _RUN.finditer(text):
        words = _run_words(text, m)
        if not words:
            continue
        caps = [w for w in words if w[0].isupper()]

        def is_common(word: str) -> bool:
            low = word.lower()
            return low in common and zipf.get(low, 0.0) >= MIN_ZIPF and low not in lexicon.proper

        first = words[0]
        if len(first) < 6 or not _ADJECTIVE.search(first) or not is_common(first):
            continue
        if any(is_common(w) for w in caps[1:]):
            continue
        if len(caps) > 1 and not _demonym(caps[1].lower(), lexicon):
            continue  # a multi-word name: "Innocent Bonke", "Creative Scotland"
        if _PREV_WORD.search(text, max(0, m.start() - 30), m.start()) is None:
            continue  # after a capitalised word the run may be a title
        start, end = m.start(), m.start() + len(first)
        alone = len(caps) == 1
        yield Fix(start, end, first.lower(), "typos.capitalisation", flag_only=alone or not fix)


def _demonym(low: str, lexicon: Lexicon) -> bool:
    """Whether a capitalised word reads as a demonym: a known word ending like one."""
    if low not in lexicon.zipf:
        return False  # an unknown capitalised word is a name ("Bonke")
    return _DEMONYM.search(low) is not None or (
        _DEMONYM_NOUN.search(low) is not None and low + "s" in lexicon.zipf
    )


def _run_words(text: str, m: re.Match[str]) -> list[str]:
    """The words of the longest prefix of the run that a lower-case word follows."""
    words = m.group().split(" ")
    if _LOWER_NEXT.match(text, m.end()):
        return words
    for i in range(len(words) - 1, 0, -1):
        if words[i] in _PARTICLES:  # the prefix before it is followed by " of", " the", ...
            return words[:i]
    return []
