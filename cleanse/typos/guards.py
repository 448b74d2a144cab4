"""Where the typos step must not edit: quotations, and tokens that are not prose words.

``protected_spans`` finds quotations (straight, curly and angle quotes, block quotes) and
non-prose runs (URLs, e-mail addresses, @handles, #hashtags, code). A fix inside a
quotation becomes a flag; a fix inside any other protected span is dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# A quotation runs from an opening quote to its closing quote within one line; an
# unclosed quotation runs to the end of its line. No span of either pattern crosses a line
# break, so the step computes them one line at a time.
_QUOTES = re.compile(
    r"""
      "[^"\n]*(?:"|(?=\n\s*\n)|$)                      # straight double quotes
    | “[^”\n]*(?:”|(?=\n\s*\n)|$)                      # curly double quotes
    | „[^“”\n]*(?:[“”]|(?=\n\s*\n)|$)                  # low-9 opening
    | «[^»\n]*(?:»|$) | »[^«\n]*(?:«|$)                # guillemets, either direction
    | (?<![\w'])'(?=\w)[^'\n]*?(?<=[\w.,!?])'(?!\w)      # straight single quotes, not apostrophes
    | (?<!\w)‘(?=\w)[^’\n]*?(?:’(?!\w)|$)              # curly single quotes
    | ^[ \t]*>[^\n]*                                   # e-mail / markdown block quote line
    """,
    re.VERBOSE | re.MULTILINE,
)
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
        return cls(Spans.of(_QUOTES, text), Spans.of(_NON_PROSE, text))


# What may precede a sentence-initial token, then only whitespace. Each alternative starts
# at a character that is not whitespace (or at a newline followed by no other newline), so
# ``search`` over a long run of whitespace does not rescan the run from every position.
_SENTENCE_END = re.compile(
    r"""(?:(?:^|[.!?:;…]["”’')\]]*+|["“‘(\[]|(?:^|\s)[-–—•*])\s*+|\n[^\S\n]*+)$"""
)


def sentence_initial(text: str, start: int) -> bool:
    """True when the token at ``start`` opens a sentence, line, quotation or bracket."""
    return _SENTENCE_END.search(text, max(0, start - 12), start) is not None
