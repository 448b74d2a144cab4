"""Run chunks of a stream through worker processes and give the results in input order.

``Pipeline.clean_many`` (the API) and ``io.batch.run_batch`` (the CLI) both go through
``map_chunks``, so both keep the same promises:

- each worker builds its state (a pipeline) once, before the first chunk;
- memory stays bounded: at most ``workers * 4`` chunks are in flight;
- a chunk that cannot reach a worker or come back (an input that does not pickle, a
  worker killed by the OS, a pool that broke) is done in this process instead, so no
  result is lost and the run goes on;
- if the stream itself raises, the results of everything before are given first.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

Item = TypeVar("Item")
State = TypeVar("State")
Chunk = TypeVar("Chunk")
Result = TypeVar("Result")


def chunked(
    items: Iterable[Item],
    *,
    size: int,
    max_weight: int | None = None,
    weigh: Callable[[Item], int] | None = None,
) -> Iterator[list[Item]]:
    """Lists of at most ``size`` items and (about) ``max_weight`` by ``weigh``.

    If ``items`` raises, the items read before are yielded as a last chunk first.
    """
    if size < 1:
        raise ValueError(f"chunk_size must be at least 1, not {size}")
    chunk: list[Item] = []
    weight = 0
    iterator = iter(items)
    while True:
        try:
            item = next(iterator)
        except StopIteration:
            break
        except Exception:
            if chunk:
                yield chunk
            raise
        chunk.append(item)
        if weigh is not None:
            weight += weigh(item)
        if len(chunk) >= size or (max_weight is not None and weight >= max_weight):
            yield chunk
            chunk, weight = [], 0
    if chunk:
        yield chunk


def map_chunks(
    build: Callable[[], State],
    work: Callable[[State, Chunk], Result],
    chunks: Iterable[Chunk],
    *,
    workers: int = 1,
    local: State | None = None,
    on_started: Callable[[], None] | None = None,
) -> Iterator[Result]:
    """``work(state, chunk)`` for each chunk, in order; ``state = build()`` once per process.

    ``build`` and ``work`` must pickle (module-level functions, ``functools.partial``)
    when the platform has no fork. ``local`` is a state already built in this process
    (built on first need otherwise). ``on_started`` is called once the worker processes
    exist: start threads, such as a progress display, only after it (workers are forked).
    """
    states: list[State] = [local] if local is not None else []

    def state() -> State:  # this process's state, built once, on first need
        if not states:
            states.append(build())
        return states[0]

    if workers <= 1:
        state()  # built before on_started, as the workers' are
        if on_started is not None:
            on_started()
        yield from (work(state(), chunk) for chunk in chunks)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start, initargs=(build,)
    ) as pool:
        # Start every worker now, before the caller starts any thread.
        try:
            for ready in [pool.submit(_ready) for _ in range(workers)]:
                ready.result()
        except Exception:  # no worker could start: every chunk below is done here
            pass
        if on_started is not None:
            on_started()
        pending: deque[tuple[Chunk, Future[Result] | None]] = deque()

        def settle() -> Result:
            chunk, future = pending.popleft()
            if future is not None:
                try:
                    return future.result()
                except Exception:  # any transport failure: do the chunk here instead
                    pass
            return work(state(), chunk)

        iterator = iter(chunks)
        while True:
            try:
                chunk = next(iterator)
            except StopIteration:
                break
            except Exception:
                while pending:
                    yield settle()
                raise
            future: Future[Result] | None
            try:
                future = pool.submit(_work, work, chunk)
            except RuntimeError:  # the pool is broken (BrokenProcessPool) or shut down
                future = None
            pending.append((chunk, future))
            if len(pending) >= workers * 4:
                yield settle()
        while pending:
            yield settle()


_STATE: list[Any] = []


def _start(build: Callable[[], object]) -> None:
    _STATE[:] = [build()]


def _ready() -> bool:
    return bool(_STATE)


def _work(work: Callable[[Any, Chunk], Result], chunk: Chunk) -> Result:
    return work(_STATE[0], chunk)
