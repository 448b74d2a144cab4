"""The parts of a Markdown text that cleaning must leave exactly as they are.

``cleanse fix`` on a ``.md`` file applies only the edits outside these spans:

- front matter: a ``---`` (YAML) or ``+++`` (TOML) block at the very start;
- fenced code blocks (``` or ~~~, to the closing fence, else to the end of the
  text) and indented code blocks (four columns, after a blank line or a heading),
  also inside block quotes;
- inline code spans: a run of backticks to the next run of the same length in
  the same paragraph;
- the two or more trailing spaces of a hard line break.

A line scanner, not a full CommonMark parser: where it is unsure it protects
more (a list item's paragraph indented four columns after a blank line counts
as code), which only means that less is cleaned there.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import Literal, NamedTuple

Kind = Literal["front-matter", "code-block", "code-span", "hard-break"]


class Span(NamedTuple):
    start: int
    end: int
    kind: Kind


_FRONT_MATTER = re.compile(
    r"\A(?:---[ \t]*\n(?:.*?\n)??(?:---|\.\.\.)|\+\+\+[ \t]*\n(?:.*?\n)??\+\+\+)[ \t]*$",
    re.DOTALL | re.MULTILINE,
)
_QUOTE_MARKERS = re.compile(r"(?:[ ]{0,3}>[ ]?)*")
# A backtick fence's info string holds no backtick (else the line is inline code).
_FENCE = re.compile(r"[ \t]*(?:(`{3,})(?=[^`]*\Z)|(~{3,}))")
_HEADING = re.compile(r"[ ]{0,3}#{1,6}(?:[ \t]|\Z)")
_HARD_BREAK = re.compile(r"(?<=\S) {2,}\Z")
_TICKS = re.compile(r"`+")


def protected_spans(text: str) -> list[Span]:
    """The spans of ``text`` (lines split on "\\n") to keep as they are, sorted by start."""
    spans: list[Span] = []
    first = 0
    front = _FRONT_MATTER.match(text)
    if front is not None:
        spans.append(Span(0, front.end(), "front-matter"))
        first = front.end() + 1
    lines = _lines(text, first)
    paragraph: list[tuple[int, int]] = []
    code_may_start = True  # an indented line here starts a code block
    i = 0
    while i < len(lines):
        start, end = lines[i]
        line = _inner(text[start:end])
        if not line.strip():
            spans.extend(_inline_spans(text, paragraph))
            paragraph = []
            code_may_start = True
            i += 1
            continue
        if code_may_start and _indent(line) >= 4:
            last = _indented_block_end(text, lines, i)
            spans.append(Span(start, lines[last][1], "code-block"))
            i = last + 1
            code_may_start = False
            continue
        fence = _FENCE.match(line)
        if fence is not None:
            spans.extend(_inline_spans(text, paragraph))
            paragraph = []
            last = _fence_end(text, lines, i, fence.group(1) or fence.group(2))
            spans.append(Span(start, lines[last][1], "code-block"))
            i = last + 1
            code_may_start = True
            continue
        if _HEADING.match(line):
            spans.extend(_inline_spans(text, paragraph))
            spans.extend(_inline_spans(text, [(start, end)]))
            paragraph = []
            code_may_start = True
        else:
            paragraph.append((start, end))
            code_may_start = False
        i += 1
    spans.extend(_inline_spans(text, paragraph))
    spans.sort()
    return spans


def _lines(text: str, pos: int) -> list[tuple[int, int]]:
    """(start, end) of each line from ``pos``, without its "\\n"."""
    lines: list[tuple[int, int]] = []
    while pos <= len(text):
        newline = text.find("\n", pos)
        end = len(text) if newline < 0 else newline
        lines.append((pos, end))
        pos = end + 1
    return lines


def _inner(line: str) -> str:
    """The line inside its block-quote markers."""
    markers = _QUOTE_MARKERS.match(line)
    return line[markers.end() :] if markers else line


def _indent(line: str) -> int:
    """Columns of leading whitespace, a tab reaching the next multiple of four."""
    column = 0
    for char in line:
        if char == " ":
            column += 1
        elif char == "\t":
            column += 4 - column % 4
        else:
            break
    return column


def _indented_block_end(text: str, lines: list[tuple[int, int]], i: int) -> int:
    """The last line of the indented code block starting at line ``i``."""
    last = i
    for j in range(i + 1, len(lines)):
        line = _inner(text[lines[j][0] : lines[j][1]])
        if line.strip():
            if _indent(line) < 4:
                break
            last = j
    return last


def _fence_end(text: str, lines: list[tuple[int, int]], i: int, fence: str) -> int:
    """The closing fence's line, or the last non-blank line when the fence is never closed."""
    last = i
    for j in range(i + 1, len(lines)):
        line = _inner(text[lines[j][0] : lines[j][1]]).strip(" \t")
        if len(line) >= len(fence) and line == fence[0] * len(line):
            return j
        if line:
            last = j
    return last


def _inline_spans(text: str, paragraph: list[tuple[int, int]]) -> Iterator[Span]:
    """Inline code spans and hard-break spaces of one paragraph (its lines, in order)."""
    if not paragraph:
        return
    for start, end in paragraph[:-1]:
        found = _HARD_BREAK.search(text, start, end)
        if found is not None:
            yield Span(found.start(), found.end(), "hard-break")
    yield from _code_spans(text, paragraph[0][0], paragraph[-1][1])


def _code_spans(text: str, start: int, end: int) -> Iterator[Span]:
    """CommonMark code spans: an opening run of n backticks (its first one not escaped by a
    backslash) up to the next run of exactly n; a run with no partner is literal."""
    runs = [m.span() for m in _TICKS.finditer(text, start, end)]
    by_length: dict[int, list[int]] = {}
    for k, (s, e) in enumerate(runs):
        by_length.setdefault(e - s, []).append(k)
    k = 0
    while k < len(runs):
        s, e = runs[k]
        if _escaped(text, s, start):
            s += 1
        partners = by_length.get(e - s, [])
        at = bisect_right(partners, k)
        if s < e and at < len(partners):
            close = partners[at]
            yield Span(s, runs[close][1], "code-span")
            k = close + 1
        else:
            k += 1


def _escaped(text: str, pos: int, start: int) -> bool:
    """Whether an odd number of backslashes stands right before ``pos``."""
    count = 0
    while pos - count > start and text[pos - count - 1] == "\\":
        count += 1
    return count % 2 == 1
