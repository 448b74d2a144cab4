"""``cleanse.integrations.dask``: per-partition functions and ``cleanse clean --dask``."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

pytest.importorskip("dask")
pytest.importorskip("distributed")

import dask
import dask.bag as db

from cleanse import Config, Pipeline
from cleanse.integrations.dask import clean_partition
from tests.test_cli_clean import DATA, cleanse, records

TEXTS = [
    "Harbour Council Votes\n\nThe council  voted on Tuesday . Work starts soon.",
    "Plain   sentence with spaces .",
    "",
]


def test_bag_partitions_match_the_pipeline() -> None:
    inputs = [{"id": f"r{i}", "text": t} for i, t in enumerate(TEXTS)] + [{"id": "x"}]
    bag = db.from_sequence(inputs, npartitions=2)
    with dask.config.set(scheduler="sync"):
        got = bag.map_partitions(clean_partition, config=Config()).compute()
    pipeline = Pipeline(Config())
    expected = [orjson.loads(pipeline.clean(t, id=f"r{i}").to_json()) for i, t in enumerate(TEXTS)]
    assert got[:3] == expected
    assert got[3]["error"] == "InputFormatError" and "schema_version" not in got[3]


def test_dataframe_partition_adds_record_columns() -> None:
    pd = pytest.importorskip("pandas")
    from cleanse.integrations.dask import clean_frame, frame_meta

    frame = pd.DataFrame({"id": ["a", "b"], "text": ["One  two .", "Three   four ."]})
    direct = clean_frame(frame)
    assert list(direct["cleanse_text"]) == ["One two.", "Three four."]
    assert list(direct.columns) == list(frame_meta(frame.iloc[:0]).columns)
    dd = pytest.importorskip("dask.dataframe")  # needs pyarrow too
    ddf = dd.from_pandas(frame, npartitions=2)
    with dask.config.set(scheduler="sync"):
        out = ddf.map_partitions(clean_frame, meta=frame_meta(ddf._meta)).compute()
    assert list(out["cleanse_text"]) == ["One two.", "Three four."]
    assert list(out["cleanse_id"]) == ["a", "b"]
    assert out["cleanse_error"].isna().all()


@pytest.mark.slow
def test_cli_on_a_local_cluster_writes_the_same_records_as_one_process(tmp_path: Path) -> None:
    lines = [orjson.dumps({"id": f"r{i}", "text": f"Item   {i} .  Ok."}) for i in range(50)]
    (tmp_path / "in.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    inputs = [tmp_path / "in.jsonl", DATA / "records.jsonl", DATA / "pages"]
    single = cleanse("clean", *inputs, "-q")
    shards = tmp_path / "shards"
    errors = tmp_path / "errors.jsonl"
    cluster = cleanse(
        "clean", *inputs, "--dask", "local", "--workers", "2", "--shard-size", "7",
        "-o", shards, "--errors", errors, "-q",
    )  # fmt: skip
    assert single.returncode == cluster.returncode == 1, cluster.stderr  # one bad record
    parts = sorted(shards.glob("part-*.jsonl"))
    assert len(parts) == 9  # 50 + 3 + 4 inputs in shards of 7
    assert b"".join(p.read_bytes() for p in parts) == single.stdout
    assert [f["input"] for f in records(errors.read_bytes())] == [f"{DATA / 'records.jsonl'}:3"]


def test_frame_rows_keep_integer_ids_and_failures_name_the_row_label() -> None:
    pd = pytest.importorskip("pandas")
    from cleanse.integrations.dask import clean_frame

    frame = pd.DataFrame(
        {
            "id": pd.Series([7, None], dtype=object, index=[3, 4]),
            "text": ["Hello there, a text.", None],
        },
        index=[3, 4],
    )
    out = clean_frame(frame)
    assert out.loc[3, "cleanse_id"] == "7"
    assert out.loc[4, "cleanse_error"].startswith("<row 4>:")
    # a missing id makes pandas store the column as floats: 1.0 is still the id "1"
    floats = pd.DataFrame({"id": [1, None, 3], "text": ["One text.", "Two texts.", "Three."]})
    assert floats["id"].dtype.kind == "f"
    ids = list(clean_frame(floats)["cleanse_id"])
    assert ids[0] == "1" and ids[2] == "3" and ids[1] not in ("nan", "1", "3")


def test_frame_bytes_in_the_input_column_are_decoded() -> None:
    pd = pytest.importorskip("pandas")
    from cleanse.integrations.dask import clean_frame

    frame = pd.DataFrame({"text": [b"Caf\xc3\xa9  au lait .", "Plain  str ."]})
    out = clean_frame(frame)
    assert list(out["cleanse_text"]) == ["Café au lait.", "Plain str."]
    assert out["cleanse_error"].isna().all()
