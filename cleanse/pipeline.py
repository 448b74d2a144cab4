"""The pipeline: raw input -> decode -> extract -> text steps -> Article.

``Pipeline.clean`` raises ``CleanseError`` on bad input; ``clean_many`` turns
those into ``Failure`` values so a batch never stops for one bad document,
and keeps input order, also across worker processes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import partial
from typing import Any, Literal
from urllib.parse import urlsplit

import ftfy

from cleanse.config import Config
from cleanse.document import Document
from cleanse.errors import (
    CleanseError,
    ExtractionError,
    ExtractionTimeoutError,
    InputFormatError,
    InputTooLargeError,
)
from cleanse.language import detect_language
from cleanse.models import Article, Entity, Failure, Flag, Mention, Stats, replace_surrogates
from cleanse.steps import (
    FlagProposal,
    MentionProposal,
    Step,
    StepContext,
    StepResult,
    build_step,
)
from cleanse.steps.decode import decode
from cleanse.steps.extract import (
    Extracted,
    extract_html,
    is_page,
    language_code,
    looks_like_html,
    title_from_first_line,
)
from cleanse.workers import chunked, map_chunks

Kind = Literal["auto", "text", "html"]
_KINDS: tuple[Kind, ...] = ("auto", "text", "html")
_WORDS = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")


# Steps that only normalise characters and spacing; they are run to a fixed point.
_NORMALISERS = frozenset({"repair", "whitespace"})
_MAX_NORMALISE_ROUNDS = 3
_MAX_EXTRA_ROUNDS = 2


# The fields a record may hold, and their JSON types: a title that is a list is a mistake
# to report, not a string to make of it.
_FIELD_TYPES: dict[str, tuple[type, ...]] = {
    "text": (str,),
    "html": (str,),
    "url": (str,),
    "id": (str, int),  # many dumps number their records
    "title": (str,),
    "language": (str,),
}
_JSON_TYPES: dict[type, str] = {
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "a boolean",
    list: "an array",
    dict: "an object",
}


def _json_type(value: object) -> str:
    """A value's (or a type's) JSON type, with its article."""
    kind = value if isinstance(value, type) else type(value)
    return _JSON_TYPES.get(kind, kind.__name__)


class StepFailedError(CleanseError):
    """A step raised on this input: a bug in cleanse. Report it with the input."""


@dataclass(frozen=True, slots=True)
class Input:
    """One raw document and what the caller knows about it."""

    raw: str | bytes
    name: str = "<input>"
    url: str | None = None
    id: str | None = None
    title: str | None = None
    kind: Kind = "auto"
    # The language, if the caller knows it (ISO 639-1): used when the text does not tell.
    language: str | None = None

    def __post_init__(self) -> None:
        # A caller's mistake is an InputFormatError naming it, not an internal error later.
        if self.kind not in _KINDS:
            raise InputFormatError(
                f"{self.name}: kind must be one of {', '.join(_KINDS)}, not {self.kind!r}"
            )
        if isinstance(self.id, int) and not isinstance(self.id, bool):
            object.__setattr__(self, "id", str(self.id))  # many dumps number their records
        for key in ("id", "url", "title", "language"):
            value = getattr(self, key)
            if value is not None and not isinstance(value, str):
                expected = " or ".join(_json_type(t) for t in _FIELD_TYPES[key])
                raise InputFormatError(
                    f"{self.name}: {key} must be {expected}, not {_json_type(value)}"
                )

    @classmethod
    def from_record(cls, record: Mapping[str, Any], *, name: str) -> Input:
        """A JSON record with ``text`` or ``html`` and optional ``url``, ``id``, ``title``,
        ``language``; a known field of another type is an InputFormatError naming it."""
        for key, types in _FIELD_TYPES.items():
            value = record.get(key)
            if value is not None and (isinstance(value, bool) or not isinstance(value, types)):
                expected = " or ".join(_json_type(t) for t in types)
                raise InputFormatError(
                    f"{name}: field {key!r} must be {expected}, not {_json_type(value)}"
                )
        html, text = record.get("html"), record.get("text")
        kind: Kind
        if isinstance(html, str) and html:
            raw, kind = html, "html"
        elif isinstance(text, str):
            raw, kind = text, "text"
        else:
            raise InputFormatError(f"{name}: record has no 'text' or 'html' string field")
        # checked above; an integer id becomes its digits in __post_init__
        return cls(
            raw,
            name=name,
            url=record.get("url"),
            id=record.get("id"),
            title=record.get("title"),
            kind=kind,
            language=record.get("language"),
        )


def _merge_names(names: list[str], new: Iterable[str]) -> None:
    """Add names not listed yet, ignoring case ("JANE DOE" is "Jane Doe"); a name in
    capitals gives way to the same name written in mixed case."""
    for name in new:
        key = name.casefold()
        k = next((i for i, x in enumerate(names) if x.casefold() == key), None)
        if k is None:
            names.append(name)
        elif names[k].isupper() and not name.isupper():
            names[k] = name


def _json_safe(value: str | None) -> str | None:
    return value if value is None else replace_surrogates(value)


def _site(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.lower() if host else None


def _stable_id(url: str | None, text: str) -> str:
    key = url if url else text
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


class _Settled:
    """Per document: the text and context on which each step last proposed nothing.

    Steps are pure functions of (text, context), so running one again on the same pair
    gives the same empty result: a later round skips it. Most second rounds only follow
    a boilerplate removal, which typos and names already saw; this spares them.
    """

    __slots__ = ("_seen",)

    def __init__(self) -> None:
        self._seen: dict[str, tuple[str, StepContext]] = {}

    def run(self, name: str, step: Step, text: str, ctx: StepContext) -> StepResult:
        seen = self._seen.get(name)
        if seen is not None and seen[1] == ctx and seen[0] == text:
            return StepResult()
        result = step(text, ctx)
        if not result.edits:
            self._seen[name] = (text, ctx)
        return result


class _LastLanguage:
    """``detect_language`` that remembers its last text: when the normalisers changed
    nothing (most documents), the detection before the content steps is a repeat."""

    __slots__ = ("_found", "_text")

    def __init__(self) -> None:
        self._text: str | None = None
        self._found: str | None = None

    def __call__(self, text: str) -> str | None:
        if text != self._text:  # an identical object or length mismatch: no scan
            self._text, self._found = text, detect_language(text)
        return self._found


class Pipeline:
    """Built once from a Config; cleans any number of documents."""

    def __init__(self, config: Config | None = None) -> None:
        if config is not None and not isinstance(config, Config):
            raise TypeError(
                "config must be a cleanse.Config (Config.load(path) or "
                f"Config.from_mapping(options)), not {type(config).__name__}"
            )
        self.config = config if config is not None else Config()
        self._steps: list[tuple[str, Step]] | None = None

    @property
    def steps(self) -> list[tuple[str, Step]]:
        if self._steps is None:
            self._steps = [
                (name, build_step(name, self.config))
                for name in self.config.ordered_steps()
                if name not in ("decode", "extract")
            ]
        return self._steps

    # -- one document -------------------------------------------------------------

    def clean(
        self,
        raw: str | bytes,
        *,
        url: str | None = None,
        kind: Kind = "auto",
        id: str | None = None,
        title: str | None = None,
        name: str = "<input>",
        language: str | None = None,
    ) -> Article:
        return self.clean_input(
            Input(raw, name=name, url=url, id=id, title=title, kind=kind, language=language)
        )

    def clean_input(self, item: Input) -> Article:
        """Clean one input. ``item.title`` given (even ``""``, "known: none") turns off
        headline detection on the first line; with ``item.language`` set to the record's
        language, that is how to re-clean ``article.text``."""
        try:
            return self._clean(item)
        except CleanseError as exc:
            message = str(exc)
            if item.name not in message:
                raise type(exc)(f"{item.name}: {message}") from exc
            raise
        except Exception as exc:
            raise StepFailedError(
                f"{item.name}: internal error ({type(exc).__name__}: {exc}); "
                "this is a bug in cleanse, please report it with the input"
            ) from exc

    def _clean(self, item: Input) -> Article:
        config = self.config
        raw = item.raw
        if not isinstance(raw, str | bytes):
            raise InputFormatError(f"expected str or bytes, got {type(raw).__name__}")
        limit = config.max_input_chars
        if isinstance(raw, bytes):
            # No encoding takes more than 4 bytes a character: bytes past that bound are
            # refused before decoding; the characters are counted after.
            if len(raw) > 4 * limit:
                raise InputTooLargeError(
                    f"input has {len(raw):,} bytes, more than {limit:,} characters can take "
                    f"(Config.max_input_chars)"
                )
            if not config.enabled("decode"):
                raise InputFormatError(
                    "the input is bytes and the config's steps leave out 'decode', which "
                    "turns bytes into text: add it (the CLI reads files as bytes)"
                )
            text = decode(raw, name=item.name)
        else:
            text = raw
        if len(text) > limit:
            raise InputTooLargeError(
                f"input has {len(text):,} characters, over the limit of {limit:,} "
                "(Config.max_input_chars)"
            )
        # A str may carry lone surrogates, which no JSON record can hold: they become
        # U+FFFD before the text is the edit log's input (the one change not logged).
        if not text.isascii():
            text = replace_surrogates(text)
        chars_in = len(text)
        # So do the caller's id, url, title and language, which the record carries.
        fields = (item.id, item.url, item.title, item.language)
        if not all(f is None or f.isascii() for f in fields):
            item = replace(
                item,
                id=_json_safe(item.id),
                url=_json_safe(item.url),
                title=_json_safe(item.title),
                language=_json_safe(item.language),
            )

        kind = item.kind
        if kind == "auto":
            kind = "html" if looks_like_html(text) else "text"
        meta = Extracted(text=text, url=item.url)
        if kind == "html" and config.enabled("extract"):
            try:
                meta = extract_html(text, url=item.url, options=config.extract)
            except ExtractionTimeoutError:
                raise
            except ExtractionError:
                # A fragment taken for HTML by guess ("<p>The council met.</p>") that the
                # extractor finds no article in is cleaned as the text it was given.
                if item.kind != "auto" or is_page(text):
                    raise
                kind = "text"
        elif kind == "html":
            kind = "text"

        doc = Document(meta.text)
        title = item.title if item.title is not None else meta.title
        declared = language_code(item.language) or meta.language  # the caller's, else the page's
        if (
            kind == "text"
            and title is None
            and config.enabled("extract")
            and config.extract.title_from_first_line
        ):
            found = title_from_first_line(doc.text)
            if found is not None:
                title, proposal = found
                doc.apply("extract", [proposal])
        if title is not None:
            title = _SPACES.sub(" ", ftfy.fix_text(title, uncurl_quotes=False)).strip() or None

        # The caller's url wins: pages often name their home page as canonical, which
        # would give different articles one url and one id.
        url = item.url or meta.url
        detect = _LastLanguage()
        guessed = detect(doc.text)
        ctx = StepContext(
            kind=kind,
            url=url,
            site=_site(url),
            title=title,
            # The text is better evidence than a page's lang attribute (often a template's).
            # This first guess serves the normalisers; each round detects again on the
            # repaired text before the content steps (_run_round).
            language=guessed or declared,
            language_from_text=guessed is not None,
            authors=meta.authors,
        )
        sources: list[str] = []
        authors: list[str] = list(meta.authors)
        # A step can create work for another (a typo fix changes a real-word context, a
        # fixed "Copyrigh" becomes a boilerplate line): rounds repeat while the content
        # steps still change the text, so cleaning the output again finds nothing.
        # Flags and mentions come from the first round and move with later edits.
        settled = _Settled()
        for round_ in range(1 + _MAX_EXTRA_ROUNDS):
            content_edits, ctx = self._run_round(
                doc, ctx, declared, sources, authors, detect, settled, first=round_ == 0
            )
            if not content_edits:
                break
        if meta.authors:
            authors[:] = meta.authors
        return self._article(item, doc, ctx, sources, authors, meta, chars_in)

    def _run_round(
        self,
        doc: Document,
        ctx: StepContext,
        declared: str | None,
        sources: list[str],
        authors: list[str],
        detect: _LastLanguage,
        settled: _Settled,
        *,
        first: bool,
    ) -> tuple[int, StepContext]:
        """Run every text step once; return how many edits the content steps made, and the
        context with the language detected on the normalised text."""
        normalisers = [(n, s) for n, s in self.steps if n in _NORMALISERS]
        content_edits = 0
        detected_here = False
        for step_name, step in self.steps:
            if step_name not in _NORMALISERS and not detected_here:
                # Detect on repaired text, as a second pass over the output would: NULs or
                # mojibake in the raw input can pass for another language.
                detected_here = True
                found = detect(doc.text)
                ctx = replace(ctx, language=found or declared, language_from_text=found is not None)
            result = settled.run(step_name, step, doc.text, ctx)
            if first:
                for flag in result.flags:
                    doc.annotate(flag.start, flag.end, flag)
                for mention in result.mentions:
                    doc.annotate(mention.start, mention.end, mention)
            changed = doc.apply(step_name, result.edits)
            _merge_names(sources, result.sources)
            _merge_names(authors, result.authors)
            if step_name not in _NORMALISERS:
                content_edits += changed
            elif len(normalisers) > 1 and step_name == normalisers[-1][0]:
                # ftfy judges mojibake by its neighbours and whitespace can change them
                # (and vice versa): repeat the pair to a fixed point. Clean text costs
                # two regex scans here.
                for _ in range(_MAX_NORMALISE_ROUNDS):
                    if not sum(
                        doc.apply(n, settled.run(n, s, doc.text, ctx).edits) for n, s in normalisers
                    ):
                        break
        return content_edits, ctx

    @staticmethod
    def _article(
        item: Input,
        doc: Document,
        ctx: StepContext,
        sources: list[str],
        authors: list[str],
        meta: Extracted,
        chars_in: int,
    ) -> Article:
        text = doc.text
        flags: list[Flag] = []
        grouped: dict[tuple[str, str], list[Mention]] = {}
        for ann in doc.annotations:
            payload = ann.payload
            if isinstance(payload, FlagProposal) and ann.end > ann.start:  # not on removed text
                flags.append(
                    Flag(
                        rule=payload.rule,
                        start=ann.start,
                        end=ann.end,
                        message=payload.message,
                        suggestion=payload.suggestion,
                    )
                )
            elif isinstance(payload, MentionProposal) and ann.end > ann.start:
                grouped.setdefault((payload.canonical, payload.kind), []).append(
                    Mention(start=ann.start, end=ann.end, surface=text[ann.start : ann.end])
                )
        entities = [
            Entity(canonical=canonical, kind=kind, mentions=sorted(ms, key=lambda m: m.start))
            for (canonical, kind), ms in grouped.items()
        ]
        flags.sort(key=lambda f: (f.start, f.end, f.rule))
        return Article(
            id=item.id or _stable_id(ctx.url, doc.source),
            url=ctx.url,
            site=ctx.site,
            title=ctx.title,
            authors=authors,
            published=meta.published,
            language=ctx.language,
            text=text,
            sources=sources,
            entities=entities,
            edits=doc.edits(),
            flags=flags,
            stats=Stats(
                chars_in=chars_in,
                chars_out=len(text),
                words_out=len(_WORDS.findall(text)),
                edits=doc.edit_counts(),
            ),
        )

    # -- many documents -----------------------------------------------------------

    def clean_many(
        self,
        records: Iterable[Input | Failure | str | bytes | Mapping[str, Any]],
        *,
        workers: int = 1,
        chunk_size: int = 16,
    ) -> Iterator[Article | Failure]:
        """Clean a stream; yields one result per input, in input order.

        Memory stays bounded: at most ``workers * 4`` chunks are in flight. With
        workers, a chunk that cannot reach a worker or come back (an input that does not
        pickle, a worker killed) is cleaned in this process; if ``records`` raises, the
        results of the inputs before are yielded first (``cleanse.workers``).
        """
        items = (as_input(r, i) for i, r in enumerate(records))
        for results in map_chunks(
            partial(built, self.config),
            _clean_chunk,
            # one by one in this process: a live source gets each result at once
            chunked(items, size=chunk_size if workers > 1 else 1),
            workers=workers,
            local=self,
        ):
            yield from results

    def _clean_or_fail(self, item: Input | Failure) -> Article | Failure:
        if isinstance(item, Failure):
            return item
        try:
            return self.clean_input(item)
        except CleanseError as exc:
            return Failure(input=item.name, error=type(exc).__name__, message=str(exc))


def as_input(
    record: Input | Failure | str | bytes | Mapping[str, Any] | object, index: int
) -> Input | Failure:
    """One record of a stream as an Input (or the Failure that says why it cannot be one)."""
    name = f"<record {index}>"
    if isinstance(record, Input | Failure):
        return record
    if isinstance(record, str | bytes):
        return Input(record, name=name)
    if isinstance(record, Mapping):
        ident = record.get("id")
        if isinstance(ident, str | int) and not isinstance(ident, bool) and str(ident):
            name = str(ident)  # the record's own id names it, in results and messages alike
        try:
            return Input.from_record(record, name=name)
        except CleanseError as exc:
            return Failure(input=name, error=type(exc).__name__, message=str(exc))
    return Failure(
        input=name,
        error="InputFormatError",
        message=f"{name}: unsupported record {type(record).__name__}",
    )


def built(config: Config) -> Pipeline:
    """A pipeline whose steps (and their data) are built now, not at the first input."""
    pipeline = Pipeline(config)
    _ = pipeline.steps
    return pipeline


def _clean_chunk(pipeline: Pipeline, chunk: list[Input | Failure]) -> list[Article | Failure]:
    return [pipeline._clean_or_fail(item) for item in chunk]


def clean(
    raw: str | bytes,
    *,
    url: str | None = None,
    kind: Kind = "auto",
    config: Config | None = None,
    id: str | None = None,
    title: str | None = None,
    language: str | None = None,
) -> Article:
    """Clean one document with ``config`` (default: ``Config()``).

    To clean ``article.text`` again as the first run did, pass ``kind="text"``,
    ``title=article.title or ""`` and ``language=article.language``: the page's title and
    declared language are not in the text."""
    return _pipeline_for(config).clean(
        raw, url=url, kind=kind, id=id, title=title, language=language
    )


_PIPELINES: dict[int, tuple[Config, Pipeline]] = {}


def _pipeline_for(config: Config | None) -> Pipeline:
    """Reuse the built pipeline for the same config object (steps load data once)."""
    config = config if config is not None else _default_config()
    key = id(config)
    cached = _PIPELINES.get(key)
    if cached is not None and cached[0] is config:
        return cached[1]
    if len(_PIPELINES) > 8:
        _PIPELINES.clear()
    pipeline = Pipeline(config)
    _PIPELINES[key] = (config, pipeline)
    return pipeline


_DEFAULT: list[Config] = []


def _default_config() -> Config:
    if not _DEFAULT:
        _DEFAULT.append(Config())
    return _DEFAULT[0]
