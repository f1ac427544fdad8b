"""Flattening reports into rows, ready for a spreadsheet or DataFrame: one row per quantity, or
one row per report (the table a corpus study codes by hand).

Quantity rows come from the items of the role lists of the output contract (achievements,
problems, plans, rectifications, leadership); items of role `other` (preamble, transitions) are
not part of the contract's output and give no rows. A report row holds the body and its place,
the counts per role and label, the compliance check and the specificity. The API and the CLI
share this code; both work from the record the CLI writes (`Report.to_dict()` with `source`,
`check` and `specificity`).
"""

from __future__ import annotations

from typing import Iterable

from .report import LABELS, ROLE_KEYS, Report

__all__ = [
    "ROW_FIELDS", "REPORT_FIELDS", "CHECK_FIELDS", "to_rows", "rows_from_record",
    "to_report_rows", "report_row", "check_columns", "record_of",
]

ROW_FIELDS = (
    "report", "org", "year", "role", "heading", "measure", "value", "unit", "kind", "approx", "bound",
    "text", "start", "end", "item_start", "item_end", "item_density",
)


def rows_from_record(record: dict, name: str | None) -> list[dict]:
    """The rows of one report's output dict (`Report.to_dict()`, as the CLI writes it)."""
    from .specificity import item_density

    rows = []
    for key in ROLE_KEYS.values():
        for item in record.get(key, []):
            density = item_density(
                ((e["label"], e["text"]) for e in item["entities"]), item["end"] - item["start"], own=record["meta"]["org"]
            )
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
                        "item_density": density,
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
