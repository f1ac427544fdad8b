"""`lawie show`: one self-contained HTML page of a report — entities highlighted in the displaCy
manner, items coloured by role with their heading path, and the quantities listed with their
values — for looking at what the model found."""

from __future__ import annotations

import html

from .report import LABELS, ROLES, Report

__all__ = ["render_html"]

ENTITY_COLOURS = {"COUNT": "#fde68a", "RATE": "#fdba74", "ORG": "#93c5fd", "INITIATIVE": "#86efac"}
ROLE_COLOURS = {
    "achievement": "#f0fdf4", "problem": "#fef2f2", "plan": "#eff6ff",
    "rectification": "#fefce8", "leadership": "#f5f3ff", "other": "#f9fafb",
}
_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:2em auto;max-width:64em;line-height:1.9;color:#111}
h1{font-size:1.3em} .meta{color:#555} .legend span{margin-right:.8em;padding:.1em .4em;border-radius:.3em}
.item{border-left:.35em solid #ccc;padding:.3em .8em;margin:.5em 0;border-radius:.2em}
.item .path{font-size:.8em;color:#666} .item .role{font-size:.75em;font-weight:bold;text-transform:uppercase;color:#444;margin-right:.6em}
mark{padding:.1em .25em;border-radius:.35em;line-height:1} mark .label{font-size:.6em;font-weight:bold;margin-left:.3em;vertical-align:middle;color:#333}
table{border-collapse:collapse;font-size:.9em;margin-top:1em} td,th{border:1px solid #ddd;padding:.2em .5em;text-align:left}
"""
_SCRIPT = """
document.addEventListener("DOMContentLoaded", function () {
  document.body.dataset.entities = document.querySelectorAll("mark[data-label]").length;
  document.body.dataset.items = document.querySelectorAll("div.item").length;
});
"""


def _marked(report: Report, item) -> str:
    """The item's text with its entities wrapped in <mark> elements."""
    parts = []
    position, end = item.start, item.end
    for entity in item.entities:
        parts.append(html.escape(report.text[position : entity.start]))
        colour = ENTITY_COLOURS.get(entity.label, "#e5e7eb")
        parts.append(
            f'<mark data-label="{entity.label}" style="background:{colour}">{html.escape(entity.text)}'
            f'<span class="label">{entity.label}</span></mark>'
        )
        position = entity.end
    parts.append(html.escape(report.text[position:end]))
    return "".join(parts)


def render_html(report: Report, *, title: str | None = None) -> str:
    """The page as a string: no external resources, scripts or fonts are loaded."""
    meta = report.meta
    heading = title or meta.title or meta.org or "report"
    legend = "".join(f'<span style="background:{ENTITY_COLOURS[label]}">{label}</span>' for label in LABELS)
    legend += "".join(f'<span style="background:{ROLE_COLOURS[role]};border:1px solid #ccc">{role}</span>' for role in ROLES)
    blocks = []
    for item in report.items:
        path = " › ".join(html.escape(h) for h in item.heading)
        blocks.append(
            f'<div class="item" data-role="{item.role}" style="background:{ROLE_COLOURS[item.role]}">'
            f'<div class="path"><span class="role">{item.role} {item.score:.2f}</span>{path}</div>'
            f"{_marked(report, item)}</div>"
        )
    rows = "".join(
        f"<tr><td>{item.role}</td><td>{html.escape(q.text)}</td><td>{'' if q.value is None else f'{q.value:g}'}</td>"
        f"<td>{html.escape(q.unit or '')}</td><td>{q.bound}</td><td>{html.escape(q.measure or '')}</td></tr>"
        for item, q in report.quantities
    )
    return (
        "<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(heading)}</title><style>{_CSS}</style><script>{_SCRIPT}</script></head><body>"
        f"<h1>{html.escape(heading)}</h1>"
        f'<p class="meta">{html.escape(meta.org or "")} · {meta.year or ""} · {html.escape(report.model)} · '
        f"{len(report.items)} items · {len(report.entities)} entities</p>"
        f'<p class="legend">{legend}</p>{"".join(blocks)}'
        "<h2>Quantities</h2><table><tr><th>role</th><th>text</th><th>value</th><th>unit</th><th>bound</th><th>measure</th></tr>"
        f"{rows}</table></body></html>\n"
    )
