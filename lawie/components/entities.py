"""`lawie_entities`: COUNT, RATE, ORG and INITIATIVE by lawie's rules, as a spaCy component.

Sets `doc.ents` (spans snapped to token boundaries) from the quantity and name rules of the
package. It sees only the Doc's text: unlike `lawie.extract`, it does not drop page furniture
nor use the reporting body's name read from the title, so on whole web pages it finds a little
more and a little less than the extractor:

    nlp = spacy.blank("zh")
    nlp.add_pipe("lawie_entities")
    doc = nlp("全年共开展普法活动27场,办结率98.6%。")

Its scorer is spaCy's NER scorer, so `spacy evaluate` reports per-label P/R/F1.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.scorer import get_ner_prf
from spacy.tokens import Doc
from spacy.util import filter_spans

from ..names import find_names
from ..normalize import fold
from ..pipeline import combine
from ..quantities import find_quantities

__all__ = ["EntityRules", "make_entity_rules"]


class EntityRules:
    """Assigns `doc.ents` from the rules; existing entities are kept unless ``overwrite``."""

    def __init__(self, name: str = "lawie_entities", *, overwrite: bool = False) -> None:
        self.name = name
        self.overwrite = overwrite

    def __call__(self, doc: Doc) -> Doc:
        folded = fold(doc.text)
        numbers = [(q.start, q.end, q.kind.upper()) for q in find_quantities(doc.text, folded=folded)]
        names = [(n.start, n.end, n.label) for n in find_names(doc.text, folded=folded)]
        spans = []
        for start, end, label in combine([], numbers, names, policy="rules"):
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        if not self.overwrite:
            spans = list(doc.ents) + spans
        doc.ents = filter_spans(spans)
        return doc

    def score(self, examples, **kwargs):
        return get_ner_prf(examples, **kwargs)

    def to_disk(self, path, *, exclude=()) -> None:
        """Nothing to save: the rules ship with the package (`lawie/rules/`)."""

    def from_disk(self, path, *, exclude=()) -> "EntityRules":
        return self


@Language.factory("lawie_entities", default_config={"overwrite": False})
def make_entity_rules(nlp: Language, name: str, overwrite: bool) -> EntityRules:
    return EntityRules(name, overwrite=overwrite)
