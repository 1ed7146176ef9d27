"""Chinese-first presentation: titles and places in words, no internal ids, text fitted to the terminal by Chinese
line-breaking rules, wording that follows docs/glossary.md."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from pathlib import Path

import lxml.html
import openpyxl
import pytest
import wcwidth
from hypothesis import given
from hypothesis import strategies as st

from auditor.plugins import Plugins
from auditor.reporters.columns import place_text, tidy_zh
from auditor.reporters.wrap import _CLOSING, _OPENING, wrap
from auditor.rule import Place
from tests.conftest import FIXTURES, ROOT, SEEDS, CheckRun

INPUTS = [str(SEEDS), str(ROOT / "examples"), str(FIXTURES / "formats")]
NUMBER_UNIT = re.compile(r"\d+[年月日号件条个元项次]")


def _width(line: str) -> int:
    return int(wcwidth.wcswidth(line))


def _cells(lines: list[str]) -> list[list[str]]:
    """Each table of the text output cut into its columns (by the ``----`` rule under its header): for every cell
    of every row, its lines in order."""
    cells: list[list[str]] = []
    index = 0
    while index < len(lines):
        rule = lines[index]
        if not re.fullmatch(r"-+( +-+)+", rule):
            index += 1
            continue
        spans = [(m.start(), m.end()) for m in re.finditer(r"-+", rule)]
        current: list[list[str]] | None = None
        index += 1
        while index < len(lines) and lines[index].strip():
            line = lines[index]
            parts = _slice(line, spans)
            if parts[0].strip() or current is None:  # a new row starts with its first column
                current = [[] for _ in spans]
                cells.extend(current)
            for column, part in enumerate(parts):
                if part.strip():
                    current[column].append(part.strip())
            index += 1
    return cells


def _slice(line: str, spans: list[tuple[int, int]]) -> list[str]:
    """Cut a line at display-cell offsets (wide characters count two)."""
    out, position, column, buffer = [], 0, 0, ""
    for ch in line:
        if column < len(spans) and position >= (spans[column + 1][0] if column + 1 < len(spans) else 10**9):
            out.append(buffer)
            buffer = ""
            column += 1
        buffer += ch
        position += max(0, wcwidth.wcwidth(ch))
    out.append(buffer)
    return out + [""] * (len(spans) - len(out))


@pytest.mark.parametrize("columns", [80, 100, 120])
def test_text_fits_the_terminal_and_breaks_lines_by_chinese_rules(
    columns: int, check: Callable[..., CheckRun], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", str(columns))
    out = check(*INPUTS).out + check(*INPUTS, "--summary", "--statistics").out
    lines = out.splitlines()
    assert max(_width(line) for line in lines) <= columns
    assert "2023年" in out
    cells = _cells(lines)
    assert len(cells) > 500
    for cell in cells:
        for before, after in itertools.pairwise(cell):
            assert after[0] not in _CLOSING, (before, after)  # never a line starting with 「）」「。」「，」…
            assert before[-1] not in _OPENING, (before, after)
            assert not (re.search(r"\d$", before) and re.match(r"[\d年月日号件条个元]", after)), (before, after)
        joined = "".join(cell)
        for match in NUMBER_UNIT.finditer(joined):  # every 「2023年」 of the cell sits on one line
            assert any(match.group(0) in line for line in cell), (match.group(0), cell)


_WORDS = st.tuples(
    st.sampled_from(["", "（", "“", "《"]),
    st.sampled_from(["2023年", "政府", "信息", "公开", "85条", "I-1", "年度", "〔2021〕30号"]),
    st.sampled_from(["", "）", "。", "，", "”", "）。", " "]),
).map("".join)


@given(st.lists(_WORDS, max_size=30), st.integers(min_value=18, max_value=40))
def test_wrap_never_splits_a_number_and_its_unit(words: list[str], limit: int) -> None:
    """Words of at most 18 cells, each an opening mark, a core and closing marks: never cut by characters."""
    text = "".join(words)
    lines = wrap(text, limit)
    assert all(_width(line) <= limit for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for before, after in itertools.pairwise(lines):
        if after:
            assert after[0] not in _CLOSING
        if before:
            assert before[-1] not in _OPENING
        assert not (before.endswith("2023") and after.startswith("年"))


def _wrap_by_definition(text: str, limit: int) -> list[str]:
    """wrap() as first written: every test measures the whole line so far (quadratic, but plainly right)."""
    from auditor.reporters.wrap import _ISSUED, _fit, _tokens

    def measure(part: str) -> int:
        return sum(max(0, wcwidth.wcwidth(ch)) for ch in re.sub(r"\x1b\[[0-9;]*m", "", part))

    limit, lines = max(limit, 2), []
    for paragraph in text.split("\n"):
        line, pieces = "", _tokens(paragraph)[::-1]
        while pieces:
            piece = pieces.pop()
            if measure(piece) > limit and (issued := _ISSUED.fullmatch(piece)):
                pieces += reversed([*_tokens(issued["issuer"]), *_tokens(issued["number"])])
            elif piece.isspace():
                if line and measure(line) + measure(piece) <= limit:
                    line += piece
                elif line:
                    lines.append(line.rstrip())
                    line = ""
            elif measure(line) + measure(piece) <= limit:
                line += piece
            else:
                if line.strip():
                    lines.append(line.rstrip())
                while measure(piece) > limit:
                    cut = _fit(piece, limit)
                    lines.append(piece[:cut])
                    piece = piece[cut:]
                line = piece
        lines.append(line.rstrip())
    return lines


@given(
    st.lists(
        st.one_of(_WORDS, st.sampled_from(["\x1b[31m", "\x1b[0m", "\t", "\n", "  ", "abcdefghijklmnopqrstuvwxyz"])),
        max_size=30,
    ),
    st.integers(min_value=1, max_value=40),
)
def test_wrap_keeps_the_width_of_its_line_as_measuring_the_whole_line_would(words: list[str], limit: int) -> None:
    """The line's width is kept as it grows, not measured again for every piece: the same lines, colour codes,
    tabs and words wider than the line included."""
    text = "".join(words)
    assert wrap(text, limit) == _wrap_by_definition(text, limit)


def test_places_in_words() -> None:
    assert place_text(Place("三", "applications", "prohibited_by_law", "natural_person"), "zh") == (
        "表三·（三）2.其他法律行政法规禁止公开·自然人"
    )
    assert place_text(Place("preamble"), "zh") == "导语"
    assert place_text(Place("signature"), "zh") == "落款"
    assert place_text(Place("二", "licensing", "licensing"), "zh") == "表二·第二十条第（五）项·行政许可"
    assert place_text(Place("一"), "zh") == "一、总体情况"


def test_chinese_typography() -> None:
    assert tidy_zh("有 8 个单元格，2022 年度") == "有8个单元格，2022年度"
    assert tidy_zh("但左边 5 ≠ 右边 0（勾稽关系 I-1）。") == "但左边 5 ≠ 右边 0（勾稽关系 I-1）。"
    sides = "左边：行政复议·总计 0；右边：行政复议·结果维持 10 + 行政复议·结果纠正 1。"
    assert tidy_zh(sides) == sides  # the cells of a formula's sides, like the formula
    assert tidy_zh("报告写作“结果维 持 3 件”") == "报告写作“结果维 持 3 件”"  # quoted report text stays as written


_INTERNAL = re.compile(r"\b(?:preamble|signature|[a-z]+_[a-z_]+|[a-z_]+\.[a-z_]+\.[a-z_]+|T\d+R\d+C\d+|P\d+)\b|column=")


@pytest.fixture(scope="module")
def kebab_names() -> set[str]:
    return {r.name for r in Plugins().rules.values()}


@pytest.mark.parametrize("fmt", ["text", "concise", "html", "xlsx", "csv"])
def test_chinese_outputs_have_no_kebab_names_and_no_internal_ids(
    fmt: str, check: Callable[..., CheckRun], tmp_path: Path, kebab_names: set[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / f"out.{fmt}"
    inputs = [str(SEEDS), str(FIXTURES / "formats"), "--output-format", fmt]
    check(*inputs, "-o", str(out), *([] if fmt in ("text", "concise") else ["--summary", "--statistics"]))
    if fmt == "html":
        page = lxml.html.parse(str(out)).getroot()
        for hidden in page.xpath("//script|//style"):
            hidden.getparent().remove(hidden)
        text = " ".join(page.itertext()) + " " + " ".join(page.xpath("//@title|//@aria-label"))
    elif fmt == "xlsx":
        book = openpyxl.load_workbook(out)
        text = " ".join(str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None)
    else:
        text = out.read_text(encoding="utf-8-sig")
    if fmt in ("text", "concise"):  # with the statistics (which replace the findings) and the per-file table
        text += check(*inputs, "--summary", "--statistics").out
    if fmt == "text":  # and each finding with its source line
        text += check(*inputs, "--show-source").out
    assert "导语" in text or fmt == "concise"  # places in words
    assert not {name for name in kebab_names if name in text}
    assert not _INTERNAL.findall(text)
    if fmt in ("text", "html", "xlsx", "csv"):
        assert "文号的括号不规范" in text  # CIT006 by its Chinese title


def _glossary_avoided() -> set[str]:
    rows = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8").split("## 书写")[0]
    avoided: set[str] = set()
    for line in rows.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) >= 2 and line.startswith("| ") and cells[1] not in ("不用", "---"):
            avoided.update(word.strip() for word in re.split(r"[、/]", cells[1]) if word.strip())
    return avoided


def test_rules_use_the_glossary_words(check: Callable[..., CheckRun], monkeypatch: pytest.MonkeyPatch) -> None:
    avoided = _glossary_avoided()
    assert {"标签", "信息公开处理费", "不通过的级别", "应满足"} <= avoided
    texts = [t for r in Plugins().rules.values() for t in (r.summary.zh, r.explanation.zh)]
    monkeypatch.chdir(ROOT)
    texts.append(check(*INPUTS, "--output-format", "concise").out)
    for text in texts:
        used = {word for word in avoided if word in text}
        # 信息公开处理费 and the like are named as what not to write (CIT010 quotes the report).
        used -= {"信息公开处理费", "信息公开费用"} if "信息处理费" in text else set()
        assert not used, (used, text[:200])


@pytest.mark.parametrize("fmt", ["github", "gitlab", "junit"])
def test_ci_pages_show_chinese_titles_and_places_in_words(
    fmt: str, check: Callable[..., CheckRun], kebab_names: set[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """What CI pages show people (annotation titles and messages, Code Quality descriptions, test case names and
    texts) names rules by their Chinese titles and places in words, as the text output does."""
    import json
    import xml.etree.ElementTree as ET

    monkeypatch.chdir(ROOT)
    out = check(str(SEEDS), str(FIXTURES / "formats"), "--output-format", fmt).out
    if fmt == "github":
        texts = [line.split(",title=", 1)[1] for line in out.splitlines() if ",title=" in line]
    elif fmt == "gitlab":
        texts = [issue["description"] for issue in json.loads(out)]
    else:
        root = ET.fromstring(out)
        texts = [case.get("name", "") for case in root.iter("testcase")]
        texts += [outcome.text or "" for case in root.iter("testcase") for outcome in case]
    text = "\n".join(texts)
    assert "文号的括号不规范" in text
    assert not {name for name in kebab_names if name in text}
    assert not _INTERNAL.findall(text)


def test_findings_across_files_have_their_own_heading_and_pairings_are_in_words(
    check: Callable[..., CheckRun], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A duplicate submission (XYR003) is not a cross-year check: no cross-year heading over an empty pairing table;
    a pairing is said in Chinese words (the JSON notes keep their English)."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "100")
    same = [str(FIXTURES / "formats" / "001_ab25516cfdb0ffab.docx"), str(SEEDS / "001_ab25516cfdb0ffab.txt")]
    out = check(*same).out
    assert "跨年度核对（同一机关相邻年度）" not in out and not re.search(r"^年度 +机关 +配对 +文件$", out, re.M)
    assert "跨文件核对（同一批次的多份报告）" in out and "XYR003" in out
    pair = [str(FIXTURES / "real" / f"pingtan-{year}-flattened.txt") for year in (2021, 2022)]
    out = check(*pair).out
    assert "跨年度核对（同一机关相邻年度）" in out and "已配对：机关名称相同" in out and "same name" not in out


def test_a_document_number_stays_with_its_issuer() -> None:
    text = "本报告依据国办公开办函〔2021〕30号印发的格式编制。"
    for limit in range(28, 60, 2):
        assert any("国办公开办函〔2021〕30号" in line for line in wrap(text, limit)), limit
    narrow = wrap(text, 20)  # too narrow for it: broken in the issuer's name, never inside 〔2021〕30号
    assert all(_width(line) <= 20 for line in narrow) and any("〔2021〕30号" in line for line in narrow)
