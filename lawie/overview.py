"""`lawie show` on a folder: one self-contained HTML page over many reports — the compliance of each
as a table, and charts (inline SVG) of items per role and of specificity by level: what an
evaluator would otherwise build in a spreadsheet from the per-report table."""

from __future__ import annotations

import csv
import html
from pathlib import Path
from statistics import mean
from typing import Iterable

from .report import ROLE_KEYS
from .rows import REPORT_FIELDS
from .show import ROLE_COLOURS

__all__ = ["render_overview", "read_report_rows"]

_LEVELS = ("province", "city", "county", "town", "department", "unknown")
_ROLE_INK = {"achievement": "#16a34a", "problem": "#dc2626", "plan": "#2563eb", "rectification": "#ca8a04", "leadership": "#7c3aed"}
_STATUS_COLOURS = {
    "present": "#dcfce7", "thin": "#fef9c3", "missing": "#fecaca", "none": "#f3f4f6", "not reached": "#e5e7eb",
}
_PARTS = [f for f in REPORT_FIELDS if f.startswith("part_")]
_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:2em auto;max-width:80em;color:#111}
h1{font-size:1.3em} h2{font-size:1.1em;margin-top:2em} .meta{color:#555}
table{border-collapse:collapse;font-size:.8em} td,th{border:1px solid #ddd;padding:.15em .4em;text-align:left;white-space:nowrap}
th{background:#f9fafb;position:sticky;top:0} td.num{text-align:right}
svg text{font-size:11px;font-family:inherit} .legend span{margin-right:.8em;padding:.1em .4em;border-radius:.3em}
"""
_SCRIPT = """
document.addEventListener("DOMContentLoaded", function () {
  document.body.dataset.reports = document.querySelectorAll("tr.report").length;
  document.body.dataset.bars = document.querySelectorAll("svg rect[data-role]").length;
  document.body.dataset.dots = document.querySelectorAll("svg circle[data-density]").length;
});
"""


def _number(value) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if number != number else number  # NaN from a DataFrame is no number


def _text(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def read_report_rows(path: str | Path) -> list[dict]:
    """The rows of a per-report table that `lawie extract --per report` wrote (.csv or .parquet)."""
    path = Path(path)
    if path.suffix.lower() == ".parquet":
        try:
            import pyarrow.parquet as pq
        except ImportError as error:
            from .errors import MissingExtraError

            raise MissingExtraError("Parquet input", "parquet") from error
        rows = pq.read_table(path).to_pylist()
    else:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    if rows and not {"source", "text_status", "density"} <= set(rows[0]):
        from .errors import InputError

        raise InputError(f"{path}: not a per-report table (write one with `lawie extract … -o table.csv --per report`)")
    return rows


def _level(row: dict) -> str:
    level = _text(row.get("level"))
    return level if level in _LEVELS else "unknown"


def _roles_chart(rows: list[dict]) -> str:
    """Mean items per report for each role, stacked, one bar per level."""
    levels = [level for level in _LEVELS if any(_level(r) == level for r in rows)]
    width, bar, gap, left = 660, 22, 10, 120
    means = {
        level: {role: mean(_number(r.get(f"items_{role}")) or 0 for r in rows if _level(r) == level) for role in ROLE_KEYS}
        for level in levels
    }
    top = max((sum(m.values()) for m in means.values()), default=1) or 1
    scale = (width - left - 60) / top
    parts = []
    for index, level in enumerate(levels):
        y = 10 + index * (bar + gap)
        count = sum(_level(r) == level for r in rows)
        parts.append(f'<text x="{left - 6}" y="{y + bar * 0.7:.1f}" text-anchor="end">{level} ({count})</text>')
        x = float(left)
        for role in ROLE_KEYS:
            value = means[level][role]
            w = value * scale
            parts.append(
                f'<rect data-role="{role}" data-level="{level}" x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar}" '
                f'fill="{_ROLE_INK[role]}"><title>{level}: {role} {value:.1f} items per report</title></rect>'
            )
            x += w
        parts.append(f'<text x="{x + 4:.1f}" y="{y + bar * 0.7:.1f}">{sum(means[level].values()):.1f}</text>')
    height = 20 + len(levels) * (bar + gap)
    legend = "".join(f'<span style="background:{ROLE_COLOURS[r]};border-left:.6em solid {_ROLE_INK[r]}">{r}</span>' for r in ROLE_KEYS)
    return (
        f'<p class="legend">{legend}</p><svg id="roles" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" aria-label="items per role by level">{"".join(parts)}</svg>'
    )


def _specificity_chart(rows: list[dict]) -> str:
    """Each report's density (a dot) and the level's mean (a bar), per level."""
    levels = [level for level in _LEVELS if any(_level(r) == level for r in rows)]
    width, band, left = 660, 34, 120
    values = {level: [d for r in rows if _level(r) == level and (d := _number(r.get("density"))) is not None] for level in levels}
    top = max((max(v) for v in values.values() if v), default=1) or 1
    scale = (width - left - 60) / top
    parts = []
    for index, level in enumerate(levels):
        y = 10 + index * band
        found = values[level]
        parts.append(f'<text x="{left - 6}" y="{y + band * 0.5:.1f}" text-anchor="end">{level}</text>')
        if found:
            average = mean(found)
            parts.append(
                f'<rect data-level="{level}" x="{left}" y="{y + 6}" width="{average * scale:.1f}" height="{band - 14}" fill="#c7d2fe">'
                f"<title>{level}: mean {average:.2f} per 100 characters over {len(found)} reports</title></rect>"
                f'<text x="{left + average * scale + 4:.1f}" y="{y + band * 0.5:.1f}">{average:.2f}</text>'
            )
            for number, value in enumerate(found):
                jitter = (number % 5 - 2) * 3
                parts.append(
                    f'<circle data-density="{value}" cx="{left + value * scale:.1f}" cy="{y + band / 2 + jitter:.1f}" r="2.5" '
                    f'fill="#1e3a8a" fill-opacity="0.6"><title>{value:.2f}</title></circle>'
                )
    parts.append(f'<text x="{left}" y="{18 + len(levels) * band}">numbers, initiatives and bodies per 100 characters of the items</text>')
    return (
        f'<svg id="specificity" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{26 + len(levels) * band}" '
        f'role="img" aria-label="specificity by level">{"".join(parts)}</svg>'
    )


def _table(rows: list[dict]) -> str:
    heads = ["report", "body", "level", "province", "year", "text", "compliant"] + [p[5:] for p in _PARTS] + [
        "causes", "published", "on time", "density", "formula problems"]
    lines = ["<table><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in heads) + "</tr>"]
    for row in rows:
        name = Path(_text(row.get("source"))).name
        cells = [
            f"<td title=\"{html.escape(_text(row.get('source')))}\">{html.escape(name)}</td>",
            f"<td>{html.escape(_text(row.get('body')) or _text(row.get('org')))}</td>",
            f"<td>{html.escape(_text(row.get('level')))}</td>",
            f"<td>{html.escape(_text(row.get('province')))}</td>",
            f"<td>{html.escape(_text(row.get('year')).removesuffix('.0'))}</td>",
        ]
        if _text(row.get("error")):
            cells.append(f'<td colspan="{len(heads) - 5}">error: {html.escape(_text(row.get("error")))}</td>')
        else:
            cells.append(f"<td>{html.escape(_text(row.get('text_status')))}</td>")
            cells.append(f"<td>{html.escape(_text(row.get('compliant')))}</td>")
            for part in _PARTS:
                status = _text(row.get(part))
                cells.append(f'<td data-part="{part[5:]}" style="background:{_STATUS_COLOURS.get(status, "#fff")}">{html.escape(status)}</td>')
            for key in ("causes", "published", "on_time"):
                cells.append(f"<td>{html.escape(_text(row.get(key)))}</td>")
            density = _number(row.get("density"))
            cells.append(f'<td class="num">{"" if density is None else f"{density:.2f}"}</td>')
            cells.append(f'<td class="num">{html.escape(_text(row.get("problems_formula")).removesuffix(".0"))}</td>')
        lines.append('<tr class="report">' + "".join(cells) + "</tr>")
    lines.append("</table>")
    return "".join(lines)


def render_overview(rows: Iterable[dict], *, title: str = "reports") -> str:
    """The page as a string, from per-report rows (`lawie.rows.report_row`, or a table read back)."""
    rows = list(rows)
    done = [r for r in rows if not _text(r.get("error"))]
    whole = [r for r in done if _text(r.get("text_status")) == "whole"]
    compliant = sum(_text(r.get("compliant")) == "True" for r in whole)
    dated = [r for r in done if _text(r.get("published"))]
    on_time = sum(_text(r.get("on_time")) == "True" for r in dated)
    summary = (
        f"{len(rows)} reports · {len(whole)} whole texts, {len(done) - len(whole)} incomplete (openings or cut pages: not judged) · "
        f"{compliant} of {len(whole)} whole texts hold every required part · "
        f"{len(dated)} show a publication date, {on_time} of them before 1 April"
    )
    return (
        "<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)}</title><style>{_CSS}</style><script>{_SCRIPT}</script></head><body>"
        f"<h1>{html.escape(title)}</h1><p class=\"meta\">{html.escape(summary)}</p>"
        "<h2>Items per role (mean per report, by level of the reporting body)</h2>"
        "<p class=\"meta\">Incomplete texts (page openings) stop inside the measures and results: compare "
        "the later roles among whole texts only.</p>"
        f"{_roles_chart(done)}"
        "<h2>Specificity by level</h2>"
        f"{_specificity_chart(done)}"
        "<h2>Compliance (法治政府建设与责任落实督察工作规定 art. 25, 26)</h2>"
        f"{_table(rows)}</body></html>\n"
    )
