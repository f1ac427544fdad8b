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
    """A regular-expression alternation of literal words, longest first, so that the longest
    word wins where several start at one place."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
