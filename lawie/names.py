"""ORG and INITIATIVE names found by rule: organ types with their place or level words, quoted
names with the head noun that belongs to them, and titled documents that are not laws.

These rules are exact only in part; they serve as the rules-only baseline, as the pre-annotator
for new reports, and as a fallback where no trained model is loaded. The lexicons live in
`rules/names.json`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .normalize import fold
from .resources import load_rules

__all__ = ["NameSpan", "find_names"]


@dataclass(frozen=True)
class NameSpan:
    start: int
    end: int
    label: str  # "ORG" | "INITIATIVE"


@dataclass(frozen=True)
class _Rules:
    org: re.Pattern
    not_before: tuple[str, ...]
    not_after: tuple[str, ...]
    not_org: frozenset[str]
    quoted: re.Pattern
    titled: re.Pattern
    not_initiatives: frozenset[str]
    commemorative: re.Pattern
    law: re.Pattern


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = load_rules("names")
    types = _alternation(data["org_types"])
    org = re.compile(rf"(?:{data['org_prefix']})?(?:{types})|{data['org_named']}")
    heads = _alternation(data["initiative_heads"])
    prefixes = _alternation(data["initiative_prefixes"])
    quoted = re.compile(rf"(?:(?:{prefixes}))?“(?P<name>[^“”\n]{{1,40}})”(?:{heads})?")
    return _Rules(
        org=org,
        not_before=tuple(data["not_org_before"]),
        not_after=tuple(data["not_org_after"]),
        not_org=frozenset(data["not_org"]),
        quoted=quoted,
        titled=re.compile(r"《(?P<name>[^《》\n]{2,80})》"),
        not_initiatives=frozenset(data["not_initiatives"]),
        commemorative=re.compile(data["commemorative_after"]),
        law=re.compile(data["law_title"]),
    )


def find_names(text: str) -> list[NameSpan]:
    """ORG and INITIATIVE spans by rule, in order, never overlapping (initiatives first)."""
    folded = fold(text)
    rules = _rules()
    spans: list[NameSpan] = []
    for match in rules.titled.finditer(folded):
        if not rules.law.search(match.group("name")):
            spans.append(NameSpan(match.start(), match.end(), "INITIATIVE"))
    for match in rules.quoted.finditer(folded):
        name = match.group("name")
        if name in rules.not_initiatives or rules.commemorative.match(folded, match.end("name") + 1):
            continue
        if _overlaps(spans, match.start(), match.end()):
            continue
        spans.append(NameSpan(match.start(), match.end(), "INITIATIVE"))
    for match in rules.org.finditer(folded):
        start, end = match.start(), match.end()
        name = folded[start:end]
        if name in rules.not_org or _overlaps(spans, start, end):
            continue
        if folded[max(0, start - 2) : start].endswith(rules.not_before):
            continue
        if folded.startswith(rules.not_after, end):
            continue
        spans.append(NameSpan(start, end, "ORG"))
    spans.sort(key=lambda s: s.start)
    return spans


def _overlaps(spans: list[NameSpan], start: int, end: int) -> bool:
    return any(s.start < end and start < s.end for s in spans)
