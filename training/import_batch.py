"""Brings a batch of reports found on the web into the corpus as a held-out split.

A batch folder holds `raw/<id>.txt` (the opening of each published page) and `sources.tsv`
(id, url, body, level, province, year_reported, chars, notes). Each text is copied to
`corpus/raw/<id>.txt`, gets one line of provenance in `corpus/METADATA.jsonl` and one row in
`corpus/splits.tsv` with the split given and no fold (a held-out split is never trained or
cross-validated on). The texts themselves stay in `corpus/raw` only; the batch folder keeps the
provenance and how the reports were found. Run once per batch:

    python training/import_batch.py BATCH_DIR --split test8 [--raw DIR]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("batch", type=Path)
    parser.add_argument("--split", required=True, help="the held-out split the reports join (test8)")
    parser.add_argument("--raw", type=Path, help="where the texts are (default: BATCH/raw)")
    args = parser.parse_args()
    raw = args.raw or args.batch / "raw"
    rows = list(csv.DictReader((args.batch / "sources.tsv").open(encoding="utf-8"), delimiter="\t"))
    metadata_path = CORPUS / "METADATA.jsonl"
    known = {json.loads(line)["id"] for line in metadata_path.open(encoding="utf-8")}
    split_lines = (CORPUS / "splits.tsv").read_text(encoding="utf-8").splitlines()
    in_split = {line.split("\t")[0] for line in split_lines[1:]}
    added = []
    for row in rows:
        rid = row["id"]
        if rid in known or rid in in_split:
            sys.exit(f"{rid}: already in the corpus")
        source = raw / f"{rid}.txt"
        text = source.read_text(encoding="utf-8")
        if len(text) != int(row["chars"]):
            sys.exit(f"{rid}: {len(text)} characters, sources.tsv says {row['chars']}")
        shutil.copyfile(source, CORPUS / "raw" / f"{rid}.txt")
        entry = {
            "id": rid, "file": f"{rid}.txt", "org": row["body"], "title": None, "place": None,
            "province": row["province"], "level": row["level"], "year": int(row["year_reported"]), "published": None,
            "url": row["url"], "source": f"batches/{args.batch.name}/{rid}",
            "sha256": hashlib.sha256(source.read_bytes()).hexdigest(),
            "form": "opening of the published web page, transcribed from a stored copy of the page",
            "note": row["notes"],
        }
        added.append(entry)
        split_lines.append("\t".join([rid, args.split, "", row["level"], row["province"]]))
    with metadata_path.open("a", encoding="utf-8") as handle:
        for entry in added:
            handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
    (CORPUS / "splits.tsv").write_text("\n".join(split_lines) + "\n", encoding="utf-8")
    print(f"added {len(added)} report(s) to corpus/raw, METADATA.jsonl and splits.tsv ({args.split})")


if __name__ == "__main__":
    main()
