"""extract: HTML to article text and metadata (trafilatura); titles of plain text.

The extracted text is the input text of the edit log for HTML: one block per
element of trafilatura's body (paragraph, heading, list, table, quote), blocks
joined by one blank line, lines inside a block by one newline. Metadata come from the page
(title, authors, date, language, url). Fetching is never enabled: extraction
works only on the bytes it is given.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from cleanse.boilerplate.credits import parse_byline
from cleanse.document import Proposal
from cleanse.errors import ExtractionError, ExtractionTimeoutError


class ExtractOptions(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    favor_precision: bool = False  # with the boilerplate step, recall matters more (README)
    include_comments: bool = False
    include_tables: bool = True
    title_from_first_line: bool = True
    timeout_seconds: float | None = Field(
        default=30.0,
        gt=0,
        description="Per-page time limit for HTML extraction; None for no limit.",
    )


# -- the per-page time limit ------------------------------------------------------------


class Deadline(BaseException):
    """Raised inside a block that ran out of time. A BaseException, so that the
    ``except Exception`` blocks inside trafilatura cannot swallow it."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ``Deadline`` inside the block once ``seconds`` have passed.

    In the main thread (also the main thread of each ``clean_many`` worker
    process) this is a ``SIGALRM`` interval timer, unless the program already
    has one armed, which is left alone. Elsewhere (other threads, or a timer
    already in use) a watchdog thread raises ``Deadline`` asynchronously in the
    working thread (``PyThreadState_SetAsyncExc``). Both interrupt Python code
    between bytecodes: a single C call that never returns is not interrupted.
    """
    if seconds is None:
        yield
    elif (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    ):
        with _alarm(seconds):
            yield
    else:
        with _watchdog(seconds):
            yield


# Once the deadline has passed it is raised again every _REFIRE seconds until the
# block exits: a Deadline raised inside a __del__ or a C callback is swallowed there.
_REFIRE = 0.05


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    armed = [True]

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        if armed[0]:
            signal.setitimer(signal.ITIMER_REAL, _REFIRE)
            raise Deadline

    previous = signal.signal(signal.SIGALRM, on_alarm)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            armed[0] = False
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _set_async_exc(thread_id: int, exc: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc is not None else None
    )


@contextmanager
def _watchdog(seconds: float) -> Iterator[None]:
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"armed": True, "fired": False}

    done = threading.Event()

    def fire() -> None:
        wait = seconds
        while not done.wait(wait):
            with lock:
                if not state["armed"]:
                    return
                state["fired"] = True
                _set_async_exc(target, Deadline)
            wait = _REFIRE

    watchdog = threading.Thread(target=fire, name="cleanse-deadline", daemon=True)
    watchdog.start()
    try:
        yield
    finally:
        done.set()
        with lock:
            state["armed"] = False
            if state["fired"]:  # not raised yet (the block just ended): take it back
                _set_async_exc(target, None)


# -- extraction -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: dt.date | None = None
    language: str | None = None
    url: str | None = None


# Before the first tag: a byte order mark (a str read from a file with a BOM), white
# space, comments, and an XML prolog (XHTML: <?xml version="1.0"?>).
_HTML_SNIFF = re.compile(
    r"\A\ufeff?(?:\s|<!--.*?-->|<\?xml\b[^<>]*>)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
    re.IGNORECASE | re.DOTALL,
)
# [^<>]: a tag ends before the next '<', so a run of unclosed "<a<a<a" stays linear.
_TAGS = re.compile(r"<(?:p|div|span|a|br|table|article|section|h[1-6])\b[^<>]*>", re.IGNORECASE)


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


def language_code(value: Any) -> str | None:
    """An ISO 639-1 code from a declared language ("fr-FR", "EN_us" -> "fr", "en"), or None."""
    if not value:
        return None
    code = str(value).strip().lower().replace("_", "-").split("-")[0]
    return code if re.fullmatch(r"[a-z]{2}", code) else None


_DECLARED_LANGUAGE = re.compile(
    r"""<html\b[^>]{0,500}?\blang\s*=\s*["']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})?)"""
    r"""|<meta\b[^>]{0,300}?(?:http-equiv\s*=\s*["']?content-language|og:locale)["']?"""
    r"""[^>]{0,300}?content\s*=\s*["']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})?)""",
    re.IGNORECASE,
)


def declared_language(html: str) -> str | None:
    """The language a page declares (<html lang>, content-language, og:locale), ISO 639-1."""
    m = _DECLARED_LANGUAGE.search(html, 0, 16_384)
    return language_code(m.group(1) or m.group(2)) if m else None


def extract_html(html: str, *, url: str | None, options: ExtractOptions) -> Extracted:
    # Imported here: trafilatura costs ~0.5 s to import and plain text never needs it.
    from trafilatura import bare_extraction

    try:
        with time_limit(options.timeout_seconds):
            doc = bare_extraction(
                html,
                url=url,
                favor_precision=options.favor_precision,
                include_comments=options.include_comments,
                include_tables=options.include_tables,
                with_metadata=True,
                deduplicate=False,
            )
    except Deadline as exc:
        raise ExtractionTimeoutError(
            f"extraction took longer than {options.timeout_seconds:g} s "
            "(Config.extract.timeout_seconds)"
        ) from exc
    except (ValueError, TypeError, RecursionError) as exc:  # malformed trees
        raise ExtractionError(f"extraction failed: {type(exc).__name__}: {exc}") from exc
    text = _body_text(doc)
    if not text:
        raise ExtractionError("no article text found in the HTML")
    return Extracted(
        text=text,
        title=(getattr(doc, "title", None) or "").strip() or None,
        authors=_authors(getattr(doc, "author", None)),
        published=_date(getattr(doc, "date", None)),
        language=language_code(getattr(doc, "language", None)) or declared_language(html),
        url=getattr(doc, "url", None) or url,
    )


def _block_lines(text: str) -> str:
    return "\n".join(stripped for line in text.split("\n") if (stripped := line.strip()))


def _body_text(doc: Any) -> str:
    """One block per element of trafilatura's body, blocks joined by a blank line.

    Within a block (a paragraph with ``<br>``, a list, a table) lines stay single
    newlines, so a line break never splits a paragraph; the words are trafilatura's
    own text output for each element.
    """
    if doc is None:
        return ""
    body = getattr(doc, "body", None)
    if body is None or len(body) == 0:
        return _block_lines(getattr(doc, "text", None) or "").replace("\n", "\n\n")
    from trafilatura.xml import xmltotxt

    blocks = (_block_lines(xmltotxt(child, False)) for child in body)
    return "\n\n".join(block for block in blocks if block)


# A headline: one line, 2..30 words, no sentence-final punctuation, followed by
# a blank line and then a paragraph of running text.
_HEADLINE = re.compile(
    r"\A\s*(?P<title>[\"'“‘(\[]?[\w][^\n]{2,200}?)[ \t]*\r?\n[ \t]*\r?\n\s*(?=\S)"
)
_HEADLINE_HEAD = 4096
_SENTENCE_END = re.compile(r"[.!?…]['\"”’)]?\s")
_ENDS_SENTENCE = re.compile(r"[.,;!?…:]['\"”’)]?\Z")


def title_from_first_line(text: str) -> tuple[str, Proposal] | None:
    """The first line of a plain-text article, when it reads as a headline."""
    # The headline is at most ~200 characters: match a bounded head (linear time on a
    # first "line" of 1 MB of tabs), and the whole text only if the match reached its end.
    m = _HEADLINE.match(text, 0, _HEADLINE_HEAD)
    if m is not None and m.end() == min(len(text), _HEADLINE_HEAD):
        m = _HEADLINE.match(text)
    if m is None:
        return None
    title = m.group("title").strip()
    words = title.split()
    if not 2 <= len(words) <= 30 or _ENDS_SENTENCE.search(title):
        return None
    if parse_byline(title) is not None:
        return None  # "By Jane Doe", "Written by Jane Doe": the boilerplate step's byline
    rest = text[m.end() :]
    first_para = rest.split("\n\n", 1)[0]
    # The body must be running text: a sentence of three words or more. (Not "longer than
    # the headline": later steps may change either length, and the decision must not flip.)
    if len(first_para.split()) < 3 or not _SENTENCE_END.search(first_para + " "):
        return None
    return title, Proposal(0, m.end(), "", "extract.title-first-line")
