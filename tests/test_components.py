"""lawie's spaCy components on blank `zh` pipelines: found by name, serialisable, scored."""

from __future__ import annotations

import spacy
from spacy.training import Example

from .conftest import REPORT_IDS


def test_entity_rules_component_labels_a_sentence():
    nlp = spacy.blank("zh")
    nlp.add_pipe("lawie_entities")
    doc = nlp("2025年,南湖街道办事处共开展“消防安全厨房”行动27场,办结率98.6%。")
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("南湖街道办事处", "ORG"),
        ("“消防安全厨房”行动", "INITIATIVE"),
        ("27场", "COUNT"),
        ("98.6%", "RATE"),
    ]


def test_entity_rules_survive_to_disk_and_from_disk(tmp_path):
    nlp = spacy.blank("zh")
    nlp.add_pipe("lawie_entities")
    nlp.to_disk(tmp_path / "p")
    loaded = spacy.load(tmp_path / "p")
    text = "联合燃气集团开展燃气安全培训9场"
    assert [(e.text, e.label_) for e in loaded(text).ents] == [(e.text, e.label_) for e in nlp(text).ents]


def test_entity_rules_scorer_on_gold(corpus):
    nlp = spacy.blank("zh")
    nlp.add_pipe("lawie_entities")
    record = corpus[REPORT_IDS[3]]
    reference = nlp.make_doc(record["text"])
    reference.ents = [reference.char_span(s["start"], s["end"], label=s["label"]) for s in record["spans"]]
    scores = nlp.evaluate([Example(nlp.make_doc(record["text"]), reference)])
    assert scores["ents_per_type"]["COUNT"]["f"] > 0.9
    assert 0.0 < scores["ents_f"] <= 1.0


def test_rule_tagger_marks_rule_spans_and_brackets():
    nlp = spacy.blank("zh")
    nlp.add_pipe("lawie_rule_tags")
    doc = nlp("开展“说法评理”平台活动27场")
    tags = [(t.text, t.tag_, t.lemma_) for t in doc]
    assert tags[2] == ("“", "BI", "q") and tags[-3] == ("2", "N", "-") and tags[0] == ("开", "O", "-")
