"""The rule files' loader and the word alternation that the rule modules compile."""

from __future__ import annotations

import re

from lawie.resources import alternation, load_rules


def test_the_longest_word_wins_where_several_start_at_one_place():
    pattern = re.compile(alternation(["司法局", "司法", "司法厅", "局", "市司法局"]))
    text = "市司法局、省司法厅和司法所"
    assert [m.group() for m in pattern.finditer(text)] == ["市司法局", "司法厅", "司法"]


def test_the_trie_matches_what_a_longest_first_list_matches():
    organs = load_rules("organs")
    words = organs["national"] + organs["party"] + organs["government"]
    listed = re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))
    trie = re.compile(alternation(words))
    # p3-10 and p1-30 of the corpus
    text = "带头抓好司法厅推进法治政府建设各项工作,先后16次召开厅党委会、厅长办公会;2022年,市卫生健康委党委全面贯彻党中央、国务院和市委、市政府决策部署"
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in listed.finditer(text)]
    assert len(trie.findall(text)) >= 6


def test_special_characters_are_literal_and_no_words_match_nothing():
    assert re.fullmatch(alternation(["a.b", "(x)"]), "a.b") and not re.fullmatch(alternation(["a.b"]), "axb")
    assert re.fullmatch(alternation(["(x)"]), "(x)")
    assert alternation([]) == "" and alternation([""]) == ""
