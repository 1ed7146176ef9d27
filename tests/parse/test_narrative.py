"""Reading the narrative: claims, lists and statements, sentence by sentence, with their place in the file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor import narrative
from auditor.parse import parse_document, parse_file
from auditor.patterns import required_words
from auditor.readers.text import document_from_text
from tests.conftest import FIXTURES
from tests.rules.helpers import clean_text, engine


def read(prose: str):
    text = clean_text().replace("一、总体情况\n", "一、总体情况\n" + prose + "\n", 1)
    return parse_document(document_from_text(text, "r.txt", "text"))


@pytest.mark.parametrize(
    ("text", "value"), [("一", 1), ("十五", 15), ("两", 2), ("一百二十三", 123), ("三千零五", 3005)]
)
def test_chinese_numerals(text: str, value: int) -> None:
    assert narrative.zh_number(text) == value


def test_claims_with_what_scope_period_and_place() -> None:
    report = read(
        "2023年，全市共受理政府信息公开申请 3119 件，答复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度答复）。"
    )
    claims = {c.what: c for c in report.narrative.claims}
    assert claims["applications.received"].value == 3119
    assert claims["applications.received"].scope == "region" and claims["applications.received"].period == 2023
    assert claims["applications.answered"].value == 3050
    assert claims["applications.carried_over"].value == 34
    assert claims["applications.carried_forward"].value == 103
    received = claims["applications.received"]
    line = report.lines[received.loc.line - 1]
    assert line[received.loc.column - 1 :].startswith("3119")


def test_numbers_never_bind_across_sentences() -> None:
    report = read("全年主动公开信息11条。其中，发布财政信息1条；发布乡镇信息10条。")
    assert report.narrative.enumerations == []


def test_enumeration_ignores_bracketed_figures_and_percentages() -> None:
    report = read(
        "办结 1191 件，其中予以公开及部分公开 208 件（17.46%），其他处理 319 件（26.78%，含申请人主动撤回 157 件），"
        "无法提供 664 件。"
    )
    (enumeration,) = report.narrative.enumerations
    assert [report.narrative.claims[i].value for i in enumeration.parts] == [208, 319, 664]


def test_wrapped_lines_are_one_sentence() -> None:
    # shanghai office 2025 (PDF text): lines wrapped mid-sentence
    report = read("市政府共受理政府信息公开申请 1295 件，办结 1191 件（含\n上年结转 189 件），均在法定期限内答复。")
    claims = {c.what: c.value for c in report.narrative.claims}
    assert claims["applications.carried_over"] == 189 and claims["applications.handled"] == 1191


def test_statements() -> None:
    report = read("本年度未收到政府信息公开申请，未发生行政复议、行政诉讼。所有申请均已办结。")
    kinds = {s.kind for s in report.narrative.statements}
    assert {"no_applications", "no_review", "no_litigation", "all_handled"} <= kinds


def test_pingtan_75_is_new_plus_carried_over() -> None:
    path = FIXTURES / "real" / "pingtan-2022-flattened.txt"
    report = parse_file(path)
    (received,) = report.narrative.of("applications.received")
    assert received.value == 75 and received.scope == "region"
    findings = engine().check_file(str(path)).findings
    assert not [f for f in findings if f.code == "NAR001"]


def test_patterns_from_a_plugin(tmp_path: Path) -> None:
    extra = tmp_path / "province.toml"
    extra.write_text(
        '[[claim]]\nid = "applications.received"\nbefore = "依申请件"\nunits = ["件"]\n'
        'cells = [["applications.new_received.total"]]\ncertain = true\n',
        encoding="utf-8",
    )
    try:
        narrative.use_patterns([extra])
        report = read("全年办理依申请件7件。")
        assert [c.value for c in report.narrative.of("applications.received")] == [7]
    finally:
        narrative._EXTRA.remove(extra)
        narrative.patterns.cache_clear()


def test_a_run_of_digits_too_long_for_a_figure_is_no_claim() -> None:
    report = read("全年受理政府信息公开申请" + "9" * 5000 + "件。")
    assert report.narrative.of("applications.received") == []


@given(
    st.lists(
        st.lists(st.text(alphabet="。！？!?；; \t\u3000a1中文X\x00", max_size=12), max_size=3), min_size=1, max_size=4
    )
)
def test_sentences_split_as_the_sentence_pattern_does(paragraphs: list[list[str]]) -> None:
    """One split of the whole prose (its paragraphs joined by NULs, a NUL after every sentence end) finds the
    sentences, and where they start, that the sentence pattern finds paragraph by paragraph — a NUL read from the
    file included (then the pattern itself is used)."""
    from types import SimpleNamespace

    from auditor.document import Location

    lines = [(text or "x", Location(n, 1)) for n, texts in enumerate(paragraphs, 1) for text in texts]
    report = SimpleNamespace(lines=[], sections=[SimpleNamespace(id="一", loc=Location(1), paragraphs=lines)])
    expected = [
        (body.strip(), paragraph.loc(at := match.start() + len(body) - len(body.lstrip())), paragraph.text, at)
        for _section, found in narrative._prose(report)  # type: ignore[arg-type]
        for paragraph in narrative._paragraphs(found)
        for match in narrative._SENTENCE.finditer(paragraph.text)
        if (body := match.group(0)).strip()
    ]
    split = [(s.text, s.loc, paragraph.text, start) for s, paragraph, start in narrative.sentences(report)]  # type: ignore[arg-type]
    assert split == expected


@pytest.mark.parametrize(
    ("sections", "what"),
    [
        ([("一", "行政复议情况良好。维持2件。")], "review.upheld"),  # the topic of the sentence before
        ([("一", "行政复议情况良好。"), ("二", "维持2件。")], None),  # not from another section
        ([("一", "行政复议情况良好。"), ("二", "无。"), ("一", "维持2件。")], None),  # nor over one
        ([("一", "行政复议情况良好。本年度无。"), ("一", "维持2件。")], "review.upheld"),  # a sentence without a topic
    ],
)
def test_a_topic_is_carried_within_a_run_of_one_section(sections: list[tuple[str, str]], what: str | None) -> None:
    """The topic of a claim is the last named before it in its section: sentences without a number or a topic word
    are not read, and a sentence of another section between ends the topic."""
    from types import SimpleNamespace

    from auditor.document import Location

    report = SimpleNamespace(
        lines=[],
        sections=[
            SimpleNamespace(id=sid, loc=Location(n), paragraphs=[(text, Location(n, 1))])
            for n, (sid, text) in enumerate(sections, 1)
        ],
    )
    claims = narrative.extract(report).claims  # type: ignore[arg-type]
    assert [(c.value, c.what) for c in claims] == [(2, what)]


def _plain_what(before: str, after: str, topic: str | None, unit: str) -> str | None:
    """What a number counts as the claim patterns say it, each searched in order (no words looked for first)."""
    for pattern in narrative.patterns().candidates(unit, topic):
        if pattern.before is not None and not pattern.before.search(before):
            continue
        if pattern.after is not None and not pattern.after.search(after):
            continue
        return pattern.what
    return None


# the words of the claim patterns (and pieces of them), clause ends and other characters
_CLAUSE_WORDS = [
    "申请", "收到", "受理", "予以公开", "部分公开", "不予公开", "信息数", "办结", "办理完毕", "答复", "处理", "复议",
    "诉讼", "起诉", "维持", "纠正", "撤销", "确认违法", "其他结果", "尚未审结", "结转", "下一年", "上年度", "转入",
    "依申请公开", "规范性文件", "处理费", "主动公开", "公开", "人大", "提案", "共有", "新收", "新增", "不掌握",
    "无法提供", "行政许可", "行政处罚", "规章", "，", "。", "；", "的", "件", "年", "公", "开", "办", "新", "下",
]  # fmt: skip


@given(
    st.lists(st.sampled_from(_CLAUSE_WORDS), max_size=8).map("".join),
    st.lists(st.sampled_from(_CLAUSE_WORDS), max_size=8).map("".join),
    st.sampled_from([None, "applications", "review", "litigation"]),
    st.sampled_from(["件", "条", "个", "篇", "项", "次", "元", "万元", "起", "部"]),
)
def test_what_a_number_counts_is_what_the_patterns_in_order_say(
    before: str, after: str, topic: str | None, unit: str
) -> None:
    """A pattern is not searched in a clause without any of the words its every match holds: the same claim."""
    assert narrative.Extractor()._what(before, after, topic, unit) == _plain_what(before, after, topic, unit)


def test_the_words_a_sentence_is_read_for_are_in_every_match() -> None:
    """A sentence without 年 is not searched for years, nor one without 其中, 包括 or 分别 for a list: every match of
    the patterns holds them."""
    from auditor.patterns import required_chars, required_words

    assert "年" in required_chars(narrative._YEAR)
    words = required_words(narrative._ENUM_MARKER)
    assert words and all(any(guard in word for guard in ("其中", "包括", "分别")) for word in words)


def _plain_statements_of(texts: list[str], indexes: list[int]) -> dict[int, list[object]]:
    """The statements each sentence may make, sentence by sentence: those with one of their words in it."""
    plan: dict[int, list[object]] = {}
    for index in indexes:
        here = [s for s in narrative.patterns().statements if s[3] is None or any(w in texts[index] for w in s[3])]
        if here:
            plan[index] = here
    return plan


@given(st.lists(st.lists(st.sampled_from([*_CLAUSE_WORDS, "维持", "汇总", "年度报告", "未", "\x00"]), max_size=6)))
def test_the_statements_a_sentence_may_make_are_those_with_its_words(words: list[list[str]]) -> None:
    """Statements whose words none of the sentences holds are ruled out over the sentences joined: the same plan."""
    texts = ["".join(sentence) for sentence in words]
    indexes = list(range(0, len(texts), 2))
    assert narrative.Extractor()._statements_of(texts, indexes) == _plain_statements_of(texts, indexes)


@given(
    st.lists(
        st.lists(st.sampled_from(["公开", "公开及", "予以公开", "开及部", "部分", "申", "申请", "请"]), max_size=3)
    ),
    st.text(alphabet="予以公开及部分申请，", max_size=16),
)
def test_the_candidates_a_clause_may_match_are_those_whose_words_it_holds(words: list[list[str]], clause: str) -> None:
    """One search finds every word a clause holds — overlapping ones, and the words another starts with — so a
    candidate's bit is set exactly when the clause holds one of its words (or it has none to look for)."""
    patterns = [re.compile("|".join(alternatives)) if alternatives else None for alternatives in words]
    side = narrative._Side.of(patterns)
    expected = 0
    for bit, pattern in enumerate(patterns):
        found = None if pattern is None else required_words(pattern)
        if found is None or any(word in clause for word in found):
            expected |= 1 << bit
    assert side.possible(clause) == expected
