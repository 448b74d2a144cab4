"""cleanse.workers: chunks in worker processes, results in input order, nothing lost."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator

import pytest

from cleanse.config import Config
from cleanse.io.batch import run_batch
from cleanse.io.summary import Tally
from cleanse.models import Article, Failure
from cleanse.pipeline import Input
from cleanse.workers import chunked, map_chunks

PARENT = os.getpid()
needs_fork = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="workers inherit PARENT"
)


def _state() -> str:
    return "built"


def _failing_state_in_workers() -> str:
    if os.getpid() != PARENT:
        raise OSError("no memory for a worker")
    return "built here"


def _double(state: str, chunk: list[int]) -> list[tuple[str, int]]:
    return [(state, 2 * n) for n in chunk]


def _dies_in_workers_on_13(state: str, chunk: list[int]) -> list[tuple[str, int]]:
    if 13 in chunk and os.getpid() != PARENT:
        os._exit(9)  # the OS kills a worker mid-chunk
    return _double(state, chunk)


def _text(article: Article) -> bytes:
    return article.text.encode()


def _values(results: Iterator[list[tuple[str, int]]]) -> list[int]:
    return [n for chunk in results for _, n in chunk]


def test_chunked_closes_at_size_or_weight() -> None:
    assert [len(c) for c in chunked(range(10), size=4)] == [4, 4, 2]
    assert [len(c) for c in chunked(range(10), size=9, max_weight=5, weigh=lambda n: n)] == [
        4,  # 0+1+2+3 = 6
        2,  # 4+5
        1,
        1,
        1,
        1,
    ]
    with pytest.raises(ValueError, match="chunk_size"):
        list(chunked(range(3), size=0))


def test_chunked_gives_what_it_read_before_the_stream_broke() -> None:
    def stream() -> Iterator[int]:
        yield from range(5)
        raise RuntimeError("disk gone")

    got: list[list[int]] = []
    with pytest.raises(RuntimeError, match="disk gone"):
        got.extend(chunked(stream(), size=3))
    assert got == [[0, 1, 2], [3, 4]]


@pytest.mark.parametrize("workers", [1, 3])
def test_results_come_in_input_order(workers: int) -> None:
    chunks = chunked(range(200), size=7)
    assert _values(map_chunks(_state, _double, chunks, workers=workers)) == [
        2 * n for n in range(200)
    ]


@needs_fork
def test_a_killed_worker_loses_no_result() -> None:
    results = list(
        map_chunks(_state, _dies_in_workers_on_13, chunked(range(60), size=4), workers=2)
    )
    assert _values(iter(results)) == [2 * n for n in range(60)]


@needs_fork
def test_workers_that_cannot_start_leave_the_work_to_this_process() -> None:
    results = list(
        map_chunks(_failing_state_in_workers, _double, chunked(range(10), size=3), workers=2)
    )
    assert {state for chunk in results for state, _ in chunk} == {"built here"}
    assert _values(iter(results)) == [2 * n for n in range(10)]


def test_a_local_state_serves_this_process() -> None:
    results = map_chunks(_failing_state_in_workers, _double, [[1]], local="given")
    assert list(results) == [[("given", 2)]]


@needs_fork
def test_the_batch_runner_survives_a_killed_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    from cleanse.io import batch

    real = batch.clean_one

    def dies_on_poison(pipeline: object, item: Input | Failure) -> Article | Failure:
        if isinstance(item, Input) and item.name == "poison" and os.getpid() != PARENT:
            os._exit(9)
        return real(pipeline, item)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "clean_one", dies_on_poison)
    items: list[Input | Failure] = [Input(f"Text {i}.", name=str(i)) for i in range(20)]
    items[7] = Input("The poison text.", name="poison")
    tally = Tally()
    results = list(run_batch(Config(), items, render=_text, tally=tally, workers=2, chunk_size=2))
    assert len(results) == 20 and results[7] == b"The poison text."
    assert tally.documents == 20
