"""Shared fixtures: the annotated corpus — the five whole seed reports and the 103 pool openings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ANNOTATIONS = ROOT / "corpus" / "annotations"


def _records() -> dict[str, dict]:
    records = {}
    for path in sorted(ANNOTATIONS.glob("*.jsonl")):
        record = json.loads(path.read_text(encoding="utf-8"))
        records[record["id"]] = record
    return records


@pytest.fixture(scope="session")
def corpus() -> dict[str, dict]:
    """The gold records by report id."""
    return _records()


_SOURCES = {rid: record["meta"]["source"] for rid, record in _records().items()}
ALL_IDS = sorted(_SOURCES)
# The five whole reports (all parts of a report, problems and plans included).
REPORT_IDS = [rid for rid in ALL_IDS if _SOURCES[rid].startswith("seeds/")]
# The openings of 103 reports from all provinces and levels.
POOL_IDS = [rid for rid in ALL_IDS if rid not in REPORT_IDS]
