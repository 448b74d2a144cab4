"""whitespace: line endings, stray spaces, one blank line between paragraphs. In/out tables."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanse import Config
from cleanse.document import Document
from cleanse.models import replay
from cleanse.steps import StepContext
from cleanse.steps.whitespace import _PATTERN, Whitespace, WhitespaceOptions, build, may_change

CTX = StepContext(kind="text")
WS = build(Config())


def run(text: str, *, step: Whitespace = WS, ctx: StepContext = CTX) -> tuple[str, list[str]]:
    doc = Document(text)
    doc.apply("whitespace", step(text, ctx).edits)
    assert replay(text, doc.edits()) == doc.text
    return doc.text, sorted({e.rule for e in doc.edits()})


FIXED = [
    # line endings
    ("CRLF", "a\r\nb", "a\nb", "line-ending"),
    ("CRLF paragraph break", "a\r\n\r\nb", "a\n\nb", "line-ending"),
    ("CR", "a\rb", "a\nb", "line-ending"),
    ("NEL", "a\x85b", "a\nb", "line-ending"),
    ("line separator", "a\u2028b", "a\nb", "line-ending"),
    ("paragraph separator", "a\u2029b", "a\nb", "line-ending"),
    # trailing spaces
    ("trailing spaces", "a  \nb", "a\nb", "trailing"),
    ("trailing tab", "a\t\nb", "a\nb", "trailing"),
    ("trailing nbsp", "a\xa0\nb", "a\nb", "trailing"),
    ("trailing ideographic space", "a\u3000\nb", "a\nb", "trailing"),
    ("blank line with a tab", "a\n\t\nb", "a\n\nb", "trailing"),
    # blank-line runs
    ("three newlines", "a\n\n\nb", "a\n\nb", "blank-lines"),
    ("many newlines", "a\n\n\n\n\n\nb", "a\n\nb", "blank-lines"),
    ("blank lines with spaces", "a\n  \n \t \nb", "a\n\nb", "blank-lines"),
    ("CRLF blank-line run", "a\r\n\r\n\r\nb", "a\n\nb", "blank-lines"),
    # space before punctuation
    ("space before comma", "word , next", "word, next", "space-before-punct"),
    ("space before semicolon", "one ; two", "one; two", "space-before-punct"),
    ("space before colon", "Note : this", "Note: this", "space-before-punct"),
    ("space before !", "Stop !", "Stop!", "space-before-punct"),
    ("space before ?", "Why ?", "Why?", "space-before-punct"),
    ("space before full stop", "The end .", "The end.", "space-before-punct"),
    ("after a closing quote", "“Yes” , she said", "“Yes”, she said", "space-before-punct"),
    ("after a bracket", "(see above) .", "(see above).", "space-before-punct"),
    ("before a closing quote", "He said “no !”", "He said “no!”", "space-before-punct"),
    ("several spaces", "word   , next", "word, next", "space-before-punct"),
    # repeated spaces
    ("double space", "a  b", "a b", "repeated-spaces"),
    ("many spaces", "a      b", "a b", "repeated-spaces"),
    ("two runs", "one  two   three", "one two three", "repeated-spaces"),
    # edges of the whole text
    ("leading newlines", "\n\na", "a", "edges"),
    ("leading spaces", "  a", "a", "edges"),
    ("trailing newline", "a\n", "a", "edges"),
    ("whitespace only", " \n\t\n ", "", "edges"),
]


@pytest.mark.parametrize(("label", "text", "expected", "rule"), FIXED, ids=[c[0] for c in FIXED])
def test_fixes(label: str, text: str, expected: str, rule: str) -> None:
    assert run(text) == (expected, [f"whitespace.{rule}"])


UNCHANGED = [
    ("single line break inside a paragraph", "Roses are red,\nviolets are blue."),
    ("one blank line between paragraphs", "One.\n\nTwo."),
    ("indentation of a later line", "Code:\n\n    x = 1\n        y = 2"),
    ("tab indentation", "a\n\n\tindented paragraph"),
    ("ideographic indentation", "前文。\n\n\u3000\u3000本文です。"),
    ("indentation after a single break", "a\n b"),
    ("tabs inside a line", "col1\t\tcol2"),
    ("double nbsp", "a\xa0\xa0b"),
    ("ellipsis after a space", "And then ... nothing."),
    ("decimal number", "Pi is 3.14 and 0.5 too."),
    ("time", "At 10:30 sharp."),
    ("URL", "See https://example.org/a?b=1&c=2."),
    ("punctuation not followed by a boundary", "word ,next and x .y"),
    ("space before an opening bracket", "word (aside) word"),
    ("space inside brackets", "(a ) b"),
    ("emoticons", "Nice :) and ;) too."),
    ("a list", "- one\n- two\n- three"),
    ("empty", ""),
    ("a lone word", "word"),
    ("a spaced ellipsis", "It shall apply . . . to all."),
    ("a ratio", "A ratio of 3 : 1 and a score of 2 : 0."),
    ("French spacing, language unknown", "Pourquoi ? Parce que ! Voilà : fini"),
]


@pytest.mark.parametrize(("label", "text"), UNCHANGED, ids=[c[0] for c in UNCHANGED])
def test_leaves_well_formed_text_alone(label: str, text: str) -> None:
    assert WS(text, CTX).edits == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bonjour ! Ça va ? Oui ; bien : merci", "Bonjour ! Ça va ? Oui ; bien : merci"),
        ("Voilà , fini .", "Voilà, fini."),  # comma and full stop take no space in French either
    ],
)
def test_french_spacing_before_high_punctuation_is_kept(text: str, expected: str) -> None:
    assert run(text, ctx=StepContext(kind="html", language="fr"))[0] == expected


def test_a_number_before_a_colon_is_no_ratio_unless_one_follows() -> None:
    assert run("Trophies 2021 : two startups won.")[0] == "Trophies 2021: two startups won."


def test_spacing_by_rule_needs_every_mark_spaced() -> None:
    # one unspaced mark: the spaced ones are slips, whatever the language
    assert run("Really ? Yes ! Sure?")[0] == "Really? Yes! Sure?"


@pytest.mark.parametrize(
    ("options", "text"),
    [
        (WhitespaceOptions(space_before_punct=False), "word , next"),
        (WhitespaceOptions(repeated_spaces=False), "a  b"),
    ],
    ids=["no-space-before-punct", "no-repeated-spaces"],
)
def test_rules_can_be_switched_off(options: WhitespaceOptions, text: str) -> None:
    assert Whitespace(options)(text, CTX).edits == []


def test_several_rules_in_one_text() -> None:
    text = "  Title line  \r\n\r\n\r\nFirst  para , here.\t\nStill first.\n\n\n\nSecond .\n"
    assert run(text) == (
        "Title line\n\nFirst para, here.\nStill first.\n\nSecond.",
        [
            "whitespace.blank-lines",
            "whitespace.edges",
            "whitespace.repeated-spaces",
            "whitespace.space-before-punct",
            "whitespace.trailing",
        ],
    )


# -- paragraphs are never joined or split -------------------------------------------------

LINE_CHARS = st.sampled_from(list("ab .,;:!?()\"'“”\t\xa0"))
BREAKS = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\n  \n", "\n\n\n\n", " \n\t\n"])


@st.composite
def paragraphs_text(draw: st.DrawFn) -> str:
    lines = draw(st.lists(st.text(LINE_CHARS, max_size=12), min_size=1, max_size=8))
    parts = [lines[0]]
    for line in lines[1:]:
        parts.append(draw(BREAKS))
        parts.append(line)
    return "".join(parts)


def _paragraph_count(text: str) -> int:
    lines = re.split(r"\r\n?|[\n\x85\u2028\u2029]", text)
    count, in_para = 0, False
    for line in lines:
        blank = not line.strip()
        if not blank and not in_para:
            count += 1
        in_para = not blank
    return count


@given(paragraphs_text())
def test_never_joins_or_splits_paragraphs(text: str) -> None:
    out, _ = run(text)
    assert _paragraph_count(out) == _paragraph_count(text)
    assert "\n\n\n" not in out
    assert "\r" not in out
    assert out == out.strip()


@given(paragraphs_text())
def test_whitespace_is_idempotent(text: str) -> None:
    out, _ = run(text)
    assert WS(out, CTX).edits == []


@given(paragraphs_text())
def test_only_whitespace_is_removed(text: str) -> None:
    out, _ = run(text)
    assert re.sub(r"\s", "", out) == re.sub(r"\s", "", text)


WS_ALPHABET = st.sampled_from(list("ab .,;:!?()\"'’\n\r\t\xa0\x85\u2028\u2029\u3000\u2003\x0b\x0c"))


@given(st.text(WS_ALPHABET, max_size=40))
def test_prefilter_never_skips_a_text_that_needs_an_edit(text: str) -> None:
    """The cheap skip test is a superset: when it says "no change", the full pass agrees."""
    full = _PATTERN.finditer(text)
    if not may_change(text):
        assert run(text)[0] == text
        assert all(m.lastgroup == "breaks" and m.group() in {"\n", "\n\n"} for m in full)


@pytest.mark.parametrize("text", ["Plain prose.\nSecond line.\n\nNew paragraph.", "x", ""])
def test_clean_text_is_skipped_by_the_prefilter(text: str) -> None:
    assert not may_change(text)
    assert run(text) == (text, [])
