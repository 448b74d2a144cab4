"""What a committed data file becomes when cleaned: the core of ``check``/``fix``.

- ``.txt``/``.md``: the cleaned text. When the pipeline took the file's first
  line as the headline (rule ``extract.title-first-line``), the file keeps it:
  title, a blank line, then the body, so nothing is lost and a second pass
  changes nothing.
- ``.jsonl``: each record's ``text`` string is cleaned the same way; every other
  field, and every unchanged line, is kept byte for byte.

Files end with exactly one newline. ``.gz`` is not rewritten (pre-commit diffs
need text). Nothing here writes: ``rewrite_file`` returns the new bytes (or
streams them into a sink) and the caller decides.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import orjson

from cleanse.errors import CleanseError, InputFormatError
from cleanse.io.readers import BOM, parse_json
from cleanse.models import Article
from cleanse.pipeline import Pipeline

TITLE_RULE = "extract.title-first-line"
TEXT_SUFFIXES = (".txt", ".md")
RECORD_SUFFIXES = (".jsonl",)


@dataclass(slots=True)
class Change:
    """One changed document: where (file, or file:line) and its text before and after."""

    where: str
    before: str
    after: str
    note: str = ""


@dataclass(slots=True)
class FileOutcome:
    path: Path
    changes: list[Change] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def supported(path: Path) -> bool:
    return path.suffix.lower() in (*TEXT_SUFFIXES, *RECORD_SUFFIXES)


def document_text(article: Article) -> str:
    """The article as the text of a file: the headline kept when it came from line one."""
    took_title = any(TITLE_RULE in edit.rule.split("+") for edit in article.edits)
    if took_title and article.title:
        return f"{article.title}\n\n{article.text}" if article.text else article.title
    return article.text


def clean_text(
    pipeline: Pipeline, raw: str | bytes, *, name: str, stored_as: str = "{}", max_passes: int = 3
) -> str:
    """The cleaned text of one text document (raises CleanseError on bad input).

    Cleaned again until nothing changes (at most ``max_passes`` passes; the second
    is the check), so that a second ``fix`` never changes a file, even where the
    headline heuristic decides differently on the cleaned text than on the raw one.
    ``stored_as`` is how the text is stored (``"{}\n"`` for a file), which is what a
    later pass will read.
    """
    text = document_text(pipeline.clean(raw, kind="text", name=name))
    for _ in range(max_passes - 1):
        stored = stored_as.format(text) if text else ""
        again = document_text(pipeline.clean(stored, kind="text", name=name))
        if again == text:
            break
        text = again
    return text


def _with_final_newline(text: str) -> str:
    text = text.rstrip("\n")
    return f"{text}\n" if text else ""


def rewrite_file(pipeline: Pipeline, path: Path, sink: IO[bytes] | None = None) -> FileOutcome:
    """Clean one file; the new content goes to ``sink`` (all of it, changed or not)."""
    outcome = FileOutcome(path)
    suffix = path.suffix.lower()
    try:
        if suffix in RECORD_SUFFIXES:
            with path.open("rb") as stream:
                for line in _rewrite_records(pipeline, stream, str(path), outcome):
                    if sink is not None:
                        sink.write(line)
            return outcome
        raw = path.read_bytes()
    except OSError as exc:
        outcome.errors.append(f"{path}: cannot read: {exc}")
        return outcome
    if suffix not in TEXT_SUFFIXES:
        outcome.errors.append(f"{path}: not a .txt, .md or .jsonl file")
        return outcome
    try:
        new = _with_final_newline(clean_text(pipeline, raw, name=str(path), stored_as="{}\n"))
    except CleanseError as exc:
        outcome.errors.append(str(exc))
        return outcome
    data = new.encode("utf-8")
    if data != raw:
        outcome.changes.append(Change(str(path), raw.decode("utf-8", "replace"), new))
    if sink is not None:
        sink.write(data)
    return outcome


def _rewrite_records(
    pipeline: Pipeline, stream: IO[bytes], name: str, outcome: FileOutcome
) -> Iterator[bytes]:
    """Each line of a JSONL file, with its ``text`` cleaned; ends with one newline."""
    blank_run: list[bytes] = []
    for lineno, line in enumerate(stream, start=1):
        where = f"{name}:{lineno}"
        if line.startswith(BOM):
            # no part of JSON (readers skip it); dropped, as from a text file
            line = line.removeprefix(BOM)
            outcome.changes.append(Change(where, "", "", note="byte order mark removed"))
        body = line.rstrip(b"\r\n")
        if not body.strip():
            if line != b"\n":
                outcome.changes.append(Change(f"{name}:{lineno}", "", "", note="blank line"))
            blank_run.append(b"\n")  # kept only if a record follows
            continue
        new = body
        record: object = None
        try:
            record = parse_json(body)
        except InputFormatError as exc:
            outcome.errors.append(f"{where}: {exc}")
        if isinstance(record, dict) and isinstance(record.get("text"), str):
            text: str = record["text"]
            try:
                cleaned = clean_text(pipeline, text, name=where)
            except CleanseError as exc:
                outcome.errors.append(str(exc))
                cleaned = text
            if cleaned != text:
                outcome.changes.append(Change(where, text, cleaned))
                record["text"] = cleaned
                new = orjson.dumps(record)
        if new == body and line != body + b"\n":
            outcome.changes.append(Change(where, "", "", note="line ending becomes \\n"))
        yield from blank_run
        blank_run = []
        yield new + b"\n"
    if blank_run:
        outcome.changes.append(Change(name, "", "", note="blank lines at the end removed"))
