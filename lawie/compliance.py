"""The compliance check: does a report hold the parts that 法治政府建设与责任落实督察工作规定
(2019) art. 25 requires, and was it published before 1 April (art. 26)?

Each part is *present*, *thin* or *missing*, with the items and headings that support it. A check
that cannot tell a cut page from a report that leaves a part out would be worse than none, so the
text itself is judged first: it is *whole* when it ends at the end of a sentence and goes on past
the measures and results (a problem, plan or rectification part, a signature block or 特此报告);
otherwise it is *incomplete*, and the parts it does not show are *not reached*, not missing.
The rules (parts, thresholds, cue patterns) are data: `rules/compliance.json`, explained in
docs/compliance.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from .normalize import fold
from .report import Report
from .resources import load_rules
from .structure import PAGE_KINDS, heading_role, read_structure

__all__ = ["PART_NAMES", "STATUSES", "PartCheck", "Check", "check_report"]

STATUSES = ("present", "thin", "missing", "none", "not reached")
_PART_KEYS = {"name", "article", "what", "roles", "heading", "required", "absent_ok", "thin"}
_THIN_KEYS = {"min_items", "min_chars"}
_TOP_KEYS = {"description", "parts", "causes", "publication", "whole_text"}


@dataclass(frozen=True)
class _Part:
    name: str
    article: str
    what: str
    roles: tuple[str, ...]
    heading: re.Pattern | None
    required: bool
    absent_ok: bool
    min_items: int
    min_chars: int


@dataclass(frozen=True)
class _Rules:
    parts: tuple[_Part, ...]
    causes: re.Pattern
    date_label: re.Pattern
    deadline: tuple[int, int]
    page_line: int  # characters: a longer line is report text, not the page's furniture
    sentence_end: str
    closers: str
    closing: re.Pattern
    later_roles: frozenset[str]


def _unknown(where: str, keys, allowed) -> None:
    extra = set(keys) - set(allowed)
    if extra:
        raise ValueError(f"rules/compliance.json: unknown key(s) {sorted(extra)} in {where}")


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    return _parse(load_rules("compliance"))


def _parse(data: dict) -> _Rules:
    """The rules from the parsed file; an unknown key is an error, not ignored."""
    _unknown("the file", data, _TOP_KEYS)
    parts = []
    for part in data["parts"]:
        _unknown(f"part {part.get('name')!r}", part, _PART_KEYS)
        _unknown(f"part {part['name']!r} thin", part["thin"], _THIN_KEYS)
        parts.append(
            _Part(
                name=part["name"], article=part["article"], what=part["what"], roles=tuple(part["roles"]),
                heading=re.compile(part["heading"]) if part.get("heading") else None,
                required=bool(part["required"]), absent_ok=bool(part["absent_ok"]),
                min_items=int(part["thin"]["min_items"]), min_chars=int(part["thin"]["min_chars"]),
            )
        )
    publication, whole = data["publication"], data["whole_text"]
    _unknown("publication", publication, {"labels", "deadline", "article", "max_line_chars"})
    _unknown("whole_text", whole, {"sentence_end", "closers", "closing_formula", "later_roles"})
    month, day = (int(x) for x in publication["deadline"].split("-"))
    label = publication["labels"]
    return _Rules(
        parts=tuple(parts),
        causes=re.compile(data["causes"]),
        date_label=re.compile(
            rf"({label})\s*[:：]?\s*((?:19|20)\d{{2}})\s*[-/.年]\s*(\d{{1,2}})\s*[-/.月]\s*(\d{{1,2}})"
        ),
        deadline=(month, day),
        page_line=int(publication["max_line_chars"]),
        sentence_end=whole["sentence_end"],
        closers=whole["closers"],
        closing=re.compile(whole["closing_formula"]),
        later_roles=frozenset(whole["later_roles"]),
    )


PART_NAMES: tuple[str, ...] = tuple(part.name for part in _rules().parts)


@dataclass(frozen=True)
class PartCheck:
    """One part of art. 25: its status, and the items and headings (offsets) that support it."""

    name: str
    article: str
    required: bool
    status: str  # present | thin | missing | none (nothing to report, allowed) | not reached
    items: tuple[tuple[int, int], ...] = ()
    headings: tuple[tuple[int, int], ...] = ()
    chars: int = 0
    reasons: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "article": self.article, "required": self.required, "status": self.status,
            "items": [list(span) for span in self.items], "headings": [list(span) for span in self.headings],
            "chars": self.chars, "reasons": list(self.reasons),
        }

    def __repr__(self) -> str:
        return f"PartCheck({self.name}, {self.status}, items={len(self.items)}, chars={self.chars})"


@dataclass(frozen=True)
class Check:
    """The check of one report: whole or incomplete text, each part, causes, publication date."""

    text_status: str  # "whole" | "incomplete"
    reasons: tuple[str, ...]
    parts: tuple[PartCheck, ...]
    causes: bool | None  # None when no problem part was found
    cause_spans: tuple[tuple[int, int], ...]
    published: str | None  # ISO date shown on the page
    published_span: tuple[int, int] | None
    deadline: str | None
    on_time: bool | None

    def part(self, name: str) -> PartCheck:
        for part in self.parts:
            if part.name == name:
                return part
        raise KeyError(f"no part {name!r}; the parts are {', '.join(PART_NAMES)}")

    @property
    def whole(self) -> bool:
        return self.text_status == "whole"

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.parts if p.status == "missing")

    @property
    def thin(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.parts if p.status == "thin")

    @property
    def compliant(self) -> bool | None:
        """Every required part present or thin; None when the text is incomplete."""
        if not self.whole:
            return None
        return all(p.status in ("present", "thin") for p in self.parts if p.required)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text_status": self.text_status, "reasons": list(self.reasons), "compliant": self.compliant,
            "parts": [part.to_dict() for part in self.parts],
            "causes": self.causes, "cause_spans": [list(span) for span in self.cause_spans],
            "published": self.published,
            "published_span": list(self.published_span) if self.published_span else None,
            "deadline": self.deadline, "on_time": self.on_time,
        }

    def __repr__(self) -> str:
        statuses = ", ".join(f"{p.name}={p.status}" for p in self.parts)
        return f"Check({self.text_status}, compliant={self.compliant}, {statuses}, causes={self.causes}, published={self.published})"


def _ends_sentence(body: str, rules: _Rules) -> bool:
    stripped = body.rstrip().rstrip(rules.closers)
    return bool(stripped) and stripped[-1] in rules.sentence_end


def _publication(folded: str, regions: list[tuple[int, int]], rules: _Rules):
    """The earliest-ranked dated label (发布时间 before 日期) in the page's furniture."""
    found = []
    for start, end in regions:
        for match in rules.date_label.finditer(folded, start, end):
            year, month, day = (int(match.group(i)) for i in (2, 3, 4))
            try:
                when = date(year, month, day)
            except ValueError:
                continue
            rank = 1 if match.group(1).endswith("日期") and not match.group(1).startswith(("发布", "公开")) else 0
            found.append((rank, match.start(), when, (match.start(2), match.end(4))))
    if not found:
        return None, None
    _, _, when, span = min(found)
    return when, span


def check_report(report: Report) -> Check:
    """Checks one report against art. 25 and 26 (the rules in `rules/compliance.json`)."""
    rules = _rules()
    text = report.text
    folded = fold(text)
    structure = read_structure(text, folded=folded)
    page = {(i.start, i.end) for i in structure.items if i.kind in PAGE_KINDS}  # title and page lines
    items = tuple(item for item in report.items if (item.start, item.end) not in page)
    top = min((s.level for s in report.sections), default=1)

    # Is the text whole?
    reasons: list[str] = []
    body_end = max((item.end for item in items), default=0)
    later = any(item.role in rules.later_roles for item in items) or any(
        heading_role(s.heading) in rules.later_roles for s in report.sections
    )
    closing = bool(rules.closing.search(folded, max(0, body_end - 200), len(folded)))
    last_heading = max(report.sections, key=lambda s: s.start, default=None)
    if not items:
        reasons.append("no report body")
    elif last_heading is not None and last_heading.start >= body_end:
        reasons.append(f"ends on a heading: {last_heading.heading!r}")
    elif not _ends_sentence(text[:body_end], rules):
        reasons.append(f"ends mid-sentence: …{text[max(0, body_end - 12):body_end]!r}")
    elif not (later or structure.signature or closing):
        reasons.append("ends inside the measures and results: no problems, plans, rectification, signature or closing formula follow")
    whole = not reasons

    # The parts.
    parts = []
    for part in rules.parts:
        sections = [
            s for s in report.sections
            if heading_role(s.heading) in part.roles
            or (part.heading is not None and part.heading.search(fold(s.heading)) and (part.roles or s.level == top))
        ]
        if part.roles:
            spans = [(i.start, i.end) for i in items if i.role in part.roles]
        else:  # a part known by its heading only (25(5)): the items under it
            spans = [(i.start, i.end) for i in items if any(s.start <= i.start < s.end for s in sections)]
        heads = tuple((s.start, s.start + len(s.heading)) for s in sections)
        chars = sum(end - start for start, end in spans)
        status, why = "present", []
        if not spans and not heads:
            status = ("none" if part.absent_ok else "missing") if whole else "not reached"
        elif whole:
            if len(spans) < part.min_items:
                why.append(f"{len(spans)} item(s), fewer than {part.min_items}")
            if chars < part.min_chars:
                why.append(f"{chars} characters, fewer than {part.min_chars}")
            status = "thin" if why else "present"
        parts.append(PartCheck(part.name, part.article, part.required, status, tuple(spans), heads, chars, tuple(why)))

    # Causes of the shortcomings.
    problems = [i for i in items if i.role == "problem"]
    regions = [(i.start, i.end) for i in problems]
    regions += [
        (s.start, s.start + len(s.heading)) for s in report.sections
        if heading_role(s.heading) == "problem" or any(s.start <= i.start < s.end for i in problems)
    ]
    cause_spans = tuple(sorted({(m.start(), m.end()) for a, b in regions for m in rules.causes.finditer(folded, a, b)}))
    causes = bool(cause_spans) if regions else None

    # Publication date against the deadline: a labelled date on a short line (page furniture).
    lines, position = [], 0
    for line in folded.split("\n"):
        if len(line.strip()) <= rules.page_line:
            lines.append((position, position + len(line)))
        position += len(line) + 1
    published, published_span = _publication(folded, lines, rules)
    deadline = date(report.meta.year + 1, *rules.deadline) if report.meta.year else None
    on_time = (published < deadline) if (published and deadline) else None
    return Check(
        text_status="whole" if whole else "incomplete",
        reasons=tuple(reasons),
        parts=tuple(parts),
        causes=causes,
        cause_spans=cause_spans,
        published=published.isoformat() if published else None,
        published_span=published_span,
        deadline=deadline.isoformat() if deadline else None,
        on_time=on_time,
    )
