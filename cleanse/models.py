"""The record cleanse produces (schema_version "1").

These pydantic models are the public contract; ``schemas/article.schema.json``
is generated from them (``cleanse schema``) and a test fails when they drift.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

import orjson
from pydantic import BaseModel, ConfigDict, Field, field_validator

SCHEMA_VERSION: Literal["1"] = "1"
EntityKind = Literal["person", "org", "place", "other"]
_SURROGATE = re.compile("[\ud800-\udfff]")


def visible(text: str) -> str:
    """``text`` with each lone surrogate written as a backslash escape, which JSON can hold.

    A byte a file name could not decode (Python reads it as U+DC80..U+DCFF) becomes
    ``\\xe9``, as Python shows bytes; any other lone surrogate ``\\ud800``.
    """
    return _SURROGATE.sub(_escape_surrogate, text)


def replace_surrogates(text: str) -> str:
    """``text`` with each lone surrogate, which no JSON record can hold, as U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def _escape_surrogate(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Edit(_Record):
    """One change, in the coordinates of the input text; ``before`` is input[start:end]."""

    step: str = Field(description="Step(s) that made the change, '+'-joined when merged.")
    rule: str = Field(description="Rule id(s) that explain the change, '+'-joined when merged.")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    before: str
    after: str


class Mention(_Record):
    start: int = Field(ge=0, description="Offset into Article.text.")
    end: int = Field(ge=0)
    surface: str


class Entity(_Record):
    canonical: str
    kind: EntityKind
    mentions: list[Mention]


class Flag(_Record):
    """A problem seen but deliberately not fixed (e.g. a likely typo inside a quotation)."""

    rule: str
    start: int = Field(ge=0, description="Offset into Article.text.")
    end: int = Field(ge=0)
    message: str
    suggestion: str | None = None


class Stats(_Record):
    chars_in: int = Field(ge=0, description="Characters of the decoded input (HTML included).")
    chars_out: int = Field(ge=0)
    words_out: int = Field(ge=0)
    edits: dict[str, int] = Field(description="Number of logged edits each step took part in.")


class Article(_Record):
    schema_version: Literal["1"] = SCHEMA_VERSION
    id: str
    url: str | None = None
    site: str | None = None
    title: str | None = None
    authors: list[str] = Field(default_factory=list)
    published: dt.date | None = None
    language: str | None = Field(default=None, description="ISO 639-1 code.")
    text: str
    sources: list[str] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    edits: list[Edit] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    stats: Stats

    def to_json(self) -> bytes:
        """Deterministic JSON: sorted keys, no insignificant whitespace."""
        return orjson.dumps(self.model_dump(mode="json"), option=orjson.OPT_SORT_KEYS)


class Failure(_Record):
    """An input that could not be cleaned; returned in place of its Article."""

    input: str = Field(description="Name of the input: file, file:line, or record id.")
    error: str = Field(description="Error class, e.g. DecodeError.")
    message: str

    @field_validator("input", "error", "message")
    @classmethod
    def _visible(cls, value: str) -> str:
        # A file name need not be valid UTF-8 (Python keeps its bad bytes as lone
        # surrogates), and JSON cannot hold those.
        return value if value.isascii() else visible(value)

    def to_json(self) -> bytes:
        return orjson.dumps(self.model_dump(mode="json"), option=orjson.OPT_SORT_KEYS)


def replay(source: str, edits: list[Edit]) -> str:
    """Apply a sorted, non-overlapping edit log to its input text."""
    parts: list[str] = []
    pos = 0
    for edit in edits:
        parts.append(source[pos : edit.start])
        parts.append(edit.after)
        pos = edit.end
    parts.append(source[pos:])
    return "".join(parts)
