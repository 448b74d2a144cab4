"""extract: HTML -> article text + metadata; the title of plain text. In/out tables."""

from __future__ import annotations

import datetime as dt

import pytest

import cleanse
from cleanse.errors import ExtractionError
from cleanse.steps.extract import (
    ExtractOptions,
    declared_language,
    extract_html,
    looks_like_html,
    title_from_first_line,
)

OPTIONS = ExtractOptions()
PARA_1 = "The council voted on Monday to raise the budget for road repairs by five percent."
PARA_2 = "Officials said the work would begin in spring and finish before the winter."


def page(*, head: str = "", body: str = "", lang: str = "en") -> str:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><title>Budget Vote | City News</title>'
        f"{head}</head><body>{body}</body></html>"
    )


def article(*paras: str) -> str:
    return "<article>" + "".join(f"<p>{p}</p>" for p in paras) + "</article>"


# -- text -------------------------------------------------------------------------------


def test_paragraphs_are_separated_by_one_blank_line() -> None:
    got = extract_html(page(body=article(PARA_1, PARA_2)), url=None, options=OPTIONS)
    assert got.text == f"{PARA_1}\n\n{PARA_2}"


def test_navigation_sidebar_and_footer_are_not_article_text() -> None:
    body = (
        '<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>'
        + article(PARA_1, PARA_2)
        + '<aside class="sidebar"><h3>Recent Posts</h3><ul><li><a href="/a">Older post</a></li>'
        "</ul></aside><footer><p>Copyright © 2020 City News. All rights reserved.</p></footer>"
    )
    got = extract_html(page(body=body), url=None, options=OPTIONS)
    assert got.text == f"{PARA_1}\n\n{PARA_2}"


def test_entities_are_decoded_by_the_parser() -> None:
    got = extract_html(
        page(body=article("Tom &amp; Jerry met at the caf&eacute; &lt;downtown&gt; today.")),
        url=None,
        options=OPTIONS,
    )
    assert got.text == "Tom & Jerry met at the café <downtown> today."


def test_a_line_break_inside_a_paragraph_does_not_split_it() -> None:
    got = extract_html(
        page(body=article("Roses are red,<br>violets are blue.", PARA_1)), url=None, options=OPTIONS
    )
    assert got.text == f"Roses are red,\nviolets are blue.\n\n{PARA_1}"


@pytest.mark.parametrize("breaks", ["<br><br>", "<br/> <br/>", "<br>\n<br>\n<br>"])
def test_a_double_line_break_is_a_paragraph_break(breaks: str) -> None:
    body = f"<article><div>{PARA_1}{breaks}{PARA_2}<br>Its last line.</div></article>"
    got = extract_html(page(body=body), url=None, options=OPTIONS)
    assert got.text == f"{PARA_1}\n\n{PARA_2}\nIts last line."


def test_a_double_line_break_in_a_list_item_stays_inside_the_item() -> None:
    body = article(PARA_1) + "<ul><li>First item,<br><br>still first.</li><li>Second.</li></ul>"
    text = extract_html(page(body=body), url=None, options=OPTIONS).text
    assert "\n\nstill first" not in text and "still first." in text


def test_mojibake_with_c1_controls_in_an_html_str_is_repaired() -> None:
    # UTF-8 read as latin-1: "’" is "â\x80\x99", "”" ends in \x9d (no cp1252 character).
    mojibake = "It’s a “big” day for Zürich, officials said.".encode().decode("latin-1")
    a = cleanse.clean(page(body=article(mojibake, PARA_1)))
    assert a.text == f"It’s a “big” day for Zürich, officials said.\n\n{PARA_1}"
    assert [e.rule for e in a.edits] == ["repair.ftfy"]
    assert a.edits[0].before.startswith("Itâ€™s a â€œbigâ€\x9d day")


def test_the_headline_is_not_repeated_in_the_text() -> None:
    body = "<article><h1>Budget Vote</h1>" + article(PARA_1, PARA_2)[9:]
    article_ = cleanse.clean(page(body=body))
    assert article_.title == "Budget Vote"
    assert article_.text == f"{PARA_1}\n\n{PARA_2}"


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<html><body></body></html>",
        "<html",
        "<html><head><title>Only a title</title></head><body><script>var x;</script></body></html>",
    ],
    ids=["empty", "empty-body", "truncated", "script-only"],
)
def test_no_article_text_is_an_extraction_error(html: str) -> None:
    with pytest.raises(ExtractionError, match="no article text"):
        extract_html(html, url=None, options=OPTIONS)


def test_extraction_error_through_the_api_names_the_input() -> None:
    with pytest.raises(cleanse.CleanseError, match="no article text"):
        cleanse.clean("<html><body></body></html>", kind="html")


# -- metadata ---------------------------------------------------------------------------

META_HEAD = (
    '<meta property="og:title" content="Council Raises Road Budget">'
    '<meta name="author" content="Jane Roe; John Doe">'
    '<meta property="article:published_time" content="2021-03-04T08:00:00+00:00">'
    '<link rel="canonical" href="https://News.Example.com/2021/03/budget.html">'
)


def test_metadata_from_the_head() -> None:
    got = extract_html(
        page(head=META_HEAD, body=article(PARA_1, PARA_2)), url=None, options=OPTIONS
    )
    assert got.title == "Council Raises Road Budget"
    assert got.authors == ("Jane Roe", "John Doe")
    assert got.published == dt.date(2021, 3, 4)
    assert got.url is not None and got.url.endswith("/2021/03/budget.html")


def test_metadata_in_the_article_record() -> None:
    a = cleanse.clean(page(head=META_HEAD, body=article(PARA_1, PARA_2)))
    assert a.title == "Council Raises Road Budget"
    assert a.authors == ["Jane Roe", "John Doe"]
    assert a.published == dt.date(2021, 3, 4)
    assert a.site == "news.example.com"


def test_title_without_og_falls_back_to_the_title_element() -> None:
    a = cleanse.clean(page(body=article(PARA_1, PARA_2)))
    assert a.title is not None and a.title.startswith("Budget Vote")


def test_site_comes_from_the_callers_url_when_the_page_has_none() -> None:
    a = cleanse.clean(page(body=article(PARA_1)), url="https://WWW.Example.org:8080/x?y=1")
    assert a.url == "https://WWW.Example.org:8080/x?y=1"
    assert a.site == "www.example.org"


def test_missing_metadata_is_null_not_invented() -> None:
    html = "<html><body>" + article(PARA_1, PARA_2) + "</body></html>"
    a = cleanse.clean(html)
    assert a.authors == []
    assert a.published is None
    assert a.url is None and a.site is None


@pytest.mark.parametrize(
    "footer",
    ["© 2019 Bugle Media", "Copyright 2019 Bugle Media. All rights reserved.", "Since 2019"],
)
def test_a_year_in_the_footer_is_no_published_date(footer: str) -> None:
    html = f"<html><head><title>Budget</title></head><body>{article(PARA_1, PARA_2)}"
    html += f"<footer><p>{footer}</p></footer></body></html>"
    assert cleanse.clean(html).published is None


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        ('<meta property="article:published_time" content="2021-03-04">', "", dt.date(2021, 3, 4)),
        ("", '<time datetime="2020-05-06T10:00:00Z">6 May 2020</time>', dt.date(2020, 5, 6)),
        (
            '<script type="application/ld+json">{"@type": "NewsArticle", '
            '"datePublished": "2019-02-03", "dateModified": "2023-08-09"}</script>',
            "",
            dt.date(2019, 2, 3),
        ),
        (
            '<meta property="article:modified_time" content="2023-08-09">'
            '<meta property="article:published_time" content="2019-02-03">',
            "",
            dt.date(2019, 2, 3),
        ),
    ],
    ids=["meta", "time-element", "json-ld-published-over-modified", "meta-published-over-modified"],
)
def test_published_comes_from_date_metadata(head: str, body: str, expected: dt.date) -> None:
    html = page(head=head, body=body + article(PARA_1, PARA_2))
    html = html.replace("</body>", "<footer><p>© 2018 City News</p></footer></body>")
    assert extract_html(html, url=None, options=OPTIONS).published == expected


@pytest.mark.parametrize(("lang", "expected"), [("en-US", "en"), ("de", "de"), ("pt_BR", "pt")])
def test_declared_language_is_read_from_html_lang(lang: str, expected: str) -> None:
    html = page(body=article(PARA_1, PARA_2), lang=lang)
    assert declared_language(html) == expected
    assert extract_html(html, url=None, options=OPTIONS).language == expected


def test_the_text_outweighs_a_declared_language_it_contradicts() -> None:
    # Templates often declare a default lang; the detector reads the article itself.
    assert cleanse.clean(page(body=article(PARA_1, PARA_2), lang="de")).language == "en"


# -- is it HTML? ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><p>x</p>", True),
        ("<html><body>x</body></html>", True),
        ("  <!-- saved page --> <head><title>t</title>", True),
        ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD">', True),
        ("\ufeff<!DOCTYPE html><p>x</p>", True),  # a str read from a file with a BOM
        ('\ufeff<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">', True),
        ('<?xml version="1.0"?><rss version="2.0">', False),
        ("<p>a</p><p>b</p><div>c</div><span>d</span><a href=x>e</a>", True),
        ("<p>The council met on Monday.</p><p>Residents&#8217; concerns were heard.</p>", True),
        ("\n  <div class='story'>Text<br>more text</div>", True),
        ("<!-- cached --><p>One paragraph.</p>", True),
        ("Lead sentence.\n<div><p>First.</p><p>Second.</p></div>", True),
        ("Use the <p> element for paragraphs.", False),
        (
            "Use the <div> and <span> tags for layout, <p> for paragraphs, <a> for links and "
            "<br> for breaks, the tutorial said.",
            False,
        ),
        ("<p> is the paragraph element; close it when you like.", False),
        (
            "A long article that quotes </p> once and </div> once. " + "Plain prose here. " * 60,
            False,
        ),
        ("If a < b and c > d then stop.", False),
        ("<b>bold</b> claims", False),
        ("Plain text article.\n\nSecond paragraph.", False),
        ("", False),
    ],
)
def test_looks_like_html(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected


def test_an_html_fragment_is_extracted_through_the_api() -> None:
    a = cleanse.clean(
        "<p>The council met on Monday.</p><p>Residents&#8217; concerns were heard.</p>"
    )
    assert a.text == "The council met on Monday.\n\nResidents’ concerns were heard."


def test_prose_that_names_tags_is_text_through_the_api() -> None:
    text = (
        "Use the <div> and <span> tags for layout, <p> for paragraphs, <a> for links and "
        "<br> for breaks, the tutorial said."
    )
    assert cleanse.clean(text).text == text


def test_an_xhtml_page_with_a_large_head_is_extracted() -> None:
    body = "The president said on Monday that the talks would go on next week. " * 10
    page = (
        '<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x">'
        "<html><head><title>Talks go on</title><script>" + "var x = 1;\n" * 500 + "</script>"
        f"</head><body><article><p>{body}</p></article></body></html>"
    )
    article = cleanse.clean(page)  # kind="auto"
    assert article.text.startswith("The president said on Monday")
    assert "<" not in article.text


# -- title of plain text ----------------------------------------------------------------

BODY = "Heavy rain closed two roads on Tuesday, officials said."

TITLES = [
    ("headline", f"Storm Closes Coastal Roads\n\n{BODY}", "Storm Closes Coastal Roads"),
    (
        "headline with colon",
        f"Breaking: Storm Closes Roads\n\n{BODY}",
        "Breaking: Storm Closes Roads",
    ),
    ("quoted headline", f"“We Stay,” Mayor Says\n\n{BODY}", "“We Stay,” Mayor Says"),
    ("CRLF", f"Storm Closes Roads\r\n\r\n{BODY}", "Storm Closes Roads"),
    ("padded", f"  Storm Closes Roads  \n\n  {BODY}", "Storm Closes Roads"),
    ("starts with a number", f"2020 Results Are In\n\n{BODY}", "2020 Results Are In"),
    ("sentence, not a headline", f"Storm closes roads.\n\n{BODY}", None),
    ("one word", f"Storm\n\n{BODY}", None),
    ("no blank line after it", f"Storm Closes Roads\n{BODY}", None),
    ("body is not running text", "Storm Closes Roads\n\nSee the map below", None),
    ("body shorter than the headline", "Storm Closes All Coastal Roads Today\n\nOK. Fine", None),
    ("list item", "- item one\n\n- item two.", None),
    ("single paragraph", BODY, None),
    ("too many words", " ".join(["Word"] * 31) + f"\n\n{BODY}", None),
]


@pytest.mark.parametrize(("label", "text", "expected"), TITLES, ids=[t[0] for t in TITLES])
def test_title_from_first_line(label: str, text: str, expected: str | None) -> None:
    found = title_from_first_line(text)
    if expected is None:
        assert found is None
        return
    assert found is not None
    title, proposal = found
    assert title == expected
    assert (proposal.start, proposal.replacement, proposal.rule) == (
        0,
        "",
        "extract.title-first-line",
    )
    assert text[proposal.end :].lstrip() == text[proposal.end :]  # the blank line goes too
    assert text[proposal.end :].startswith(BODY[:10])


def test_text_title_is_removed_from_the_text_and_logged() -> None:
    a = cleanse.clean(f"Storm Closes Coastal Roads\n\n{BODY}")
    assert a.title == "Storm Closes Coastal Roads"
    assert a.text == BODY
    (edit,) = a.edits
    assert (edit.step, edit.rule, edit.after) == ("extract", "extract.title-first-line", "")
    assert edit.before == "Storm Closes Coastal Roads\n\n"


def test_a_given_title_suppresses_first_line_detection() -> None:
    text = f"Storm Closes Coastal Roads\n\n{BODY}"
    a = cleanse.clean(text, title="Given")
    assert a.title == "Given"
    assert a.text == text


def test_title_detection_can_be_switched_off() -> None:
    config = cleanse.Config().model_copy(
        update={"extract": ExtractOptions(title_from_first_line=False)}
    )
    text = f"Storm Closes Coastal Roads\n\n{BODY}"
    a = cleanse.clean(text, config=config)
    assert a.title is None
    assert a.text == text


@pytest.mark.parametrize("first", ["By John Smith", "By JANE DOE", "BY John Smith and Mary Roe"])
def test_a_leading_byline_is_no_headline_but_the_authors(first: str) -> None:
    body = "Protesters gathered in central Baghdad on Friday to demand the withdrawal."
    article = cleanse.clean(f"{first}\n\n{body}\n\nMore text here today.")
    assert article.title is None
    assert article.authors and article.text.startswith("Protesters")
