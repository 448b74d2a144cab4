"""``cleanse gazetteer import-*`` through a real subprocess, and the readers directly."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanse import Config, clean
from cleanse.cli.gazetteer import display_name, read_sanctions
from cleanse.names import Gazetteer, Resolver


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cleanse", *args], capture_output=True, text=True, check=False
    )


@pytest.mark.slow
def test_import_sanctions_csv_with_alias_table(tmp_path: Path) -> None:
    (tmp_path / "sdn.csv").write_text(
        '36,"SOLEIMANI, Qasem",individual,-0-\n37,"ISLAMIC REVOLUTIONARY GUARD CORPS",-0-,-0-\n',
        encoding="utf-8",
    )
    (tmp_path / "alt.csv").write_text(
        '36,1,aka,"SULEIMANI, Qassem",-0-\n37,2,aka,"IRGC",-0-\n99,3,aka,"orphan",-0-\n',
        encoding="utf-8",
    )
    out = tmp_path / "g.jsonl"
    done = _cli(
        "gazetteer", "import-sanctions", str(tmp_path / "sdn.csv"),
        "--aliases", str(tmp_path / "alt.csv"), "-o", str(out), "--prefix", "ofac:",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records == [
        {"id": "ofac:36", "canonical": "Qasem Soleimani", "kind": "person",
         "aliases": ["Qassem Suleimani"]},
        {"id": "ofac:37", "canonical": "Islamic Revolutionary Guard Corps", "kind": "org",
         "aliases": ["IRGC"]},
    ]  # fmt: skip
    resolver = Resolver(Gazetteer.load(out))
    assert resolver.resolve("Ghasem Soleimani") == "Qasem Soleimani"
    assert resolver.resolve("IRGC") == "Islamic Revolutionary Guard Corps"


def test_sanctions_columns_by_header_name(tmp_path: Path) -> None:
    (tmp_path / "main.csv").write_text(
        "uid,name,kind\n1,Hadi al-Amiri,individual\n", encoding="utf-8"
    )
    (tmp_path / "aka.csv").write_text("uid,alias\n1,Hadi Farhan al-Amiri\n", encoding="utf-8")
    g = read_sanctions(
        tmp_path / "main.csv", tmp_path / "aka.csv", header=True, id_col="uid",
        name_col="name", type_col="kind", alias_id_col="uid", alias_name_col="alias", prefix="",
    )  # fmt: skip
    assert [(e.id, e.canonical, e.kind, e.aliases) for e in g] == [
        ("1", "Hadi al-Amiri", "person", ("Hadi Farhan al-Amiri",))
    ]


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".jsonl", ".json", ".toml", ".tsv"])
def test_import_wikidata_json_lines(tmp_path: Path, suffix: str) -> None:
    lines = [
        {
            "id": "Q1",
            "labels": {"en": {"language": "en", "value": "Qasem Soleimani"},
                       "fr": {"language": "fr", "value": "Ghassem Soleimani"}},
            "aliases": {"en": [{"language": "en", "value": "Haj Qasem"}]},
            "claims": {"P31": [{"mainsnak": {"datavalue": {"value": {"id": "Q5"}}}}]},
        },
        {"id": "Q2", "label": "Hezbollah", "aliases": ["Hizbullah"], "type": "org"},
        {"id": "Q3", "labels": {}},
    ]  # fmt: skip
    source = tmp_path / "wd.jsonl"
    source.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    out = tmp_path / f"g{suffix}"
    done = _cli("gazetteer", "import-wikidata", str(source), "-o", str(out),
                "--lang", "en", "--lang", "fr")  # fmt: skip
    assert done.returncode == 0, done.stderr
    g = Gazetteer.load(out)
    assert [(e.id, e.canonical, e.kind, e.aliases) for e in g] == [
        ("Q1", "Qasem Soleimani", "person", ("Ghassem Soleimani", "Haj Qasem")),
        ("Q2", "Hezbollah", "org", ("Hizbullah",)),
    ]


@pytest.mark.slow
def test_bad_kind_is_a_usage_error(tmp_path: Path) -> None:
    source = tmp_path / "wd.jsonl"
    source.write_text("", encoding="utf-8")
    done = _cli("gazetteer", "import-wikidata", str(source), "-o", str(tmp_path / "g.jsonl"),
                "--kind", "animal")  # fmt: skip
    assert done.returncode == 2


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("SOLEIMANI, Qasem", "Qasem Soleimani"),
        ("AL-MUHANDIS, Abu Mahdi", "Abu Mahdi Al-Muhandis"),
        ("IRGC", "IRGC"),
        ("Kata'ib  Hizballah", "Kata'ib Hizballah"),
    ],
)
def test_display_name(raw: str, name: str) -> None:
    assert display_name(raw) == name


_CONFIG = Config(steps=("decode", "extract", "repair", "whitespace", "names"))


@given(st.text(alphabet=st.sampled_from(list("Al-Sadr Qassem (PMU) \"'’ab.\n")), max_size=80))
def test_names_step_never_crashes_and_replays(text: str) -> None:
    article = clean(text, config=_CONFIG, kind="text")
    for entity in article.entities:
        for mention in entity.mentions:
            assert article.text[mention.start : mention.end] == mention.surface
