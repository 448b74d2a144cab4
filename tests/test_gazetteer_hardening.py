"""Bad gazetteer files and importer inputs give clear errors; --dask and Scrapy outputs.

Gazetteer files of a wrong shape are ConfigErrors naming the file and the entity;
TSV rows may lack trailing cells; a byte-order mark is ignored; Wikidata dump items
get their kind from P31; ``import-*`` to a missing folder is a usage error; a --dask
run into a used folder leaves only its own shards; the Scrapy pipeline reads the
nearest cleanse.toml.
"""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest

from cleanse.cli.gazetteer import read_sanctions, read_wikidata
from cleanse.errors import CleanseError, ConfigError
from cleanse.integrations.dask import remove_stale_shards
from cleanse.names import Gazetteer
from tests.test_cli_clean import cleanse, records

BOM = "\ufeff"
DUMP_ITEM = {
    "type": "item",
    "id": "Q42",
    "labels": {"en": {"language": "en", "value": "Douglas Adams"}},
    "claims": {"P31": [{"mainsnak": {"datavalue": {"value": {"id": "Q5"}}}}]},
}


# -- gazetteer files of a wrong shape ------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("g.json", '["Qasem Soleimani"]', r"entity 0 is str 'Qasem Soleimani', not an entity"),
        ("g.json", '{"entities": [{"canonical": "A"}, 5]}', "entity 1 is int 5"),
        ("g.json", "5", "expected a list of entities, not int"),
        ("g.json", '{"entites": []}', r"no entities: .*found keys \['entites'\]"),
        ("g.json", '{"entities": {"canonical": "A"}}', "'entities' must be a list"),
        ("g.json", "[" * 100_000, "invalid json gazetteer"),
        ("g.toml", "entity = [1, 2]", "entity 0 is int 1"),
        ("g.toml", 'entity = "Qasem Soleimani"', "'entity' must be a list"),
        ("g.toml", '[[entitiy]]\ncanonical = "A"\n', r"no entities: .*\['entitiy'\]"),
        ("g.jsonl", '{"canonical": "A"}\n\n"Qasem Soleimani"\n', r"entity 1 \(line 3\) is str"),
        ("g.jsonl", '{"canonical": "A"}\n{"canonical": \n', "line 2: Expecting value"),
        ("g.jsonl", '{"id": "x"}\n', r"entity 0 \(line 1\) has no 'canonical' name"),
        ("g.jsonl", '{"canonical": 5}\n', "'canonical' must be a non-empty string, not 5"),
        ("g.jsonl", '{"canonical": ["A"]}\n', "'canonical' must be a non-empty string"),
        ("g.jsonl", '{"canonical": "A", "aliases": {"B": 1}}\n', "'aliases' must be a list"),
        ("g.jsonl", '{"canonical": "A", "aliases": [1]}\n', "alias 1 is not a string"),
        ("g.jsonl", '{"canonical": "A", "kind": "animal"}\n', "unknown kind 'animal'"),
        ("g.jsonl", '{"canonical": "A", "type": "item"}\n', "unknown kind 'item'"),
        ("g.jsonl", '{"canonical": "A", "kind": 5}\n', "unknown kind 5"),
        ("g.jsonl", '{"canonical": "A", "id": ["x"]}\n', r"'id' must be a string, not \['x'\]"),
        ("g.jsonl", '{"canonical": "A", "id": true}\n', "'id' must be a string, not True"),
        ("g.tsv", "id\tname\n1\tA\n", "header must name at least a 'canonical' column"),
        ("g.tsv", "id\tcanonical\tkind\taliases\n1\tA\tperson\tB\tC\n", "line 2: more cells"),
        ("g.tsv", "id\tcanonical\tkind\n1\tA\tanimal\n", r"entity 0 \(line 2\): unknown kind"),
    ],
)
def test_a_gazetteer_of_the_wrong_shape_is_a_config_error_naming_file_and_entity(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        Gazetteer.load(path)
    assert str(caught.value).startswith(f"{path}: ")


def test_records_that_are_no_tables_are_a_config_error() -> None:
    with pytest.raises(ConfigError, match="records: entity 0 is str"):
        Gazetteer.from_records(["Qasem Soleimani"])  # type: ignore[list-item]


def test_gazetteer_shapes_that_stay_valid(tmp_path: Path) -> None:
    (tmp_path / "g.jsonl").write_text(
        '{"id": 36, "canonical": "A", "type": "country"}\n{"canonical": "B", "kind": ""}\n',
        encoding="utf-8",
    )
    (tmp_path / "empty.toml").write_text("# nothing yet\n", encoding="utf-8")
    g = Gazetteer.load(tmp_path / "g.jsonl")
    assert [(e.id, e.kind) for e in g] == [("36", "place"), (f"{tmp_path / 'g.jsonl'}#1", "other")]
    assert len(Gazetteer.load(tmp_path / "empty.toml")) == 0


# -- TSV cells and byte-order marks --------------------------------------------------


def test_a_tsv_row_without_its_aliases_cell_has_no_aliases(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_text(
        "id\tcanonical\tkind\taliases\n1\tQasem Soleimani\tperson\n"
        "2\tHassan Nasrallah\tperson\tSayyed Hassan Nasrallah\n3\tBaghdad\n",
        encoding="utf-8",
    )
    assert [(e.id, e.canonical, e.kind, e.aliases) for e in Gazetteer.load(path)] == [
        ("1", "Qasem Soleimani", "person", ()),
        ("2", "Hassan Nasrallah", "person", ("Sayyed Hassan Nasrallah",)),
        ("3", "Baghdad", "other", ()),
    ]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("g.tsv", "id\tcanonical\tkind\taliases\nX1\tHassan Nasrallah\tperson\t\n"),
        ("g.json", '[{"id": "X1", "canonical": "Hassan Nasrallah", "kind": "person"}]'),
        ("g.jsonl", '{"id": "X1", "canonical": "Hassan Nasrallah", "kind": "person"}\n'),
        ("g.toml", '[[entity]]\nid = "X1"\ncanonical = "Hassan Nasrallah"\nkind = "person"\n'),
    ],
)
def test_a_byte_order_mark_is_ignored(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(BOM + content, encoding="utf-8")
    assert [(e.id, e.canonical) for e in Gazetteer.load(path)] == [("X1", "Hassan Nasrallah")]


def test_importers_ignore_a_byte_order_mark(tmp_path: Path) -> None:
    (tmp_path / "main.csv").write_text(BOM + "uid,name,kind\n1,Hadi al-Amiri,individual\n")
    g = read_sanctions(
        tmp_path / "main.csv", None, header=True, id_col="uid", name_col="name",
        type_col="kind", alias_id_col="0", alias_name_col="1", prefix="",
    )  # fmt: skip
    assert [(e.id, e.canonical, e.kind) for e in g] == [("1", "Hadi al-Amiri", "person")]
    (tmp_path / "wd.jsonl").write_text(BOM + json.dumps(DUMP_ITEM) + "\n", encoding="utf-8")
    wd = read_wikidata(tmp_path / "wd.jsonl", languages=["en"], default_kind="other")
    assert [(e.id, e.canonical) for e in wd] == [("Q42", "Douglas Adams")]


def test_a_tsv_sanctions_list_is_read_as_tab_separated(tmp_path: Path) -> None:
    (tmp_path / "sdn.tsv").write_text("36\tSOLEIMANI, Qasem\tindividual\n", encoding="utf-8")
    g = read_sanctions(
        tmp_path / "sdn.tsv", None, header=False, id_col="0", name_col="1",
        type_col="2", alias_id_col="0", alias_name_col="3", prefix="",
    )  # fmt: skip
    assert [(e.id, e.canonical, e.kind) for e in g] == [("36", "Qasem Soleimani", "person")]


# -- Wikidata kinds ------------------------------------------------------------------


def _wikidata(tmp_path: Path, *lines: object, kind: str = "other") -> list[tuple[str, str]]:
    path = tmp_path / "wd.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    g = read_wikidata(path, languages=["en"], default_kind=kind)  # type: ignore[arg-type]
    return [(e.id, e.kind) for e in g]


def test_a_wikidata_dump_item_takes_its_kind_from_p31_then_kind_option(tmp_path: Path) -> None:
    no_claim = {**DUMP_ITEM, "id": "Q1", "claims": {}}
    other_claim = {**DUMP_ITEM, "id": "Q2", "claims": {"P31": [{"mainsnak": {}}, "junk"]}}
    simple = {"id": "Q3", "label": "Hezbollah", "type": "organization"}
    assert _wikidata(tmp_path, DUMP_ITEM, no_claim, other_claim, simple, kind="place") == [
        ("Q42", "person"),
        ("Q1", "place"),
        ("Q2", "place"),
        ("Q3", "org"),
    ]


def test_a_wikidata_line_that_is_no_object_is_an_error_naming_the_line(tmp_path: Path) -> None:
    with pytest.raises(CleanseError, match=r"wd.jsonl:2: not a JSON object"):
        _wikidata(tmp_path, DUMP_ITEM, ["Q1"])


@pytest.mark.slow
def test_import_wikidata_dump_through_the_cli(tmp_path: Path) -> None:
    source = tmp_path / "wd.jsonl"
    source.write_text("[\n" + json.dumps(DUMP_ITEM) + "\n]\n", encoding="utf-8")
    out = tmp_path / "g.jsonl"
    done = cleanse("gazetteer", "import-wikidata", source, "-o", out, "--kind", "org")
    assert done.returncode == 0, done.stderr
    assert records(out.read_bytes()) == [
        {"id": "Q42", "canonical": "Douglas Adams", "kind": "person", "aliases": []}
    ]


# -- import-* output paths -----------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("command", ["import-wikidata", "import-sanctions"])
def test_import_to_a_missing_folder_is_a_usage_error(tmp_path: Path, command: str) -> None:
    source = tmp_path / "in"
    source.write_text(
        json.dumps(DUMP_ITEM) if command == "import-wikidata" else "36,Qasem Soleimani,individual",
        encoding="utf-8",
    )
    target = tmp_path / "nodir" / "x.jsonl"
    done = cleanse("gazetteer", command, source, "-o", target)
    assert done.returncode == 2, done.stderr
    assert str(target).encode() in done.stderr and b"Traceback" not in done.stderr
    assert not target.parent.exists()


@pytest.mark.slow
def test_import_output_that_cannot_be_written_is_a_usage_error(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(DUMP_ITEM) + "\n", encoding="utf-8")
    (tmp_path / "taken.jsonl").mkdir()
    done = cleanse("gazetteer", "import-wikidata", source, "-o", tmp_path / "taken.jsonl")
    assert done.returncode == 2
    assert b"taken.jsonl" in done.stderr and b"Traceback" not in done.stderr
    same = cleanse("gazetteer", "import-wikidata", source, "-o", source)
    assert same.returncode == 2 and b"is an input" in same.stderr
    assert source.read_text(encoding="utf-8") == json.dumps(DUMP_ITEM) + "\n"


# -- --dask shards -------------------------------------------------------------------


def test_stale_shards_go_and_nothing_else(tmp_path: Path) -> None:
    names = ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl", "part-123456.jsonl"]
    others = ["part-1.jsonl", "part-000003.jsonl", "part-00004.json", "notes.txt",
              ".part-00005.jsonl.abc.tmp"]  # fmt: skip
    for name in (*names, *others):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "part-00009.jsonl").mkdir()
    remove_stale_shards(tmp_path, keep=1)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["part-00000.jsonl", *others, "part-00009.jsonl"]
    )


@pytest.mark.slow
def test_dask_run_into_a_used_folder_leaves_only_its_shards(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    out = tmp_path / "dout"
    out.mkdir()
    (out / "README.txt").write_text("keep me", encoding="utf-8")
    for n in (3, 1):
        lines = [orjson.dumps({"id": f"run{n}-{i}", "text": f"Item {i} ."}) for i in range(n)]
        (tmp_path / f"d{n}.jsonl").write_bytes(b"\n".join(lines) + b"\n")
        done = cleanse(
            "clean", tmp_path / f"d{n}.jsonl", "--dask", "local", "--workers", "1",
            "--shard-size", "1", "-o", out, "-q",
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["README.txt", "part-00000.jsonl"]
    assert [r["id"] for r in records((out / "part-00000.jsonl").read_bytes())] == ["run1-0"]


# -- Scrapy --------------------------------------------------------------------------


def test_scrapy_pipeline_reads_the_nearest_cleanse_toml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("scrapy")
    from scrapy.settings import Settings

    from cleanse.integrations.scrapy import CleansePipeline

    (tmp_path / "cleanse.toml").write_text(
        'steps = ["decode", "extract", "repair", "whitespace"]\n', encoding="utf-8"
    )
    (tmp_path / "all.toml").write_text(
        'steps = ["decode", "extract", "repair", "whitespace", "typos"]\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    item = CleansePipeline.from_settings(Settings({})).process_item({"text": "I saw teh cat."})
    assert item["text"] == "I saw teh cat."  # no typos step in ./cleanse.toml
    explicit = CleansePipeline.from_settings(
        Settings({"CLEANSE_CONFIG": str(tmp_path / "all.toml")})
    )
    assert explicit.process_item({"text": "I saw teh cat."})["text"] == "I saw the cat."
    (tmp_path / "cleanse.toml").write_text("steps = 5\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"cleanse\.toml"):
        CleansePipeline.from_settings(Settings({}))  # stops the crawl, not switched off
    (tmp_path / "cleanse.toml").write_text(
        '[names]\ngazetteers = ["missing.toml"]\n', encoding="utf-8"
    )
    with pytest.raises(ConfigError, match=r"missing\.toml"):
        CleansePipeline.from_settings(Settings({}))  # at start, not a dropped item each
