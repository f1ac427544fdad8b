"""The retraining loop's bridge to annotation tools: lawie's predictions as pre-annotations in
Label Studio, doccano and Prodigy formats, and corrected exports back into the corpus format.

Entities and item roles travel together: entities as labels COUNT/RATE/ORG/INITIATIVE, item roles
as spans labelled `ROLE:<role>` (doccano, Prodigy `spans.manual`) or in a second Labels control
named `role` (Label Studio). Offsets are Python character offsets; Label Studio counts UTF-16 code
units, so its offsets are converted both ways (they differ only after characters outside the BMP).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

from .corpus import OPTIONAL_META, validate
from .errors import CorpusError
from .report import LABELS, ROLES, Report

__all__ = ["FORMATS", "export_tasks", "labelstudio_config", "import_records", "write_records", "record_from_report", "report_ids"]

FORMATS = ("labelstudio", "doccano", "prodigy")
ROLE_PREFIX = "ROLE:"
_COLOURS = {"COUNT": "#fde68a", "RATE": "#fdba74", "ORG": "#93c5fd", "INITIATIVE": "#86efac"}
_ROLE_COLOURS = {
    "achievement": "#dcfce7", "problem": "#fee2e2", "plan": "#dbeafe",
    "rectification": "#fef9c3", "leadership": "#ede9fe", "other": "#f3f4f6",
}


# ------------------------------------------------------------------------------ offsets


def _to_utf16(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-16-le")) // 2


def _from_utf16(text: str, offset: int) -> int:
    units = 0
    for index, char in enumerate(text):
        if units >= offset:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)


# ------------------------------------------------------------------------------ export


def record_from_report(report_id: str, report: Report, source: str) -> dict:
    """A corpus record (spans, items with roles, meta) of a Report: the pre-annotation."""
    level = _level(report.meta.org)
    return {
        "id": report_id,
        "text": report.text,
        "spans": [{"start": e.start, "end": e.end, "label": e.label, "text": e.text} for e in report.entities],
        "items": [{"start": i.start, "end": i.end, "role": i.role} for i in report.items],
        "meta": {"org": report.meta.org, "year": report.meta.year, "level": level, "source": source},
    }


def _level(org: str | None) -> str:
    if not org:
        return "other"
    for suffix, level in (("街道办事处", "town"), ("街道", "town"), ("镇", "town"), ("乡", "town"), ("局", "department"),
                          ("委员会", "department"), ("办公室", "department"), ("厅", "department"), ("省", "province"),
                          ("市", "city"), ("区", "county"), ("县", "county")):
        if org.endswith(suffix) or org.endswith(suffix + "人民政府"):
            return level
    return "other"


def export_tasks(records: Iterable[dict], fmt: str, *, model: str = "lawie") -> list[dict]:
    """Pre-annotation tasks for one tool, one per record."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return [_EXPORTERS[fmt](record, model) for record in records]


def _labelstudio(record: dict, model: str) -> dict:
    text = record["text"]
    result = []
    for number, span in enumerate(record["spans"]):
        result.append({
            "id": f"e{number}", "from_name": "label", "to_name": "text", "type": "labels",
            "value": {"start": _to_utf16(text, span["start"]), "end": _to_utf16(text, span["end"]),
                      "text": text[span["start"] : span["end"]], "labels": [span["label"]]},
        })
    for number, item in enumerate(record["items"]):
        result.append({
            "id": f"i{number}", "from_name": "role", "to_name": "text", "type": "labels",
            "value": {"start": _to_utf16(text, item["start"]), "end": _to_utf16(text, item["end"]),
                      "text": text[item["start"] : item["end"]], "labels": [item["role"]]},
        })
    return {
        "data": {"text": text, "report_id": record["id"], "meta": record["meta"]},
        "predictions": [{"model_version": model, "result": result}],
    }


def _doccano(record: dict, model: str) -> dict:
    labels = [[s["start"], s["end"], s["label"]] for s in record["spans"]]
    labels += [[i["start"], i["end"], ROLE_PREFIX + i["role"]] for i in record["items"]]
    meta = record["meta"] | {"report_id": record["id"], "model": model}
    return {"id": record["id"], "text": record["text"], "label": labels, "meta": meta}


def _prodigy(record: dict, model: str) -> dict:
    spans = [{"start": s["start"], "end": s["end"], "label": s["label"]} for s in record["spans"]]
    spans += [{"start": i["start"], "end": i["end"], "label": ROLE_PREFIX + i["role"]} for i in record["items"]]
    return {"text": record["text"], "spans": spans, "meta": record["meta"] | {"report_id": record["id"], "model": model}}


_EXPORTERS = {"labelstudio": _labelstudio, "doccano": _doccano, "prodigy": _prodigy}


def labelstudio_config() -> str:
    """The Label Studio labelling configuration (XML) matching the exported tasks."""
    entity_labels = "\n".join(f'    <Label value="{label}" background="{_COLOURS[label]}"/>' for label in LABELS)
    role_labels = "\n".join(f'    <Label value="{role}" background="{_ROLE_COLOURS[role]}"/>' for role in ROLES)
    return (
        "<View>\n"
        '  <Header value="Entities (COUNT, RATE, ORG, INITIATIVE) and item roles — see corpus/GUIDELINES.md"/>\n'
        '  <Labels name="label" toName="text">\n' + entity_labels + "\n  </Labels>\n"
        '  <Labels name="role" toName="text">\n' + role_labels + "\n  </Labels>\n"
        '  <Text name="text" value="$text" granularity="symbol"/>\n'
        "</View>\n"
    )


# ------------------------------------------------------------------------------ import


def _load(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8-sig")
    stripped = text.lstrip()
    if stripped.startswith("["):
        data = json.loads(text)
        return data if isinstance(data, list) else [data]
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise CorpusError(f"{path}:{number}: not valid JSON ({error.msg})") from error
    return rows


def import_records(path: str | Path, fmt: str) -> list[dict]:
    """Corpus records from a tool's export; raises `CorpusError` naming report and span."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    path = Path(path)
    records = []
    for number, row in enumerate(_load(path), 1):
        where = f"{path}:{number}"
        if not isinstance(row, dict):
            raise CorpusError(f"{where}: not a {fmt} example (a JSON object expected)")
        try:
            records.append(_IMPORTERS[fmt](row, where))
        except KeyError as error:
            raise CorpusError(f"{where}: the {fmt} example has no {error.args[0]!r} key; nothing imported") from error
        except (TypeError, ValueError) as error:
            raise CorpusError(f"{where}: a malformed {fmt} example ({error}); nothing imported") from error
    _check_duplicates([(f"{path}:{n}", r) for n, r in enumerate(records, 1)])
    problems = validate([(f"{path}:{n}", r) for n, r in enumerate(records, 1)])
    if problems:
        listing = "\n".join(f"  {p}" for p in problems[:50])
        raise CorpusError(f"{path}: {len(problems)} problem(s), nothing imported:\n{listing}")
    return records


def _check_duplicates(located: list[tuple[str, dict]], known: dict[str, str] | None = None) -> None:
    """Refuses one report under two ids, or two reports under one id (within an import, and
    against ``known``: text digest → id of the corpus it goes into)."""
    import hashlib

    ids: dict[str, str] = {}
    texts: dict[str, str] = dict(known or {})
    for where, record in located:
        if record["id"] in ids:
            raise CorpusError(f"{where}: report id {record['id']!r} is used twice (also {ids[record['id']]}); nothing imported")
        ids[record["id"]] = where
        digest = hashlib.sha256(record["text"].encode("utf-8")).hexdigest()
        if texts.get(digest, record["id"]) != record["id"]:
            raise CorpusError(
                f"{where}: report {record['id']!r} has the same text as report {texts[digest]!r}; one report must "
                "keep one id (it would be in two splits); nothing imported"
            )
        texts[digest] = record["id"]


def _checked_span(text: str, start: int, end: int, said: object, where: str, report: str) -> tuple[int, int]:
    """The span's offsets, when the tool's own copy of its text (if it gives one) is the text there."""
    if not (0 <= start < end <= len(text)):
        raise CorpusError(f"{where} [{report}]: span {start}:{end} is outside the text ({len(text)} characters)")
    if isinstance(said, str) and said != text[start:end]:
        raise CorpusError(
            f"{where} [{report}]: span {start}:{end} says {said!r} but the text there is {text[start:end]!r}; "
            "the export's offsets do not match its text"
        )
    return start, end


def report_ids(paths: list[Path]) -> list[str]:
    """Report ids for files to pre-annotate: the file's stem, or its path under the folders
    the files share when two files share a stem (`2023/report.txt`, `2024/report.txt` →
    `2023_report`, `2024_report`), so that no import replaces another report."""
    import os

    stems = [p.stem for p in paths]
    if len(set(stems)) == len(stems):
        return stems
    common = Path(os.path.commonpath([str(p.resolve().parent) for p in paths]))
    ids = []
    for path in paths:
        relative = path.resolve().relative_to(common).with_suffix("")
        ids.append("_".join(relative.parts))
    if len(set(ids)) != len(ids):  # the same stem with two extensions in one folder
        ids = ["_".join(path.resolve().relative_to(common).parts).replace(".", "_") for path in paths]
    return ids


def _split(text: str, pieces: Iterable[tuple[int, int, str]], where: str, report: str) -> tuple[list, list]:
    spans, items = [], []
    for start, end, label in sorted(pieces):
        if label.startswith(ROLE_PREFIX):
            items.append({"start": start, "end": end, "role": label[len(ROLE_PREFIX):]})
        else:
            if label not in LABELS:
                raise CorpusError(f"{where} [{report}]: span {start}:{end} {text[start:end]!r}: unknown label {label!r}")
            spans.append({"start": start, "end": end, "label": label, "text": text[start:end]})
    return spans, items


def _meta(meta: dict | None, source: str) -> dict:
    meta = dict(meta or {})
    base = {"org": meta.get("org"), "year": meta.get("year"), "level": meta.get("level") or "other", "source": meta.get("source") or source}
    return base | {key: meta[key] for key in OPTIONAL_META if key in meta}


def _text(value: object, where: str, tool: str) -> str:
    if not isinstance(value, str):
        raise CorpusError(f"{where}: a {tool} example without text")
    return value


def _record(text: str, pieces: list, where: str, report: str, meta: dict | None) -> dict:
    """The corpus record of one imported example."""
    spans, items = _split(text, pieces, where, report)
    return {"id": report, "text": text, "spans": spans, "items": items, "meta": _meta(meta, where)}


def _from_labelstudio(task: dict, where: str) -> dict:
    data = task.get("data") or {}
    text = _text(data.get("text"), where, "Label Studio")
    report = data.get("report_id") or str(task.get("id") or where)
    sources = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
    chosen = (sources[-1] if sources else (task.get("predictions") or [{}])[-1]) or {}
    pieces = []
    for region in chosen.get("result", []):
        value = region.get("value") or {}
        labels = value.get("labels") or []
        if not labels:
            continue
        start, end = _from_utf16(text, int(value["start"])), _from_utf16(text, int(value["end"]))
        _checked_span(text, start, end, value.get("text"), where, report)
        prefix = ROLE_PREFIX if region.get("from_name") == "role" else ""
        pieces.append((start, end, prefix + labels[0]))
    return _record(text, pieces, where, report, data.get("meta"))


def _from_doccano(row: dict, where: str) -> dict:
    text = _text(row.get("text"), where, "doccano")
    report = str((row.get("meta") or {}).get("report_id") or row.get("id") or where)  # doccano renumbers ids
    pieces = [(int(s), int(e), str(label)) for s, e, label in row.get("label") or []]
    for entity in row.get("entities") or []:  # doccano ≥1.6 exports entities with *_offset keys
        pieces.append((int(entity["start_offset"]), int(entity["end_offset"]), str(entity["label"])))
    return _record(text, pieces, where, report, row.get("meta"))


def _from_prodigy(row: dict, where: str) -> dict:
    text = _text(row.get("text"), where, "Prodigy")
    meta = row.get("meta") or {}
    report = str(meta.get("report_id") or row.get("_input_hash") or where)
    if row.get("answer") in ("reject", "ignore"):
        raise CorpusError(f"{where} [{report}]: the example was answered {row['answer']!r}; only accepted examples are imported")
    pieces = []
    for span in row.get("spans") or []:
        start, end = _checked_span(text, int(span["start"]), int(span["end"]), span.get("text"), where, report)
        pieces.append((start, end, str(span["label"])))
    return _record(text, pieces, where, report, meta)


_IMPORTERS = {"labelstudio": _from_labelstudio, "doccano": _from_doccano, "prodigy": _from_prodigy}


def write_records(records: Iterable[dict], folder: str | Path) -> list[Path]:
    """Writes each record to `<folder>/<id>.jsonl`, replacing an earlier import of the same id.

    Annotation tools do not carry what the corpus adds to spans and items: when the report is
    already in the corpus (same text), every COUNT/RATE span that kept its offsets and label keeps
    its gold `measure` and `value`, every item that kept its offsets its `heading` path, and the
    meta its `org_names`, `province` and `published` where the tool gave none.
    """
    import hashlib

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    records = list(records)
    known = {}
    incoming = {record["id"] for record in records}
    for existing in sorted(folder.glob("*.jsonl")):
        try:
            earlier = json.loads(existing.read_text(encoding="utf-8").splitlines()[0])
        except (ValueError, IndexError):
            continue
        if isinstance(earlier, dict) and isinstance(earlier.get("text"), str) and earlier.get("id") not in incoming:
            known[hashlib.sha256(earlier["text"].encode("utf-8")).hexdigest()] = earlier.get("id")
    _check_duplicates([(f"{folder}/{record['id']}", record) for record in records], known)
    written = []
    for record in records:
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in record["id"])
        path = folder / f"{safe}.jsonl"
        if path.exists():
            _keep_gold_details(record, json.loads(path.read_text(encoding="utf-8").splitlines()[0]))
        path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written


def _keep_gold_details(record: dict, earlier: dict) -> None:
    if earlier.get("text") != record["text"]:
        return
    details = {(s["start"], s["end"], s["label"]): s for s in earlier.get("spans", [])}
    for span in record["spans"]:
        gold = details.get((span["start"], span["end"], span["label"]), {})
        for key in ("measure", "value"):
            if key in gold and key not in span:
                span[key] = gold[key]
    headings = {(i["start"], i["end"]): i["heading"] for i in earlier.get("items", []) if "heading" in i}
    for item in record["items"]:
        if (item["start"], item["end"]) in headings and "heading" not in item:
            item["heading"] = headings[(item["start"], item["end"])]
    for key in OPTIONAL_META:
        if key in earlier.get("meta", {}) and key not in record["meta"]:
            record["meta"][key] = earlier["meta"][key]
