"""Flattening reports into rows: one row per quantity, ready for a spreadsheet or DataFrame."""

from __future__ import annotations

from typing import Iterable

from .report import Report

__all__ = ["ROW_FIELDS", "to_rows"]

ROW_FIELDS = (
    "report", "org", "year", "role", "heading", "measure", "value", "unit", "kind", "approx", "bound",
    "text", "start", "end", "item_start", "item_end",
)


def to_rows(reports: Report | Iterable[Report]) -> list[dict]:
    """One row per quantity: report, role, heading, measure, value, unit, approx, text, offsets."""
    if isinstance(reports, Report):
        reports = [reports]
    rows = []
    for number, report in enumerate(reports):
        name = (report.source or {}).get("path") or report.meta.org or f"report {number + 1}"
        for item, quantity in report.quantities:
            rows.append(
                {
                    "report": name,
                    "org": report.meta.org,
                    "year": report.meta.year,
                    "role": item.role,
                    "heading": " > ".join(item.heading),
                    "measure": quantity.measure,
                    "value": quantity.value,
                    "unit": quantity.unit,
                    "kind": quantity.kind,
                    "approx": quantity.approx,
                    "bound": quantity.bound,
                    "text": quantity.text,
                    "start": quantity.start,
                    "end": quantity.end,
                    "item_start": item.start,
                    "item_end": item.end,
                }
            )
    return rows
