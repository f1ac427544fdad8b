"""Chinese administrative divisions to town level, and where a body's name sits among them.

The data is `rules/places.tsv`, built from jionlp's division tree (see its header and
benchmarks/GAZETTEERS.md for the choice). The name grammar uses it to know that a string is a
place; `locate` puts a reporting body on the map. A name that is unknown, masked or ambiguous
gives None: a division is never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from .normalize import fold
from .resources import rules_text

__all__ = ["Division", "Gazetteer", "gazetteer", "locate"]

LEVELS = ("province", "city", "county", "town")
# Suffixes a division's name may drop in use (`嘉定区` → `嘉定`, `南湖街道` → `南湖`): only the short
# forms the data lists are used for provinces, cities and counties; towns lose their suffix here.
_TOWN_SUFFIX = re.compile(r"(?:街道办事处|街道|镇|乡|苏木|民族乡)$")
_MASK = re.compile(r"[xX×*＊○〇□]{1,}|某")


@dataclass(frozen=True)
class Division:
    """An administrative division and the divisions above it; `code` is the six-digit division
    code of the division (of its county, for a town, whose codes the data does not carry)."""

    name: str
    level: str
    code: str | None
    province: str | None
    city: str | None
    county: str | None
    town: str | None = None


@dataclass(frozen=True)
class _Entry:
    level: str
    name: str
    code: str
    parent: str  # the parent's code (a town: its county's; a former name: "former")


class Gazetteer:
    """Lookup of division names, full, short and former, to their entries."""

    def __init__(self, entries: list[_Entry]) -> None:
        self._by_code: dict[tuple[str, str], _Entry] = {}
        self._names: dict[str, list[_Entry]] = {}
        for entry in entries:
            if entry.code and entry.parent != "former" and entry.level != "town":
                self._by_code.setdefault((entry.level, entry.code), entry)
        for entry in entries:
            self._names.setdefault(entry.name, []).append(entry)
        self._full = frozenset(self._names)
        self._town_bases: set[str] = set()
        self.max_len = max(len(name) for name in self._names)

    def add_alias(self, alias: str, entry: _Entry, *, town_base: bool = False) -> None:
        self._names.setdefault(alias, []).append(entry)
        if town_base:
            self._town_bases.add(alias)

    def is_town_base(self, name: str) -> bool:
        """A town's name without its suffix (湖塘 for 湖塘街道): a place only with the suffix."""
        return name in self._town_bases

    def full_names(self) -> frozenset[str]:
        """The official and former names, without the short forms."""
        return self._full

    def __contains__(self, name: str) -> bool:
        return name in self._names

    def lookup(self, name: str) -> tuple[Division, ...]:
        """Every division a name (full, short or former) may denote."""
        return tuple(self._division(entry) for entry in self._names.get(fold(name), ()))

    def places_ending_at(self, text: str, end: int, *, min_len: int = 2) -> Iterator[int]:
        """Starts of the names in the gazetteer that end at `end`, longest first."""
        for length in range(min(self.max_len, end), min_len - 1, -1):
            if text[end - length : end] in self._names:
                yield end - length

    def _division(self, entry: _Entry) -> Division:
        if entry.parent == "former":
            current = self._by_code.get((entry.level, entry.code))
            if current is None:
                return Division(entry.name, entry.level, entry.code, None, None, None)
            return self._division(current)
        chain: dict[str, str] = {}
        code = entry.code if entry.level != "town" else entry.parent
        for level in ("county", "city", "province"):
            if entry.level == level or LEVELS.index(level) < LEVELS.index(entry.level):
                found = self._find_up(level, code)
                if found is not None:
                    chain[level] = found.name
        if entry.level == "town":
            chain["town"] = entry.name
        else:
            chain[entry.level] = entry.name
        return Division(
            name=entry.name,
            level=entry.level,
            code=(entry.parent if entry.level == "town" else entry.code) or None,
            province=chain.get("province"),
            city=chain.get("city"),
            county=chain.get("county"),
            town=chain.get("town"),
        )

    def _find_up(self, level: str, code: str) -> _Entry | None:
        """The division of `level` that contains the one with this code (codes nest by digits;
        a municipality's districts sit under a city row with the municipality's own code)."""
        if not code:
            return None
        if level == "province":
            return self._by_code.get(("province", code[:2] + "0000"))
        if level == "city":
            return self._by_code.get(("city", code[:4] + "00")) or self._by_code.get(("city", code[:2] + "0000"))
        return self._by_code.get(("county", code))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, read once from `rules/places.tsv`."""
    entries: list[_Entry] = []
    shorts: list[tuple[str, int]] = []
    for line in rules_text("places.tsv").splitlines():
        if not line or line.startswith("#"):
            continue
        level, name, short, code, parent = line.split("\t")
        entries.append(_Entry(level, name, code, parent))
        if short and short != name:
            shorts.append((short, len(entries) - 1))
    gaz = Gazetteer(entries)
    for short, index in shorts:
        gaz.add_alias(short, entries[index])
    for entry in entries:
        if entry.level == "town":
            base = _TOWN_SUFFIX.sub("", entry.name)
            if len(base) >= 2 and base != entry.name and base not in gaz:
                gaz.add_alias(base, entry, town_base=True)
    return gaz


def locate(org: str | None) -> Division | None:
    """The division a body's name places it in, or None when unknown, masked or ambiguous.

    The leading places of the name are read left to right, longest first (`绍兴市柯桥区湖塘街道办事处`
    → 绍兴市, 柯桥区, 湖塘街道); each must lie inside the one before, and the last one decides.
    """
    if not org or _MASK.search(org):
        return None
    name = re.sub(r"^(?:中共|中国共产党)", "", fold(org).strip())
    gaz = gazetteer()
    chain = _read_places(name, gaz)
    if not chain:
        return None
    candidates = set(gaz.lookup(chain[0]))
    for place in chain[1:]:
        inner = {d for d in gaz.lookup(place) if any(_inside(d, outer) for outer in candidates)}
        if not inner:
            break  # `上海市人民政府`: 人民 is also a town's short name, but not one inside 上海市
        candidates = inner
    if len({d.code for d in candidates}) == 1:  # 北京市: the municipality and its city row
        return min(candidates, key=lambda d: LEVELS.index(d.level))
    return None


def _read_places(text: str, gaz: Gazetteer) -> list[str]:
    """The gazetteer names at the start of the text, longest first, up to the first non-place."""
    out: list[str] = []
    start = 0
    while start < len(text):
        for end in range(min(len(text), start + gaz.max_len), start + 1, -1):
            name = text[start:end]
            if name in gaz and not gaz.is_town_base(name) and (name in gaz.full_names() or _ends_word(text, end)):
                out.append(name)
                start = end
                break
        else:
            break
    return out


_AFTER_SHORT = set("省市区县州盟旗镇乡街党政人委司公法检纪监组宣统编办局厅")


def _ends_word(text: str, end: int) -> bool:
    """A short name (长兴 for 长兴县) is a place only before a level or organ word or the end:
    in 长兴岛经济技术开发区 it is part of another name."""
    return end == len(text) or text[end] in _AFTER_SHORT


def _inside(inner: Division, outer: Division) -> bool:
    """Whether `inner` lies within `outer` (or is the same division named again)."""
    if inner == outer:
        return True
    field = {"province": inner.province, "city": inner.city, "county": inner.county}.get(outer.level)
    return LEVELS.index(inner.level) > LEVELS.index(outer.level) and field == outer.name
