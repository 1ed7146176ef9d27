"""Formats the auditor recognises but does not read: one clear fatal finding naming the format and what to do.

Recognised by their content (magic bytes, the members of a zip), never by the extension alone: Word 97-2003 and WPS
binary documents (OLE2), OpenDocument text, OFD, RTF, images and archives. A zip that holds a Word document is the
DOCX reader's, and is left alone here.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from auditor.errors import ReadError
from auditor.hookspecs import hookimpl
from auditor.lazy import lazy_module

if TYPE_CHECKING:
    import zipfile

    from auditor.document import Document
    from auditor.readers import Limits
else:
    zipfile = lazy_module("zipfile")  # only a zip file needs it

_CONVERT_ZH = (
    "请用 Word、WPS 或 LibreOffice 另存为 .docx 或 .pdf 后再审查（如 soffice --headless --convert-to docx 文件名）"
)
_CONVERT_EN = (
    "save it as .docx or .pdf with Word, WPS or LibreOffice and audit that "
    "(e.g. soffice --headless --convert-to docx FILE)"
)
_IMAGE_ZH = "图片没有可审查的文字：请使用报告的 Word、PDF（含文字层）或网页版本，或先进行文字识别（OCR）"
_IMAGE_EN = "an image holds no text to audit: use the report's Word, PDF (with a text layer) or web version, or run OCR"
_ARCHIVE_ZH = "请先解压，再审查其中的报告文件"
_ARCHIVE_EN = "unpack it and audit the report files inside"

# (magic bytes at offset 0, format in Chinese, format in English, advice zh, advice en)
_MAGIC: tuple[tuple[bytes, str, str, str, str], ...] = (
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "Word 97-2003（.doc）或 WPS（.wps）二进制文档",
        "a Word 97-2003 (.doc) or WPS (.wps) binary document",
        _CONVERT_ZH,
        _CONVERT_EN,
    ),
    (b"{\\rtf", "RTF 文档", "an RTF document", _CONVERT_ZH, _CONVERT_EN),
    (b"\x89PNG\r\n\x1a\n", "PNG 图片", "a PNG image", _IMAGE_ZH, _IMAGE_EN),
    (b"\xff\xd8\xff", "JPEG 图片", "a JPEG image", _IMAGE_ZH, _IMAGE_EN),
    (b"GIF87a", "GIF 图片", "a GIF image", _IMAGE_ZH, _IMAGE_EN),
    (b"GIF89a", "GIF 图片", "a GIF image", _IMAGE_ZH, _IMAGE_EN),
    (b"II*\x00", "TIFF 图片", "a TIFF image", _IMAGE_ZH, _IMAGE_EN),
    (b"MM\x00*", "TIFF 图片", "a TIFF image", _IMAGE_ZH, _IMAGE_EN),
    (b"Rar!\x1a\x07", "RAR 压缩包", "a RAR archive", _ARCHIVE_ZH, _ARCHIVE_EN),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包", "a 7z archive", _ARCHIVE_ZH, _ARCHIVE_EN),
    (b"\x1f\x8b", "gzip 压缩文件", "a gzip file", _ARCHIVE_ZH, _ARCHIVE_EN),
    (b"BZh", "bzip2 压缩文件", "a bzip2 file", _ARCHIVE_ZH, _ARCHIVE_EN),
    (b"\xfd7zXZ\x00", "xz 压缩文件", "an xz file", _ARCHIVE_ZH, _ARCHIVE_EN),
)
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_ODF_TEXT = b"application/vnd.oasis.opendocument.text"


def sniff(data: bytes) -> tuple[str, str, str, str] | None:
    """(format zh, format en, advice zh, advice en) for a recognised format the auditor does not read; else None."""
    for magic, zh, en, advice_zh, advice_en in _MAGIC:
        if data.startswith(magic):
            return zh, en, advice_zh, advice_en
    if data[8:12] == b"WEBP" and data.startswith(b"RIFF"):
        return "WebP 图片", "a WebP image", _IMAGE_ZH, _IMAGE_EN
    if len(data) > 262 and data[257:262] == b"ustar":
        return "tar 归档文件", "a tar archive", _ARCHIVE_ZH, _ARCHIVE_EN
    if data.startswith(_ZIP):
        return _zip_kind(data)
    return None


def _zip_kind(data: bytes) -> tuple[str, str, str, str] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = b""
            if "mimetype" in names:
                with archive.open("mimetype") as member:  # a bounded read: the member may be a bomb
                    mimetype = member.read(100)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        return "损坏的 zip 文件（或损坏的 .docx）", "a damaged zip file (or a damaged .docx)", _CONVERT_ZH, _CONVERT_EN
    if any(name.endswith("document.xml") and name.startswith("word/") for name in names):
        return None  # a Word document: the DOCX reader's
    if mimetype.startswith(_ODF_TEXT):
        return "OpenDocument 文本（.odt）", "an OpenDocument text (.odt)", _CONVERT_ZH, _CONVERT_EN
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        return "OpenDocument 表格或演示文稿", "an OpenDocument spreadsheet or presentation", _CONVERT_ZH, _CONVERT_EN
    if "OFD.xml" in names:
        return "OFD 版式文件", "an OFD fixed-layout document", _CONVERT_ZH.replace(".docx 或 ", ""), _CONVERT_EN
    if any(name.startswith(("xl/", "ppt/")) for name in names):
        return "Excel 或 PowerPoint 文件", "an Excel or PowerPoint file", _CONVERT_ZH, _CONVERT_EN
    return "zip 压缩包", "a zip archive", _ARCHIVE_ZH, _ARCHIVE_EN


# ── the plugin ──────────────────────────────────────────────────────────────────────────────────────────
@hookimpl
def auditor_read(path: str, data: bytes, limits: Limits) -> Document | None:
    found = sniff(data)
    if found is None:
        return None
    zh, en, advice_zh, advice_en = found
    raise ReadError(f"不支持的文件格式：{zh}。{advice_zh}。", f"unsupported format: {en}; {advice_en}.", path)


@hookimpl
def auditor_formats() -> list[dict[str, str]]:
    return [
        {
            "name": "unsupported",
            "extensions": ".doc .wps .wpt .dot .rtf .odt .ofd .png .jpg .jpeg .gif .tif .tiff .webp .zip .rar .7z",
            "description": "recognised and refused with advice: .doc/.wps binaries, .odt, .ofd, RTF, images, archives",
        }
    ]
