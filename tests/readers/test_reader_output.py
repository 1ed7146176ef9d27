"""Speed work changes no reading: the blocks, lines, layout and notes each reader makes of every DOCX, HTML and PDF
fixture (and of crafted documents that reach the rarer paths: content controls, merged cells, tracked moves, text
boxes, nested and layout tables, hidden cells), compared with a recorded digest.

``tests/speed/test_output_unchanged.py`` compares the findings; a change of reading that happens not to change a
finding passes there and fails here. An intended change of reading is re-recorded with
``python -m pytest tests/readers/test_reader_output.py --update-snapshots`` and said in the commit.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from auditor.document import Document
from auditor.errors import AuditorError
from auditor.plugins import Plugins, default_plugins
from auditor.readers import Limits
from tests.conftest import FIXTURES, ROOT
from tests.readers.hostile import docx

SNAPSHOT = Path(__file__).parent / "snapshots" / "reader-output.json"
FOLDERS = (FIXTURES / "formats", FIXTURES / "real", ROOT / "tests" / "realworld", ROOT / "tests" / "fuzz" / "cases")
SUFFIXES = {".docx", ".html", ".htm", ".pdf"}

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def _body(xml: str) -> bytes:
    return docx(
        f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W} {_MC}><w:body>{xml}</w:body></w:document>'.encode()
    )


def _run(text: str) -> str:
    return f"<w:r><w:t xml:space='preserve'>{text}</w:t></w:r>"


def _cell(inner: str, props: str = "") -> str:
    return f"<w:tc>{f'<w:tcPr>{props}</w:tcPr>' if props else ''}{inner}</w:tc>"


def _p(*runs: str) -> str:
    return f"<w:p>{''.join(runs)}</w:p>"


# Documents that reach what the fixtures do not: each reader path that a faster walk could get wrong.
CRAFTED: dict[str, bytes] = {
    "docx-merges-and-controls.docx": _body(
        _p(_run("标题"), "<w:r><w:tab/><w:t>二</w:t><w:br/><w:t>三</w:t><w:noBreakHyphen/><w:t>四</w:t></w:r>")
        + "<w:sdt><w:sdtContent>"
        + _p(_run("控件段落"))
        + "</w:sdtContent></w:sdt>"
        + "<w:customXml>"
        + _p(_run("自定义 XML"))
        + "</w:customXml>"
        + "<w:tbl><w:tr>"
        + _cell(_p(_run("甲")), "<w:vMerge w:val='restart'/>")
        + _cell(_p(_run("乙")), "<w:gridSpan w:val='2'/>")
        + _cell(_p(_run("1")) + _p(_run("2")))
        + "</w:tr><w:tr>"
        + _cell(_p(), "<w:vMerge/>")
        + _cell(_p(_run("3")))
        + _cell(_p(), "<w:vMerge w:val='continue'/>")
        + _cell(_p(_run("4")), "<w:hMerge w:val='restart'/>")
        + _cell(_p(_run("5")), "<w:hMerge/>")
        + "</w:tr><w:sdt><w:sdtContent><w:tr>"
        + "<w:customXml>"
        + _cell(_p(_run("控件行")))
        + "</w:customXml>"
        + "<w:sdt><w:sdtContent>"
        + _cell(_p(_run("6")))
        + "</w:sdtContent></w:sdt>"
        + "</w:tr></w:sdtContent></w:sdt><w:tr>"
        + _cell("<w:tbl><w:tr>" + _cell(_p(_run("嵌套")) + _p(_run(" 表格 "))) + "</w:tr></w:tbl>" + _p(_run("后")))
        + _cell("<w:sdt><w:sdtContent>" + _p(_run("7")) + "</w:sdtContent></w:sdt>")
        + "</w:tr><w:tr>"
        + _cell(_p(), "<w:vMerge/>")
        + "</w:tr></w:tbl>"
        + "<w:p><w:moveFrom>"
        + _run("移走")
        + "</w:moveFrom><w:moveTo>"
        + _run("移来")
        + "</w:moveTo>"
        + "<w:r><w:drawing><w:txbxContent>"
        + _p(_run("文本框"))
        + "</w:txbxContent></w:drawing></w:r>"
        + "<mc:AlternateContent><mc:Choice>"
        + _run("选择")
        + "</mc:Choice><mc:Fallback>"
        + _run("后备")
        + "</mc:Fallback></mc:AlternateContent><w:r><w:ptab/><w:t>尾</w:t><w:cr/><w:t>  </w:t></w:r></w:p>"
        + _p("<w:ins>" + _run("插入") + "</w:ins><w:del><w:r><w:delText>删除</w:delText></w:r></w:del>")
    ),
    "html-spans-and-layout.html": (
        "<html><head><meta charset='utf-8'><title>某县 2023 年政府信息公开工作年度报告</title></head><body>"
        "<div class='nav'>首页 导航</div><h1>某县 2023 年政府信息公开工作年度报告</h1>"
        "<div id='zoom'><p>一、总体情况" + "本年度公开了很多信息。" * 12 + "</p><p>第二段<br>换行 <b>加粗</b>尾</p>"
        "<table><tr><td rowspan='2'>甲</td><td colspan=' 2 '>乙</td><td>1</td></tr>"
        "<tr><td>2</td><td style='display: none'>隐</td><td><p>3</p></td></tr>"
        "<tr><th rowspan='x'><span>丙</span><span> 丁</span></th><td><p>上</p>中<div>下</div></td>"
        "<td>a<br/>b</td><td><p>一段</p><script>var x;</script></td></tr>"
        "<tr><td><o:p>字</o:p> 词</td><td> &nbsp;空 白&nbsp; </td><td></td><td rowspan='3' colspan='2'>大</td></tr>"
        "<tr><td>4</td></tr><tr><td>5</td><td>6</td><td>7</td></tr></table>"
        "<table><tr><td><table><tr><td>内层</td><td>8</td></tr></table></td><td>布局<p>段</p></td></tr></table>"
        "<ul><li>列表一</li><li>列表<i>二</i></li></ul><span style='display:none'>隐藏</span>尾巴</div>"
        "<div class='footer'>版权所有</div></body></html>"
    ).encode(),
    "html-no-article.html": (
        "<!DOCTYPE html><html><head><meta http-equiv='Content-Type' content='text/html; charset=gb2312'>"
        "<meta name='ArticleTitle' content='某局2022年政府信息公开工作年度报告'></head><body>"
        "<div class='header'>页头</div><div class='main'><p>正文第一行</p><table><tr><td>a</td><td>1</td></tr>"
        "<tr><td colspan=2>合计</td></tr></table></div><footer>页脚</footer></body></html>"
    ).encode("gb18030"),
}


def _files() -> list[Path]:
    return sorted(path for folder in FOLDERS for path in folder.iterdir() if path.suffix in SUFFIXES)


def _describe(document: Document) -> dict[str, object]:
    return {
        "format": document.format,
        "layout": document.layout,
        "encoding": document.encoding,
        "blocks": [[block.kind, [[cell.text, list(cell.loc)] for cell in block.cells]] for block in document.blocks],
        "lines": document.lines,
        "notes": document.notes,
    }


def _read(plugins: Plugins, name: str, data: bytes) -> dict[str, object]:
    try:
        document = plugins.read(name, data, Limits())
    except AuditorError as exc:  # a damaged fixture: the error is part of what is read
        return {"error": type(exc).__name__, "message": str(exc)}
    description = _describe(document)
    text = json.dumps(description, ensure_ascii=False, sort_keys=True, default=str)
    return {
        "blocks": len(document.blocks),
        "lines": len(document.lines),
        "sha256": hashlib.sha256(text.encode()).hexdigest(),
    }


def _inputs() -> dict[str, bytes]:
    found = {path.relative_to(ROOT).as_posix(): path.read_bytes() for path in _files()}
    found.update({f"crafted/{name}": data for name, data in CRAFTED.items()})
    return found


def test_reader_output_is_unchanged(request: pytest.FixtureRequest) -> None:
    plugins = default_plugins()
    actual = {name: _read(plugins, name, data) for name, data in sorted(_inputs().items())}
    if request.config.getoption("--update-snapshots"):
        SNAPSHOT.parent.mkdir(exist_ok=True)
        SNAPSHOT.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    changed = sorted(name for name in expected.keys() | actual.keys() if expected.get(name) != actual.get(name))
    assert not changed, f"reading changed for {changed}"


def test_the_pinned_inputs_reach_every_format() -> None:
    """The digest covers each reader, and the crafted documents are read (not refused)."""
    plugins = default_plugins()
    formats = {plugins.read(name, data, Limits()).format for name, data in CRAFTED.items()}
    assert formats == {"docx", "html"}
    assert {Path(name).suffix for name in _inputs()} >= {".docx", ".html", ".pdf"}
