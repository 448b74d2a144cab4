"""Run cleanse on a Dask cluster: per-partition functions and the ``--dask`` batch.

For your own graphs::

    import dask.bag as db
    from cleanse.integrations.dask import clean_partition
    records = db.read_text("dump-*.jsonl").map(orjson.loads)
    cleaned = records.map_partitions(clean_partition, config=cleanse.Config())

``clean_partition`` takes any iterable of records (dicts with ``text`` or
``html``, ``Input``, str, bytes) and returns one dict per record: the Article
as JSON-ready data, or for an input that failed, ``{"input", "error",
"message"}`` (tell them apart by the ``"error"`` key). For ``dask.dataframe``,
``clean_frame`` maps a pandas partition to one with the record columns added.

``clean_to_shards`` is what ``cleanse clean --dask`` runs: the client reads the
inputs (streaming), sends partitions of ``shard_size`` inputs (at most 8 MB) to the cluster,
and writes each partition's records to ``part-NNNNN.jsonl`` in the output folder;
a partition's shard keeps input order, and shards are numbered in input order.
Once all are written, shards of an earlier run beyond them are removed, so the
folder holds this run's shards only (other files in it are left alone).
Every worker process builds the pipeline once per config.
"""

from __future__ import annotations

import importlib
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson

from cleanse.config import Config
from cleanse.errors import CleanseError
from cleanse.io.atomic import atomic_writer
from cleanse.io.batch import ChunkResult, chunked, clean_chunk, clean_one
from cleanse.io.summary import Tally
from cleanse.io.writers import render_json
from cleanse.models import Article, Failure
from cleanse.pipeline import Input, Kind, Pipeline, as_input

# pandas and dask stay optional (the ``dask`` extra) and untyped here.
DataFrame = Any

SHARD_NAME = "part-{:05d}.jsonl"
_SHARD_NUMBER = re.compile(r"part-([0-9]+)\.jsonl")
_PIPELINES: dict[str, Pipeline] = {}


def pipeline_for(config: Config | None) -> Pipeline:
    """This process's pipeline for ``config``, built once (configs arrive pickled)."""
    config = config if config is not None else Config()
    key = config.model_dump_json()
    pipeline = _PIPELINES.get(key)
    if pipeline is None:
        if len(_PIPELINES) >= 4:
            _PIPELINES.clear()
        pipeline = _PIPELINES[key] = Pipeline(config)
    return pipeline


def _as_dict(result: Article | Failure) -> dict[str, Any]:
    data: dict[str, Any] = orjson.loads(result.to_json())
    return data


def clean_partition(records: Iterable[Any], config: Config | None = None) -> list[dict[str, Any]]:
    """One dict per record, in order: the Article's JSON data, or the Failure's."""
    pipeline = pipeline_for(config)
    return [
        _as_dict(clean_one(pipeline, as_input(record, index)))
        for index, record in enumerate(records)
    ]


RECORD_COLUMNS = ("id", "title", "text", "authors", "published", "language", "site", "sources")


def clean_frame(
    frame: DataFrame,
    *,
    config: Config | None = None,
    text_column: str = "text",
    html_column: str = "html",
    prefix: str = "cleanse_",
    columns: Iterable[str] = RECORD_COLUMNS,
) -> DataFrame:
    """A pandas partition with the record fields added as ``prefix + field`` columns.

    Each row's input is ``html_column`` when that is a non-empty string, else
    ``text_column`` (bytes in either, an undecoded page, go through the decode step);
    ``url``/``id``/``title``/``language`` columns are passed on when present.
    Rows that fail get empty record fields and the reason in ``prefix + "error"``.
    For ``dask.dataframe``: ``ddf.map_partitions(clean_frame, meta=frame_meta(ddf._meta))``.
    """
    pipeline = pipeline_for(config)
    columns = tuple(columns)
    out: dict[str, list[Any]] = {f"{prefix}{c}": [] for c in (*columns, "error")}
    for label, row in zip(frame.index, frame.to_dict(orient="records"), strict=True):
        # Missing cells are NaN or None: only strings count, and an integer id (a row
        # number of the dump) is its digits, also when a missing one made pandas store
        # the column as floats (1.0 is "1").
        record = {k: _id_text(v) if k == "id" else v for k, v in row.items()}
        raw_cells = {k: v for k, v in record.items() if isinstance(v, bytes) and v}
        record = {k: v for k, v in record.items() if isinstance(v, str)}
        fields: dict[str, Any] = {}
        if record.get(html_column):
            fields["html"] = record[html_column]
        elif text_column in record:
            fields["text"] = record[text_column]
        fields.update({k: record[k] for k in ("url", "id", "title", "language") if k in record})
        name = fields.get("id") or f"<row {label}>"  # the frame's index, not the position
        item: Input | Failure
        try:
            item = Input.from_record(fields, name=name)
        except CleanseError as exc:
            # Bytes in the input column (undecoded pages): the decode step reads them.
            column = next((c for c in (html_column, text_column) if c in raw_cells), None)
            if column is None:
                item = Failure(input=name, error=type(exc).__name__, message=str(exc))
            else:
                kind: Kind = "html" if column == html_column else "auto"
                item = Input(
                    raw_cells[column],
                    name=name,
                    kind=kind,
                    url=fields.get("url"),
                    id=fields.get("id"),
                    title=fields.get("title"),
                    language=fields.get("language"),
                )
        data = _as_dict(clean_one(pipeline, item))
        failed = "error" in data and "schema_version" not in data
        for column in columns:
            out[f"{prefix}{column}"].append(None if failed else data.get(column))
        out[f"{prefix}error"].append(data["message"] if failed else None)
    result = frame.copy()
    for name, values in out.items():
        result[name] = values
    return result


def frame_meta(
    meta: DataFrame, *, prefix: str = "cleanse_", columns: Iterable[str] = RECORD_COLUMNS
) -> DataFrame:
    """The empty frame describing ``clean_frame``'s output (dask's ``meta=``)."""
    result = meta.copy()
    for column in (*columns, "error"):
        result[f"{prefix}{column}"] = result.index.map(lambda _: None).astype(object)
    return result


def _clean_partition_rendered(items: list[Input | Failure], config: Config) -> ChunkResult:
    return clean_chunk(pipeline_for(config), items, render_json)


def clean_to_shards(
    address: str,
    items: Iterable[Input | Failure],
    folder: Path,
    *,
    config: Config,
    workers: int = 2,
    shard_size: int = 1000,
    shard_bytes: int = 8 << 20,
    tally: Tally,
    on_started: Callable[[], None] | None = None,
    on_update: Callable[[], None] | None = None,
) -> Iterator[Failure]:
    """Clean ``items`` on the cluster at ``address`` (or ``"local"``) into JSONL shards.

    Yields the Failures (the caller reports them); ``tally`` counts everything.
    At most ``2 * cluster workers`` partitions are in flight, so memory is bounded.
    """
    distributed: Any = importlib.import_module("dask.distributed")

    folder.mkdir(parents=True, exist_ok=True)
    cluster: Any = None
    if address == "local":
        cluster = distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        client = distributed.Client(cluster)
    else:
        client = distributed.Client(address)
    try:
        if on_started is not None:
            on_started()
        if cluster is not None:
            client.wait_for_workers(workers, timeout=120)
        window = max(2, 2 * len(client.scheduler_info().get("workers", {})))
        config_future = client.scatter(config, broadcast=True)
        running = distributed.as_completed()
        shard_of: dict[Any, int] = {}
        shards = 0

        def finish(future: Any) -> Iterator[Failure]:
            result: ChunkResult = future.result()
            index = shard_of.pop(future.key)
            future.release()
            yield from _write_shard(folder / SHARD_NAME.format(index), result, tally)

        for index, part in enumerate(chunked(items, size=shard_size, max_bytes=shard_bytes)):
            future = client.submit(_clean_partition_rendered, part, config_future, pure=False)
            shard_of[future.key] = index
            shards = index + 1
            running.add(future)
            while running.count() >= window:
                yield from finish(next(running))
                if on_update is not None:
                    on_update()
        for future in running:
            yield from finish(future)
            if on_update is not None:
                on_update()
        remove_stale_shards(folder, keep=shards)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _id_text(value: Any) -> Any:
    """An id cell as a string when it is a whole number; other values unchanged."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value


def remove_stale_shards(folder: Path, *, keep: int) -> None:
    """Delete the shards numbered ``keep`` and up, left by an earlier, longer run.

    Called only once this run's shards are all written (a run that stops early
    removes nothing); only files named exactly as ``SHARD_NAME`` names them go.
    """
    for path in folder.iterdir():
        match = _SHARD_NUMBER.fullmatch(path.name)
        if match is None or not path.is_file():
            continue
        number = int(match[1])
        if number >= keep and path.name == SHARD_NAME.format(number):
            path.unlink(missing_ok=True)


def _write_shard(path: Path, result: ChunkResult, tally: Tally) -> Iterator[Failure]:
    results, counted = result
    tally.merge(counted)
    failures: list[Failure] = []
    with atomic_writer(path) as stream:
        for item in results:
            if isinstance(item, Failure):
                failures.append(item)
            else:
                stream.write(item + b"\n")
    yield from failures
