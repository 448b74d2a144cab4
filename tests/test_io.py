"""The I/O layer without subprocesses: atomic replace, rewrites, tallies, diffs, chunking."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanse.config import Config
from cleanse.io.atomic import atomic_writer, replace_bytes
from cleanse.io.batch import chunked, clean_chunk
from cleanse.io.diff import explain_article, input_text, unified_diff
from cleanse.io.readers import ReadProgress, expand, format_of, read_paths, total_size
from cleanse.io.rewrite import clean_text, rewrite_file
from cleanse.io.summary import Tally
from cleanse.io.writers import render_json
from cleanse.models import Article, Edit, Failure, Stats
from cleanse.pipeline import Input, Pipeline

DATA = Path(__file__).parent / "data" / "cli"
PIPELINE = Pipeline(Config())


def test_atomic_replace_keeps_mode_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "data.txt"
    target.write_bytes(b"old")
    target.chmod(0o640)
    replace_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["data.txt"]


def test_atomic_replace_keeps_the_original_on_error(tmp_path: Path) -> None:
    target = tmp_path / "data.txt"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_writer(target) as stream:
        stream.write(b"half")
        raise RuntimeError("boom")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["data.txt"]


def test_a_title_taken_from_line_one_stays_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes((DATA / "dirty-article.txt").read_bytes())
    first = rewrite_file(PIPELINE, path)
    assert first.changed and not first.errors
    replace_bytes(path, _new_bytes(path))
    text = path.read_text(encoding="utf-8")
    assert text.startswith("Harbour Council Approves New Flood Defences After Winter Storms\n\n")
    assert text.endswith("pay for it.\n") and not text.endswith("\n\n")
    assert "“the most important decision in a generation”" in text  # mojibake repaired
    assert not rewrite_file(PIPELINE, path).changed  # a second pass changes nothing


def _new_bytes(path: Path) -> bytes:
    import io

    sink = io.BytesIO()
    rewrite_file(PIPELINE, path, sink)
    return sink.getvalue()


def test_jsonl_rewrite_keeps_other_fields_and_unchanged_lines(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    unchanged = b'{"id": 2,  "text": "Already clean.", "n": 1.50}\n'
    path.write_bytes(b'{"id":1,"text":"Two  spaces .","tags":["x"]}\n\n' + unchanged + b"\n\n")
    outcome = rewrite_file(PIPELINE, path)
    assert [c.where for c in outcome.changes] == [f"{path}:1", str(path)]
    assert outcome.changes[1].note == "blank lines at the end removed"
    new = _new_bytes(path)
    assert new == b'{"id":1,"text":"Two spaces.","tags":["x"]}\n\n' + unchanged


def test_jsonl_rewrite_reports_bad_lines_and_keeps_them(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_bytes(b'{not json}\n{"id": 1, "text": "a  b."}\n')
    outcome = rewrite_file(PIPELINE, path)
    assert outcome.errors and ":1: invalid JSON" in outcome.errors[0]
    assert _new_bytes(path) == b'{not json}\n{"id": 1, "text": "a b."}\n'  # only the value


prose = st.lists(
    st.sampled_from(
        ["The", "council", "voted", "on", "Tuesday", "to", "build", "a", "wall", ",", ".", "  "]
    ),
    min_size=3,
    max_size=40,
).map(" ".join)


@given(st.lists(prose, min_size=1, max_size=4), st.booleans())
def test_fix_is_idempotent_on_generated_text(paragraphs: list[str], headline: bool) -> None:
    raw = "\n\n".join(paragraphs)
    if headline:
        raw = "Council Votes To Build A Wall\n\n" + raw
    once = clean_text(PIPELINE, raw + "\n", name="a.txt", stored_as="{}\n")
    twice = clean_text(PIPELINE, once + "\n", name="a.txt", stored_as="{}\n")
    assert twice == once
    if headline and once.startswith("Council Votes"):
        assert "Council Votes To Build A Wall" in once


def test_tally_counts_from_the_edit_log() -> None:
    edits = [
        Edit(
            step="boilerplate", rule="bp.x", start=0, end=20, before="Share this\nLike\n", after=""
        ),
        Edit(step="typos", rule="t.x", start=30, end=33, before="teh", after="the"),
        Edit(step="names+typos", rule="n.x+t.y", start=40, end=45, before="Qasem", after="Qassem"),
    ]
    article = Article(
        id="x",
        text="t",
        edits=edits,
        stats=Stats(chars_in=50, chars_out=1, words_out=1, edits={"typos": 2, "names": 1}),
    )
    tally, other = Tally(), Tally(failures=1)
    tally.add(article)
    tally.merge(other)
    assert (tally.documents, tally.failures) == (1, 1)
    assert (tally.boilerplate_lines, tally.typos_fixed, tally.names_normalised) == (2, 2, 1)
    assert tally.edits == {"typos": 2, "names": 1}


def test_explain_rebuilds_the_input_and_names_rules() -> None:
    raw = (DATA / "dirty-article.txt").read_text(encoding="utf-8")
    article = PIPELINE.clean(raw, kind="text")
    assert input_text(article) == raw
    shown = "".join(block.plain for block in explain_article(article, name="a.txt"))
    assert "extract.title-first-line" in shown and "repair" in shown


def test_explain_marks_removed_and_inserted_text_without_colour() -> None:
    article = PIPELINE.clean("The  goverment said it.", kind="text", title="")
    shown = "".join(block.plain for block in explain_article(article, name="a.txt"))
    assert "[-goverment-]{+government+}" in shown
    assert "[-··-]{+·+}" in shown  # two spaces became one


def test_unified_diff_is_cut_short() -> None:
    before = "\n".join(f"line {i}" for i in range(200))
    diff = unified_diff(before, before.replace("line", "LINE"), label="f", max_lines=10).plain
    assert diff.count("\n") == 11 and "more diff lines" in diff


def test_chunks_close_at_count_or_bytes() -> None:
    items: list[Input | Failure] = [Input("x" * 100, name=str(i)) for i in range(10)]
    assert [len(c) for c in chunked(items, size=4, max_bytes=10_000)] == [4, 4, 2]
    assert [len(c) for c in chunked(items, size=100, max_bytes=250)] == [3, 3, 3, 1]


def test_clean_chunk_renders_in_order_and_keeps_failures() -> None:
    items: list[Input | Failure] = [
        Input("One  two .", name="a"),
        Failure(input="b", error="InputFormatError", message="b: bad"),
        Input(b"\xff\xfe\x00\x00" * 300, name="c"),
    ]
    results, tally = clean_chunk(PIPELINE, items, render_json)
    assert isinstance(results[0], bytes) and b'"One two."' in results[0]
    assert results[1] == items[1]
    assert tally.documents + tally.failures == 3


def test_readers_expand_folders_and_count_progress(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.jsonl").write_bytes(b'{"text": "x."}\n{"text": "y."}\n')
    (tmp_path / "a.md").write_text("Hello.", encoding="utf-8")
    (tmp_path / "skip.csv").write_text("a,b", encoding="utf-8")
    paths = list(expand([str(tmp_path), str(tmp_path / "nope")]))
    assert [p.name for p in paths if isinstance(p, Path)] == ["a.md", "b.jsonl"]
    assert isinstance(paths[-1], Failure)
    progress = ReadProgress(total=total_size(paths))
    items = list(read_paths(paths, progress=progress))
    assert len(items) == 4 and progress.done == progress.total and progress.files == 2
    assert format_of("x.JSONL.gz") == "records" and format_of("x.gz") is None


def test_explain_edit_line_and_column_with_and_without_newline_index() -> None:
    from cleanse.io.diff import explain_edit
    from cleanse.models import Edit

    source = "first line\nsecond  line\n\nfourth , line"
    edits = [
        Edit(step="whitespace", rule="r", start=17, end=19, before="  ", after=" "),
        Edit(step="whitespace", rule="r", start=31, end=32, before=" ", after=""),
        Edit(step="repair", rule="r", start=0, end=1, before="f", after="F"),
    ]
    newlines = [i for i, c in enumerate(source) if c == "\n"]
    for edit, where in zip(edits, ("line 2:7", "line 4:7", "line 1:1"), strict=True):
        assert where in explain_edit(source, edit).plain
        assert explain_edit(source, edit, newlines).plain == explain_edit(source, edit).plain


def test_explain_marks_the_markdown_edits_fix_leaves_alone() -> None:
    from cleanse.io.rewrite import markdown_left_alone

    source = "Some prose with a goverment word.\n\n```\nrecieve  the  data\n```\n"
    code = (source.index("```"), source.rindex("```") + 3)
    article = PIPELINE.clean(source, kind="text", title="")
    touching = {k for k, e in enumerate(article.edits) if e.start < code[1] and e.end > code[0]}
    assert touching and markdown_left_alone(article) == touching
    shown = "".join(b.plain for b in explain_article(article, name="a.md", left_alone=touching))
    assert shown.count("cleanse fix leaves this") == len(touching)
