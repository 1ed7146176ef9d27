"""Synthetic annual reports: a random but valid canonical report, rendered as text in any of the layouts seen in the
wild, with the noise real extractions carry.

Used by the property tests (through hypothesis, which draws the ``random.Random`` seed), by the benchmarks, and
by rule authors who need a report that breaks exactly one thing. Tables are consistent: every identity of
SPEC §4.1 and the plausibility checks P-1…P-4 hold.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from auditor.grammar import grammar
from auditor.template import AMOUNT, APPLICATION_COLUMNS, SECTIONS, SIGNED, TABLE_BY_ID, TABLES, VARIANTS

LAYOUTS = ("cell-per-line", "tab-separated", "pipe-separated", "plain", "one-line-sections")
CellValue = int | Decimal | None

_PLACES = ("青石", "柳湾", "桃源", "云溪", "松林", "兴隆", "永安", "长乐", "新民", "福田", "白沙", "金山")
_COUNTIES = ("东川县", "西岭县", "南湖区", "北塘区", "临江市", "安平县")
_SENTENCES = (
    "全年围绕中心工作，坚持以公开为常态、不公开为例外，推进政务公开标准化规范化建设。",
    "健全信息发布审核机制，明确编辑、审核、签发各环节责任。",
    "依托门户网站、政务新媒体和公开栏等渠道及时发布各类信息。",
    "加强工作人员业务培训，提升依法公开水平。",
    "严格落实保密审查制度，全年未发生失泄密情况。",
    "进一步规范政府信息公开申请的登记、审核、办理、答复和归档流程。",
    "将政务公开工作纳入年度目标管理考核，接受社会监督。",
)
_PROBLEMS = (
    "信息公开的及时性和全面性仍需提高，公开形式较为单一。",
    "下一步将加强统筹协调，每季度开展一次政务公开专项检查，完善信息发布审核制度，提升公开质量。",
)
# The overview of a clean report covers the five aspects of the 2021 format and the results of assessment,
# appraisal and accountability (条例第五十条), and names the kinds of table 二 figures, so that the narrative rules find
# nothing in it.
_OVERVIEW = (
    "本年度主动公开政府信息（含新印发的政策文件和审批、执法决定），依法办理政府信息公开申请，加强政府信息管理和公开平台建设，强化监督保障；"
    "年度政务公开工作考核结果为良好，未发生责任追究情况。"
)


@dataclass
class Spec:
    """A synthetic report: what the parser should give back."""

    variant: str
    year: int
    body: str
    body_in_title: str
    title_year_first: bool
    citation: bool
    period: bool
    signing_date: dt.date | None
    values: dict[str, CellValue]  # canonical cell name → value (None: a blank cell)
    paragraphs: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Noise:
    """What real extractions do to a report."""

    fullwidth_digits: bool = False
    nbsp: bool = False  # NBSP / U+3000 around numbers
    spaced_labels: bool = False  # "结果维 持"
    split_labels: bool = False  # a label broken over two lines
    halfwidth_brackets: bool = False  # "(一)予以公开"
    enum_comma: bool = False  # "1、属于国家秘密"
    straight_quotes: bool = False
    residue: bool = False  # "[bookmark: _GoBack]"
    footers: bool = False  # page footers "— 2 —" between lines (plain layout)
    blanks: bool = False  # some cells left blank (not in whitespace-separated layouts)


def random_noise(rng: random.Random, layout: str) -> Noise:
    return Noise(
        fullwidth_digits=rng.random() < 0.3,
        nbsp=rng.random() < 0.4,
        spaced_labels=rng.random() < 0.3,
        split_labels=rng.random() < 0.4,
        halfwidth_brackets=rng.random() < 0.3,
        enum_comma=rng.random() < 0.3,
        straight_quotes=rng.random() < 0.3,
        residue=rng.random() < 0.2,
        footers=layout in ("plain", "one-line-sections") and rng.random() < 0.5,
        blanks=rng.random() < 0.3,
    )


# ── specs ───────────────────────────────────────────────────────────────────────────────────────────────
def random_spec(rng: random.Random, variant: str | None = None, blanks: bool = False) -> Spec:
    variant = variant or rng.choice(VARIANTS)
    year = rng.randint(2019, 2020) if variant == "2019" else rng.randint(2021, 2025)
    county = rng.choice(_COUNTIES)
    town = rng.choice(_PLACES) + rng.choice(("镇", "乡", "街道"))
    body_in_title = county + town
    body = body_in_title + ("办事处" if town.endswith("街道") else "人民政府")
    values: dict[str, CellValue] = {}
    values.update(_active_disclosure(rng, variant))
    values.update(_applications(rng))
    values.update(_review(rng))
    if blanks:
        for name in rng.sample(sorted(values), k=rng.randint(1, 6)):
            values[name] = None
    signing = None
    if rng.random() < 0.7:
        signing = dt.date(year + 1, 1, 1) + dt.timedelta(days=rng.randint(0, 80))
    paragraphs = {sid: [rng.choice(_SENTENCES) for _ in range(rng.randint(1, 3))] for sid in "一二三四"}
    paragraphs["一"].insert(0, _OVERVIEW)
    paragraphs["五"] = list(_PROBLEMS)
    notices = values.get("applications.unpaid_fee.total") or 0
    if notices:  # fee notices went out: section 六 accounts for them (SPEC §1.4, C-6)
        paragraphs["六"] = [f"本年度发出信息处理费收费通知{notices}件，申请人均逾期未缴纳，实际收取信息处理费0元。"]
    else:
        paragraphs["六"] = ["本年度未收取政府信息公开信息处理费。"]
    return Spec(
        variant,
        year,
        body,
        body_in_title,
        rng.random() < 0.5,
        rng.random() < 0.8,
        rng.random() < 0.8,
        signing,
        values,
        paragraphs,
    )


def _active_disclosure(rng: random.Random, variant: str) -> dict[str, CellValue]:
    out: dict[str, CellValue] = {}
    for table in TABLES:
        if table.section != "二" or variant not in table.variants:
            continue
        for row in table.rows_for(variant):
            for column in table.columns_for(variant):
                name = f"{table.id}.{row.id}.{column.id}"
                if row.id == "rules":
                    out[name] = 0  # P-4: a township makes no rules
                elif column.kind == AMOUNT:
                    out[name] = Decimal(rng.randint(0, 99999)) / 100
                elif column.kind == SIGNED:
                    out[name] = rng.randint(-5, 20)
                else:
                    out[name] = rng.randint(0, 50)
        if table.id == "regulations":
            for row in table.rows_for(variant):
                if variant == "2021":  # P-1: in force ≥ issued − repealed
                    issued, repealed = out[f"regulations.{row.id}.issued"], out[f"regulations.{row.id}.repealed"]
                    low = max(0, int(issued or 0) - int(repealed or 0))
                    out[f"regulations.{row.id}.in_force"] = low + rng.randint(0, 30) if row.id != "rules" else 0
                else:  # P-2: total published ≥ newly published
                    new = int(out[f"regulations.{row.id}.newly_published"] or 0)
                    out[f"regulations.{row.id}.total_published"] = new + rng.randint(0, 30) if row.id != "rules" else 0
        if variant == "2019" and table.id in ("licensing", "enforcement", "fees"):  # P-3: previous + change ≥ 0
            for row in table.rows_for(variant):
                previous = int(out[f"{table.id}.{row.id}.previous_items"] or 0)
                out[f"{table.id}.{row.id}.change"] = rng.randint(-previous, 20)
    return out


_APPLICATION_COLUMNS = tuple(c.id for c in APPLICATION_COLUMNS if c.id != "total")
_OTHER_HANDLING_2021 = ("overdue_correction", "unpaid_fee", "other_reasons")
# The outcome rows both formats share (the 2021 （六） rows and the 2019 （六） row are added per format).
_OUTCOMES_2021 = tuple(
    row
    for row in next(g for g in TABLE_BY_ID["applications"].groups if g.id == "outcomes").rows
    if row not in ("other_handling", *_OTHER_HANDLING_2021, "grand_total")
)


def outcome_rows(variant: str) -> tuple[str, ...]:
    tail = ("other_handling",) if variant == "2019" else _OTHER_HANDLING_2021
    return _OUTCOMES_2021 + tail


def _applications(rng: random.Random) -> dict[str, CellValue]:
    """Consistent for both formats: the 2019 （六） row equals the sum of the three 2021 （六） rows."""
    out: dict[str, CellValue] = {}
    big = rng.random() < 0.3
    for column in _APPLICATION_COLUMNS:
        active = column in ("natural_person", "commercial") or rng.random() < 0.2
        top = (300 if big else 8) if active else 0
        new, carried = rng.randint(0, top), rng.randint(0, top // 4)
        handled = rng.randint(0, new + carried)
        parts = _partition(rng, handled, len(_OUTCOMES_2021) + 3)
        rows = (*_OUTCOMES_2021, *_OTHER_HANDLING_2021)
        for row, value in zip(rows, parts, strict=True):
            out[f"applications.{row}.{column}"] = value
        out[f"applications.other_handling.{column}"] = sum(parts[-3:])
        out[f"applications.new_received.{column}"] = new
        out[f"applications.carried_over.{column}"] = carried
        out[f"applications.grand_total.{column}"] = handled
        out[f"applications.carried_forward.{column}"] = new + carried - handled
    for row in {name.split(".")[1] for name in out}:
        out[f"applications.{row}.total"] = sum(int(out[f"applications.{row}.{c}"] or 0) for c in _APPLICATION_COLUMNS)
    return out


def _partition(rng: random.Random, total: int, parts: int) -> list[int]:
    if total == 0:
        return [0] * parts
    weights = [rng.random() ** 3 for _ in range(parts)]
    scale = sum(weights) or 1.0
    values = [int(total * w / scale) for w in weights]
    values[rng.randrange(parts)] += total - sum(values)
    return values


def _review(rng: random.Random) -> dict[str, CellValue]:
    out: dict[str, CellValue] = {}
    for group in ("review", "direct_suit", "suit_after_review"):
        parts = [rng.randint(0, 3) if rng.random() < 0.3 else 0 for _ in range(4)]
        for column, value in zip(("upheld", "corrected", "other", "pending"), parts, strict=False):
            out[f"review_litigation.{group}.{column}"] = value
        out[f"review_litigation.{group}.total"] = sum(parts)
    return out


def expected_values(spec: Spec) -> dict[str, CellValue]:
    """The cells the parser should give back for the spec's format (2019 has （六） as one row)."""
    drop = _OTHER_HANDLING_2021 if spec.variant == "2019" else ("other_handling",)
    return {k: v for k, v in spec.values.items() if not (k.startswith("applications.") and k.split(".")[1] in drop)}


# ── rendering ───────────────────────────────────────────────────────────────────────────────────────────
class _Writer:
    def __init__(self, rng: random.Random, layout: str, noise: Noise) -> None:
        self.rng = rng
        self.layout = layout
        self.noise = noise
        self.labels = grammar().official_labels()
        self.lines: list[str] = []

    # text pieces
    def label(self, terminal: str) -> str:
        text = self.labels[terminal]
        noise = self.noise
        if noise.halfwidth_brackets and self.rng.random() < 0.5:
            text = text.replace("（", "(").replace("）", ")")
        if noise.enum_comma and text[:1].isdigit() and text[1:2] == ".":
            text = text[0] + "、" + text[2:]
        if noise.straight_quotes:
            text = text.replace("“", '"').replace("”", '"')
        if noise.spaced_labels and len(text) >= 4 and self.rng.random() < 0.3:
            cut = self.rng.randint(1, len(text) - 1)
            text = text[:cut] + " " + text[cut:]
        return text

    def number(self, value: CellValue) -> str:
        if value is None:
            return ""
        text = str(value)
        if self.noise.fullwidth_digits and self.rng.random() < 0.5:
            text = text.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        if self.noise.nbsp and self.rng.random() < 0.3:
            text = self.rng.choice(("\u00a0", "\u3000", " ")) + text if self.rng.random() < 0.5 else text + "\u00a0"
        return text

    def para(self, text: str) -> None:
        self.lines.append(text)
        if self.layout == "cell-per-line":
            self.lines.append("")

    def blank(self) -> None:
        self.lines.append("")

    def footer(self, page: list[int]) -> None:
        if self.noise.footers and self.rng.random() < 0.15:
            page[0] += 1
            self.lines.append(f"— {page[0]} —")

    def row(self, label_terminals: list[str], values: list[CellValue], page: list[int]) -> None:
        """One table row: labels (group label first, if any) then the cells."""
        labels = [self.label(t) for t in label_terminals]
        cells = [self.number(v) for v in values]
        layout = self.layout
        if layout == "cell-per-line":
            for text in labels:
                if self.noise.split_labels and len(text) >= 6 and self.rng.random() < 0.3:
                    cut = self.rng.randint(2, len(text) - 2)
                    self.lines.append("\t" + text[:cut])
                    self.lines.append(text[cut:])
                else:
                    self.lines.append("\t" + text)
            self.lines.extend("\t" + c for c in cells)
            self.lines.append("")
        elif layout == "tab-separated":
            self.lines.append("\t".join(labels + cells))
        elif layout == "pipe-separated":
            self.lines.append("| " + " | ".join(labels + cells) + " |")
        else:
            self.footer(page)
            head = labels[:-1]
            for text in head:
                self.lines.append(text)
            last = labels[-1] if labels else ""
            numbers = " ".join(c.strip() or "-" for c in cells)  # no blank cell between spaces: a dash
            if self.noise.split_labels and len(last) >= 8 and self.rng.random() < 0.3:
                cut = self.rng.randint(3, len(last) - 3)
                self.lines.append(last[:cut])
                self.footer(page)
                self.lines.append(f"{last[cut:]} {numbers}".strip())
            else:
                self.lines.append(f"{last} {numbers}".strip())


def render(spec: Spec, layout: str, noise: Noise | None = None, seed: int = 0) -> str:
    """Render a spec as the text of a report in ``layout``."""
    rng = random.Random(seed)
    noise = noise or Noise()
    w = _Writer(rng, layout, noise)
    page = [0]
    if spec.title_year_first:
        w.para(f"{spec.year}年{spec.body_in_title}政府信息公开工作年度报告")
    else:
        w.para(f"{spec.body_in_title}{spec.year}年政府信息公开工作年度报告")
    preamble = "本报告依据《中华人民共和国政府信息公开条例》"
    if spec.citation:
        if spec.variant == "2021":
            preamble += (
                "和《国务院办公厅政府信息与政务公开办公室关于印发"
                "〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）"
            )
        else:
            preamble += (
                "和《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》"
                "（国办公开办函〔2019〕60号）"
            )
    preamble += "要求编制。"
    if spec.period:
        preamble += f"本报告所列数据的统计期限自{spec.year}年1月1日起至{spec.year}年12月31日止。"
    w.para(preamble)
    if noise.residue:
        w.para("[bookmark: _GoBack]")
    one_line = layout == "one-line-sections"
    headings = {section.id: section.heading for section in SECTIONS}

    def prose(section: str) -> None:
        paragraphs = spec.paragraphs.get(section, [])
        if one_line:
            w.para(headings[section] + " " + "".join(paragraphs))
            return
        w.para(headings[section])
        for paragraph in paragraphs:
            w.para(paragraph)

    prose("一")
    w.para(headings["二"])
    for table in TABLES:
        if table.section != "二" or spec.variant not in table.variants:
            continue
        columns = table.columns_for(spec.variant)
        w.row([str(table.caption)], [], page)
        w.row(["INFO_CONTENT"] + [c.terminal for c in columns], [], page)
        for row in table.rows_for(spec.variant):
            w.row([row.terminal_for(spec.variant)], [spec.values[f"{table.id}.{row.id}.{c.id}"] for c in columns], page)
    w.para(headings["三"])
    applications = next(t for t in TABLES if t.id == "applications")
    w.row(["APPLICATIONS_NOTE"], [], page)
    w.row(["APPLICANTS"], [], page)
    w.row(["NATURAL_PERSON", "LEGAL_PERSON", "TOTAL"], [], page)
    w.row(["COMMERCIAL", "RESEARCH", "PUBLIC_INTEREST", "LEGAL_SERVICES", "OTHER"], [], page)
    group_first = {
        g.rows[0]: g.terminal for g in applications.groups if g.id != "outcomes" and spec.variant in g.variants
    }
    group_first["disclosed"] = "OUTCOMES"
    for row in applications.rows_for(spec.variant):
        labels = [group_first[row.id], row.terminal] if row.id in group_first else [row.terminal]
        w.row(
            labels, [spec.values[f"applications.{row.id}.{c.id}"] for c in applications.columns_for(spec.variant)], page
        )
    w.para(headings["四"])
    w.row(["REVIEW", "LITIGATION"], [], page)
    w.row(["UPHELD", "CORRECTED", "OTHER_RESULT", "PENDING", "TOTAL", "DIRECT_SUIT", "SUIT_AFTER_REVIEW"], [], page)
    w.row(["UPHELD", "CORRECTED", "OTHER_RESULT", "PENDING", "TOTAL"] * 2, [], page)
    review = [
        spec.values[f"review_litigation.{g}.{c}"]
        for g in ("review", "direct_suit", "suit_after_review")
        for c in ("upheld", "corrected", "other", "pending", "total")
    ]
    _value_row(w, review)
    prose("五")
    prose("六")
    w.para(spec.body)
    if spec.signing_date is not None:
        d = spec.signing_date
        w.para(f"{d.year}年{d.month}月{d.day}日")
    return "\n".join(w.lines) + "\n"


def _value_row(w: _Writer, values: list[CellValue]) -> None:
    cells = [w.number(v) for v in values]
    if w.layout == "cell-per-line":
        w.lines.extend("\t" + c for c in cells)
        w.lines.append("")
    elif w.layout == "tab-separated":
        w.lines.append("\t".join(cells))
    elif w.layout == "pipe-separated":
        w.lines.append("| " + " | ".join(cells) + " |")
    else:
        w.lines.append(" ".join(c.strip() or "-" for c in cells))


def generate(rng: random.Random, layout: str | None = None) -> tuple[Spec, str, str]:
    """A random report: ``(spec, layout, text)``."""
    layout = layout or rng.choice(LAYOUTS)
    noise = random_noise(rng, layout)
    spec = random_spec(rng, blanks=noise.blanks)
    return spec, layout, render(spec, layout, noise, seed=rng.randrange(1 << 30))
