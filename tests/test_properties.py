"""Hypothesis properties of the default pipeline (DESIGN.md "Invariants").

replay, idempotence, no silent loss, never-crash on arbitrary str and bytes,
determinism across processes with different hash seeds, identity on clean
prose, and every Article valid against schemas/article.schema.json.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

import cleanse
from cleanse import Article, CleanseError, Config, replay
from cleanse.steps.decode import decode
from tests.conftest import ROOT
from tests.regen_goldens import seed_files

CONFIG = Config()


@cache
def _validator() -> Draft202012Validator:
    schema = json.loads((ROOT / "schemas" / "article.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def check_article(article: Article, source: str | None = None) -> None:
    """What holds for every Article: schema-valid, well-formed log; replay when source known."""
    errors = sorted(_validator().iter_errors(article.model_dump(mode="json")), key=str)
    assert not errors, errors[0]
    edits = article.edits
    for edit in edits:
        assert edit.step and edit.rule, edit  # every change explains itself
        assert edit.before != edit.after
    for earlier, later in pairwise(edits):
        assert earlier.end <= later.start
    assert article.stats.chars_out == len(article.text)
    for flag in article.flags:
        assert 0 <= flag.start <= flag.end <= len(article.text)
    for entity in article.entities:
        for m in entity.mentions:
            assert article.text[m.start : m.end] == m.surface
    if source is not None:
        assert all(source[e.start : e.end] == e.before for e in edits)
        assert replay(source, edits) == article.text
        assert_no_silent_loss(source, article)


def assert_no_silent_loss(source: str, article: Article) -> None:
    """Every input character outside the edit spans is in the output, in place and in order."""
    out = article.text
    pos_in = pos_out = 0
    for edit in article.edits:
        kept = source[pos_in : edit.start]
        assert out[pos_out : pos_out + len(kept)] == kept, (pos_in, edit)
        pos_out += len(kept) + len(edit.after)
        pos_in = edit.end
    assert out[pos_out:] == source[pos_in:]


# -- strategies -----------------------------------------------------------------------

_VOCABULARY = (
    "the a council voted on Monday to raise budget for roads officials said work would "
    "begin in spring Baghdad Iraqi rally café naïve Zürich São Paulo “quoted” don’t "
    "US-led 1920 5 percent al-Sadr PMU 東京 Москва"
)
WORDS = st.sampled_from(_VOCABULARY.split(" "))
NOISE_WORDS = st.sampled_from(["cafÃ©", "â€œquotedâ€\x9d", "Tom &amp; Jerry", "ﬁnal", "it’s"])


Noise = Literal["none", "spacing", "encoding"]


@st.composite
def sentence(draw: st.DrawFn, *, noise: Noise = "none") -> str:
    pool = st.one_of(WORDS, NOISE_WORDS) if noise == "encoding" else WORDS
    words = draw(st.lists(pool, min_size=3, max_size=14))
    # "the the" is a real slip the typos step fixes; clean prose has none.
    words = [w for i, w in enumerate(words) if not i or w.lower() != words[i - 1].lower()]
    first = words[0][0].upper() + words[0][1:]
    spacing = noise == "spacing"
    sep = draw(st.sampled_from([" ", " ", "  ", " , "])) if spacing else " "
    body = sep.join([first, *words[1:]])
    end = draw(st.sampled_from([".", ".", "?", "!", " .", "."])) if spacing else "."
    return body + end


@st.composite
def paragraph(draw: st.DrawFn, *, noise: Noise = "none") -> str:
    return " ".join(draw(st.lists(sentence(noise=noise), min_size=1, max_size=4)))


# A paragraph gets spacing noise or encoding noise, not both: ftfy's decoding depends on
# the spacing around mojibake, see test_repair_after_whitespace_is_idempotent.
_NOISES: list[Noise] = ["spacing", "encoding"]
noisy_paragraph = st.sampled_from(_NOISES).flatmap(lambda noise: paragraph(noise=noise))


# Real, well-formed sentences (word salad is not clean prose: "the a to would" invites a
# legitimate typo fix). Names, quotes, numbers and non-Latin script included.
CLEAN_SENTENCES = st.sampled_from(
    [
        "The council voted on Monday to raise the budget for roads.",
        "Officials said the work would begin in spring and finish before winter.",
        "Thousands of protesters gathered in Baghdad on Friday.",
        "“We will not leave,” a spokesman for the Iraqi government said.",
        "The café in Zürich has served naïve tourists since 1920.",
        "Prices rose by 5 percent in São Paulo last year.",
        "Muqtada al-Sadr called for a peaceful demonstration.",
        "The US-led coalition said its forces would stay.",
        "Residents of Москва and 東京 watched the news closely.",
        "It was the largest rally in the city for a decade.",
    ]
)


@st.composite
def clean_prose(draw: st.DrawFn) -> str:
    """Well-formed article text: sentences, one blank line between paragraphs."""
    paragraphs = draw(
        st.lists(st.lists(CLEAN_SENTENCES, min_size=1, max_size=4), min_size=1, max_size=6)
    )
    return "\n\n".join(" ".join(sentences) for sentences in paragraphs)


@st.composite
def messy_article(draw: st.DrawFn) -> str:
    """Article-shaped scraped text with noise; maybe a headline; first paragraph a sentence."""
    paras = draw(st.lists(noisy_paragraph, min_size=1, max_size=6))
    out = ""
    for i, para in enumerate(paras):
        if i:
            out += draw(st.sampled_from(["\n\n", "\r\n\r\n", "\n\n\n\n", "  \n \n", "\n\t\n"]))
        out += para + draw(st.sampled_from(["", "", " ", "\t"]))
    if draw(st.booleans()):
        headline = " ".join(w.capitalize() for w in draw(st.lists(WORDS, min_size=2, max_size=8)))
        out = headline + "\n\n" + out
    return draw(st.sampled_from(["", "\n", "  "])) + out + draw(st.sampled_from(["", "\n", "\n\n"]))


HTML_BITS = st.sampled_from(
    [
        "<html>",
        "</html>",
        "<body>",
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<article>",
        "<br>",
        "<script>",
        "</script>",
        "<!--",
        "-->",
        "&amp;",
        "&#0;",
        "&#xD800;",
        "<meta charset='utf-16'>",
        "<title>",
        "</title>",
        "<a href='x'>",
        "\x00",
        "\ufeff",
        "\r\n",
    ]
)
html_soup = st.lists(st.one_of(HTML_BITS, st.text(max_size=20), paragraph()), max_size=25).map(
    "".join
)


def clean_or_error(raw: str | bytes, **kwargs: Any) -> Article | None:
    try:
        return cleanse.clean(raw, **kwargs)
    except CleanseError as exc:
        assert str(exc), "a CleanseError must say why"
        return None


# -- replay and no silent loss ----------------------------------------------------------


@given(st.text(max_size=300))
def test_replay_on_arbitrary_text(text: str) -> None:
    article = clean_or_error(text, kind="text")
    if article is not None:
        check_article(article, text)


@given(messy_article())
def test_replay_on_messy_articles(text: str) -> None:
    article = cleanse.clean(text)
    check_article(article, text)
    assert "\r" not in article.text
    assert "\n\n\n" not in article.text


@given(st.binary(max_size=300))
def test_replay_on_bytes_from_the_decoded_text(raw: bytes) -> None:
    article = clean_or_error(raw, kind="text")
    if article is not None:
        check_article(article, decode(raw))


# -- idempotence --------------------------------------------------------------------------


@given(st.text(max_size=300))
def test_idempotent_on_arbitrary_text(text: str) -> None:
    article = clean_or_error(text, kind="text")
    if article is not None:
        again = cleanse.clean(
            article.text, kind="text", title=article.title or "", language=article.language
        )
        assert again.text == article.text
        assert again.edits == []


@pytest.mark.parametrize("seed", seed_files(), ids=lambda p: p.name)
def test_idempotent_on_the_seeds(seed: Path) -> None:
    article = cleanse.clean(seed.read_bytes())
    again = cleanse.clean(
        article.text, kind="text", title=article.title or "", language=article.language
    )
    assert again.text == article.text
    assert again.edits == []


@given(messy_article())
def test_idempotent_on_messy_articles(text: str) -> None:
    article = cleanse.clean(text)
    again = cleanse.clean(article.text)  # no title given: the first paragraph is a sentence
    assert again.text == article.text
    assert again.title is None
    assert again.edits == []


def test_repair_after_whitespace_is_idempotent() -> None:
    article = cleanse.clean("The  café  â€œquotedâ€\x9d.")
    assert article.text == "The café “quoted”."
    assert cleanse.clean(article.text).text == article.text


# -- identity on clean prose ---------------------------------------------------------------


@given(clean_prose())
def test_clean_prose_is_left_alone(text: str) -> None:
    article = cleanse.clean(text)
    assert article.text == text
    assert article.edits == []
    assert article.title is None
    check_article(article, text)


# -- never crash ------------------------------------------------------------------------------


@given(st.text(max_size=500))
def test_never_crashes_on_str(text: str) -> None:
    article = clean_or_error(text)
    if article is not None:
        check_article(article)


@given(st.binary(max_size=500))
def test_never_crashes_on_bytes(raw: bytes) -> None:
    article = clean_or_error(raw)
    if article is not None:
        check_article(article)


@given(html_soup)
def test_never_crashes_on_html_soup(html: str) -> None:
    for raw in (html, html.encode("utf-8", "surrogatepass")):
        article = clean_or_error(raw, kind="html")
        if article is not None:
            check_article(article)


@given(st.text(st.sampled_from(["\ud800", "\udbff", "\udc00", "\udfff"]), max_size=5), st.text())
def test_lone_surrogates_become_replacement_characters(surrogates: str, text: str) -> None:
    article = clean_or_error(text + surrogates + text, kind="text")
    if article is not None:
        check_article(article)
        article.text.encode("utf-8")  # representable in JSON / UTF-8


# -- determinism across processes --------------------------------------------------------------

_DETERMINISM_SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    import cleanse
    docs = [Path(p).read_bytes() for p in sys.argv[1:]]
    docs += [
        "Markets Rally\\r\\n\\r\\nShares rose  sharply , traders said.\\n\\n\\n\\ncafÃ© &amp; co.",
        "<html lang='fr'><head><title>Titre</title><meta name='author' content='A; B'></head>"
        "<body><article><p>Bonjour ! Le caf&eacute; est ouvert.</p><p>Deux  fois .</p>"
        "</article></body></html>",
        "\\ufeffOne paragraph only , with a space.\\u2028Next line.",
    ]
    out = sys.stdout.buffer
    for raw in docs:
        try:
            out.write(cleanse.clean(raw).to_json() + b"\\n")
        except cleanse.CleanseError as exc:
            out.write(repr(exc).encode() + b"\\n")
    """
)


def _run_with_hash_seed(seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    result = subprocess.run(
        [sys.executable, "-c", _DETERMINISM_SCRIPT, *map(str, seed_files())],
        capture_output=True,
        env=env,
        cwd=ROOT,
        check=True,
        timeout=120,
    )
    return result.stdout


@pytest.mark.slow
def test_byte_identical_json_across_processes_with_different_hash_seeds() -> None:
    first, second = _run_with_hash_seed("1"), _run_with_hash_seed("4242")
    assert first.count(b"\n") == len(seed_files()) + 3
    assert first == second


@settings(max_examples=20)
@given(messy_article())
def test_same_input_same_json_in_one_process(text: str) -> None:
    assert cleanse.clean(text).to_json() == cleanse.clean(text, config=Config()).to_json()


# -- a step is not run again on text it already left alone -------------------------------


def _every_step_every_round(monkeypatch: pytest.MonkeyPatch) -> None:
    from cleanse import pipeline

    def run(self: object, name: str, step: Any, text: str, ctx: Any) -> Any:
        return step(text, ctx)

    monkeypatch.setattr(pipeline._Settled, "run", run)


@settings(max_examples=60)
@given(messy_article())
def test_skipping_settled_steps_changes_nothing(text: str) -> None:
    skipped = cleanse.clean(text)
    with pytest.MonkeyPatch.context() as mp:
        _every_step_every_round(mp)
        every = cleanse.clean(text)
    assert skipped.to_json() == every.to_json()


def test_skipping_settled_steps_changes_nothing_on_the_seeds() -> None:
    for seed in seed_files():
        raw = seed.read_bytes()
        skipped = cleanse.clean(raw)
        with pytest.MonkeyPatch.context() as mp:
            _every_step_every_round(mp)
            every = cleanse.clean(raw)
        assert skipped.to_json() == every.to_json(), seed.name
