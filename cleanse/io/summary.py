"""What a batch did, counted from the records: the summary table at the end of a run.

Counts come only from ``Article.stats.edits`` and each ``Edit.step``, so the
summary says exactly what the edit logs say.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rich.table import Table

from cleanse.models import Article


def _content_lines(text: str) -> int:
    return sum(1 for line in text.splitlines() if line.strip())


@dataclass(slots=True)
class Tally:
    """Counts over a batch; tallies of chunks and workers add up with ``merge``."""

    documents: int = 0
    failures: int = 0
    chars_in: int = 0
    chars_out: int = 0
    edits: Counter[str] = field(default_factory=Counter)
    boilerplate_lines: int = 0
    typos_fixed: int = 0
    names_normalised: int = 0

    def add(self, article: Article) -> None:
        self.documents += 1
        self.chars_in += article.stats.chars_in
        self.chars_out += article.stats.chars_out
        self.edits.update(article.stats.edits)
        for edit in article.edits:
            steps = edit.step.split("+")
            if "boilerplate" in steps:
                self.boilerplate_lines += max(
                    0, _content_lines(edit.before) - _content_lines(edit.after)
                )
            if "typos" in steps:
                self.typos_fixed += 1
            if "names" in steps:
                self.names_normalised += 1

    def merge(self, other: Tally) -> None:
        self.documents += other.documents
        self.failures += other.failures
        self.chars_in += other.chars_in
        self.chars_out += other.chars_out
        self.edits.update(other.edits)
        self.boilerplate_lines += other.boilerplate_lines
        self.typos_fixed += other.typos_fixed
        self.names_normalised += other.names_normalised

    def table(self, *, seconds: float | None = None) -> Table:
        table = Table(title="cleanse summary", title_justify="left", show_header=False)
        table.add_column("what")
        table.add_column("count", justify="right")
        table.add_row("documents cleaned", f"{self.documents:,}")
        table.add_row("failures", f"{self.failures:,}", style="red" if self.failures else None)
        for step in sorted(self.edits):
            table.add_row(f"edits: {step}", f"{self.edits[step]:,}")
        table.add_row("boilerplate lines removed", f"{self.boilerplate_lines:,}")
        table.add_row("typos fixed", f"{self.typos_fixed:,}")
        table.add_row("names normalised", f"{self.names_normalised:,}")
        table.add_row("characters in → out", f"{self.chars_in:,} → {self.chars_out:,}")
        if seconds is not None and seconds > 0:
            table.add_row("time", f"{seconds:.1f} s ({self.documents / seconds:,.1f} docs/s)")
        return table
