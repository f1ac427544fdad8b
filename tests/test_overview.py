"""`lawie show` on a folder or a per-report table: one self-contained page, checked in a real browser."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from lawie.overview import read_report_rows, render_overview
from lawie.errors import InputError

from .conftest import ANNOTATIONS, CHROMIUM, render_in_chromium

RAW = ANNOTATIONS.parent / "raw"
FILES = ["000_2ababa7b4bdadb2d", "003_7fff814117d48ac1", "004_c1fce911fd59a85f", "p1-28", "p2-20", "p3-24"]


def run(*args):
    return subprocess.run([sys.executable, "-m", "lawie.cli", *args], capture_output=True, text=True)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    for rid in FILES:
        shutil.copy(RAW / f"{rid}.txt", folder / f"{rid}.txt")
    return folder


@pytest.fixture(scope="module")
def table(folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("table") / "reports.csv"
    result = run("extract", str(folder), "-o", str(out), "--per", "report", "--quiet")
    assert result.returncode == 0, result.stderr
    return out


def test_folder_page_has_a_row_per_report_and_loads_nothing(folder, tmp_path):
    page = tmp_path / "overview.html"
    result = run("show", str(folder), "-o", str(page))
    assert result.returncode == 0, result.stderr
    text = page.read_text(encoding="utf-8")
    assert text.count('<tr class="report">') == len(FILES)
    assert text.count('data-part="shortcomings"') == len(FILES)
    assert not re.search(r"(src|href)=\"https?://", text)
    assert "3 whole texts, 3 incomplete" in text


def test_table_page_equals_folder_page(folder, table, tmp_path):
    rows = read_report_rows(table)
    assert len(rows) == len(FILES)
    page = render_overview(rows, title="t")
    levels = {row["level"] for row in rows}
    assert {"town", "department"} <= levels  # 南湖 … and the 卫生健康委员会 of p1-28
    assert page.count("<circle data-density=") == len(FILES)


def test_a_table_that_is_not_per_report_is_refused(folder, tmp_path):
    quantities = tmp_path / "quantities.csv"
    assert run("extract", str(RAW / "003_7fff814117d48ac1.txt"), "-o", str(quantities), "--quiet").returncode == 0
    with pytest.raises(InputError, match="per-report"):
        read_report_rows(quantities)
    result = run("show", str(quantities), "-o", str(tmp_path / "page.html"))
    assert result.returncode == 1 and "per-report" in result.stderr


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian package `chromium`); the browser check is skipped")
def test_headless_chromium_renders_the_table_and_charts(table, tmp_path):
    rows = read_report_rows(table)
    page = tmp_path / "overview.html"
    page.write_text(render_overview(rows), encoding="utf-8")
    dom = render_in_chromium(page, tmp_path / "profile")
    found = re.search(r'data-reports="(\d+)"', dom)
    assert found, "the page's script did not run"
    assert int(found.group(1)) == len(FILES)
    levels = {row["level"] or "unknown" for row in rows}
    assert f'data-bars="{5 * len(levels)}"' in dom  # five roles for each level present
    assert f'data-dots="{len(FILES)}"' in dom
