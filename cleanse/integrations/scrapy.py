"""A Scrapy item pipeline that cleans each item with cleanse.

Enable it in ``settings.py``::

    ITEM_PIPELINES = {"cleanse.integrations.scrapy.CleansePipeline": 300}

For each item, the first of ``CLEANSE_FIELDS`` holding a non-empty string is
the input (a field named ``html`` is cleaned as HTML, any other as text), and
the item's ``url`` field (``CLEANSE_URL_FIELD``) is passed on, as are its
``id``, ``title`` and ``language`` fields when they hold a value (what the
spider knows: a title from the listing page, a language from the site). The record
fields listed in ``CLEANSE_OUTPUT_FIELDS`` are then set on the item, each
under ``CLEANSE_PREFIX + name`` (so with the default empty prefix the item's
``text`` becomes the cleaned text and ``title``, ``edits``… are added).

Settings:

- ``CLEANSE_FIELDS`` (default ``["html", "text"]``): input fields, in order.
- ``CLEANSE_CONFIG``: a path to ``cleanse.toml``/``pyproject.toml``, or a dict
  of config values; default: the nearest cleanse config, else ``Config()``.
- ``CLEANSE_OUTPUT_FIELDS`` (default: every Article field).
- ``CLEANSE_PREFIX`` (default ``""``).
- ``CLEANSE_URL_FIELD`` (default ``"url"``).
- ``CLEANSE_KNOWN_FIELDS`` (default ``{"id": "id", "title": "title", "language":
  "language"}``): the item field read for each of these inputs; map one to
  ``None`` to ignore it.
- ``CLEANSE_ON_FAILURE``: ``"drop"`` (default: raise ``DropItem`` with the
  reason) or ``"keep"`` (keep the item, with the reason in
  ``CLEANSE_PREFIX + "error"``).

A wrong setting or a broken config (a missing gazetteer...) raises ``ConfigError``
when the pipeline is built, which stops the crawl at its start. Not Scrapy's
``NotConfigured``: Scrapy answers that by switching the pipeline off with a
warning, and every item would then be stored uncleaned (or, for a gazetteer that
fails only when first used, dropped).

A field an ItemLoader filled as a list (no ``TakeFirst``) counts too: the strings
of an input field joined as paragraphs, the first string of any other.

Items without any input field pass through untouched. For items with declared
fields (``scrapy.Item``, dataclasses) only the declared output fields are set.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import orjson
from itemadapter import ItemAdapter  # type: ignore[import-not-found,unused-ignore]
from scrapy.crawler import Crawler  # type: ignore[import-not-found,unused-ignore]
from scrapy.exceptions import DropItem  # type: ignore[import-not-found,unused-ignore]
from scrapy.settings import BaseSettings  # type: ignore[import-not-found,unused-ignore]

from cleanse.config import Config
from cleanse.errors import CleanseError, ConfigError
from cleanse.models import Article
from cleanse.pipeline import Input, Kind, Pipeline

ARTICLE_FIELDS = tuple(Article.model_fields)
#: What a spider may know about an item, and the item field it is read from by default.
KNOWN_FIELDS: dict[str, str | None] = {"id": "id", "title": "title", "language": "language"}


class CleansePipeline:
    """Cleans an item's ``html`` or ``text`` field and adds the record fields."""

    def __init__(
        self,
        config: Config | None = None,
        *,
        fields: tuple[str, ...] = ("html", "text"),
        output_fields: tuple[str, ...] = ARTICLE_FIELDS,
        prefix: str = "",
        url_field: str = "url",
        known_fields: Mapping[str, str | None] | None = None,
        on_failure: str = "drop",
    ) -> None:
        if on_failure not in ("drop", "keep"):
            raise ConfigError(f"CLEANSE_ON_FAILURE must be 'drop' or 'keep', not {on_failure!r}")
        unknown = sorted(set(output_fields) - set(ARTICLE_FIELDS))
        if unknown:
            raise ConfigError(f"CLEANSE_OUTPUT_FIELDS names unknown record fields: {unknown}")
        known = {**KNOWN_FIELDS, **(known_fields or {})}
        if set(known) - set(KNOWN_FIELDS):
            raise ConfigError(
                f"CLEANSE_KNOWN_FIELDS keys must be among {sorted(KNOWN_FIELDS)}, "
                f"not {sorted(set(known) - set(KNOWN_FIELDS))}"
            )
        self.known_fields = known
        self.pipeline = Pipeline(config)
        _ = self.pipeline.steps  # build now: a broken gazetteer stops the crawl at its start
        self.fields = fields
        self.output_fields = output_fields
        self.prefix = prefix
        self.url_field = url_field
        self.on_failure = on_failure

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CleansePipeline:
        return cls.from_settings(crawler.settings)

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> CleansePipeline:
        return cls(
            _config(settings.get("CLEANSE_CONFIG")),
            fields=tuple(settings.getlist("CLEANSE_FIELDS", ["html", "text"])),
            output_fields=tuple(settings.getlist("CLEANSE_OUTPUT_FIELDS", list(ARTICLE_FIELDS))),
            prefix=settings.get("CLEANSE_PREFIX", ""),
            url_field=settings.get("CLEANSE_URL_FIELD", "url"),
            known_fields=settings.getdict("CLEANSE_KNOWN_FIELDS", {}),
            on_failure=settings.get("CLEANSE_ON_FAILURE", "drop"),
        )

    def process_item(self, item: Any, spider: Any = None) -> Any:
        adapter = ItemAdapter(item)
        found: tuple[str, str | bytes] | None = None
        for name in self.fields:
            value = adapter.get(name)
            if _empty(value):
                continue
            raw = _input_value(value, name)
            if raw is None:  # a field of the wrong type fails its item, as in `cleanse clean`
                return self._failed(
                    item,
                    adapter,
                    f"item field {name!r} must be a string, bytes or a list of strings, "
                    f"not {type(value).__name__}",
                )
            found = (name, raw)
            break
        if found is None:
            return item
        field, raw = found
        url = _first_string(adapter.get(self.url_field))
        kind: Kind = "html" if field == "html" else "auto"
        name = url or f"item field {field!r}"
        known = {key: self._known(adapter, key) for key in KNOWN_FIELDS}
        try:
            article = self.pipeline.clean_input(
                Input(
                    raw,
                    name=name,
                    url=url,
                    kind=kind,
                    id=known["id"],
                    title=known["title"],
                    language=known["language"],
                )
            )
        except CleanseError as exc:
            return self._failed(item, adapter, str(exc), cause=exc)
        data = orjson.loads(article.to_json())
        for key in self.output_fields:
            self._set(adapter, key, data[key])
        return item

    def _failed(
        self, item: Any, adapter: ItemAdapter, message: str, cause: Exception | None = None
    ) -> Any:
        """Drop the item with ``message``, or keep it with the message in its error field."""
        if self.on_failure == "drop":
            raise DropItem(f"cleanse: {message}") from cause
        self._set(adapter, "error", message)
        return item

    def _known(self, adapter: ItemAdapter, key: str) -> str | None:
        """The item's value for input ``key`` (id, title, language), if it has one."""
        field = self.known_fields.get(key)
        value = _first_string(adapter.get(field)) if field else None
        return value or None

    def _set(self, adapter: ItemAdapter, key: str, value: Any) -> None:
        name = f"{self.prefix}{key}"
        declared = not isinstance(adapter.item, dict)
        if declared and name not in adapter.field_names():
            return
        adapter[name] = value


# An ItemLoader without TakeFirst makes every field a list: of paragraphs for a text
# field ("p::text"), of one element for the others.
def _empty(value: Any) -> bool:
    """No input in a field: missing, empty, or a list of nothing (an ItemLoader's)."""
    if isinstance(value, list | tuple):
        return all(v is None or (isinstance(v, str) and not v.strip()) for v in value)
    return value is None or value in ("", b"")


def _input_value(value: Any, field: str) -> str | bytes | None:
    """An input field's text: a string or bytes, or a list of strings joined (paragraphs;
    HTML fragments; None entries skipped); None when it is of another type."""
    if isinstance(value, list | tuple):
        parts = [v for v in value if v is not None]
        if not all(isinstance(v, str) for v in parts):
            return None
        value = ("\n" if field == "html" else "\n\n").join(v for v in parts if v.strip())
    return value if isinstance(value, str | bytes) else None


def _first_string(value: Any) -> str | None:
    """A field's value as one string: the first non-empty one of a list; numbers as digits."""
    if isinstance(value, list | tuple):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if value is None or isinstance(value, bool | dict | list | tuple | bytes):
        return None
    return str(value)


def _config(value: Any) -> Config:
    """``CLEANSE_CONFIG`` as a Config; unset: the nearest cleanse config, as the CLI reads."""
    unset = value is None or value == ""
    try:
        if unset:
            return Config.discover()
        if isinstance(value, Mapping):
            return Config.from_mapping(dict(value))
        return Config.load(Path(str(value)))
    except ConfigError as exc:
        raise ConfigError(f"{'cleanse config' if unset else 'CLEANSE_CONFIG'}: {exc}") from exc
