"""The one quotation finder (cleanse.quotes) and the steps that must not edit inside it."""

from __future__ import annotations

import itertools
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanse import clean
from cleanse.quotes import MAX_QUOTE, quotation_spans


def _quoted(text: str) -> list[str]:
    return [text[s:e] for s, e in quotation_spans(text)]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('said "Qassem Soleimani" twice', ['"Qassem Soleimani"']),
        ("a “quote” and «another»", ["“quote”", "«another»"]),
        (
            "„German“ style, »Danish« style, « French » style",
            ["„German“", "»Danish«", "« French »"],
        ),
        ("‘Suleimani was our brother,’ the cleric said.", ["‘Suleimani was our brother,’"]),
        ("'Suleimani was our brother,' the cleric said.", ["'Suleimani was our brother,'"]),
        # apostrophes inside: between letters, opening a word, around one letter
        ("'We don't know,' he said.", ["'We don't know,'"]),
        ("‘It’s five o’clock,’ she said.", ["‘It’s five o’clock,’"]),
        ("‘Rock ’n’ roll died in the ’90s,’ he said.", ["‘Rock ’n’ roll died in the ’90s,’"]),
        ("'Rock 'n' roll died in the '90s,' he said.", ["'Rock 'n' roll died in the '90s,'"]),
        # a dropped g: the mark after a word closes only if no later mark does
        ("‘There’s nothin’ left,’ he said.", ["‘There’s nothin’ left,’"]),
        ("the ‘peace plan’ was rejected, he said.", ["‘peace plan’"]),
        ("the ‘peace plan’ and the ‘war’ plan", ["‘peace plan’", "‘war’"]),
        # apostrophes and marks that quote nothing
        ("the boys' toys and the girls’ games in the ’80s", []),
        ('a 5" screen and a 6\' 2" player', []),
        # quotations inside quotations, and straight marks closing curly ones
        ('“He said "no" to me,” she said.', ['“He said "no" to me,”']),
        ("“He said ‘no’ to me,” she said.", ["“He said ‘no’ to me,”"]),
        ('“Yes," he said.', ['“Yes,"']),
        # an open quotation runs to the end of its paragraph; a straight ' inside a line
        # (more often an apostrophe: 'cause, 'em) only when it is closed
        ('an "unclosed\nline" here', ['"unclosed']),
        ("“We will fight.\n\n“We will win,” he said.", ["“We will fight.", "“We will win,”"]),
        ("'We will fight.\n\n'We will win,' he said.", ["'We will fight.", "'We will win,'"]),
        ("they said 'cause it was late", []),
    ],
)
def test_quotation_spans(text: str, quoted: list[str]) -> None:
    assert _quoted(text) == quoted


def test_a_quotation_left_open_is_bounded() -> None:
    text = "“" + "word " * MAX_QUOTE + "end"
    ((start, end),) = quotation_spans(text)
    assert (start, end) == (0, MAX_QUOTE)


_QUOTE_TEXT = st.lists(
    st.sampled_from([*"ab Z1.,!?-( \t\n", *"\"'“”„«»‹›‚‘’", "n’", "’90s", "don't"]),
    max_size=80,
).map("".join)


@given(_QUOTE_TEXT)
@settings(max_examples=500, deadline=None)
def test_spans_are_disjoint_sorted_and_found_line_by_line(text: str) -> None:
    spans = quotation_spans(text)
    for (s1, e1), (s2, e2) in itertools.pairwise(spans):
        assert s1 < e1 <= s2 < e2
    assert all("\n" not in text[s:e] for s, e in spans)
    by_line: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        by_line += [(s + offset, e + offset) for s, e in quotation_spans(line)]
        offset += len(line) + 1
    assert spans == by_line  # the typos step finds them one line at a time


@pytest.mark.parametrize("unit", ["“", "‘", "'a ", "a' ", '"', "’n’ ", "« ", "‚a", "“‘\"'a"])
def test_one_pass_on_long_runs_of_marks(unit: str) -> None:
    text = unit * (200_000 // len(unit))
    start = time.process_time()
    quotation_spans(text)
    assert time.process_time() - start < 2.0


# -- the steps -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "'We don't know if their going to win,' the coach said after training.",
        "‘We don’t know if their going to win,’ the coach said after training.",
        "‘It’s a compleet disaster for the club,’ the chairman told reporters.",
        "“The council has failed us,” she said. “Nobody listened.\n\n"
        "“Now their going to close the school and the library.”",
    ],
)
def test_typos_inside_single_quotes_are_flagged_not_fixed(text: str) -> None:
    article = clean(text, kind="text")
    assert article.text == text
    assert [e for e in article.edits if e.step == "typos"] == []
    assert any(f.rule.startswith("typos.") for f in article.flags)


def test_typos_outside_quotations_are_still_fixed() -> None:
    text = "‘We don’t know,’ the coach said. Their is a compleet lack of effort."
    article = clean(text, kind="text")
    assert "complete lack" in article.text
