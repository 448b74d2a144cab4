"""The working document: current text plus one edit log in input coordinates.

Steps never rewrite text themselves. They read ``Document.text`` and propose
``Proposal``s (span in the *current* text, replacement, rule id); ``apply``
applies a batch and folds it into the log, which always stays sorted,
non-overlapping and in the coordinates of ``Document.source``. Edits that
overlap an earlier one (or an insertion that touches it) are merged into one
entry, so ``replay(source, log) == text`` holds after every step.

Annotations (flags, name mentions) are kept in current coordinates and moved
along with every later batch of edits, so they end up as offsets into the
final text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from cleanse.models import Edit


@dataclass(frozen=True, slots=True)
class Proposal:
    """Replace ``text[start:end]`` with ``replacement``; ``rule`` says why."""

    start: int
    end: int
    replacement: str
    rule: str


@dataclass(slots=True)
class Annotation:
    """A span of the current text carried along through later edits."""

    start: int
    end: int
    payload: object


@dataclass(slots=True)
class _Entry:
    start: int  # source coordinates
    end: int
    after: str
    steps: tuple[str, ...]
    rules: tuple[str, ...]


@dataclass(slots=True)
class _Cluster:
    cur_start: int
    cur_end: int
    entries: list[_Entry] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)


def _connected(a0: int, a1: int, b0: int, b1: int) -> bool:
    """Two spans must merge if they overlap, or an insertion lies on the other."""
    if max(a0, b0) < min(a1, b1):
        return True
    if a0 == a1 and b0 <= a0 <= b1:
        return True
    return b0 == b1 and a0 <= b0 <= a1


def _unique(*groups: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for group in groups:
        for item in group:
            seen.setdefault(item, None)
    return tuple(seen)


class Document:
    """Current text of one article and the log that produces it from ``source``."""

    __slots__ = ("_log", "annotations", "source", "text")

    def __init__(self, source: str) -> None:
        self.source = source
        self.text = source
        self._log: list[_Entry] = []
        self.annotations: list[Annotation] = []

    # -- public -----------------------------------------------------------------

    def apply(self, step: str, proposals: Sequence[Proposal]) -> int:
        """Apply one step's proposals (current coordinates); return how many changed text."""
        text = self.text
        props = sorted(
            (p for p in proposals if text[p.start : p.end] != p.replacement),
            key=lambda p: (p.start, p.end),
        )
        if not props:
            return 0
        self._validate(props)
        self._log = self._merge(step, props)
        self.text = self._rewrite(text, props)
        if self.annotations:
            self._shift_annotations(props)
        return len(props)

    def annotate(self, start: int, end: int, payload: object) -> None:
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"annotation span {start}:{end} outside text of {len(self.text)}")
        self.annotations.append(Annotation(start, end, payload))

    def edits(self) -> list[Edit]:
        src = self.source
        return [
            Edit(
                step="+".join(e.steps),
                rule="+".join(e.rules),
                start=e.start,
                end=e.end,
                before=src[e.start : e.end],
                after=e.after,
            )
            for e in self._log
        ]

    def edit_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for entry in self._log:
            for step in entry.steps:
                counts[step] = counts.get(step, 0) + 1
        return counts

    # -- internals --------------------------------------------------------------

    def _validate(self, props: Sequence[Proposal]) -> None:
        size = len(self.text)
        prev_end = 0
        prev_was_insert_at = -1
        for p in props:
            if not 0 <= p.start <= p.end <= size:
                raise ValueError(f"proposal {p} outside text of {size} characters")
            if p.start < prev_end:
                raise ValueError(f"proposal {p} overlaps an earlier one in the same step")
            if p.start == p.end == prev_was_insert_at:
                raise ValueError(f"two insertions at {p.start} in the same step")
            prev_end = p.end
            prev_was_insert_at = p.start if p.start == p.end else -1

    @staticmethod
    def _rewrite(text: str, props: Sequence[Proposal]) -> str:
        parts: list[str] = []
        pos = 0
        for p in props:
            parts.append(text[pos : p.start])
            parts.append(p.replacement)
            pos = p.end
        parts.append(text[pos:])
        return "".join(parts)

    def _merge(self, step: str, props: Sequence[Proposal]) -> list[_Entry]:
        """One linear sweep over the log (in current coordinates) and the proposals."""
        # Current-coordinate span of every log entry.
        cur: list[tuple[int, int, _Entry]] = []
        delta = 0
        for e in self._log:
            c0 = e.start + delta
            cur.append((c0, c0 + len(e.after), e))
            delta += len(e.after) - (e.end - e.start)

        merged: list[_Entry] = []
        i = j = 0
        delta_before = 0  # net length change of log entries already passed
        while j < len(props):
            p = props[j]
            # Log entries wholly before this proposal and not touching it stay as they are.
            while (
                i < len(cur)
                and cur[i][0] < p.start
                and not _connected(cur[i][0], cur[i][1], p.start, p.end)
            ):
                entry = cur[i][2]
                merged.append(entry)
                delta_before += len(entry.after) - (entry.end - entry.start)
                i += 1
            cluster = _Cluster(p.start, p.end, proposals=[p])
            j += 1
            grew = True
            while grew:
                grew = False
                if i < len(cur) and _connected(
                    cur[i][0], cur[i][1], cluster.cur_start, cluster.cur_end
                ):
                    cluster.entries.append(cur[i][2])
                    cluster.cur_start = min(cluster.cur_start, cur[i][0])
                    cluster.cur_end = max(cluster.cur_end, cur[i][1])
                    i += 1
                    grew = True
                if j < len(props) and _connected(
                    props[j].start, props[j].end, cluster.cur_start, cluster.cur_end
                ):
                    cluster.proposals.append(props[j])
                    cluster.cur_end = max(cluster.cur_end, props[j].end)
                    j += 1
                    grew = True
            entry_delta = sum(len(e.after) - (e.end - e.start) for e in cluster.entries)
            src_start = cluster.cur_start - delta_before
            src_end = cluster.cur_end - delta_before - entry_delta
            delta_before += entry_delta
            after = self._rewrite_span(cluster)
            if self.source[src_start:src_end] != after:
                merged.append(
                    _Entry(
                        src_start,
                        src_end,
                        after,
                        _unique(*(e.steps for e in cluster.entries), (step,)),
                        _unique(
                            *(e.rules for e in cluster.entries), (p.rule for p in cluster.proposals)
                        ),
                    )
                )
        merged.extend(entry for _, _, entry in cur[i:])
        return merged

    def _rewrite_span(self, cluster: _Cluster) -> str:
        text = self.text
        parts: list[str] = []
        pos = cluster.cur_start
        for p in cluster.proposals:
            parts.append(text[pos : p.start])
            parts.append(p.replacement)
            pos = p.end
        parts.append(text[pos : cluster.cur_end])
        return "".join(parts)

    def _shift_annotations(self, props: Sequence[Proposal]) -> None:
        starts = [p.start for p in props]
        shift = [0]  # shift[k]: net length change of the first k proposals
        for p in props:
            shift.append(shift[-1] + len(p.replacement) - (p.end - p.start))

        def move_start(pos: int) -> int:
            k = bisect_right(starts, pos)  # proposals starting at or before pos
            if k:
                p = props[k - 1]
                if p.start <= pos < p.end:  # first characters replaced: start at the replacement
                    return p.start + shift[k - 1]
            return pos + shift[k]  # insertions at pos go before the annotation

        def move_end(pos: int) -> int:
            k = bisect_left(starts, pos)  # proposals starting strictly before pos
            if k:
                p = props[k - 1]
                if pos < p.end:  # last characters replaced: end after the replacement
                    return p.start + shift[k - 1] + len(p.replacement)
            return pos + shift[k]  # insertions at pos go after the annotation

        for ann in self.annotations:
            ann.start = move_start(ann.start)
            ann.end = max(ann.start, move_end(ann.end))
