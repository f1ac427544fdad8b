"""Flattening reports into tables for a spreadsheet or DataFrame: one row per quantity, or one
row per item.

Rows come from the items of the role lists of the output contract (achievements, problems,
plans, rectifications, leadership); items of role `other` (preamble, transitions) are not part
of the contract's output and give no rows. Every report gives at least one row, so none vanishes
from a table: a report without quantities (or items) gives one row with only its name and meta,
an error record one row with its error. The API and the CLI share this code.
"""

from __future__ import annotations

from typing import Iterable

from .report import LABELS, ROLE_KEYS, Report

__all__ = ["ROW_FIELDS", "ITEM_FIELDS", "to_rows", "rows_from_record", "item_rows_from_record", "record_rows", "table_fields", "table_types"]

ROW_FIELDS = (
    "report", "org", "year", "role", "heading", "measure", "value", "unit", "kind", "approx", "bound",
    "text", "start", "end", "item_start", "item_end",
)
# one row per item: where it is, what it says, and how many entities of each label it holds
ITEM_FIELDS = ("report", "org", "year", "role", "heading", "text", "start", "end", "score", "n_quantities") + tuple(
    f"n_{label.lower()}" for label in LABELS
)
_TYPES = {
    "report": "string", "org": "string", "year": "int64", "role": "string", "heading": "string",
    "measure": "string", "value": "float64", "unit": "string", "kind": "string", "approx": "bool_",
    "bound": "string", "text": "string", "start": "int64", "end": "int64", "item_start": "int64",
    "item_end": "int64", "score": "float64", "error": "string",
}


def _items(record: dict) -> list[dict]:
    items = [item for key in ROLE_KEYS.values() for item in record.get(key, [])]
    items.sort(key=lambda item: item["start"])
    return items


def _base(record: dict, name: str | None) -> dict:
    meta = record.get("meta") or {}
    return {"report": name, "org": meta.get("org"), "year": meta.get("year")}


def rows_from_record(record: dict, name: str | None) -> list[dict]:
    """The quantity rows of one report's output dict (`Report.to_dict()`, as the CLI writes it)."""
    base = _base(record, name)
    rows = []
    for item in _items(record):
        for quantity in item["quantities"]:
            rows.append(
                base
                | {
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
    return rows or [{field: None for field in ROW_FIELDS} | base]


def item_rows_from_record(record: dict, name: str | None) -> list[dict]:
    """The item rows of one report's output dict: one per item of the contract's role lists."""
    base = _base(record, name)
    rows = []
    for item in _items(record):
        labels = [entity["label"] for entity in item["entities"]]
        rows.append(
            base
            | {
                "role": item["role"],
                "heading": " > ".join(item["heading"]),
                "text": item["text"],
                "start": item["start"],
                "end": item["end"],
                "score": item["score"],
                "n_quantities": len(item["quantities"]),
            }
            | {f"n_{label.lower()}": labels.count(label) for label in LABELS}
        )
    return rows or [{field: None for field in ITEM_FIELDS} | base]


def table_fields(table: str) -> list[str]:
    """The columns of a table ("quantities" or "items") as the CLI writes it: with `error`."""
    return list(ROW_FIELDS if table == "quantities" else ITEM_FIELDS) + ["error"]


def table_types(table: str) -> dict[str, str]:
    """The columns of a table with their pyarrow type names (for Parquet)."""
    return {field: _TYPES.get(field, "int64") for field in table_fields(table)}  # n_*: counts


def record_rows(record: dict, *, table: str = "quantities") -> list[dict]:
    """The rows of one CLI record (a report with its `source`, or an error record), with `error`."""
    name = (record.get("source") or {}).get("path")
    fields = table_fields(table)
    if "error" in record:
        return [{field: None for field in fields} | {"report": name, "error": record["error"]}]
    build = rows_from_record if table == "quantities" else item_rows_from_record
    return [row | {"error": None} for row in build(record, name)]


def to_rows(reports: Report | Iterable[Report], *, table: str = "quantities") -> list[dict]:
    """The rows of the reports: ``table="quantities"`` one per quantity (report, role, heading,
    measure, value, unit, approx, text, offsets), ``table="items"`` one per item (report, role,
    heading, text, offsets, score, counts of quantities and of entities per label).

    A report is named by its source path when it has one, else by its reporting body and its
    position in the input (`南湖街道办事处 #1`), so that two reports of one body stay apart.
    """
    if table not in ("quantities", "items"):
        raise ValueError(f"unknown table {table!r}; use 'quantities' or 'items'")
    if isinstance(reports, Report):
        reports = [reports]
    build = rows_from_record if table == "quantities" else item_rows_from_record
    rows = []
    for number, report in enumerate(reports, 1):
        name = (report.source or {}).get("path") or f"{report.meta.org or 'report'} #{number}"
        rows.extend(build(report.to_dict(), name))
    return rows
