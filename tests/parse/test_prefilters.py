"""The literal prefilters of auditor.patterns give what the regular expressions give, on any text, for the
narrative's own patterns (narrative.toml) and for patterns of other shapes; and the number pattern, written to scan
fast, finds what the plain pattern finds."""

from __future__ import annotations

import bisect
import re
import sys

from auditor.rules import narrative as rules_narrative
from hypothesis import example, given
from hypothesis import strategies as st

from auditor import narrative, regime, renamed
from auditor.patterns import (
    _alternatives,
    _parts,
    contains,
    holding,
    literal_finditer,
    literal_words,
    required_chars,
    required_words,
)
from auditor.script import CJK

# the number pattern as it was written before it was made to scan fast (narrative.toml explains the difference)
PLAIN_NUMBER = (
    r"(?P<num>[\d零〇一二两三四五六七八九十百千](?:(?<=\d)(?<!\d\d)\d*(?:\.\d+)?|(?<=[零〇一二两三四五六七八九十百千])"
    r"(?<![零〇一二两三四五六七八九十百千]{2})[零〇一二两三四五六七八九十百千]*))\s*(?P<approx>余|多)?\s*"
    r"(?P<unit>万元|元|件|条|个|篇|项|次)(?![一二三四五六七八九十])"
)
# digits of several scripts (ASCII, full-width, Arabic-Indic, Devanagari, one beyond U+FFFF), numerals, units, spaces
NUMBERY = "0123456789０９٣७\U0001d7d9零〇一二两三四五六七八九十百千万元件条个篇项次余多. \u3000\t第年申请ab，。\x00"


def _patterns() -> list[re.Pattern[str]]:
    """The patterns the prefilters are used with, and a few of other shapes."""
    pats = narrative.patterns()
    tables = rules_narrative._compiled()
    gaps = rules_narrative._seed_gap_tables()
    found = [pats.topic_any, pats.statement_trigger, tables.accountability, tables.concrete, narrative._YEAR_LED]
    found += [terms for _aspect, terms in tables.aspects]
    found += [mention for _entry, mention in gaps.undescribed]
    found += [item.object for item in gaps.zero_items] + [item.done for item in gaps.zero_items]
    found += [p for claim in pats.claims for p in (claim.before, claim.after) if p is not None]
    others = ["a|ab", "ab|a", "(a|ab)(c|bcd)", "aa", "x[yz]w|xy", "(?i)ab", "a*b?", "a(?=b)", r"\d+件", "(ab)+c"]
    return found + [re.compile(p) for p in others]


def _alphabet() -> str:
    """The characters of the patterns' own words, so that random texts hit them often."""
    chars = set("abcdwxyz")
    for pattern in _patterns():
        chars.update(ch for ch in pattern.pattern if ch > "\u2e80")
    return "".join(sorted(chars)) + "12０ ，。\x00"


ALPHABET = _alphabet()
PATTERNS = _patterns()


@given(st.data())
def test_required_words_are_in_every_match(data: st.DataObject) -> None:
    pattern = data.draw(st.sampled_from(PATTERNS))
    text = data.draw(st.text(alphabet=ALPHABET, max_size=60))
    words = required_words(pattern)
    for match in pattern.finditer(text):
        assert words is None or any(word in match.group(0) for word in words), (pattern.pattern, match)


@given(st.data())
def test_literal_finditer_and_contains_are_the_regex(data: st.DataObject) -> None:
    pattern = data.draw(st.sampled_from(PATTERNS))
    text = data.draw(st.text(alphabet=ALPHABET, max_size=80))
    assert literal_finditer(pattern, text) == [(m.start(), m.group(0)) for m in pattern.finditer(text)]
    assert contains(pattern, text) == (pattern.search(text) is not None)


@given(st.data())
def test_holding_is_every_text_a_word_is_in(data: st.DataObject) -> None:
    pattern = data.draw(st.sampled_from(PATTERNS))
    texts = data.draw(st.lists(st.text(alphabet=ALPHABET, max_size=30), max_size=8))
    words = required_words(pattern)
    held = holding(texts, words)
    assert holding(texts, words, "\x00".join(texts)) == held
    assert held == [i for i, text in enumerate(texts) if words is None or any(word in text for word in words)]
    # the prefilter keeps every text the pattern matches in
    assert {i for i, text in enumerate(texts) if pattern.search(text)} <= set(held)


def test_the_words_of_some_patterns() -> None:
    assert required_words(narrative._YEAR_LED) == ("19", "20")  # narrative.py tests them with `in` before matching
    assert required_words(re.compile("予以公开[^，。；]{0,6}$")) == ("予以公开",)
    assert required_words(re.compile("a*|b")) is None
    assert required_words(re.compile("(?i)申请")) is None
    assert literal_words(re.compile("申请|复议|全[县区]")) == ("申请", "复议", "全县", "全区")
    assert literal_words(re.compile("(a|ab)(c|bcd)")) == ("ac", "abcd", "abc", "abbcd")  # the engine's order
    assert literal_words(re.compile("a+")) is None
    assert literal_finditer(re.compile("a|ab"), "abab") == [(0, "a"), (2, "a")]
    assert holding(["x\x00y", "y"], ("\x00",)) == [0]
    assert holding(["ab", "", "b", "bb"], ("b",)) == [0, 2, 3]
    assert holding(["a\x00b", "c", "b"], ("b",)) == [0, 2]  # a NUL read from the file: not taken for a boundary
    assert holding(["a\x00b", "c", "b"], ("b",), "a\x00b\x00c\x00b") == [0, 2]


def test_contains_splits_only_what_it_can() -> None:
    assert _alternatives(r"a|(b|c)|[|]|\||[]|]x|[^]|]y") == ["a", "(b|c)", "[|]", r"\|", "[]|]x", "[^]|]y"]
    concrete = rules_narrative._compiled().concrete
    words, rest = _parts(concrete.pattern, concrete.flags)
    assert "制度" in words and rest is not None and rest.search("每月") and not rest.search("制度")
    for source, text in [(r"(a)|b\1", "b"), ("(?i)A|b", "a"), ("(?P<x>a)|(?P=x)b", "b")]:
        pattern = re.compile(source)
        assert _parts(source, pattern.flags)[0] == ()  # not split: searched whole
        assert contains(pattern, text) == (pattern.search(text) is not None)


@given(st.text(alphabet="资金a1，\u4e00\u9fff\u9fa5 ", max_size=20))
def test_eight_chinese_characters(text: str) -> None:
    assert bool(rules_narrative._EIGHT_CJK.match(text)) == (len(CJK.findall(text)) >= 8)


@given(st.text(alphabet=NUMBERY, max_size=60))
def test_number_pattern_finds_what_the_plain_pattern_finds(text: str) -> None:
    fast, plain = narrative.patterns().number, re.compile(PLAIN_NUMBER)
    assert [(m.span(), m.groupdict()) for m in fast.finditer(text)] == [
        (m.span(), m.groupdict()) for m in plain.finditer(text)
    ]


def test_number_pattern_first_class_holds_every_digit() -> None:
    """The scan's first class must hold every character \\d matches in this Python (a newer Unicode may add
    digits): the lookbehinds check the kind, but a digit outside the class would never start a number."""
    first = re.compile(narrative.patterns().number.pattern.split("](?", 1)[0][len("(?P<num>") :] + "]")
    missing = [hex(c) for c in range(sys.maxunicode + 1) if re.match(r"\d", chr(c)) and not first.match(chr(c))]
    assert missing == []


@given(st.lists(st.text(alphabet=ALPHABET, max_size=30), max_size=8))
def test_the_trigger_to_the_end_finds_the_sentences_with_a_trigger(texts: list[str]) -> None:
    """narrative.py finds the sentences with a statement's trigger by the trigger followed by the rest of its
    sentence over the sentences joined by NULs (one match a sentence): the sentences the trigger matches in."""
    pats = narrative.patterns()
    joined = "\x00".join(texts)
    starts = [sum(len(text) + 1 for text in texts[:i]) for i in range(len(texts))]
    found = {bisect.bisect_right(starts, m.start()) - 1 for m in pats.trigger_to_end.finditer(joined)}
    assert found == {i for i, text in enumerate(texts) if pats.statement_trigger.search(text)}


@given(st.data())
def test_required_chars_are_in_every_match(data: st.DataObject) -> None:
    pattern = data.draw(st.sampled_from(PATTERNS + list(rules_narrative._compiled().foreign_words.values())))
    text = data.draw(st.text(alphabet=ALPHABET + "区县全本省市、级委", max_size=60))
    chars = required_chars(pattern)
    for match in pattern.finditer(text):
        assert all(char in match.group(0) for char in chars), (pattern.pattern, match)


def test_the_chars_of_some_patterns() -> None:
    words = rules_narrative._compiled().foreign_words
    assert required_chars(words["县"]) == {"区"} and required_chars(words["区"]) == {"县"}  # NAR017 finds them first
    assert required_chars(re.compile("ab(c|dc)")) == {"a", "b", "c"}
    assert required_chars(re.compile("a|b")) == set() and required_chars(re.compile("(?i)ab")) == set()
    assert required_chars(re.compile("a?b*[cd]")) == set()


# the part-number pattern of auditor.renamed as it was written before it was made to scan fast (a look back first)
PLAIN_PART_NUMBER = re.compile(
    r"(?:^|(?<=[\s。；;！!？?：:）)]))(?:"
    r"(?P<zh>[一二三四五六七八九十]{1,2})\s*[、．.]"
    r"|第(?P<part>[一二三四五六七八九十]{1,2})部分\s*[、:：]?"
    r"|(?P<arabic>\d{1,2})\s*[、．]"
    r")\s*(?P<title>[^\s，,。；;：:（(、\d]{2,24})"
)
PARTY = "一二五十第部分0１٣12、．.:：；;！!？?。）)（(，, \u3000\n\t总体情况问题其他a"


@given(st.text(alphabet=PARTY, max_size=60))
@example("。第十二部分：其他情况 12、总体情况\n十一.问题")
@example("第一部分 总体情况；（二）问题 五、其他")
def test_part_number_pattern_finds_what_the_plain_pattern_finds(text: str) -> None:
    """The same matches, the same spans, the same numbering style, number and title."""
    fast = [(m.span(), renamed._number(m), m["title"]) for m in renamed._NUMBERED.finditer(text)]
    plain = [
        (m.span(), next((s, m[s]) for s in ("zh", "part", "arabic") if m[s]), m["title"])
        for m in PLAIN_PART_NUMBER.finditer(text)
    ]
    assert fast == plain
    assert [m.span() for m in renamed._NUMBERED.finditer(text, 3)] == [
        m.span() for m in PLAIN_PART_NUMBER.finditer(text, 3)
    ]


# the 2008 regime's heading pattern (auditor.regime) as it was written before it was split in two to scan fast
PLAIN_OLD_HEADING = re.compile(
    r"(?:^|[\s。；;：:）)])\s*(?:[一二三四五六七八九十]+\s*[、.．]|第[一二三四五六七八九十]+部分)\s*"
    r"(?P<words>[^。；;，,\d]{2,30})"
)


@given(st.text(alphabet="一三十第部分、.．。；;：:）) \u3000\n收费减免概述情况1,，", max_size=60))
@example(" 一、概述 二、收费 三 、减免情况")
@example("第三部分收费；四、其他")
def test_old_regime_headings_are_what_the_plain_pattern_finds(text: str) -> None:
    found = [(m.span(), m.span("words"), m["words"]) for m in regime.headings(text)]
    assert found == [(m.span(), m.span("words"), m["words"]) for m in PLAIN_OLD_HEADING.finditer(text)]
