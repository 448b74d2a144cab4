"""extract: HTML to article text and metadata (trafilatura); titles of plain text.

The extracted text is the input text of the edit log for HTML: paragraphs
(trafilatura's lines) joined by one blank line. Metadata come from the page
(title, authors, date, language, url). Fetching is never enabled: extraction
works only on the bytes it is given.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict

from cleanse.document import Proposal
from cleanse.errors import ExtractionError


class ExtractOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    favor_precision: bool = True
    include_comments: bool = False
    include_tables: bool = True
    title_from_first_line: bool = True


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: dt.date | None = None
    language: str | None = None
    url: str | None = None


_HTML_SNIFF = re.compile(
    r"\A(?:\s|<!--.*?-->)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
    re.IGNORECASE | re.DOTALL,
)
_TAGS = re.compile(r"<(?:p|div|span|a|br|table|article|section|h[1-6])\b[^>]*>", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    head = text[:4096]
    return bool(_HTML_SNIFF.match(head)) or len(_TAGS.findall(head)) >= 5


def _authors(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    parts = [a.strip() for a in re.split(r";|\|", str(value))]
    return tuple(dict.fromkeys(a for a in parts if a))


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _language(value: Any) -> str | None:
    if not value:
        return None
    code = str(value).strip().lower().replace("_", "-").split("-")[0]
    return code if re.fullmatch(r"[a-z]{2}", code) else None


def extract_html(html: str, *, url: str | None, options: ExtractOptions) -> Extracted:
    # Imported here: trafilatura costs ~0.5 s to import and plain text never needs it.
    from trafilatura import bare_extraction

    try:
        doc = bare_extraction(
            html,
            url=url,
            favor_precision=options.favor_precision,
            include_comments=options.include_comments,
            include_tables=options.include_tables,
            with_metadata=True,
            deduplicate=False,
        )
    except (ValueError, TypeError, RecursionError) as exc:  # malformed trees
        raise ExtractionError(f"extraction failed: {type(exc).__name__}: {exc}") from exc
    body: str | None = getattr(doc, "text", None)
    if doc is None or not body:
        raise ExtractionError("no article text found in the HTML")
    lines = (line.strip() for line in body.split("\n"))
    text = "\n\n".join(line for line in lines if line)
    return Extracted(
        text=text,
        title=(getattr(doc, "title", None) or "").strip() or None,
        authors=_authors(getattr(doc, "author", None)),
        published=_date(getattr(doc, "date", None)),
        language=_language(getattr(doc, "language", None)),
        url=getattr(doc, "url", None) or url,
    )


# A headline: one line, 2..30 words, no sentence-final punctuation, followed by
# a blank line and then a paragraph of running text.
_HEADLINE = re.compile(
    r"\A\s*(?P<title>[\"'“‘(\[]?[\w][^\n]{2,200}?)[ \t]*\r?\n[ \t]*\r?\n\s*(?=\S)"
)
_ENDS_SENTENCE = re.compile(r"[.,;!?…:]['\"”’)]?\Z")


def title_from_first_line(text: str) -> tuple[str, Proposal] | None:
    """The first line of a plain-text article, when it reads as a headline."""
    m = _HEADLINE.match(text)
    if m is None:
        return None
    title = m.group("title").strip()
    words = title.split()
    if not 2 <= len(words) <= 30 or _ENDS_SENTENCE.search(title):
        return None
    rest = text[m.end() :]
    first_para = rest.split("\n\n", 1)[0]
    # The body must be running text: a sentence, longer than the headline.
    if len(first_para) <= len(title) or not re.search(r"[.!?…]['\"”’)]?\s", first_para + " "):
        return None
    return title, Proposal(0, m.end(), "", "extract.title-first-line")
