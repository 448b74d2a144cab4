"""``cleanse clean`` through a real subprocess: inputs, formats, workers, errors, exit codes."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

DATA = Path(__file__).parent / "data" / "cli"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def cleanse(
    *args: str | Path, cwd: Path | None = None, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "cleanse", *map(str, args)],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env=env,
        timeout=300,
        check=False,
    )


def records(data: bytes) -> list[dict[str, object]]:
    return [orjson.loads(line) for line in data.splitlines() if line.strip()]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder of every input kind, nested, one of them gzipped."""
    root = tmp_path / "corpus"
    (root / "nested").mkdir(parents=True)
    shutil.copy(DATA / "dirty-article.txt", root / "a.txt")
    shutil.copy(DATA / "pages" / "storm.html", root / "nested" / "b.html")
    (root / "nested" / "c.jsonl.gz").write_bytes(
        gzip.compress((DATA / "records.jsonl").read_bytes())
    )
    (root / "ignored.bin").write_bytes(b"\x00\x01")
    return root


def test_folder_recursive_with_gz_streams_jsonl_and_reports_failures(corpus: Path) -> None:
    result = cleanse("clean", corpus)
    assert result.returncode == 1, result.stderr  # the record without text fails
    out = records(result.stdout)
    assert len(out) == 4  # a.txt, b.html, two good records of c.jsonl.gz
    assert [r["id"] for r in out[2:]] == ["t1", "h1"]
    first = out[0]
    assert first["title"] == "Harbour Council Approves New Flood Defences After Winter Storms"
    assert "  " not in str(first["text"])
    assert b"c.jsonl.gz:3" in result.stderr  # the failure names file and line
    assert b"documents cleaned" in result.stderr  # the summary table


def test_errors_file_has_one_line_per_failure_and_good_records_still_written(
    tmp_path: Path,
) -> None:
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    result = cleanse(
        "clean", DATA / "records.jsonl", tmp_path / "missing.txt", "-o", out, "--errors", errors
    )
    assert result.returncode == 1
    assert [r["id"] for r in records(out.read_bytes())] == ["t1", "h1"]
    failed = records(errors.read_bytes())
    assert [f["input"] for f in failed] == [
        f"{DATA / 'records.jsonl'}:3",
        str(tmp_path / "missing.txt"),
    ]
    assert all(f["message"] and f["error"] for f in failed)


def test_all_clean_exits_0_and_glob_and_stdin_work(tmp_path: Path) -> None:
    result = cleanse("clean", str(DATA / "pages" / "[sb]*.html"), "-q")
    assert result.returncode == 0, result.stderr
    assert len(records(result.stdout)) == 2
    assert result.stderr == b""  # -q: no summary
    piped = cleanse("clean", "-", "-q", stdin=(DATA / "dirty-article.txt").read_bytes())
    assert piped.returncode == 0
    from_file = cleanse("clean", DATA / "dirty-article.txt", "-q")
    (a,), (b,) = records(piped.stdout), records(from_file.stdout)
    assert a["text"] == b["text"] and a["title"] == b["title"]
    jsonl = cleanse("clean", "-", "-q", stdin=b'{"id": "x", "text": "one  two ."}\n')
    assert records(jsonl.stdout)[0]["text"] == "one two."


def test_workers_keep_input_order_and_give_the_same_bytes(tmp_path: Path) -> None:
    lines = [
        orjson.dumps({"id": f"r{i}", "text": f"Record   {i} says   hello ." * (1 + i % 7)})
        for i in range(300)
    ]
    (tmp_path / "many.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    one = cleanse("clean", tmp_path / "many.jsonl", "--workers", "1", "-q")
    two = cleanse("clean", tmp_path / "many.jsonl", "--workers", "2", "-q")
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
    assert [r["id"] for r in records(two.stdout)] == [f"r{i}" for i in range(300)]


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_formats(fmt: str) -> None:
    result = cleanse(
        "clean", DATA / "dirty-article.txt", DATA / "pages" / "bridge.html", "--format", fmt, "-q"
    )
    assert result.returncode == 0
    if fmt == "json":
        data = orjson.loads(result.stdout)
        assert isinstance(data, list) and len(data) == 2
    else:
        text = result.stdout.decode()
        assert text.startswith("Harbour Council Approves")
        assert "Old Railway Bridge" in text and not text.startswith("{")


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    target = tmp_path / "in.jsonl"
    shutil.copy(DATA / "records.jsonl", target)
    before = target.read_bytes()
    same = cleanse("clean", target, "-o", target)
    assert same.returncode == 2 and b"also an input" in same.stderr
    assert target.read_bytes() == before
    folder = cleanse("clean", tmp_path, "-o", tmp_path / "in.jsonl")
    assert folder.returncode == 2
    assert cleanse("clean", target, "--format", "xml").returncode == 2
    assert cleanse("clean", target, "--workers", "0").returncode == 2
    assert cleanse("clean", target, "--dask", "local").returncode == 2  # needs -o FOLDER


def test_output_is_replaced_atomically_and_not_left_half_written(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"old\n")
    result = cleanse("clean", DATA / "dirty-article.txt", "-o", out, "-q")
    assert result.returncode == 0
    assert records(out.read_bytes())[0]["title"]
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]  # no temporary left


def test_undecodable_and_broken_inputs_become_failures(tmp_path: Path) -> None:
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "broken.jsonl").write_bytes(b'{"text": "fine."}\n{not json\n[1, 2]\n')
    (tmp_path / "truncated.txt.gz").write_bytes(gzip.compress(b"some text here. " * 50)[:40])
    errors = tmp_path / "errors.jsonl"
    result = cleanse("clean", tmp_path, "--errors", errors, "-q")
    assert result.returncode == 1
    failed = {str(f["input"]).rsplit("/", 1)[-1] for f in records(errors.read_bytes())}
    assert {"broken.jsonl:2", "broken.jsonl:3", "truncated.txt.gz"} <= failed
    assert len(records(result.stdout)) >= 1  # broken.jsonl:1 is still written
