"""Cleaning never opens a network connection, whatever URLs the input names."""

from __future__ import annotations

import gzip
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cleanse import Config, Pipeline, clean
from cleanse.steps import ALL_STEPS, TEXT_STEPS
from tests.conftest import SEEDS, SHARED

ABSOLUTE_URLS_PAGE = """<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<base href="http://base.example.com/">
<meta http-equiv="refresh" content="0; url=http://refresh.example.com/">
<link rel="canonical" href="https://canonical.example.com/story.html">
<link rel="stylesheet" href="https://cdn.example.com/style.css">
<link rel="amphtml" href="https://amp.example.com/story.amp.html">
<script src="https://scripts.example.com/app.js"></script>
<title>A story with many links</title>
</head><body>
<iframe src="https://frames.example.com/embed"></iframe>
<article>
<h1>A story with many links</h1>
<p>The report, <a href="https://reports.example.org/full.pdf">available here</a>, says
that the sky is blue and the grass is green, as everyone has long known.</p>
<p><img src="https://images.example.com/a.jpg" srcset="https://images.example.com/b.jpg 2x">
Officials at <a href="http://officials.example.gov/">the ministry</a> agreed with the report
and promised a longer statement later in the week.</p>
</article></body></html>"""


def _usable_steps() -> tuple[Any, ...]:
    """Every step whose module is built already (others land in parallel)."""
    import importlib

    usable = [
        s for s in TEXT_STEPS if hasattr(importlib.import_module(f"cleanse.steps.{s}"), "build")
    ]
    return (*(s for s in ALL_STEPS if s not in TEXT_STEPS), *usable)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    attempts: list[str] = []

    def refuse(name: str) -> Any:
        def blocked(*args: Any, **kwargs: Any) -> Any:
            attempts.append(name)
            raise OSError(f"network blocked in tests: {name}{args!r}")

        return blocked

    monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("connect_ex"))
    monkeypatch.setattr(socket.socket, "sendto", refuse("sendto"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", refuse("gethostbyname"))
    import urllib.request

    monkeypatch.setattr(urllib.request, "urlopen", refuse("urlopen"))
    yield attempts
    assert attempts == [], f"cleaning tried to use the network: {attempts}"


@pytest.fixture(scope="module")
def all_steps() -> Config:
    return Config(steps=_usable_steps())


def test_html_with_absolute_urls(no_network: list[str], all_steps: Config) -> None:
    article = clean(ABSOLUTE_URLS_PAGE, url="https://news.example.com/story", config=all_steps)
    assert "sky is blue" in article.text
    as_bytes = clean(ABSOLUTE_URLS_PAGE.encode(), url="https://x.example.com/", config=all_steps)
    assert as_bytes.text == article.text


def test_seeds(no_network: list[str], all_steps: Config) -> None:
    for path in sorted(SEEDS.glob("*.*")):
        if path.suffix in {".txt", ".html"}:
            article = clean(path.read_bytes(), url=f"https://seed.example.com/{path.name}")
            assert article.text
            assert clean(path.read_bytes(), config=all_steps).text


def test_batch_without_network(no_network: list[str], all_steps: Config) -> None:
    records = [
        {"html": ABSOLUTE_URLS_PAGE, "url": "https://a.example.com/1"},
        {"text": "Plain text at http://example.com/page is not fetched.", "id": "t"},
    ]
    results = list(Pipeline(all_steps).clean_many(records))
    assert len(results) == 2
    assert all(not hasattr(r, "error") for r in results)


def test_extraction_bench_pages(no_network: list[str], all_steps: Config) -> None:
    pages = sorted((SHARED / "bench" / "extraction" / "scrapinghub" / "html").glob("*.html.gz"))
    if not pages:
        pytest.skip("benchmark data not available")
    pipeline = Pipeline(all_steps)
    for page in pages[:5]:
        html = gzip.decompress(Path(page).read_bytes())
        result = pipeline.clean(html, url="https://example.com/" + page.name, kind="html")
        assert result.text


def test_the_blocker_blocks(no_network: list[str]) -> None:
    with pytest.raises(OSError, match="network blocked"):
        socket.create_connection(("127.0.0.1", 9))
    with pytest.raises(OSError, match="network blocked"):
        socket.getaddrinfo("example.com", 80)
    assert no_network == ["create_connection", "getaddrinfo"]
    no_network.clear()
