"""Make the layout and cascade fixtures of the real-world corpus (``tests/realworld/fx-*``) from real reports.

    .venv/bin/python tests/realworld/make_fixtures.py

Every figure in a fixture comes from a real report, never from this script:

* most fixtures are 淮安市人民政府's 2024 report (``huaian-municipal-2024.pdf``): its prose is taken from the PDF's
  text layer, its tables from ``HUAIAN`` below — hand-copied from the PDF and checked by eye against the rendered pages
  (README.md says which cells were checked) — and then written in one layout each;
* the publication-date fixture is seed 004 (白泉镇, 2021) behind a crawler header and a breadcrumb;
* the stray-space fixture is ``pingtan-2022-flattened.txt`` with one space put inside a run of figures;
* the cover letter is written by hand around seed 002's body, year and signing date.

The files are committed; the tests need neither this script nor PDFium at test time.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SEEDS = ROOT / "tests" / "fixtures" / "seeds"

# 淮安市人民政府 2024, hand-copied from huaian-municipal-2024.pdf pages 3-5 (labels as the official template words them).
HUAIAN_SECTION2 = [
    (
        "第二十条第（一）项",
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        [("规章", ["1", "0", "11"]), ("行政规范性文件", ["8", "26", "66"])],
    ),
    ("第二十条第（五）项", ["信息内容", "本年处理决定数量"], [("行政许可", ["447228"])]),
    ("第二十条第（六）项", ["信息内容", "本年处理决定数量"], [("行政处罚", ["3985758"]), ("行政强制", ["88283"])]),
    ("第二十条第（八）项", ["信息内容", "本年收费金额（单位：万元）"], [("行政事业性收费", ["96171.6"])]),
]
NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANTS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
# (group label or "", row label, seven figures)
HUAIAN_SECTION3: list[tuple[str, str, list[int]]] = [
    ("", "一、本年新收政府信息公开申请数量", [3001, 53, 0, 0, 61, 4, 3119]),
    ("", "二、上年结转政府信息公开申请数量", [34, 0, 0, 0, 0, 0, 34]),
    ("三、本年度办理结果", "（一）予以公开", [1288, 21, 0, 0, 50, 3, 1362]),
    ("", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [447, 7, 0, 0, 0, 0, 454]),
    ("（三）不予公开", "1.属于国家秘密", [2, 0, 0, 0, 0, 0, 2]),
    ("", "2.其他法律行政法规禁止公开", [30, 1, 0, 0, 0, 0, 31]),
    ("", "3.危及“三安全一稳定”", [5, 0, 0, 0, 0, 0, 5]),
    ("", "4.保护第三方合法权益", [6, 0, 0, 0, 0, 0, 6]),
    ("", "5.属于三类内部事务信息", [7, 1, 0, 0, 0, 0, 8]),
    ("", "6.属于四类过程性信息", [12, 0, 0, 0, 0, 0, 12]),
    ("", "7.属于行政执法案卷", [9, 0, 0, 0, 0, 0, 9]),
    ("", "8.属于行政查询事项", [105, 0, 0, 0, 0, 0, 105]),
    ("（四）无法提供", "1.本机关不掌握相关政府信息", [746, 12, 0, 0, 10, 1, 769]),
    ("", "2.没有现成信息需要另行制作", [11, 0, 0, 0, 0, 0, 11]),
    ("", "3.补正后申请内容仍不明确", [1, 0, 0, 0, 0, 0, 1]),
    ("（五）不予处理", "1.信访举报投诉类申请", [56, 6, 0, 0, 0, 0, 62]),
    ("", "2.重复申请", [25, 0, 0, 0, 0, 0, 25]),
    ("", "3.要求提供公开出版物", [0, 0, 0, 0, 0, 0, 0]),
    ("", "4.无正当理由大量反复申请", [0, 0, 0, 0, 0, 0, 0]),
    ("", "5.要求行政机关确认或重新出具已获取信息", [1, 0, 0, 0, 0, 0, 1]),
    (
        "（六）其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        [67, 3, 0, 0, 1, 0, 71],
    ),
    ("", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", [6, 0, 0, 0, 0, 0, 6]),
    ("", "3.其他", [108, 2, 0, 0, 0, 0, 110]),
    ("", "（七）总计", [2932, 53, 0, 0, 61, 4, 3050]),
    ("", "四、结转下年度继续办理", [103, 0, 0, 0, 0, 0, 103]),
]
REVIEW_LEAVES = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
HUAIAN_SECTION4 = [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]

HEADINGS = {
    2: "二、主动公开政府信息情况",
    3: "三、收到和处理政府信息公开申请情况",
    4: "四、政府信息公开行政复议、行政诉讼情况",
}


# ── the prose of the Huaian report, from its text layer ─────────────────────────────────────────────────────────
def huaian_prose() -> tuple[list[str], list[str], list[str]]:
    """(title lines, paragraphs before section 二, paragraphs from section 五 on), page footers dropped, lines joined."""
    import pypdfium2  # only the maintainer who regenerates the fixtures needs PDFium

    pdf = pypdfium2.PdfDocument(str(HERE / "huaian-municipal-2024.pdf"))
    text = "\n".join(page.get_textpage().get_text_range() for page in pdf)
    lines = [ln.strip() for ln in text.replace("\r", "").split("\n")]
    lines = [ln for ln in lines if ln and not re.fullmatch(r"-\s*\d+\s*-", ln)]
    start2 = lines.index("二、主动公开政府信息情况")
    start5 = lines.index("五、存在的主要问题及改进情况")
    title, head, tail = lines[:2], lines[2:start2], lines[start5:]
    return title, _paragraphs(head), _paragraphs(tail)


_NEW_PARAGRAPH = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")


def _paragraphs(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if not out or _NEW_PARAGRAPH.match(line) or out[-1].endswith("。") or _is_heading(out[-1]):
            out.append(line)
        else:
            out[-1] += line
    return [p.replace(" ", "") if _is_heading(p) else p for p in out]


def _is_heading(paragraph: str) -> bool:
    return bool(re.fullmatch(r"[一二三四五六]、\S{2,30}", paragraph.replace(" ", "")))


# ── layouts ─────────────────────────────────────────────────────────────────────────────────────────────────────
Cells = Callable[[list[str]], list[str]]  # how one row's cells are written, line by line


def cell_per_line(sep: str = "", after: str | None = None, suffix: str = "", blank: bool = False) -> Cells:
    """One cell per line (Word saved as text); ``after``: a line after every cell; ``suffix``: text after each cell;
    ``blank``: a blank line between cells."""

    def render(cells: list[str]) -> list[str]:
        out: list[str] = []
        for cell in cells:
            out.append(sep + cell + suffix)
            if after is not None:
                out.append(after)
            if blank:
                out.append("")
        return out

    return render


def text_report(
    cells: Cells,
    *,
    heading: Callable[[str], str] = lambda h: h,
    label: Callable[[str], list[str]] = lambda lb: [lb],
    section4: list[str] | None = None,
) -> str:
    """The Huaian report with its tables one row per block (label lines, then value lines), rows apart by a blank."""
    title, head, tail = huaian_prose()
    out = [*title, "", *head, heading(HEADINGS[2])]
    for caption, header, rows in HUAIAN_SECTION2:
        out += [*cells([caption]), "", *cells(header), ""]
        for row_label, row_values in rows:
            out += [*cells(label(row_label)), *cells(row_values), ""]
    out += ["", heading(HEADINGS[3]), *cells([NOTE, "申请人情况"]), ""]
    out += [*cells(["自然人", "法人或其他组织", "总计"]), "", *cells(APPLICANTS[1:6]), ""]
    for group, row_label, values in HUAIAN_SECTION3:
        out += [*cells(([group] if group else []) + label(row_label)), *cells([str(v) for v in values]), ""]
    out += ["", heading(HEADINGS[4]), *cells(["行政复议", "行政诉讼"]), ""]
    out += [*cells([*REVIEW_LEAVES, "未经复议直接起诉", "复议后起诉"]), "", *cells(REVIEW_LEAVES * 2), ""]
    figures = section4 if section4 is not None else [str(v) for v in HUAIAN_SECTION4]
    out += [*cells(figures), "", ""]
    out += tail
    return "\n".join(out) + "\n"


def markdown_report() -> str:
    """ATX headings and pipe tables; table 三 under the header row 「类别|数据1|…|数据6|总计」 that exporters write."""
    title, head, tail = huaian_prose()

    def row(cells: list[str]) -> str:
        return "| " + " | ".join(cells) + " |"

    def rule(n: int) -> str:
        return "|" + "---|" * n

    out = ["# " + "".join(title), "", *_md_paragraphs(head), "", "## " + HEADINGS[2], ""]
    for caption, header, rows in HUAIAN_SECTION2:
        out += [f"### {caption}", "", row(header), rule(len(header))]
        out += [row([lb, *values]) for lb, values in rows]
        out += [""]
    out += ["## " + HEADINGS[3], "", NOTE, ""]
    out += [row(["类别", *(f"数据{i}" for i in range(1, 7)), "总计"]), rule(8)]
    for group, row_label, values in HUAIAN_SECTION3:
        out.append(row([(group + " " if group else "") + row_label, *map(str, values)]))
    out += ["", "## " + HEADINGS[4], ""]
    header = [f"行政复议{leaf}" for leaf in REVIEW_LEAVES]
    header += [f"未经复议直接起诉{leaf}" for leaf in REVIEW_LEAVES] + [f"复议后起诉{leaf}" for leaf in REVIEW_LEAVES]
    out += [row(header), rule(15), row([str(v) for v in HUAIAN_SECTION4]), ""]
    out += _md_paragraphs(tail)
    return "\n".join(out) + "\n"


def _md_paragraphs(paragraphs: list[str]) -> list[str]:
    out: list[str] = []
    for p in paragraphs:
        out += ["## " + p if _is_heading(p) else p, ""]
    return out


def pdf_text_report() -> str:
    """PDF-extracted text: a row's label on its own line(s) and its figures on the next, page footers (— N —) falling
    inside the tables, long labels wrapped mid-word."""
    title, head, tail = huaian_prose()
    out = [*title, *head, HEADINGS[2]]
    for caption, header, rows in HUAIAN_SECTION2:
        out += [caption, " ".join(header)]
        out += [f"{lb} {' '.join(values)}" for lb, values in rows]
    out += ["— 4 —", HEADINGS[3], NOTE, "申请人情况", "自然人", "法人或其他组织", "总计"]
    out += ["商业", "企业", "科研", "机构", "社会", "公益", "组织", "法律", "服务", "机构", "其他"]
    for i, (group, row_label, values) in enumerate(HUAIAN_SECTION3):
        if group:
            out.append(group)
        out += _wrap(row_label, 16)
        out.append(" ".join(map(str, values)))
        if i == 12:
            out.append("— 5 —")
    out += [HEADINGS[4], "行政复议 行政诉讼", *REVIEW_LEAVES, "未经复议直接起诉 复议后起诉", *REVIEW_LEAVES * 2]
    out += [" ".join(map(str, HUAIAN_SECTION4)), "— 6 —", *tail]
    return "\n".join(out) + "\n"


def _wrap(label: str, width: int) -> list[str]:
    return [label[i : i + width] for i in range(0, len(label), width)]


def html_report(split_heading: int | None = None, blank_section4: bool = False) -> str:
    """A government web page: the article in div#zoom, tables as <table>; optionally one heading written as two
    <span>s around a line break (``<span>三、收到和处理政府</span><br><span>信息公开申请情况</span>``, as Word's
    HTML export breaks a long heading) and table 四 left without figures."""
    title, head, tail = huaian_prose()

    def para(text: str) -> str:
        return f"<p>{html.escape(text)}</p>"

    def heading(n: int) -> str:
        text = HEADINGS[n]
        if n == split_heading:
            cut = text.index("政府") + 2
            span = '<span style="font-family:黑体">{}</span>'
            return f"<p>{span.format(html.escape(text[:cut]))}<br>{span.format(html.escape(text[cut:]))}</p>"
        return para(text)

    def tr(cells: list[str], attrs: list[str] | None = None) -> str:
        attrs = attrs or [""] * len(cells)
        return "<tr>" + "".join(f"<td{a}>{html.escape(c)}</td>" for c, a in zip(cells, attrs, strict=True)) + "</tr>"

    body = [f"<h1>{html.escape(''.join(title))}</h1>", *(para(p) for p in head), heading(2)]
    for caption, header, rows in HUAIAN_SECTION2:
        body.append('<table border="1">')
        body.append(tr([caption], [f' colspan="{len(header)}"']))
        body.append(tr(header))
        body += [tr([lb, *values]) for lb, values in rows]
        body.append("</table>")
    body += [heading(3), '<table border="1">']
    body.append(tr([NOTE, "申请人情况"], [' colspan="3" rowspan="3"', ' colspan="7"']))
    body.append(tr(["自然人", "法人或其他组织", "总计"], [' rowspan="2"', ' colspan="5"', ' rowspan="2"']))
    body.append(tr(APPLICANTS[1:6]))
    for group, row_label, values in HUAIAN_SECTION3:
        label = [group, row_label] if group else [row_label]
        attrs = [""] * len(label)
        if len(label) == 1:
            attrs = [' colspan="3"'] if row_label[0] in "一二四" else [' colspan="2"']
        body.append(tr([*label, *map(str, values)], [*attrs, *[""] * 7]))
    body += ["</table>", heading(4), '<table border="1">']
    body.append(tr(["行政复议", "行政诉讼"], [' colspan="5"', ' colspan="10"']))
    body.append(
        tr(
            ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"],
            [' rowspan="2"'] * 5 + [' colspan="5"'] * 2,
        )
    )
    body.append(tr(REVIEW_LEAVES * 2))
    body.append(tr(["" if blank_section4 else str(v) for v in HUAIAN_SECTION4]))
    body += ["</table>", *(para(p) for p in tail)]
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>' + html.escape("".join(title)) + "</title></head>\n"
        '<body><div class="nav"><a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a></div>\n<div id="zoom">\n'
        + "\n".join(body)
        + '\n</div>\n<div class="footer">主办单位：淮安市人民政府办公室</div></body></html>\n'
    )


# ── fixtures from other sources ─────────────────────────────────────────────────────────────────────────────────
def breadcrumb_page() -> str:
    """Seed 004 (白泉镇, 2021) as a crawler saves a web page: a header, a breadcrumb before the title, and the page's
    发布日期 line — 2021-12-23, the date issue 9 saw on such a page, before the report year ended."""
    seed = (SEEDS / "004_6263d62ac3f9694b.txt").read_text(encoding="utf-8")
    title, _, rest = seed.partition("\n")
    header = [
        "首页 | 政务公开 | 政府信息公开 | 政府信息公开年报",
        "当前位置：首页>政务公开>政府信息公开>政府信息公开年报>" + title,
        title,
        "发布日期：2021-12-23　　来源：白泉镇人民政府　　浏览次数：",
        "【字体：大 中 小】 【打印本页】 【关闭窗口】",
    ]
    return "\n".join(header) + rest


def stray_space_flattened() -> str:
    """pingtan-2022 with one stray space inside a flattened run (「8100009」 → 「810000 9」), as web text has it."""
    text = (HERE / "pingtan-2022-flattened.txt").read_text(encoding="utf-8")
    run = "不计其他情形） 8100009"
    assert text.count(run) == 1
    return text.replace(run, "不计其他情形） 810000 9")


def cover_letter() -> str:
    """A 报送函 that sends seed 002's report upward: it names an annual report but is not one."""
    return "\n".join(
        [
            "咸祥镇人民政府关于报送2022年政府信息公开工作年度报告的函",
            "",
            "鄞州区人民政府办公室：",
            "根据《中华人民共和国政府信息公开条例》第四十九条的规定，现将《咸祥镇2022年政府信息公开工作年度报告》"
            "报送给你们，请审阅。",
            "附件：咸祥镇2022年政府信息公开工作年度报告",
            "",
            "咸祥镇人民政府",
            "2022年11月30日",
            "",
        ]
    )


def misspelt(label: str) -> list[str]:
    """hongze-2023.pdf's misspelling: the characters 法规禁 lost from 2.其他法律行政法规禁止公开."""
    return ["2.其他法律行政止公开"] if label == "2.其他法律行政法规禁止公开" else [label]


def split_label(label: str) -> list[str]:
    """A label wrapped over two lines, as PDF extraction leaves it."""
    if label == "5.要求行政机关确认或重新出具已获取信息":
        return ["5.要求行政机关确认或重新出", "具已获取信息"]
    return [label]


def lost_numeral(heading: str) -> str:
    return heading[1:] if heading == HEADINGS[2] else heading


TAB = cell_per_line(sep="\t")
FIXTURES: dict[str, Callable[[], str]] = {
    "fx-cell-per-line.txt": lambda: text_report(TAB),  # the control every other Huaian fixture is compared with
    "fx-md-pipe-tables.md": markdown_report,
    "fx-blank-line-cells.txt": lambda: text_report(cell_per_line(blank=True)),
    "fx-pipe-only-lines.txt": lambda: text_report(cell_per_line(after="|")),
    "fx-trailing-pipe-cells.txt": lambda: text_report(cell_per_line(suffix=" |")),
    "fx-pdf-split-labels.txt": pdf_text_report,
    "fx-misspelt-label.txt": lambda: text_report(TAB, label=misspelt),
    "fx-label-split-lines.txt": lambda: text_report(TAB, label=split_label),
    "fx-heading-lost-numeral.txt": lambda: text_report(TAB, heading=lost_numeral),
    "fx-html-split-heading.html": lambda: html_report(split_heading=3),
    "fx-blank-review-table.html": lambda: html_report(blank_section4=True),
    "fx-breadcrumb-publish-date.txt": breadcrumb_page,
    "fx-cover-letter.txt": cover_letter,
    "fx-flattened-stray-space.txt": stray_space_flattened,
}


def main() -> None:
    for name, make in FIXTURES.items():
        (HERE / name).write_text(make(), encoding="utf-8")
        print("wrote", name)


if __name__ == "__main__":
    main()
