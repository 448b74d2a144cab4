"""A small offline language detector: writing system first, then frequent-word profiles.

``detect_language(text)`` returns an ISO 639-1 code or ``None`` when the text is too short
or mixed to tell. It looks at a sample of the text (start, middle and end), so its cost
does not grow with the document. Profiles (the most frequent words of 33 languages written
in Latin, Cyrillic or Arabic script) come from ``cleanse/data/language/profiles.json``;
languages with a script of their own are recognised by that script.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from pathlib import Path

SAMPLE_CHARS = 1200  # per sampled window; three windows at most
MIN_HITS = 3  # profile words needed before a Latin/Cyrillic/Arabic-script verdict
MIN_SHARE = 0.12  # share of sampled words that must be the winner's profile words
# A word on its own: not a part of a hyphenated compound or name, where no function word
# stands ("al" of "al-Sisi" is no Catalan or Dutch word; "up-to-date").
_WORD = re.compile(r"(?<![\w'’-])[^\W\d_]+(?:['’][^\W\d_]+)?(?![\w'’-])")
_NON_LETTER = re.compile(r"[\W\d_]+")
_DATA = Path(__file__).resolve().parent / "data" / "language"
_ALIASES = {"sh": "hr", "nb": "no"}

# Scripts that (nearly) identify one language, by Unicode block.
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ja", re.compile(r"[\u3040-\u30ff]")),  # kana first: Japanese also uses Han
    ("ko", re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
    ("bn", re.compile(r"[\u0980-\u09ff]")),
    ("ta", re.compile(r"[\u0b80-\u0bff]")),
    ("ka", re.compile(r"[\u10a0-\u10ff]")),
    ("hy", re.compile(r"[\u0530-\u058f]")),
)
# Any of those scripts: text without one (most text) skips the per-script counts.
_ANY_SCRIPT = re.compile(
    r"[\u3040-\u30ff\uac00-\ud7af\u1100-\u11ff\u4e00-\u9fff\u0370-\u03ff\u0590-\u05ff"
    r"\u0e00-\u0e7f\u0900-\u097f\u0980-\u09ff\u0b80-\u0bff\u10a0-\u10ff\u0530-\u058f]"
)


@cache
def _profiles() -> dict[str, frozenset[str]]:
    raw = (_DATA / "profiles.json").read_text(encoding="utf-8")
    data = json.loads(raw)["profiles"]
    return {lang: frozenset(words) for lang, words in data.items()}


@cache
def _word_langs() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for lang, words in _profiles().items():
        for word in words:
            index.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in index.items()}


def _sample(text: str) -> str:
    if len(text) <= 3 * SAMPLE_CHARS:
        return text
    mid = len(text) // 2
    return " ".join(
        (
            text[:SAMPLE_CHARS],
            text[mid - SAMPLE_CHARS // 2 : mid + SAMPLE_CHARS // 2],
            text[-SAMPLE_CHARS:],
        )
    )


# Invisible format characters (BOM, zero-width space, joiners, word joiner, soft hyphen)
# that the repair step may remove: read as absent, so that removal never changes the
# verdict (a BOM inside a word split it into two "words").
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad"))


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's main language, or None when unsure."""
    sample = _sample(text)
    if not sample.isascii():
        sample = sample.translate(_INVISIBLE)
    letters = len(_NON_LETTER.sub("", sample))
    if letters < 20:
        return None
    if _ANY_SCRIPT.search(sample) is not None:
        for lang, script in _SCRIPTS:
            if len(script.findall(sample)) > letters * 0.3:
                return lang
    index = _word_langs()
    scores: dict[str, int] = {}
    found = _WORD.findall(sample.lower().replace("’", "'"))
    words = len(found)
    for word, count in Counter(found).items():
        for lang in index.get(word, ()):
            scores[lang] = scores.get(lang, 0) + count
    if not scores:
        return None
    best = max(sorted(scores), key=scores.__getitem__)
    if scores[best] < MIN_HITS or scores[best] < words * MIN_SHARE:
        return None
    return _ALIASES.get(best, best)
