"""The scale-out recipe on Ray Data, in local mode: an archive laid out by province and year →
Parquet partitioned by the year reported on and the province, one row per item."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import lawie

from .conftest import ROOT

ray = pytest.importorskip("ray")
RAW = ROOT / "corpus" / "raw"
# corpus reports put where an archive of published reports would keep them
ARCHIVE = {
    "浙江/2025/yinzhou.txt": "p2-04.txt",  # 鄞州区 2024, published 2025
    "浙江省/2025/hutang.txt": "004_c1fce911fd59a85f.txt",  # 湖塘街道 2024
    "广东/2022/sungang.txt": "001_614e6a983ac0b113.txt",  # 笋岗街道 2021
}


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=3, include_dashboard=False, log_to_driver=False)  # two extracting actors and a CPU to read and write
    yield
    ray.shutdown()


def test_an_archive_becomes_parquet_partitioned_by_year_and_province(tmp_path, local_ray):
    import pyarrow.dataset as pads

    from lawie.distributed import extract_to_parquet

    archive = tmp_path / "archive"
    for target, source in ARCHIVE.items():
        (archive / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(RAW / source, archive / target)
    (archive / "README.md").write_text("how the archive was collected\n", encoding="utf-8")
    (archive / "广东" / "2022" / "broken.txt").write_bytes(bytes(range(256)) * 8)
    out = tmp_path / "items"
    extract_to_parquet(str(archive), str(out), concurrency=2)
    table = pads.dataset(out, format="parquet", partitioning="hive").to_table().to_pylist()
    by_report = {}
    for row in table:
        by_report.setdefault(Path(row["report"]).name, []).append(row)
    assert set(by_report) == {"yinzhou.txt", "hutang.txt", "sungang.txt", "broken.txt"}
    assert {(r["year"], r["province"]) for r in by_report["yinzhou.txt"]} == {(2024, "浙江")}
    assert {(r["year"], r["province"]) for r in by_report["hutang.txt"]} == {(2024, "浙江")}
    assert {(r["year"], r["province"]) for r in by_report["sungang.txt"]} == {(2021, "广东")}
    assert "binary" in by_report["broken.txt"][0]["error"]
    from urllib.parse import unquote

    partitions = {tuple(map(unquote, p.relative_to(out).parts[:2])) for p in out.rglob("*.parquet")}  # hive escapes names
    assert ("year=2024", "province=浙江") in partitions and ("year=2021", "province=广东") in partitions
    direct = lawie.to_rows(lawie.extract(lawie.read_file(RAW / "001_614e6a983ac0b113.txt")), table="items")
    got = sorted(by_report["sungang.txt"], key=lambda r: r["start"])
    assert [(r["role"], r["start"], r["end"], r["text"], r["n_count"]) for r in got] == [
        (r["role"], r["start"], r["end"], r["text"], r["n_count"]) for r in direct
    ]


def test_the_province_comes_from_the_folder_or_the_body():
    from lawie.distributed import province_of

    assert province_of("archive/黑龙江省/2023/report.pdf") == "黑龙江"
    assert province_of("downloads/2023/report.pdf", "浙江省司法厅") == "浙江"
    assert province_of("downloads/2023/report.pdf", "鄞州区") is None
