"""The gazetteer: known entities, each with a canonical name and aliases.

Files (``Gazetteer.load``), chosen by suffix:

- ``.toml``: ``[[entity]]`` tables with ``id``, ``canonical``, ``kind``, ``aliases``;
- ``.json``: a list of entity objects, or ``{"entities": [...]}``;
- ``.jsonl``: one entity object per line;
- ``.tsv``: a header ``id<TAB>canonical<TAB>kind<TAB>aliases``, aliases ``|``-separated.

An entity object may spell ``kind`` as ``type`` and ``canonical`` as
``name`` or ``label``; kinds are mapped onto person/org/place/other
(``country``, ``city``, ``location`` -> place; ``organization``, ``entity``,
``group`` -> org).
"""

from __future__ import annotations

import csv
import io
import json
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from cleanse.errors import ConfigError

Kind = Literal["person", "org", "place", "other"]

_KIND_ALIASES: dict[str, Kind] = {
    "person": "person",
    "per": "person",
    "individual": "person",
    "human": "person",
    "org": "org",
    "organization": "org",
    "organisation": "org",
    "entity": "org",
    "group": "org",
    "company": "org",
    "place": "place",
    "loc": "place",
    "location": "place",
    "gpe": "place",
    "country": "place",
    "city": "place",
    "region": "place",
    "other": "other",
    "misc": "other",
}

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "names" / "middle-east.toml"


def normalise_kind(value: object) -> Kind:
    key = str(value or "other").strip().lower()
    return _KIND_ALIASES.get(key, "other")


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    canonical: str
    kind: Kind
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.canonical, *self.aliases)

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "canonical": self.canonical,
            "kind": self.kind,
            "aliases": list(self.aliases),
        }


def _entity(record: Mapping[str, Any], index: int, origin: str) -> Entity:
    canonical = record.get("canonical") or record.get("name") or record.get("label")
    if not isinstance(canonical, str) or not canonical.strip():
        raise ConfigError(f"{origin}: entity {index} has no 'canonical' name")
    raw_aliases = record.get("aliases", ())
    if isinstance(raw_aliases, str):
        raw_aliases = raw_aliases.split("|")
    if not isinstance(raw_aliases, list | tuple):
        raise ConfigError(f"{origin}: entity {index}: 'aliases' must be a list of strings")
    canonical = canonical.strip()
    seen = {canonical}
    aliases: list[str] = []
    for alias in raw_aliases:
        if not isinstance(alias, str):
            raise ConfigError(f"{origin}: entity {index}: alias {alias!r} is not a string")
        alias = alias.strip()
        if alias and alias not in seen:
            seen.add(alias)
            aliases.append(alias)
    entity_id = record.get("id")
    return Entity(
        id=str(entity_id) if entity_id not in (None, "") else f"{origin}#{index}",
        canonical=canonical,
        kind=normalise_kind(record.get("kind", record.get("type"))),
        aliases=tuple(aliases),
    )


class Gazetteer:
    """An ordered, immutable collection of entities (ids unique; later duplicates merge)."""

    __slots__ = ("_by_id", "entities")

    def __init__(self, entities: Iterable[Entity] = ()) -> None:
        by_id: dict[str, Entity] = {}
        for entity in entities:
            known = by_id.get(entity.id)
            if known is not None:  # same id from two sources: one entity, all names
                extra = [a for a in entity.names if a not in known.names]
                entity = Entity(known.id, known.canonical, known.kind, (*known.aliases, *extra))
            by_id[entity.id] = entity
        self._by_id = by_id
        self.entities: tuple[Entity, ...] = tuple(by_id.values())

    def __len__(self) -> int:
        return len(self.entities)

    def __iter__(self) -> Iterator[Entity]:
        return iter(self.entities)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._by_id

    def get(self, entity_id: str) -> Entity | None:
        return self._by_id.get(entity_id)

    def __add__(self, other: Gazetteer) -> Gazetteer:
        return Gazetteer((*self.entities, *other.entities))

    # -- constructors -------------------------------------------------------------

    @classmethod
    def from_records(
        cls, records: Iterable[Mapping[str, Any]], *, origin: str = "records"
    ) -> Gazetteer:
        return cls(_entity(r, i, origin) for i, r in enumerate(records))

    @classmethod
    def load(cls, path: str | Path) -> Gazetteer:
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read gazetteer: {exc}") from exc
        return cls.loads(text, fmt=path.suffix.lstrip(".").lower(), origin=str(path))

    @classmethod
    def loads(cls, text: str, *, fmt: str, origin: str = "<string>") -> Gazetteer:
        """Parse gazetteer text in ``fmt`` (toml, json, jsonl, tsv)."""
        try:
            records = list(_parse(text, fmt, origin))
        except (ValueError, tomllib.TOMLDecodeError, csv.Error) as exc:
            raise ConfigError(f"{origin}: invalid {fmt} gazetteer: {exc}") from exc
        return cls.from_records(records, origin=origin)

    @classmethod
    def default(cls) -> Gazetteer:
        """The small gazetteer shipped with cleanse (Middle-East politics and news)."""
        return cls.load(DEFAULT_PATH)

    # -- writers ------------------------------------------------------------------

    def dumps_jsonl(self) -> str:
        return "".join(json.dumps(e.to_record(), ensure_ascii=False) + "\n" for e in self.entities)


def _parse(text: str, fmt: str, origin: str) -> Iterator[Mapping[str, Any]]:
    if fmt == "toml":
        data = tomllib.loads(text)
        entities = data.get("entity", data.get("entities", []))
        if not isinstance(entities, list):
            raise ValueError("expected [[entity]] tables")
        yield from entities
    elif fmt == "json":
        data = json.loads(text)
        if isinstance(data, dict):
            data = data.get("entities", [])
        if not isinstance(data, list):
            raise ValueError("expected a list of entities or {'entities': [...]}")
        yield from data
    elif fmt == "jsonl":
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise ValueError(f"line {number} is not an object")
                yield record
    elif fmt == "tsv":
        reader = csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
        if reader.fieldnames is None or "canonical" not in reader.fieldnames:
            raise ValueError("the header must name at least a 'canonical' column")
        for row in reader:
            yield {k: v for k, v in row.items() if k is not None}
    else:
        raise ConfigError(f"{origin}: unknown gazetteer format {fmt!r} (toml, json, jsonl, tsv)")
