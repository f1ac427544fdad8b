"""Build lawie/rules/words.tsv, the word list behind lawie's segmentation, from jieba's dictionary.

jieba (MIT, https://github.com/fxsjy/jieba) ships `dict.txt`: about 349,000 words of modern Chinese
with a corpus frequency and a part-of-speech tag (ICTCLAS tag set: n noun, v verb, vn verbal noun,
q measure word, m numeral, d adverb, …). lawie keeps the most frequent words of up to six
characters (60,000 by default: grouped cross-validation of the measure model scores the full list,
150,000 and 60,000 alike, benchmarks/RESULTS.md), with the natural log of each word's share of the
dictionary's total frequency.

    pip download --no-deps jieba==0.42.1 -d /tmp/jieba
    python training/build_words.py /tmp/jieba/jieba-0.42.1.tar.gz
"""

from __future__ import annotations

import argparse
import math
import re
import tarfile
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "lawie" / "rules" / "words.tsv"
MAX_CHARS = 6


def read_dictionary(archive: Path) -> tuple[str, str]:
    """jieba's dict.txt and the package version, from its sdist (.tar.gz) or a wheel."""
    version = re.search(r"jieba-(\d+(?:\.\d+)*)", archive.name)
    if archive.suffix == ".whl":
        with zipfile.ZipFile(archive) as whl:
            text = whl.read("jieba/dict.txt").decode("utf-8")
    else:
        with tarfile.open(archive) as tar:
            member = next(m for m in tar.getmembers() if m.name.endswith("jieba/dict.txt"))
            text = tar.extractfile(member).read().decode("utf-8")
    return text, version.group(1) if version else "unknown"


def build(text: str, version: str, keep: int) -> str:
    rows = [line.split() for line in text.splitlines() if line.strip()]
    total = sum(int(r[1]) for r in rows)
    eligible = sorted((r for r in rows if len(r[0]) <= MAX_CHARS and len(r) == 3), key=lambda r: (-int(r[1]), r[0]))[:keep]
    eligible.sort(key=lambda r: r[0])
    lines = [
        f"# Words of modern Chinese with their log share of frequency and part of speech: the {keep} most frequent of up to "
        f"{MAX_CHARS} characters in jieba {version}'s dict.txt (MIT licence, Copyright (c) 2013 Sun Junyi, https://github.com/fxsjy/jieba), built by training/build_words.py.",
        f"# word\tlog probability (total {total})\tpart of speech (ICTCLAS tags)",
    ]
    lines += [f"{w}\t{math.log(int(f) / total):.3f}\t{pos}" for w, f, pos in eligible]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path, help="jieba's sdist or wheel")
    parser.add_argument("--keep", type=int, default=60000, help="how many of the most frequent words to keep")
    args = parser.parse_args()
    text, version = read_dictionary(args.archive)
    OUT.write_text(build(text, version, args.keep), encoding="utf-8")
    print(f"wrote {OUT} from jieba {version}")


if __name__ == "__main__":
    main()
