"""``cleanse check`` / ``cleanse fix`` / ``cleanse explain`` through a real subprocess."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

from tests.test_cli_clean import DATA, cleanse


def test_check_shows_a_diff_and_exits_1_without_touching_files(tmp_path: Path) -> None:
    dirty = tmp_path / "dirty.txt"
    shutil.copy(DATA / "dirty-article.txt", dirty)
    before = dirty.read_bytes()
    result = cleanse("check", dirty)
    assert result.returncode == 1
    out = result.stdout.decode()
    assert "would change" in out and "--- " in out and "+++ " in out
    assert "+Engineers said" in out  # the repaired line, as a diff line
    assert dirty.read_bytes() == before


def test_fix_rewrites_in_place_keeps_mode_and_a_second_fix_changes_nothing(
    tmp_path: Path,
) -> None:
    txt, md, jsonl = tmp_path / "a.txt", tmp_path / "b.md", tmp_path / "c.jsonl"
    shutil.copy(DATA / "dirty-article.txt", txt)
    md.write_text("Notes  on the harbour .\n\n\n\nSecond   paragraph.", encoding="utf-8")
    jsonl.write_bytes(b'{"id": "k", "text": "Too   many  spaces .", "meta": {"a": 1}}\n')
    txt.chmod(0o600)
    first = cleanse("fix", txt, md, jsonl)
    assert first.returncode == 1, first.stderr
    assert stat.S_IMODE(txt.stat().st_mode) == 0o600
    assert txt.read_text(encoding="utf-8").startswith("Harbour Council Approves")
    assert md.read_text(encoding="utf-8") == "Notes on the harbour.\n\nSecond paragraph.\n"
    assert jsonl.read_bytes() == b'{"id": "k", "text": "Too many spaces.", "meta": {"a": 1}}\n'
    snapshot = [p.read_bytes() for p in (txt, md, jsonl)]
    second = cleanse("fix", txt, md, jsonl)
    assert second.returncode == 0, second.stdout
    assert [p.read_bytes() for p in (txt, md, jsonl)] == snapshot
    assert cleanse("check", txt, md, jsonl).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.md", "c.jsonl"]


def test_clean_files_pass_and_bad_files_fail_untouched(tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("A clean sentence.\n", encoding="utf-8")
    assert cleanse("check", clean).returncode == 0
    assert cleanse("fix", clean).returncode == 0
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    result = cleanse("fix", binary)
    assert result.returncode == 1 and b"error" in result.stderr
    assert binary.read_bytes() == bytes(range(256)) * 8


def test_files_check_fix_do_not_read_are_skipped_not_fatal(tmp_path: Path) -> None:
    # a user's `files: ^data/` replaces the hook's own pattern: a CSV comes along
    table = tmp_path / "t.csv"
    table.write_text("a,b\n1,2\n", encoding="utf-8")
    dirty = tmp_path / "dirty.txt"
    dirty.write_text("The  goverment said .\n", encoding="utf-8")
    result = cleanse("fix", table, dirty)
    assert result.returncode == 1  # the text file was fixed
    assert dirty.read_text(encoding="utf-8") == "The government said.\n"
    assert table.read_text(encoding="utf-8") == "a,b\n1,2\n"
    assert b"skipped" in result.stderr and b"t.csv" in result.stderr
    assert cleanse("check", table).returncode == 0  # nothing to check


def test_explain_shows_edits_with_rule_ids() -> None:
    result = cleanse("explain", DATA / "dirty-article.txt")
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert "extract.title-first-line" in out
    assert "repair" in out and "whitespace" in out
    assert "line 1:1" in out
    record = cleanse("explain", DATA / "records.jsonl", "--record", "2")
    assert record.returncode == 0 and "records.jsonl:2" in record.stdout.decode()
    missing = cleanse("explain", DATA / "records.jsonl", "--record", "3")
    assert missing.returncode == 1 and b"no 'text' or 'html'" in missing.stderr


def test_a_missing_gazetteer_is_one_config_error_not_a_failure_per_file(tmp_path: Path) -> None:
    (tmp_path / "cleanse.toml").write_text(
        '[names]\ngazetteers = ["missing.toml"]\n', encoding="utf-8"
    )
    files = []
    for name in ("a.txt", "b.txt"):
        files.append(tmp_path / name)
        files[-1].write_text("Too   many spaces .\n", encoding="utf-8")
    for command in ("check", "fix"):
        result = cleanse(command, *files, cwd=tmp_path)
        assert result.returncode == 2, result.stderr
        errors = result.stderr.decode().splitlines()
        assert len(errors) == 1 and "missing.toml" in errors[0], errors
    assert all(f.read_text(encoding="utf-8") == "Too   many spaces .\n" for f in files)


def test_clean_with_a_missing_gazetteer_is_one_config_error(tmp_path: Path) -> None:
    (tmp_path / "cleanse.toml").write_text(
        '[names]\ngazetteers = ["missing.toml"]\n', encoding="utf-8"
    )
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Too   many spaces .\n", encoding="utf-8")
    for extra in ([], ["--workers", "2"]):
        result = cleanse("clean", "a.txt", "b.txt", *extra, cwd=tmp_path)
        assert result.returncode == 2, result.stderr
        errors = result.stderr.decode().splitlines()
        assert len(errors) == 1 and "missing.toml" in errors[0], errors
        assert result.stdout == b""
