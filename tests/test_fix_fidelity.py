"""``cleanse fix`` changes only what cleaning means to change.

Markdown structure (code, front matter, hard breaks) is left as it is, a file
keeps its line endings, and a JSONL record keeps every byte but its cleaned
``text`` value.
"""

from __future__ import annotations

import io
from pathlib import Path

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanse.config import Config
from cleanse.io import rewrite
from cleanse.io.markdown import protected_spans
from cleanse.io.rewrite import FileOutcome, clean_text, rewrite_file
from cleanse.pipeline import Pipeline
from tests.test_cli_clean import cleanse

PIPELINE = Pipeline(Config())


def _rewrite(path: Path) -> tuple[FileOutcome, bytes]:
    sink = io.BytesIO()
    outcome = rewrite_file(PIPELINE, path, sink)
    return outcome, sink.getvalue()


def _fixed(tmp_path: Path, name: str, data: bytes) -> bytes:
    """The file's bytes after ``fix``, checked to be settled: a second pass changes nothing."""
    path = tmp_path / name
    path.write_bytes(data)
    outcome, new = _rewrite(path)
    assert outcome.changed == (new != data), outcome.changes
    path.write_bytes(new)
    again, same = _rewrite(path)
    assert same == new and not again.changed, again.changes
    return new


# -- 1. Markdown: code, front matter and hard breaks are kept ---------------------------

CODE_MD = """# Notes

Run the tool like this:

```bash
grep -E "foo  bar" file.txt | awk '{print $1,   $2}'
```

~~~python
msg = "Hello,  world"
recieve = teh_value


return  x
~~~

Inline `a  b` code, ``x  `y` `` and a governmnet typo.

    indented   code
    recieve  = 1

A line with a hard break\x20\x20
next line  here.
"""


def test_markdown_code_and_hard_breaks_are_kept_and_prose_is_cleaned(tmp_path: Path) -> None:
    new = _fixed(tmp_path, "code.md", CODE_MD.encode()).decode()
    for kept in (
        "grep -E \"foo  bar\" file.txt | awk '{print $1,   $2}'",
        'msg = "Hello,  world"\nrecieve = teh_value\n\n\nreturn  x\n~~~',
        "`a  b`",
        "``x  `y` ``",
        "    indented   code\n    recieve  = 1\n",
        "hard break  \nnext line here.",
    ):
        assert kept in new
    assert "a government typo" in new  # the prose around them is still cleaned
    only_a_break = b"A hard break\x20\x20\nand the  governmnet.\n\nThe council met on Tuesday.\n"
    assert _fixed(tmp_path, "break.md", only_a_break) == (
        b"A hard break\x20\x20\nand the government.\n\nThe council met on Tuesday.\n"
    )


def test_yaml_front_matter_is_kept(tmp_path: Path) -> None:
    source = (
        "---\nlayout: post\ntitle: Iraq  protests\nSource: Reuters\nauthor: Jane Doe\n---\n\n"
        "The governmnet said on Monday that protests would continue across Baghdad.\n"
    )
    new = _fixed(tmp_path, "fm.md", source.encode()).decode()
    assert new.startswith("---\nlayout: post\ntitle: Iraq  protests\nSource: Reuters\n")
    assert "The government said" in new


def test_a_txt_file_has_no_markdown(tmp_path: Path) -> None:
    new = _fixed(tmp_path, "a.txt", b"Inline `a  b` code.\n")
    assert new == b"Inline `a b` code.\n"


def test_a_markdown_file_dirty_only_inside_code_is_unchanged_for_check_and_fix(
    tmp_path: Path,
) -> None:
    path = tmp_path / "only-code.md"
    data = b"Some text.\n\n```\nrecieve  =  1\n```\n"
    path.write_bytes(data)
    for command in ("check", "fix"):
        result = cleanse(command, path)
        assert result.returncode == 0, result.stdout
        assert result.stdout == b""
    assert path.read_bytes() == data


def test_fix_then_check_agree_on_markdown_through_the_cli(tmp_path: Path) -> None:
    path = tmp_path / "code.md"
    path.write_text(CODE_MD, encoding="utf-8")
    assert cleanse("check", path).returncode == 1
    assert cleanse("fix", path).returncode == 1
    fixed = path.read_bytes()
    assert b"foo  bar" in fixed and b"government" in fixed
    assert cleanse("check", path).returncode == 0
    assert cleanse("fix", path).returncode == 0
    assert path.read_bytes() == fixed


def test_protected_spans_follow_commonmark_where_it_matters() -> None:
    def kept(text: str) -> list[str]:
        return [text[s.start : s.end] for s in protected_spans(text)]

    # an escaped backtick opens nothing; a run with no partner is literal
    assert kept("a \\`b `c` d ``e") == ["`c`"]
    # an indented line continuing a paragraph is not code; after a blank line it is
    assert kept("para\n    more  text\n") == []
    assert kept("para\n\n    code  x\n") == ["    code  x"]
    # a fence never closed runs to the end; a fence inside a block quote counts
    assert kept("x\n```\na  b\n\n") == ["```\na  b"]
    assert kept("> ```\n> a  b\n> ```\n") == ["> ```\n> a  b\n> ```"]
    # the trailing spaces of the last line of a paragraph are no hard break
    assert kept("one  \ntwo  \n\nthree\n") == ["  "]
    # "---" that is never closed is a thematic break, not front matter
    assert kept("---\ntext  here\n") == []


markdown_lines = st.sampled_from(
    [
        "The governmnet  voted on Tuesday .",
        "Share this:",
        "Facebook",
        "```",
        "~~~",
        "    indented  code",
        "Inline `a  b` and ``c`` here .",
        "a lone ` tick  here",
        "hard break\x20\x20",
        "# Heading  here",
        "> quoted  text",
        "",
        "",
    ]
)


@given(st.lists(markdown_lines, min_size=1, max_size=16))
def test_markdown_fix_keeps_code_and_settles(lines: list[str]) -> None:
    source = "\n".join(lines) + "\n"
    once = clean_text(PIPELINE, source, name="a.md", stored_as="{}\n", markdown=True)
    twice = clean_text(PIPELINE, once + "\n", name="a.md", stored_as="{}\n", markdown=True)
    assert twice == once

    def code(text: str) -> list[str]:
        spans = protected_spans(text)
        return [text[s.start : s.end] for s in spans if s.kind != "hard-break"]

    assert code(once) == code(source)


# -- 2. line endings are kept -----------------------------------------------------------


def test_a_clean_crlf_file_is_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "w.txt"
    path.write_bytes(b"Clean line one.\r\nClean line two.\r\n")
    for command in ("check", "fix"):
        result = cleanse(command, path)
        assert result.returncode == 0, result.stdout
        assert result.stdout == b""
    assert path.read_bytes() == b"Clean line one.\r\nClean line two.\r\n"


def test_a_crlf_file_stays_crlf_when_fixed(tmp_path: Path) -> None:
    new = _fixed(tmp_path, "w.txt", b"Too   many spaces .\r\n\r\n\r\n\r\nSecond  line.\r\n")
    assert new == b"Too many spaces.\r\n\r\nSecond line.\r\n"
    md = _fixed(tmp_path, "w.md", b"A  b.\r\n\r\n```\r\nx  y\r\n```\r\n")
    assert md == b"A b.\r\n\r\n```\r\nx  y\r\n```\r\n"


def test_mixed_line_endings_become_the_most_common_one_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"One.\r\nTwo.\r\nThree.\n")
    outcome, new = _rewrite(path)
    assert new == b"One.\r\nTwo.\r\nThree.\r\n"
    assert [c.note for c in outcome.changes] == ["line endings become \\r\\n"]
    assert _fixed(tmp_path, "tie.txt", b"One.\r\nTwo.\n") == b"One.\nTwo.\n"


def test_jsonl_lines_keep_their_line_endings(tmp_path: Path) -> None:
    data = b'{"text": "Clean."}\r\n{"text": "Two  spaces ."}\r\n'
    new = _fixed(tmp_path, "r.jsonl", data)
    assert new == b'{"text": "Clean."}\r\n{"text": "Two spaces."}\r\n'
    path = tmp_path / "clean.jsonl"
    path.write_bytes(b'{"text": "Clean."}\r\n')
    assert not rewrite_file(PIPELINE, path).changed


# -- 3. JSONL: only the cleaned value changes -------------------------------------------


def test_jsonl_fix_changes_only_the_text_value(tmp_path: Path) -> None:
    line = (
        b'{"id": 1, "text": "The governmnet said.", "score": 1e5, '
        b'"big": 123456789012345678901234567890, "name": "caf\\u00e9", '
        b'"nested": {"a": [1, 2.50]}}\n'
    )
    new = _fixed(tmp_path, "r.jsonl", line)
    assert new == line.replace(b"governmnet", b"government")


def test_jsonl_fix_finds_the_top_level_text_among_nested_and_escaped_ones(
    tmp_path: Path,
) -> None:
    line = (
        b'{"meta": {"text": "x  y ."}, "note": "a \\"text\\": {\\"", '
        b'"list": [{"text": "p  q ."}], "t\\u0065xt": "Two  spaces .", "n": 0.10}\n'
    )
    new = _fixed(tmp_path, "r.jsonl", line)
    assert new == line.replace(b"Two  spaces .", b"Two spaces.")


def test_jsonl_fix_replaces_the_value_a_parser_reads_from_duplicate_keys(
    tmp_path: Path,
) -> None:
    line = b'{"text": "a  b .", "text": "Two  spaces ."}\n'
    new = _fixed(tmp_path, "r.jsonl", line)
    assert new == b'{"text": "a  b .", "text": "Two spaces."}\n'
    assert orjson.loads(new)["text"] == "Two spaces."


def test_jsonl_fix_escapes_non_ascii_where_the_line_did(tmp_path: Path) -> None:
    ascii_line = b'{"name": "caf\\u00e9", "text": "Caf&eacute;  au lait ."}\n'
    assert _fixed(tmp_path, "a.jsonl", ascii_line) == (
        b'{"name": "caf\\u00e9", "text": "Caf\\u00e9 au lait."}\n'
    )
    utf8_line = '{"name": "café", "text": "Caf&eacute;  au lait ."}\n'.encode()
    assert _fixed(tmp_path, "b.jsonl", utf8_line) == (
        '{"name": "café", "text": "Café au lait."}\n'.encode()
    )


def test_jsonl_fix_falls_back_to_a_new_record_with_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rewrite, "_value_span", lambda line, key: None)
    path = tmp_path / "r.jsonl"
    path.write_bytes(b'{"id": 1, "text": "Two  spaces ."}\n')
    outcome, new = _rewrite(path)
    assert new == b'{"id":1,"text":"Two spaces."}\n'
    assert "written anew" in outcome.changes[-1].note


def test_jsonl_fix_reads_each_records_language_title_and_url_as_clean_does(
    tmp_path: Path,
) -> None:
    italian = b'{"id": "1", "language": "it", "text": "Menu: Serie TV, Film, Sport, Notizie"}\n'
    assert _fixed(tmp_path, "it.jsonl", italian) == italian  # no English typo fix in Italian
    english = b'{"id": "2", "text": "The governmnet said."}\n'
    assert b"government" in _fixed(tmp_path, "en.jsonl", english)
    # a given title: the first line is no headline to take out (as `clean` reads it)
    titled = b'{"title": "Budget", "text": "Budget passes\\n\\nThe council voted."}\n'
    assert _fixed(tmp_path, "t.jsonl", titled) == titled
