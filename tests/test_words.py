"""Segmentation over jieba's word list: offsets, parts of speech, unknown characters. Excerpts are
from corpus reports."""

from __future__ import annotations

from lawie.words import lexicon, segment

P3_14 = "突出法治建设考核简约性和精准性,把62项考核指标精简优化为13项。"  # train report p3-14


def test_words_cover_the_text_in_order_with_true_offsets():
    words = segment(P3_14)
    assert words[0].start == 0 and words[-1].end == len(P3_14)
    assert all(a.end == b.start for a, b in zip(words, words[1:]))
    assert "".join(P3_14[w.start : w.end] for w in words) == P3_14


def test_words_of_the_list_carry_their_part_of_speech():
    words = {P3_14[w.start : w.end]: w.pos for w in segment(P3_14)}
    assert words["突出"] == "v" and words["考核"] == "vn" and words["指标"] == "n" and words["把"] == "p"


def test_a_part_of_the_text_keeps_offsets_into_the_whole_text():
    start = P3_14.index("考核指标")
    words = segment(P3_14, start, start + 4)
    assert [(P3_14[w.start : w.end], w.start) for w in words] == [("考核", start), ("指标", start + 2)]


def test_unknown_characters_stand_alone_and_empty_text_has_no_words():
    words = segment("把62项")
    assert [("把62项"[w.start : w.end], w.pos) for w in words][:3] == [("把", lexicon()[0]["把"][1]), ("6", "x"), ("2", "x")]
    assert segment("") == []


def test_the_word_list_says_where_it_comes_from():
    from lawie.resources import rules_text

    header = rules_text("words.tsv").splitlines()[0]
    assert header.startswith("#") and "jieba" in header and "MIT" in header
    assert len(lexicon()[0]) == 60000
