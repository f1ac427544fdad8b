"""ORG and INITIATIVE names found by rule: organ types with their place or level words, groups
and committees, the reporting body's own name, quoted names with the head noun that belongs to
them, titled documents that are not laws, a lexicon of national programmes, and named systems.

These rules are exact only in part. They are the rules-only baseline, the pre-annotator for new
reports, and features for the trained NER (`components/rule_tags.py`), which learns where to
trust them. The lexicons and patterns live in `rules/names.json`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable

from .bodies import find_bodies
from .gazetteer import gazetteer, locate
from .normalize import fold
from .quotes import quote_features
from .resources import alternation, load_rules
from .spans import SpanSet, covering

__all__ = ["NameSpan", "find_names", "own_names"]


@dataclass(frozen=True)
class NameSpan:
    start: int
    end: int
    label: str  # "ORG" | "INITIATIVE"


@dataclass(frozen=True)
class _Rules:
    named: re.Pattern
    not_before: tuple[str, ...]
    not_after: tuple[str, ...]
    not_org: frozenset[str]
    level: re.Pattern
    stop_words: re.Pattern
    quoted: re.Pattern
    titled: re.Pattern
    known: re.Pattern
    system: re.Pattern
    not_initiatives: frozenset[str]
    commemorative: re.Pattern
    commemorative_content: re.Pattern
    law: re.Pattern
    rule_title: re.Pattern
    book: re.Pattern
    bare_quote_not: re.Pattern
    bare_max: int
    metaphors: frozenset[str]
    quote_kinds: tuple[tuple[str, re.Pattern], ...]
    slogan_marks: frozenset[str]
    numbered_set: re.Pattern
    descriptor_stop: tuple[str, ...]


def _stop_words(words: Iterable[str], not_before: dict[str, list[str]]) -> str:
    """The stop words, each unless followed by what makes it part of a name (全 but not 全面:
    `市委全面依法治市委员会` is one body)."""
    return "|".join(
        re.escape(w) + (f"(?!{alternation(not_before[w])})" if w in not_before else "")
        for w in sorted(set(words), key=len, reverse=True)
    )


def _university(data: dict) -> str:
    """A university or college named with its region or province (中国政法大学, 山东政法学院)."""
    places = alternation(data["regions"] + load_rules("provinces")["provinces"])
    not_ending = "".join(f"(?<!{re.escape(word)})" for word in data["not_ending"])
    return rf"(?:{places})[\u4e00-\u9fff]{{0,6}}?(?:{alternation(data['heads'])})(?!生){not_ending}(?:{alternation(data['faculties'])})?"


_QUOTE_KINDS = ("formula", "period", "honour", "service_mode", "strategy", "sentence", "format")


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = load_rules("names")
    types = alternation(data["org_types"])
    heads = alternation(data["initiative_heads"])
    prefixes = alternation(data["initiative_prefixes"])
    return _Rules(
        named=re.compile(data["org_named"] + "|" + _university(data["universities"])),
        not_before=tuple(data["not_org_before"]),
        not_after=tuple(data["not_org_after"]),
        not_org=frozenset(data["not_org"]),
        level=re.compile(data["level_words"]),
        stop_words=re.compile(rf".*(?:{_stop_words(data['name_stop_words'], data['name_stop_words_not_before'])})"),
        quoted=re.compile(
            rf"(?P<prefix>{prefixes})?“(?P<name>[^“”\n]{{1,40}})”(?:(?P<desc>[\u4e00-\u9fff]{{0,6}}?)(?P<head>(?:{heads})+)(?!化))?"
        ),
        titled=re.compile(r"《(?P<name>[^《》\n]{2,80})》"),
        known=re.compile(rf"“?(?:{alternation(data['known_initiatives'])})”?(?:(?:{heads})(?!化))?"),
        # a conjunction that joins a class of organs (读书班和全省系统…) ends a system's name; one inside
        # it stays (行政执法和行政执法监督一体化平台); 全省系统 itself is the province's organs, not software
        system=re.compile(
            rf"(?:{data['system_verbs']})(?P<name>(?:(?![和与及][全本各])[\u4e00-\u9fff]){{2,16}}?(?:{data['system_heads']}))"
        ),
        not_initiatives=frozenset(data["not_initiatives"]),
        commemorative=re.compile(data["commemorative_after"]),
        commemorative_content=re.compile(data["commemorative_content"]),
        law=re.compile(data["law_title"]),
        rule_title=re.compile(data["rule_title"]),
        book=re.compile(data["book_title"]),
        bare_quote_not=re.compile(
            "|".join(f"(?:{data['quote_not_initiative'][k]})" for k in _QUOTE_KINDS)
        ),
        bare_max=int(data["quote_not_initiative"]["max_bare_chars_without_head"]),
        metaphors=frozenset(data["quote_not_initiative"]["metaphors"]),
        quote_kinds=tuple((k, re.compile(data["quote_not_initiative"][k])) for k in _QUOTE_KINDS),
        slogan_marks=frozenset(data["slogan_marks"]),
        numbered_set=re.compile(data["quote_numbered_set"]),
        descriptor_stop=tuple(data["head_descriptor_stop"]),
    )


# a document's title in 《》, or one the text cuts before its 》 (no sentence ends after the 《):
# nothing inside it is a body named
_TITLE_SPAN = re.compile(r"《[^《》\n]*》|《[^《》\n。;!?]{0,60}\Z")


class _Stretches:
    """Sorted, non-overlapping stretches of text, asked whether one of them holds a span."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(spans)

    def holds(self, start: int, end: int, *, longer: bool = False) -> bool:
        found = covering(self.spans, start, end)
        return found is not None and (not longer or found[1] - found[0] > end - start)


def own_names(org: str | None) -> list[str]:
    """The reporting body's name and its short forms (`绍兴市柯桥区湖塘街道办事处` → also
    `湖塘街道办事处`, `湖塘街道`), longest first; a joint reporter gives each of its bodies
    (`山西省委、省政府` → `山西省委`, `省政府`). A form without a place (`人民政府`) names nothing."""
    if not org:
        return []
    folded = fold(org)
    parts = [folded] if not re.search(r"[、和]", folded) else re.split(r"[、和]", folded)
    names = set()
    for part in parts:
        tail = re.sub(r"^(?:[\u4e00-\u9fff]{2,4}?(?:省|市|区|县))+", "", part)
        for form in (part, tail):
            base = re.sub(r"(?:办事处|人民政府|政府)$", "", form)
            names.update(n for n in (form, base) if _has_place(n))
    return sorted((n for n in names if len(n) >= 3), key=len, reverse=True)


def _has_place(name: str) -> bool:
    """Whether a name begins with a place of the gazetteer (not a bare level word)."""
    gaz = gazetteer()
    full = gaz.full_names()
    return any(name[:k] in full for k in range(min(len(name), gaz.max_len), 1, -1)) and name not in _LEVEL_ONLY


_LEVEL_ONLY = frozenset({"自治区", "自治州", "自治县", "街道", "市区"})


def find_names(
    text: str, *, folded: str | None = None, known_orgs: Iterable[str] = (), judge: Callable[[list[str]], bool] | None = None
) -> list[NameSpan]:
    """ORG and INITIATIVE spans by rule, in order, never overlapping.

    ``known_orgs``: names of bodies known to stand for a body in this report (the reporting
    body's name from the title or preamble, see `own_names`). ``judge``: a trained model that
    decides, from a quoted phrase's features (`quotes.quote_features`), whether it names a
    programme; without one the rules decide.
    """
    folded = fold(text) if folded is None else folded
    rules = _rules()
    spans: SpanSet[str] = SpanSet()
    add = spans.add

    for match in rules.titled.finditer(folded):
        if _is_titled_initiative(match.group("name"), rules):
            add(match.start(), match.end(), "INITIATIVE")
    for match in rules.quoted.finditer(folded):
        if judge is None:
            start, end = _quoted_extent(match, rules)
        else:
            start, end = _kept_extent(match, rules)
            if not judge(quote_features(match, rules)):
                end = None
        if end is not None:
            add(start, end, "INITIATIVE")
    titles = _Stretches((m.start() + 1, m.end()) for m in _TITLE_SPAN.finditer(folded))
    bodies = _Stretches((s, e) for s, e in find_bodies(folded) if not titles.holds(s, e))
    for match in rules.known.finditer(folded):
        if not bodies.holds(match.start(), match.end(), longer=True):  # 推行三项制度工作领导小组 is a body
            add(match.start(), match.end(), "INITIATIVE")
    for match in rules.system.finditer(folded):
        if not _ORGANS_SYSTEM.search(match.group("name")):
            add(match.start("name"), match.end("name"), "INITIATIVE")
    for name in sorted(set(known_orgs), key=len, reverse=True):
        for match in re.finditer(re.escape(fold(name)), folded):
            start, end = match.start(), match.end()
            if bodies.holds(start, end, longer=True) or titles.holds(start, end):
                continue  # 湖塘街道全面依法治国委员会, 中共海东市委…: the longer body is the name
            if not folded.startswith(rules.not_after, end):
                add(start, end, "ORG")
    for start, end in bodies.spans:
        add(start, end, "ORG")
    for match in rules.named.finditer(folded):
        start, end = match.start(), match.end()
        if folded.startswith(rules.not_after, end) or folded[start:end] in rules.not_org or titles.holds(start, end):
            continue
        add(_trim_prefix(folded, start, end, rules), end, "ORG")
    return [NameSpan(start, end, label) for start, end, label in spans]


_ORGANS_SYSTEM = re.compile(r"[全本][省市区县州]?系统$")  # 全省系统: the organs of a province's line, no software


@lru_cache(maxsize=1)
def _org_types() -> tuple[str, ...]:
    """Organ types and the suffixes of named bodies, longest first."""
    suffixes = ["社区", "村", "居委会", "村委会", "公司", "集团", "派出所"]
    return tuple(sorted(set(load_rules("names")["org_types"] + suffixes), key=len, reverse=True))


def _org_type_start(name: str) -> int:
    """Where the organ type begins in a matched name (0 when the match is a type alone)."""
    for org_type in _org_types():
        if name.endswith(org_type):
            return len(name) - len(org_type)
    return 0


def _trim_prefix(folded: str, start: int, end: int, rules: _Rules) -> int:
    """Moves the start past a verb, determiner or particle that crept into a name's prefix
    (`联合燃气集团` → `燃气集团`, `并向深圳市罗湖区人民法院` → `深圳市罗湖区人民法院`)."""
    name = folded[start:end]
    head = _org_type_start(name)
    if head <= 0:
        return start
    found = rules.stop_words.match(name[:head])
    return start if found is None else start + found.end()


def _is_titled_initiative(title: str, rules: _Rules) -> bool:
    """A 《》 title names an initiative unless it is a law, a book, or a rule (规章) of a province,
    a city or the centre (§5.2, §9.5 of the guideline)."""
    if rules.law.search(title) or rules.book.search(title):
        return False
    if rules.rule_title.search(title):
        if "实施" in title:
            return True
        division = locate(title)
        return division is not None and division.level in ("county", "town")
    return True


def _kept_extent(match: re.Match, rules: _Rules) -> tuple[int, int]:
    """The span of a quoted phrase taken as a name: with its prefix, and with its head noun
    unless a word between them shows the head is not part of the name."""
    start = match.start() if match.group("prefix") else match.start("name") - 1
    descriptor = match.group("desc") or ""
    if match.group("head") is not None and not any(stop in descriptor for stop in rules.descriptor_stop):
        return start, match.end("head")
    return start, match.end("name") + 1


def _quoted_extent(match: re.Match, rules: _Rules) -> tuple[int, int | None]:
    """The span of a quoted name (`_kept_extent`), or (start, None) where the rules say it names
    nothing: a listed word, a commemorative day, a short or excluded bare phrase, a slogan."""
    name = match.group("name")
    has_head = match.group("head") is not None
    start, end = _kept_extent(match, rules)
    if name in rules.not_initiatives or rules.commemorative_content.search(name):
        return start, None
    if rules.commemorative.match(match.string, match.end("name") + 1):
        return start, None
    if not has_head and (
        name in rules.metaphors or len(name) <= rules.bare_max or rules.bare_quote_not.search(name)
    ):
        return start, None
    if any(mark in name for mark in rules.slogan_marks) and not rules.numbered_set.match(name):
        if not has_head or end != match.end("head"):
            return start, None  # a quoted list or sentence is a slogan unless a head noun joins it
    return start, end


