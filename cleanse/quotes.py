"""Where a text quotes someone: one quotation finder for every step that must not edit
inside quotations (the names step never rewrites there, the typos step only flags).

``quotation_spans`` reads the quote marks of a text once, left to right, and keeps a
small stack of open quotations:

- double quotes ``"…"``, ``“…”``, ``„…“``, ``«…»``, ``»…«`` and single quotes ``'…'``,
  ``‘…’``, ``‚…‘``, ``‹…›``; a single quotation may sit inside a double one and the
  other way round, and straight and curly marks close each other (scraped text mixes
  them: ``“Yes,"``);
- an apostrophe is no quote mark: between letters (don’t, it’s, o’clock), opening a
  word (the ’90s, ’em), around one letter (rock ’n’ roll), and a curly ’ never opens;
- a single mark after a word and before another word (nothin’ left, the soldiers’
  families) closes only if nothing later in the line closes the quotation: "‘There’s
  nothin’ left,’ he said" is quoted to its last mark;
- a quotation left open runs to the end of its paragraph (line), except a straight
  ``'`` opened inside a line, which is more likely an apostrophe ("'cause");
- a quotation spanning paragraphs (newspaper style: each quoted paragraph opens with a
  quote mark, only the last one closes) is one span per paragraph: the open quotation
  runs to its paragraph's end and the next paragraph's opening mark opens it again.
  So no span crosses a line break and a caller may find the spans one line at a time;
- no quotation is longer than ``MAX_QUOTE`` characters: an opening mark left open that
  long is a stray mark, and its span stops there.

One pass, constant work per mark: no regex backtracking, no rescans.
"""

from __future__ import annotations

import re

MAX_QUOTE = 2000

# Every quote mark and line break; an apostrophe only where it is not between letters.
_MARKS = re.compile(r"""["“”„«»‹›‚‘\n]|(?<![^\W\d_])['’]|['’](?![^\W\d_])""")
_DOUBLE = frozenset('"“”„«»')
# What closes what. Straight marks close curly ones and the other way round.
_CLOSERS = {
    '"': '"”',
    "“": '”"',
    "„": '“”"',
    "«": '»"',
    "»": '«»"',  # »…« (German, Danish), or a French paragraph continued: » … »
    "'": "'’",
    "‘": "’'",
    "‚": "‘’'",
    "‹": "›",
    "›": "‹›",
}
_APOSTROPHES = "'’‘"
_MAX_DEPTH = 4
_TEXT = re.compile(r"[^ \t\r\f\v\u00a0]")


class _Open:
    __slots__ = ("at", "closers", "double", "tentative", "to_line_end")

    def __init__(self, at: int, mark: str, to_line_end: bool) -> None:
        self.at = at
        self.closers = _CLOSERS[mark]
        self.double = mark in _DOUBLE
        self.to_line_end = to_line_end
        self.tentative = -1  # a closing mark between two words: the end unless a later one


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, disjoint spans of the quotations in ``text``, quote marks included; no span
    crosses a line break (see the module's docstring for what counts)."""
    spans: list[tuple[int, int]] = []
    stack: list[_Open] = []
    n = len(text)
    line_start = 0
    first_letter = -1  # the first character of the current line that is no space

    def char(at: int) -> str:  # outside the line reads as a line break
        return text[at] if line_start <= at < n else "\n"

    def finish(entry: _Open, end: int) -> None:
        """An open quotation that no mark closed, at ``end`` (a line break, or its bound)."""
        if entry.tentative >= 0:
            spans.append((entry.at, entry.tentative + 1))
        elif entry.to_line_end:
            spans.append((entry.at, min(end, entry.at + MAX_QUOTE)))

    for m in _MARKS.finditer(text):
        at = m.start()
        mark = text[at]
        while stack and at - stack[0].at > MAX_QUOTE:
            finish(stack.pop(0), at)
        if mark == "\n":
            for entry in stack:
                finish(entry, at)
            stack.clear()
            line_start = at + 1
            continue
        before, after = char(at - 1), char(at + 1)
        # Close the innermost open quotation this mark can close (inner ones left open
        # lie inside it).
        closed = False
        if not (before.isalpha() and after.isalpha()):
            for k in range(len(stack) - 1, -1, -1):
                entry = stack[k]
                if mark not in entry.closers:
                    continue
                if mark == '"' and _opening_shape(before, after):
                    continue  # "He said "no" to me": a quotation inside
                if mark in _APOSTROPHES:
                    if before.isspace() or (
                        # the second mark of ’n’: a one-letter word between apostrophes
                        before.isalpha()
                        and char(at - 2) in _APOSTROPHES
                        and not char(at - 3).isalnum()
                    ):
                        continue
                    if before.isalnum() and after in " \t":
                        # nothin’ left, the soldiers’ families: the end unless a later mark
                        if entry.tentative < 0:
                            entry.tentative = at
                        closed = True
                        break
                spans.append((entry.at, at + 1))
                del stack[k:]
                closed = True
                break
        if closed or mark in "”’":
            continue  # a closing mark that closes nothing, or an apostrophe
        if not _opens(mark, before, after, char(at + 2), char(at + 3)):
            continue
        if stack and stack[-1].tentative >= 0:
            top = stack.pop()  # a new quotation: the one before closed at its last mark
            spans.append((top.at, top.tentative + 1))
        if len(stack) < _MAX_DEPTH:
            if mark == "'" and first_letter < line_start:  # where the paragraph's text starts
                found = _TEXT.search(text, line_start)
                first_letter = found.start() if found is not None else n
            stack.append(_Open(at, mark, mark != "'" or at == first_letter))
    for entry in stack:
        finish(entry, n)
    return merged(spans)


def _opens(mark: str, before: str, after: str, after2: str, after3: str) -> bool:
    """Whether a quote mark that closes nothing opens a quotation, by its neighbours."""
    if before.isalnum() and after.isalnum():
        return False  # inside a word
    if mark in "«»‹›":
        return True  # French sets a space inside: « Oui »
    if after.isspace():
        return False  # an opening mark is followed by what it quotes
    if mark in "\"'‚" and not _opening_shape(before, after):
        return False  # after a word: a closing mark ("line" here) or an inch (5")
    if mark in "'‘‚":
        if not after.isalpha() and after not in _DOUBLE:
            return False  # the ’90s, '90s
        if after2 in _APOSTROPHES and not after3.isalnum():
            return False  # rock 'n' roll
    return True


def _opening_shape(before: str, after: str) -> bool:
    """Whether a straight mark stands where quotations open: not after a word or a
    sentence's end, and before what it quotes."""
    return not (before.isalnum() or before in ".,;!?" or after.isspace())


def merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with those inside or overlapping another joined to it."""
    spans.sort()
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s < out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out
