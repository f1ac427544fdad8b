"""ORG names by grammar: [中共] + places + [level word] + organ + [sub-bodies].

The organ is read from a lexicon of the organs of the state and the Party (`rules/organs.json`,
with its sources), the places from the gazetteer (`gazetteer.py`), towns not in it by their
suffix. A name is found from its organ outwards: the level word and places before it, the Party
group or study group after it. Determiners make the organ a class (各级党委); a post after a
body makes it the owner of the post, not a body named (镇党委、政府主要负责同志).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .gazetteer import gazetteer
from .resources import alternation, load_rules

__all__ = ["find_bodies"]

_CJK = re.compile(r"[\u4e00-\u9fff]")
_BOUNDARY = set(",.;:!?、“”‘’()[]<>《》\"' \t\n\r。，；：！？（）【】—-·")
_JOIN = ("、", "和", "及", "与", ",")


@dataclass(frozen=True)
class _Grammar:
    organ: re.Pattern
    national: frozenset[str]
    needs_qualifier: frozenset[str]
    standalone: frozenset[str]
    sub_body: re.Pattern
    level: tuple[str, ...]
    sub_body_levels: tuple[str, ...]
    sub_body_organs: frozenset[str]
    not_merged: frozenset[str]
    actor: re.Pattern
    town_suffixes: tuple[str, ...]
    not_town_starts: tuple[str, ...]
    determiners: tuple[str, ...]
    not_organ_after: tuple[str, ...]
    post: re.Pattern
    organ_not_before: dict[str, tuple[str, ...]]
    group: re.Pattern
    group_openers: tuple[str, ...]
    stop_chars: frozenset[str]
    full_places: frozenset[str]


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    data = load_rules("organs")
    literals = data["national"] + data["party"] + data["government"]
    department = f"(?:{alternation(data['department_stems'])})(?:{alternation(data['department_heads'])})"
    gaz = gazetteer()
    return _Grammar(
        organ=re.compile(f"{department}|{alternation(literals)}"),
        national=frozenset(data["national"]),
        needs_qualifier=frozenset(data["needs_qualifier"]),
        standalone=frozenset(data["standalone_in_context"]),
        sub_body=re.compile(f"(?:{alternation(data['sub_bodies'])})+(?!织)"),  # 党组织 is no Party group
        level=tuple(sorted(data["level_words"], key=len, reverse=True)),
        sub_body_levels=tuple(data["sub_body_levels"]),
        sub_body_organs=frozenset(data["sub_bodies"]),
        not_merged=frozenset(data["not_merged"]),
        actor=re.compile(
            rf"(?:^|(?<=[\n,;:。]))(?P<place>[\u4e00-\u9fff]{{2,14}}?)(?:{alternation(data['actor_verbs'])})"
        ),
        town_suffixes=tuple(data["town_suffixes"]),
        not_town_starts=tuple(data["not_town_starts"]),
        determiners=tuple(sorted(data["determiners"], key=len, reverse=True)),
        not_organ_after=tuple(data["not_organ_after"]),
        post=re.compile(f"(?:{alternation(data['post_words'])})(?!下)"),  # 在县委、县政府领导下: no post
        organ_not_before={k: tuple(v) for k, v in data["organ_not_before"].items()},
        group=re.compile(data["groups"]),
        group_openers=tuple(sorted(data["group_openers"], key=len, reverse=True)),
        stop_chars=frozenset("的了在和与及对等是将把被向从由为以于并或也都就还所其之该各本我全"),
        full_places=gaz.full_names(),
    )


@dataclass
class _Body:
    start: int
    end: int
    organ_start: int
    qualified: bool
    organ: str


def find_bodies(folded: str) -> list[tuple[int, int]]:
    """(start, end) of the bodies named in a folded text, in order, never overlapping."""
    grammar = _grammar()
    bodies: list[_Body] = []
    for match in grammar.organ.finditer(folded):
        start, end = match.start(), match.end()
        organ = match.group()
        if organ == "政府" and kind_of_government(folded[max(0, start - 4) : start]):
            continue
        if folded.startswith(grammar.organ_not_before.get(organ, ()), end) and not (
            organ == "党委" and folded[start - 1 : start] in ("省", "市", "区", "县", "州", "镇", "乡")
        ):
            continue
        if (
            bodies
            and bodies[-1].end == start
            and organ not in grammar.not_merged
            and organ not in grammar.national
            and not _has_qualifier(folded, start)
        ):
            bodies[-1].end = _sub_bodies(folded, end, grammar)  # 市委 + 全面依法治市委员会
            continue
        if bodies and start < bodies[-1].end:
            continue
        body_start, qualified = _extend_left(folded, start, grammar, organ.startswith(grammar.town_suffixes))
        body_end = _sub_bodies(folded, end, grammar)
        if not qualified and organ in grammar.sub_body_levels and body_end > end:
            qualified = True  # 委党组 as 局党组: the reporting commission's own Party group
        body = _Body(body_start, body_end, start, qualified, organ)
        bodies.append(body)
    kept = _keep(folded, bodies, grammar)
    return _with_actors(folded, _with_groups(folded, kept, grammar), grammar)


def kind_of_government(before: str) -> bool:
    """Whether the words before 政府 make it a kind of government, not a body (法治政府, 数字政府:
    organs.json `not_organ_after`)."""
    return before.endswith(_grammar().not_organ_after)


def _with_actors(folded: str, bodies: list[tuple[int, int]], grammar: _Grammar) -> list[tuple[int, int]]:
    """Adds a place that acts as its government at the start of a clause (镇宁自治县坚持…)."""
    out = list(bodies)
    gaz = gazetteer()
    for match in grammar.actor.finditer(folded):
        start, end = match.span("place")
        if any(s < end and start < e for s, e in bodies):
            continue
        place = folded[start:end]
        level = next((lv for lv in grammar.level if place.endswith(lv) and len(place) > len(lv)), "")
        if place in grammar.full_places or (level and place[: -len(level)] in gaz):
            out.append((start, end))
    return sorted(out)


def _with_groups(folded: str, bodies: list[tuple[int, int]], grammar: _Grammar) -> list[tuple[int, int]]:
    """Adds the named groups (法治建设工作领导小组) that no body overlaps but their owner: a body
    that opens the group's topic, or stands just before it, is part of its name
    (中共濮院镇委员会法治建设领导小组, 街道法治政府建设工作领导小组)."""
    out = list(bodies)
    taken = sorted(bodies)
    for match in grammar.group.finditer(folded):
        start, end = _group_start(folded, match.start(), grammar), match.end()
        if start is None or folded[start:end].startswith(("各", "本", "相关", "有关")):
            continue
        inside = [(s, e) for s, e in taken if s < end and start < e]
        if any(s < start or e > end for s, e in inside) or (inside and inside[0][0] != start):
            continue
        out = [body for body in out if body not in inside]  # 中共濮院镇委员会法治建设领导小组: the owner is part of the name
        out.append((start, end))
    return sorted(out)


def _group_start(folded: str, head: int, grammar: _Grammar) -> int | None:
    """Where a group's topic begins: after the nearest clause boundary or opener word, 2 to 24
    characters before its head; None when there is none."""
    pos = head
    while pos > 0 and head - pos < 24 and (_CJK.match(folded[pos - 1]) or folded[pos - 1] in "“”"):
        if folded.endswith(grammar.group_openers, 0, pos):
            break
        pos -= 1
    if folded[pos : pos + 1] == "了":
        pos += 1  # 调整充实了…领导小组
    if head - pos < 2 or len(folded[pos:head].removesuffix("工作")) < 2:
        return None  # 工作领导小组 alone names no group
    if pos > 0 and head - pos >= 24:
        return None
    return pos


def _has_qualifier(folded: str, start: int) -> bool:
    return start > 0 and folded[start - 1] in "省市区县州镇乡" and not folded[start - 1 : start + 1] == "委员"


def _sub_bodies(folded: str, end: int, grammar: _Grammar) -> int:
    match = grammar.sub_body.match(folded, end)
    return match.end() if match else end


def _extend_left(folded: str, start: int, grammar: _Grammar, level_first: bool = False) -> tuple[int, bool]:
    """The start of the body's name and whether a place, level word or 中共 qualifies the organ
    (`level_first`: the organ begins with its level word, as 街道办事处 does)."""
    pos = start
    qualified = False
    level_before = level_first
    gaz = gazetteer()
    session = _SESSION.search(folded, max(0, start - 6), start)
    if session is not None:  # 市七届人大常委会: the session's ordinal between the level and the organ
        pos = session.start()
    levels = grammar.level + grammar.sub_body_levels if folded[start:].startswith(tuple(grammar.sub_body_organs)) else grammar.level
    full_place = next((b for b in gaz.places_ending_at(folded, pos) if _full_place(folded, b, pos, grammar)), None)
    for level in () if level_first or full_place is not None else levels:
        if pos - len(level) >= 0 and folded.startswith(level, pos - len(level)):
            pos -= len(level)
            qualified = True
            level_before = True
            break
    while pos > 0:
        found = None
        for begin in gaz.places_ending_at(folded, pos):
            name = folded[begin:pos]
            if _full_place(folded, begin, pos, grammar):
                found = begin
                break
            if level_before and _short_fits_level(gaz, name, folded, pos):
                found = begin
                break
        if found is None and level_before and folded[pos : pos + 4].startswith(grammar.town_suffixes):
            found = _unlisted_town(folded, pos, grammar)
        if found is None:
            break
        level_before = _LEVEL_OF_WORD.get(folded[found:pos]) == "zone"  # 唐山 + 高新区 (a place's name of its own too)
        pos = found
        qualified = True
    if session is not None and pos == session.start():
        pos = start  # 第十届人大常委会: an ordinal with no level or place before it is not kept
    for prefix in ("中国共产党", "中共"):
        if folded.startswith(prefix, pos - len(prefix)):
            pos -= len(prefix)
            qualified = True
            break
    return pos, qualified


_SESSION = re.compile(r"第?[一二三四五六七八九十]{1,3}届$")

_LEVEL_OF_WORD = {"省": "province", "自治区": "province", "市": "city", "州": "city", "自治州": "city", "盟": "city",
                  "区": "county", "县": "county", "旗": "county", "自治县": "county", "自治旗": "county",
                  "街道": "town", "镇": "town", "乡": "town", "苏木": "town", "民族乡": "town",
                  "经济技术开发区": "zone", "高新技术产业开发区": "zone", "经开区": "zone", "高新区": "zone", "开发区": "zone"}


_LEVEL_WORDS_LONGEST_FIRST = tuple(sorted(_LEVEL_OF_WORD, key=len, reverse=True))


def _short_fits_level(gaz, name: str, folded: str, pos: int) -> bool:
    """A short place name before a level word: a town's must make its full name with the word
    (湖塘 + 街道 = 湖塘街道, not 纳入 + 乡); a higher division's must be of the word's level (海西 + 州),
    with 市 also naming county-level cities, and a development zone's a city's or county's (唐山 + 高新区)."""
    word = next((w for w in _LEVEL_WORDS_LONGEST_FIRST if folded.startswith(w, pos)), None)
    if word is None:
        return False
    level = _LEVEL_OF_WORD[word]
    if level == "town":
        return name + word in gaz.full_names()
    levels = {d.level for d in gaz.lookup(name)}
    if level == "zone":  # 唐山高新区: a city's or county's development zone
        return bool(levels & {"city", "county"})
    return level in levels or (word == "市" and "county" in levels)


def _full_place(folded: str, begin: int, end: int, grammar: _Grammar) -> bool:
    """Whether folded[begin:end] is a place's full name, not 和/与/及 + a level word."""
    name = folded[begin:end]
    return name in grammar.full_places and not _conjunction_first(folded, begin, name)


def _conjunction_first(folded: str, begin: int, name: str) -> bool:
    """和县 after a character is 和 + 县 (`…和县政府`), not the county of 和县, unless a place ends
    there (`马鞍山市和县人民政府`)."""
    if not (name[0] in "和与及" and begin > 0 and _CJK.match(folded[begin - 1])):
        return False
    return not any(True for _ in gazetteer().places_ending_at(folded, begin))


def _unlisted_town(folded: str, pos: int, grammar: _Grammar) -> int | None:
    """The start of a town's name not in the gazetteer (建筑新村街道), 2–4 characters after a
    clause boundary or a listed place."""
    for length in (4, 3, 2):
        begin = pos - length
        if begin < 0:
            continue
        name = folded[begin:pos]
        if not all(_CJK.match(c) for c in name) or any(c in grammar.stop_chars for c in name):
            continue
        if any(verb in name for verb in grammar.not_town_starts) or _verb(name):
            continue
        if begin == 0 or folded[begin - 1] in _BOUNDARY:
            return begin
        if any(True for _ in gazetteer().places_ending_at(folded, begin)):
            return begin
    return None


def _verb(name: str) -> bool:
    """Whether a would-be town name is a verb of the word list (纳入镇党委: 纳入 is no town)."""
    from .words import lexicon

    entry = lexicon()[0].get(name)
    return entry is not None and entry[1] == "v"


def _keep(folded: str, bodies: list[_Body], grammar: _Grammar) -> list[tuple[int, int]]:
    """The bodies that name one body: qualified or standalone, not after a determiner, not the
    owners of a post."""
    kept: list[_Body] = []
    for body in bodies:
        before = folded[max(0, body.start - 4) : body.start]
        if body.organ == "理论学习中心组" and before.endswith(")"):
            continue  # 党委(党组)理论学习中心组: every committee's study group
        if body.start == body.organ_start - 1 and before[-1:] in ("省", "市", "区", "县", "乡", "镇"):
            continue  # 市县政府, 县乡党委: a list of levels is a class
        if before.endswith(grammar.determiners):
            if body.organ_start > body.start and before.endswith(("我", "本")):
                body.start = body.organ_start  # 我街道综合行政执法办公室 → 综合行政执法办公室
                body.qualified = False
            else:
                continue
        if _names_one_body(folded, body, kept, grammar):
            kept.append(body)
    return _drop_post_owners(folded, kept, grammar)


def _names_one_body(folded: str, body: _Body, kept: list[_Body], grammar: _Grammar) -> bool:
    """Whether the organ names one body: it has a place or level word, needs none, follows its own
    Party committee (`镇党委、政府`), or stands alone with a sub-body (`法院党组`)."""
    if body.qualified or body.organ not in grammar.needs_qualifier:
        return True
    if _after_party_committee(folded, body, kept):
        return True
    if (
        body.organ == "党组"
        and body.end == body.organ_start + 2
        and folded.startswith(("会", "(扩大)会", "扩大会"), body.end)
        and not folded[max(0, body.start - 2) : body.start].endswith(("单位", "部门", "系统", "各", "所属"))
    ):
        return True  # 召开党组(扩大)会议, 党组会: the reporter's own Party group meeting, as a bare 党委 is (§7.7)
    if body.organ in grammar.standalone and kept and folded[kept[-1].end : body.start] == "、":
        return True  # 人大、政协、监委、法院、检察院: listed with the bodies before it, one of each
    return body.organ in grammar.standalone and body.end > body.organ_start + len(body.organ)


def _after_party_committee(folded: str, body: _Body, earlier: list[_Body]) -> bool:
    """A bare 政府/办事处/管委会 right after its own Party committee (`铁桥镇党委、政府`)."""
    if body.organ not in ("政府", "人民政府", "办事处", "管委会") or not earlier:
        return False
    previous = earlier[-1]
    gap = folded[previous.end : body.start]
    return gap in _JOIN + ("",) and folded[previous.start : previous.end].endswith(("党委", "党工委", "工委", "委"))


# 等相关部门, 等乡镇、部门: the classes a list of bodies closes with before the post of their heads
_LISTED = re.compile("[、和及与,]|、[\u4e00-\u9fff]{1,10}、")  # next in a list, or after one member the rules do not know
_CLASSES_BEFORE_POST = re.compile("等(?:(?:相关|有关|其他|各)?(?:部门|单位|乡镇|街道|机关|县区|区县)[、和及]?)+")


def _drop_post_owners(folded: str, bodies: list[_Body], grammar: _Grammar) -> list[tuple[int, int]]:
    """Drops a body followed by a post, with the bodies listed before it (`市委、市政府主要负责同志`,
    `区财政局等乡镇、部门负责人`)."""
    drop: set[int] = set()
    for index, body in enumerate(bodies):
        classes = _CLASSES_BEFORE_POST.match(folded, body.end)
        if grammar.post.match(folded, classes.end() if classes else body.end):
            drop.add(index)
            back = index
            while back > 0 and _LISTED.fullmatch(folded, bodies[back - 1].end, bodies[back].start):
                back -= 1
                drop.add(back)
    return [(b.start, b.end) for i, b in enumerate(bodies) if i not in drop]
