"""Finding and loading the trained pipeline.

A lawie model directory holds `meta.json` (what it is, how it was trained, its cross-validated
scores), the spaCy pipelines it names, and linear models as plain numbers in JSON (`combiner.json`,
`quotes.json`, `measures.json`). Only that format is read: spaCy's own `from_disk` (config, msgpack weights and
JSON/JSONL rule files) and JSON, never pickles or code from the directory.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Protocol, Sequence

from .errors import ModelError

__all__ = ["PACKAGED_MODEL", "LoadedModel", "load_model", "model_meta", "packaged_model_path"]

PACKAGED_MODEL = "model"  # folder inside the package


class LoadedModel(Protocol):
    """What the Extractor needs from a trained model."""

    name: str
    path: Path
    has_roles: bool
    policy: dict[str, str]  # per name label: "rules", "model", "model+rules" or "rules+model"
    quote_judge: object | None  # decides which quoted phrases name a programme (None: the rules)
    measure_model: object | None  # reads what each number measures (None: the hand-written reader)

    def model_spans(self, folded: str, regions: Sequence[tuple[int, int]]) -> list[tuple[int, int, str]]: ...

    def roles(self, text: str, structure) -> list[tuple[str, float]]: ...


def packaged_model_path() -> Path | None:
    """The model shipped inside the package, or None when this build ships none."""
    path = Path(str(resources.files("lawie").joinpath(PACKAGED_MODEL)))
    return path if (path / "meta.json").is_file() else None


def load_model(spec: str | Path | None) -> LoadedModel | None:
    """Loads a model: None → the packaged one (if any), "rules" → no model, else a directory."""
    found = model_meta(spec)
    if found is None:
        return None
    from .pipeline import TrainedModel

    return TrainedModel(*found)


def model_meta(spec: str | Path | None) -> tuple[Path, dict] | None:
    """(directory, meta) of the model ``spec`` names, checked without loading it (None: rules);
    raises `ModelError` as `load_model` would, for a quick check before starting workers."""
    if spec == "rules":
        return None
    if spec is None:
        path = packaged_model_path()
        if path is None:
            return None
    else:
        path = Path(spec)
    meta_path = path / "meta.json"
    if not meta_path.is_file():
        raise ModelError(f"{path} is not a lawie model directory (no meta.json)")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ModelError(f"{meta_path}: unreadable model meta ({error})") from error
    if meta.get("format") != "lawie-model/1":
        raise ModelError(f"{path}: not a lawie model (format {meta.get('format')!r})")
    return path, meta
