"""`lawie show`: the page is self-contained, and a real browser renders its entities."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

import lawie
from lawie.show import render_html

from .conftest import ANNOTATIONS, CHROMIUM, render_in_chromium

REPORT = ANNOTATIONS.parent / "raw" / "000_2ababa7b4bdadb2d.txt"


def test_page_lists_entities_roles_and_quantities():
    report = lawie.extract(REPORT.read_text(encoding="utf-8"))
    page = render_html(report)
    in_items = sum(len(item.entities) for item in report.items)
    assert page.count("<mark data-label=") == in_items > 0
    assert page.count('<div class="item"') == len(report.items)
    assert "98.6%" in page and "办结率" in page
    assert not re.search(r"(src|href)=\"https?://", page)  # nothing loaded from outside


def test_show_command_writes_the_page(tmp_path):
    out = tmp_path / "page.html"
    result = subprocess.run([sys.executable, "-m", "lawie.cli", "show", str(REPORT), "-o", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian package `chromium`); the browser check is skipped")
def test_headless_chromium_renders_the_entities(tmp_path):
    report = lawie.extract(REPORT.read_text(encoding="utf-8"))
    page = tmp_path / "page.html"
    page.write_text(render_html(report), encoding="utf-8")
    dom = render_in_chromium(page, tmp_path / "profile")
    found = re.search(r'data-entities="(\d+)"', dom)
    assert found, "the page's script did not run"
    assert int(found.group(1)) == sum(len(item.entities) for item in report.items) > 0
    assert f'data-items="{len(report.items)}"' in dom
