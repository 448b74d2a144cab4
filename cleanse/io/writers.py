"""Write results: JSONL (one record a line), a JSON array, or plain text.

A record is rendered to bytes by ``render`` (in a worker process, when there
are workers) and the ``Writer`` only frames the rendered records, so the
parent of a parallel batch does no serialisation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, Literal

from cleanse.models import Article

OutputFormat = Literal["jsonl", "json", "text"]
OUTPUT_FORMATS: tuple[OutputFormat, ...] = ("jsonl", "json", "text")


def render_json(article: Article) -> bytes:
    """The record as deterministic JSON (jsonl and json formats)."""
    return article.to_json()


def render_text(article: Article) -> bytes:
    """Title (when known), a blank line, and the cleaned text."""
    text = article.text if not article.title else f"{article.title}\n\n{article.text}"
    return text.encode("utf-8")


def renderer(fmt: OutputFormat) -> Callable[[Article], bytes]:
    """The module-level (so picklable) render function of an output format."""
    return render_text if fmt == "text" else render_json


def render(article: Article, fmt: OutputFormat) -> bytes:
    return renderer(fmt)(article)


class Writer:
    """Streams records to a binary stream in one of the output formats."""

    def __init__(self, stream: IO[bytes], fmt: OutputFormat = "jsonl") -> None:
        self._stream = stream
        self._fmt = fmt
        self._count = 0

    @property
    def count(self) -> int:
        return self._count

    def write(self, article: Article) -> None:
        self.write_rendered(render(article, self._fmt))

    def write_rendered(self, payload: bytes) -> None:
        """Write one record already rendered with ``render(article, fmt)``."""
        if self._fmt == "jsonl":
            self._stream.write(payload + b"\n")
        elif self._fmt == "json":
            self._stream.write((b"[\n" if self._count == 0 else b",\n") + payload)
        else:
            if self._count:
                self._stream.write(b"\n\n")
            self._stream.write(payload + b"\n")
        self._count += 1

    def close(self) -> None:
        if self._fmt == "json":
            self._stream.write(b"[]\n" if self._count == 0 else b"\n]\n")
        self._stream.flush()
