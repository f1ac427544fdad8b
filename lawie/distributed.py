"""lawie on Ray Data, for archives too large for one machine: read files → extract → write
Parquet partitioned by year and province, on a Ray cluster or, for a test, on this machine.

    import lawie.distributed as ld
    ld.extract_to_parquet("s3://bucket/archive/", "s3://bucket/lawie/items/")   # ray.init() first

Ray schedules the work; lawie adds only what runs on each worker: an actor per worker loads the
model once (`ExtractBatch`), and each file becomes the rows of the item or quantity table, with
the same error rows as the CLI (one broken file is a row with its error; the run goes on). Needs
the `ray` extra (`pip install 'lawie[ray]'`).
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from pathlib import PurePath
from typing import Any, Callable, Iterable

from .batch import NOT_REPORT_SUFFIXES, REPORT_SUFFIXES, process_bytes
from .errors import MissingExtraError
from .rows import record_rows, table_types

__all__ = ["PROVINCES", "province_of", "ExtractBatch", "read_reports", "extract_dataset", "extract_to_parquet"]


@functools.lru_cache(maxsize=1)
def _provinces() -> tuple[str, ...]:
    data = json.loads(resources.files("lawie").joinpath("rules").joinpath("provinces.json").read_text(encoding="utf-8"))
    return tuple(sorted(data["provinces"], key=len, reverse=True))  # 黑龙江 before 黑


PROVINCES = _provinces()


def province_of(path: str, org: str | None = None) -> str | None:
    """The province of a report: the first folder of its path named after one (`archive/浙江/2024/…`),
    else the start of its reporting body's name (`浙江省司法厅`), else None."""
    for part in PurePath(path).parts[:-1]:
        for name in _provinces():
            if part.startswith(name):
                return name
    for name in _provinces():
        if org and org.startswith(name):
            return name
    return None


def _ray():
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as error:
        raise MissingExtraError("work on Ray Data", "ray", missing=error.name) from error
    return ray


class ExtractBatch:
    """The function Ray maps over batches of files: `{"bytes", "path"}` → table rows (pyarrow).

    One instance per Ray actor, so the model is loaded once per worker, not once per batch.
    """

    def __init__(self, model: str | None = None, table: str = "items", province: Callable[[str, str | None], str | None] = province_of) -> None:
        from .extractor import Extractor

        self.extractor = Extractor(model)
        self.table = table
        self.province = province
        self.types = table_types(table) | {"province": "string"}

    def rows(self, data: bytes, path: str) -> list[dict[str, Any]]:
        record = process_bytes(self.extractor, bytes(data), {"path": path})
        org = (record.get("meta") or {}).get("org")
        return [row | {"province": self.province(path, org)} for row in record_rows(record, table=self.table)]

    def __call__(self, batch: dict[str, Any]):
        import pyarrow as pa

        rows = [row for data, path in zip(batch["bytes"], batch["path"]) for row in self.rows(data, str(path))]
        schema = pa.schema([(name, getattr(pa, kind)()) for name, kind in self.types.items()])
        return pa.Table.from_pylist(rows, schema=schema)


def read_reports(paths: str | Iterable[str], **read_args):
    """A Ray Dataset of the report files under ``paths`` (folders, files, cloud URIs), as
    `{"bytes", "path"}`; files that are not reports by their extension are left out."""
    ray = _ray()
    suffixes = sorted(s.lstrip(".") for s in REPORT_SUFFIXES)
    paths = [paths] if isinstance(paths, str) else list(paths)
    dataset = ray.data.read_binary_files(paths, include_paths=True, file_extensions=suffixes, **read_args)
    return dataset.filter(_is_report_path)


def _is_report_path(row: dict) -> bool:
    return PurePath(row["path"]).suffix.lower() not in NOT_REPORT_SUFFIXES


def extract_dataset(dataset, *, model: str | None = None, table: str = "items", province=province_of, concurrency: int = 1, batch_size: int = 16):
    """The rows (``table``: "items" or "quantities", with `province`) of a Dataset of files.

    ``concurrency``: extracting actors, one CPU each; leave Ray a CPU beside them for reading
    and writing (on a cluster, the CPUs of the cluster less one per node).
    """
    ray = _ray()
    return dataset.map_batches(
        ExtractBatch,
        fn_constructor_kwargs={"model": model, "table": table, "province": province},
        batch_size=batch_size,
        batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=concurrency),
    )


def extract_to_parquet(
    paths: str | Iterable[str],
    out: str,
    *,
    model: str | None = None,
    table: str = "items",
    province=province_of,
    concurrency: int = 1,
) -> None:
    """Reads the reports under ``paths``, extracts them and writes the table as Parquet under
    ``out``, partitioned by year and province (`out/year=2024/province=浙江/….parquet`)."""
    rows = extract_dataset(read_reports(paths), model=model, table=table, province=province, concurrency=concurrency)
    rows.write_parquet(out, partition_cols=["year", "province"])
