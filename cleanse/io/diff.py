"""Readable diffs: a short unified diff of a changed document, and the edit log of one.

Both render to ``rich.text.Text`` (coloured on a terminal, plain elsewhere).
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_left
from collections.abc import Collection, Iterable

from rich.text import Text

from cleanse.models import Article, Edit

MAX_DIFF_LINES = 40
CONTEXT_CHARS = 32
MAX_SHOWN_CHARS = 240
_NEWLINE = re.compile("\n")
_VISIBLE = str.maketrans({"\n": "⏎\n", "\t": "→", "\u00a0": "⍽"})


def unified_diff(before: str, after: str, *, label: str, max_lines: int = MAX_DIFF_LINES) -> Text:
    """A unified diff (one line of context) cut after ``max_lines`` lines."""
    lines = list(
        difflib.unified_diff(
            before.splitlines(),
            after.splitlines(),
            fromfile=f"{label} (before)",
            tofile=f"{label} (after)",
            n=1,
            lineterm="",
        )
    )
    out = Text()
    for line in lines[:max_lines]:
        style = None
        if line.startswith(("+++", "---")):
            style = "bold"
        elif line.startswith("+"):
            style = "green"
        elif line.startswith("-"):
            style = "red"
        elif line.startswith("@@"):
            style = "cyan"
        out.append(_shorten(line, 4 * MAX_SHOWN_CHARS) + "\n", style=style)
    if len(lines) > max_lines:
        out.append(f"… {len(lines) - max_lines} more diff lines\n", style="dim")
    return out


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else f"{text[: limit // 2]} … {text[-limit // 2 :]}"


def _visible(text: str) -> str:
    """Whitespace made visible inside a change (a removed newline shows as ⏎)."""
    shown = _shorten(text, MAX_SHOWN_CHARS).translate(_VISIBLE)
    return shown.replace(" ", "·") if not shown.strip("·⏎\n→⍽ ") else shown


def explain_edit(source: str, edit: Edit, newlines: list[int] | None = None) -> Text:
    """One edit in context: text before it, the removed part (red, ``[-…-]``), the
    inserted part (green, ``{+…+}``).

    ``newlines`` (the offsets of every "\\n" in ``source``) makes the line number a
    bisection instead of a count, for documents with many edits.
    """
    if newlines is None:
        newlines = [m.start() for m in _NEWLINE.finditer(source, 0, edit.start)]
    k = bisect_left(newlines, edit.start)  # newlines before the edit
    line = k + 1
    column = edit.start - (newlines[k - 1] + 1 if k else 0) + 1
    left = source[max(0, edit.start - CONTEXT_CHARS) : edit.start].rsplit("\n", 1)[-1]
    right = source[edit.end : edit.end + CONTEXT_CHARS].split("\n", 1)[0]
    out = Text()
    out.append(f"line {line}:{column}  ", style="bold")
    out.append(edit.step, style="magenta")
    out.append("  ")
    out.append(edit.rule, style="cyan")
    out.append("\n    ")
    out.append(left, style="dim")
    # wdiff's markers as well as colours: piped, in a file or in CI the colours are gone
    if edit.before:
        out.append(f"[-{_visible(edit.before)}-]", style="red strike")
    if edit.after:
        out.append(f"{{+{_visible(edit.after)}+}}", style="green underline")
    out.append(right, style="dim")
    out.append("\n")
    return out


def input_text(article: Article) -> str:
    """The input text of the edit log, rebuilt from the output and the edits."""
    parts: list[str] = []
    out_pos = 0
    shift = 0
    for edit in article.edits:
        start = edit.start + shift
        parts.append(article.text[out_pos:start])
        parts.append(edit.before)
        out_pos = start + len(edit.after)
        shift += len(edit.after) - len(edit.before)
    parts.append(article.text[out_pos:])
    return "".join(parts)


def explain_article(
    article: Article, *, name: str, left_alone: Collection[int] = ()
) -> Iterable[Text]:
    """A header line, then each edit of ``article`` in the context of its input; the
    edits numbered in ``left_alone`` are marked as ones ``cleanse fix`` does not make."""
    source = input_text(article)
    head = Text()
    head.append(name, style="bold")
    counts = ", ".join(f"{step} {n}" for step, n in sorted(article.stats.edits.items()))
    head.append(f"  {len(article.edits)} edits" + (f" ({counts})" if counts else ""))
    if article.title:
        head.append("\ntitle: ", style="bold")
        head.append(article.title)
    if article.flags:
        head.append(f"\n{len(article.flags)} flags (seen, not fixed):", style="yellow")
        for flag in article.flags:
            head.append(f"\n  {flag.rule} at {flag.start}: {flag.message}", style="yellow")
    yield head
    newlines = [m.start() for m in _NEWLINE.finditer(source)]
    for k, edit in enumerate(article.edits):
        shown = explain_edit(source, edit, newlines)
        if k in left_alone:
            shown.append(
                "    (cleanse fix leaves this: Markdown code, front matter or a hard break)\n",
                style="yellow",
            )
        yield shown
