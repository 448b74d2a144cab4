"""``cleanse clean`` and ``cleanse schema`` through a real subprocess: output and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cleanse.schema import schema_json
from tests.conftest import ROOT, SEEDS
from tests.regen_goldens import golden_path, seed_files

pytestmark = pytest.mark.slow

ARTICLE_HTML = (
    "<!DOCTYPE html><html><head><title>Budget Vote</title></head><body>"
    "<nav><a href='/'>Home</a></nav><article>"
    "<p>The council voted on Monday to raise the budget for road repairs.</p>"
    "<p>Officials said the work would begin in spring.</p></article></body></html>"
)


def cleanse_cli(
    *args: str, cwd: Path, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "cleanse", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )


def records(out: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A folder without cleanse.toml / [tool.cleanse], so the default Config applies."""
    return tmp_path


def test_clean_seeds_folder_matches_the_goldens(workdir: Path) -> None:
    result = cleanse_cli("clean", str(SEEDS), cwd=workdir)
    assert result.returncode == 0, result.stderr.decode()
    got = records(result.stdout)
    seeds = seed_files()
    assert len(got) == len(seeds)  # seeds/expected/*.golden are not read as inputs
    for seed, record in zip(seeds, got, strict=True):
        expected = json.loads(golden_path(seed).read_text(encoding="utf-8"))
        assert record == expected, seed.name


def test_clean_txt_html_and_jsonl_files(workdir: Path) -> None:
    (workdir / "a.txt").write_text("Storm Closes Roads\n\nRain  fell , officials said.\n", "utf-8")
    (workdir / "b.html").write_text(ARTICLE_HTML, encoding="utf-8")
    (workdir / "c.jsonl").write_text(
        json.dumps({"id": "rec-1", "text": "Plain  record text ."})
        + "\n\n"
        + json.dumps({"id": "rec-2", "html": ARTICLE_HTML, "url": "https://news.example.org/x"})
        + "\n",
        encoding="utf-8",
    )
    result = cleanse_cli("clean", "a.txt", "b.html", "c.jsonl", cwd=workdir)
    assert result.returncode == 0, result.stderr.decode()
    a, b, c1, c2 = records(result.stdout)
    assert (a["title"], a["text"]) == ("Storm Closes Roads", "Rain fell, officials said.")
    assert b["text"] == (
        "The council voted on Monday to raise the budget for road repairs.\n\n"
        "Officials said the work would begin in spring."
    )
    assert (c1["id"], c1["text"]) == ("rec-1", "Plain record text.")
    assert (c2["id"], c2["site"], c2["text"]) == ("rec-2", "news.example.org", b["text"])


def test_output_file(workdir: Path) -> None:
    (workdir / "a.txt").write_text("One  paragraph .", encoding="utf-8")
    result = cleanse_cli("clean", "a.txt", "-o", "out.jsonl", cwd=workdir)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == b""
    (record,) = records((workdir / "out.jsonl").read_bytes())
    assert record["text"] == "One paragraph."


def test_a_failing_input_is_reported_and_the_others_still_written(workdir: Path) -> None:
    (workdir / "good.txt").write_text("Good  text .", encoding="utf-8")
    (workdir / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (workdir / "also-good.html").write_text(ARTICLE_HTML, encoding="utf-8")
    (workdir / "bad.jsonl").write_text('{"id": "ok", "text": "Fine."}\n{not json\n', "utf-8")
    result = cleanse_cli(
        "clean", "good.txt", "binary.txt", "also-good.html", "bad.jsonl", "missing.txt",
        cwd=workdir,
    )  # fmt: skip
    assert result.returncode == 1
    got = records(result.stdout)
    assert [r["text"][:10] for r in got] == ["Good text.", "The counci", "Fine."]
    err = " ".join(result.stderr.decode().split())  # undo any line wrapping
    assert "binary.txt" in err and "binary" in err
    assert "bad.jsonl:2" in err and "invalid JSON" in err
    assert "missing.txt" in err and "no such file" in err


def test_errors_file_gets_one_json_line_per_failure(workdir: Path) -> None:
    inputs = workdir / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text("Good text.", encoding="utf-8")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 4)
    result = cleanse_cli("clean", "in", "--errors", "errors.jsonl", cwd=workdir)
    assert result.returncode == 1
    assert len(records(result.stdout)) == 1
    (failure,) = records((workdir / "errors.jsonl").read_bytes())
    assert failure["error"] == "DecodeError"
    assert failure["input"].endswith("binary.txt")


def test_stdin_jsonl(workdir: Path) -> None:
    result = cleanse_cli("clean", "-", cwd=workdir, stdin=b'{"text": "From  stdin ."}\n')
    assert result.returncode == 0, result.stderr.decode()
    assert records(result.stdout)[0]["text"] == "From stdin."


@pytest.mark.parametrize(
    "args",
    [
        ("clean",),
        ("clean", "x.txt", "--format", "xml"),
        ("clean", "x.txt", "--workers", "0"),
        ("clean", "x.txt", "--no-such-flag"),
        ("no-such-command",),
    ],
    ids=["no-inputs", "bad-format", "bad-workers", "unknown-flag", "unknown-command"],
)
def test_usage_errors_exit_2(workdir: Path, args: tuple[str, ...]) -> None:
    (workdir / "x.txt").write_text("Text.", encoding="utf-8")
    result = cleanse_cli(*args, cwd=workdir)
    assert result.returncode == 2, result.stderr.decode()
    assert result.stdout == b""


def test_bad_config_file_exits_2(workdir: Path) -> None:
    (workdir / "cleanse.toml").write_text('steps = ["nope"]\n', encoding="utf-8")
    (workdir / "x.txt").write_text("Text.", encoding="utf-8")
    result = cleanse_cli("clean", "x.txt", cwd=workdir)
    assert result.returncode == 2
    assert "cleanse.toml" in result.stderr.decode()


def test_config_file_in_the_working_folder_applies(workdir: Path) -> None:
    (workdir / "cleanse.toml").write_text('steps = ["decode", "repair"]\n', encoding="utf-8")
    (workdir / "x.txt").write_text("cafÃ©  bar .", encoding="utf-8")
    result = cleanse_cli("clean", "x.txt", cwd=workdir)
    assert result.returncode == 0, result.stderr.decode()
    assert records(result.stdout)[0]["text"] == "café  bar ."


def test_schema_prints_the_checked_in_schema(workdir: Path) -> None:
    result = cleanse_cli("schema", cwd=workdir)
    assert result.returncode == 0
    assert result.stdout.decode("utf-8") == schema_json()
    assert result.stdout == (ROOT / "schemas" / "article.schema.json").read_bytes()
