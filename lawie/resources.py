"""Loading the rule files that ship inside the package (`lawie/rules/*.json`), once each."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["alternation", "load_rules", "rules_text"]


def rules_text(name: str) -> str:
    """The raw text of ``lawie/rules/<name>``."""
    return resources.files("lawie").joinpath("rules").joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def load_rules(name: str) -> dict[str, Any]:
    """The parsed ``lawie/rules/<name>.json`` (cached: rules are loaded once per process)."""
    data = json.loads(rules_text(f"{name}.json"))
    if not isinstance(data, dict):
        raise ValueError(f"lawie/rules/{name}.json must hold a JSON object")
    return data


def alternation(words) -> str:
    """A regular expression matching any of the literal words (empty ones dropped), the longest
    where several start at one place. Written as a trie (`省(?:司法厅|政府)`) rather than a
    longest-first list: Python's engine then tries one branch per character instead of every word
    (the organ lexicon's scan over the corpus is 4 to 11 times faster). Use it as a group,
    `(?:…)`: then it matches what the list matches; bare, a suffix after it would bind to every
    word, where after a list it binds to the last."""
    trie: dict = {}
    for word in set(words):
        if not word:
            continue
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict) -> str:
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    # a word may end here: the longer words first (a greedy optional group), then the word itself
    return f"(?:{body})?" if len(branches) > 1 or len(branches[0]) > 1 else body + "?"
