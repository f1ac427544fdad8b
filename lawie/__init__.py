"""lawie: Chinese rule-of-law government annual reports (法治政府建设年度报告) as data.

    >>> import lawie
    >>> report = lawie.extract(text)          # a Report: items by role, entities, quantities
    >>> extractor = lawie.load()              # load once, then .extract() / .pipe() many

Importing lawie loads no model; the pipeline is loaded on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .about import __version__
from .errors import CorpusError, InputError, LawieError, MissingExtraError, ModelError
from .report import LABELS, ROLES, Entity, Item, Meta, Quantity, Report, Section, read_jsonl

if TYPE_CHECKING:
    from pathlib import Path

    from .extractor import Extractor
    from .io import Document

__all__ = [
    "__version__",
    "extract",
    "load",
    "read_file",
    "to_rows",
    "to_report_rows",
    "read_jsonl",
    "Report",
    "Item",
    "Entity",
    "Quantity",
    "Section",
    "Meta",
    "LABELS",
    "ROLES",
    "LawieError",
    "InputError",
    "MissingExtraError",
    "ModelError",
    "CorpusError",
]

_default: "Extractor | None" = None


def load(path: "str | Path | None" = None) -> "Extractor":
    """An Extractor with the packaged model (``path=None``), a model directory, or ``"rules"``."""
    from .extractor import Extractor

    return Extractor(path)


def extract(text: "str | Document") -> Report:
    """Reads one report's text into a `Report`, with the packaged model (loaded once).

    Given a `Document` (`lawie.extract(lawie.read_file(path))`), the report keeps its `source`.
    """
    global _default
    from .io import Document

    if not isinstance(text, (str, Document)):
        raise TypeError(
            f"lawie.extract() takes the report text as str, not {type(text).__name__}; "
            "for files use lawie.read_file(path).text"
        )
    if _default is None:
        _default = load()
    return _default.extract(text)


def read_file(path: "str | Path") -> "Document":
    """Reads a .txt/.html/.docx/.pdf file into text and a source record (see `lawie.io`)."""
    from .io import read_file as _read_file

    return _read_file(path)


def to_rows(reports, *, table: str = "quantities") -> list[dict]:
    """Flat rows of the reports, the table an analyst puts into a spreadsheet: one per quantity
    (``table="quantities"``) or one per item (``table="items"``)."""
    from .rows import to_rows as _to_rows

    return _to_rows(reports, table=table)


def to_report_rows(reports) -> list[dict]:
    """One row per report: body and place, counts per role and label, compliance, specificity."""
    from .rows import to_report_rows as _to_report_rows

    return _to_report_rows(reports)
