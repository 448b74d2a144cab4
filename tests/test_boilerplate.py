"""The boilerplate step: in/out tables per rule family, real-shaped pages, properties."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cleanse
from cleanse import Config
from cleanse.boilerplate.packs import PackMatcher, default_families
from cleanse.document import Document
from cleanse.steps import StepContext
from cleanse.steps.boilerplate import BoilerplateOptions, SiteRules, build

DATA = Path(__file__).parent / "data" / "boilerplate"
FULL = ("decode", "extract", "repair", "whitespace", "boilerplate")
BODY = [
    "Residents of the valley stacked sandbags along the embankment on Tuesday as forecasters "
    "warned that the river could rise above its banks by the weekend.",
    "The mayor said the town had bought two new pumps after last year's flooding and that "
    "volunteers would patrol the levee overnight.",
    "Engineers inspected the old stone bridge, which was damaged in March, and said it would "
    "stay open to pedestrians but not to heavy vehicles.",
]
STEP = build(Config(steps=FULL))


def run(text: str, *, title: str | None = None, site: str | None = None, step=STEP):  # type: ignore[no-untyped-def]
    ctx = StepContext(
        kind="text", title=title, site=site, url=f"https://{site}/a" if site else None
    )
    result = step(text, ctx)
    doc = Document(text)
    doc.apply("boilerplate", result.edits)
    return doc.text, result


def article(*extra_after: str, before: tuple[str, ...] = ()) -> str:
    return "\n\n".join([*before, *BODY, *extra_after])


BODY_TEXT = "\n\n".join(BODY)

# (trailing line, expected rule) — each family, several languages.
TRAILERS = [
    ("No comments", "trailer.comment-count"),
    ("12 Comments", "trailer.comment-count"),
    ("Leave a Reply", "trailer.comment-count"),
    ("Keine Kommentare", "trailer.comment-count"),
    ("Laisser un commentaire", "trailer.comment-count"),
    ("Deja un comentario", "trailer.comment-count"),
    ("Share this:", "pack.share"),
    ("Facebook Twitter WhatsApp Email", "pack.share"),
    ("Partager sur Facebook", "pack.share"),
    ("Sign up for our daily newsletter to get the news first.", "pack.subscribe"),
    ("Newsletter abonnieren", "pack.subscribe"),
    ("Advertisement", "pack.advertisement"),
    ("Anzeige", "pack.advertisement"),
    ("Related Posts", "pack.related"),
    ("Read more: Floods hit the north again", "pack.related"),
    ("Lees ook: Overstromingen in het noorden", "pack.related"),
    ("© 2024 Example News. All rights reserved.", "pack.copyright"),
    ("Tutti i diritti riservati", "pack.copyright"),
    ("This website uses cookies to improve your experience.", "pack.cookie"),
    ("Download the Example News app for the latest updates", "pack.app-promo"),
    ("Follow us on Twitter and Instagram", "pack.app-promo"),
    ("Like this:", "pack.widget"),
    ("Filed under: Weather", "pack.meta"),
    ("Jane Doe is a staff writer covering the environment for Example News.", "pack.promo"),
    ("info@example.com", None),
]


@pytest.mark.parametrize(("line", "rule"), [t for t in TRAILERS if t[1] is not None])
def test_trailing_lines_go_with_their_rule(line: str, rule: str) -> None:
    text, result = run(article(line))
    assert text == BODY_TEXT
    assert [e.rule for e in result.edits] == [rule]


# Weak lines: short labels, links, all-caps teasers. Alone after the last paragraph they
# are as likely a sign-off or a fact as debris, so they stay; next to a line a rule
# explains (a widget cluster) they go, with their own rule id.
WEAK = [
    ("Poster Speaks", "position.short-trailer"),
    ("Poster Speaks/box", "position.short-trailer"),
    ("info@example.com", "pack.link"),
    ("www.example.com", "pack.link"),
    ("LOOK WHAT THE STORM LEFT BEHIND IN THE VALLEY", "shape.caps-teaser"),
]


@pytest.mark.parametrize(("line", "rule"), WEAK)
def test_weak_trailing_line_alone_stays(line: str, rule: str) -> None:
    assert run(article(line))[0] == article(line)


@pytest.mark.parametrize(("line", "rule"), WEAK)
def test_weak_trailing_line_beside_debris_goes(line: str, rule: str) -> None:
    for tail in (
        (line, "No comments"),
        ("No comments", line),
        ("Share this:", line, "12 Comments"),
    ):
        text, result = run(article(*tail))
        assert text == BODY_TEXT
        assert rule in [e.rule for e in result.edits]


# Facts a trailing box may hold stay even beside debris: their whole run is kept.
FACTS = [
    ("Powerbeats Wireless Earphones - Black", "$119.00", "Available from Amazon"),
    ("7th Amsterdam Light Festival", "29 November 2018 | 20 January 2019"),
    ("Rating: ★★★★★",),
    ("Where to watch: Netflix",),
    ("Best wishes,", "Andrew"),
    ("Score: 4.5/5",),
]


@pytest.mark.parametrize("facts", FACTS)
def test_fact_runs_stay_beside_debris(facts: tuple[str, ...]) -> None:
    text, _ = run(article(*facts, "Share this:", "No comments"))
    assert text == article(*facts)
    text, _ = run(article("Related Posts", *facts))
    assert text == article(*facts)


# Lines that must stay: real sentences that share words with the packs.
KEEP_TRAILING = [
    "He said the comments made by the minister were unhelpful and would be withdrawn.",
    "Subscribers to the water board's alerts were told to move their cars to higher ground.",
    "The related decision by the council to close the road was criticised by shop owners.",
    "By the end of the week, the water had fallen back below the level of the embankment.",
]


@pytest.mark.parametrize("line", KEEP_TRAILING)
def test_real_sentences_stay(line: str) -> None:
    text, result = run(article(line))
    assert text == article(line)
    assert result.edits == []


MID_KEEP = ["Sources", "Next steps", "The Bridge", "HOW THE PUMPS WORK ON THE LEVEE"]


@pytest.mark.parametrize("line", MID_KEEP)
def test_headings_mid_article_stay(line: str) -> None:
    text = "\n\n".join([BODY[0], line, BODY[1], BODY[2]])
    assert run(text)[0] == text


def test_seed_tail_goes_and_sources_are_exact(seed_text: str) -> None:
    art = cleanse.clean(seed_text, config=Config(steps=FULL))
    assert art.sources == ["Press TV", "Reuters", "Sputnik"]
    for gone in ("(With Press TV", "No comments", "Poster Speaks"):
        assert gone not in art.text
    assert art.text.endswith("or will be ejected by force.")
    # every paragraph of the seed body is still there
    plain = cleanse.clean(seed_text, config=Config(steps=FULL[:-1]))
    removed = set(plain.text.split("\n\n")) - set(art.text.split("\n\n"))
    assert removed == {
        "(With Press TV, Reuters and Sputnik)",
        "No comments",
        "Poster Speaks",
        "Poster Speaks/box",
    }


def test_blog_page_must_and_must_not_contain() -> None:
    html = (DATA / "blog-post.html").read_text(encoding="utf-8")
    art = cleanse.clean(html, config=Config(steps=FULL))
    assert "stacked sandbags along the embankment" in art.text
    assert "keeps a boat tied to her back door" in art.text
    for debris in ("Share this", "3 Comments", "Leave a Reply", "Poster Speaks", "(With Reuters"):
        assert debris not in art.text
    assert art.sources == ["Reuters", "AFP"]
    assert "\n\n\n" not in art.text


def test_title_repeated_first_line() -> None:
    title = "River towns brace for a wet spring"
    text, result = run(article(before=(title,)), title=title + " | Example News")
    assert text == BODY_TEXT
    assert result.edits[0].rule == "title.repeated"


def test_byline_goes_to_authors() -> None:
    text, result = run(article(before=("By Jane Doe and John Roe",)))
    assert text == BODY_TEXT
    assert result.authors == ["Jane Doe", "John Roe"]


def test_site_rules_match_host_and_subdomains() -> None:
    config = Config(
        steps=FULL, sites={"example.com": SiteRules(drop_lines=("The Daily Bugle team",))}
    )
    step = build(config)
    text = "\n\n".join([BODY[0], "The Daily Bugle team", BODY[1]])
    out, result = run(text, site="www.example.com", step=step)
    assert out == "\n\n".join([BODY[0], BODY[1]])
    assert result.edits[0].rule == "site:example.com/config"
    assert run(text, site="other.org", step=step)[0] == text


def test_disabled_rules_are_off() -> None:
    step = build(Config(steps=FULL, boilerplate=BoilerplateOptions(disabled_rules=("pack.share",))))
    text = article("Share this:")
    assert run(text, step=step)[0] == text


def test_single_newline_paragraph_lines_keep_paragraph_breaks() -> None:
    text = "First line of a verse\nShare this:\n\nSecond paragraph of the article is here."
    out, _ = run(text)
    assert out == "First line of a verse\n\nSecond paragraph of the article is here."


def test_never_removes_everything() -> None:
    assert run("No comments")[0] == "No comments"
    assert run("Share this:\n\nNo comments")[1].edits == []


LINES = st.sampled_from(
    [
        *BODY,
        *KEEP_TRAILING,
        *(line for line, _ in TRAILERS),
        *(line for line, _ in WEAK),
        *(line for facts in FACTS for line in facts),
        "By Jane Doe",
        "x",
        "(With AFP)",
    ]
)


@given(st.lists(LINES, min_size=1, max_size=12), st.sampled_from(["\n\n", "\n"]))
def test_only_whole_lines_removed_and_nothing_added(lines: list[str], sep: str) -> None:
    text = sep.join(lines)
    out, result = run(text)
    for edit in result.edits:
        assert edit.replacement == ""
    kept = [line for line in out.split("\n") if line]
    # the output's lines are a subsequence of the input's lines
    it = iter(text.split("\n"))
    assert all(any(line == other for other in it) for line in kept)
    assert "\n\n\n" not in out and not out.startswith("\n") and not out.endswith("\n")
    # idempotent
    assert run(out)[0] == out


# Credit fragments ending the last paragraph: (ending, kept text, sources).
TRAILING_CREDITS = [
    (" — AFP", "", ["AFP"]),
    (" (Reuters)", "", ["Reuters"]),
    ("— dpa", "", ["dpa"]),
    (" (With Press TV, Reuters and Sputnik)", "", ["Press TV", "Reuters", "Sputnik"]),
    (" — Seneca", " — Seneca", []),  # a quote's attribution, not an agency
    (" (Photo)", " (Photo)", []),
]


@pytest.mark.parametrize(("ending", "kept", "sources"), TRAILING_CREDITS)
def test_trailing_credit_fragment(ending: str, kept: str, sources: list[str]) -> None:
    text, result = run(BODY_TEXT + ending)
    assert text == BODY_TEXT + kept
    assert result.sources == sources
    if sources:
        assert [e.rule for e in result.edits] == ["credit.trailing"]


def test_trailing_credit_only_on_the_last_paragraph() -> None:
    text = "\n\n".join([BODY[0] + " — AFP", BODY[1], BODY[2]])
    assert run(text)[0] == text


def test_trailing_credit_before_debris() -> None:
    text, result = run(BODY_TEXT + " (Reuters)\n\nNo comments\n\nPoster Speaks")
    assert text == BODY_TEXT
    assert result.sources == ["Reuters"]


# Idempotence on article-shaped texts: paragraphs, maybe a credit fragment, then a tail
# of debris, weak lines and facts in any order. Cleaning the output removes nothing more.
DEBRIS = [line for line, rule in TRAILERS if rule is not None]
TAIL = st.lists(
    st.sampled_from(
        [*DEBRIS, *(w for w, _ in WEAK), *(f for facts in FACTS for f in facts), "___"]
    ),
    max_size=8,
)


@given(
    st.lists(st.sampled_from([*BODY, *KEEP_TRAILING]), min_size=1, max_size=5),
    st.sampled_from(["", " — AFP", " (Reuters)", " (With AFP and dpa)"]),
    TAIL,
    st.lists(
        st.sampled_from([*DEBRIS, "By Jane Doe", "LOOK WHAT THE STORM LEFT BEHIND"]), max_size=4
    ),
)
def test_cleaning_twice_removes_nothing_more(
    paragraphs: list[str], credit: str, tail: list[str], head: list[str]
) -> None:
    text = "\n\n".join([*head, *paragraphs[:-1], paragraphs[-1] + credit, *tail])
    once, result = run(text, title="River towns brace for a wet spring")
    assert all(e.replacement == "" for e in result.edits)
    assert len(once) <= len(text)
    twice, again = run(once, title="River towns brace for a wet spring")
    assert again.edits == []
    assert twice == once


# -- the pack gate is exact ----------------------------------------------------------------

_PACK_BITS = st.sampled_from(
    [
        "all rights reserved",
        "ALL RIGHTS RESERVED",
        "We use cookies",
        "this website uses cookies",
        "Sign up for our newsletter",
        "subscribe",
        "newsletter",
        "is a writer",
        "are the editors",
        "may earn a commission",
        "affiliate link",
        "tous droits réservés",
        "Tous Droits RÉSERVÉS",
        "diese Website verwendet Cookies",
        " [Video]",
        "Leave a reply",
        "No comments",
        "Share this",
        "©",
        "2024",
        "Read more",
    ]
)
_ODD_CHARS = st.sampled_from(list("İıſKΣσςßẞÅåé’“”—\u00a0\u200b ._-|[]()"))


@cache
def _matchers() -> tuple[PackMatcher, PackMatcher]:
    gated = PackMatcher(default_families())
    plain = PackMatcher(default_families())
    plain._gate = dict.fromkeys(plain._gate)  # type: ignore[assignment]
    assert gated._gate["any"] is not None  # the built-in pack has wildcard patterns
    return gated, plain


@given(st.lists(st.one_of(_PACK_BITS, _ODD_CHARS, st.text(max_size=6)), max_size=12))
def test_pack_gate_never_changes_a_match(parts: list[str]) -> None:
    line = "".join(parts)
    gated, plain = _matchers()
    for scope in ("any", "edge", "weak"):
        assert gated.match(line, scope) == plain.match(line, scope)


@pytest.mark.parametrize(
    ("pattern", "gated"),
    [
        (r"all rights reserved", True),
        (r"(?:we use|accept) cookies", True),
        (r"All rights", False),  # upper case: lowering the line would miss it
        (r"[A-Z]{2} rights", False),
        (r"\u212a", False),  # the Kelvin sign folds to an ASCII k
        (r"(?-i:reserved)", False),  # inline flags
    ],
)
def test_pack_gate_only_for_lowercase_rests(pattern: str, gated: bool) -> None:
    from cleanse.boilerplate.packs import _Gate

    assert (_Gate.build([".{0,80}" + pattern]) is not None) is gated


def test_a_source_line_inside_the_body_credits_a_figure_not_the_article() -> None:
    body = [BODY[0], "Source: Microsoft", BODY[1], "Source: Reuters", *BODY[2:]]
    text, result = run("\n\n".join(body))
    assert text == BODY_TEXT  # both caption credits go
    assert result.sources == ["Reuters"]  # only the agency is recorded from inside the body
    _, tail = run(article("Source: Microsoft"))
    assert tail.sources == ["Microsoft"]  # after the body it credits the article


@pytest.mark.parametrize(
    ("line", "recorded"),
    [
        ("Quelle: Statista", []),  # a label in any language: a figure's source
        ("Fuente: INE", []),
        ("(Sources: Microsoft, Reuters)", ["Reuters"]),
        ("With files from Canadian Press", ["CP"]),  # credits the article (by one name)
        ("Agencies: Kyodo", ["Kyodo"]),
    ],
)
def test_inside_the_body_only_a_source_label_is_taken_for_a_figures(
    line: str, recorded: list[str]
) -> None:
    text, result = run("\n\n".join([BODY[0], line, *BODY[1:]]))
    assert text == BODY_TEXT
    assert result.sources == recorded


def test_a_dash_line_records_agencies_not_signatures() -> None:
    _, signed = run(article("— JS"))
    assert signed.sources == []
    _, agency = run(article("— AFP"))
    assert agency.sources == ["AFP"]


def test_bylines_of_a_list_of_stories_are_not_the_authors() -> None:
    listing = [BODY[0], "Written by Ann Lee", BODY[1], "Written by Bo Park", *BODY[2:]]
    _, result = run("\n\n".join(listing))
    assert result.authors == []
    _, result = run(article("Written by Ann Lee"))
    assert result.authors == ["Ann Lee"]


def test_credits_before_a_kept_bio_or_standards_line_still_count() -> None:
    bio = "Jane Doe covers energy markets and climate policy for the paper from its London office."
    _, result = run(article("(With The Guardian and Al Jazeera)", bio))
    assert result.sources == ["The Guardian", "Al Jazeera"]
    reuters = (
        "Reporting by Jane Doe in London",
        "Additional reporting by Tom Roe in Singapore",
        "Writing by Ann Lee",
        "Editing by Mark Potter",
        "Our Standards: The Thomson Reuters Trust Principles.",
    )
    _, result = run(article(*reuters))
    assert "Jane Doe" in result.authors and "Ann Lee" in result.authors


def test_a_story_list_at_the_end_gives_no_authors() -> None:
    teasers = (
        "Solar panels got cheaper again this year",
        "Written by Emily Walker",
        "New battery plants open in three states",
        "Written by Casey McDevitt",
        "Wind farms face a supply crunch",
        "Written by Alex Behrens",
    )
    _, result = run(article(*teasers))
    assert result.authors == []


@pytest.mark.parametrize(
    ("line", "sources"),
    [("— The Associated Press", ["AP"]), ("— CNN", ["CNN"]), ("— JS", [])],
)
def test_dash_credit_lines(line: str, sources: list[str]) -> None:
    _, result = run(article(line))
    assert result.sources == sources


def test_pack_gate_stands_down_for_group_references() -> None:
    from cleanse.boilerplate.packs import _Gate

    assert _Gate.build([r"(read|see) (more|all)\2", ".{0,40}advertisement"]) is None
    assert _Gate.build([r"(a)?(b)?(?(2)c|d)", ".{0,40}zzz"]) is None


# Patterns that allow a free tail after a label ("copyright", "(c)", "two responses to",
# "more about", "reading time") must not take a sentence or a list item that only starts
# with the same words. In/out tables per family: the widget/credit lines that still go, and
# the prose that stays. "any" families are tested in the middle of the article (where the
# loss happened), "edge" ones as the last line (the one place they act on).
ANY_GOES = [
    ("3 comments", "trailer.comment-count"),
    ("One thought on “Floods in the valley”", "trailer.comment-count"),
    ('2 Responses to "Why I left the city"', "trailer.comment-count"),
    ("Seven replies to ‘Spring cleaning’", "trailer.comment-count"),
    ("4 thoughts on this post", "trailer.comment-count"),
    ("One Response", "trailer.comment-count"),
    ("© 2024 Example News", "pack.copyright"),
    ("Copyright 2019 Hawaii News Now. All rights reserved.", "pack.copyright"),
    ("(c) Copyright 1990-1994, Hewlett-Packard Company.", "pack.copyright"),
    ("(C) 2021 Example Media Ltd", "pack.copyright"),
    ("Copyright © 2023 NPR. All rights reserved.", "pack.copyright"),
    ("Copyright 2012 all rights reserved", "pack.copyright"),
    ("Copyright: Getty Images", "pack.copyright"),
    ("Example Media Ltd. All Rights Reserved.", "pack.copyright"),
    ("Alle Rechte vorbehalten.", "pack.copyright"),
    (
        "Copyright 2021 The Associated Press. All rights reserved. This material may not be "
        "published, broadcast, rewritten or redistributed without permission.",
        "pack.copyright",
    ),
    ("More from SewCanShe:", "pack.related"),
    ("More stories from Example News", "pack.related"),
    ("Other Posts:", "pack.related"),
    ("Read: How to Go Live on Instagram", "pack.related"),
    ("More:  Hennessy Expedition Asym Zip Hammock Full Review", "pack.related"),
    ('Watch: "Floods hit the north"', "pack.related"),
    ("We use cookies to improve your experience.", "pack.cookie"),
    ("By clicking “Accept All Cookies”, you agree to the storing of cookies.", "pack.cookie"),
    ("By continuing to browse, you agree to our use of cookies.", "pack.cookie"),
    ("| viewed_cookie_policy | 11 months | The cookie is set by a plugin. |", "pack.cookie"),
    ("Cookie Policy", "pack.cookie"),
    ("Alle Cookies akzeptieren", "pack.cookie"),
    ("Get the Hindustan Times app!", "pack.app-promo"),
    ("CLICK HERE TO GET THE FOX NEWS APP", "pack.app-promo"),
    ("Download the Example News app for the latest updates", "pack.app-promo"),
    ("Like us on Facebook", "pack.app-promo"),
    ("Find us on our Facebook page", "pack.app-promo"),
    ("Enter your email:", "pack.subscribe"),
    (
        "Enter your email address to subscribe to this blog and receive notifications of new "
        "posts by email.",
        "pack.subscribe",
    ),
    ("Enter your email address below", "pack.subscribe"),
    ("Abbonati ora", "pack.subscribe"),
    ("Abbonati a Repubblica: 1 euro al mese", "pack.subscribe"),
    ("Ad-free", "pack.advertisement"),
    ("Go ad-free", "pack.advertisement"),
    ("Enjoy an ad-free experience", "pack.advertisement"),
    ("Ad-free experience | Subscribe", "pack.advertisement"),
    ("Get ad-free access", "pack.advertisement"),
    ("Reading Time: 8 minutes", "pack.widget"),
    ("Estimated reading time: 4 minutes", "pack.widget"),
    ("Lesezeit: 3 Min.", "pack.widget"),
    ("Tempo de leitura: 2 minutos", "pack.widget"),
    ("Listen to this article", "pack.widget"),
    ("Listen to this article · 5 min", "pack.widget"),
    ("Facebook Twitter WhatsApp Email", "pack.share"),
    ("X Facebook LinkedIn", "pack.share"),
    ("Twitter,", "pack.share"),
    ("Share", "pack.share"),
    ("Pinterest", "pack.share"),
    ("Share this article on Facebook", "pack.share"),
]


# Alone inside the body, a line of these families is as often a subheading ("Print",
# "Threads", "Reply"): there it goes only beside other debris.
CLUSTER = ("pack.share", "pack.widget", "trailer.comment-count")


@pytest.mark.parametrize(("line", "rule"), ANY_GOES)
def test_widget_line_goes_anywhere(line: str, rule: str) -> None:
    beside = ["Advertisement"] if rule in CLUSTER else []
    text, result = run("\n\n".join([BODY[0], line, *beside, BODY[1], BODY[2]]))
    assert text == BODY_TEXT
    assert [e.rule for e in result.edits] == [rule] + ["pack.advertisement"] * len(beside)


@pytest.mark.parametrize("line", ["Print", "Threads", "Shares", "Reply", "Three thoughts"])
def test_a_lone_widget_word_that_heads_its_paragraph_stays(line: str) -> None:
    paragraph = f"{line} came up again at the council meeting, where members argued for hours."
    inside = "\n\n".join([BODY[0], line, paragraph, BODY[1]])
    assert run(inside)[0] == inside
    unrelated = "\n\n".join([BODY[0], line, BODY[1], BODY[2]])
    assert run(unrelated)[0] == BODY_TEXT  # a widget word the next paragraph does not use
    assert run(article(line))[0] == BODY_TEXT  # after the last paragraph it is debris


@pytest.mark.parametrize(
    "line",
    [
        "The regulator found that the banner, which read \u201cThis website uses cookies to "
        "improve your experience\u201d, gave users no real way to refuse.",
        'The email said "Leave a comment below" and nothing else, the court heard on Monday.',
        "Install the Google Authenticator app and scan the QR code shown on the screen.",
        "(With Tom Hanks and Meg Ryan)",  # no agency: a cast, not a credit
        "Written by Greta Gerwig and Noah Baumbach\nProduced by David Heyman",  # a film's box
    ],
)
def test_body_lines_that_only_quote_or_resemble_debris_stay(line: str) -> None:
    inside = "\n\n".join([BODY[0], line, BODY[1], BODY[2]])
    text, result = run(inside)
    assert text == inside
    assert (result.sources, result.authors) == ([], [])


def test_a_byline_inside_the_body_still_goes_to_authors() -> None:
    text, result = run("\n\n".join([BODY[0], "Written by Cassidy Horton", BODY[1], BODY[2]]))
    assert text == BODY_TEXT
    assert result.authors == ["Cassidy Horton"]


def test_short_lines_before_a_credit_end_the_story() -> None:
    stanza = "The sea is calm tonight\nThe tide is full\nThe moon lies fair"
    text, result = run(article(stanza, "(Reporting by Jane Doe; Editing by John Roe)"))
    assert text == article(stanza)
    assert result.authors == ["Jane Doe"]
    # widget lines after a credit still go with the debris around them
    text, _ = run(article("(Reporting by Jane Doe)", "No comments", "Poster Speaks"))
    assert text == BODY_TEXT


ANY_KEEPS = [
    # trailer.comment-count: a count of something else, or a title that the sentence goes on after
    "Two responses to the crisis have emerged from Washington and Brussels over the past week.",
    "Three thoughts on the vote stood out to analysts.",
    "Two replies to the survey were negative, the council said.",
    "12 comments on the plan were read out at the meeting.",
    "Three thoughts on “resilience” dominated the debate, officials said.",
    "What do you think?",  # a question in an interview (a prompt to readers only at the end)
    "Tell us what you think.",
    # pack.copyright: a sentence or a list item that starts with the word or with "(c)"
    "(c) the government reviews the arrangement every year.",
    "(c) The government reviews the arrangement every year.",
    "Copyright law was not discussed.",
    "Copyright holders have sued the company over the scheme.",
    "Copyright 2024 was a landmark year for the courts.",
    "(c) 2019 saw the worst floods in a decade.",
    "Copyright: the exclusive right of an author to copy a work.",
    "Copyright Complexity in a Fragmented World",
    "- Copyright license",
    "The studio released the film with all rights reserved.",
    "Der Verlag hat sich alle Rechte vorbehalten.",
    # pack.related: sentences that open like a section label
    "Other stories on the front page focused on the economy.",
    "More about the case emerged on Monday.",
    "More from the minister's speech is printed below.",
    "Top news in the region was the flood.",
    "More on that later.",
    "Also: how much time do you spend on it? That is hidden slowness.",
    "Watch: the moment the bridge gave way was filmed by a neighbour.",
    # pack.cookie: articles about cookies
    "The regulator said Google uses cookies to track users across sites.",
    "The new cookie consent rules came into force in 2020.",
    "Users who accept all cookies are tracked by dozens of firms.",
    "Its cookie policy was criticised by the privacy watchdog.",
    "Nutzer müssen Cookies akzeptieren, um die Seite zu lesen.",
    "Les internautes doivent accepter les cookies pour lire la suite.",
    # pack.app-promo: how-to steps, words containing "app", events
    "Download the latest update before installing the app, experts advise.",
    "Download the eBook today for tips on applying to college.",
    "Download the app from the Play Store and sign in with your account.",
    "Get the apple pie out of the oven after forty minutes.",
    "Join us at the town hall meeting on Thursday at 7pm.",
    "Find us at 12 Main Street, next to the station.",
    # pack.subscribe: how-to steps; "abbonati" is also the noun (subscribers)
    "Enter your email address and password, then click Next.",
    "Enter your email in the box marked Username.",
    "Enter your e-mail address twice to confirm it.",
    "Abbonati e lettori hanno protestato contro la decisione.",
    "Abbonati storici del giornale hanno scritto al direttore.",
    # pack.advertisement
    "Ad-free streaming costs $5 more per month.",
    "Ad-free plans have grown fastest.",
    "Ad free television was once the norm.",
    "Ad-free tiers now make up a third.",
    "Ad-free versions of the app cost extra.",
    # pack.widget
    "Reading time was up 12% in 2023.",
    "Reading time fell by a third.",
    "Listen to the story of how they met.",
    "Listen to the story she tells.",
    "Lesezeit ist Lebenszeit.",
    # pack.share: rows of a crossword grid ("x" alone is no platform)
    "..#XXXXXX#.X..",
    ".......#XXX#..",
    "XXX.XX",
    "XX",
    "#XX#.X",
]


@pytest.mark.parametrize("line", ANY_KEEPS)
def test_prose_that_starts_like_a_widget_stays(line: str) -> None:
    text = "\n\n".join([BODY[0], line, BODY[1], BODY[2]])
    out, result = run(text)
    assert out == text
    assert result.edits == []


def test_lettered_list_items_stay() -> None:
    """QA report: "(c) ..." was removed as a copyright line from the middle of a list."""
    text = (
        "The agreement sets out three conditions.\n\n(a) all combat units leave within twelve "
        "months;\n(b) training missions continue;\n(c) the government reviews the arrangement "
        "every year.\n\nOfficials agreed on Friday."
    )
    assert cleanse.clean(text, kind="text", title="").text == text


EDGE_GOES = [
    ("What do you think?", "trailer.comment-count"),
    ("Tell us what YOU think...", "trailer.comment-count"),
    ("Tell us what you think!", "trailer.comment-count"),
    ("> What do you think?", "trailer.comment-count"),
    ("what do you think?", "trailer.comment-count"),
    ("Copyright Example Media Group", "pack.copyright"),
    ("copyright Inexhibit 2019 - ISSN: 2283-5474", "pack.copyright"),
    ("Copyright", "pack.copyright"),
    ("Copyright by Jane Doe Photography", "pack.copyright"),
    ("Copyright by the Example Times", "pack.copyright"),
    ("Copyright Getty Images", "pack.copyright"),
    ("Last Updated: 20 January 2025", "pack.meta"),
    ("Updated 3 hours ago", "pack.meta"),
    ("Published on May 02, 2024 07:44 PM IST", "pack.meta"),
    ("UPDATED: Tue., Nov. 19, 2019", "pack.meta"),
    ("Posted in News Release", "pack.meta"),
    ("Posted on", "pack.meta"),
    ("Published by Hachette", "pack.meta"),
    ("Join us at HPE Discover Las Vegas 2026, our flagship annual event.", "pack.promo"),
    ("Join 4,000 professionals for 20+ hours of networking and events.", "pack.promo"),
    ("Register now for the webinar on flood insurance.", "pack.promo"),
    ("Download our free Event Planning Checklist to simplify your workflow.", "pack.promo"),
    ("Follow NBC Latino on Facebook, Twitter and Instagram.", "pack.promo"),
    ("Join LogRocket’s Content Advisory Board.", "pack.promo"),
    ("Download: http://example.com/episode-12.mp3", "pack.promo"),
]


@pytest.mark.parametrize(("line", "rule"), EDGE_GOES)
def test_edge_line_goes_at_the_end(line: str, rule: str) -> None:
    text, result = run(article(line))
    assert text == BODY_TEXT
    assert [e.rule for e in result.edits] == [rule]


EDGE_KEEPS = [
    # pack.meta: a sentence that opens with the verb (no date after it)
    "Published security audits from a reputable third-party firm.",
    "Published in 1998, the book sold a million copies.",
    "Updated figures showed a further rise.",
    "Posted on the wall of the town hall, the notice warned residents to leave.",
    "Modified: You’ve changed the file but haven’t committed it yet.",
    # pack.promo: instructions that open with the verbs of a call to action
    "Follow these guidelines to ensure students can access your materials.",
    "Follow the plant spacing rules on the back of seed packs.",
    "Join local networking groups.",
    "Register a service worker before you cache any pages.",
    "Download the files. Read the license.",
    "Download speeds fell by a third during the storm.",
    # pack.copyright (edge): a sentence after the word
    "Copyright law was not discussed.",
    "Copyright holders have sued the company over the scheme.",
    "Copyright reform will be debated in the autumn.",
    "(c) the government reviews the arrangement every year.",
    "(c) Rome",  # the third choice of a quiz, not a holder
]


@pytest.mark.parametrize("line", EDGE_KEEPS)
def test_prose_that_starts_like_an_edge_widget_stays_at_the_end(line: str) -> None:
    out, result = run(article(line))
    assert out == article(line)
    assert result.edits == []


def test_a_newsroom_credit_block_inside_the_body_still_counts() -> None:
    block = "Reporting by Jane Doe\nWriting by John Roe\nEditing by Ann Poe"
    text, result = run("\n\n".join([BODY[0], block, BODY[1], BODY[2]]))
    assert text == BODY_TEXT
    assert result.authors == ["Jane Doe", "John Roe"]
