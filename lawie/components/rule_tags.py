"""`lawie_rule_tags`: the rules' reading of each character, as token features for the NER.

Assigns `Token.tag_` (the rule span the character stands in: `N` for a count or rate, `BO`/`IO`
for an ORG name, `BI`/`II` for an initiative, `O` outside) and `Token.lemma_` (the bracket
context: `q` inside “…”, `t` inside 《…》, `h` on an organ-type suffix, `-` elsewhere). The
tok2vec embeds TAG and LEMMA beside the character, so the statistical NER can learn where the
rules are right and where they are not, from few examples. The component has no weights; its
rules are the package's data files.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..names import find_names
from ..quantities import find_quantities

__all__ = ["RuleTagger", "make_rule_tagger"]


class RuleTagger:
    """Sets TAG and LEMMA of every token from the quantity and name rules."""

    def __init__(self, name: str = "lawie_rule_tags") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        tags = ["O"] * len(text)
        for q in find_quantities(text, folded=text):
            for i in range(q.start, q.end):
                tags[i] = "N"
        for n in find_names(text, folded=text):
            if any(tags[i] != "O" for i in range(n.start, n.end)):
                continue
            suffix = "O" if n.label == "ORG" else "I"
            tags[n.start] = "B" + suffix
            for i in range(n.start + 1, n.end):
                tags[i] = "I" + suffix
        context = ["-"] * len(text)
        quote = title = 0
        for i, char in enumerate(text):
            if char == "“":
                quote += 1
            elif char == "《":
                title += 1
            if title > 0:
                context[i] = "t"
            elif quote > 0:
                context[i] = "q"
            if char == "”":
                quote = max(0, quote - 1)
            elif char == "》":
                title = max(0, title - 1)
        for token in doc:
            index = token.idx
            token.tag_ = tags[index] if index < len(tags) else "O"
            token.lemma_ = context[index] if index < len(context) else "-"
        return doc

    def to_disk(self, path, *, exclude=()) -> None:
        """Nothing to save: the rules ship with the package."""

    def from_disk(self, path, *, exclude=()) -> "RuleTagger":
        return self


@Language.factory("lawie_rule_tags", default_config={})
def make_rule_tagger(nlp: Language, name: str) -> RuleTagger:
    return RuleTagger(name)
