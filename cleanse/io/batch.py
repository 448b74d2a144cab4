"""Run a stream of Inputs through the pipeline, in worker processes, in input order.

The batch form of ``Pipeline.clean_many`` (both run on ``cleanse.workers``): each
worker cleans a chunk of inputs and sends back the records already rendered to bytes
together with a ``Tally`` of the chunk, so the parent only reads and writes. A chunk
closes at ``chunk_size`` inputs or ``chunk_bytes`` of raw input.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial

from cleanse.config import Config
from cleanse.errors import CleanseError
from cleanse.io.summary import Tally
from cleanse.models import Article, Failure
from cleanse.pipeline import Input, Pipeline, built
from cleanse.workers import chunked as chunks_of
from cleanse.workers import map_chunks

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
    return chunks_of(items, size=size, max_weight=max_bytes, weigh=_raw_size)


def _raw_size(item: Input | Failure) -> int:
    return len(item.raw) if isinstance(item, Input) else 0


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
    one built from ``config`` already, serves a run in this process (and any chunk a
    worker could not do: ``cleanse.workers``).
    """
    for results, counted in map_chunks(
        partial(built, config),
        partial(clean_chunk, render=render),
        chunked(items, size=chunk_size, max_bytes=chunk_bytes),
        workers=workers,
        local=pipeline,
        on_started=on_started,
    ):
        tally.merge(counted)
        yield from results
