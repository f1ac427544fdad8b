"""The training workflow as named steps (run from the checkout root):

    python training/workflow.py validate    corpus/annotations → checked (lawie corpus validate)
    python training/workflow.py convert     corpus → training/output/corpus/{ner,roles}.spacy (DocBins)
    python training/workflow.py evaluate    cross-validated figures (folds by province) → benchmarks/accuracy.md
    python training/workflow.py train       cross-validate + train on the trained-on reports → training/output/model
    python training/workflow.py package     training/output/model → lawie/model (the shipped model)
    python training/workflow.py all         validate, convert, train, package (train cross-validates too)

Each step reads what the one before wrote; generated folders are ignored by git. `lawie train
--ship` runs evaluate + train + package in one command.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "training" / "output"
MODEL = OUTPUT / "model"
PACKAGED = ROOT / "lawie" / "model"


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def step_validate() -> None:
    subprocess.run([sys.executable, "-m", "lawie.cli", "corpus", "validate", str(ROOT / "corpus" / "annotations")], check=True)


def step_convert() -> None:
    import spacy
    from spacy.tokens import DocBin

    from lawie.corpus import training_records
    from lawie.report import ROLES
    from lawie.training import DEFAULT_DESIGN, ner_docs, role_rows

    records, _ = training_records(ROOT / "corpus" / "annotations")
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "spacy.zh.ChineseTokenizer", "segmenter": "char"}}})
    out = OUTPUT / "corpus"
    out.mkdir(parents=True, exist_ok=True)
    DocBin(docs=ner_docs(records, nlp, DEFAULT_DESIGN.ner_labels)).to_disk(out / "ner.spacy")
    docs = []
    for row in role_rows(records):
        doc = nlp.make_doc(row.input)
        doc.cats = {role: float(role == row.gold) for role in ROLES}
        docs.append(doc)
    DocBin(docs=docs).to_disk(out / "roles.spacy")
    say(f"wrote {out}/ner.spacy and roles.spacy")


def step_evaluate() -> None:
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "accuracy.py"), "--write"], check=True, cwd=ROOT)


def step_train() -> None:
    subprocess.run([sys.executable, "-m", "lawie.cli", "train", "-o", str(MODEL)], check=True, cwd=ROOT)


def step_package() -> None:
    if not (MODEL / "meta.json").is_file():
        raise SystemExit(f"no trained model in {MODEL}: run the train step first")
    if PACKAGED.exists():
        shutil.rmtree(PACKAGED)
    shutil.copytree(MODEL, PACKAGED)
    say(f"packaged {MODEL} → {PACKAGED}")


STEPS = {"validate": step_validate, "convert": step_convert, "evaluate": step_evaluate, "train": step_train, "package": step_package}


def main(argv: list[str]) -> int:
    names = argv or ["all"]
    if names == ["all"]:
        names = ["validate", "convert", "train", "package"]
    unknown = [n for n in names if n not in STEPS]
    if unknown:
        print(f"unknown step(s) {unknown}; steps: {', '.join(STEPS)}, all", file=sys.stderr)
        return 2
    for name in names:
        say(f"step {name}")
        STEPS[name]()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
