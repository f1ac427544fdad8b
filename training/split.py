"""Writes the frozen split of the corpus, `corpus/splits.tsv`: train / dev / test and CV folds.

- The five seed reports go to train: lawie's rules were written while reading them, so a figure on
  them is in-sample and must not be part of any test.
- The 103 pool reports are split per level (province, city, county, town, department): in each
  level, in an order shuffled with SEED, 20 % go to test and 15 % to dev, each time preferring a
  report from a province that split does not hold yet, so that both spread over the provinces; the
  rest go to train.
- train + dev are divided into FOLDS folds for cross-validation grouped by province: all reports of
  one province share a fold (a fold's figures are on provinces its training did not see); provinces
  are dealt, largest first, to the fold with the fewest reports. Test reports have no fold.

The test split is frozen: it is scored only to report final figures, never to choose a rule, a
feature or a setting. Run once (it refuses to overwrite the file unless given --force):

    python training/split.py
"""

from __future__ import annotations

import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
METADATA = ROOT / "corpus" / "METADATA.jsonl"
SPLITS = ROOT / "corpus" / "splits.tsv"
SEED = 20261127
FOLDS = 5
SHARES = {"test": 0.20, "dev": 0.15}
LEVELS = ("province", "city", "county", "town", "department")


def split(entries: list[dict]) -> dict[str, dict]:
    rng = random.Random(SEED)
    out: dict[str, dict] = {}
    for entry in entries:
        if entry["source"].startswith("seeds/"):
            out[entry["id"]] = {"split": "train"}
    for level in LEVELS:
        reports = sorted((e for e in entries if e["level"] == level and e["id"] not in out), key=lambda e: e["id"])
        rng.shuffle(reports)
        for name, share in SHARES.items():
            quota = round(len(reports) * share)
            taken = {e["province"] for e in entries if out.get(e["id"], {}).get("split") == name}
            chosen: list[dict] = []
            for pass_ in (0, 1):
                for e in reports:
                    if len(chosen) == quota:
                        break
                    if e in chosen or e["id"] in out:
                        continue
                    if pass_ == 0 and e["province"] in taken:
                        continue
                    chosen.append(e)
                    taken.add(e["province"])
            for e in chosen:
                out[e["id"]] = {"split": name}
        for e in reports:
            out.setdefault(e["id"], {"split": "train"})
    for e in entries:  # a level outside the five (none today) is not stratified: train
        out.setdefault(e["id"], {"split": "train"})
    by_province: dict[str, list[str]] = defaultdict(list)
    for e in entries:
        if out[e["id"]]["split"] != "test":
            by_province[e["province"]].append(e["id"])
    provinces = sorted(by_province)
    rng.shuffle(provinces)
    provinces.sort(key=lambda p: -len(by_province[p]))
    sizes = [0] * FOLDS
    for province in provinces:
        fold = min(range(FOLDS), key=lambda k: (sizes[k], k))
        sizes[fold] += len(by_province[province])
        for rid in by_province[province]:
            out[rid]["fold"] = fold
    return out


def main() -> None:
    if SPLITS.exists() and "--force" not in sys.argv:
        sys.exit(f"{SPLITS.relative_to(ROOT)} exists and is frozen; pass --force to rewrite it")
    entries = [json.loads(line) for line in METADATA.open(encoding="utf-8")]
    result = split(entries)
    with SPLITS.open("w", encoding="utf-8") as handle:
        handle.write("id\tsplit\tfold\tlevel\tprovince\n")
        for e in entries:
            row = result[e["id"]]
            fold = row.get("fold")
            handle.write(f"{e['id']}\t{row['split']}\t{'' if fold is None else fold}\t{e['level']}\t{e['province']}\n")
    counts = Counter((result[e["id"]]["split"], e["level"]) for e in entries)
    for name in ("train", "dev", "test"):
        print(name, sum(v for (s, _), v in counts.items() if s == name), {lvl: counts[(name, lvl)] for lvl in LEVELS})
    print("folds", Counter(r.get("fold") for r in result.values() if "fold" in r))


if __name__ == "__main__":
    main()
