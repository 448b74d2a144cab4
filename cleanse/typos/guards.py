"""Where the typos step must not edit: quotations, and tokens that are not prose words.

``Guards.of`` finds quotations (``cleanse.quotes``: straight, curly and angle quotes,
single and double; and block quotes) and non-prose runs (URLs, e-mail addresses,
@handles, #hashtags, code). A fix inside a quotation becomes a flag; a fix inside any
other protected span is dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from cleanse.quotes import merged, quotation_spans

# Quotations are found by ``cleanse.quotes`` (shared with the names step); a block quote
# line (e-mail, Markdown) counts as one too. No span crosses a line break, so the step
# computes them one line at a time.
_BLOCK_QUOTE = re.compile(r"^[ \t]*+>[^\n]*+", re.MULTILINE)
# Alternatives that begin with a repeated class start only where a run of that class begins
# (a lookbehind), and their inner runs are possessive: one pass over the text, never a
# rescan of a long word from each of its characters.
_NON_PROSE = re.compile(
    r"""
      \b(?:https?|ftp)://\S++ | \bwww\.\S++             # URLs
    | (?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)++      # e-mail addresses
    | (?<![\w@])@\w++ | (?<![\w#])\#\w++                # handles, hashtags
    | `[^`\n]*+` | ^(?:\ {4}|\t)[^\n]*+                 # inline code, indented code lines
    | (?<![\w-])(?<![\w-]\.)[\w-]++(?:\.[A-Za-z0-9-]++)++/\S*+  # domain paths (example.com/x)
    | \b\w++\.(?:com|org|net|io|gov|edu|co|uk|de|fr)\b  # bare domains
    | \b\w*[_\d]\w*\b                                   # tokens with digits or underscores
    | (?<![\w-])(?<![\w-][./\\])[\w-]++(?:[./\\][\w-]++){2,}+  # paths, dotted identifiers
    | \b[a-z]+[A-Z]\w*\b                                # camelCase identifiers
    """,
    re.VERBOSE | re.MULTILINE,
)


@dataclass(frozen=True, slots=True)
class Spans:
    """Sorted, possibly overlapping spans with O(log n) membership tests."""

    starts: list[int]
    ends: list[int]

    @classmethod
    def of(cls, pattern: re.Pattern[str], text: str) -> Spans:
        starts: list[int] = []
        ends: list[int] = []
        for m in pattern.finditer(text):
            if m.end() > m.start():
                starts.append(m.start())
                ends.append(m.end())
        return cls(starts, ends)

    def covers(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps any span."""
        i = bisect_right(self.starts, start)
        # spans are produced left to right without overlap by one finditer pass
        if i and self.ends[i - 1] > start:
            return True
        return i < len(self.starts) and self.starts[i] < end


@dataclass(frozen=True, slots=True)
class Guards:
    quotes: Spans
    non_prose: Spans

    @classmethod
    def of(cls, text: str) -> Guards:
        return cls(_quotations(text), Spans.of(_NON_PROSE, text))


def _quotations(text: str) -> Spans:
    """The quotations and block quote lines of ``text``, as disjoint spans."""
    spans = quotation_spans(text)
    blocks = [m.span() for m in _BLOCK_QUOTE.finditer(text) if m.end() > m.start()]
    if blocks:
        spans = merged(spans + blocks)
    return Spans([s for s, _ in spans], [e for _, e in spans])


# What may precede a sentence-initial token, then only whitespace. Each alternative starts
# at a character that is not whitespace (or at a newline followed by no other newline), so
# ``search`` over a long run of whitespace does not rescan the run from every position.
_SENTENCE_END = re.compile(
    r"""(?:(?:^|[.!?:;…]["”’')\]]*+|["“‘(\[]|(?:^|\s)[-–—•*])\s*+|\n[^\S\n]*+)$"""
)


def sentence_initial(text: str, start: int) -> bool:
    """True when the token at ``start`` opens a sentence, line, quotation or bracket."""
    return _SENTENCE_END.search(text, max(0, start - 12), start) is not None
