"""What a committed data file becomes when cleaned: the core of ``check``/``fix``.

- ``.txt``/``.md``: the cleaned text. When the pipeline took the file's first
  line as the headline (rule ``extract.title-first-line``), the file keeps it:
  title, a blank line, then the body, so nothing is lost and a second pass
  changes nothing. In a ``.md`` file only the edits outside front matter, code
  and hard breaks are applied (``cleanse.io.markdown``).
- ``.jsonl``: each record's ``text`` string is cleaned the same way and spliced
  into the line in place of the old value; every other byte of the line, and
  every unchanged line, is kept.

Line endings are kept: a file whose line breaks are mostly CRLF is written with
CRLF, any other with LF (a file that mixes them gets the more common one, LF on
a tie); each JSONL line keeps its own. Files end with exactly one line break.
``.gz`` is not rewritten (pre-commit diffs need text). Nothing here writes:
``rewrite_file`` returns the new bytes (or streams them into a sink) and the
caller decides.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TypedDict

import orjson

from cleanse.errors import CleanseError, InputFormatError
from cleanse.io.diff import input_text
from cleanse.io.markdown import Span, protected_spans
from cleanse.io.readers import BOM, parse_json
from cleanse.models import Article, Edit, replay
from cleanse.pipeline import Pipeline
from cleanse.steps.decode import decode


class Known(TypedDict, total=False):
    """What a record says of its text."""

    url: str
    title: str
    language: str


TITLE_RULE = "extract.title-first-line"
TEXT_SUFFIXES = (".txt", ".md")
MARKDOWN_SUFFIXES = (".md",)
RECORD_SUFFIXES = (".jsonl",)
CRLF = "\r\n"


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


def markdown_text(article: Article) -> str:
    """``document_text`` with only the edits outside the input's protected Markdown spans.

    The edits are non-overlapping and in input coordinates, so any subset replays. The
    spans of the result are checked against the input's: when a kept edit changed one
    (removing the blank line that made an indented block code, say), edits touching a
    span are left out too, and failing that, all of them.
    """
    source = input_text(article)
    spans = protected_spans(source)
    if not spans:
        return document_text(article)
    edits = [_title_kept(edit, article.title) for edit in article.edits]
    expected = _guarded(source, spans)
    for margin in (0, 1):
        text = replay(source, _outside(edits, spans, margin))
        kept = protected_spans(text)
        if _guarded(text, kept) == expected:
            return _end_trimmed(text, kept)
    return _end_trimmed(source, spans)


def markdown_left_alone(article: Article) -> set[int]:
    """Indices of the edits ``fix`` leaves out of a Markdown file: those touching its
    code, front matter or hard breaks (``markdown_text``)."""
    spans = protected_spans(input_text(article))
    if not spans:
        return set()
    kept = {id(edit) for edit in _outside(list(article.edits), spans, 0)}
    return {k for k, edit in enumerate(article.edits) if id(edit) not in kept}


def _end_trimmed(text: str, spans: list[Span]) -> str:
    """``text`` without trailing whitespace past its last span, as the pipeline's output
    has none: a dropped edit may have carried the removal of the text's end."""
    return text[: max([len(text.rstrip()), *(span.end for span in spans)])]


def _title_kept(edit: Edit, title: str | None) -> Edit:
    """The headline edit made to write the title back, as ``document_text`` does."""
    if title and TITLE_RULE in edit.rule.split("+"):
        return edit.model_copy(update={"after": f"{title}\n\n{edit.after}"})
    return edit


def _outside(edits: list[Edit], spans: list[Span], margin: int) -> list[Edit]:
    """The edits (sorted) that keep at least ``margin`` characters away from every span."""
    kept: list[Edit] = []
    j = 0
    for edit in edits:
        while j < len(spans) and spans[j].end + margin <= edit.start:
            j += 1
        if j == len(spans) or spans[j].start - margin >= edit.end:
            kept.append(edit)
    return kept


def _guarded(text: str, spans: list[Span]) -> list[str]:
    # A hard break legitimately ends when the line after it is removed: not checked.
    return [text[s.start : s.end] for s in spans if s.kind != "hard-break"]


def clean_text(
    pipeline: Pipeline,
    raw: str | bytes,
    *,
    name: str,
    stored_as: str = "{}",
    max_passes: int = 3,
    markdown: bool = False,
    known: Known | None = None,
) -> str:
    """The cleaned text of one text document (raises CleanseError on bad input).

    Cleaned again until nothing changes (at most ``max_passes`` passes; the second
    is the check), so that a second ``fix`` never changes a file, even where the
    headline heuristic decides differently on the cleaned text than on the raw one.
    ``stored_as`` is how the text is stored (``"{}\n"`` for a file), which is what a
    later pass will read. ``known`` is what a record says of its text (url, title,
    language), used as ``clean`` uses it.
    """
    return _settled(
        pipeline,
        raw,
        name=name,
        stored=lambda text: stored_as.format(text) if text else "",
        max_passes=max_passes,
        markdown=markdown,
        known=known or {},
    )


def _settled(
    pipeline: Pipeline,
    raw: str | bytes,
    *,
    name: str,
    stored: Callable[[str], str],
    max_passes: int,
    markdown: bool,
    known: Known,
) -> str:
    """``raw`` cleaned, then ``stored(text)`` cleaned again until it no longer changes."""
    as_file = markdown_text if markdown else document_text
    text = as_file(pipeline.clean(raw, kind="text", name=name, **known))
    for _ in range(max_passes - 1):
        again = as_file(pipeline.clean(stored(text), kind="text", name=name, **known))
        if again == text:
            break
        text = again
    return text


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
        data, changes = _rewrite_text(pipeline, raw, str(path), suffix in MARKDOWN_SUFFIXES)
    except CleanseError as exc:
        outcome.errors.append(str(exc))
        return outcome
    outcome.changes.extend(changes)
    if sink is not None:
        sink.write(data)
    return outcome


def _rewrite_text(
    pipeline: Pipeline, raw: bytes, name: str, markdown: bool
) -> tuple[bytes, list[Change]]:
    """The file's new bytes, and what changed (nothing exactly when the bytes are the same).

    The text is cleaned with LF line breaks and written back with the file's own ending;
    each later pass reads exactly what a later ``fix`` would read from the written file.
    """
    source = decode(raw, name=name)
    eol = line_ending(source)

    def written(text: str) -> bytes:
        text = text.rstrip("\n")
        return f"{text}\n".replace("\n", eol).encode("utf-8") if text else b""

    def stored(text: str) -> str:
        return decode(written(text), name=name).replace(CRLF, "\n")

    before = source.replace(CRLF, "\n")
    text = _settled(
        pipeline, before, name=name, stored=stored, max_passes=3, markdown=markdown, known={}
    )
    data = written(text)
    if data == raw:
        return data, []
    after = data.decode("utf-8").replace(CRLF, "\n")
    changes: list[Change] = []
    if after != before:
        if after.splitlines() == before.splitlines():
            changes.append(Change(name, "", "", note="line breaks or the final newline change"))
        else:
            changes.append(Change(name, before, after))
    if _mixed(source):
        shown = eol.encode("unicode_escape").decode()
        changes.append(Change(name, "", "", note=f"line endings become {shown}"))
    if source.encode("utf-8") != raw:
        what = "byte order mark removed" if raw.startswith(BOM) else "re-encoded as UTF-8"
        changes.append(Change(name, "", "", note=what))
    if not changes:  # every difference is named above; this keeps the report honest anyway
        changes.append(Change(name, "", "", note="rewritten"))
    return data, changes


def line_ending(text: str) -> str:
    """The file's line ending: CRLF when most line breaks are CRLF, else LF."""
    crlf = text.count(CRLF)
    return CRLF if crlf > text.count("\n") - crlf else "\n"


def _mixed(source: str) -> bool:
    """Whether ``source`` has CRLF and LF line breaks both."""
    return 0 < source.count(CRLF) < source.count("\n")


def _rewrite_records(
    pipeline: Pipeline, stream: IO[bytes], name: str, outcome: FileOutcome
) -> Iterator[bytes]:
    """Each line of a JSONL file, its ``text`` cleaned, with its own line ending (a last
    line without one gets the line before's); blank lines at the end are dropped."""
    blank_run: list[bytes] = []
    ending = b"\n"
    for lineno, line in enumerate(stream, start=1):
        where = f"{name}:{lineno}"
        if line.startswith(BOM):
            # no part of JSON (readers skip it); dropped, as from a text file
            line = line.removeprefix(BOM)
            outcome.changes.append(Change(where, "", "", note="byte order mark removed"))
        body = line.rstrip(b"\r\n")
        found = line[len(body) :]
        ending = _line_break(found, ending)
        if not body.strip():
            if line != ending:
                outcome.changes.append(Change(where, "", "", note="blank line"))
            blank_run.append(ending)  # kept only if a record follows
            continue
        if found != ending:
            shown = ending.decode().encode("unicode_escape").decode()
            note = f"line ending becomes {shown}" if found else "line break added at the end"
            outcome.changes.append(Change(where, "", "", note=note))
        yield from blank_run
        blank_run = []
        yield _rewrite_record(pipeline, body, where, outcome) + ending
    if blank_run:
        outcome.changes.append(Change(name, "", "", note="blank lines at the end removed"))


def _line_break(found: bytes, previous: bytes) -> bytes:
    """The line break a line is written with: its own LF or CRLF (CRs before the LF taken
    as one CRLF); a last line with none, or only CRs, gets ``previous``."""
    if found.endswith(b"\n"):
        return b"\r\n" if found != b"\n" else b"\n"
    return previous


def _known(record: dict[str, object]) -> Known:
    """A record's url (for site rules), title and language, used as `cleanse clean` does."""
    known: Known = {}
    if isinstance(url := record.get("url"), str):
        known["url"] = url
    if isinstance(title := record.get("title"), str):
        known["title"] = title
    if isinstance(language := record.get("language"), str):
        known["language"] = language
    return known


def _rewrite_record(pipeline: Pipeline, body: bytes, where: str, outcome: FileOutcome) -> bytes:
    """One JSON line with its ``text`` cleaned; a line that cannot be is kept as it is."""
    try:
        record = parse_json(body)
    except InputFormatError as exc:
        outcome.errors.append(f"{where}: {exc}")
        return body
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return body
    text: str = record["text"]
    try:
        cleaned = clean_text(pipeline, text, name=where, known=_known(record))
    except CleanseError as exc:
        outcome.errors.append(str(exc))
        return body
    if cleaned == text:
        return body
    span = _value_span(body, "text")
    if span is not None and _json_value(body[span[0] : span[1]]) == text:
        outcome.changes.append(Change(where, text, cleaned))
        return body[: span[0]] + _json_string(cleaned, like=body) + body[span[1] :]
    record["text"] = cleaned
    try:
        new = orjson.dumps(record)
    except TypeError as exc:  # an integer past 64 bits read by the stdlib fallback
        outcome.errors.append(f"{where}: cannot write the record back: {exc}")
        return body
    outcome.changes.append(Change(where, text, cleaned))
    note = "the text value was not found in the line: the whole record is written anew"
    outcome.changes.append(Change(where, "", "", note=note))
    return new


_JSON_TOKEN = re.compile(
    rb'[ \t\r\n]*(?:(?P<string>"[^"\\]*(?:\\.[^"\\]*)*")|(?P<punct>[][{}:,])'
    rb'|(?P<scalar>[^][{}:," \t\r\n]+))',
    re.DOTALL,
)


def _value_span(line: bytes, key: str) -> tuple[int, int] | None:
    """Where the string value of the top-level ``key`` of a JSON object lies in ``line``.

    The last such key counts, as parsers read duplicates; keys are compared unescaped,
    and keys of nested objects (or inside strings) are skipped. None when the value is
    not a string or ``line`` is not one JSON object.
    """
    span: tuple[int, int] | None = None
    depth = 0
    at_key = False  # the next token at depth 1 is a key
    wanted = False  # the next value at depth 1 is ``key``'s
    pos = 0
    while (token := _JSON_TOKEN.match(line, pos)) is not None:
        pos = token.end()
        kind = token.lastgroup or ""
        value = token.group(kind)
        if value in (b"}", b"]"):
            depth -= 1
            continue
        if value in (b",", b":"):
            at_key = depth == 1 and value == b","
            continue
        if depth == 1 and at_key:
            wanted = kind == "string" and _json_value(value) == key
            at_key = False
            continue
        if depth == 1 and wanted:
            span = token.span(kind) if kind == "string" else None
            wanted = False
        if value in (b"{", b"["):
            if depth == 0 and value != b"{":
                return None
            depth += 1
            at_key = depth == 1
    if depth != 0 or line[pos:].strip():
        return None
    return span


def _json_value(data: bytes) -> object:
    try:
        return parse_json(data)
    except InputFormatError:
        return None


def _json_string(value: str, *, like: bytes) -> bytes:
    """``value`` as a JSON string, non-ASCII escaped when ``like`` (the line) escapes it."""
    if like.isascii() and b"\\u" in like:
        return json.dumps(value).encode("ascii")
    return orjson.dumps(value)
