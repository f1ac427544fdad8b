"""Reading reports as users have them: text files in any common Chinese encoding, web pages,
Word (.docx) and PDF files with a text layer.

Files are recognised by their bytes, not only their extension. What cannot be read raises an
`InputError` that says what to do (an old .doc/.wps, a scanned PDF, a binary file). Every read
returns the text and a `source` record: path, sha256, size, format, encoding used and reader.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, MissingExtraError
from .unwrap import strip_page_numbers, unwrap

__all__ = ["Document", "read_file", "read_bytes", "decode_text", "MAX_BYTES"]

MAX_BYTES = 200 * 1024 * 1024  # a larger file is refused before it is read
_MAX_UNZIPPED = 200 * 1024 * 1024  # a .docx that unpacks to more is refused (zip bombs)
_MAX_HTML_DEPTH = 400
_CHINESE_ENCODINGS = ("gb", "big5", "hz", "euc-tw", "euc-cn", "iso-2022-cn", "utf", "ascii")


@dataclass(frozen=True)
class Document:
    """A report's text and where it came from."""

    text: str
    source: dict


def read_file(path: str | Path) -> Document:
    """Reads one file into text; raises `InputError` with the reason when it cannot."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise InputError(f"{path}: cannot open ({error.strerror or error})") from error
    if not path.is_file():
        raise InputError(f"{path}: not a file")
    if size > MAX_BYTES:
        raise InputError(f"{path}: {size} bytes is over the limit of {MAX_BYTES} bytes")
    data = path.read_bytes()
    return read_bytes(data, name=str(path))


def read_bytes(data: bytes, *, name: str = "<bytes>") -> Document:
    """Reads the bytes of a file (txt, html, docx or pdf, recognised by content) into text."""
    kind = _sniff(data, name)
    source = {"path": name, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data), "format": kind}
    if kind == "empty":
        raise InputError(f"{name}: the file is empty (or holds only white space)")
    if kind == "pdf":
        text, extra = _read_pdf(data, name)
    elif kind == "docx":
        text, extra = _read_docx(data, name)
    elif kind == "html":
        text, extra = _read_html(data, name)
    elif kind == "text":
        text, encoding = decode_text(data, name=name)
        text, rejoined = unwrap(text)
        extra = {"encoding": encoding, "reader": "text", "rejoined_lines": rejoined}
    elif kind == "ole2":
        raise InputError(
            f"{name}: an old Word/WPS file (.doc/.wps, OLE2 format) cannot be read; "
            "save it as .docx or .txt (e.g. libreoffice --headless --convert-to docx) and try again"
        )
    elif kind == "zip":
        raise InputError(f"{name}: a zip archive that is not a .docx document; unpack it first")
    else:
        raise InputError(f"{name}: binary data, not a text, HTML, .docx or PDF file")
    source.update(extra)
    return Document(text=text, source=source)


# ------------------------------------------------------------------------------ sniffing


def _sniff(data: bytes, name: str) -> str:
    if not data.strip(b" \t\r\n\x00\x0b\x0c"):
        return "empty"
    head = data[:8]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole2"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile as error:
            raise InputError(f"{name}: a damaged zip/.docx file ({error})") from error
        return "docx" if "word/document.xml" in names else "zip"
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _utf16_guess(data):
        return _text_or_html(data, name)
    if _looks_binary(data):
        return "binary"
    return _text_or_html(data, name)


def _utf16_guess(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when BOM-less bytes read as mostly CJK or ASCII text in UTF-16."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    sample = sample[: len(sample) // 2 * 2]
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        good = sum(1 for c in text if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef" or c.isascii() and (c.isprintable() or c in "\r\n\t"))
        if good >= 0.9 * len(text):
            return encoding
    return None


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample:
        # UTF-16 without a BOM has NULs in every other byte
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if max(even, odd) > len(sample) // 4 and min(even, odd) < len(sample) // 50 + 1:
            return False
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > len(sample) // 20


def _text_or_html(data: bytes, name: str) -> str:
    lowered = data[:2048].lower()
    if name.lower().endswith((".html", ".htm", ".shtml", ".xhtml")):
        return "html"
    if lowered.lstrip().startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in lowered:
        return "html"
    return "text"


# ------------------------------------------------------------------------------ text


def decode_text(data: bytes, *, name: str = "<bytes>") -> tuple[str, str]:
    """Decodes bytes, detecting the encoding: BOM, strict UTF-8, UTF-16, strict GB18030, chardet."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise InputError(f"{name}: starts with a {encoding} mark but does not decode ({error})") from error
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad <= max(3, len(text) // 1000):  # a few stray or cut bytes in a UTF-8 file: keep the rest
        return text, f"utf-8 ({bad} invalid byte sequence(s) replaced)"
    guess = _utf16_guess(data)
    if guess is not None or b"\x00" in data[:4096]:
        for encoding in ([guess] if guess else []) + ["utf-16-le", "utf-16-be"]:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _mostly_text(text):
                return text, encoding
    try:
        text = data.decode("gb18030")
        if _mostly_text(text):
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    import chardet

    encoding = (chardet.detect(data[:200_000]).get("encoding") or "").lower()
    if encoding.startswith(_CHINESE_ENCODINGS):  # other guesses on Chinese reports are mojibake
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            text = ""
        if text and _mostly_text(text):
            return text, encoding
    raise InputError(f"{name}: the text is in no encoding lawie can detect (tried UTF-8, UTF-16, GB18030, chardet)")


def _mostly_text(text: str) -> bool:
    sample = text[:5000]
    if not sample:
        return True
    odd = sum(1 for c in sample if (ord(c) < 32 and c not in "\r\n\t") or 0xE000 <= ord(c) <= 0xF8FF)
    return odd <= len(sample) // 50


# ------------------------------------------------------------------------------ html


def _read_html(data: bytes, name: str) -> tuple[str, dict]:
    try:
        import trafilatura
    except ImportError as error:
        raise MissingExtraError("HTML pages", "html", missing=error.name) from error
    markup, encoding = decode_text(data, name=name)
    if _html_depth(markup) > _MAX_HTML_DEPTH:
        raise InputError(f"{name}: the HTML page is nested more than {_MAX_HTML_DEPTH} levels deep; refused")
    text = trafilatura.extract(
        markup,
        include_tables=True,
        include_comments=False,
        include_links=False,
        include_images=False,
        favor_recall=True,
        deduplicate=False,
    )
    if not text:
        raise InputError(f"{name}: no main text found in the HTML page")
    title, published = page_meta(markup)
    extra = {"encoding": encoding, "reader": "trafilatura", "title": title, "published": published}
    if title and _squeeze(title) not in _squeeze(text[:600]):
        # the page shows its title above the article, where the main text leaves it out; the
        # report's first line is its title, as in a .txt or .docx of the same report
        text = title + "\n" + text
        extra["title_added"] = True
    return text, extra


_TITLE_METAS = ("articletitle", "og:title", "dc.title")
_DATE_METAS = ("pubdate", "publishdate", "firstpublishedtime", "article:published_time", "dc.date", "dcterms.created", "published")
_SHOWN_DATE = re.compile(
    r"(?:发布|發佈|發布|公开|公開|发文|發文|成文|印发|印發)(?:时间|時間|日期)\s*[:：]?\s*(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})"
)
_SITE_SEPARATORS = re.compile(r"\s*(?:[_|｜]|--|—|-\s)\s*")


def page_meta(markup: str) -> tuple[str | None, str | None]:
    """(title, publication date as YYYY-MM-DD) of a web page: the title from the ArticleTitle
    meta tag, the <h1>, or the <title> without the site's name; the date from a publication
    meta tag or the date the page shows (发布时间: 2025-03-25), which the April 1 deadline
    check needs."""
    import lxml.html

    try:  # lxml refuses str input that still declares its encoding (XHTML pages often do)
        tree = lxml.html.document_fromstring(re.sub(r"^\s*<\?xml[^>]*>", "", markup, count=1))
    except Exception:  # lxml raises several kinds on broken pages; the text is still read
        return None, None
    metas = {}
    for meta in tree.iter("meta"):
        key = (meta.get("name") or meta.get("property") or "").strip().lower()
        if key and meta.get("content") and key not in metas:
            metas[key] = " ".join(meta.get("content").split())
    title = next((metas[k] for k in _TITLE_METAS if metas.get(k)), None)
    if title is None:
        heading = next((" ".join(h.text_content().split()) for h in tree.iter("h1") if h.text_content().strip()), None)
        page_title = tree.findtext(".//title")
        if heading:
            title = heading
        elif page_title and page_title.strip():
            pieces = [p for p in _SITE_SEPARATORS.split(" ".join(page_title.split())) if p]
            title = max(pieces, key=lambda p: ("报告" in p or "報告" in p, len(p))) if pieces else None
    published = None
    for key in _DATE_METAS:
        match = re.match(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})", metas.get(key, ""))
        if match:
            published = match
            break
    if published is None:
        body = tree.find("body")
        published = _SHOWN_DATE.search(body.text_content() if body is not None else "")
    date = None
    if published is not None:
        year, month, day = (int(g) for g in published.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            date = f"{year:04d}-{month:02d}-{day:02d}"
    return title, date


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _html_depth(markup: str) -> int:
    """A cheap upper bound on element nesting, to refuse pathological pages before parsing."""
    depth = deepest = 0
    for match in re.finditer(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>", markup[:5_000_000]):
        closing, tag, selfclosing = match.groups()
        if tag.lower() in {"br", "img", "hr", "meta", "link", "input", "source", "wbr", "col", "area", "base", "param", "p", "li", "td", "tr", "th", "option"}:
            continue
        if closing:
            depth = max(0, depth - 1)
        elif not selfclosing:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


# ------------------------------------------------------------------------------ docx


def _read_docx(data: bytes, name: str) -> tuple[str, dict]:
    try:
        import docx
    except ImportError as error:
        raise MissingExtraError("Word .docx files", "docx", missing=error.name) from error
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > _MAX_UNZIPPED:
            raise InputError(f"{name}: the .docx unpacks to {unpacked} bytes (over {_MAX_UNZIPPED}); refused")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises several kinds on damaged packages
        raise InputError(f"{name}: a damaged .docx file ({type(error).__name__}: {error})") from error
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, document).text)
        elif tag == "tbl":
            for row in Table(block, document).rows:
                cells = []
                for cell in row.cells:
                    if not cells or cell.text != cells[-1]:
                        cells.append(cell.text)
                lines.append("\t".join(cells))
    return "\n".join(lines), {"encoding": None, "reader": "python-docx"}


# ------------------------------------------------------------------------------ pdf


def _read_pdf(data: bytes, name: str) -> tuple[str, dict]:
    try:
        import pypdfium2 as pdfium
    except ImportError as error:
        raise MissingExtraError("PDF files", "pdf", missing=error.name) from error
    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as error:  # pdfium raises PdfiumError and others on damaged files
        raise InputError(f"{name}: a damaged PDF file ({error})") from error
    pages: list[str] = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            page_text = textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n")
            pages.append(strip_page_numbers(page_text))
            textpage.close()
            page.close()
    finally:
        pdf.close()
    text = "\n".join(pages)
    if len(text.strip()) < 20 * max(1, len(pages)) // 4 + 1:
        raise InputError(
            f"{name}: the PDF has no text layer (a scan?); run OCR on it first "
            "(e.g. ocrmypdf --language chi_sim in.pdf out.pdf) and read the result"
        )
    text, rejoined = unwrap(text, layout=True)
    return text, {"encoding": None, "reader": "pypdfium2", "pages": len(pages), "rejoined_lines": rejoined}
