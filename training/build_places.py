"""Build lawie/rules/places.tsv, the gazetteer of Chinese administrative divisions, from jionlp's data.

jionlp (Apache-2.0, https://github.com/dongrixinyu/JioNLP) ships `dictionary/china_location.zip`, a
five-level tree (province → prefecture → county → town → village) with division codes and short forms,
and `dictionary/china_location_change.txt`, the renamings and mergers since 1980. lawie takes the first
four levels and the former names; the comparison behind the choice is benchmarks/GAZETTEERS.md.

    pip download --no-deps jionlp==1.5.31 -d /tmp/jionlp
    python training/build_places.py /tmp/jionlp/jionlp-1.5.31-py2.py3-none-any.whl
"""

from __future__ import annotations

import argparse
import io
import re
import zipfile
from collections import Counter
from pathlib import Path

LEVELS = ("province", "city", "county", "town")
OUT = Path(__file__).resolve().parents[1] / "lawie" / "rules" / "places.tsv"
# Short forms that name a kind of zone rather than a place (jionlp gives 高新区 for every high-tech zone).
GENERIC_SHORT = re.compile(r"^(高新区|经开区|开发区|新区|工业区|园区|示范区|保税区|综试区|.{0,2}区)$")


def read_members(wheel: Path) -> tuple[str, str, str]:
    """The tree, the change list and the package version from a jionlp wheel."""
    with zipfile.ZipFile(wheel) as whl:
        inner = zipfile.ZipFile(io.BytesIO(whl.read("jionlp/dictionary/china_location.zip")))
        tree = inner.read(inner.namelist()[0]).decode("utf-8")
        changes = whl.read("jionlp/dictionary/china_location_change.txt").decode("utf-8")
    version = re.search(r"jionlp-([\d.]+)-", wheel.name)
    return tree, changes, version.group(1) if version else "unknown"


def rows_from_tree(tree: str) -> list[tuple[str, str, str, str, str]]:
    """(level, name, short, code, parent code) for every division down to towns."""
    rows, codes = [], [""] * 4
    for line in tree.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        fields = line.strip("\t").split("\t")
        if depth >= 4 or not fields[0]:
            continue
        name = fields[0]
        code = fields[1] if len(fields) > 1 else ""
        short = fields[2] if len(fields) > 2 else ""
        parent = codes[depth - 1] if depth else ""
        if depth == 3:
            code = ""
            parent = codes[2]
        else:
            codes[depth] = code
        rows.append((LEVELS[depth], name, short, code, parent))
    return rows


def former_names(changes: str, current: dict[tuple[str, str], str]) -> list[tuple[str, str, str, str, str]]:
    """A former county or prefecture name as a row pointing at the division that replaced it."""
    out = []
    for line in changes.splitlines():
        if "=>" not in line:
            continue
        before, after = line.split("=>")
        old = before.split("\t")
        new = after.split("\t")
        county = len(old) > 6 and len(new) > 2 and old[6]
        old_name, new_name = (old[6], new[2]) if county else (old[4], new[1])
        level = "county" if county else "city"
        code = current.get((level, new_name))
        if code and old_name != new_name and not (level, old_name) in current:
            out.append((level, old_name, "", code, "former"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wheel", type=Path, help="jionlp wheel (pip download --no-deps jionlp)")
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args()
    tree, changes, version = read_members(args.wheel)
    rows = rows_from_tree(tree)
    current = {(lvl, name): code for lvl, name, _, code, _ in rows if code}
    shorts = Counter(short for _, _, short, _, _ in rows if short)
    clean = []
    for level, name, short, code, parent in rows:
        if short and (GENERIC_SHORT.match(short) or shorts[short] > 1 and level != "province"):
            short = ""
        clean.append((level, name, short, code, parent))
    clean += former_names(changes, current)
    header = (
        f"# Chinese administrative divisions to town level, from jionlp {version} (Apache-2.0, "
        "https://github.com/dongrixinyu/JioNLP): dictionary/china_location.zip and "
        "china_location_change.txt, built by training/build_places.py.\n"
        "# level\tname\tshort\tcode\tparent (towns: the county's code; former names: 'former', code of the successor)\n"
    )
    args.output.write_text(header + "".join("\t".join(r) + "\n" for r in clean), encoding="utf-8")
    counts = Counter(r[0] for r in clean)
    print(f"{args.output}: {len(clean)} rows", dict(counts))


if __name__ == "__main__":
    main()
