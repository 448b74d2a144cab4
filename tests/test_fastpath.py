"""The repair step's fast path gives exactly ftfy's result.

Lines without a trigger character (and already NFC) are never handed to ftfy;
these tests show ftfy leaves such lines unchanged, on ftfy's own kinds of
mojibake (UTF-8 read as a single-byte encoding) and on random Unicode.
"""

from __future__ import annotations

import random
import re
import unicodedata

import ftfy
import pytest
from ftfy import chardata
from ftfy.badness import BADNESS_RE
from hypothesis import given
from hypothesis import strategies as st

from cleanse.document import Document
from cleanse.steps import StepContext
from cleanse.steps.repair import Repair, RepairOptions, pattern_triggers, trigger_chars

CTX = StepContext(kind="text")
REPAIR = Repair(RepairOptions())
CONFIG = REPAIR._config
TRIGGERS = trigger_chars(CONFIG)
# The encodings ftfy itself undoes, plus a few it meets in the wild.
WRONG_ENCODINGS = (*chardata.CHARMAP_ENCODINGS, "cp850", "koi8-r", "iso-8859-15")


def repaired(text: str) -> str:
    doc = Document(text)
    doc.apply("repair", REPAIR(text, CTX).edits)
    return doc.text


def ftfy_line(line: str, *, newline: bool) -> str:
    """ftfy's fix of one line, fixed as fix_text does: with its "\n" when it has one.

    ftfy can swallow that "\n" (seen: mojibake ending in an incomplete UTF-8
    sequence); then the line is fixed alone, so no line break is ever lost. A vertical
    tab is a line break to the step (ftfy deletes it and glues the words around it).
    """
    line = line.replace("\v", "\n")
    if newline:
        fixed = ftfy.fix_text(line + "\n", CONFIG)
        if fixed.endswith("\n"):
            return _no_c1(fixed[:-1])
    return _no_c1(ftfy.fix_text(line, CONFIG))


def _no_c1(text: str) -> str:
    """The step's second difference: a C1 control ftfy leaves is dropped."""
    return re.sub("[\x80-\x9f]", "", text)


def ftfy_lines(text: str) -> str:
    """ftfy line by line: what the step promises."""
    lines = text.split("\n")
    return "\n".join(ftfy_line(line, newline=i < len(lines) - 1) for i, line in enumerate(lines))


def mojibake(text: str, encoding: str) -> str:
    return text.encode("utf-8", "surrogatepass").decode(encoding, errors="replace")


def test_every_badness_alternative_needs_a_trigger() -> None:
    # The derived set is small and hits every alternative of ftfy's badness regex.
    triggers = pattern_triggers(BADNESS_RE)
    assert 100 < len(triggers) < 5000
    assert all(cp >= 0x80 for cp in triggers)
    assert not any(chr(cp) in "éè’—–" for cp in triggers)  # ordinary text stays on the fast path


@pytest.mark.parametrize(
    "text",
    [
        "The Mona Lisa doesnÃ¢â‚¬â„¢t have eyebrows.",
        "cafÃ© â€œquotedâ€\x9d",
        "Ã\xa0 la carte",
        "ï¬\x81nancial ﬁnance",
        "Hello &amp; goodbye &eacute;",
        "\x1b[36mcolored\x1b[0m text\x00",
        "e\u0301te\u0301",
        "â€”",
        "ÐŸÑ€Ð¸Ð²ÐµÑ‚",
        "вЂ™ quoted",
        "\ufeffbom here",
        "√©t√©",
        "Hello world. Plain ASCII line.",
        "Already clean: café, naïve, “quoted”, em—dash, 日本語",
    ],
)
def test_known_cases_match_ftfy(text: str) -> None:
    assert repaired(text) == _no_c1(ftfy.fix_text(text, CONFIG))


@given(st.text(max_size=80), st.sampled_from(WRONG_ENCODINGS))
def test_mojibake_of_random_text_matches_ftfy(text: str, encoding: str) -> None:
    broken = mojibake(text, encoding)
    assert repaired(broken) == ftfy_lines(broken)


@given(
    st.lists(st.text(st.characters(codec="utf-8"), max_size=20), max_size=6),
    st.lists(st.sampled_from(WRONG_ENCODINGS), min_size=6, max_size=6),
)
def test_mixed_clean_and_broken_lines_match_ftfy(parts: list[str], encodings: list[str]) -> None:
    lines = [
        mojibake(p, e) if i % 2 else p
        for i, (p, e) in enumerate(zip(parts, encodings[: len(parts)], strict=True))
    ]
    text = "\n".join(lines)
    assert repaired(text) == ftfy_lines(text)
    whole = _no_c1(ftfy.fix_text(text.replace("\v", "\n"), CONFIG))
    # Same as ftfy on the whole text, unless a '<' turned off ftfy's entity decoding
    # for all later lines (ours is per line) or ftfy swallowed a line break.
    if "<" not in text and whole.count("\n") == text.count("\n"):
        assert repaired(text) == whole


@given(st.text())
def test_skipped_lines_are_unchanged_by_ftfy(text: str) -> None:
    for line in text.split("\n"):
        if not REPAIR.needs_ftfy(line):
            assert ftfy.fix_text(line, CONFIG) == line
            assert ftfy.fix_text(line + "\n", CONFIG) == line + "\n"


def test_a_line_break_ftfy_would_swallow_is_kept() -> None:
    text = "\n" + mojibake("\U000bbe000À", "iso-8859-15") + "\n"
    assert ftfy.fix_text(text, CONFIG).count("\n") < 2  # ftfy loses one
    assert repaired(text).count("\n") == 2


NON_TRIGGER = st.characters(exclude_characters="".join(chr(c) for c in TRIGGERS if c < 0x110000))


@given(st.text(NON_TRIGGER, min_size=1))
def test_text_without_triggers_is_unchanged_when_nfc(text: str) -> None:
    assert REPAIR._trigger.search(text) is None
    if unicodedata.is_normalized("NFC", text):
        assert ftfy.fix_text(text, CONFIG) == text
        assert REPAIR(text, CTX).edits == []


def _wide_sample(step: int) -> list[str]:
    """Assigned, non-surrogate code points across all of Unicode."""
    return [
        chr(cp)
        for cp in range(0x20, 0x110000, step)
        if unicodedata.category(chr(cp)) not in {"Cn", "Cs", "Co"}
    ]


def test_wide_unicode_sample_mojibake_matches_ftfy() -> None:
    chars = _wide_sample(7)
    rng = random.Random(7)
    for encoding in WRONG_ENCODINGS:
        for _ in range(300):
            words = ["".join(rng.choices(chars, k=rng.randint(1, 4))) for _ in range(4)]
            clean = " ".join(w if rng.random() < 0.5 else w.lower() for w in words)
            broken = mojibake(clean, encoding)
            text = f"{clean}\n{broken}\nplain {broken[:3]} line"
            assert repaired(text) == ftfy_lines(text), (encoding, text)


def test_single_characters_without_triggers_are_unchanged() -> None:
    # Every non-trigger character of the sample, alone and in pairs with its neighbours.
    chars = [c for c in _wide_sample(3) if ord(c) not in TRIGGERS]
    line = "".join(chars)
    for i in range(0, len(line), 64):
        chunk = line[i : i + 64]
        if unicodedata.is_normalized("NFC", chunk):
            assert not REPAIR.needs_ftfy(chunk)
            assert ftfy.fix_text(chunk, CONFIG) == chunk


def test_edits_are_line_level() -> None:
    text = "clean line\ncafÃ© here\nanother clean line\nâ€œquoteâ€\x9d"
    edits = REPAIR(text, CTX).edits
    assert [(text[e.start : e.end], e.replacement) for e in edits] == [
        ("cafÃ© here", "café here"),
        ("â€œquoteâ€\x9d", "“quote”"),
    ]
    assert all(e.rule == "repair.ftfy" for e in edits)


def test_options_widen_the_trigger_set() -> None:
    wide = Repair(RepairOptions(fix_character_width=True, uncurl_quotes=True))
    assert wide.needs_ftfy("ＬＯＵＤ")
    assert wide.needs_ftfy("it’s")
    assert not REPAIR.needs_ftfy("ＬＯＵＤ")
    assert repaired("ＬＯＵＤ") == "ＬＯＵＤ"
