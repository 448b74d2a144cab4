"""``cleanse.integrations.scrapy.CleansePipeline``: unit checks and a real crawl on loopback."""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

pytest.importorskip("scrapy")

from cleanse.integrations.scrapy import CleansePipeline

PAGES = Path(__file__).parent / "data" / "cli" / "pages"


def test_item_with_text_gets_the_record_fields() -> None:
    pipeline = CleansePipeline()
    item = {"url": "https://news.example.org/x", "text": "Two  spaces .  Done.", "keep": 1}
    out = pipeline.process_item(item)
    assert out["text"] == "Two spaces. Done."
    assert out["site"] == "news.example.org" and out["keep"] == 1
    assert {e["rule"] for e in out["edits"]} and out["schema_version"] == "1"


def test_settings_choose_fields_prefix_and_failure_policy() -> None:
    from scrapy.exceptions import DropItem
    from scrapy.settings import Settings

    settings = Settings(
        {
            "CLEANSE_FIELDS": ["body"],
            "CLEANSE_OUTPUT_FIELDS": ["text", "title"],
            "CLEANSE_PREFIX": "clean_",
            "CLEANSE_CONFIG": {"steps": ["decode", "extract", "whitespace"]},
        }
    )
    pipeline = CleansePipeline.from_settings(settings)
    item = pipeline.process_item({"body": "Heading Of The Story\n\nA  body sentence here."})
    assert item["clean_text"] == "A body sentence here."
    assert item["clean_title"] == "Heading Of The Story"
    assert set(item) == {"body", "clean_text", "clean_title"}
    assert pipeline.process_item({"other": 1}) == {"other": 1}  # nothing to clean
    with pytest.raises(DropItem, match="cleanse"):
        CleansePipeline().process_item({"html": "<html><body></body></html>"})
    kept = CleansePipeline(on_failure="keep").process_item({"html": "<html></html>"})
    assert kept["error"]


def test_what_the_spider_knows_is_passed_on() -> None:
    item = CleansePipeline().process_item(
        {"text": "Le novità\n\nSerie TV.", "title": "Le novità", "language": "it-IT", "id": 7}
    )
    assert item["language"] == "it" and item["id"] == "7"  # too short to detect: as given
    assert item["title"] == "Le novità" and item["text"] == "Serie TV."
    ignored = CleansePipeline(known_fields={"language": None}).process_item(
        {"text": "Serie TV.", "language": "it"}
    )
    assert ignored["language"] != "it"
    with pytest.raises(Exception, match="CLEANSE_KNOWN_FIELDS"):
        CleansePipeline(known_fields={"author": "by"})


@pytest.fixture
def site() -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(PAGES))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


SPIDER = """
import scrapy

class TownSpider(scrapy.Spider):
    name = "town"
    start_urls = [{start!r}]
    custom_settings = {{
        "ITEM_PIPELINES": {{"cleanse.integrations.scrapy.CleansePipeline": 300}},
        "CLEANSE_OUTPUT_FIELDS": ["id", "title", "text", "site", "edits", "stats"],
        "ROBOTSTXT_OBEY": False,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
        "CLOSESPIDER_TIMEOUT": 60,
    }}

    def parse(self, response):
        for href in response.css("h1 + ul a::attr(href)").getall():
            yield response.follow(href, self.parse_article)

    def parse_article(self, response):
        yield {{"url": response.url, "html": response.text}}
"""


@pytest.mark.slow
def test_real_crawl_of_a_local_site(site: str, tmp_path: Path) -> None:
    spider = tmp_path / "spider.py"
    spider.write_text(SPIDER.format(start=f"{site}/index.html"), encoding="utf-8")
    out = tmp_path / "items.jsonl"
    done = subprocess.run(
        [sys.executable, "-m", "scrapy", "runspider", str(spider), "-o", f"{out}:jsonl"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    items = sorted((orjson.loads(line) for line in out.read_bytes().splitlines()), key=str)
    titles = sorted(item["title"] for item in items)
    assert titles == [
        "City Library Reopens After Two Years of Repairs",
        "Harbour Council Approves New Flood Defences",
        "Old Railway Bridge to Become a Footpath",
    ]
    for item in items:
        assert item["site"] == "127.0.0.1"
        assert "Copyright Town News" not in item["text"]  # extraction dropped the footer
        assert "Most read" not in item["text"]
        assert item["stats"]["chars_out"] == len(item["text"])
        assert "html" in item  # the input field is kept


def test_fields_an_item_loader_filled_as_lists() -> None:
    item = CleansePipeline().process_item(
        {"text": ["First  paragraph here .", "Second one ."], "url": ["https://a.com/x"]}
    )
    assert item["text"] == "First paragraph here.\n\nSecond one."
    assert (item["url"], item["site"]) == ("https://a.com/x", "a.com")


@pytest.mark.parametrize("value", [12345, {"a": 1}, [1, 2]])
def test_an_input_field_of_the_wrong_type_fails_its_item(value: object) -> None:
    from scrapy.exceptions import DropItem

    with pytest.raises(DropItem, match="item field 'text' must be a string"):
        CleansePipeline().process_item({"text": value})
    kept = CleansePipeline(on_failure="keep").process_item({"html": value, "text": "Fine."})
    assert "item field 'html'" in kept["error"]


def test_none_entries_of_a_list_field_are_skipped() -> None:
    out = CleansePipeline().process_item({"text": ["Para one here.", None, "Two  spaces."]})
    assert out["text"] == "Para one here.\n\nTwo spaces."
    assert CleansePipeline().process_item({"text": [None, "  "]}) == {"text": [None, "  "]}
