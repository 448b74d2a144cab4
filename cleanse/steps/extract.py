"""extract: HTML to article text and metadata (trafilatura); titles of plain text.

The extracted text is the input text of the edit log for HTML: one block per
element of trafilatura's body (paragraph, heading, list, table, quote), blocks
joined by one blank line, lines inside a block by one newline (a double ``<br>`` starts
a new block). Metadata come from the page (title, authors, date, language, url); the
title is never cut at a separator, and loses only a known site name. Fetching is never
enabled: extraction works only on the bytes it is given.
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
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field

from cleanse.boilerplate.credits import parse_byline
from cleanse.document import Proposal
from cleanse.errors import ExtractionError, ExtractionTimeoutError
from cleanse.steps.decode import C1_CONTROLS, C1_TO_CP1252


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
# Elements that structure a page (an inline <b> or <a> in running text does not).
_BLOCKS = (
    r"p|div|article|section|main|header|footer|nav|aside|h[1-6]|ul|ol|li|dl|dt|dd|table|"
    r"thead|tbody|tr|td|th|blockquote|pre|figure|figcaption|form|br|hr|img|iframe|script|style"
)
# A fragment that starts with a block tag: "<p>The council met…</p><p>…</p>".
_LEADING_BLOCK = re.compile(
    rf"\A\ufeff?(?:\s|<!--.*?-->)*<(?:{_BLOCKS})\b[^<>]*>", re.IGNORECASE | re.DOTALL
)
# [^<>]: a tag ends before the next '<', so a run of unclosed "<a<a<a" stays linear.
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*\b[^<>]*>")
_CLOSING_BLOCK = re.compile(rf"</(?:{_BLOCKS})\s*>", re.IGNORECASE)
# Elsewhere, markup must be a real share of the text, not a few tags named in prose.
_MIN_CLOSING_BLOCKS = 2
_MIN_MARKUP_SHARE = 0.02


def is_page(text: str) -> bool:
    """Whether ``text`` opens as a whole HTML page (doctype, <html>, <head>…), not a
    fragment."""
    return _HTML_SNIFF.match(text[:4096]) is not None


def looks_like_html(text: str) -> bool:
    """Is ``text`` an HTML page or fragment (kind="auto")?

    A page start (doctype, <html>, <head>…) decides at once; so does a leading block
    tag when a closing tag follows ("<p> is the paragraph element, <div> groups" is
    prose). Otherwise it takes closing block tags (prose that names tags rarely closes
    them) and markup making up a real share of the text, not a count of tags.
    """
    head = text[:4096]
    if _HTML_SNIFF.match(head):
        return True
    tags = _TAG.findall(head)
    closing = len(_CLOSING_BLOCK.findall(head))
    if _LEADING_BLOCK.match(head):
        return closing > 0
    markup = sum(len(t) for t in tags)
    return closing >= _MIN_CLOSING_BLOCKS and markup >= _MIN_MARKUP_SHARE * len(head.strip())


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


# C1 controls are no text: in HTML they are windows-1252 bytes read as latin-1 (often
# UTF-8 mojibake: "â\x80\x99"). Browsers show cp1252's characters (the parser already does
# so for "&#146;"); trafilatura would drop them, leaving "Itâs" that repair cannot fix.
# The five C1 controls cp1252 leaves undefined ("”" is UTF-8 e2 80 9d) pass extraction as
# stand-ins: printable (trafilatura keeps them), rare, NFC-stable ideographic description
# characters the page does not use; the text gets the controls back for the repair step.
_STAND_INS = range(0x2FF0, 0x3000)


def _shield_c1(html: str) -> tuple[str, dict[int, str]]:
    """``html`` with its C1 controls as cp1252 characters or stand-ins, and the table that
    turns the stand-ins back into the controls."""
    if not C1_CONTROLS.search(html):
        return html, {}
    undefined = sorted({c for c in C1_CONTROLS.findall(html) if ord(c) not in C1_TO_CP1252})
    free = (chr(p) for p in _STAND_INS if chr(p) not in html)
    shield = {ord(c): stand_in for c, stand_in in zip(undefined, free, strict=False)}
    html = html.translate({**C1_TO_CP1252, **shield})
    return html, {ord(stand_in): chr(c) for c, stand_in in shield.items()}


# Only dates the page states (meta tags, JSON-LD, <time>, the url, a full date in the
# text): htmldate's extensive search takes a bare year ("© 2019 Bugle Media") for
# 2019-01-01. The published date is preferred over a modified one.
_DATE_PARAMS: dict[str, Any] = {"original_date": True, "extensive_search": False}


def extract_html(html: str, *, url: str | None, options: ExtractOptions) -> Extracted:
    # Imported here: trafilatura costs ~0.5 s to import and plain text never needs it.
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    html, unshield = _shield_c1(html)
    try:
        with time_limit(options.timeout_seconds):
            # Parsed once here, so the title can be checked against the page's own head;
            # trafilatura works on a copy (and on the str, as before, when this fails).
            try:
                tree = load_html(html)
            except (TypeError, ValueError):
                tree = None
            doc = bare_extraction(
                tree if tree is not None else html,
                url=url,
                favor_precision=options.favor_precision,
                include_comments=options.include_comments,
                include_tables=options.include_tables,
                with_metadata=True,
                deduplicate=False,
                date_extraction_params=dict(_DATE_PARAMS),
            )
            text = _body_text(doc)
            title = None
            if text:
                title = _page_title(
                    getattr(doc, "title", None),
                    _PageHead.read(tree),
                    site_names=(getattr(doc, "sitename", None),),
                    urls=(getattr(doc, "url", None), url),
                )
    except Deadline as exc:
        raise ExtractionTimeoutError(
            f"extraction took longer than {options.timeout_seconds:g} s "
            "(Config.extract.timeout_seconds)"
        ) from exc
    except (ValueError, TypeError, RecursionError) as exc:  # malformed trees
        raise ExtractionError(f"extraction failed: {type(exc).__name__}: {exc}") from exc
    if not text:
        raise ExtractionError("no article text found in the HTML")
    authors = _authors(getattr(doc, "author", None))
    if unshield:
        text = text.translate(unshield)
        title = title.translate(unshield) if title else title
        authors = tuple(a.translate(unshield) for a in authors)
    return Extracted(
        text=text,
        title=title,
        authors=authors,
        published=_date(getattr(doc, "date", None)),
        language=language_code(getattr(doc, "language", None)) or declared_language(html),
        url=getattr(doc, "url", None) or url,
    )


# -- the title --------------------------------------------------------------------------

_SPACE_RUN = re.compile(r"\s+")
# Where a title joins headline and site name: "Headline | Site", "Site - Headline".
# Titles are squashed (single spaces) first, which keeps these linear.
_TITLE_SEPARATOR = re.compile(r" (?:\||-|–|—|::|·|•) ")
# Where trafilatura cuts a <title> (trafilatura.metadata.HTMLTITLE_REGEX).
_CUT_CHARS = "–•·—|⁄*⋆~‹«<›»>:-"
_CUT = rf" [{_CUT_CHARS}] "
_CUT_AFTER_HEAD = re.compile(_CUT)
_CUT_BEFORE_TAIL = re.compile(_CUT + r"\Z")
_NOT_ALNUM = re.compile(r"[\W_]+")
_DOMAIN = re.compile(r"(?:[\w-]+\.)+[a-zA-Z]{2,}")
_LEADING_THE = re.compile(r"\Athe\s+")
# Second-level labels under a country code: "bugle.co.uk" is named "bugle".
_SECOND_LEVEL = frozenset({"co", "com", "net", "org", "gov", "ac", "edu", "news"})


def _squash(value: Any) -> str:
    return _SPACE_RUN.sub(" ", str(value)).strip() if value else ""


def _name_key(name: str) -> str:
    """A site name compared without case, spaces, punctuation or a leading "The"."""
    return _NOT_ALNUM.sub("", _LEADING_THE.sub("", name.casefold().strip()))


def _host_keys(url: str | None) -> set[str]:
    """The names a url's host stands for: "www.bugle.co.uk" -> {"bugle", "buglecouk"}."""
    if not url:
        return set()
    try:
        host = (urlsplit(url.strip()).hostname or "").rstrip(".")
    except ValueError:
        return set()
    labels = host.split(".")
    if labels[0] == "www":
        labels = labels[1:]
    if len(labels) < 2:
        return set()
    suffix = 2 if len(labels) > 2 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 1
    return {k for k in (_name_key(labels[-suffix - 1]), _name_key("".join(labels))) if k}


@dataclass(frozen=True, slots=True)
class _PageHead:
    """What a page says about its own title and name."""

    og_title: str = ""
    twitter_title: str = ""
    title_element: str = ""
    site_names: tuple[str, ...] = ()
    headings: frozenset[str] = frozenset()

    @classmethod
    def read(cls, tree: Any) -> _PageHead:
        if tree is None:
            return cls()
        meta: dict[str, str] = {}
        for element in tree.iter("meta"):
            key = (element.get("property") or element.get("name") or "").strip().lower()
            if key and key not in meta and (content := _squash(element.get("content"))):
                meta[key] = content
        title = tree.find(".//head//title")
        return cls(
            og_title=meta.get("og:title", ""),
            twitter_title=meta.get("twitter:title", ""),
            title_element=_squash(title.text_content()) if title is not None else "",
            site_names=tuple(
                v for k in ("og:site_name", "application-name") if (v := meta.get(k, ""))
            ),
            headings=frozenset(_squash(h.text_content()) for h in tree.iter("h1")),
        )


def _is_part(part: str, whole: str) -> bool:
    """Is ``part`` one side of ``whole`` cut at a separator, or all of it?"""
    return part == whole or _is_cut(part, whole)


def _is_cut(part: str, whole: str) -> bool:
    """Is ``part`` what is left of ``whole`` cut at a separator ("Iraq" of "Iraq - US talks")?"""
    if not part or len(part) >= len(whole):
        return False
    if whole.startswith(part) and _CUT_AFTER_HEAD.match(whole, len(part)):
        return True
    return whole.endswith(part) and bool(_CUT_BEFORE_TAIL.search(whole, 0, len(whole) - len(part)))


def _headline_and_name(part: str, whole: str) -> bool:
    """Is ``part`` of ``whole`` a clear full headline: three words or more, and what was
    cut off a name ("| The Daily Bugle": one to four capitalised words, or a domain)?"""
    rest = whole[len(part) :] if whole.startswith(part) else whole[: len(whole) - len(part)]
    rest = rest.strip().strip(_CUT_CHARS).strip()
    words = rest.split()
    if len(part.split()) < 3 or not 1 <= len(words) <= 4:
        return False
    return bool(_DOMAIN.fullmatch(rest)) or all(w[0].isupper() or w[0].isdigit() for w in words)


def _without_site_name(title: str, sites: set[str]) -> str | None:
    """``title`` less the site-name segments at its ends, joined as written; None if it
    has none (or is nothing but the site name)."""
    bounds = [0]
    for m in _TITLE_SEPARATOR.finditer(title):
        bounds += [m.start(), m.end()]
    bounds.append(len(title))
    segments = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    first, last = 0, len(segments) - 1
    while first <= last and _name_key(title[slice(*segments[first])]) in sites:
        first += 1
    while last >= first and _name_key(title[slice(*segments[last])]) in sites:
        last -= 1
    if first > last or (first, last) == (0, len(segments) - 1):
        return None
    return title[segments[first][0] : segments[last][1]]


def _page_title(
    extracted: Any,
    head: _PageHead,
    *,
    site_names: tuple[Any, ...] = (),
    urls: tuple[str | None, ...] = (),
) -> str | None:
    """The headline: trafilatura's title (og:title, meta, JSON-LD, <h1>…, else a part of
    <title>), less a site name at either end.

    trafilatura cuts "<title>Iraq - US talks end without a deal" to "Iraq" at a
    separator; such a cut is undone (unless an <h1> or og:title confirms it) and only
    segments known to be the site name (og:site_name, application-name, trafilatura's
    sitename, the url's domain) are dropped. With no site name known the whole title is
    kept: a suffix is better than a cut headline.
    """
    title = _squash(extracted)
    whole = head.title_element
    if (
        _is_cut(title, whole)
        and title not in (head.headings | {head.og_title, head.twitter_title})
        and not _headline_and_name(title, whole)
    ):
        title = whole
    # trafilatura's sitename may be a part of <title> that holds a dot ("U.S. talks end"):
    # trusted only when it is a domain name or comes from elsewhere (meta tags).
    named = [_squash(n) for n in site_names if n]
    named = [n for n in named if _DOMAIN.fullmatch(n) or not _is_part(n, whole)]
    sites = {_name_key(n) for n in (*named, *head.site_names)}
    for url in urls:
        sites |= _host_keys(url)
    sites.discard("")
    for candidate in (title, head.og_title, head.twitter_title, whole):
        if not candidate:
            continue
        if _name_key(candidate) in sites:
            continue  # the site's name, not a headline (a logo in an <h1>)
        return _without_site_name(candidate, sites) or candidate
    return title or None


def _block_lines(text: str) -> str:
    return "\n".join(stripped for line in text.split("\n") if (stripped := line.strip()))


# Where a double <br> is no paragraph break: a list item, a table cell, code.
_KEEP_LINES = frozenset({"item", "list", "cell", "row", "table", "code"})


def _mark_paragraph_breaks(block: Any) -> str | None:
    """Mark each run of two or more ``<lb/>`` (``<br><br>``) in ``block`` with a string
    the block's text does not hold, and return it (None: no such run).

    trafilatura renders the run as one newline, so a paragraph break would become a line
    break; the mark survives its text output, and the text is split there.
    """
    runs = []
    for lb in block.iter("lb"):
        nxt = lb.getnext()
        if nxt is None or nxt.tag != "lb" or (lb.tail and not lb.tail.isspace()):
            continue
        prev = lb.getprevious()
        if prev is not None and prev.tag == "lb" and not (prev.tail or "").strip():
            continue  # inside a run already marked
        if any(a.tag in _KEEP_LINES for a in lb.iterancestors()):
            continue
        runs.append(lb)
    if not runs:
        return None
    text = "".join(block.itertext())
    mark = "\u2761"  # ❡, printable, so trafilatura's text output keeps it
    while mark in text:
        mark += "\u2761"
    for lb in runs:
        lb.tail = mark
    return mark


def _body_text(doc: Any) -> str:
    """One block per element of trafilatura's body, blocks joined by a blank line.

    Within a block (a paragraph with ``<br>``, a list, a table) lines stay single
    newlines, so a line break never splits a paragraph; a double ``<br>`` does (it is
    how many pages separate paragraphs). The words are trafilatura's own text output for
    each element.
    """
    if doc is None:
        return ""
    body = getattr(doc, "body", None)
    if body is None or len(body) == 0:
        return _block_lines(getattr(doc, "text", None) or "").replace("\n", "\n\n")
    from trafilatura.xml import xmltotxt

    blocks: list[str] = []
    for child in body:
        mark = _mark_paragraph_breaks(child)
        text = xmltotxt(child, False)
        blocks.extend(_block_lines(part) for part in (text.split(mark) if mark else (text,)))
    return "\n\n".join(block for block in blocks if block)


# A headline: one line, 2..30 words, no sentence-final punctuation, followed by
# a blank line and then a paragraph of running text.
_HEADLINE = re.compile(
    r"\A\s*(?P<title>[\"'“‘(\[]?[\w][^\n]{2,200}?)[ \t]*\r?\n[ \t]*\r?\n\s*(?=\S)"
)
_HEADLINE_HEAD = 4096
_SENTENCE_END = re.compile(r"[.!?…]['\"”’)]?\s")
_ENDS_SENTENCE = re.compile(r"[.,;!?…:]['\"”’)]?\Z")
_ENDS_IN_DASH = re.compile(r"\s[—–-]+\Z")


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
    if _ENDS_IN_DASH.search(title):
        return None  # a dateline ("WASHINGTON (AP) —", "KYIV —"), not a headline
    # The body must be running text: a sentence of three words or more (not "longer than
    # the headline": later steps may change either length, and the decision must not
    # flip), after at most two lines of a byline or a date ("By Jane Doe", "March 3").
    for paragraph in text[m.end() : m.end() + _HEADLINE_HEAD].split("\n\n", 3)[:3]:
        if len(paragraph.split()) >= 3 and _SENTENCE_END.search(paragraph + " "):
            return title, Proposal(0, m.end(), "", "extract.title-first-line")
        if parse_byline(paragraph) is None and not _short_meta(paragraph):
            return None
    return None


def _short_meta(paragraph: str) -> bool:
    """A line between a headline and its story: a date, a place, a label; few words, no
    sentence."""
    return "\n" not in paragraph.strip() and 0 < len(paragraph.split()) <= 6
