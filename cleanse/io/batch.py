"""Run a stream of Inputs through the pipeline, in worker processes, in input order.

The batch form of ``Pipeline.clean_many``: each worker builds the pipeline once,
cleans a chunk of inputs, and sends back the records already rendered to bytes
together with a ``Tally`` of the chunk, so the parent only reads and writes.
Memory stays bounded: at most ``workers * 4`` chunks are in flight, and a chunk
closes at ``chunk_size`` inputs or ``chunk_bytes`` of raw input.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from cleanse.config import Config
from cleanse.errors import CleanseError
from cleanse.io.summary import Tally
from cleanse.models import Article, Failure
from cleanse.pipeline import Input, Pipeline

Render = Callable[[Article], bytes]
Result = bytes | Failure
ChunkResult = tuple[list[Result], Tally]


def clean_one(pipeline: Pipeline, item: Input | Failure) -> Article | Failure:
    """One input's Article, or its Failure (never raises for bad input)."""
    if isinstance(item, Failure):
        return item
    try:
        return pipeline.clean_input(item)
    except CleanseError as exc:
        return Failure(input=item.name, error=type(exc).__name__, message=str(exc))


def clean_chunk(
    pipeline: Pipeline, chunk: Iterable[Input | Failure], render: Render
) -> ChunkResult:
    """Rendered records (or Failures) of a chunk, in order, and what they counted."""
    tally = Tally()
    out: list[Result] = []
    for item in chunk:
        result = clean_one(pipeline, item)
        if isinstance(result, Failure):
            tally.failures += 1
            out.append(result)
        else:
            tally.add(result)
            out.append(render(result))
    return out, tally


def chunked(
    items: Iterable[Input | Failure], *, size: int, max_bytes: int
) -> Iterator[list[Input | Failure]]:
    """Lists of at most ``size`` items and (about) ``max_bytes`` of raw input."""
    chunk: list[Input | Failure] = []
    weight = 0
    for item in items:
        chunk.append(item)
        if isinstance(item, Input):
            weight += len(item.raw)
        if len(chunk) >= size or weight >= max_bytes:
            yield chunk
            chunk, weight = [], 0
    if chunk:
        yield chunk


def run_batch(
    config: Config,
    items: Iterable[Input | Failure],
    *,
    render: Render,
    tally: Tally,
    workers: int = 1,
    chunk_size: int = 64,
    chunk_bytes: int = 1 << 20,
    on_started: Callable[[], None] | None = None,
    pipeline: Pipeline | None = None,
) -> Iterator[Result]:
    """Rendered records and Failures in input order; ``tally`` is updated as they come.

    ``on_started`` is called once the worker processes exist (start threads, such
    as a progress display, only after that: the workers are forked). ``pipeline``,
    one built from ``config`` already, serves a run in this process.
    """
    if workers <= 1:
        pipeline = pipeline if pipeline is not None else Pipeline(config)
        if on_started is not None:
            on_started()
        for chunk in chunked(items, size=chunk_size, max_bytes=chunk_bytes):
            results, counted = clean_chunk(pipeline, chunk, render)
            tally.merge(counted)
            yield from results
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(config,)
    ) as pool:
        # Start every worker now, before the caller starts any thread.
        for ready in [pool.submit(_ready) for _ in range(workers)]:
            ready.result()
        if on_started is not None:
            on_started()
        pending: deque[Future[ChunkResult]] = deque()
        for chunk in chunked(items, size=chunk_size, max_bytes=chunk_bytes):
            pending.append(pool.submit(_clean_chunk_in_worker, chunk, render))
            if len(pending) >= workers * 4:
                results, counted = pending.popleft().result()
                tally.merge(counted)
                yield from results
        while pending:
            results, counted = pending.popleft().result()
            tally.merge(counted)
            yield from results


_WORKER: list[Pipeline] = []


def _init_worker(config: Config) -> None:
    _WORKER[:] = [Pipeline(config)]
    _ = _WORKER[0].steps  # build the steps (load their data) once, up front


def _ready() -> bool:
    return bool(_WORKER)


def _clean_chunk_in_worker(chunk: list[Input | Failure], render: Render) -> ChunkResult:
    return clean_chunk(_WORKER[0], chunk, render)
