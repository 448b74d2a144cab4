"""Hostile paths and inputs for ``clean`` and ``fix``: links, FIFOs, devices, undecodable
names, BOMs, stdin, missing folders, and records with odd JSON."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import orjson
import pytest

from cleanse.io.atomic import atomic_writer
from cleanse.io.readers import read_paths
from cleanse.models import Failure
from cleanse.pipeline import Input
from tests.test_cli_clean import cleanse, records

RECORD = b'{"text": "Hello  world ."}\n'


def read(path: Path) -> list[Input | Failure]:
    return list(read_paths([path]))


# -- 1. links, FIFOs and devices are written through, not replaced -----------------------


def test_output_through_a_link_replaces_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_bytes(RECORD)
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "out.jsonl"
    target.write_bytes(b"old\n")
    link = tmp_path / "link.jsonl"
    link.symlink_to(target)
    result = cleanse("clean", tmp_path / "in.jsonl", "-o", link, "--errors", link.parent / "e")
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and link.resolve() == target
    assert records(target.read_bytes())[0]["text"] == "Hello world."
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["out.jsonl"]


def test_a_dangling_link_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to("made.txt")
    with atomic_writer(link) as stream:
        stream.write(b"new")
    assert link.is_symlink() and (tmp_path / "made.txt").read_bytes() == b"new"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_output_and_errors_to_fifos_are_written_through(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_bytes(RECORD + b"{}\n")
    got: dict[str, bytes] = {}

    def drain(name: str) -> None:
        with (tmp_path / name).open("rb") as fifo:  # blocks until cleanse opens it
            got[name] = fifo.read()

    readers = [threading.Thread(target=drain, args=(n,), daemon=True) for n in ("out", "err")]
    for name, reader in zip(("out", "err"), readers, strict=True):
        os.mkfifo(tmp_path / name)
        reader.start()
    result = cleanse("clean", "in.jsonl", "-o", "out", "--errors", "err", cwd=tmp_path)
    for reader in readers:
        reader.join(timeout=10)  # cleanse is done: a reader still waiting got nothing
    assert result.returncode == 1, result.stderr  # the record {} has no text
    assert records(got.get("out", b""))[0]["text"] == "Hello world."
    assert records(got.get("err", b""))[0]["input"] == "in.jsonl:2"
    assert all(stat.S_ISFIFO((tmp_path / name).lstat().st_mode) for name in ("out", "err"))


def test_a_character_device_is_written_through(tmp_path: Path) -> None:
    device = tmp_path / "null"
    try:  # a copy of /dev/null, so that a regression cannot replace the real one
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (OSError, AttributeError):
        pytest.skip("cannot make a device node here")
    with atomic_writer(device) as stream:
        stream.write(b"gone")
    assert stat.S_ISCHR(device.lstat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]


def test_fix_through_a_link_fixes_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_bytes(b"Some  text here , with   spaces .\n")
    link = tmp_path / "link.txt"
    link.symlink_to("real.txt")
    assert cleanse("fix", link).returncode == 1
    assert link.is_symlink()
    assert target.read_bytes() == b"Some text here, with spaces.\n"
    assert cleanse("fix", link).returncode == 0


# -- 2. a file name that is not UTF-8 ---------------------------------------------------


def test_an_undecodable_file_name_is_a_failure_with_the_byte_escaped(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_bytes(b"Good text here.\n")
    try:
        (root / os.fsdecode(b"b\xe9.html")).write_bytes(b"")
    except (OSError, UnicodeError):
        pytest.skip("the file system refuses names that are not UTF-8")
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    result = cleanse("clean", root, "-o", out, "--errors", errors, "-q")
    assert result.returncode == 1, result.stderr
    assert [r["text"] for r in records(out.read_bytes())] == ["Good text here."]
    (failed,) = records(errors.read_bytes())
    assert str(failed["input"]).endswith("b\\xe9.html")
    assert "b\\xe9.html" in str(failed["message"])


def test_a_failure_never_carries_a_lone_surrogate() -> None:
    failure = Failure(input="b\udce9.txt", error="DecodeError", message="b\udce9.txt: \ud800 é")
    assert orjson.loads(failure.to_json()) == {
        "input": "b\\xe9.txt",
        "error": "DecodeError",
        "message": "b\\xe9.txt: \\ud800 é",
    }


# -- 3. a UTF-8 byte order mark before JSON ---------------------------------------------

BOM_JSONL = b'\xef\xbb\xbf{"text": "Hello"}\n{"text": "b"}\n'


def test_a_bom_before_jsonl_or_json_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_bytes(BOM_JSONL)
    (tmp_path / "b.json").write_bytes(b'\xef\xbb\xbf[{"text": "c"}, {"text": "d"}]')
    items = read(tmp_path / "a.jsonl") + read(tmp_path / "b.json")
    assert [i.raw for i in items if isinstance(i, Input)] == ["Hello", "b", "c", "d"]


def test_a_bom_before_jsonl_on_stdin_is_skipped() -> None:
    result = cleanse("clean", "-", "-q", stdin=BOM_JSONL)
    assert result.returncode == 0, result.stderr
    assert [r["text"] for r in records(result.stdout)] == ["Hello", "b"]


def test_fix_drops_a_bom_once_and_then_settles(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(BOM_JSONL)
    first = cleanse("fix", path)
    assert first.returncode == 1 and b"error" not in first.stderr, first.stderr
    assert path.read_bytes() == BOM_JSONL.removeprefix(b"\xef\xbb\xbf")
    assert cleanse("fix", path).returncode == 0


# -- 4. an output folder that does not exist --------------------------------------------


@pytest.mark.parametrize("flag", ["-o", "--errors"])
def test_an_output_in_a_missing_folder_is_a_usage_error(tmp_path: Path, flag: str) -> None:
    (tmp_path / "in.jsonl").write_bytes(RECORD)
    target = tmp_path / "nodir" / "x.out"
    result = cleanse("clean", tmp_path / "in.jsonl", flag, target, "-q")
    assert result.returncode == 2
    assert str(target).encode() in result.stderr and b"does not exist" in result.stderr
    assert b"Traceback" not in result.stderr and result.stdout == b""


# -- 5. stdin ---------------------------------------------------------------------------


def test_a_json_array_on_stdin_is_records_and_bracketed_text_a_document() -> None:
    array = cleanse("clean", "-", "-q", stdin=b' [ {"text": "a"}, {"text": "b"} ]')
    assert array.returncode == 0, array.stderr
    assert [r["text"] for r in records(array.stdout)] == ["a", "b"]
    text = cleanse("clean", "-", "-q", stdin=b"[Reuters] The council met today.\n")
    assert [r["text"] for r in records(text.stdout)] == ["[Reuters] The council met today."]


def test_stdin_named_twice_is_a_usage_error() -> None:
    result = cleanse("clean", "-", "-", "-q", stdin=RECORD)
    assert result.returncode == 2
    assert b"more than once" in result.stderr and result.stdout == b""


# -- 6. records with odd JSON -----------------------------------------------------------


def test_a_lone_surrogate_escape_is_read_and_becomes_u_fffd(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_bytes(b'{"text": "a \\ud800 b.", "id": "x\\udce9"}\n')
    (item,) = read(path)
    assert isinstance(item, Input) and item.raw == "a \ufffd b." and item.id == "x\ufffd"
    result = cleanse("clean", path, "-q")
    assert result.returncode == 0, result.stderr
    assert records(result.stdout)[0]["text"] == "a \ufffd b."


def test_a_line_that_is_not_utf8_says_so(tmp_path: Path) -> None:
    path = tmp_path / "latin.jsonl"
    path.write_bytes(b'{"text": "ok"}\n{"text": "caf\xe9"}\n')
    good, bad = read(path)
    assert isinstance(good, Input) and isinstance(bad, Failure)
    assert bad.input == f"{path}:2"
    assert bad.message.startswith(f"{path}:2: not valid UTF-8")
    assert "surrogates" not in bad.message


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", ["a", "b"]),
        ("id", True),
        ("id", 1.5),
        ("url", {"href": "x"}),
        ("language", 3),
        ("html", 5),
        ("text", ["a"]),
    ],
)
def test_a_known_field_of_the_wrong_type_fails_the_record(
    tmp_path: Path, field: str, value: object
) -> None:
    path = tmp_path / "r.jsonl"
    record = {"text": "Some text.", field: value}
    path.write_bytes(b'{"text": "first"}\n' + orjson.dumps(record) + b"\n")
    first, failed = read(path)
    assert isinstance(first, Input) and isinstance(failed, Failure)
    assert failed.input == f"{path}:2"
    assert failed.message.startswith(f"{path}:2: field {field!r} must be a string")


def test_a_numeric_id_and_null_fields_are_still_accepted(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_bytes(b'{"text": "t", "id": 7, "title": null, "url": null}\n')
    (item,) = read(path)
    assert isinstance(item, Input) and item.id == "7" and item.title is None
