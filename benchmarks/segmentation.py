"""Segmentation experiment: which tokenisation can the entity model use?

A token-based NER can only predict spans whose ends fall on token boundaries. For each
segmenter this prints the share of gold spans that align to its tokens, tokens per character,
and tokenisation speed. spaCy's `char` segmenter aligns by construction; jieba ships its
dictionary in the wheel; spacy-pkuseg ships no segmentation model in its wheel (spaCy's zh
`pkuseg` segmenter needs one downloaded or trained: see benchmarks/RESULTS.md).

    python benchmarks/segmentation.py
"""

from __future__ import annotations

import time

import spacy

from lawie.corpus import training_records
from lawie.normalize import fold


_CHAR = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "spacy.zh.ChineseTokenizer", "segmenter": "char"}}})


def char_tokens(text: str) -> list[tuple[int, int]]:
    return [(t.idx, t.idx + len(t)) for t in _CHAR.make_doc(text)]


def jieba_tokens(text: str) -> list[tuple[int, int]]:
    import jieba

    jieba.setLogLevel(60)
    return [(start, end) for _, start, end in jieba.tokenize(text)]


def main() -> None:
    records, _ = training_records()  # the trained-on reports: never the held-out split
    texts = [fold(r["text"]) for r in records]
    chars = sum(len(t) for t in texts)
    print("| segmenter | gold spans aligned | tokens per char | tokens/s | chars/s |")
    print("| --- | --- | --- | --- | --- |")
    for name, tokenize in (("char (spaCy zh)", char_tokens), ("jieba 0.42 (default dictionary)", jieba_tokens)):
        tokenize(texts[0][:100])  # load dictionaries before timing
        started = time.perf_counter()
        tokenised = [tokenize(t) for t in texts]
        seconds = time.perf_counter() - started
        aligned = total = 0
        for record, tokens in zip(records, tokenised):
            starts = {s for s, _ in tokens}
            ends = {e for _, e in tokens}
            for span in record["spans"]:
                total += 1
                aligned += span["start"] in starts and span["end"] in ends
        count = sum(len(t) for t in tokenised)
        print(f"| {name} | {aligned}/{total} ({aligned / total:.1%}) | {count / chars:.2f} | {count / seconds:,.0f} | {chars / seconds:,.0f} |")
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("spacy_pkuseg")
    if spec is None:
        print("| spacy-pkuseg | not installed (extra `train`) |  |  |  |")
    else:
        folder = Path(spec.origin).parent
        models = [p.name for p in folder.rglob("*") if p.suffix in {".pkl", ".npz", ".json"} and "feature" in p.name]
        print(f"| spacy-pkuseg | no segmentation model in the wheel ({len(models)} model files in {folder.name}/); spaCy would download one at first use |  |  |  |")

if __name__ == "__main__":
    main()
