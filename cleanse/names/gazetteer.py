"""The gazetteer: known entities, each with a canonical name and aliases.

Files (``Gazetteer.load``), chosen by suffix:

- ``.toml``: ``[[entity]]`` tables with ``id``, ``canonical``, ``kind``, ``aliases``;
- ``.json``: a list of entity objects, or ``{"entities": [...]}``;
- ``.jsonl``: one entity object per line;
- ``.tsv``: a header ``id<TAB>canonical<TAB>kind<TAB>aliases``, aliases ``|``-separated;
  missing trailing cells are empty.

An entity object may spell ``kind`` as ``type`` and ``canonical`` as
``name`` or ``label``; kinds are mapped onto person/org/place/other
(``country``, ``city``, ``location`` -> place; ``organization``, ``entity``,
``group`` -> org); no kind is ``other``. A file that does not have this shape
(an unknown kind, an entity that is not a table...) is a ``ConfigError`` naming
the file and the entity. A leading byte-order mark is ignored.
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

from cleanse.errors import ConfigError, reason

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


def known_kind(value: object) -> Kind | None:
    """The kind ``value`` names (a kind or one of its synonyms), else None."""
    return _KIND_ALIASES.get(value.strip().lower()) if isinstance(value, str) else None


def normalise_kind(value: object) -> Kind:
    return known_kind(value) or "other"


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


def _entity(record: object, index: int, origin: str, line: int | None = None) -> Entity:
    where = f"{origin}: entity {index}" + (f" (line {line})" if line is not None else "")
    if not isinstance(record, Mapping):
        raise ConfigError(
            f"{where} is {type(record).__name__} {record!r:.60}, not an entity table (object)"
        )
    names = (record.get(key) for key in ("canonical", "name", "label"))
    canonical = next((name for name in names if name not in (None, "")), None)
    if canonical is None:
        raise ConfigError(f"{where} has no 'canonical' name")
    if not isinstance(canonical, str) or not canonical.strip():
        raise ConfigError(f"{where}: 'canonical' must be a non-empty string, not {canonical!r}")
    raw_aliases = record.get("aliases", ())
    if isinstance(raw_aliases, str):
        raw_aliases = raw_aliases.split("|")
    if not isinstance(raw_aliases, list | tuple):
        raise ConfigError(f"{where}: 'aliases' must be a list of strings, not {raw_aliases!r}")
    canonical = canonical.strip()
    seen = {canonical}
    aliases: list[str] = []
    for alias in raw_aliases:
        if not isinstance(alias, str):
            raise ConfigError(f"{where}: alias {alias!r} is not a string")
        alias = alias.strip()
        if alias and alias not in seen:
            seen.add(alias)
            aliases.append(alias)
    raw_kind = record.get("kind", record.get("type"))
    kind = known_kind(raw_kind) if raw_kind not in (None, "") else "other"
    if kind is None:
        raise ConfigError(
            f"{where}: unknown kind {raw_kind!r} (person, org, place, other or a synonym)"
        )
    entity_id = record.get("id")
    # an integer id (a registry number) is its digits; anything else would be made up
    if isinstance(entity_id, bool) or not isinstance(entity_id, str | int | None):
        raise ConfigError(f"{where}: 'id' must be a string, not {entity_id!r}")
    return Entity(
        id=str(entity_id) if entity_id not in (None, "") else f"{origin}#{index}",
        canonical=canonical,
        kind=kind,
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
            raise ConfigError(f"{path}: cannot read gazetteer: {reason(exc)}") from exc
        return cls.loads(text, fmt=path.suffix.lstrip(".").lower(), origin=str(path))

    @classmethod
    def loads(cls, text: str, *, fmt: str, origin: str = "<string>") -> Gazetteer:
        """Parse gazetteer text in ``fmt`` (toml, json, jsonl, tsv)."""
        # a byte-order mark (Windows editors) would become part of the first key
        text = text.removeprefix("\ufeff")
        try:
            records = list(_parse(text, fmt, origin))
        except (ValueError, tomllib.TOMLDecodeError, csv.Error, RecursionError) as exc:
            raise ConfigError(f"{origin}: invalid {fmt} gazetteer: {exc}") from exc
        return cls(_entity(r, i, origin, line) for i, (line, r) in enumerate(records))

    @classmethod
    def default(cls) -> Gazetteer:
        """The small gazetteer shipped with cleanse (Middle-East politics and news)."""
        return cls.load(DEFAULT_PATH)

    # -- writers ------------------------------------------------------------------

    def dumps_jsonl(self) -> str:
        return "".join(json.dumps(e.to_record(), ensure_ascii=False) + "\n" for e in self.entities)


def _parse(text: str, fmt: str, origin: str) -> Iterator[tuple[int | None, object]]:
    """The raw entity records of ``text``, each with its line when the format has one."""
    if fmt == "toml":
        yield from ((None, record) for record in _entity_list(tomllib.loads(text), "[[entity]]"))
    elif fmt == "json":
        data = json.loads(text)
        entities = _entity_list(data, "{'entities': [...]}") if isinstance(data, dict) else data
        if not isinstance(entities, list):
            raise ValueError(f"expected a list of entities, not {type(data).__name__}")
        yield from ((None, record) for record in entities)
    elif fmt == "jsonl":
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    yield number, json.loads(line)
                except ValueError as exc:
                    raise ValueError(f"line {number}: {exc}") from exc
    elif fmt == "tsv":
        # a row missing its last cells (no aliases) reads them as empty
        reader = csv.DictReader(
            io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE, restval=""
        )
        if reader.fieldnames is None or "canonical" not in reader.fieldnames:
            raise ValueError("the header must name at least a 'canonical' column")
        for row in reader:
            extra = [cell for cell in row.pop(None, []) if cell.strip()]
            if extra:
                raise ValueError(f"line {reader.line_num}: more cells than the header names")
            yield reader.line_num, row
    else:
        raise ConfigError(f"{origin}: unknown gazetteer format {fmt!r} (toml, json, jsonl, tsv)")


def _entity_list(data: dict[str, Any], expected: str) -> list[Any]:
    """The entity list of a TOML/JSON document; keys but no entities is a typo, not empty."""
    if not data:
        return []
    for key in ("entity", "entities"):
        if key in data:
            entities = data[key]
            if not isinstance(entities, list):
                raise ValueError(f"'{key}' must be a list of entities ({expected})")
            return entities
    raise ValueError(f"no entities: expected {expected}, found keys {sorted(data)}")
