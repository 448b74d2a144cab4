"""Golden tests: cases as data (tests/golden/*.json) and the seed records (seeds/expected/).

Case fields: ``label``, ``input``; optional ``expected`` (absent: the input must
not change at all), ``steps`` (default: the default Config), ``kind`` ("text"),
``title`` (expected title, may be null), ``rules`` (the exact set of rule ids
in the edit log), ``expect`` ("pass" or "fail"; a failing case needs a
``reason`` and runs as xfail(strict=True), so a fix shows up as an XPASS).

When a step changes the output on purpose: ``python -m tests.regen_goldens``
(seeds) or ``--cases`` (case texts), then review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cleanse import Config, Pipeline, replay
from tests.regen_goldens import (
    clean_seed,
    golden_path,
    iter_cases,
    regenerate,
    render,
    run_case,
    seed_files,
)

REGEN = "python -m tests.regen_goldens"


def _params() -> list[Any]:
    params = []
    for path, case in iter_cases():
        marks = []
        if case.get("expect", "pass") == "fail":
            assert case.get("reason"), f"{path.name}: failing case {case['label']!r} needs a reason"
            marks.append(pytest.mark.xfail(strict=True, reason=case["reason"]))
        else:
            assert case.get("expect", "pass") == "pass", case
        params.append(pytest.param(case, id=f"{path.stem}: {case['label']}", marks=marks))
    return params


@pytest.mark.parametrize("case", _params())
def test_golden_case(case: dict[str, Any]) -> None:
    article = run_case(case)
    if case.get("kind", "text") == "text":  # for HTML the log's input is the extracted text
        assert replay(case["input"], article.edits) == article.text
    if "expected" in case:
        assert article.text == case["expected"]
    else:  # a "must not change" case (text input)
        assert article.text == case["input"]
        assert article.edits == []
    if "title" in case:
        assert article.title == case["title"]
    if "rules" in case:
        assert sorted({e.rule for e in article.edits}) == case["rules"]


def test_case_files_are_well_formed() -> None:
    allowed = {"label", "input", "expected", "steps", "kind", "url", "title", "rules"}
    allowed |= {"expect", "reason"}
    labels: set[str] = set()
    for path, case in iter_cases():
        assert set(case) <= allowed, f"{path.name}: unknown fields {set(case) - allowed}"
        assert case["label"] not in labels, f"duplicate label {case['label']!r}"
        labels.add(case["label"])
        if "steps" in case:
            Config(steps=tuple(case["steps"]))  # names must be valid
    assert len(labels) >= 30


def test_there_are_seeds_with_goldens() -> None:
    names = {p.name for p in seed_files()}
    assert {"iraq-million-man-march.txt", "iraq-million-man-march.html"} <= names


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Config())


@pytest.mark.parametrize("seed", seed_files(), ids=lambda p: p.name)
def test_seed_matches_its_golden(seed: Path, pipeline: Pipeline) -> None:
    golden = golden_path(seed)
    assert golden.exists(), f"no golden for {seed.name}: run {REGEN} and review the new file"
    actual = render(clean_seed(seed, pipeline))
    assert actual == golden.read_text(encoding="utf-8"), (
        f"{seed.name} no longer matches {golden.name}; if the change is intended, "
        f"run {REGEN} and review `git diff {golden.parent.name}`"
    )


@pytest.mark.parametrize("seed", seed_files(), ids=lambda p: p.name)
def test_seed_golden_replays_and_keeps_the_article(seed: Path) -> None:
    """Checks on the golden itself, so a regenerated golden cannot silently lose the article."""
    record = json.loads(golden_path(seed).read_text(encoding="utf-8"))
    assert record["title"] == (
        "Iraqis Hold 'Million-Man March' Against US Military Presence in Baghdad"
    )
    text = record["text"]
    assert text.startswith("Major crowds have gathered in the Iraqi capital Baghdad")
    assert "ejected by force." in text
    assert "\n\n\n" not in text
    assert "Iraqis Hold 'Million-Man March'" not in text  # the title is not in the body
    for edit in record["edits"]:
        assert edit["rule"], edit


def test_text_seed_golden_replays_from_the_file() -> None:
    seed = next(p for p in seed_files() if p.name == "iraq-million-man-march.txt")
    record = json.loads(golden_path(seed).read_text(encoding="utf-8"))
    article = clean_seed(seed)
    source = seed.read_text(encoding="utf-8")
    assert replay(source, article.edits) == record["text"]


def test_html_seed_metadata() -> None:
    seed = next(p for p in seed_files() if p.name == "iraq-million-man-march.html")
    record = json.loads(golden_path(seed).read_text(encoding="utf-8"))
    assert record["authors"] == ["Dispatch Desk"]
    assert record["published"] == "2020-01-24"
    assert record["site"] == "dailydispatch.example.org"
    for chrome in ("Recent Posts", "Archives", "Copyright", "Privacy Policy", "Home"):
        assert chrome not in record["text"], chrome


def test_text_and_html_seeds_give_the_same_article_text() -> None:
    """The same article, scraped as text or as a blog page, cleans to the same text."""
    txt, html = (
        json.loads(golden_path(p).read_text(encoding="utf-8"))
        for p in seed_files()
        if p.stem == "iraq-million-man-march"
    )
    assert txt["text"] == html["text"]
    assert txt["title"] == html["title"]


def test_regeneration_is_a_no_op_on_a_clean_tree() -> None:
    """`python -m tests.regen_goldens --cases --check` would change nothing."""
    assert regenerate(cases=True, check=True) == []
