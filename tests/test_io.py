"""Reading files as users have them: encodings detected, formats recognised by their bytes,
clear errors for what cannot be read."""

from __future__ import annotations

import codecs
import io
import zipfile

import pytest

from lawie.errors import InputError
from lawie.io import decode_text, read_bytes, read_file

# a real excerpt: 鼓楼街道 2025, the first lines
EXCERPT = (
    "2025年,鼓楼街道办事处深入学习贯彻习近平法治思想,全面落实中央、市、区关于法治政府建设的工作部署。现将本年度工作情况报告如下:\n"
    "一、2025年推进法治政府建设总体情况\n"
    "2. 规范行政执法行为。严格落实行政执法“三项制度”,全年完成重大法制审核案件36件,确保执法行为合法合规。\n"
    "二、法治政府建设中存在的不足\n"
    "1. 法治建设精细化水平有待提升。部分科室、社区对法治建设与业务工作融合的认识仍需深化。\n"
)


@pytest.mark.parametrize(
    "encoding, expected",
    [("utf-8", "utf-8"), ("gbk", "gb18030"), ("gb18030", "gb18030"), ("utf-16", "utf-16"), ("utf-8-sig", "utf-8-sig")],
)
def test_encodings_are_detected(encoding, expected):
    text, used = decode_text(EXCERPT.encode(encoding))
    assert text == EXCERPT and used == expected


def test_utf16_without_bom():
    text, used = decode_text(EXCERPT.encode("utf-16-le"))
    assert text == EXCERPT and used == "utf-16-le"


def test_source_record(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes(EXCERPT.encode("gbk"))
    document = read_file(path)
    assert document.text == EXCERPT
    assert document.source["encoding"] == "gb18030" and document.source["reader"] == "text"
    assert len(document.source["sha256"]) == 64 and document.source["path"] == str(path)


def test_binary_and_old_word_files_are_refused_with_advice():
    with pytest.raises(InputError, match="binary"):
        read_bytes(bytes(range(256)) * 8, name="x.txt")
    with pytest.raises(InputError, match="save it as .docx"):
        read_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, name="x.doc")


def test_docx_reads_paragraphs_and_tables_in_order(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("一、2025年推进法治政府建设总体情况")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "普法活动"
    table.rows[0].cells[1].text = "30场"
    document.add_paragraph("二、法治政府建设中存在的不足")
    path = tmp_path / "r.docx"
    document.save(path)
    text = read_file(path).text
    assert text.splitlines() == ["一、2025年推进法治政府建设总体情况", "普法活动\t30场", "二、法治政府建设中存在的不足"]


def test_a_zip_bomb_disguised_as_docx_is_refused(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * (210 * 1024 * 1024))
    with pytest.raises(InputError, match="unpacks to"):
        read_bytes(buffer.getvalue(), name="bomb.docx")


def test_a_damaged_docx_and_a_fake_pdf_get_errors():
    with pytest.raises(InputError, match="damaged"):
        read_bytes(b"PK\x03\x04" + b"garbage" * 100, name="x.docx")
    with pytest.raises(InputError, match="damaged PDF"):
        read_bytes(b"%PDF-1.4\n" + b"not a pdf" * 100, name="x.pdf")


def _pdf(page_text: str | None) -> bytes:
    """A one-page PDF, with a Helvetica text line or with no text at all (like a scan)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({page_text}) Tj ET".encode() if page_text else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_pdf_text_layer_and_scanned_pdf():
    document = read_bytes(_pdf("Annual report 2024: 27 activities held"), name="r.pdf")
    assert "27 activities" in document.text and document.source["reader"] == "pypdfium2"
    with pytest.raises(InputError, match="no text layer"):
        read_bytes(_pdf(None), name="scan.pdf")


def test_html_main_text_without_navigation_and_footer():
    body = "".join(f"<p>{line}</p>" for line in EXCERPT.splitlines())
    page = (
        "<html><head><title>鼓楼街道法治政府建设年度报告</title></head><body>"
        "<nav><ul><li>首页</li><li>政务公开</li><li>政策文件</li><li>互动交流</li></ul></nav>"
        f"<div id='content'><h1>鼓楼街道2025年法治政府建设年度报告</h1>{body}</div>"
        "<footer><p>主办单位:鼓楼街道办事处 网站标识码:1101010001 京ICP备12345678号</p></footer>"
        "</body></html>"
    )
    document = read_bytes(page.encode("utf-8"), name="r.html")
    assert "规范行政执法行为" in document.text
    assert "网站标识码" not in document.text and "互动交流" not in document.text
    assert document.source["reader"] == "trafilatura"


def test_deeply_nested_html_is_refused():
    page = "<html><body>" + "<div>" * 5000 + "x" + "</div>" * 5000 + "</body></html>"
    with pytest.raises(InputError, match="nested"):
        read_bytes(page.encode(), name="deep.html")


def test_bom_marked_text_that_does_not_decode():
    with pytest.raises(InputError, match="does not decode"):
        decode_text(codecs.BOM_UTF8 + b"\xff\xfe\xfa")


def test_utf16_without_bom_is_read_as_a_file():
    document = read_bytes(EXCERPT.encode("utf-16-le"), name="r.txt")
    assert document.text == EXCERPT and document.source["encoding"] == "utf-16-le"


def test_utf8_with_a_stray_or_cut_byte_keeps_the_text():
    for data in (EXCERPT.encode("utf-8")[:-2] + b"\\xff\\n".decode("unicode_escape").encode("latin-1"), EXCERPT.encode("utf-8")[:-2]):
        text, used = decode_text(data)
        assert used.startswith("utf-8") and text.startswith(EXCERPT[:40])


def test_big5_traditional_text():
    traditional = "一、主要舉措和成效\n（一）加強組織領導，成立領導小組，開展普法活動二十七場。\n" * 5
    text, used = decode_text(traditional.encode("big5"))
    assert text == traditional and used.startswith("big5")


def _page(lines: list[str], *, title_tag: str, head: str = "", shown: str = "", h1: str = "", charset: str = "utf-8") -> str:
    """A government web page around a report's lines: navigation, title, publication line, footer."""
    return (
        f"<!DOCTYPE html><html><head><meta charset='{charset}'><title>{title_tag}</title>{head}</head><body>"
        "<div class='nav'><a href='/'>首页</a> &gt; <a>政府信息公开</a> &gt; <a>工作信息</a></div>"
        f"{f'<h1>{h1}</h1>' if h1 else ''}<div class='info'>{shown}</div>"
        "<div class='content'>" + "".join(f"<p>{line}</p>" for line in lines if line.strip()) + "</div>"
        "<div class='footer'>主办单位:区人民政府办公室 网站标识码:3302120001</div></body></html>"
    )


def _yinzhou() -> tuple[str, str, str, list[str]]:
    """鄞州区 2024 as the corpus keeps it: its page's title and publication lines, then the report."""
    from .conftest import ROOT

    text = (ROOT / "corpus" / "raw" / "p2-04.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    return text, lines[7], lines[8], lines[9:]


@pytest.mark.parametrize("where", ["h1", "ArticleTitle", "title"])
def test_a_web_page_gives_the_meta_its_text_gives(where):
    import lawie

    text, title, shown, body = _yinzhou()
    page = _page(
        body,
        title_tag=f"{title}_宁波市鄞州区人民政府" if where == "title" else "宁波市鄞州区人民政府",
        head=f"<meta name='ArticleTitle' content='{title}'>" if where == "ArticleTitle" else "",
        h1=title if where == "h1" else "",
        shown=shown,
    )
    document = read_bytes(page.encode("utf-8"), name="yinzhou.html")
    assert document.source["title"] == title and document.source["published"] == "2025-03-25"
    from_page, from_text = lawie.extract(document), lawie.extract(text)
    assert from_page.meta == from_text.meta and from_page.meta.title == title
    assert all(document.text[e.start : e.end] == e.text for e in from_page.entities)


def test_the_publication_date_comes_from_a_meta_tag_or_what_the_page_shows():
    _, title, shown, body = _yinzhou()
    xhtml = '<?xml version="1.0" encoding="utf-8"?>\n' + _page(body, title_tag=title, shown=shown)
    assert read_bytes(xhtml.encode("utf-8"), name="p.html").source["published"] == "2025-03-25"
    tagged = _page(body, title_tag=title, head="<meta name='PubDate' content='2025-03-25 09:21'>")
    assert read_bytes(tagged.encode("utf-8"), name="p.html").source["published"] == "2025-03-25"
    untold = _page(body, title_tag=title)
    assert read_bytes(untold.encode("utf-8"), name="p.html").source["published"] is None


def test_a_traditional_character_page_gives_the_body_in_simplified_characters():
    import lawie

    from .conftest import ROOT

    text = (ROOT / "corpus" / "raw" / "p1-01.txt").read_text(encoding="utf-8")  # through a big5 gateway
    page = _page(text.splitlines(), title_tag="東城區2023年法治政府建設年度情況報告", charset="big5")
    report = lawie.extract(read_bytes(page.encode("big5", errors="replace"), name="dc.html"))
    assert report.meta.title == "東城區2023年法治政府建設年度情況報告"  # the title as the page writes it
    assert report.meta.org == "东城区" and report.meta.year == 2023  # the body named in its title
    assert lawie.extract(text).meta.org == "东城区政府"  # without the title, the body named first
