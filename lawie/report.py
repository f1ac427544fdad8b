"""The output of lawie: typed, frozen result objects with character offsets and `to_dict()`.

No spaCy types appear here, so a `Report` can be pickled, compared and serialised without the
model. `Report.to_dict()` follows the output contract (labels.md §5) key for key.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterator

if TYPE_CHECKING:
    from .compliance import Check
    from .specificity import Specificity

__all__ = [
    "json_schema",
    "read_jsonl",
    "LABELS",
    "ROLES",
    "ROLE_KEYS",
    "Entity",
    "Quantity",
    "Item",
    "Section",
    "Meta",
    "Report",
]

LABELS: tuple[str, ...] = ("COUNT", "RATE", "ORG", "INITIATIVE")
ROLES: tuple[str, ...] = ("achievement", "problem", "plan", "rectification", "leadership", "other")
# The Report's lists per role (labels.md §5). Items of role `other` (preamble, transitions) are
# in `Report.items` for API users but not in the contract's output.
ROLE_KEYS: dict[str, str] = {
    "achievement": "achievements",
    "problem": "problems",
    "plan": "plans",
    "rectification": "rectifications",
    "leadership": "leadership",
}


def json_schema() -> dict[str, Any]:
    """The published JSON Schema of `Report.to_dict()` (lawie/schema/report.schema.json)."""
    from importlib import resources

    return json.loads(resources.files("lawie").joinpath("schema").joinpath("report.schema.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Entity:
    """A labelled span: `text == report_text[start:end]`."""

    text: str
    label: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "label": self.label, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Entity":
        return cls(data["text"], data["label"], data["start"], data["end"])


@dataclass(frozen=True)
class Quantity:
    """A COUNT or RATE with its normalised value, unit, bound and what it measures."""

    text: str
    kind: str  # "count" | "rate"
    value: float | None
    unit: str | None
    approx: bool
    bound: str  # "exact" | "at_least" | "at_most" | "about"
    measure: str | None
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "kind": self.kind,
            "value": self.value,
            "unit": self.unit,
            "approx": self.approx,
            "bound": self.bound,
            "measure": self.measure,
            "start": self.start,
            "end": self.end,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Quantity":
        return cls(**{name: data[name] for name in cls.__dataclass_fields__})


@dataclass(frozen=True)
class Item:
    """The smallest unit of a report that states one thing, with its role and contents."""

    text: str
    start: int
    end: int
    role: str
    heading: tuple[str, ...]
    score: float
    entities: tuple[Entity, ...] = ()
    quantities: tuple[Quantity, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "role": self.role,
            "heading": list(self.heading),
            "score": round(self.score, 4),
            "entities": [e.to_dict() for e in self.entities],
            "quantities": [q.to_dict() for q in self.quantities],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Item":
        return cls(
            text=data["text"],
            start=data["start"],
            end=data["end"],
            role=data["role"],
            heading=tuple(data["heading"]),
            score=data["score"],
            entities=tuple(Entity.from_dict(e) for e in data["entities"]),
            quantities=tuple(Quantity.from_dict(q) for q in data["quantities"]),
        )

    def __repr__(self) -> str:
        preview = self.text if len(self.text) <= 24 else self.text[:23] + "…"
        return f"Item({self.role}, {self.start}:{self.end}, {preview!r})"


@dataclass(frozen=True)
class Section:
    """A heading and everything under it."""

    heading: str
    level: int
    role: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"heading": self.heading, "level": self.level, "role": self.role, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Section":
        return cls(data["heading"], data["level"], data["role"], data["start"], data["end"])


@dataclass(frozen=True)
class Meta:
    """Title, reporting body and the year reported on (not the year published); the body's
    normalised name, level and administrative division (`lawie.reporter`; None when unknown)."""

    title: str | None = None
    org: str | None = None
    year: int | None = None
    body: str | None = None
    level: str | None = None  # province | city | county | town | department
    province: str | None = None
    city: str | None = None
    county: str | None = None
    division_code: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title, "org": self.org, "year": self.year, "body": self.body, "level": self.level,
            "province": self.province, "city": self.city, "county": self.county, "division_code": self.division_code,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Meta":
        return cls(**{key: data.get(key) for key in cls.__dataclass_fields__})


@dataclass(frozen=True)
class Report:
    """Everything lawie read from one report."""

    text: str
    meta: Meta
    items: tuple[Item, ...]
    sections: tuple[Section, ...]
    entities: tuple[Entity, ...]
    lawie_version: str
    model: str
    source: dict[str, Any] | None = field(default=None, compare=False)

    def by_role(self, role: str) -> tuple[Item, ...]:
        """The items of one role, in text order."""
        return tuple(item for item in self.items if item.role == role)

    @property
    def achievements(self) -> tuple[Item, ...]:
        return self.by_role("achievement")

    @property
    def problems(self) -> tuple[Item, ...]:
        return self.by_role("problem")

    @property
    def plans(self) -> tuple[Item, ...]:
        return self.by_role("plan")

    @property
    def rectifications(self) -> tuple[Item, ...]:
        return self.by_role("rectification")

    @property
    def leadership(self) -> tuple[Item, ...]:
        return self.by_role("leadership")

    @property
    def quantities(self) -> Iterator[tuple[Item, Quantity]]:
        """Every quantity with the item it stands in."""
        for item in self.items:
            for quantity in item.quantities:
                yield item, quantity

    def check(self) -> "Check":
        """The compliance check against art. 25 and 26 of the 2019 督察工作规定 (`lawie.compliance`)."""
        from .compliance import check_report

        return check_report(self)

    def specificity(self) -> "Specificity":
        """Numbers, named initiatives and bodies per hundred characters (`lawie.specificity`)."""
        from .specificity import report_specificity

        return report_specificity(self)

    def to_dict(self) -> dict[str, Any]:
        """The output contract (labels.md §5); JSON-serialisable and stable."""
        result: dict[str, Any] = {
            "lawie_version": self.lawie_version,
            "model": self.model,
            "meta": self.meta.to_dict(),
        }
        for role, key in ROLE_KEYS.items():
            result[key] = [item.to_dict() for item in self.items if item.role == role]
        result["sections"] = [section.to_dict() for section in self.sections]
        result["entities"] = [entity.to_dict() for entity in self.entities]
        return result

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, text: str | None = None) -> "Report":
        """The Report of a `to_dict()` output (a line of the CLI's JSONL, with its `source`).

        The output holds the items' texts, not the whole report: ``text`` restores it (offsets
        are checked against it); without it `Report.text` is "". Items of role `other` are not
        in the output, so they are not in the result.
        """
        if "error" in data:
            raise ValueError(f"an error record, not a report: {data['error']}")
        items = sorted((Item.from_dict(item) for key in ROLE_KEYS.values() for item in data.get(key, [])), key=lambda i: i.start)
        report = cls(
            text=text if text is not None else "",
            meta=Meta.from_dict(data["meta"]),
            items=tuple(items),
            sections=tuple(Section.from_dict(s) for s in data.get("sections", [])),
            entities=tuple(Entity.from_dict(e) for e in data.get("entities", [])),
            lawie_version=data["lawie_version"],
            model=data["model"],
            source=data.get("source"),
        )
        if text is not None:
            wrong = [s for s in list(report.items) + list(report.entities) if text[s.start : s.end] != s.text]
            if wrong:
                raise ValueError(f"the text does not match the output: {wrong[0]!r} is not at {wrong[0].start}:{wrong[0].end}")
        return report

    def __repr__(self) -> str:
        counts = ", ".join(f"{key}={len(self.by_role(role))}" for role, key in ROLE_KEYS.items())
        return f"Report(org={self.meta.org!r}, year={self.meta.year}, {counts}, entities={len(self.entities)})"


def read_jsonl(path: str | Any, *, errors: bool = False) -> list[Report] | list[dict]:
    """The reports of a JSONL file the CLI wrote (`lawie extract … -o out.jsonl`), in order.

    Error records are left out; ``errors=True`` returns them instead (the inputs that failed).
    A line cut by an interruption is skipped.
    """
    from pathlib import Path

    reports: list[Report] = []
    failed: list[dict] = []
    with Path(path).open(encoding="utf-8") as handle:
        for line in handle:
            try:
                data = json.loads(line)
            except json.JSONDecodeError:
                continue
            if "error" in data:
                failed.append(data)
            else:
                reports.append(Report.from_dict(data))
    return failed if errors else reports
