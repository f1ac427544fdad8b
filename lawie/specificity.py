"""How concrete a report is: numbers, named initiatives and named bodies per hundred characters.

The arithmetic is deliberately plain, so that a reader can redo it by hand from the output:

- an item's **names** are its COUNT and RATE entities (numbers), its INITIATIVE entities and its
  ORG entities (bodies), as the extractor found them;
- its **density** is ``100 × (numbers + initiatives + bodies) / characters``;
- a report's density is the same ratio over all the items of the five contract roles
  (achievement, problem, plan, rectification, leadership), summed before dividing, so long items
  weigh by their length; preamble and transition items (role ``other``) are left out;
- the reporting body itself (``湖塘街道`` in the report of 湖塘街道办事处) is not a named body: an
  item that names only the body that writes is no more concrete for it;
- a **problem** item is *specific* when it names at least one number, initiative or body, and a
  *formula* otherwise (``学法用法氛围不够浓厚``: a stock phrase that names nothing one could check).
  Concrete fields named in plain words (``征迁、拆违等领域``) are not entities, so they do not count:
  the measure under-counts rather than guesses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from .report import ROLE_KEYS, Item, Report

__all__ = ["ItemSpecificity", "Specificity", "count_names", "item_density", "item_specificity", "report_specificity"]

PER = 100  # characters


def _density(names: int, chars: int) -> float:
    return round(PER * names / chars, 3) if chars else 0.0


@dataclass(frozen=True)
class ItemSpecificity:
    """The counts behind one item's density, and whether it names anything."""

    start: int
    end: int
    role: str
    chars: int
    numbers: int
    initiatives: int
    bodies: int

    @property
    def names(self) -> int:
        return self.numbers + self.initiatives + self.bodies

    @property
    def density(self) -> float:
        """Numbers, initiatives and bodies per hundred characters."""
        return _density(self.names, self.chars)

    @property
    def specific(self) -> bool:
        """True when the item names at least one number, initiative or body."""
        return self.names > 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start, "end": self.end, "role": self.role, "chars": self.chars,
            "numbers": self.numbers, "initiatives": self.initiatives, "bodies": self.bodies,
            "density": self.density, "specific": self.specific,
        }

    def __repr__(self) -> str:
        return f"ItemSpecificity({self.role}, {self.start}:{self.end}, density={self.density}, specific={self.specific})"


@dataclass(frozen=True)
class Specificity:
    """A report's density over its contract items, per label, and its specific and formula problems."""

    chars: int
    numbers: int
    initiatives: int
    bodies: int
    problems_specific: int
    problems_formula: int
    items: tuple[ItemSpecificity, ...] = ()

    @property
    def density(self) -> float:
        return _density(self.numbers + self.initiatives + self.bodies, self.chars)

    @property
    def numbers_per_100(self) -> float:
        return _density(self.numbers, self.chars)

    @property
    def initiatives_per_100(self) -> float:
        return _density(self.initiatives, self.chars)

    @property
    def bodies_per_100(self) -> float:
        return _density(self.bodies, self.chars)

    @property
    def formula_problems(self) -> tuple[ItemSpecificity, ...]:
        return tuple(i for i in self.items if i.role == "problem" and not i.specific)

    def to_dict(self, *, items: bool = True) -> dict[str, Any]:
        """The counts and densities, with each item's (``items=False``: the report's only)."""
        result = {
            "chars": self.chars, "numbers": self.numbers, "initiatives": self.initiatives, "bodies": self.bodies,
            "density": self.density, "numbers_per_100": self.numbers_per_100,
            "initiatives_per_100": self.initiatives_per_100, "bodies_per_100": self.bodies_per_100,
            "problems_specific": self.problems_specific, "problems_formula": self.problems_formula,
        }
        if items:
            result["items"] = [item.to_dict() for item in self.items]
        return result

    def __repr__(self) -> str:
        return (
            f"Specificity(density={self.density}, numbers={self.numbers}, initiatives={self.initiatives}, "
            f"bodies={self.bodies}, chars={self.chars}, problems specific/formula={self.problems_specific}/{self.problems_formula})"
        )


def _is_own(name: str, own: str | None) -> bool:
    return bool(own) and name in own


def count_names(entities: Iterable[tuple[str, str]], *, own: str | None = None) -> tuple[int, int, int]:
    """(numbers, initiatives, bodies) among (label, text) pairs; ``own``, the reporting body, left out."""
    labels = [label for label, text in entities if not (label == "ORG" and _is_own(text, own))]
    return sum(label in ("COUNT", "RATE") for label in labels), labels.count("INITIATIVE"), labels.count("ORG")


def item_density(entities: Iterable[tuple[str, str]], chars: int, *, own: str | None = None) -> float:
    """Numbers, initiatives and bodies per hundred characters of an item of ``chars`` characters."""
    return _density(sum(count_names(entities, own=own)), chars)


def item_specificity(item: Item, *, own: str | None = None) -> ItemSpecificity:
    """The counts of one item's numbers, initiatives and bodies (``own``, the reporting body, left
    out), over its length."""
    numbers, initiatives, bodies = count_names(((e.label, e.text) for e in item.entities), own=own)
    return ItemSpecificity(
        start=item.start, end=item.end, role=item.role, chars=len(item.text),
        numbers=numbers, initiatives=initiatives, bodies=bodies,
    )


def report_specificity(report: Report) -> Specificity:
    """The report's density over the items of the contract roles (role ``other`` left out)."""
    items = tuple(item_specificity(item, own=report.meta.org) for item in report.items if item.role in ROLE_KEYS)
    problems = [i for i in items if i.role == "problem"]
    return Specificity(
        chars=sum(i.chars for i in items),
        numbers=sum(i.numbers for i in items),
        initiatives=sum(i.initiatives for i in items),
        bodies=sum(i.bodies for i in items),
        problems_specific=sum(i.specific for i in problems),
        problems_formula=sum(not i.specific for i in problems),
        items=items,
    )
