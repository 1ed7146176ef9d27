"""Hostile and unsupported files, made on the fly by the tests (a 1 GB page is a sparse file, a zip bomb a few KB)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def docx(document_xml: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document_xml)
    return out.getvalue()


def docx_with_paragraphs(*texts: str) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in texts)
    return docx(f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body>{body}</w:body></w:document>'.encode())


def zip_bomb_docx() -> bytes:
    """A DOCX whose body inflates 20 MB of blanks from about 20 KB."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body><w:p><w:r><w:t>'.encode()
    return docx(head + b" " * (20 << 20) + b"</w:t></w:r></w:p></w:body></w:document>")


def billion_laughs_docx() -> bytes:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10)
    )
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE lolz [{entities}]>'
        f"<w:document {_W}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )
    return docx(xml.encode())


def pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF from numbered object bodies (1-based), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n" % (len(objects) + 1, root, xref) + b"%%EOF\n"
    return bytes(out)


def _stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<< " + dictionary + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def pdf_page_tree_cycle() -> bytes:
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"])


def pdf_claiming_a_billion_pages() -> bytes:
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1000000000 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        ]
    )


def pdf_with_pages(count: int) -> bytes:
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(count))
    pages = [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * count
    return pdf(
        [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count), *pages]
    )


def pdf_drawing_itself() -> bytes:
    """A page whose form XObject draws itself: a loop for a careless renderer."""
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /XObject << /X0 5 0 R >> >> >>",
            _stream(b"", b"q /X0 Do Q"),
            _stream(
                b"/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << /XObject << /X0 5 0 R >> >>",
                b"q /X0 Do Q",
            ),
        ]
    )


def pdf_scan() -> bytes:
    """A page that holds only an image: a scan without a text layer."""
    pixels = bytes(range(256)) * 16
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /XObject << /Im0 5 0 R >> >> >>",
            _stream(b"", b"q 500 0 0 700 40 70 cm /Im0 Do Q"),
            _stream(
                b"/Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray /BitsPerComponent 8",
                pixels,
            ),
        ]
    )


def sparse_html(path: Path, size: int = 1 << 30) -> Path:
    """A web page of ``size`` bytes (1 GB by default) that takes no disk space."""
    with path.open("wb") as handle:
        handle.write(b"<!DOCTYPE html><html><body><p>")
        handle.truncate(size)
    return path


def odt() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def zip_archive() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("2023年报告.txt", "年度报告")
    return out.getvalue()


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
UNSUPPORTED: dict[str, tuple[bytes, str]] = {
    "report.doc": (OLE2, "Word 97-2003"),
    "report.wps": (OLE2, "WPS"),
    "report.odt": (odt(), "OpenDocument"),
    "scan.png": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "PNG"),
    "scan.jpg": (b"\xff\xd8\xff\xe0" + b"\x00" * 64, "JPEG"),
    "reports.zip": (zip_archive(), "zip"),
    "reports.rar": (b"Rar!\x1a\x07\x01\x00" + b"\x00" * 64, "RAR"),
    "reports.7z": (b"7z\xbc\xaf\x27\x1c" + b"\x00" * 64, "7z"),
    "report.rtf": (b"{\\rtf1\\ansi ...}", "RTF"),
}
