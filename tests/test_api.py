"""The library API: clean, Pipeline.clean, clean_many, Config loading, errors, schema drift."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cleanse
from cleanse import Article, CleanseError, Config, Failure, Input, Pipeline
from cleanse.errors import ConfigError, DecodeError, InputFormatError, InputTooLargeError
from cleanse.schema import schema_json
from tests.conftest import ROOT

MESSY = "Storm Closes Roads\r\n\r\nHeavy rain  closed two roads , officials said.\n\n\n\ncafÃ©"


# -- clean ------------------------------------------------------------------------------------


def test_clean_text_returns_a_validated_article() -> None:
    a = cleanse.clean(MESSY)
    assert isinstance(a, Article)
    assert a.schema_version == "1"
    assert a.title == "Storm Closes Roads"
    assert a.text == "Heavy rain closed two roads, officials said.\n\ncafé"
    assert a.stats.chars_in == len(MESSY)
    assert a.stats.chars_out == len(a.text)
    assert a.stats.words_out == 8
    assert set(a.stats.edits) == {"extract", "repair", "whitespace"}
    assert cleanse.replay(MESSY, a.edits) == a.text


def test_clean_bytes_and_str_agree() -> None:
    assert cleanse.clean(MESSY.encode()).text == cleanse.clean(MESSY).text


def test_kind_forces_the_reading() -> None:
    html = "<html><body><article><p>Hello there, said the man.</p></article></body></html>"
    assert cleanse.clean(html, kind="html").text == "Hello there, said the man."
    assert cleanse.clean(html, kind="text").text == html


def test_id_is_the_callers_else_stable_from_url_or_text() -> None:
    assert cleanse.clean("Some text.", id="doc-1").id == "doc-1"
    assert cleanse.clean("Some text.").id == cleanse.clean("Some text.").id
    assert cleanse.clean("Some text.").id != cleanse.clean("Other text.").id
    by_url = cleanse.clean("Some text.", url="https://example.org/a")
    assert by_url.id == cleanse.clean("Other.", url="https://example.org/a").id
    assert by_url.site == "example.org"


def test_to_json_is_sorted_and_compact() -> None:
    raw = cleanse.clean(MESSY).to_json()
    data = json.loads(raw)
    assert list(data) == sorted(data)
    assert b"\n" not in raw


def test_pipeline_clean_matches_module_clean() -> None:
    pipeline = Pipeline(Config())
    assert pipeline.clean(MESSY) == cleanse.clean(MESSY)


# -- clean_many ---------------------------------------------------------------------------


def _batch(n: int) -> list[object]:
    items: list[object] = []
    for i in range(n):
        if i % 7 == 3:
            items.append(b"\x00\x01\x02\x03\x04\x05\x06 binary " + bytes([i]))
        elif i % 7 == 5:
            items.append({"id": f"bad-{i}", "body": "no text field"})
        else:
            items.append({"id": f"doc-{i}", "text": f"Paragraph  number {i} , here."})
    return items


@pytest.mark.parametrize("workers", [1, 2])
def test_clean_many_keeps_order_and_returns_failures(workers: int) -> None:
    items = _batch(40)
    results = list(Pipeline().clean_many(items, workers=workers, chunk_size=3))  # type: ignore[arg-type]
    assert len(results) == len(items)
    for i, result in enumerate(results):
        if i % 7 == 3:
            assert isinstance(result, Failure)
            assert result.error == "DecodeError"
            assert result.input == f"<record {i}>"
            assert result.input in result.message and "binary" in result.message
        elif i % 7 == 5:
            assert isinstance(result, Failure)
            assert result.error == "InputFormatError"
            assert "'text' or 'html'" in result.message
        else:
            assert isinstance(result, Article)
            assert result.id == f"doc-{i}"
            assert result.text == f"Paragraph number {i}, here."


def test_clean_many_with_workers_equals_serial() -> None:
    items = _batch(20)
    serial = list(Pipeline().clean_many(items))  # type: ignore[arg-type]
    parallel = list(Pipeline().clean_many(items, workers=2, chunk_size=2))  # type: ignore[arg-type]
    assert serial == parallel


def test_the_callers_url_wins_over_the_pages_canonical() -> None:
    page = (
        '<html><head><link rel="canonical" href="https://example.com/"></head><body>'
        "<article><p>{}</p></article></body></html>"
    )
    budget = "The council approved the budget on Tuesday after a long debate about taxes."
    match = "The home side won the match on Saturday after a late goal in the second half."
    a = cleanse.clean(page.format(budget), url="https://example.com/2024/budget")
    b = cleanse.clean(page.format(match), url="https://example.com/2024/football")
    assert (a.url, b.url) == (
        "https://example.com/2024/budget",
        "https://example.com/2024/football",
    )
    assert a.id != b.id
    assert cleanse.clean(page.format(budget)).url == "https://example.com/"  # none given


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("url", 3, "url must be a string, not an integer"),
        ("title", ["a"], "title must be a string, not an array"),
        ("language", 1, "language must be a string"),
        ("id", 2.5, "id must be a string or an integer, not a number"),
        ("kind", "bogus", "kind must be one of auto, text, html"),
    ],
)
def test_a_callers_wrong_argument_is_an_input_format_error(
    field: str, value: object, message: str
) -> None:
    with pytest.raises(InputFormatError, match=message):
        cleanse.clean("Some text.", **{field: value})  # type: ignore[arg-type]


def test_an_integer_id_is_the_records_id() -> None:
    assert cleanse.clean("Some text.", id=5).id == "5"  # type: ignore[arg-type]


def test_a_config_that_is_no_config_is_a_type_error() -> None:
    with pytest.raises(TypeError, match=r"config must be a cleanse\.Config"):
        cleanse.clean("Some text.", config={"steps": ["repair"]})  # type: ignore[arg-type]


def test_clean_many_names_a_record_by_its_id_everywhere() -> None:
    results = list(
        Pipeline().clean_many([{"id": 17, "text": 5}, {"id": 0, "text": "Hi."}, {"id": [1]}])
    )
    bad, zero, odd = results
    assert isinstance(bad, Failure) and bad.input == "17" and bad.message.startswith("17: ")
    assert isinstance(zero, Article) and zero.id == "0"
    assert isinstance(odd, Failure) and odd.input == "<record 2>"


def test_clean_many_accepts_inputs_and_passes_failures_through() -> None:
    failure = Failure(input="x.txt", error="InputReadError", message="x.txt: cannot read")
    results = list(Pipeline().clean_many([Input("Text here.", name="a.txt"), failure]))
    assert isinstance(results[0], Article)
    assert results[1] == failure


def test_clean_many_failure_names_the_input() -> None:
    (result,) = Pipeline().clean_many([Input(b"\x00\x01\x02\x03\x04\x05", name="dir/bin.txt")])
    assert isinstance(result, Failure)
    assert result.input == "dir/bin.txt"
    assert result.message.startswith("dir/bin.txt: ")


def test_clean_many_is_lazy() -> None:
    def endless() -> object:
        i = 0
        while True:
            yield f"Doc {i}."
            i += 1

    results = Pipeline().clean_many(endless())  # type: ignore[arg-type]
    assert [next(results).text for _ in range(3)] == ["Doc 0.", "Doc 1.", "Doc 2."]  # type: ignore[union-attr]


# -- config -----------------------------------------------------------------------------------


def test_config_is_frozen_and_strict() -> None:
    config = Config()
    with pytest.raises(ValueError, match="frozen"):
        config.max_input_chars = 5  # type: ignore[misc]
    with pytest.raises(ValueError, match="extra"):
        Config(no_such_option=True)  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="steps"):
        Config(steps=["decode", "no-such-step"])


def test_config_from_cleanse_toml(tmp_path: Path) -> None:
    path = tmp_path / "cleanse.toml"
    path.write_text(
        'steps = ["whitespace"]\nmax_input_chars = 1000\n\n[whitespace]\nrepeated_spaces = false\n',
        encoding="utf-8",
    )
    config = Config.load(path)
    assert config.steps == ("whitespace",)
    assert config.max_input_chars == 1000
    assert config.whitespace.repeated_spaces is False
    assert Config.discover(tmp_path) == config


def test_config_from_pyproject_tool_cleanse(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(
        '[project]\nname = "x"\n\n[tool.cleanse]\nsteps = ["decode", "repair"]\n\n'
        "[tool.cleanse.repair]\nunescape_html = false\n",
        encoding="utf-8",
    )
    config = Config.load(path)
    assert config.steps == ("decode", "repair")
    assert config.repair.unescape_html is False
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    assert Config.discover(sub) == config


def test_pyproject_without_tool_cleanse_is_skipped_by_discover(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert Config.load(tmp_path / "pyproject.toml") == Config()


@pytest.mark.parametrize(
    ("name", "content", "match"),
    [
        ("cleanse.toml", "steps = [", "cannot read config"),
        ("cleanse.toml", 'steps = ["nope"]', "invalid cleanse configuration"),
        ("cleanse.toml", "unknown = 1", "invalid cleanse configuration"),
        ("pyproject.toml", "[tool.cleanse]\nmax_input_chars = -1", "invalid cleanse configuration"),
        ("cleanse.toml", "max_input_chars = true", "valid integer"),  # not 1
        ("cleanse.toml", '[boilerplate]\nleading_lines = "4"', "valid integer"),
        ("pyproject.toml", "tool = 3", r"\[tool.cleanse\] must be a table"),
        ("pyproject.toml", "[tool]\ncleanse = 3", r"\[tool.cleanse\] must be a table"),
    ],
)
def test_bad_config_is_a_config_error_naming_the_file(
    tmp_path: Path, name: str, content: str, match: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=match) as info:
        Config.load(path)
    assert str(path) in str(info.value)
    assert isinstance(info.value, CleanseError)


def test_missing_config_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read config"):
        Config.load(tmp_path / "cleanse.toml")


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        (
            ["whitespace"],
            "Storm Closes Roads\n\nHeavy rain closed two roads, officials said.\n\ncafÃ©",
        ),
        (["repair"], MESSY.replace("cafÃ©", "café")),
        ([], MESSY),
    ],
    ids=["whitespace-alone", "repair-alone", "nothing"],
)
def test_one_step_alone(steps: list[str], expected: str) -> None:
    a = cleanse.clean(MESSY, config=Config(steps=steps))
    assert a.text == expected
    assert a.title is None  # title detection belongs to extract
    assert set(a.stats.edits) <= set(steps)


def test_extract_alone_takes_the_title_only() -> None:
    a = cleanse.clean(MESSY, config=Config(steps=("extract",)))
    assert a.title == "Storm Closes Roads"
    assert {e.rule for e in a.edits} == {"extract.title-first-line"}


def test_steps_run_in_pipeline_order_whatever_the_config_order() -> None:
    config = Config(steps=("whitespace", "repair", "decode", "extract"))
    assert config.ordered_steps() == ("decode", "extract", "repair", "whitespace")
    assert cleanse.clean(MESSY, config=config) == cleanse.clean(MESSY)


# -- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "kwargs", "error"),
    [
        (b"\x00\x01\x02\x03\x04\x05\x06\x07", {}, DecodeError),
        ("<html><body></body></html>", {"kind": "html"}, CleanseError),
        ("x" * 101, {"config": Config(max_input_chars=100)}, InputTooLargeError),
        (b"bytes", {"config": Config(steps=("repair",))}, InputFormatError),
        (12345, {}, InputFormatError),
        (None, {}, InputFormatError),
    ],
    ids=["binary", "empty-html", "too-large", "bytes-without-decode", "int", "none"],
)
def test_bad_input_raises_only_cleanse_error(
    raw: object, kwargs: dict[str, object], error: type
) -> None:
    with pytest.raises(CleanseError) as info:
        cleanse.clean(raw, **kwargs)  # type: ignore[arg-type]
    assert isinstance(info.value, error)
    assert str(info.value)


def test_error_messages_name_the_input() -> None:
    with pytest.raises(DecodeError, match=r"^feed\.bin: "):
        Pipeline().clean(b"\x00\x01\x02\x03\x04\x05\x06", name="feed.bin")


def test_all_errors_are_exported_as_cleanse_errors() -> None:
    from cleanse import errors

    for name in dir(errors):
        value = getattr(errors, name)
        if isinstance(value, type) and issubclass(value, Exception):
            assert issubclass(value, CleanseError), name


# -- schema -------------------------------------------------------------------------------------


def test_checked_in_schema_matches_the_models() -> None:
    checked_in = (ROOT / "schemas" / "article.schema.json").read_text(encoding="utf-8")
    assert checked_in == schema_json(), (
        "schemas/article.schema.json is stale: python -m cleanse.schema > "
        "schemas/article.schema.json"
    )


def test_schema_is_valid_json_schema() -> None:
    from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

    schema = json.loads(schema_json())
    Draft202012Validator.check_schema(schema)
    assert schema["properties"]["schema_version"]["const"] == "1"
    assert set(schema["required"]) >= {"id", "text", "stats"}


# -- steps working together ----------------------------------------------------------------


def test_a_step_that_creates_work_for_another_is_followed_up() -> None:
    # typos fixes "Copyrigh"; only then is it a copyright line boilerplate removes. The
    # pipeline repeats its rounds, so a second clean finds nothing left to do.
    text = (
        "The council voted on Monday to raise the budget for road repairs by five percent."
        "\n\nOfficials said the work would begin in spring and finish before the winter."
        "\n\nCopyrigh by the Example Times"
    )
    article = cleanse.clean(text, title="")
    assert "Copyrigh" not in article.text
    assert [(e.step, e.rule) for e in article.edits] == [
        ("typos+boilerplate", "typos.nonword.edit1+pack.copyright")
    ]
    assert cleanse.clean(article.text, title="").edits == []


def test_content_steps_run_without_the_normalisers() -> None:
    config = Config(steps=("decode", "extract", "typos"))
    assert cleanse.clean("Their is a cat. Teh dog.", config=config).text == (
        "There is a cat. The dog."
    )


def test_a_declared_language_serves_when_the_text_does_not_tell() -> None:
    menu = "Home\nCartoni\nFilm\nSerie TV\nSpot"  # too short to detect; "Serie" is no typo
    html = f"<html lang='it'><body><article><p>{'</p><p>'.join(menu.split(chr(10)))}</p>"
    page = cleanse.clean(html + "</article></body></html>")
    assert page.language == "it" and "Serie TV" in page.text
    again = cleanse.clean(page.text, kind="text", title=page.title or "", language=page.language)
    assert again.text == page.text and again.edits == []
    told = cleanse.clean(menu, kind="text", title="", language="it")
    assert told.language == "it" and "Serie TV" in told.text
    assert not [e for e in told.edits if e.step == "typos"]
    record = Input.from_record({"text": menu, "language": "it"}, name="r")
    assert record.language == "it"


def test_the_callers_language_is_normalised() -> None:
    article = cleanse.clean("Attention : le train part !", kind="text", title="", language="fr-FR")
    assert article.language == "fr"
    assert article.text == "Attention : le train part !"  # French spacing kept


@pytest.mark.parametrize(
    "text",
    [
        "<p> is the paragraph element, and <div> groups.",  # prose naming tags
        "<p>The council met on Monday.</p>",  # a fragment with no article to extract
    ],
)
def test_auto_keeps_what_it_cannot_read_as_a_page(text: str) -> None:
    assert cleanse.clean(text).text == text


def test_clean_many_in_this_process_gives_each_result_as_its_input_comes() -> None:
    read: list[int] = []

    def source():  # type: ignore[no-untyped-def]
        for i in range(40):
            read.append(i)
            yield f"Text {i}. The council met."

    results = Pipeline().clean_many(source())
    next(results)
    assert len(read) == 1
