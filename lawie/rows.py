"""Flattening reports into rows: one row per quantity, ready for a spreadsheet or DataFrame.

Rows come from the items of the role lists of the output contract (achievements, problems,
plans, rectifications, leadership); items of role `other` (preamble, transitions) are not part
of the contract's output and give no rows. The API and the CLI share this code.
"""

from __future__ import annotations

from typing import Iterable

from .report import ROLE_KEYS, Report

__all__ = ["ROW_FIELDS", "to_rows", "rows_from_record"]

ROW_FIELDS = (
    "report", "org", "year", "role", "heading", "measure", "value", "unit", "kind", "approx", "bound",
    "text", "start", "end", "item_start", "item_end",
)


def rows_from_record(record: dict, name: str | None) -> list[dict]:
    """The rows of one report's output dict (`Report.to_dict()`, as the CLI writes it)."""
    rows = []
    for key in ROLE_KEYS.values():
        for item in record.get(key, []):
            for quantity in item["quantities"]:
                rows.append(
                    {
                        "report": name,
                        "org": record["meta"]["org"],
                        "year": record["meta"]["year"],
                        "role": item["role"],
                        "heading": " > ".join(item["heading"]),
                        "measure": quantity["measure"],
                        "value": quantity["value"],
                        "unit": quantity["unit"],
                        "kind": quantity["kind"],
                        "approx": quantity["approx"],
                        "bound": quantity["bound"],
                        "text": quantity["text"],
                        "start": quantity["start"],
                        "end": quantity["end"],
                        "item_start": item["start"],
                        "item_end": item["end"],
                    }
                )
    rows.sort(key=lambda row: row["start"])
    return rows


def to_rows(reports: Report | Iterable[Report]) -> list[dict]:
    """One row per quantity: report, role, heading, measure, value, unit, approx, text, offsets.

    A report is named by its source path when it has one, else by its reporting body and its
    position in the input (`南湖街道办事处 #1`), so that two reports of one body stay apart.
    """
    if isinstance(reports, Report):
        reports = [reports]
    rows = []
    for number, report in enumerate(reports, 1):
        name = (report.source or {}).get("path") or f"{report.meta.org or 'report'} #{number}"
        rows.extend(rows_from_record(report.to_dict(), name))
    return rows
