"""Read inputs: files, folders (recursive), globs, '-' (stdin), .gz transparently.

``.txt``/``.md`` are text, ``.html``/``.htm`` are HTML, ``.jsonl``/``.json`` are
records with ``text`` or ``html`` (plus optional ``url``, ``id``, ``title``).
Everything is streamed: a JSONL file is read line by line, never whole.
A path or record that cannot be read becomes a ``Failure`` naming it; the rest
of the batch goes on.
"""

from __future__ import annotations

import glob
import gzip
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Literal

import orjson

from cleanse.errors import InputFormatError
from cleanse.models import Failure
from cleanse.pipeline import Input

Format = Literal["text", "html", "records"]
_SUFFIXES: dict[str, Format] = {
    ".txt": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "records",
    ".json": "records",
}
STDIN = "-"


def format_of(path: str | Path) -> Format | None:
    """The input format named by a path's suffix (``.gz`` looked through)."""
    suffixes = [s.lower() for s in Path(path).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return _SUFFIXES.get(suffixes[-1]) if suffixes else None


def expand(inputs: Iterable[str]) -> Iterator[Path | Failure]:
    """Paths named by the arguments, in a stable order; unknown names become Failures."""
    for arg in inputs:
        if arg == STDIN:
            yield Path(STDIN)
            continue
        path = Path(arg)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and format_of(p) is not None)
            if not found:
                yield _failure(arg, "folder holds no .txt/.md/.html/.htm/.jsonl/.json files")
            yield from found
        elif path.is_file():
            yield path
        elif glob.has_magic(arg):
            matches = sorted(
                Path(m)
                for m in glob.glob(arg, recursive=True)  # noqa: PTH207 - any pattern, absolute too
                if Path(m).is_file()
            )
            if not matches:
                yield _failure(arg, "pattern matches no files")
            yield from matches
        else:
            yield _failure(arg, "no such file or folder")


def _failure(name: str, message: str, error: str = "InputFormatError") -> Failure:
    return Failure(input=name, error=error, message=f"{name}: {message}")


def open_binary(path: Path) -> IO[bytes]:
    if str(path) == STDIN:
        stream: IO[bytes] = sys.stdin.buffer
        return stream
    if path.suffix.lower() == ".gz":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def read_path(path: Path, *, stdin_format: Format = "records") -> Iterator[Input | Failure]:
    """The Inputs one file holds (one for text/HTML, one per record for JSON)."""
    name = "<stdin>" if str(path) == STDIN else str(path)
    fmt = stdin_format if str(path) == STDIN else (format_of(path) or "text")
    try:
        with open_binary(path) as stream:
            if fmt == "records":
                if path.suffix.lower() == ".json" or path.name.lower().endswith(".json.gz"):
                    yield from _json_records(stream.read(), name)
                else:
                    yield from _jsonl_records(stream, name)
            else:
                yield Input(stream.read(), name=name, kind=fmt)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield _failure(name, f"cannot read: {exc}", error="InputReadError")


def _record(obj: object, name: str) -> Input | Failure:
    if not isinstance(obj, dict):
        return _failure(name, f"expected a JSON object, got {type(obj).__name__}")
    try:
        return Input.from_record(obj, name=name)
    except InputFormatError as exc:
        return Failure(input=name, error="InputFormatError", message=str(exc))


def _jsonl_records(stream: IO[bytes], name: str) -> Iterator[Input | Failure]:
    for lineno, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            obj = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            yield _failure(where, f"invalid JSON: {exc}")
            continue
        yield _record(obj, where)


def _json_records(data: bytes, name: str) -> Iterator[Input | Failure]:
    try:
        obj = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        yield _failure(name, f"invalid JSON: {exc}")
        return
    if isinstance(obj, list):
        for index, item in enumerate(obj):
            yield _record(item, f"{name}[{index}]")
    else:
        yield _record(obj, name)


def read_inputs(
    inputs: Iterable[str], *, stdin_format: Format = "records"
) -> Iterator[Input | Failure]:
    for item in expand(inputs):
        if isinstance(item, Failure):
            yield item
        else:
            yield from read_path(item, stdin_format=stdin_format)
