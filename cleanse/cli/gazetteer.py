"""``cleanse gazetteer``: import public name lists into the gazetteer format.

- ``import-sanctions``: a sanctions-list style CSV (one row per listed party)
  plus an optional alias table (one row per alias, keyed by the party's id),
  as the US OFAC SDN files (sdn.csv + alt.csv) or the EU/UN consolidated
  lists exported to CSV (a ``.tsv`` file is read as tab-separated). Columns are
  named by header or by 0-based index.
- ``import-wikidata``: Wikidata-style JSON lines: one entity per line with
  ``labels``/``aliases`` per language (the Wikidata JSON dump shape), or the
  simple ``{"id", "label", "aliases": [...]}`` shape. The kind is a ``kind`` or
  ``type`` field that names one (not the dump's ``"type": "item"``), else the
  P31 (instance of) claim, else ``--kind``.

The output format follows the suffix of ``-o``: .jsonl, .json, .toml or .tsv.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from cleanse.cli import EXIT_FAILED, EXIT_USAGE
from cleanse.cli._common import same_file, stderr, usage_error
from cleanse.errors import CleanseError, reason
from cleanse.io.atomic import cannot_write, replace_bytes
from cleanse.names import Gazetteer
from cleanse.names.gazetteer import Entity, Kind, known_kind, normalise_kind

gazetteer_app = typer.Typer(
    help="Import public name lists (sanctions CSV, Wikidata JSON lines) as gazetteers.",
    no_args_is_help=True,
)

_SANCTION_KINDS: dict[str, Kind] = {
    "individual": "person",
    "person": "person",
    "entity": "org",
    "organization": "org",
    "organisation": "org",
    "vessel": "other",
    "aircraft": "other",
}
# P31 (instance of) values that decide a kind.
_WIKIDATA_KINDS: dict[str, Kind] = {
    "Q5": "person",
    "Q43229": "org",
    "Q4830453": "org",
    "Q7278": "org",
    "Q2659904": "org",
    "Q6256": "place",
    "Q3624078": "place",
    "Q515": "place",
    "Q1549591": "place",
    "Q5119": "place",
}


def display_name(raw: str) -> str:
    """'SOLEIMANI, Qasem' -> 'Qasem Soleimani'; all-capitals words get title case."""
    name = " ".join(raw.split())
    words = name.split(" ")
    if len(words) > 1:  # a lone capitalised word is an acronym: IRGC stays IRGC
        words = [w.title() if _shouting(w) else w for w in words]
    name = " ".join(words)
    if name.count(",") == 1:
        last, first = (part.strip() for part in name.split(","))
        if last and first:
            name = f"{first} {last}"
    return name


def _shouting(word: str) -> bool:
    """An all-capitals word of more than three letters, not a parenthesised acronym."""
    return word.isupper() and "(" not in word and sum(c.isalpha() for c in word) > 3


def _column(header: list[str] | None, spec: str) -> int:
    if spec.isdigit():
        return int(spec)
    if header is None or spec not in header:
        raise typer.BadParameter(f"no column {spec!r} (columns: {header})")
    return header.index(spec)


def _rows(path: Path, header: bool) -> tuple[list[str] | None, Iterator[list[str]]]:
    fh = path.open(encoding="utf-8-sig", newline="")
    reader = csv.reader(fh, delimiter="\t" if path.suffix.lower() == ".tsv" else ",")
    names = next(reader, None) if header else None

    def rows() -> Iterator[list[str]]:
        with fh:
            yield from reader

    return names, rows()


def _cell(row: list[str], index: int) -> str:
    value = row[index].strip() if index < len(row) else ""
    return "" if value in ("-0-", "-0- ") else value  # OFAC's empty marker


def read_sanctions(
    main: Path,
    aliases: Path | None,
    *,
    header: bool,
    id_col: str,
    name_col: str,
    type_col: str | None,
    alias_id_col: str,
    alias_name_col: str,
    prefix: str,
) -> Gazetteer:
    names, rows = _rows(main, header)
    i_id, i_name = _column(names, id_col), _column(names, name_col)
    i_type = _column(names, type_col) if type_col else None
    parties: dict[str, tuple[str, Kind]] = {}
    for row in rows:
        key, name = _cell(row, i_id), _cell(row, i_name)
        if not key or not name:
            continue
        raw_kind = _cell(row, i_type).lower() if i_type is not None else ""
        parties[key] = (display_name(name), _SANCTION_KINDS.get(raw_kind, "org"))
    extra: dict[str, list[str]] = {}
    if aliases is not None:
        a_names, a_rows = _rows(aliases, header)
        a_id, a_name = _column(a_names, alias_id_col), _column(a_names, alias_name_col)
        for row in a_rows:
            key, name = _cell(row, a_id), _cell(row, a_name)
            if key in parties and name:
                extra.setdefault(key, []).append(display_name(name))
    return Gazetteer(
        Entity(f"{prefix}{key}", name, kind, tuple(extra.get(key, ())))
        for key, (name, kind) in parties.items()
    )


def _values(field: Any, lang: str) -> list[str]:
    """Strings of one language from a Wikidata labels/aliases field (dict or list)."""
    if isinstance(field, dict):
        field = field.get(lang, [])
    items = field if isinstance(field, list) else [field]
    out: list[str] = []
    for item in items:
        value = item.get("value") if isinstance(item, dict) else item
        if isinstance(value, str) and value.strip():
            out.append(value.strip())
    return out


def _wikidata_kind(record: dict[str, Any], default: Kind) -> Kind:
    # a dump's own "type" (item, property, lexeme) is no kind: only one of ours counts
    for key in ("kind", "type"):
        kind = known_kind(record.get(key))
        if kind is not None:
            return kind
    claims = record.get("claims")
    claims = claims.get("P31") if isinstance(claims, dict) else None
    for claim in claims if isinstance(claims, list) else []:
        try:
            qid = claim["mainsnak"]["datavalue"]["value"]["id"]
        except (KeyError, TypeError):
            continue
        if qid in _WIKIDATA_KINDS:
            return _WIKIDATA_KINDS[qid]
    return default


def read_wikidata(path: Path, *, languages: list[str], default_kind: Kind) -> Gazetteer:
    entities: list[Entity] = []
    with path.open(encoding="utf-8-sig") as fh:  # -sig: a byte-order mark is no JSON
        for number, line in enumerate(fh, 1):
            line = line.strip().rstrip(",")
            if not line or line in ("[", "]"):
                continue
            try:
                record = json.loads(line)
            except (json.JSONDecodeError, RecursionError) as exc:
                raise CleanseError(f"{path}:{number}: not JSON: {exc}") from exc
            if not isinstance(record, dict):
                raise CleanseError(f"{path}:{number}: not a JSON object: {line:.60}")
            names: list[str] = []
            for lang in languages:
                names += _values(record.get("labels", record.get("label", {})), lang)
            for lang in languages:
                names += _values(record.get("aliases", {}), lang)
            if not names or not record.get("id"):
                continue
            unique = list(dict.fromkeys(names))
            kind = _wikidata_kind(record, default_kind)
            entities.append(Entity(str(record["id"]), unique[0], kind, tuple(unique[1:])))
    return Gazetteer(entities)


def write_gazetteer(gazetteer: Gazetteer, path: Path) -> None:
    suffix = path.suffix.lower()
    records = [e.to_record() for e in gazetteer]
    if suffix == ".jsonl":
        text = gazetteer.dumps_jsonl()
    elif suffix == ".json":
        text = json.dumps(records, ensure_ascii=False, indent=1) + "\n"
    elif suffix == ".tsv":
        rows = ["id\tcanonical\tkind\taliases"]
        for e in gazetteer:
            cells = [e.id, e.canonical, e.kind, "|".join(e.aliases)]
            rows.append("\t".join(c.replace("\t", " ").replace("\n", " ") for c in cells))
        text = "\n".join(rows) + "\n"
    elif suffix == ".toml":
        parts = []
        for e in gazetteer:
            aliases = ", ".join(json.dumps(a, ensure_ascii=False) for a in e.aliases)
            parts.append(
                f"[[entity]]\nid = {json.dumps(e.id, ensure_ascii=False)}\n"
                f"canonical = {json.dumps(e.canonical, ensure_ascii=False)}\n"
                f'kind = "{e.kind}"\naliases = [{aliases}]\n'
            )
        text = "\n".join(parts)
    else:
        raise typer.BadParameter(f"output must end in .jsonl, .json, .toml or .tsv: {path}")
    try:
        replace_bytes(path, text.encode("utf-8"))
    except OSError as exc:  # a missing folder, no permission: the user's path to fix
        raise usage_error(f"cannot write {path}: {reason(exc)}") from exc


def _check_output(path: Path, *sources: Path | None) -> None:
    """Exit 2 before a long import, not after it, when ``-o`` cannot take the result."""
    if path.suffix.lower() not in (".jsonl", ".json", ".toml", ".tsv"):
        raise usage_error(f"-o {path}: must end in .jsonl, .json, .toml or .tsv")
    problem = cannot_write(path)  # a missing folder, a folder, no permission
    if problem is not None:
        raise usage_error(f"-o {path}: {problem}")
    if any(source is not None and same_file(path, source) for source in sources):
        raise usage_error(f"-o {path} is an input; write somewhere else")


OutOption = Annotated[
    Path, typer.Option("-o", "--output", help="Gazetteer to write (.jsonl/.json/.toml/.tsv).")
]


@gazetteer_app.command("import-sanctions")
def import_sanctions(
    main: Annotated[Path, typer.Argument(help="CSV with one row per listed party.")],
    output: OutOption,
    aliases: Annotated[
        Path | None, typer.Option("--aliases", help="CSV alias table keyed by party id.")
    ] = None,
    header: Annotated[
        bool, typer.Option("--header/--no-header", help="First row names the columns.")
    ] = False,
    id_col: Annotated[str, typer.Option("--id-column")] = "0",
    name_col: Annotated[str, typer.Option("--name-column")] = "1",
    type_col: Annotated[str | None, typer.Option("--type-column")] = "2",
    alias_id_col: Annotated[str, typer.Option("--alias-id-column")] = "0",
    alias_name_col: Annotated[str, typer.Option("--alias-name-column")] = "3",
    prefix: Annotated[str, typer.Option("--prefix", help="Prefix for entity ids.")] = "",
) -> None:
    """Sanctions-list CSV (+ alias table) -> gazetteer. Defaults fit OFAC sdn.csv/alt.csv."""
    _check_output(output, main, aliases)
    try:
        gazetteer = read_sanctions(
            main,
            aliases,
            header=header,
            id_col=id_col,
            name_col=name_col,
            type_col=type_col or None,
            alias_id_col=alias_id_col,
            alias_name_col=alias_name_col,
            prefix=prefix,
        )
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        stderr.print(f"[red]error:[/] {exc}")
        raise typer.Exit(EXIT_FAILED) from exc
    write_gazetteer(gazetteer, output)
    stderr.print(f"wrote {len(gazetteer)} entities to {output}")


@gazetteer_app.command("import-wikidata")
def import_wikidata(
    source: Annotated[Path, typer.Argument(help="Wikidata-style JSON lines.")],
    output: OutOption,
    lang: Annotated[
        list[str] | None, typer.Option("--lang", help="Label languages, first = canonical.")
    ] = None,
    kind: Annotated[
        str, typer.Option("--kind", help="Kind when P31 does not tell: person/org/place/other.")
    ] = "other",
) -> None:
    """Wikidata labels and aliases (JSON lines) -> gazetteer."""
    if kind not in ("person", "org", "place", "other"):
        stderr.print(f"[red]error:[/] --kind must be person, org, place or other, not {kind!r}")
        raise typer.Exit(EXIT_USAGE)
    _check_output(output, source)
    try:
        gazetteer = read_wikidata(
            source, languages=lang or ["en"], default_kind=normalise_kind(kind)
        )
    except (OSError, UnicodeDecodeError, CleanseError) as exc:
        stderr.print(f"[red]error:[/] {exc}")
        raise typer.Exit(EXIT_FAILED) from exc
    write_gazetteer(gazetteer, output)
    stderr.print(f"wrote {len(gazetteer)} entities to {output}")


def register(app: typer.Typer) -> None:
    app.add_typer(gazetteer_app, name="gazetteer")
