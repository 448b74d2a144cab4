"""extract: the title of an HTML page: trafilatura's, never cut, less a known site name."""

from __future__ import annotations

import pytest

import cleanse
from cleanse.steps.extract import ExtractOptions, extract_html

BODY = (
    "<article><p>The city council voted on Tuesday to approve a new budget that includes "
    "funding for parks, libraries and road repairs across the district.</p><p>Council "
    "members debated the proposal for more than four hours before the final vote.</p></article>"
)
SITE = '<meta property="og:site_name" content="Bugle">'


def title_of(head: str, *, body: str = "", url: str | None = None) -> str | None:
    html = f"<html><head>{head}</head><body>{body}{BODY}</body></html>"
    return extract_html(html, url=url, options=ExtractOptions()).title


CASES = [
    # trafilatura cut these at the first separator ("Iraq", "Election 2024", "Bugle")
    (
        "headline with a dash",
        "<title>Iraq - US talks end without a deal</title>",
        None,
        "Iraq - US talks end without a deal",
    ),
    (
        "headline with a dash, no site",
        "<title>Election 2024 - Results as they happen</title>",
        None,
        "Election 2024 - Results as they happen",
    ),
    (
        "unknown site first: kept whole",
        "<title>Bugle | Council approves budget</title>",
        None,
        "Bugle | Council approves budget",
    ),
    (
        "og:site_name first",
        f"<title>Bugle | Council approves budget</title>{SITE}",
        None,
        "Council approves budget",
    ),
    (
        "og:title with the site name",
        f'<meta property="og:title" content="Council approves budget | Bugle">{SITE}',
        None,
        "Council approves budget",
    ),
    (
        "og:title, unknown site: kept whole",
        '<meta property="og:title" content="Council approves budget | Bugle">',
        None,
        "Council approves budget | Bugle",
    ),
    (
        "site from the url's domain",
        '<meta property="og:title" content="Council approves budget | Bugle">',
        "https://www.bugle.co.uk/2024/budget",
        "Council approves budget",
    ),
    (
        "domain, case and a leading The",
        "<title>Council approves budget - The Daily Bugle</title>",
        "https://dailybugle.com/x",
        "Council approves budget",
    ),
    (
        "application-name, other case, :: separator",
        '<title>Council approves budget :: Bugle</title><meta name="application-name" '
        'content="BUGLE">',
        None,
        "Council approves budget",
    ),
    (
        "a domain name in the title",
        "<title>Council approves budget | Bugle.com</title>",
        None,
        "Council approves budget",
    ),
    (
        "a dotted headline is no site name",
        "<title>U.S. talks end - Bugle</title>",
        None,
        "U.S. talks end - Bugle",
    ),
    (
        "a clear headline before a name: trafilatura's cut stands",
        "<title>Council approves budget | The Daily Bugle</title>",
        None,
        "Council approves budget",
    ),
    (
        "a headline continued after a dash is no headline and a name",
        "<title>Mayor says budget will pass - but only if the council agrees</title>",
        None,
        "Mayor says budget will pass - but only if the council agrees",
    ),
    (
        "separators inside the headline are kept as written",
        f"<title>Iraq – US talks end — without a deal | Bugle</title>{SITE}",
        None,
        "Iraq – US talks end — without a deal",
    ),
]


@pytest.mark.parametrize(("label", "head", "url", "expected"), CASES, ids=[c[0] for c in CASES])
def test_page_title(label: str, head: str, url: str | None, expected: str) -> None:
    assert title_of(head, url=url) == expected


def test_a_headline_confirmed_by_the_h1_is_kept() -> None:
    # trafilatura takes the single <h1>; it is a part of <title>, but no cut.
    assert title_of("<title>Budget Vote | City News</title>", body="<h1>Budget Vote</h1>") == (
        "Budget Vote"
    )


def test_an_h1_that_is_the_site_name_gives_way_to_the_title() -> None:
    head = f"<title>Council approves budget | Bugle</title>{SITE}"
    assert title_of(head, body="<header><h1>Bugle</h1></header>") == "Council approves budget"


def test_the_article_record_carries_the_uncut_title() -> None:
    html = f"<html><head><title>Iraq - US talks end without a deal</title></head><body>{BODY}"
    assert cleanse.clean(html).title == "Iraq - US talks end without a deal"
