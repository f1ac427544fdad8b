"""lawie's spaCy components, one per module, registered on import and through the
`spacy_factories` entry point (so `spacy train`, `spacy evaluate` and worker processes find them)."""

from .entities import EntityRules, make_entity_rules
from .rule_tags import RuleTagger, make_rule_tagger

__all__ = ["EntityRules", "make_entity_rules", "RuleTagger", "make_rule_tagger"]
