"""Tables: one row per report for the whole corpus, written in one command and read back."""

from __future__ import annotations

import subprocess
import sys

import pytest

import lawie
from lawie.rows import REPORT_FIELDS

from .conftest import ALL_IDS, ANNOTATIONS, HELD_OUT_IDS, REPORT_IDS

RAW = ANNOTATIONS.parent / "raw"
pd = pytest.importorskip("pandas")


def run(*args):
    return subprocess.run([sys.executable, "-m", "lawie.cli", *args], capture_output=True, text=True)


TRAINED_ON = [rid for rid in ALL_IDS if rid not in HELD_OUT_IDS]


@pytest.fixture(scope="module")
def corpus_table(tmp_path_factory):
    out = tmp_path_factory.mktemp("rows") / "reports.csv"
    files = [str(RAW / f"{rid}.txt") for rid in TRAINED_ON]  # never the held-out split
    result = run("extract", *files, "-o", str(out), "--per", "report", "--quiet")
    assert result.returncode == 0, result.stderr
    return pd.read_csv(out, encoding="utf-8-sig")


def test_one_row_per_corpus_report(corpus_table):
    assert list(corpus_table.columns) == list(REPORT_FIELDS) + ["error"]
    assert len(corpus_table) == len(TRAINED_ON) == 252
    assert sorted(corpus_table.source.map(lambda s: s.rsplit("/", 1)[-1][:-4])) == TRAINED_ON
    assert corpus_table.error.isna().all()
    for row in corpus_table.itertuples():
        assert row.chars == len((RAW / row.source.rsplit("/", 1)[-1]).read_text(encoding="utf-8"))


def test_the_seeds_are_whole_and_compliant_and_the_openings_incomplete(corpus_table):
    seeds = corpus_table.source.str.contains("/00[0-4]_")
    assert set(corpus_table[seeds].text_status) == {"whole"} and corpus_table[seeds].compliant.all()
    assert set(corpus_table[~seeds].text_status) == {"incomplete"}
    assert corpus_table[~seeds].compliant.isna().all()
    assert corpus_table[~seeds].missing.isna().all()  # no part of an opening is called missing


def test_a_row_agrees_with_the_report(corpus_table):
    path = RAW / f"{REPORT_IDS[3]}.txt"
    report = lawie.extract(path.read_text(encoding="utf-8"))
    row = corpus_table[corpus_table.source.str.endswith(path.name)].iloc[0]
    assert row.org == report.meta.org and row.year == report.meta.year
    assert (row.items_achievement, row.items_problem, row.items_plan, row.items_leadership) == (
        len(report.achievements), len(report.problems), len(report.plans), len(report.leadership))
    assert row.quantities == len(lawie.to_rows(report))
    assert row.entities_COUNT == sum(e.label == "COUNT" for e in report.entities)
    assert row.density == report.specificity().density
    assert row.part_next_year == report.check().part("next_year").status


def test_parquet_table_and_error_rows(tmp_path):
    out = tmp_path / "reports.parquet"
    seeds = [str(RAW / f"{rid}.txt") for rid in REPORT_IDS[:2]]
    result = run("extract", *seeds, str(tmp_path / "nope.txt"), "-o", str(out), "--per", "report", "--quiet")
    assert result.returncode == 1  # the missing file is an error row, the others are written
    table = pd.read_parquet(out)
    assert len(table) == 3 and table.error.notna().sum() == 1
    assert list(table[table.error.isna()].text_status) == ["whole", "whole"]


def test_per_report_needs_a_table_output(tmp_path):
    result = run("extract", str(RAW / "p1-01.txt"), "-o", str(tmp_path / "out.jsonl"), "--per", "report")
    assert result.returncode == 2 and "csv" in result.stderr


def test_report_rows_from_the_api():
    report = lawie.extract((RAW / "p2-20.txt").read_text(encoding="utf-8"))
    (row,) = lawie.to_report_rows(report)
    assert set(row) == set(REPORT_FIELDS)
    assert row["text_status"] == "incomplete" and row["published"] == "2023-04-27" and row["on_time"] is False
