"""Time and size limits: a hanging page becomes a failure, the batch goes on."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from cleanse import Config, Failure, Pipeline, clean
from cleanse.errors import (
    CleanseError,
    ExtractionTimeoutError,
    InputFormatError,
    InputTooLargeError,
)
from cleanse.models import Article
from cleanse.steps.extract import Deadline, ExtractOptions, time_limit

PAGE = (
    "<html><head><title>A page</title></head><body><article>"
    + "<p>This is a paragraph of real article text, long enough to be kept.</p>" * 5
    + "</article></body></html>"
)
FAST = Config(extract=ExtractOptions(timeout_seconds=0.3))


def _hang(*args: Any, **kwargs: Any) -> None:
    """A page that makes extraction spin forever, swallowing ordinary exceptions."""
    while True:
        try:
            time.sleep(0.005)
        except Exception:  # what careless library code does
            continue


@pytest.fixture
def hanging_trafilatura(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", _hang)


# -- size -----------------------------------------------------------------------------


def test_too_large_str_is_a_clear_error() -> None:
    config = Config(max_input_chars=1000)
    with pytest.raises(InputTooLargeError, match=r"1,001 characters.*max_input_chars"):
        clean("x" * 1001, config=config)
    assert clean("x " * 500, config=config).text


def test_too_large_bytes_is_a_clear_error() -> None:
    with pytest.raises(InputTooLargeError, match="limit of 10"):
        clean(b"0123456789a", config=Config(max_input_chars=10))


def test_the_limit_counts_characters_of_bytes_too() -> None:
    config = Config(max_input_chars=10, steps=("decode", "repair", "whitespace"))
    assert clean("Привет мир".encode(), config=config).text == "Привет мир"  # 19 bytes
    with pytest.raises(InputTooLargeError, match="11 characters"):
        clean("Привет, мир".encode(), config=config)
    with pytest.raises(InputTooLargeError, match="41 bytes"):
        clean(b"x" * 41, config=config)  # past any encoding's 4 bytes a character


def test_bytes_without_the_decode_step_say_how_to_fix_it() -> None:
    config = Config(steps=("repair", "whitespace"))
    assert clean("Some  text.", config=config).text == "Some text."
    with pytest.raises(InputFormatError, match=r"leave out 'decode'.*add it"):
        clean(b"Some  text.", config=config)


def test_a_record_field_of_the_wrong_type_fails_its_record() -> None:
    records = [{"text": "One.", "title": ["a", "b"]}, {"text": "Two.", "id": 7}, {"html": 5}]
    results = list(Pipeline().clean_many(records))
    assert isinstance(results[0], Failure)
    assert "field 'title' must be a string, not an array" in results[0].message
    assert isinstance(results[1], Article) and results[1].id == "7"
    assert isinstance(results[2], Failure) and "'html'" in results[2].message


def test_lone_surrogates_in_what_the_caller_knows_never_break_the_record() -> None:
    article = clean("A short text.", id="x\ud800", title="T\udce9", url="http://e.com/\ud800")
    assert (article.id, article.title) == ("x\ufffd", "T\ufffd")
    assert b"\\ud800" not in article.to_json()  # serialisable, and no escape smuggled in


def test_too_large_input_fails_alone_in_a_batch() -> None:
    results = list(
        Pipeline(Config(max_input_chars=50)).clean_many(["short text.", "y" * 51, "ok."])
    )
    assert [type(r) for r in results] == [Article, Failure, Article]
    failure = results[1]
    assert isinstance(failure, Failure)
    assert failure.error == "InputTooLargeError"
    assert "<record 1>" in failure.message


def test_max_input_chars_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_input_chars"):
        Config(max_input_chars=0)


# -- time -----------------------------------------------------------------------------


def test_timeout_is_configurable() -> None:
    assert ExtractOptions().timeout_seconds == 30.0
    assert ExtractOptions(timeout_seconds=None).timeout_seconds is None
    with pytest.raises(ValueError, match="timeout_seconds"):
        ExtractOptions(timeout_seconds=0)


@pytest.mark.usefixtures("hanging_trafilatura")
def test_hanging_page_times_out_in_the_main_thread() -> None:
    before = signal.getsignal(signal.SIGALRM)
    with pytest.raises(ExtractionTimeoutError, match=r"0\.3 s"):
        clean(PAGE, config=FAST)
    assert signal.getsignal(signal.SIGALRM) is before  # handler restored
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0  # timer disarmed


@pytest.mark.usefixtures("hanging_trafilatura")
def test_hanging_page_times_out_in_another_thread() -> None:
    errors: list[BaseException] = []

    def work() -> None:
        try:
            clean(PAGE, config=FAST)
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(timeout=20)
    assert not thread.is_alive()
    assert len(errors) == 1
    assert isinstance(errors[0], ExtractionTimeoutError)


@pytest.mark.usefixtures("hanging_trafilatura")
def test_hanging_page_becomes_a_failure_and_the_batch_goes_on() -> None:
    results = list(Pipeline(FAST).clean_many([PAGE, "Plain text still works."]))
    assert isinstance(results[0], Failure)
    assert results[0].error == "ExtractionTimeoutError"
    assert isinstance(results[1], Article)
    assert results[1].text == "Plain text still works."


@pytest.mark.usefixtures("hanging_trafilatura")
def test_hanging_page_times_out_in_worker_processes() -> None:
    # Workers are forked (where fork exists), so they inherit the hanging extractor.
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("needs fork to carry the monkeypatch into the workers")
    results = list(Pipeline(FAST).clean_many([PAGE, "Text one.", PAGE, "Text two."], workers=2))
    assert [getattr(r, "error", None) for r in results] == [
        "ExtractionTimeoutError",
        None,
        "ExtractionTimeoutError",
        None,
    ]


def test_an_existing_alarm_is_left_alone() -> None:
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    signal.setitimer(signal.ITIMER_REAL, 60)
    try:
        with pytest.raises(Deadline), time_limit(0.05):
            _hang()
        remaining = signal.getitimer(signal.ITIMER_REAL)[0]
        assert 0 < remaining <= 60  # the program's own timer still runs
        assert fired == []
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("in_thread", [False, True])
def test_a_block_that_finishes_in_time_is_not_interrupted(in_thread: bool) -> None:
    outcome: list[str] = []

    def work() -> None:
        for _ in range(20):
            with time_limit(0.02):
                pass
        time.sleep(0.1)  # a late deadline would land here
        outcome.append("done")

    if in_thread:
        thread = threading.Thread(target=work)
        thread.start()
        thread.join()
    else:
        work()
    assert outcome == ["done"]


def test_no_limit_means_no_timer() -> None:
    with time_limit(None):
        assert signal.getitimer(signal.ITIMER_REAL)[0] == 0


def test_real_extraction_still_works_under_the_limit() -> None:
    article = clean(PAGE, config=FAST)
    assert "real article text" in article.text


def test_errors_are_cleanse_errors() -> None:
    assert issubclass(ExtractionTimeoutError, CleanseError)
    assert issubclass(InputTooLargeError, CleanseError)
    assert not issubclass(Deadline, Exception)  # library code cannot swallow it


def _hang_swallowing_once(*args: Any, **kwargs: Any) -> None:
    """Swallows the first Deadline (as a __del__ would), then keeps spinning."""
    swallowed = False
    while True:
        try:
            time.sleep(0.005)
        except Deadline:
            if swallowed:
                raise
            swallowed = True


@pytest.mark.parametrize("in_thread", [False, True])
def test_a_swallowed_deadline_fires_again(in_thread: bool) -> None:
    caught: list[BaseException] = []

    def work() -> None:
        try:
            with time_limit(0.1):
                _hang_swallowing_once()
        except Deadline as exc:
            caught.append(exc)

    if in_thread:
        thread = threading.Thread(target=work)
        thread.start()
        thread.join(timeout=20)
    else:
        work()
    assert len(caught) == 1


def test_title_detection_is_bounded_on_a_huge_first_line() -> None:
    from cleanse.steps.extract import title_from_first_line

    assert title_from_first_line("x" + "\t" * 2_000_000) is None  # returns at once
    found = title_from_first_line("A headline here\n\nThe body. It runs on.")
    assert found is not None and found[0] == "A headline here"


def test_language_is_detected_on_repaired_text() -> None:
    """NULs split the words of the raw input (it read as Catalan): the typos step must see
    the language of the text it works on, or a second pass would fix what the first left."""
    raw = (
        "SEO i\x00\x00s cha\x00ngi\x00ng in \x00\x002026, "
        "ur\x00gi\x00ng \x00co\x00n\x00t\x00en\x00t to bec\x00om"
    )
    first = clean(raw)
    assert first.language == "en"
    assert first.text == "SEO is changing in 2026, urging content to become"
    again = clean(first.text, kind="text", title=first.title or "", language=first.language)
    assert again.text == first.text and not again.edits


def test_a_flag_on_text_a_later_step_removed_is_dropped() -> None:
    text = (
        "Body paragraph with enough words to be real content here.\n\n"
        'Subscibe to our newsletter for "teh" news'
    )
    article = clean(text, kind="text", title="")
    assert article.text == "Body paragraph with enough words to be real content here."
    assert article.flags == []
    quoted = clean('He said "I recieved teh letter" on Monday in the office.', kind="text")
    assert [f.suggestion for f in quoted.flags] == ["received", "the"]
    assert all(f.end > f.start for f in quoted.flags)


def test_authors_and_sources_are_listed_once_whatever_their_case() -> None:
    body = "Protesters gathered in central Baghdad on Friday to demand the withdrawal."
    article = clean(f"By JANE DOE\n\n{body}\n\nReporting by Jane Doe; Editing by John Roe")
    assert article.authors == ["Jane Doe"]
    sourced = clean(f"{body}\n\nMore text here on the protests.\n\nSource: REUTERS\n\n(Reuters)")
    assert len({s.casefold() for s in sourced.sources}) == len(sourced.sources)


def test_clean_many_with_workers_is_as_robust_as_without() -> None:
    from cleanse import Input

    pipeline = Pipeline()
    unpicklable = Input(lambda: 1, name="odd")  # type: ignore[arg-type]
    results = list(pipeline.clean_many(["One text.", unpicklable, "Two texts."], workers=2))
    assert [type(r).__name__ for r in results] == ["Article", "Failure", "Article"]

    def stream() -> Iterator[str]:
        for i in range(40):
            yield f"Text number {i}."
        raise RuntimeError("the source broke")

    got: list[Article | Failure] = []
    with pytest.raises(RuntimeError, match="the source broke"):
        got.extend(pipeline.clean_many(stream(), workers=2, chunk_size=16))
    texts = [r.text for r in got if isinstance(r, Article)]
    assert texts == [f"Text number {i}." for i in range(40)]
    with pytest.raises(ValueError, match="chunk_size"):
        list(pipeline.clean_many(["x"], workers=2, chunk_size=0))
