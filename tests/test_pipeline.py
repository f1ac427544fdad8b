"""The run-time model pieces: segmentation, the entity policy, the role combiner."""

from __future__ import annotations

import pytest

from lawie.pipeline import combine, combine_role, role_input, segments


def test_segments_cut_lines_and_long_lines_at_sentence_ends():
    text = "第一行。\n" + "甲乙丙丁。" * 300 + "\n末行"
    pieces = segments(text, [(0, len(text))], limit=100)
    assert all(e - s <= 100 for s, e in pieces)
    assert "".join(text[s:e] for s, e in pieces) == text.replace("\n", "")
    assert all(text[e - 1] == "。" for s, e in pieces[1:-2])


@pytest.mark.parametrize(
    "policy, expected",
    [
        ("rules", [(0, 2, "COUNT"), (3, 8, "ORG")]),
        ("model", [(0, 2, "COUNT"), (4, 8, "ORG"), (10, 14, "INITIATIVE")]),
        ("model+rules", [(0, 2, "COUNT"), (4, 8, "ORG"), (10, 14, "INITIATIVE")]),
        ("rules+model", [(0, 2, "COUNT"), (3, 8, "ORG"), (10, 14, "INITIATIVE")]),
    ],
)
def test_entity_policy(policy, expected):
    model = [(0, 2, "ORG"), (4, 8, "ORG"), (10, 14, "INITIATIVE")]
    numbers = [(0, 2, "COUNT")]
    names = [(3, 8, "ORG")]
    assert combine(model, numbers, names, policy=policy) == expected


def test_unknown_policy_is_an_error():
    with pytest.raises(ValueError, match="unknown entity policy"):
        combine([], [], [], policy="vote")


def test_combiner_without_weights_takes_the_classifier():
    assert combine_role({"plan": 0.7, "achievement": 0.3}, None, "achievement", None) == ("plan", 0.7)


def test_combiner_weights_can_follow_the_heading_cue():
    # weights that copy the rule role's one-hot (features 12..17) into the scores
    classes = ["achievement", "problem", "plan", "rectification", "leadership", "other"]
    weights = [[0.0] * 24 for _ in classes]
    for i in range(6):
        weights[i][12 + i] = 5.0
    combiner = {"classes": classes, "weights": weights, "bias": [0.0] * 6}
    role, score = combine_role({"plan": 0.9}, "problem", "problem", combiner, "存在的不足")
    assert role == "problem" and 0.9 < score <= 1.0


def test_a_preamble_stays_other_whatever_the_classifier_reads(corpus):
    import lawie

    assert combine_role({"achievement": 0.9, "other": 0.1}, None, "other", None) == ("other", 1.0)
    # test6 report j-03: the summary before the first heading, which the classifier and the combiner
    # read as an achievement
    text = corpus["j-03"]["text"]
    preamble = next(item for item in lawie.extract(text).items if item.text.startswith("2020年,忻州市坚持"))
    assert preamble.role == "other"


def test_role_input_joins_headings_and_text():
    assert role_input(("一、总体情况", "(一)加强学习"), "组织学习13场次。") == "一、总体情况 ‖ (一)加强学习 ‖ 组织学习13场次。"


@pytest.mark.parametrize(
    "text",
    [
        "(三)党政主要负责人积极履行推进法治建设第一责任人职责。",  # seed 000
        "  近三年,笋岗街道党工委、办事处按照区委、区政府工作部署推进法治建设。\n\n",  # seed 001, indented
        "编制公布行政许可事项清单 236 项,发布“高效办成一件事”事项清单 4 期",  # p3-15: spaces inside
        "主任、各位副主任  各位委员:\n\t我受县政府委托 ",  # p2-15, runs of whitespace at either end
        "",
    ],
)
def test_fast_character_tokenizer_gives_spacys_tokens(text):
    import spacy

    from lawie.pipeline import _CharTokenizer

    nlp = spacy.blank("zh")
    expected = nlp.tokenizer(text)
    found = _CharTokenizer(nlp.vocab)(text)
    assert [(t.text, t.whitespace_) for t in found] == [(t.text, t.whitespace_) for t in expected]
    assert found.text == text


def test_no_heading_cue_gives_other_so_only_a_preamble_has_that_rule_role():
    from lawie.resources import load_rules

    roles = load_rules("roles")
    assert all(cue["role"] != "other" for cue in roles["cues"]) and roles["default_body"] != "other"
    assert roles["default_preamble"] == "other"
