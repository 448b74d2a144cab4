"""Read inputs: files, folders (recursive), globs, '-' (stdin), .gz transparently.

``.txt``/``.md`` are text, ``.html``/``.htm`` are HTML, ``.jsonl``/``.json`` are
records with ``text`` or ``html`` (plus optional ``url``, ``id``, ``title``,
``language``; a field of the wrong type fails its record; a leading BOM is skipped).
Everything is streamed: a JSONL file is read line by line, never whole.
A path or record that cannot be read becomes a ``Failure`` naming it; the rest
of the batch goes on.
"""

from __future__ import annotations

import glob
import gzip
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

import orjson

from cleanse.errors import InputFormatError
from cleanse.models import Failure, replace_surrogates
from cleanse.pipeline import Input

Format = Literal["text", "html", "records"]
StdinFormat = Literal["auto", "text", "html", "records"]
# How one path is read: one document (of a kind; "auto": the pipeline tells HTML from
# text), or records: a JSON document (an object or an array of them) or JSON lines.
Layout = Literal["auto", "text", "html", "json", "jsonl"]
_SUFFIXES: dict[str, Format] = {
    ".txt": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "records",
    ".json": "records",
}
STDIN = "-"
BOM = b"\xef\xbb\xbf"  # some editors start UTF-8 files with it; JSON has none


@dataclass(slots=True)
class ReadProgress:
    """Bytes of the input files read so far (on disk, so ``.gz`` counts compressed)."""

    total: int = 0
    done: int = 0
    files: int = 0


def format_of(path: str | Path) -> Format | None:
    """The input format named by a path's suffix (``.gz`` looked through)."""
    suffixes = [s.lower() for s in Path(path).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return _SUFFIXES.get(suffixes[-1]) if suffixes else None


def is_stdin(path: Path) -> bool:
    return str(path) == STDIN


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
    if is_stdin(path):
        stream: IO[bytes] = sys.stdin.buffer
        return stream
    if path.suffix.lower() == ".gz":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def _layout(path: Path, stdin_format: StdinFormat) -> Layout:
    """How to read ``path``: by its suffix; stdin in ``auto`` format by its first bytes,
    JSON lines when they start with '{', a JSON array when with '[{', else one document."""
    if not is_stdin(path):
        fmt = format_of(path) or "text"
        if fmt != "records":
            return fmt
        json_suffix = path.suffix.lower() == ".json" or path.name.lower().endswith(".json.gz")
        return "json" if json_suffix else "jsonl"
    if stdin_format in ("text", "html"):
        return stdin_format
    peek = getattr(sys.stdin.buffer, "peek", None)
    head: bytes = peek(4096)[:4096].removeprefix(BOM).lstrip() if peek is not None else b""
    if head.startswith(b"[") and head[1:].lstrip().startswith(b"{"):
        return "json"
    return "jsonl" if stdin_format == "records" or head.startswith(b"{") else "auto"


def read_path(
    path: Path, *, stdin_format: StdinFormat = "auto", progress: ReadProgress | None = None
) -> Iterator[Input | Failure]:
    """The Inputs one file holds (one for text/HTML, one per record for JSON)."""
    name = "<stdin>" if is_stdin(path) else str(path)
    layout = _layout(path, stdin_format)
    base = progress.done if progress is not None else 0
    try:
        with _Source(path) as source:
            if layout == "json":
                yield from _json_records(source.stream.read(), name)
            elif layout == "jsonl":
                for item in _jsonl_records(source.stream, name):
                    if progress is not None:
                        progress.done = base + source.position()
                    yield item
            else:
                yield Input(source.stream.read(), name=name, kind=layout)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield _failure(name, f"cannot read: {exc}", error="InputReadError")
    finally:
        if progress is not None:
            progress.files += 1
            if not is_stdin(path):
                progress.done = base + _size(path)


class _Source:
    """An open input with the position reached in the file on disk (for progress)."""

    def __init__(self, path: Path) -> None:
        self._raw: IO[bytes] | None = None
        if is_stdin(path):
            self.stream: IO[bytes] = sys.stdin.buffer
        elif path.suffix.lower() == ".gz":
            self._raw = path.open("rb")
            self.stream = gzip.GzipFile(fileobj=self._raw, mode="rb")  # type: ignore[assignment]
        else:
            self._raw = path.open("rb")
            self.stream = self._raw

    def position(self) -> int:
        return self._raw.tell() if self._raw is not None else 0

    def __enter__(self) -> _Source:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.stream is not self._raw and self._raw is not None:
            self.stream.close()
        if self._raw is not None:
            self._raw.close()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def parse_json(data: bytes) -> object:
    """One JSON document (a leading BOM skipped); InputFormatError says why it is none.

    orjson refuses a lone surrogate escape ("\\ud800"), which is valid JSON: such a
    document is read by the standard library, each lone surrogate becoming U+FFFD, as
    the pipeline treats them in text (no record written can hold one).
    """
    data = data.removeprefix(BOM)
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        error = exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputFormatError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None
    try:
        obj = json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise InputFormatError(f"invalid JSON: {error}") from None
    return _without_surrogates(obj)


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


def _without_surrogates(obj: object) -> object:
    if isinstance(obj, str):
        return replace_surrogates(obj)
    if isinstance(obj, list):
        return [_without_surrogates(item) for item in obj]
    if isinstance(obj, dict):
        return {_without_surrogates(k): _without_surrogates(v) for k, v in obj.items()}
    return obj


def _record(obj: object, name: str) -> Input | Failure:
    if not isinstance(obj, dict):
        return _failure(name, f"expected a JSON object, got {type(obj).__name__}")
    try:
        return Input.from_record(obj, name=name)
    except InputFormatError as exc:
        return Failure(input=name, error="InputFormatError", message=str(exc))


def _jsonl_records(stream: IO[bytes], name: str) -> Iterator[Input | Failure]:
    for lineno, line in enumerate(stream, start=1):
        if not line.removeprefix(BOM).strip():
            continue
        where = f"{name}:{lineno}"
        try:
            obj = parse_json(line)
        except InputFormatError as exc:
            yield _failure(where, str(exc))
            continue
        yield _record(obj, where)


def _json_records(data: bytes, name: str) -> Iterator[Input | Failure]:
    try:
        obj = parse_json(data)
    except InputFormatError as exc:
        yield _failure(name, str(exc))
        return
    if isinstance(obj, list):
        for index, item in enumerate(obj):
            yield _record(item, f"{name}[{index}]")
    else:
        yield _record(obj, name)


def read_paths(
    paths: Iterable[Path | Failure],
    *,
    stdin_format: StdinFormat = "auto",
    progress: ReadProgress | None = None,
) -> Iterator[Input | Failure]:
    """The Inputs of already expanded paths (Failures pass through)."""
    for item in paths:
        if isinstance(item, Failure):
            yield item
        else:
            yield from read_path(item, stdin_format=stdin_format, progress=progress)


def read_inputs(
    inputs: Iterable[str],
    *,
    stdin_format: StdinFormat = "auto",
    progress: ReadProgress | None = None,
) -> Iterator[Input | Failure]:
    return read_paths(expand(inputs), stdin_format=stdin_format, progress=progress)


def total_size(paths: Iterable[Path | Failure]) -> int:
    """Bytes on disk of the named files (stdin and failures count 0)."""
    return sum(_size(p) for p in paths if isinstance(p, Path) and not is_stdin(p))
