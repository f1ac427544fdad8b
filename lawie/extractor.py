"""The Extractor: reads a report's text into a `Report`.

Data flows one way: text → structure (rules) → entities (trained pipeline, or rules where no
model is loaded) → quantities (rules) → roles (trained classifier over items, or heading cues)
→ Report. The pipeline is loaded once, when the Extractor is made; `import lawie` loads nothing.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from .about import __version__
from .reporter import describe_body
from .io import Document
from .names import find_names, own_names
from .quantities import find_quantities, normalise
from .normalize import fold
from .pipeline import combine
from .report import Entity, Item, Meta, Report, Section
from .spans import covering
from .structure import PAGE_KINDS, Structure, heading_role, read_structure

__all__ = ["Extractor", "RULES_MODEL", "body_regions", "rule_spans"]

RULES_MODEL = f"rules@{__version__}"


class Extractor:
    """Loads the pipeline once; `extract()` one text, `pipe()` many.

    With ``model=None`` the packaged trained pipeline is used when the package ships one, and
    the rules otherwise; ``model="rules"`` forces the rules; a path loads a model directory.
    """

    def __init__(self, model: str | Path | None = None) -> None:
        from .model import load_model

        self._model = load_model(model)
        self._judge = getattr(self._model, "quote_judge", None)
        self._measure = getattr(self._model, "measure_model", None)
        self.model_name = self._model.name if self._model is not None else RULES_MODEL

    def __repr__(self) -> str:
        return f"Extractor(model={self.model_name!r})"

    # ------------------------------------------------------------------ public

    def extract(self, text: "str | Document", *, source: dict | None = None, progress: Callable[[str], None] | None = None) -> Report:
        """Reads one report text, or a `Document` from `lawie.read_file`, into a `Report`.

        ``source`` (a Document brings its own): where the text came from, kept as
        `Report.source`. ``progress``: called with each step's name as it starts ("structure",
        "entities", "roles", "items"), for a progress display on a long report.
        """
        if isinstance(text, Document):
            text, source = text.text, text.source if source is None else source
        if not isinstance(text, str):
            raise TypeError(
                f"lawie.extract() takes the report text as str, not {type(text).__name__}; "
                "read files with lawie.read_file(path) first"
            )
        report = self._extract(text, progress or _silent)
        return replace(report, source=dict(source)) if source is not None else report

    def pipe(
        self, texts: Iterable[str], *, batch_size: int = 8, n_process: int = 1
    ) -> Iterator[Report]:
        """Reports for many texts, in input order (a generator).

        ``n_process > 1`` spreads the texts over worker processes, each loading the pipeline once.
        """
        if n_process <= 1:
            for text in texts:
                yield self.extract(text)
            return
        from .batch import extract_parallel

        yield from extract_parallel(self.model_spec, texts, n_process=n_process, batch_size=batch_size)

    @property
    def model_spec(self) -> str | None:
        """What a worker process passes to `Extractor()` to load the same pipeline."""
        if self._model is None:
            return "rules"
        return str(self._model.path)

    # ------------------------------------------------------------------ steps

    def _extract(self, text: str, progress: Callable[[str], None]) -> Report:
        progress("structure")
        folded = fold(text)
        structure = read_structure(text, folded=folded)
        progress("entities")
        entities = self._entities(text, folded, structure)
        progress("roles")
        roles = self._roles(text, structure)
        progress("items")
        starts = [e.start for e in entities]
        items = []
        for item_span, (role, score) in zip(structure.items, roles):
            first = bisect_left(starts, item_span.start)
            last = bisect_left(starts, item_span.end, lo=first)
            inside = tuple(e for e in entities[first:last] if e.end <= item_span.end)
            quantities = tuple(
                normalise(text, e.start, e.end, e.label.lower(), folded=folded, measure=self._measure)
                for e in inside
                if e.label in ("COUNT", "RATE")
            )
            items.append(
                Item(
                    text=text[item_span.start : item_span.end],
                    start=item_span.start,
                    end=item_span.end,
                    role=role,
                    heading=item_span.heading,
                    score=score,
                    entities=inside,
                    quantities=quantities,
                )
            )
        sections = tuple(
            Section(s.heading, s.level, s.role, s.start, s.end) for s in structure.sections
        )
        # the body's name in simplified characters, whatever the script of the report
        org = fold(structure.org) if structure.org else None
        meta = Meta(title=structure.title_text, org=org, year=structure.year, **describe_body(org).to_meta())
        return Report(
            text=text,
            meta=meta,
            items=tuple(items),
            sections=sections,
            entities=tuple(entities),
            lawie_version=__version__,
            model=self.model_name,
        )

    def _entities(self, text: str, folded: str, structure: Structure) -> list[Entity]:
        regions = body_regions(structure)
        numbers, names = rule_spans(text, folded, structure, regions, judge=self._judge)
        if self._model is not None:
            spans = combine(self._model.model_spans(folded, regions), numbers, names, policy=self._model.policy)
        else:
            spans = combine([], numbers, names, policy="rules")
        return [Entity(text[s:e], label, s, e) for s, e, label in spans if _inside_any(s, e, regions)]

    def _roles(self, text: str, structure: Structure) -> Sequence[tuple[str, float]]:
        if self._model is not None and self._model.has_roles:
            return self._model.roles(text, structure)
        return [(item.role, 1.0 if item.kind in PAGE_KINDS else _rule_score(item.heading)) for item in structure.items]


def _silent(step: str) -> None:
    """No progress display."""


def _rule_score(heading: tuple[str, ...]) -> float:
    """1.0 when a heading on the item's path states its role, 0.5 when the role is a default."""
    return 1.0 if any(heading_role(h) for h in heading) else 0.5


def rule_spans(
    text: str, folded: str, structure: Structure, regions: list[tuple[int, int]] | None = None, *, judge=None
) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    """(number spans, name spans) the rules find in the report body (title, body, signature);
    ``judge``: the trained model that decides which quoted phrases are names (`quotes.py`)."""
    regions = body_regions(structure) if regions is None else regions
    numbers = [(q.start, q.end, q.kind.upper()) for q in find_quantities(text, folded=folded)]
    known = () if structure.org_inferred else own_names(structure.org)
    names = [(n.start, n.end, n.label) for n in find_names(text, folded=folded, known_orgs=known, judge=judge)]
    inside = lambda span: _inside_any(span[0], span[1], regions)  # noqa: E731
    return [s for s in numbers if inside(s)], [s for s in names if inside(s)]


def body_regions(structure: Structure) -> list[tuple[int, int]]:
    """The stretches of text that are report (title, body, signature), page furniture excluded."""
    regions = list(structure.signature)
    if structure.title is not None and not structure.title_in_field:
        regions.append(structure.title)
    for section in structure.sections:
        regions.append((section.heading_start, section.heading_end))
    for item in structure.items:
        if item.kind != "furniture" and not (item.kind == "title" and structure.title_in_field):
            regions.append((item.start, item.end))
    regions.sort()
    merged: list[tuple[int, int]] = []
    for start, end in regions:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _inside_any(start: int, end: int, regions: list[tuple[int, int]]) -> bool:
    """True when [start, end) lies inside one of the sorted, disjoint regions."""
    return covering(regions, start, end) is not None

