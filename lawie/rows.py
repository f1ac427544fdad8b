"""Flattening reports into tables for a spreadsheet or DataFrame: one row per quantity, one row
per item, or one row per report (the table a corpus study codes by hand).

Quantity and item rows come from the items of the role lists of the output contract
(achievements, problems, plans, rectifications, leadership); items of role `other` (preamble,
transitions) are not part of the contract's output and give no rows. Every report gives at least
one row, so none vanishes from a table: a report without quantities (or items) gives one row with
only its name and meta, an error record one row with its error. A report row holds the body and
its place, the counts per role and label, the compliance check and the specificity. The API and
the CLI share this code; both work from the record the CLI writes (`Report.to_dict()` with
`source`, `check` and `specificity`).
"""

from __future__ import annotations

from typing import Iterable

from .report import LABELS, ROLE_KEYS, Report

__all__ = [
    "ROW_FIELDS", "ITEM_FIELDS", "REPORT_FIELDS", "CHECK_FIELDS", "TABLES", "to_rows", "rows_from_record",
    "item_rows_from_record", "record_rows", "table_fields", "table_types", "to_report_rows", "report_row",
    "check_columns", "record_of",
]

ROW_FIELDS = (
    "report", "org", "year", "role", "heading", "measure", "value", "unit", "kind", "approx", "bound",
    "text", "start", "end", "item_start", "item_end", "item_density",
)
# one row per item: where it is, what it says, and how many entities of each label it holds
ITEM_FIELDS = ("report", "org", "year", "role", "heading", "text", "start", "end", "score", "n_quantities") + tuple(
    f"n_{label.lower()}" for label in LABELS
)
_TYPES = {
    "report": "string", "org": "string", "year": "int64", "role": "string", "heading": "string",
    "measure": "string", "value": "float64", "unit": "string", "kind": "string", "approx": "bool_",
    "bound": "string", "text": "string", "start": "int64", "end": "int64", "item_start": "int64",
    "item_end": "int64", "score": "float64", "item_density": "float64", "error": "string",
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
    from .specificity import item_density

    base = _base(record, name)
    rows = []
    for item in _items(record):
        density = item_density(
            ((e["label"], e["text"]) for e in item["entities"]), item["end"] - item["start"], own=base["org"]
        )
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
                    "item_density": density,
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


TABLES = ("quantities", "items", "reports")


def table_fields(table: str) -> list[str]:
    """The columns of a table ("quantities", "items" or "reports") as the CLI writes it: with `error`."""
    fields = {"quantities": ROW_FIELDS, "items": ITEM_FIELDS, "reports": REPORT_FIELDS}[table]
    return list(fields) + ["error"]


def table_types(table: str) -> dict[str, str]:
    """The columns of a table with their pyarrow type names (for Parquet)."""
    types = _TYPES if table != "reports" else _REPORT_TYPES
    return {field: types.get(field, "int64") for field in table_fields(table)}  # n_*, items_*: counts


def record_rows(record: dict, *, table: str = "quantities") -> list[dict]:
    """The rows of one CLI record (a report with its `source`, or an error record), with `error`."""
    name = (record.get("source") or {}).get("path")
    fields = table_fields(table)
    if "error" in record:
        key = "source" if table == "reports" else "report"
        return [{field: None for field in fields} | {key: name, "error": record["error"]}]
    if table == "reports":
        return [report_row(record, name) | {"error": None}]
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


_PARTS = ("measures", "shortcomings", "first_responsibility", "next_year", "other", "rectification")
CHECK_FIELDS = (
    ("text_status", "compliant") + tuple(f"part_{name}" for name in _PARTS)
    + ("missing", "thin", "causes", "published", "deadline", "on_time")
)
_SPECIFICITY_FIELDS = (
    "density", "numbers_per_100", "initiatives_per_100", "bodies_per_100", "problems_specific", "problems_formula",
)
_META_FIELDS = ("title", "org", "body", "level", "province", "city", "county", "division_code", "year")
REPORT_FIELDS = (
    ("source",) + _META_FIELDS + ("chars",)
    + tuple(f"items_{role}" for role in ROLE_KEYS) + ("quantities",)
    + tuple(f"entities_{label}" for label in LABELS)
    + CHECK_FIELDS + _SPECIFICITY_FIELDS
)


def check_columns(check: dict) -> dict:
    """The flat columns of a compliance check (`Check.to_dict()`)."""
    row = {"text_status": check["text_status"], "compliant": check["compliant"]}
    statuses = {part["name"]: part["status"] for part in check["parts"]}
    row |= {f"part_{name}": statuses.get(name) for name in _PARTS}
    row["missing"] = ";".join(p["name"] for p in check["parts"] if p["status"] == "missing")
    row["thin"] = ";".join(p["name"] for p in check["parts"] if p["status"] == "thin")
    row |= {key: check[key] for key in ("causes", "published", "deadline", "on_time")}
    return row


def report_row(record: dict, name: str | None = None) -> dict:
    """One row for one report's record: body and place, counts, compliance, specificity."""
    meta = record["meta"]
    row: dict = {"source": name or (record.get("source") or {}).get("path")}
    row |= {key: meta.get(key) for key in _META_FIELDS}
    row["chars"] = (record.get("source") or {}).get("chars")
    quantities = 0
    for role, key in ROLE_KEYS.items():
        row[f"items_{role}"] = len(record.get(key, []))
        quantities += sum(len(item["quantities"]) for item in record.get(key, []))
    row["quantities"] = quantities
    labels = [entity["label"] for entity in record.get("entities", [])]
    row |= {f"entities_{label}": labels.count(label) for label in LABELS}
    if "check" in record:
        row |= check_columns(record["check"])
    if "specificity" in record:
        row |= {key: record["specificity"][key] for key in _SPECIFICITY_FIELDS}
    return {key: row.get(key) for key in REPORT_FIELDS}


_REPORT_TYPES = {
    field: "string" for field in ("source", "title", "org", "body", "level", "province", "city", "county", "division_code",
                                  "text_status", "missing", "thin", "published", "deadline", "error")
} | {field: "bool_" for field in ("compliant", "causes", "on_time")} | {
    field: "float64" for field in ("density", "numbers_per_100", "initiatives_per_100", "bodies_per_100")
} | {f"part_{name}": "string" for name in _PARTS}


def record_of(report: Report) -> dict:
    """The record of a report as the CLI writes it, without a file: contract, check, specificity."""
    record = report.to_dict()
    record["source"] = dict(report.source or {}) | {"chars": len(report.text)}
    record["check"] = report.check().to_dict()
    record["specificity"] = report.specificity().to_dict(items=False)
    return record


def to_report_rows(reports: Report | Iterable[Report]) -> list[dict]:
    """One row per report (`REPORT_FIELDS`), named as `to_rows` names them."""
    if isinstance(reports, Report):
        reports = [reports]
    rows = []
    for number, report in enumerate(reports, 1):
        name = (report.source or {}).get("path") or f"{report.meta.org or 'report'} #{number}"
        rows.append(report_row(record_of(report), name))
    return rows
