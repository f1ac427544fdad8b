"""lawie's spaCy components, one per module, registered on import and through the
`spacy_factories` entry point (so `spacy train` and worker processes find them)."""

from .rule_tags import RuleTagger, make_rule_tagger

__all__ = ["RuleTagger", "make_rule_tagger"]
