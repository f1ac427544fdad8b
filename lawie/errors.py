"""The errors lawie raises, in one small hierarchy.

    LawieError
    ├── InputError        a file or text lawie cannot read (binary, corrupt, scanned, undecodable)
    │   └── MissingExtraError   a reader needs an optional extra that is not installed
    ├── ModelError        a model directory that is missing, incomplete or not lawie's
    └── CorpusError       annotations that break the corpus format
"""

from __future__ import annotations

__all__ = ["LawieError", "InputError", "MissingExtraError", "ModelError", "CorpusError"]


class LawieError(Exception):
    """Base class of every error lawie raises on purpose."""


class InputError(LawieError):
    """An input that cannot be read as a report."""


class MissingExtraError(InputError, ImportError):
    """A reader needs an optional dependency; the message names the extra to install."""

    def __init__(self, what: str, extra: str, *, missing: str | None = None) -> None:
        cause = f" (module {missing!r} is not installed)" if missing else ""
        super().__init__(f"reading {what} needs the '{extra}' extra{cause}: pip install 'lawie[{extra}]'")
        self.extra = extra
        self.missing = missing


class ModelError(LawieError):
    """A model directory lawie cannot use."""


class CorpusError(LawieError):
    """Annotations that break the corpus format."""
