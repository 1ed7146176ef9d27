"""The plain-text reader: encodings, layouts, residue."""

from __future__ import annotations

import codecs

import pytest

from auditor.errors import ReadError
from auditor.parse import parse_document
from auditor.readers import read_path
from auditor.readers.text import decode, document_from_text, read_text
from tests.conftest import seed_path

SAMPLE = "泗水县柘沟镇2022年政府信息公开工作年度报告\n一、总体情况\n全年主动公开信息260余条。\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("gb18030"), "gb18030"),
        (SAMPLE.encode("gbk"), "gb18030"),
        (SAMPLE.encode("utf-16"), "utf-16"),
        (SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (SAMPLE.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_encoding_detected_from_content(data: bytes, encoding: str) -> None:
    text, found = decode(data, "x.txt")
    assert found == encoding
    assert text.lstrip("\ufeff") == SAMPLE


def test_extension_does_not_decide(tmp_path: pytest.TempPathFactory) -> None:
    path = tmp_path / "report.utf8.txt"  # type: ignore[operator]
    path.write_bytes(seed_path("002").read_text(encoding="utf-8").encode("gb18030"))
    report = parse_document(read_path(str(path)))
    assert report.source.encoding == "gb18030"
    assert report.metadata.issuing_body.text == "咸祥镇人民政府"  # type: ignore[union-attr]


@pytest.mark.parametrize("data", [b"\x00\x01\x02\x03" * 500, bytes(range(256)) * 20])
def test_binary_is_refused_with_the_file_name(data: bytes) -> None:
    with pytest.raises(ReadError) as info:
        read_text(data, "junk.bin")
    assert info.value.path == "junk.bin"
    assert "junk.bin" in info.value.one_line("en")


def test_missing_and_empty_files(tmp_path: pytest.TempPathFactory) -> None:
    with pytest.raises(ReadError, match="no such file"):
        read_path(str(tmp_path / "absent.txt"))  # type: ignore[operator]
    empty = tmp_path / "empty.txt"  # type: ignore[operator]
    empty.write_bytes(b"  \n")
    with pytest.raises(ReadError, match="empty"):
        read_path(str(empty))
    with pytest.raises(ReadError, match="folder"):
        read_path(str(tmp_path))


def test_layouts_of_the_seeds() -> None:
    layouts = {n: read_path(str(seed_path(n))).layout for n in ("000", "001", "002", "003", "004")}
    assert layouts == {
        "000": "cell-per-line",
        "001": "cell-per-line",
        "002": "cell-per-line",
        "003": "tab-separated",
        "004": "cell-per-line",
    }


def test_word_residue_is_removed_and_noted() -> None:
    doc = read_path(str(seed_path("001")))
    assert {"kind": "word-residue", "line": 63, "text": "[bookmark: _GoBack]"} in doc.notes
    assert all("bookmark" not in cell.text for block in doc.blocks for cell in block.cells)


def test_cell_per_line_joins_wrapped_cells() -> None:
    doc = read_path(str(seed_path("000")))
    texts = [cell.text for block in doc.blocks for cell in block.cells]
    assert "本年新\n制作数量" in texts  # lines 36-37: one cell broken over two lines


def test_pdf_footers_inside_tables_are_dropped() -> None:
    text = (
        "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3\n— 5 —\n"
        "二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1\n"
    )
    doc = document_from_text(text, "x", "text")
    assert {"kind": "page-footer", "line": 3, "text": "— 5 —"} in doc.notes
    assert all("— 5 —" not in cell.text for block in doc.blocks for cell in block.cells)


def test_pipe_rows_are_split_into_cells() -> None:
    doc = document_from_text("| 规章 | 0 | 0 | 0 |\n规范性文件 | 1 | 2 | 3\n", "x", "text")
    assert [[c.text for c in b.cells] for b in doc.blocks] == [["规章", "0", "0", "0"], ["规范性文件", "1", "2", "3"]]
    assert [c.loc.column for c in doc.blocks[0].cells] == [3, 8, 12, 16]


def test_a_traditional_mirror_with_ruby_pinyin_is_read_as_the_same_report(tmp_path: pytest.TempPathFactory) -> None:
    # Mirror sites write the pinyin of some characters after them in brackets: 「規(guī)章」「數(shù)量」「項(xiàng)」. Dropped, the
    # labels are the format's again and every cell is read as in the source report.
    import opencc

    simplified_text = seed_path("004").read_text(encoding="utf-8")
    traditional = opencc.OpenCC("s2t").convert(simplified_text)
    ruby = {"規": "guī", "數": "shù", "項": "xiàng", "區": "qū", "業": "yè", "構": "gòu", "費": "fèi"}
    annotated = "".join(f"{ch}({ruby[ch]})" if ch in ruby else ch for ch in traditional)
    assert "規(guī)章" in annotated and "數(shù)量" in annotated
    path = tmp_path / "ruby.txt"  # type: ignore[operator]
    path.write_text(annotated, encoding="utf-8")
    document = read_path(str(path))
    assert any(n["kind"] == "ruby-pinyin" for n in document.notes)
    report = parse_document(document)
    clean = parse_document(read_path(str(seed_path("004"))))

    def cells(r: object) -> dict[tuple[str, str, str], str]:
        return {
            (t, rid, c): v.raw
            for t, table in r.tables.items()  # type: ignore[attr-defined]
            for rid, row in table.rows.items()
            for c, v in row.cells.items()
        }

    assert cells(report) == cells(clean)
    assert not [row for table in report.tables.values() for row in table.rows.values() if row.unread]
    assert [s.id for s in report.sections] == list("一二三四五六")


def test_a_report_in_traditional_characters_is_read_as_the_same_report(tmp_path: pytest.TempPathFactory) -> None:
    # Seed 004 as a 繁體 web page gives it: 「第二十條第（一）項」「收到和處理政府信息公開申請情況」.
    import opencc

    simplified_text = seed_path("004").read_text(encoding="utf-8")
    traditional = opencc.OpenCC("s2t").convert(simplified_text)
    assert "第二十條" in traditional and "處理" in traditional
    path = tmp_path / "traditional.txt"  # type: ignore[operator]
    path.write_text(traditional, encoding="utf-8")
    document = read_path(str(path))
    (note,) = [n for n in document.notes if n["kind"] == "traditional-script"]
    assert note["characters"] > 100  # the characters converted: the report's whole text, not a stray one
    report = parse_document(document)
    clean = parse_document(read_path(str(seed_path("004"))))
    cells = {
        (t, r, c): v.raw
        for t, table in report.tables.items()
        for r, row in table.rows.items()
        for c, v in row.cells.items()
    }
    assert cells == {
        (t, r, c): v.raw
        for t, table in clean.tables.items()
        for r, row in table.rows.items()
        for c, v in row.cells.items()
    }
    assert [s.id for s in report.sections] == list("一二三四五六")
    assert report.metadata.title is not None and report.metadata.title.text == clean.metadata.title.text  # type: ignore[union-attr]
    # Every cell keeps its place in the source: the conversion is one character for one.
    assert [b.loc for b in document.blocks] == [b.loc for b in read_path(str(seed_path("004"))).blocks]


def test_a_simplified_report_quoting_a_few_traditional_characters_is_left_as_written() -> None:
    from auditor.script import is_traditional

    text = seed_path("004").read_text(encoding="utf-8")
    assert not is_traditional(text + "\n附：《台灣地區政府資訊公開法》摘錄。")
    assert not is_traditional("開條報與機關")  # too few to tell a script
