"""Lines wrapped inside paragraphs, by a PDF's layout or a fixed-width .txt, are rejoined; text
that is not wrapped is left as it is."""

from __future__ import annotations

from pathlib import Path

import pytest

import lawie
from lawie.io import read_bytes, read_file
from lawie.unwrap import strip_page_numbers, unwrap

from .conftest import HELD_OUT_IDS, ROOT

RAW = ROOT / "corpus" / "raw"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# PDFs printed from two seed reports by tests/fixtures/make_pdf.py (A4, wrapped at the page width)
PDFS = {"gulou_2025.pdf": "003_7fff814117d48ac1.txt", "nanhu_2025.pdf": "000_2ababa7b4bdadb2d.txt"}


def _items(report):
    return [(item.text.strip(), item.role, item.heading) for item in report.items]


def _quantities(report):
    return [(q.text, q.value, q.unit, q.measure) for _, q in report.quantities]


@pytest.mark.parametrize("pdf, txt", sorted(PDFS.items()))
def test_a_pdf_of_a_report_gives_what_its_text_gives(pdf, txt):
    document = read_file(FIXTURES / pdf)
    assert document.source["pages"] > 1 and document.source["rejoined_lines"] > 20
    from_pdf = lawie.extract(document.text)
    from_txt = lawie.extract(read_file(RAW / txt).text)
    assert _items(from_pdf) == _items(from_txt)
    assert _quantities(from_pdf) == _quantities(from_txt)
    assert all(document.text[e.start : e.end] == e.text for e in from_pdf.entities)
    assert all(document.text[i.start : i.end] == i.text for i in from_pdf.items)


def test_a_number_split_over_two_printed_lines_is_whole_again():
    text = read_file(FIXTURES / "gulou_2025.pdf").text
    report = lawie.extract(text)
    assert ("391件", 391.0) in [(q.text, q.value) for _, q in report.quantities]
    assert "- 1 -" not in text  # page numbers do not cut a paragraph


@pytest.mark.parametrize("name", ["000_2ababa7b4bdadb2d.txt", "003_7fff814117d48ac1.txt"])
@pytest.mark.parametrize("width", [30, 38])
def test_a_txt_wrapped_at_a_fixed_width_is_rejoined(tmp_path, name, width):
    original = (RAW / name).read_text(encoding="utf-8")
    wrapped = "\n".join(line[i : i + width] for line in original.splitlines() for i in range(0, max(len(line), 1), width))
    path = tmp_path / name
    path.write_bytes(wrapped.encode("gb18030"))
    document = read_file(path)
    assert document.text == original
    assert document.source["rejoined_lines"] == wrapped.count("\n") - original.count("\n")


def test_texts_that_are_not_wrapped_are_read_unchanged():
    for path in sorted(RAW.glob("*.txt")):
        if path.stem in HELD_OUT_IDS:
            continue  # the held-out split is for the final figures alone
        document = read_bytes(path.read_bytes(), name=path.name)
        assert document.source["rejoined_lines"] == 0, path.name
        assert document.text == path.read_text(encoding="utf-8", errors="replace"), path.name


def test_a_paragraph_that_ends_a_full_line_is_not_glued_to_the_next_heading():
    paragraphs = (RAW / "003_7fff814117d48ac1.txt").read_text(encoding="utf-8").splitlines()[5:7]
    assert len(paragraphs[0]) % 31 == 0 and paragraphs[0].endswith("。")  # its last line is full
    wrapped = "\n".join(p[i : i + 31] for p in paragraphs for i in range(0, len(p), 31))
    assert unwrap(wrapped, layout=True)[0] == "\n".join(paragraphs)


def test_page_numbers_alone_on_a_line_are_dropped():
    assert strip_page_numbers("正文第一行\n正文第二行\n- 3 -") == "正文第一行\n正文第二行"
    assert strip_page_numbers("第 2 页\n正文\n第2页 共5页") == "正文"
    assert strip_page_numbers("正文\n共完成36件") == "正文\n共完成36件"
