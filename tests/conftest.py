"""Shared fixtures: the five annotated reports of the corpus."""

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


REPORT_IDS = sorted(_records())
