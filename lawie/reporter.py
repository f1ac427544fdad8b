"""The reporting body on the map: its normalised name, its level and its administrative division.

The level comes from the body's organ word: a department (司法局, 卫生健康委员会, 办公厅) is a
``department`` whatever division it serves; a government (人民政府, 街道办事处, a bare place, or a
party committee reporting jointly with its government) has the level of its division — ``province``,
``city``, ``county`` or ``town``: the
suffix of its own place word decides first (街道/镇/乡 → town, 县/旗 → county, 区 → county,
省/自治区 → province, 州/盟 → city), and the gazetteer where the suffix does not (a 市 may be a
province, a city or a county; without the gazetteer it stays unknown). The division is the most
specific one the gazetteer can place the name in.
Unknown, masked or ambiguous bodies keep None: nothing is guessed. The organ and place patterns
are data: `rules/reporter.json`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .gazetteer import Division, locate
from .normalize import fold
from .resources import load_rules

__all__ = ["BODY_LEVELS", "Body", "describe_body"]

BODY_LEVELS = ("province", "city", "county", "town", "department")

_KEYS = {
    "description", "party_committee", "government", "department", "zone", "organ_alone", "place_levels",
    "level_word_only", "place_tail",
}


@dataclass(frozen=True)
class _Rules:
    party: re.Pattern
    government: re.Pattern
    department: re.Pattern
    zone: re.Pattern
    organ_alone: re.Pattern
    place_levels: tuple[tuple[re.Pattern, str], ...]
    level_word_only: re.Pattern
    place_tail: re.Pattern


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    return _parse(load_rules("reporter"))


def _parse(data: dict) -> _Rules:
    """The rules from the parsed file; an unknown key or level is an error, not ignored."""
    unknown = set(data) - _KEYS
    if unknown:
        raise ValueError(f"rules/reporter.json: unknown key(s) {sorted(unknown)}")
    levels = tuple((re.compile(pattern), level) for pattern, level in data["place_levels"])
    wrong = {level for _, level in levels} - set(BODY_LEVELS)
    if wrong:
        raise ValueError(f"rules/reporter.json: place_levels name unknown levels {sorted(wrong)}")
    return _Rules(
        party=re.compile(data["party_committee"]),
        government=re.compile(data["government"]),
        department=re.compile(data["department"]),
        zone=re.compile(data["zone"]),
        organ_alone=re.compile(data["organ_alone"]),
        place_levels=levels,
        level_word_only=re.compile(data["level_word_only"]),
        place_tail=re.compile(data["place_tail"]),
    )


@dataclass(frozen=True)
class Body:
    """The reporting body: normalised name, level, and the division it belongs to (None: unknown)."""

    name: str | None
    level: str | None
    division: Division | None

    def to_meta(self) -> dict[str, Any]:
        """The keys this adds to `Meta`."""
        division = self.division
        return {
            "body": self.name,
            "level": self.level,
            "province": division.province if division else None,
            "city": division.city if division else None,
            "county": division.county if division else None,
            "division_code": division.code if division else None,
        }

    def __repr__(self) -> str:
        where = "/".join(p for p in (self.division.province, self.division.city, self.division.county) if p) if self.division else None
        code = self.division.code if self.division else None
        return f"Body({self.name!r}, level={self.level}, division={where!r}, code={code})"


def _components(name: str) -> list[str]:
    """The bodies a name joins (`中共山西省委、山西省人民政府`, `开阳县(县委、县政府)`), in order."""
    rules = _rules()
    bracket = re.fullmatch(r"(.*?)[(（](.*)[)）]", name)
    if bracket:
        main, inner = bracket.group(1), bracket.group(2)
        if rules.government.search(main) or rules.department.search(main) and not rules.party.match(main):
            name = main
        else:
            name = main + "、" + inner
    return [part for part in re.split(r"[、,，;；\s]+|(?<=[委政府])(?:和|及|与)", name) if part]


def _place_prefix(component: str) -> str:
    """The place words at the head of a party committee's name (`中共山西省委` → 山西省)."""
    bare = re.sub(r"^(?:中共|中国共产党)", "", component)
    bare = re.sub(r"(?:党工委|党委|工委|委)$", "", bare)
    return bare if _rules().place_tail.search(bare) else ""


def _normalise(parts: list[str]) -> tuple[str | None, str | None]:
    """(the body's normalised name, its kind: government, department or None)."""
    rules = _rules()
    bodies = [p for p in parts if not rules.party.match(p)]
    if not bodies:
        return None, None
    body = bodies[-1]
    if rules.organ_alone.fullmatch(body):
        # 县政府 in 开阳县(县委、县政府), 办事处 in 荔枝街道党工委、办事处: the place is named before
        first = parts[0]
        prefix = _place_prefix(first) if rules.party.match(first) else (first if first != body else "")
        if prefix:
            body = prefix + re.sub(r"^[省市县区州盟旗乡镇](?=(?:人民)?政府)", "", body)
        elif not re.match(r"[省市县区州盟旗乡镇]", body):  # 政府, 办事处: whose, the name does not say
            return None, None
    if rules.zone.search(body):
        return body, None
    if rules.government.search(body):
        body = re.sub(r"(?<![人民])政府$", "人民政府", body)
        return body, "government"
    if re.search(r"街道$", body):
        return body + "办事处", "government"
    if rules.department.search(body):
        return body, "department"
    if rules.place_tail.search(body):  # a bare place reports as its government
        return body, "government"
    return body, None


def _place_level(name: str) -> str | None:
    place = re.sub(r"(?:人民政府|政府|办事处)$", "", name)
    for pattern, level in _rules().place_levels:
        if pattern.search(place):
            return level
    return None


def describe_body(org: str | None) -> Body:
    """The body behind a reporter's name as the report writes it (`Meta.org`)."""
    if not org:
        return Body(None, None, None)
    name, kind = _normalise(_components(fold(org).strip()))
    if name is None:
        return Body(None, None, None)
    # 自治区, 区人民政府: a level word alone is no place, whatever short names it resembles
    division = None if _rules().level_word_only.fullmatch(name) else locate(name)
    if kind == "department":
        level = "department"
    elif kind == "government":  # its own place word first: 金普新区中长街道 is a town, wherever it is placed
        level = _place_level(name) or (division.level if division is not None else None)
    else:
        level = None
    return Body(name, level, division)
