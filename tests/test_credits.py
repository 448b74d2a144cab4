"""Credit lines and bylines: in/out tables."""

from __future__ import annotations

import pytest

import cleanse
from cleanse.boilerplate.credits import parse_byline, parse_credit, parse_trailing_credit

CREDITS = [
    ("(With Press TV, Reuters and Sputnik)", "credit.with", ["Press TV", "Reuters", "Sputnik"], []),
    ("(with AFP & AP)", "credit.with", ["AFP", "AP"], []),
    ("(Mit dpa und AFP)", "credit.with", ["dpa", "AFP"], []),
    ("— AFP", "credit.agency", ["AFP"], []),
    ("Source: Reuters", "credit.source", ["Reuters"], []),
    ("Quelle: dpa, KNA", "credit.source", ["dpa", "KNA"], []),
    ("With files from The Canadian Press", "credit.source", ["The Canadian Press"], []),
    ("With files from: Reuters and CBC News", "credit.source", ["Reuters", "CBC News"], []),
    ("With files from : Reuters", "credit.source", ["Reuters"], []),
    ("(Reporting by Jane Doe; Editing by John Roe)", "credit.reporting", [], ["Jane Doe"]),
    ("Additional reporting by Sam Smith in London", "credit.reporting", [], []),
    (
        "Associated Press writers Alan Fram and Zeke Miller contributed to this report.",
        "credit.contributed",
        ["Associated Press"],
        [],
    ),
    ("Keith Bradsher contributed reporting from Hong Kong.", "credit.contributed", [], []),
]


@pytest.mark.parametrize(("line", "rule", "sources", "authors"), CREDITS)
def test_credit_lines(line: str, rule: str, sources: list[str], authors: list[str]) -> None:
    credit = parse_credit(line)
    assert credit is not None
    assert (credit.rule, credit.sources, credit.authors) == (rule, sources, authors)


NOT_CREDITS = [
    "With the help of friends, he won the race.",
    "(with the help of friends)",
    "Source: the ministry said prices would rise next year.",
    "Reporting issues to the regulator is compulsory.",
    "Writing a blog post",
    "- Apples and pears",
    "Research shows that people sleep better in cool rooms.",
]


@pytest.mark.parametrize("line", NOT_CREDITS)
def test_not_credits(line: str) -> None:
    assert parse_credit(line) is None


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Jane Doe", ["Jane Doe"]),
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("By Jane Doe, Staff Writer", ["Jane Doe"]),
        ("Von Anna Schmidt", ["Anna Schmidt"]),
        ("Par Jean-Luc Martin", ["Jean-Luc Martin"]),
        ("By Ahmed al-Sadr and Leila el-Fassi", ["Ahmed al-Sadr", "Leila el-Fassi"]),
        ("Written by Jane Doe", ["Jane Doe"]),
        ("Posted by Jane Doe | Reuters", ["Jane Doe"]),
        ("By the end of the year, prices rose.", None),
        ("Written by hand", None),
        ("By train", None),
        # a number or a phrase opened by an article is no name; one word after another
        # language's "by" is a phrase ("Por favor"); a news organisation's name is one
        ("By 2030", None),
        ("Par 72", None),
        ("By The Numbers", None),
        ("De La Soul", None),
        ("Por Favor", None),
        ("By The Associated Press", ["The Associated Press"]),
        ("By Reuters", ["Reuters"]),
    ],
)
def test_bylines(line: str, names: list[str] | None) -> None:
    assert parse_byline(line) == names


AGENCIES = frozenset({"AFP", "Reuters", "dpa", "AP"})


@pytest.mark.parametrize(
    ("line", "kept", "sources"),
    [
        ("He resigned on Monday. — AFP", "He resigned on Monday.", ["AFP"]),
        ('"We will go," he said. (Reuters)', '"We will go," he said.', ["Reuters"]),
        ("Prices rose.— AFP/dpa", "Prices rose.", ["AFP", "dpa"]),
        ("They marched. (With Press TV and Sputnik)", "They marched.", ["Press TV", "Sputnik"]),
        ("Life is short. — Seneca", None, []),
        ("The plan was approved (Reuters)", None, []),
        ("Stocks fell. (AP Photo/John Doe)", None, []),
        ("Stocks fell. (See chart)", None, []),
    ],
)
def test_trailing_credit_fragments(line: str, kept: str | None, sources: list[str]) -> None:
    found = parse_trailing_credit(line, AGENCIES)
    if kept is None:
        assert found is None
        return
    assert found is not None
    offset, credit = found
    assert (line[:offset], credit.sources) == (kept, sources)


@pytest.mark.parametrize(
    ("tail", "sources"),
    [
        ("Source: AP\n\nSource: Associated Press", ["AP"]),
        ("Source: REUTERS", ["Reuters"]),
        ("(With AFP and Agence France-Presse)", ["AFP"]),
        ("(With Press TV, Reuters and Sputnik)", ["Press TV", "Reuters", "Sputnik"]),
        ("Source: Example Daily Herald", ["Example Daily Herald"]),  # unknown: as written
    ],
)
def test_an_agency_is_listed_once_by_one_name(tail: str, sources: list[str]) -> None:
    body = (
        "Protesters gathered in central Baghdad on Friday to demand the withdrawal.\n\n"
        "More text here on the protests and the march."
    )
    assert cleanse.clean(f"{body}\n\n{tail}", kind="text", title="").sources == sources


@pytest.mark.parametrize(
    ("line", "sources"),
    [
        ("— AP", ["AP"]),  # two capitals, but a listed agency, not a signer's initials
        ("(AFP)", ["AFP"]),  # alone on the last line
        ("— KUNA", ["KUNA"]),  # an acronym
        ("— Kuwait News Agency", ["Kuwait News Agency"]),  # a media word
        ("— Margaret Hill, Bristol", []),  # a letter's signature stays
        ("— Never.", []),  # a line of dialogue stays
        ("— Manchester United 2, Liverpool 1", []),  # a result stays
        ("(Tom Hanks)", []),
    ],
)
def test_a_dash_or_bracket_line_credits_only_news_organisations(
    line: str, sources: list[str]
) -> None:
    body = (
        "Protesters gathered in central Baghdad on Friday to demand the withdrawal.\n\n"
        "More text here on the protests and the march."
    )
    article = cleanse.clean(f"{body}\n\n{line}", kind="text", title="")
    assert article.sources == sources
    assert (line in article.text) == (not sources)


@pytest.mark.parametrize(
    ("text", "title", "sources"),
    [
        ("WASHINGTON (AP) —\n\nThe Senate voted on Tuesday. It passed 60 to 40.", None, ["AP"]),
        ("LONDON, March 3 (Reuters) -\n\nThe Senate voted. It passed.", None, ["Reuters"]),
        ("CAIRO (AP) — The Senate voted on Tuesday. It passed.\n\nMore on it here.", None, ["AP"]),
        ("KYIV —\n\nThe Senate voted on Tuesday. It passed 60 to 40.", None, []),
        ("NEW YORK (Tom Hanks) — He voted on Tuesday. It passed.\n\nMore here.", None, []),
        # a headline, then a byline or a date, then the story
        ("Council Approves Budget\n\nBy Jane Doe\n\nThe council voted on Tuesday. It passed.",
         "Council Approves Budget", []),
    ],
)  # fmt: skip
def test_datelines_credit_their_agency_and_are_no_headline(
    text: str, title: str | None, sources: list[str]
) -> None:
    article = cleanse.clean(text)
    assert (article.title, article.sources) == (title, sources)


def test_a_headline_byline_body_article_gives_title_and_author() -> None:
    article = cleanse.clean(
        "Council Approves Budget\n\nBy Jane Doe\n\nMarch 3, 2024\n\n"
        "The city council voted on Tuesday to approve the new budget. It passed seven to two."
    )
    assert article.title == "Council Approves Budget"
    assert article.authors == ["Jane Doe"]
    assert article.text.startswith("The city council voted")


@pytest.mark.parametrize("label", ["(VIDEO)", "(PHOTO)", "(FILE)", "(NASA)"])
def test_a_bracketed_label_is_no_agency(label: str) -> None:
    body = "Protesters gathered in central Baghdad on Friday.\n\nMore text here on the march."
    article = cleanse.clean(f"{body}\n\n{label}", kind="text", title="")
    assert article.sources == []
    assert cleanse.clean(f"BEIRUT {label} — {body}").sources == []
