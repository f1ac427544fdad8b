"""The annotated corpus: loading, validating, and converting it for training.

One JSON line per report in `corpus/annotations/*.jsonl`:

    {"id": str, "text": str,
     "spans": [{"start", "end", "label", "text"[, "measure", "value"]}],
     "items": [{"start", "end", "role"[, "heading": [str]]}],
     "meta": {"org", "year", "level", "source"[, "org_names", "province", "published"]}}

`validate()` lists every problem with the report and span it concerns; `load_dataset()` gives
a Hugging Face `datasets.Dataset` (local files, no hub); `to_docbin()` converts to spaCy's
`DocBin`, reporting (never silently dropping) spans that do not align to tokens.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from .errors import CorpusError
from .report import LABELS, ROLES

__all__ = [
    "Problem",
    "default_corpus_path",
    "corpus_files",
    "read_records",
    "validate",
    "validate_path",
    "load_dataset",
    "to_docbin",
    "stats",
    "default_split_path",
    "read_split",
    "split_problems",
    "select",
    "cv_folds",
    "training_records",
]

_META_KEYS = ("org", "year", "level", "source")
OPTIONAL_META = ("org_names", "province", "published")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LEVELS = ("province", "city", "county", "town", "department", "other")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the corpus, located as precisely as possible."""

    where: str  # file:line
    report: str | None
    message: str

    def __str__(self) -> str:
        report = f" [{self.report}]" if self.report else ""
        return f"{self.where}{report}: {self.message}"


def default_corpus_path() -> Path:
    """`corpus/annotations` in the working directory or a folder above it, else in the checkout
    lawie runs from (an editable install); raises `CorpusError` saying how to give the path when
    there is none (lawie installed from a wheel ships no corpus)."""
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "corpus" / "annotations").is_dir():
            return folder / "corpus" / "annotations"
    checkout = Path(__file__).resolve().parent.parent / "corpus" / "annotations"
    if checkout.is_dir():
        return checkout
    raise CorpusError(
        f"no corpus found: there is no corpus/annotations in {here} or a folder above it, and the "
        "installed lawie ships none; give the corpus folder (e.g. `lawie corpus stats path/to/corpus/annotations`, "
        "`lawie evaluate --corpus path/to/corpus/annotations`) or run from a lawie checkout"
    )


def corpus_files(path: str | Path | None = None) -> list[Path]:
    """The JSONL files of a corpus folder (or the one file given)."""
    path = Path(path) if path is not None else default_corpus_path()
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise CorpusError(f"{path}: no such corpus file or folder")
    files = sorted(path.glob("*.jsonl"))
    if not files:
        raise CorpusError(f"{path}: no *.jsonl annotation files")
    return files


def _lines(files: Iterable[Path]) -> Iterator[tuple[str, str]]:
    for file in files:
        with file.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    yield f"{file}:{number}", line


def read_records(path: str | Path | None = None) -> list[dict[str, Any]]:
    """All records of a corpus; raises `CorpusError` listing the problems if any is invalid."""
    records, problems = _parse(corpus_files(path))
    problems += validate(records)
    if problems:
        listing = "\n".join(f"  {p}" for p in problems[:50])
        raise CorpusError(f"the corpus has {len(problems)} problem(s):\n{listing}")
    return [record for _, record in records]


def _parse(files: Iterable[Path]) -> tuple[list[tuple[str, dict]], list[Problem]]:
    records: list[tuple[str, dict]] = []
    problems: list[Problem] = []
    for where, line in _lines(files):
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(Problem(where, None, f"not valid JSON ({error.msg} at column {error.colno})"))
            continue
        if not isinstance(record, dict):
            problems.append(Problem(where, None, "a line must hold a JSON object"))
            continue
        records.append((where, record))
    return records, problems


def validate_path(path: str | Path | None = None) -> tuple[int, list[Problem]]:
    """(number of records, problems) for a corpus file or folder."""
    files = corpus_files(path)
    records, problems = _parse(files)
    return len(records), problems + validate(records)


def validate(records: Iterable[tuple[str, dict]] | Iterable[dict]) -> list[Problem]:
    """Every problem in the records: shape, offsets, labels, overlaps, roles, meta, ids."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for index, entry in enumerate(records):
        where, record = entry if isinstance(entry, tuple) else (f"record {index + 1}", entry)
        problems.extend(_validate_record(where, record, seen))
    return problems


def _validate_record(where: str, record: dict, seen: dict[str, str]) -> list[Problem]:
    out: list[Problem] = []
    report = record.get("id")
    add = lambda message: out.append(Problem(where, report if isinstance(report, str) else None, message))  # noqa: E731
    unknown = set(record) - {"id", "text", "spans", "items", "meta"}
    if unknown:
        add(f"unknown keys {sorted(unknown)}")
    if not isinstance(report, str) or not report:
        add("'id' must be a non-empty string")
    elif report in seen:
        add(f"duplicate id (also at {seen[report]})")
    else:
        seen[report] = where
    text = record.get("text")
    if not isinstance(text, str):
        add("'text' must be a string")
        return out
    spans = record.get("spans")
    if not isinstance(spans, list):
        add("'spans' must be a list")
        spans = []
    previous = None
    for number, span in enumerate(spans):
        bounds = _entry_bounds(add, f"span {number}", span, {"start", "end", "label", "text", "measure", "value"}, text)
        if bounds is None:
            continue
        start, end = bounds
        label = f"span {number} {start}:{end} {span.get('label')!r} {text[start:end]!r}"
        if span.get("label") not in LABELS:
            add(f"{label}: unknown label (expected one of {', '.join(LABELS)})")
        if span.get("text") != text[start:end]:
            add(f"{label}: text {span.get('text')!r} does not match the text at its offsets (shifted offsets?)")
        if text[start:end] != text[start:end].strip():
            add(f"{label}: starts or ends with white space")
        if "measure" in span:
            measure = span["measure"]
            if span.get("label") not in ("COUNT", "RATE"):
                add(f"{label}: only COUNT and RATE spans carry a measure")
            elif measure is not None and (not isinstance(measure, str) or not measure.strip()):
                add(f"{label}: 'measure' must be a non-empty string or null")
        if "value" in span:
            value = span["value"]
            if span.get("label") not in ("COUNT", "RATE"):
                add(f"{label}: only COUNT and RATE spans carry a value")
            elif value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
                add(f"{label}: 'value' must be a number or null")
        if previous is not None:
            if start < previous[1]:
                add(f"{label}: overlaps span {previous[0]}:{previous[1]} ({text[previous[0]:previous[1]]!r})")
            if start < previous[0]:
                add(f"{label}: spans are not sorted by start")
        previous = (start, end)
    items = record.get("items")
    if not isinstance(items, list):
        add("'items' must be a list")
        items = []
    previous = None
    for number, item in enumerate(items):
        label = f"item {number}"
        bounds = _entry_bounds(add, label, item, {"start", "end", "role", "heading"}, text)
        if bounds is None:
            continue
        start, end = bounds
        heading = item.get("heading", [])
        if not isinstance(heading, list) or not all(isinstance(h, str) and h and h in text for h in heading):
            add(f"{label} {start}:{end}: 'heading' must be a list of headings found in the text")
        if item.get("role") not in ROLES:
            add(f"{label} {start}:{end}: unknown role {item.get('role')!r} (expected one of {', '.join(ROLES)})")
        if previous is not None and start < previous[1]:
            add(f"{label} {start}:{end}: overlaps item {previous[0]}:{previous[1]}")
        previous = (start, end)
    meta = record.get("meta")
    if not isinstance(meta, dict):
        add("'meta' must be an object with org, year, level, source")
    else:
        missing = [key for key in _META_KEYS if key not in meta]
        if missing:
            add(f"meta: missing {missing}")
        unknown_meta = set(meta) - set(_META_KEYS) - set(OPTIONAL_META)
        if unknown_meta:
            add(f"meta: unknown keys {sorted(unknown_meta)}")
        names = meta.get("org_names", [])
        if not isinstance(names, list) or not all(isinstance(n, str) and n in text for n in names):
            add("meta: 'org_names' must be a list of names found in the text")
        published = meta.get("published")
        if published is not None and not (isinstance(published, str) and _DATE.fullmatch(published)):
            add(f"meta: published {published!r} is not a YYYY-MM-DD date")
        year = meta.get("year")
        if year is not None and not (isinstance(year, int) and 1990 <= year <= 2100):
            add(f"meta: year {year!r} is not a year")
        if meta.get("level") is not None and meta.get("level") not in _LEVELS:
            add(f"meta: level {meta.get('level')!r} is not one of {', '.join(_LEVELS)}")
    return out


def _entry_bounds(add, label: str, entry: object, keys: set[str], text: str) -> tuple[int, int] | None:
    """(start, end) of a span or item entry after the checks they share, or None (reported)."""
    if not isinstance(entry, dict):
        add(f"{label}: must be an object")
        return None
    extra = set(entry) - keys
    if extra:
        add(f"{label}: unknown keys {sorted(extra)}")
    start, end = entry.get("start"), entry.get("end")
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
        add(f"{label}: start and end must be integers")
        return None
    if not 0 <= start < end <= len(text):
        add(f"{label}: offsets {start}:{end} outside the text (length {len(text)})")
        return None
    return start, end


def stats(records: list[dict], *, by: str = "report", split: dict[str, dict] | None = None) -> dict[str, dict[str, int]]:
    """Counts of reports, characters, labels and roles per group and in all.

    ``by`` is ``report``, ``level``, ``province`` (from each record's meta) or ``split`` (from the
    split table, `read_split()`).
    """
    def group(record: dict) -> str:
        if by == "report":
            return record["id"]
        if by == "split":
            return (split or {}).get(record["id"], {}).get("split") or "unsplit"
        if by in ("level", "province"):
            return str(record["meta"].get(by) or "unknown")
        raise CorpusError(f"cannot group by {by!r} (report, level, province or split)")

    table: dict[str, dict[str, int]] = {}
    for record in records:
        for name in (group(record), "all"):
            row = table.setdefault(name, {"reports": 0, "chars": 0} | {label: 0 for label in LABELS} | {role: 0 for role in ROLES})
            row["reports"] += 1
            row["chars"] += len(record["text"])
            for span in record["spans"]:
                row[span["label"]] += 1
            for item in record["items"]:
                row[item["role"]] += 1
    order = {"split": SPLITS, "level": _LEVELS}.get(by, ())
    rank = lambda name: (order.index(name) if name in order else len(order), name)  # noqa: E731
    return {name: table[name] for name in sorted(set(table) - {"all"}, key=rank)} | ({"all": table["all"]} if "all" in table else {})


SPLITS = ("train", "dev", "test", "test2", "test3", "test4", "test5", "test6", "test7", "test8")
# Held out when they were made: no fold in the split file. A held-out split is spent once its
# errors have been read to change lawie; from then on it is trained and cross-validated on, each
# report in its province's fold, and only the splits still held out measure lawie on reports it
# has never seen.
NO_FOLD = ("test", "test2", "test3", "test4", "test5", "test6", "test7", "test8")
SPENT = ("test", "test2", "test3", "test4", "test5", "test6", "test7")
HELD_OUT = ("test8",)
TRAINED = ("train", "dev", *SPENT)


def default_split_path(corpus: str | Path | None = None) -> Path | None:
    """The split file of a corpus: `splits.tsv` beside an `annotations` folder (`corpus/splits.tsv`).

    None for any other folder or file: a corpus of one's own is used whole, without a split.
    """
    folder = Path(corpus) if corpus is not None else default_corpus_path()
    if folder.is_file():
        folder = folder.parent
    path = folder.parent / "splits.tsv"
    return path if folder.name == "annotations" and path.is_file() else None


def read_split(path: str | Path | None = None) -> dict[str, dict]:
    """The frozen split: {report id: {"split": train|dev|test|test2|…|test8, "fold": int|None, "level", "province"}}.

    `test` to `test8` were each held out when made (no fold in the file). `test` to `test7` are
    spent (`SPENT`): they take the fold of their province's train and dev reports and are trained
    on; `test8` (`HELD_OUT`) has no fold and is never trained or cross-validated on.
    """
    path = Path(path) if path is not None else default_split_path()
    if path is None or not path.is_file():
        raise CorpusError(f"{path or 'corpus/splits.tsv'}: no split file (training/split.py writes it)")
    table: dict[str, dict] = {}
    with path.open(encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        if header[:3] != ["id", "split", "fold"]:
            raise CorpusError(f"{path}: expected the columns id, split, fold, level, province")
        for number, line in enumerate(handle, 2):
            row = dict(zip(header, line.rstrip("\n").split("\t")))
            where = f"{path}:{number}"
            if row.get("split") not in SPLITS:
                raise CorpusError(f"{where}: split must be one of {', '.join(SPLITS)}")
            if row["id"] in table:
                raise CorpusError(f"{where}: {row['id']} is in the split twice")
            fold = row.get("fold") or ""
            if fold and not fold.isdigit():
                raise CorpusError(f"{where}: fold must be a number")
            if (row["split"] in NO_FOLD) == bool(fold):
                raise CorpusError(f"{where}: {'a test report has no fold' if fold else 'a train or dev report needs a fold (its province' + chr(39) + 's, see training/split.py)'}")
            table[row["id"]] = {"split": row["split"], "fold": int(fold) if fold else None, "level": row.get("level"), "province": row.get("province")}
    folds = {row["province"]: row["fold"] for row in table.values() if row["fold"] is not None}
    for rid, row in table.items():
        if row["split"] in SPENT:
            if row["province"] not in folds:
                raise CorpusError(f"{path}: {rid} is in a spent split, but no train or dev report of {row['province']} gives it a fold")
            row["fold"] = folds[row["province"]]
    return table


def split_problems(records: Sequence[dict], split: dict[str, dict], where: str = "splits.tsv") -> list[Problem]:
    """Reports missing from the split table, and split rows without a report."""
    ids = {r["id"] for r in records}
    problems = [Problem(where, rid, "not in the split table") for rid in sorted(ids - set(split))]
    problems += [Problem(where, rid, "in the split table but not in the corpus") for rid in sorted(set(split) - ids)]
    return problems


def training_records(path: str | Path | None = None) -> tuple[list[dict], list[list[str]] | None]:
    """The reports to train and cross-validate on, and their folds.

    With a split (`default_split_path`): the train and dev reports and those of the spent held-out
    splits (`TRAINED`), grouped by the split's folds — the split still held out is never trained
    on. Without one: every report, each its own fold (None).
    """
    records = read_records(path)
    split_file = default_split_path(path)
    if split_file is None:
        return records, None
    split = read_split(split_file)
    records = select(records, TRAINED, split)
    return records, cv_folds(records, split)


def cv_folds(records: Sequence[dict], split: dict[str, dict] | None = None) -> list[list[str]]:
    """The cross-validation folds of the records: report ids grouped by the split's `fold` column.

    Every record must have a fold (reports of the held-out split have none: they are never
    cross-validated; those of spent splits take their province's).
    """
    table = split if split is not None else read_split()
    folds: dict[int, list[str]] = {}
    for record in records:
        fold = table.get(record["id"], {}).get("fold")
        if fold is None:
            raise CorpusError(f"{record['id']}: no cross-validation fold in the split (a test report, or not in the split)")
        folds.setdefault(fold, []).append(record["id"])
    return [folds[k] for k in sorted(folds)]


def select(records: Sequence[dict], splits: Iterable[str], split: dict[str, dict] | None = None) -> list[dict]:
    """The records of the named splits (``"train"``, ``"dev"``, ``"test"``), in corpus order.

    A record missing from the split table is an error: it would otherwise slip into training
    or out of the test silently.
    """
    table = split if split is not None else read_split()
    wanted = set(splits)
    unknown = wanted - set(SPLITS)
    if unknown:
        raise CorpusError(f"unknown split(s) {sorted(unknown)} ({', '.join(SPLITS)})")
    missing = [p.report for p in split_problems(records, table) if p.message == "not in the split table"]
    if missing:
        raise CorpusError(f"{len(missing)} report(s) are not in the split table: {', '.join(missing[:10])}")
    return [r for r in records if table[r["id"]]["split"] in wanted]


def load_dataset(path: str | Path | None = None):
    """The corpus as a Hugging Face `datasets.Dataset`, built from the local JSONL (no hub)."""
    try:
        import datasets
    except ImportError as error:
        from .errors import MissingExtraError

        raise MissingExtraError("the corpus as a Dataset", "train") from error
    records = read_records(path)
    rows = {
        "id": [r["id"] for r in records],
        "text": [r["text"] for r in records],
        "spans": [
            [{"start": s["start"], "end": s["end"], "label": s["label"], "text": s["text"], "measure": s.get("measure"), "value": s.get("value")} for s in r["spans"]]
            for r in records
        ],
        "items": [[{"start": i["start"], "end": i["end"], "role": i["role"], "heading": i.get("heading", [])} for i in r["items"]] for r in records],
        "meta": [{key: r["meta"].get(key) for key in _META_KEYS + OPTIONAL_META} | {"org_names": r["meta"].get("org_names", [])} for r in records],
    }
    return datasets.Dataset.from_dict(rows)


def to_docbin(records: Iterable[dict], nlp, *, fold_text: bool = True):
    """(DocBin of the reports with their entities, list of spans that did not align to tokens).

    The Doc text is the folded text (same length, see `lawie.normalize`) when ``fold_text``, as
    the trained pipeline sees it. A span that does not align to token boundaries is returned in
    the second list with its report id, never dropped silently.
    """
    from spacy.tokens import DocBin

    from .normalize import fold

    doc_bin = DocBin(store_user_data=False)
    misaligned: list[tuple[str, dict]] = []
    for record in records:
        text = fold(record["text"]) if fold_text else record["text"]
        doc = nlp.make_doc(text)
        ents = []
        for span in record["spans"]:
            ent = doc.char_span(span["start"], span["end"], label=span["label"], alignment_mode="strict")
            if ent is None:
                misaligned.append((record["id"], span))
            else:
                ents.append(ent)
        doc.ents = ents
        doc.user_data = {}
        doc_bin.add(doc)
    return doc_bin, misaligned
