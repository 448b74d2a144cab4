"""Lines of a text, and proposals that remove whole lines.

A removed line takes one of its separators with it, so the text keeps its
paragraph structure: of the separators before and after a run of removed
lines, the stronger one (more newlines) stays. Nothing is ever inserted.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from cleanse.document import Proposal

# Anchored at line starts: a blank line of many spaces is scanned once, not from every position.
_LINE = re.compile(r"(?m)^[^\n]*\S[^\n]*")


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int
    text: str


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text`` with their spans (blank lines are separators)."""
    return [Line(m.start(), m.end(), m.group()) for m in _LINE.finditer(text)]


def removal_proposals(text: str, lines: list[Line], removed: Mapping[int, str]) -> list[Proposal]:
    """Proposals that delete the lines whose index is in ``removed`` (index -> rule id).

    Never removes every line: if nothing would be left, nothing is removed.
    """
    if not removed or len(removed) >= len(lines):
        return []
    proposals: list[Proposal] = []
    index = sorted(removed)
    runs: list[tuple[int, int]] = []
    for i in index:
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    for a, b in runs:
        prev = lines[a - 1] if a > 0 else None
        nxt = lines[b + 1] if b + 1 < len(lines) else None
        keep_before = True  # remove "line + following separator"
        if nxt is None:
            keep_before = False
        elif prev is not None:
            before = text.count("\n", prev.end, lines[a].start)
            after = text.count("\n", lines[b].end, nxt.start)
            keep_before = before >= after
        for k in range(a, b + 1):
            if keep_before:
                end = lines[k + 1].start if k < b else nxt.start  # type: ignore[union-attr]
                proposals.append(Proposal(lines[k].start, end, "", removed[k]))
            else:
                start = lines[k - 1].end if k > a else (prev.end if prev is not None else 0)
                end = len(text) if nxt is None and k == b else lines[k].end
                proposals.append(Proposal(start, end, "", removed[k]))
    return proposals
