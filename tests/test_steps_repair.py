"""repair: ftfy with conservative settings. In/out tables, rule ids, line-level edits."""

from __future__ import annotations

import pytest

from cleanse import Config
from cleanse.document import Document
from cleanse.models import replay
from cleanse.steps import StepContext
from cleanse.steps.repair import Repair, RepairOptions, build

CTX = StepContext(kind="text")
REPAIR = build(Config())


def run(step: Repair, text: str) -> tuple[str, list[str]]:
    doc = Document(text)
    doc.apply("repair", step(text, CTX).edits)
    assert replay(text, doc.edits()) == doc.text
    return doc.text, sorted({e.rule for e in doc.edits()})


FIXED = [
    ("latin-1 mojibake", "The cafÃ© opened.", "The café opened."),
    ("cp1252 mojibake quotes", "He said â€œnoâ€\x9d.", "He said “no”."),
    ("mojibake apostrophe", "It wasnâ€™t over.", "It wasn’t over."),
    ("mojibake dash", "2019â€“2020", "2019–2020"),
    ("double mojibake", "cafÃƒÂ©", "café"),
    ("mojibake of a non-breaking space", "Ã  la carte", "à la carte"),
    ("mojibake next to good text", "l’Ã©tÃ© est là", "l’été est là"),
    ("C1 controls as cp1252", "\x93Quoted\x94", "“Quoted”"),
    ("HTML entity", "Tom &amp; Jerry", "Tom & Jerry"),
    ("numeric entity", "caf&#233; &#8212; bar", "café — bar"),
    ("double-escaped entity", "Tom &amp;amp; Jerry", "Tom & Jerry"),
    ("nbsp entity", "10&nbsp;km", "10\xa0km"),
    ("terminal escapes", "\x1b[1mbold\x1b[0m", "bold"),
    ("bell and NUL", "a\x07b\x00c", "abc"),
    ("stray BOM inside text", "start\ufeffend", "startend"),
    ("ligatures", "ﬁne ﬂour", "fine flour"),
    ("NFC composition", "Cafe\u0301", "Café"),
    ("lone surrogate half of mojibake", "smile \ud83d\ude00", "smile 😀"),
]


@pytest.mark.parametrize(("label", "text", "expected"), FIXED, ids=[c[0] for c in FIXED])
def test_repairs(label: str, text: str, expected: str) -> None:
    assert run(REPAIR, text) == (expected, ["repair.ftfy"])


UNCHANGED = [
    ("curly double quotes", "“Hello,” she said."),
    ("curly single quotes and apostrophe", "‘Yes’, it’s done."),
    ("guillemets", "« Bonjour » and »German«"),
    ("full-width letters (no NFKC)", "ＡＢＣ１２３"),
    ("circled digits and superscripts (no NFKC)", "① x² ½ ™ ℃"),
    ("case is kept", "NASA, iPhone, McDonald's, mIxEd"),
    ("accents are kept (no ASCII folding)", "Façade, naïve, Łódź, Ærø, São"),
    ("non-Latin scripts", "Москва, 東京, القاهرة, Αθήνα, עברית, हिन्दी"),
    ("emoji", "Great 👍🏽 news 🎉"),
    ("dashes, ellipsis, nbsp", "Wait… 10\xa0km – or 12 — maybe."),
    ("markup keeps its entities", "<b>Tom &amp; Jerry</b>"),
    ("zero-width joiner in emoji", "👩\u200d💻 coder"),
    ("soft hyphen", "hyphen\xadation"),
    ("tab", "a\tb"),
    ("line breaks are left to whitespace", "a\r\nb\rc\u2028d"),
    ("plain ASCII", "Plain text, nothing to do (really)."),
    ("capitals that look like mojibake but are not", "SÃO PAULO, JOÃO, MÜNCHEN, ÉTÉ"),
]


@pytest.mark.parametrize(("label", "text"), UNCHANGED, ids=[c[0] for c in UNCHANGED])
def test_leaves_correct_text_alone(label: str, text: str) -> None:
    assert REPAIR(text, CTX).edits == []


def test_edits_are_whole_lines_and_only_changed_lines() -> None:
    text = "Fine line.\nBrokÃ©n line.\nAnother fine line.\nAlso brokÃ©n."
    edits = REPAIR(text, CTX).edits
    assert [(text[p.start : p.end], p.replacement) for p in edits] == [
        ("BrokÃ©n line.", "Brokén line."),
        ("Also brokÃ©n.", "Also brokén."),
    ]
    assert all(p.rule == "repair.ftfy" for p in edits)


def test_a_vertical_tab_is_a_line_break_not_deleted() -> None:
    text, rules = run(REPAIR, "First page.\vSecond line. Caf\u00c3\u00a9.")
    assert text == "First page.\nSecond line. Caf\u00e9."
    assert rules == ["repair.ftfy"]


def test_a_c1_control_no_mojibake_holds_is_dropped() -> None:
    assert run(REPAIR, "Ant\x8dwerp and caf\u00c3\u00a9.")[0] == "Antwerp and caf\u00e9."


def test_repair_is_idempotent() -> None:
    text = "He said â€œnoâ€\x9d.\nTom &amp;amp; Jerry\ncafÃƒÂ©"
    once, _ = run(REPAIR, text)
    assert REPAIR(once, CTX).edits == []


@pytest.mark.parametrize(
    ("options", "text", "expected"),
    [
        (RepairOptions(uncurl_quotes=True), "“Hello,” it’s", '"Hello," it\'s'),
        (RepairOptions(fix_character_width=True), "ＡＢＣ", "ABC"),
        (RepairOptions(unescape_html=False), "Tom &amp; Jerry", "Tom &amp; Jerry"),
        (RepairOptions(fix_encoding=False), "cafÃ©", "cafÃ©"),
        (RepairOptions(fix_latin_ligatures=False), "ﬁne", "ﬁne"),
    ],
    ids=["uncurl-opt-in", "width-opt-in", "no-unescape", "no-encoding", "no-ligatures"],
)
def test_options(options: RepairOptions, text: str, expected: str) -> None:
    assert run(Repair(options), text)[0] == expected


def test_options_are_frozen_and_strict() -> None:
    with pytest.raises(ValueError, match="extra"):
        RepairOptions(lowercase=True)  # type: ignore[call-arg]
