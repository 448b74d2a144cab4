"""Write results: JSONL (one record a line), a JSON array, or plain text."""

from __future__ import annotations

from typing import IO, Literal

from cleanse.models import Article

OutputFormat = Literal["jsonl", "json", "text"]


class Writer:
    """Streams Articles to a binary stream in one of the output formats."""

    def __init__(self, stream: IO[bytes], fmt: OutputFormat = "jsonl") -> None:
        self._stream = stream
        self._fmt = fmt
        self._count = 0

    def write(self, article: Article) -> None:
        if self._fmt == "jsonl":
            self._stream.write(article.to_json() + b"\n")
        elif self._fmt == "json":
            self._stream.write((b"[\n" if self._count == 0 else b",\n") + article.to_json())
        else:
            if self._count:
                self._stream.write(b"\n\n")
            if article.title:
                self._stream.write(article.title.encode("utf-8") + b"\n\n")
            self._stream.write(article.text.encode("utf-8") + b"\n")
        self._count += 1

    def close(self) -> None:
        if self._fmt == "json":
            self._stream.write(b"[]\n" if self._count == 0 else b"\n]\n")
        self._stream.flush()
