"""Reading the narrative: the numeric claims and statements of a report's prose (SPEC §4.4), sentence by sentence.

What a number counts, its scope, period and the statements without numbers (未收到申请、均已办结 …) are described
by patterns in ``rules/narrative.toml`` (plus the files plugins add through ``auditor_narrative_patterns``), compiled
once per process. Nothing here compares with the tables: the rules in ``rules/narrative.py`` do.

A claim never binds numbers across sentences: each number is read with the clause around it, the subject of its
sentence (申请、复议、诉讼) and the scope named before it.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from auditor import budget
from auditor.document import Location
from auditor.lazy import lazy_pattern
from auditor.metadata import _CN_DIGITS as CN_DIGITS
from auditor.model import Claim, Enumeration, Narrative, Report, Sentence, Statement
from auditor.patterns import compiled, literal_finditer, required_words
from auditor.resources import data_path, read_toml

_ZH_DIGITS = {**CN_DIGITS, "两": 2}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_SENTENCE = compiled(r"[^。！？!?；;]+[。！？!?；;]?")
_CLOSED = frozenset("。！？!?；;：:")  # the last character of a line that closes its paragraph
_HEADING = compiled(
    r"^\s*([（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[、.．]|第[一二三四五六七八九十]+)"
)
_LEAD = compiled(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、是]|\d+[、.．])\s*")
_YEAR = compiled(r"((?:19|20)\d{2})\s*年")
_YEAR_LED = compiled(
    r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、是]|\d+[、.．])?\s*(?:19|20)\d{2}"
)
_WRAP_MIN = 20  # a line at least this long that ends without punctuation was wrapped, not a heading


def zh_number(text: str) -> int | None:
    """一百二十三 → 123; 两 → 2; 十五 → 15. None for what is not a plain Chinese numeral."""
    total, current = 0, 0
    for char in text:
        if char in _ZH_DIGITS:
            current = _ZH_DIGITS[char]
        elif char in _ZH_UNITS:
            total += (current or 1) * _ZH_UNITS[char]
            current = 0
        else:
            return None
    return total + current


@dataclass(frozen=True)
class ClaimPattern:
    what: str
    zh: str
    en: str
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    topic: str | None
    units: frozenset[str]
    cells: tuple[tuple[str, ...], ...]
    certain: bool


class _Side(NamedTuple):
    """The candidates' words on one side of a number (the clause before it or after it), as bit masks over the
    candidates: a candidate may match a clause only if its bit is in ``always`` or in the mask of a word the clause
    holds (``always``: no pattern on that side, or no word every match of it holds)."""

    words: re.Pattern[str] | None  # at each position of a clause, the longest of the words that starts there
    masks: dict[str, int]  # for each word, the candidates one of whose words it or a word it starts with is
    always: int

    @classmethod
    def of(cls, patterns: list[re.Pattern[str] | None]) -> _Side:
        masks: dict[str, int] = {}
        always = 0
        for bit, pattern in enumerate(patterns):
            words = None if pattern is None else required_words(pattern)
            if words is None:
                always |= 1 << bit
                continue
            for word in words:
                masks[word] = masks.get(word, 0) | 1 << bit
        if not masks:
            return cls(None, {}, always)
        longest_first = sorted(masks, key=len, reverse=True)
        # the words found where a longer one starts are its beginnings: the longer one's mask holds theirs
        closed = {
            word: functools.reduce(operator.or_, [m for w, m in masks.items() if word.startswith(w)]) for word in masks
        }
        return cls(compiled("(?=(" + "|".join(map(re.escape, longest_first)) + "))"), closed, always)

    def possible(self, clause: str) -> int:
        """The candidates this clause may match: those whose words it holds (one search for all the words, which
        finds every word the clause holds: the longest at each position and, by the masks, the words it starts
        with)."""
        if self.words is None:
            return self.always
        return functools.reduce(operator.or_, map(self.masks.__getitem__, self.words.findall(clause)), self.always)


class _Plan(NamedTuple):
    """The candidates of a unit and topic as Extractor._what tries them: in order, the id and the patterns before
    and after the number; the words of each side."""

    whats: tuple[str, ...]
    before: tuple[re.Pattern[str] | None, ...]
    after: tuple[re.Pattern[str] | None, ...]
    before_words: _Side
    after_words: _Side


# a [[statement]]: id, pattern, unless, requires (words one of which every match holds, or None)
_StatementPattern = tuple[str, re.Pattern[str], re.Pattern[str] | None, tuple[str, ...] | None]


@dataclass(frozen=True)
class Patterns:
    """The compiled contents of narrative.toml (and plugins' files)."""

    number: re.Pattern[str]
    approximate_before: re.Pattern[str]
    units: re.Pattern[str]
    delimiters: re.Pattern[str]
    scopes: tuple[tuple[str, re.Pattern[str]], ...]
    scope_any: re.Pattern[str]  # any of the scopes: most sentences name none, and are searched once, not thrice
    comparison: re.Pattern[str]
    past: re.Pattern[str]
    future: re.Pattern[str]
    topics: tuple[tuple[str, re.Pattern[str]], ...]
    topic_any: re.Pattern[str]
    claims: tuple[ClaimPattern, ...]
    statements: tuple[_StatementPattern, ...]
    statement_trigger: re.Pattern[str]  # most sentences make no statement, and are skipped at once
    # the trigger and the rest of its sentence (up to the NUL after it, in the joined prose): one match a sentence
    trigger_to_end: re.Pattern[str]
    raw: dict[str, Any]  # the merged data, for the rules' own tables (aspects, promises, terms …)
    _candidates: dict[tuple[str, str | None], tuple[ClaimPattern, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )

    topic_words: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)
    # the candidates of a unit and topic as Extractor._what tries them, made on first use
    checks: dict[tuple[str, str | None], _Plan] = field(default_factory=dict, compare=False, repr=False)
    _by_what: dict[str, ClaimPattern] = field(default_factory=dict, compare=False, repr=False)

    def candidates(self, unit: str, topic: str | None) -> tuple[ClaimPattern, ...]:
        """The claim patterns, in order, that a number with this unit under this topic may match."""
        found = self._candidates.get((unit, topic))
        if found is None:
            found = self._candidates[unit, topic] = tuple(
                p
                for p in self.claims
                if (not p.units or unit in p.units)
                and (p.topic is None or p.topic == topic)
                and (p.before is not None or p.after is not None)
            )
        return found

    def claim(self, what: str) -> ClaimPattern | None:
        """The first claim pattern naming ``what`` (looked up in a table made on first use)."""
        if not self._by_what:
            for pattern in reversed(self.claims):  # the first of each name wins
                self._by_what[pattern.what] = pattern
        return self._by_what.get(what)


_EXTRA: list[Path] = []


def use_patterns(paths: Iterable[Path | str]) -> None:
    """Add pattern files (a plugin's); their entries come before the built-in ones, so they win a tie."""
    added = [Path(p) for p in paths if Path(p) not in _EXTRA]
    if added:
        _EXTRA.extend(added)
        patterns.cache_clear()


def _load(path: Path) -> dict[str, Any]:
    return read_toml(path)


def _merge(files: list[dict[str, Any]]) -> dict[str, Any]:
    """Tables: the first file that sets a key wins; arrays of tables: concatenated in file order."""
    merged: dict[str, Any] = {}
    for data in files:
        for key, value in data.items():
            if isinstance(value, list):
                merged.setdefault(key, []).extend(value)
            elif isinstance(value, dict):
                merged.setdefault(key, {})
                for inner, item in value.items():
                    merged[key].setdefault(inner, item)
            else:
                merged.setdefault(key, value)
    return merged


def _claim_pattern(c: dict[str, Any]) -> ClaimPattern:
    return ClaimPattern(
        c["id"],
        c.get("zh", c["id"]),
        c.get("en", c["id"]),
        lazy_pattern(c["before"]) if "before" in c else None,
        lazy_pattern(c["after"]) if "after" in c else None,
        c.get("topic"),
        frozenset(c.get("units", [])),
        tuple(tuple(alt) for alt in c.get("cells", [])),
        bool(c.get("certain", False)),
    )


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    """The patterns, read once per process; each is compiled when it is first used (most claim and statement
    patterns are needed only by reports that use their words), so a one-file run compiles only what it needs."""
    data = _merge([_load(p) for p in _EXTRA] + [_load(data_path("rules", "narrative.toml"))])
    topics = tuple((t["id"], lazy_pattern(t["pattern"])) for t in data.get("topic", []))
    statements = tuple(
        (
            s["id"],
            lazy_pattern(s["pattern"]),
            lazy_pattern(s["unless"]) if "unless" in s else None,
            tuple(s["requires"]) if s.get("requires") else None,
        )
        for s in data.get("statement", [])
    )
    scope = data.get("scope", {})
    history = data.get("history", {})
    # a plugin's statements may start with other words than the built-in trigger knows: then search them all
    trigger = "." if _EXTRA else data.get("statements", {}).get("trigger", ".")
    return Patterns(
        number=lazy_pattern(data["number"]["pattern"]),
        approximate_before=lazy_pattern(data["number"].get("approximate_before", "(?!)")),
        units=lazy_pattern(data["number"].get("units", ".")),
        delimiters=lazy_pattern(data["number"]["delimiters"]),
        scopes=tuple((name, lazy_pattern(scope[name])) for name in ("own", "local", "region") if name in scope),
        # joined as they are (each is an alternation): a group around each would keep the regex engine from
        # skipping to the characters the words start with
        scope_any=lazy_pattern("|".join(scope[name] for name in ("own", "local", "region") if name in scope) or "(?!)"),
        comparison=lazy_pattern(history.get("comparison", "(?!)")),
        past=lazy_pattern(history.get("past", "(?!)")),
        future=lazy_pattern(history.get("future", "(?!)")),
        topics=topics,
        topic_any=lazy_pattern("|".join(t["pattern"] for t in data.get("topic", [])) or "(?!)"),
        claims=tuple(_claim_pattern(c) for c in data.get("claim", [])),
        statements=statements,
        statement_trigger=lazy_pattern(trigger),
        trigger_to_end=lazy_pattern(f"(?:{trigger})[^\x00]*"),
        raw=data,
    )


# ── sentences ───────────────────────────────────────────────────────────────────────────────────────────────
# Location(line, column, page, ref) without the named tuple's __new__ written in Python (a frame per call): the
# narrative makes one for every sentence and claim
_location = functools.partial(tuple.__new__, Location)


class _Paragraph:
    """Lines joined where a PDF or Word wrapped them, with the source position of every character."""

    __slots__ = ("locs", "starts", "text")

    def __init__(self, parts: list[str], locs: list[Location]) -> None:
        if len(parts) == 1:  # most paragraphs are one line
            self.text, self.starts = parts[0], [0]
        else:
            self.text = "".join(parts)
            self.starts = list(itertools.accumulate(map(len, parts[:-1]), initial=0))  # where each line starts
        self.locs = locs

    def loc(self, offset: int) -> Location:
        index = 0 if len(self.starts) == 1 else bisect.bisect_right(self.starts, offset) - 1
        base, column = self.locs[index], offset - self.starts[index]
        return _location((base.line, base.column + column, base.page, base.ref)) if column else base


def _paragraphs(lines: list[tuple[str, Location]]) -> Iterator[_Paragraph]:
    parts: list[str] = []
    locs: list[Location] = []
    for text, loc in lines:
        stripped = text.rstrip()
        if not stripped:
            continue
        if parts and _HEADING.match(text):
            yield _Paragraph(parts, locs)
            parts, locs = [], []
        parts.append(text)
        locs.append(loc)
        if stripped[-1] in _CLOSED or len(stripped) < _WRAP_MIN:
            yield _Paragraph(parts, locs)
            parts, locs = [], []
    if parts:
        yield _Paragraph(parts, locs)


def _prose(report: Report) -> Iterator[tuple[str | None, list[tuple[str, Location]]]]:
    """The prose of the report: the preamble (before the first section), then each section's paragraphs."""
    first = min((s.loc.line for s in report.sections), default=len(report.lines) + 1)
    preamble = [
        (line, _location((n, 1, None, None))) for n, line in enumerate(report.lines[: first - 1], 1) if line.strip()
    ]
    if preamble:
        yield None, preamble
    for section in report.sections:
        yield section.id, section.paragraphs


_ENDS = "。！？!?；;"  # the characters _SENTENCE ends a sentence at


def sentences(report: Report) -> Iterator[tuple[Sentence, _Paragraph, int]]:
    """The sentences of the prose (what ``_SENTENCE`` finds in each paragraph), each with its paragraph and where it
    starts in it (see :func:`_split`)."""
    found = _split(report)
    return zip(found.sentences, found.paragraphs, found.starts, strict=True)


class _Split(NamedTuple):
    """The sentences of a report's prose, and for each its paragraph and where it starts in it."""

    sentences: list[Sentence]
    paragraphs: list[_Paragraph]
    starts: list[int]


def _split(report: Report) -> _Split:
    """The sentences of the prose: found by one split of the whole prose, its paragraphs joined by NULs and a NUL
    put after every sentence end (a few scans in C, not a regular expression and its calls for every paragraph)."""
    paragraphs = [(section, paragraph) for section, lines in _prose(report) for paragraph in _paragraphs(lines)]
    if not paragraphs:
        return _Split([], [], [])
    joined = "\x00".join([paragraph.text for _section, paragraph in paragraphs])
    if joined.count("\x00") != len(paragraphs) - 1:  # a NUL read from the file: paragraph by paragraph
        found = list(_matched_sentences(paragraphs))
        return _Split([s for s, _p, _a in found], [p for _s, p, _a in found], [a for _s, _p, a in found])
    for end in _ENDS:
        if end in joined:
            joined = joined.replace(end, end + "\x00")
    # each piece is a run of other characters and at most one end, the end last; a piece that ends with an end was
    # cut by an added NUL, any other by the NUL between two paragraphs
    ends = _ENDS
    read: list[Sentence] = []
    owners: list[_Paragraph] = []
    starts: list[int] = []
    following = iter(paragraphs)
    start = 0
    section, paragraph = next(following)
    base = paragraph.locs[0] if len(paragraph.locs) == 1 else None  # a paragraph of one line: no search
    for body in joined.split("\x00"):
        cut = body != "" and body[-1] in ends  # cut by an added NUL (the paragraph goes on), not after a paragraph
        if len(body) > cut:  # _SENTENCE: at least one character that is not an end
            stripped = body.strip()
            if stripped:
                if not len(read) & 31:  # a check every 32 sentences: each costs what reading a sentence does
                    budget.check("narrative")
                at = start + len(body) - len(body.lstrip()) if body[0].isspace() else start
                read.append(
                    Sentence(
                        stripped,
                        paragraph.loc(at)
                        if base is None
                        else _location((base.line, base.column + at, base.page, base.ref))
                        if at
                        else base,
                        section,
                    )
                )
                owners.append(paragraph)
                starts.append(at)
        if cut:
            start += len(body)
        else:
            section, paragraph = next(following, (section, paragraph))
            base = paragraph.locs[0] if len(paragraph.locs) == 1 else None
            start = 0
    return _Split(read, owners, starts)


def _sentence(stripped: str, section: str | None, paragraph: _Paragraph, start: int) -> Sentence:
    """The sentence ``stripped`` that starts at ``start`` in the paragraph."""
    if len(paragraph.locs) == 1:  # a paragraph of one line: no search
        base = paragraph.locs[0]
        loc = _location((base.line, base.column + start, base.page, base.ref)) if start else base
    else:
        loc = paragraph.loc(start)
    return Sentence(stripped, loc, section)


def _matched_sentences(paragraphs: list[tuple[str | None, _Paragraph]]) -> Iterator[tuple[Sentence, _Paragraph, int]]:
    for section, paragraph in paragraphs:
        for match in _SENTENCE.finditer(paragraph.text):
            body = match.group(0)
            stripped = body.strip()
            if stripped:
                at = match.start() + len(body) - len(body.lstrip()) if body[0].isspace() else match.start()
                yield _sentence(stripped, section, paragraph, at), paragraph, at


# ── claims ──────────────────────────────────────────────────────────────────────────────────────────────────
_MAX_DIGITS = 15  # no count or amount in a report is longer; a longer run of digits is not a figure of the prose


def _value(raw: str) -> int | Decimal | None:
    if len(raw) > _MAX_DIGITS:
        return None
    if raw[0].isdigit():
        return Decimal(raw) if "." in raw else int(raw)
    return zh_number(raw)


_BRACKET = compiled(r"[（()）]")


# 「，以及…」「，另有…」 after a part: what follows may be in addition to the total, not one of its parts.
_ADDITION = compiled(r"[，,；;]\s*(?:以及|另有|另外|此外)")
_CLAUSE = compiled(r"[，,；;]")
_OTHER_COUNT = compiled(r"\d\s*(?:期|场|份|人次|户|家|批|台|部|册)")  # counters no claim is read in


def _before_addition(out: Narrative, text: str, total: int, listed: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of a list up to a 「，以及」 or 「，另有」 where the parts before it already make up the total
    exactly (「发布法定主动公开内容1条,包括机构概况1条,以及“三公”经费信息2条」): read so, the sentence adds up, and
    the rest is in addition — not a sum over the total. Likewise up to a later clause that counts something else
    than the total (「共收到申请11件,其中网上申请9件、信函申请2件,按时办结11件,结转下年度0件」: 办结 and 结转 are not
    kinds of 收到) where the parts before it make up the total."""
    claims = out.claims
    for k in range(1, len(listed)):
        if sum(claims[i].value for i, _pos in listed[:k]) != claims[total].value:
            continue
        between = text[listed[k - 1][1] : listed[k][1]]
        if _ADDITION.search(between):
            return listed[:k]
        what = claims[listed[k][0]].what
        if what is not None and what != claims[total].what and _CLAUSE.search(between):
            return listed[:k]
    return listed


def _depths(text: str, positions: list[int]) -> list[int]:
    """How deep in brackets each of the (ascending) positions is, in one pass over the brackets of the text."""
    depths: list[int] = []
    depth, brackets = 0, _BRACKET.finditer(text)
    bracket = next(brackets, None)
    for position in positions:
        while bracket is not None and bracket.start() < position:
            if bracket.group(0) in "（(":
                depth += 1
            elif depth:
                depth -= 1
            bracket = next(brackets, None)
        depths.append(depth)
    return depths


_ENUM_MARKER = compiled(r"其中(?:包括|有)?|分别为|分别是|包括")

_WINDOW = 120  # characters of context on each side of a number


class _Candidates(NamedTuple):
    """What one pass over a report's prose finds, by sentence (index): where each sentence starts in the text the
    numbers were found in, its numbers with a unit, its topic words (position, topic); the sentences with a trigger."""

    offsets: list[int]
    numbers: dict[int, list[re.Match[str]]]
    topics: dict[int, list[tuple[int, str | None]]]
    triggers: set[int]


class Extractor:
    def __init__(self, pats: Patterns | None = None) -> None:
        self.p = pats or patterns()
        # the built-in patterns that pick the sentences to read cannot match a NUL: they may search the joined prose
        self._joinable = pats is None and not _EXTRA

    def extract(self, report: Report) -> Narrative:
        found = _split(report)
        out = Narrative(sentences=found.sentences)
        texts = [sentence.text for sentence in found.sentences]
        sections = [sentence.section for sentence in found.sentences]
        offsets, numbers, topics, triggers = self._candidates(texts)
        # every match of _YEAR_LED holds 19 or 20 (tests: patterns.required_words): a sentence without is not tried
        year_led = {
            index for index, text in enumerate(texts) if ("20" in text or "19" in text) and _YEAR_LED.match(text)
        }
        triggers |= year_led  # the sentences that may make a statement
        statements = self._statements_of(texts, sorted(triggers))
        # a sentence with neither a number nor a topic word has no claim and keeps the topic: only the others are read;
        # the topic is the last one named in the section (a run of sentences of one section) so far
        topic: str | None = None
        last = -1
        for n, index in enumerate(sorted(topics.keys() | numbers.keys())):
            if not n & 31:  # a check every 32 sentences read (each costs what a few regular expressions do)
                budget.check("narrative")
            section = sections[index]
            if last < 0 or sections[last : index + 1].count(section) != index + 1 - last:
                topic = None
            last = index
            if index not in numbers:  # no number to read: the topic its last topic word names
                topic = topics[index][-1][1]
                continue
            topic = self._claims(
                out,
                found.sentences[index],
                found.paragraphs[index],
                found.starts[index],
                topic,
                numbers[index],
                offsets[index],
                topics.get(index, []),
            )
        for n, index in enumerate(sorted(statements)):
            if not n & 31:
                budget.check("narrative")
            self._statements(
                out,
                found.sentences[index],
                found.paragraphs[index],
                found.starts[index],
                index in year_led,
                statements[index],
            )
        return out

    def _candidates(self, texts: list[str]) -> _Candidates:
        """The numbers with a unit of each sentence, its topic words (position, topic) and the sentences with a
        statement's trigger: one pass of each pattern over the whole prose joined by NULs instead of calls for every
        sentence (a sentence without any is read exactly as before: no claim, its topic unchanged, no statement)."""
        if not self._joinable:  # a plugin's patterns might match a NUL: each sentence on its own
            topics = {
                i: [(m.start(), self._topic_of(m.group(0))) for m in self.p.topic_any.finditer(text)]
                for i, text in enumerate(texts)
            }
            return _Candidates(
                [0] * len(texts),
                {i: list(self.p.number.finditer(text)) for i, text in enumerate(texts) if self.p.units.search(text)},
                {i: found for i, found in topics.items() if found},
                {i for i, text in enumerate(texts) if self.p.statement_trigger.search(text)},
            )
        joined = "\x00".join(texts)
        starts = list(itertools.accumulate((len(text) + 1 for text in texts[:-1]), initial=0))
        # the numbers themselves, not the sentences with `units` first: no number spans a NUL, and the pattern
        # matches in the joined prose exactly where it matches in each sentence (a NUL is neither digit nor unit)
        numbers: dict[int, list[re.Match[str]]] = {}
        for match in self.p.number.finditer(joined):
            numbers.setdefault(bisect.bisect_right(starts, match.start()) - 1, []).append(match)
        words: dict[int, list[tuple[int, str | None]]] = {}
        known = self.p.topic_words
        for at, word in literal_finditer(self.p.topic_any, joined):  # literal words: found by str.find
            index = bisect.bisect_right(starts, at) - 1
            words.setdefault(index, []).append(
                (at - starts[index], known[word] if word in known else self._topic_of(word))
            )
        # the sentences with a trigger: after one in a sentence, its rest is taken, not searched (a scan in C)
        triggers = {bisect.bisect_right(starts, m.start()) - 1 for m in self.p.trigger_to_end.finditer(joined)}
        return _Candidates(starts, numbers, words, triggers)

    def _statements_of(self, texts: list[str], indexes: list[int]) -> dict[int, list[_StatementPattern]]:
        """The statements each of these sentences may make, in order: those with one of their required words in it.
        A statement whose words none of these sentences holds (most of them) is ruled out by a few ``in`` tests of
        the sentences joined, not of each sentence."""
        plan: dict[int, list[_StatementPattern]] = {index: [] for index in indexes}
        joined = "\x00".join([texts[index] for index in indexes])
        for statement in self.p.statements:
            words = statement[3]
            if words is None:
                for here in plan.values():
                    here.append(statement)
                continue
            for word in words:
                if word in joined:
                    break
            else:
                continue  # in none of the sentences
            for index, here in plan.items():
                text = texts[index]
                for word in words:
                    if word in text:
                        here.append(statement)
                        break
        return {index: here for index, here in plan.items() if here}

    def _claims(
        self,
        out: Narrative,
        sentence: Sentence,
        paragraph: _Paragraph,
        start: int,
        topic: str | None,
        numbers: list[re.Match[str]],
        offset: int,
        topics: list[tuple[int, str | None]],
    ) -> str | None:
        """Read the numbers of a sentence with a number or a topic word (the numbers found where the sentence is
        at ``offset``); the topic at its end."""
        text = sentence.text
        last_topic = topics[-1][1] if topics else topic
        if not numbers:
            return last_topic
        # what every number needs from its sentence, found once: clause ends, years, scopes, topics
        delimiters = [m.start() for m in self.p.delimiters.finditer(text)]
        years = [(m.start(), int(m.group(1))) for m in _YEAR.finditer(text)] if "年" in text else []
        scopes = (
            sorted((m.start(), name, m.group(0)) for name, p in self.p.scopes for m in p.finditer(text))
            if self.p.scope_any.search(text)
            else []
        )
        comparison = self.p.comparison.search(text) is not None
        # where each topic word, scope and year is (ascending): the last one before a number is found by bisection
        topic_at = [pos for pos, _topic in topics]
        scope_at = [pos for pos, _name, _said in scopes]
        year_at = [pos for pos, _year in years]
        found: list[tuple[int, int]] = []  # (claim index, position in the sentence)
        for match in numbers:
            at, end = match.start() - offset, match.end() - offset
            value = _value(match["num"])
            if value is None or (at and text[at - 1] == "第"):
                continue
            # the words around a number within its clause, at most _WINDOW characters each way: a clause of prose is
            # shorter, and a long run of figures (a flattened table) must not make the search quadratic
            index = bisect.bisect_left(delimiters, at)
            before = text[max(delimiters[index - 1] + 1 if index else 0, at - _WINDOW) : at]
            index = bisect.bisect_left(delimiters, end)
            clause_end = delimiters[index] if index < len(delimiters) else len(text)
            after = text[end : min(clause_end, end + _WINDOW)]
            before_at = bisect.bisect_left(topic_at, at)  # the topic words before the number
            here_topic = topics[before_at - 1][1] if before_at else topic
            before_at = bisect.bisect_left(scope_at, at)
            scope = scopes[before_at - 1][1:] if before_at else ("unspecified", None)
            before_at = bisect.bisect_left(year_at, at)
            period = years[before_at - 1][1] if before_at else None
            unit = match["unit"]
            # positional, in the order of Claim's fields (what, value, unit, raw, scope, scope_text, period,
            # comparison, approximate, sentence, loc, section): keywords cost a dict a claim
            claim = Claim(
                self._what(before, after, here_topic, unit),
                value,
                unit,
                match.group(0).strip(),
                scope[0],
                scope[1],
                period,
                comparison,
                bool(match["approx"] or self.p.approximate_before.search(text, max(0, at - 4), at)),
                text,
                paragraph.loc(start + at),
                sentence.section,
            )
            found.append((len(out.claims), at))
            out.claims.append(claim)
        # every match of _ENUM_MARKER holds 其中, 分别 or 包括: a sentence without them lists nothing
        if found and ("其中" in text or "包括" in text or "分别" in text):
            self._enumeration(out, text, found)
        return last_topic

    def _topic_of(self, keyword: str) -> str | None:
        known = self.p.topic_words
        if keyword not in known:
            known[keyword] = next((name for name, pattern in self.p.topics if pattern.fullmatch(keyword)), None)
        return known[keyword]

    def _what(self, before: str, after: str, topic: str | None, unit: str) -> str | None:
        """The first claim pattern for this unit and topic whose patterns match the clause around the number. A
        clause without any of the words every match of a pattern holds is not searched with it: which candidates
        hold their words on both sides is found for all of them at once (a bit each), and only those are searched
        with the regex engine, in order (most candidates fail)."""
        plan = self.p.checks.get((unit, topic))
        if plan is None:
            found = self.p.candidates(unit, topic)
            plan = self.p.checks[unit, topic] = _Plan(
                tuple(pattern.what for pattern in found),
                tuple(pattern.before for pattern in found),
                tuple(pattern.after for pattern in found),
                _Side.of([pattern.before for pattern in found]),
                _Side.of([pattern.after for pattern in found]),
            )
        possible = plan.before_words.possible(before) & plan.after_words.possible(after)
        while possible:
            bit = possible & -possible  # the first candidate left
            possible ^= bit
            index = bit.bit_length() - 1
            pattern = plan.before[index]
            if pattern is not None and not pattern.search(before):
                continue
            pattern = plan.after[index]
            if pattern is not None and not pattern.search(after):
                continue
            return plan.whats[index]
        return None

    def _enumeration(self, out: Narrative, text: str, found: list[tuple[int, int]]) -> None:
        markers = list(_ENUM_MARKER.finditer(text))
        if not markers or not found:
            return
        depths = _depths(text, [m.start() for m in markers])
        if depths[0]:
            # 「政策图解4条(其中1条视频动画解读)、民意征集1条…」: a 其中 in brackets breaks down the item before the
            # brackets, within them; what follows the brackets is not its parts. A list outside brackets may follow.
            self._bracketed(out, text, found, markers[0])
            outside = [m for m, depth in zip(markers, depths, strict=True) if not depth]
            if not outside:
                return
            markers = outside
        marker = markers[0]
        preceding = [(index, pos) for index, pos in found if pos < marker.start()]
        # the total is a count outside brackets: 「共10条(其中转载1条),其中网站6条…」 lists the 10, not the 1
        before = [
            index
            for (index, _pos), depth in zip(preceding, _depths(text, [p for _i, p in preceding]), strict=True)
            if not depth
        ]
        if not before:
            return
        total = before[-1]
        unit = out.claims[total].unit
        after = [(index, pos) for index, pos in found if pos > marker.start() and out.claims[index].unit == unit]
        depths = _depths(text, [pos for _index, pos in after])
        listed = [(index, pos) for (index, pos), depth in zip(after, depths, strict=True) if depth == 0]
        # a further 其中/包括 after a part opens a sub-list of that part (「共114条，其中网站72条，其中包括A3条…」)
        nested = [m for m in markers[1:] if any(pos < m.start() for _index, pos in listed)]
        if nested:
            self._nested(out, text, listed, total, nested)
            return
        listed = _before_addition(out, text, total, listed)
        parts = [index for index, _pos in listed]
        if len(parts) >= 2:
            # a part counted in another unit (「…人事信息45条、征集调查16期、其他类信息1141条」) is in the list but not
            # in the sum: a sum below the total then says nothing
            span = (listed[0][1], listed[-1][1])
            mixed = bool(_OTHER_COUNT.search(text, *span)) or any(
                out.claims[index].unit != unit for index, pos in found if span[0] < pos < span[1]
            )
            out.enumerations.append(Enumeration(total, parts, mixed or self._open_ended(out, text, parts[-1])))

    def _bracketed(self, out: Narrative, text: str, found: list[tuple[int, int]], marker: re.Match[str]) -> None:
        """A list opened by 其中 inside brackets: its total is the count right before the brackets, its parts the
        counts in the same unit within them (「主动公开信息100条（其中网站60条、微信40条）」)."""
        opened = max(text.rfind("(", 0, marker.start()), text.rfind("（", 0, marker.start()))
        closes = [at for at in (text.find(")", marker.end()), text.find("）", marker.end())) if at >= 0]
        closed = min(closes) if closes else len(text)
        before = [index for index, pos in found if pos < opened]
        if opened < 0 or not before:
            return
        total = before[-1]
        unit = out.claims[total].unit
        parts = [index for index, pos in found if marker.end() <= pos < closed and out.claims[index].unit == unit]
        if len(parts) >= 2:
            out.enumerations.append(Enumeration(total, parts, self._open_ended(out, text, parts[-1])))

    def _nested(
        self, out: Narrative, text: str, listed: list[tuple[int, int]], total: int, nested: list[re.Match[str]]
    ) -> None:
        """A list with a sub-list: its own parts are those before the sub-list (the list may go on after it, so a
        sum below the total says nothing); the sub-list breaks down the part before it. Where the sub-list ends is
        not written: its parts are checked only when no reading (the list resuming after some of them) fits, and a
        list with more than one sub-list is not checked at all."""
        start = nested[0].start()
        top = [index for index, pos in listed if pos < start]
        sub = [index for index, pos in listed if pos > nested[0].end()]
        value = out.claims
        if len(top) >= 2:
            out.enumerations.append(Enumeration(total, top, True))
        if len(nested) > 1 or len(sub) < 2:
            return
        head, grand = sum(value[i].value for i in top), value[total].value
        subtotal = value[top[-1]].value
        parts = [value[i].value for i in sub]
        if sum(parts) > subtotal and any(
            sum(parts[:k]) <= subtotal and head + sum(parts[k:]) <= grand for k in range(1, len(parts))
        ):
            return  # read as a sub-list followed by more parts of the list, it adds up: uncertain
        out.enumerations.append(Enumeration(top[-1], sub, self._open_ended(out, text, sub[-1])))

    @staticmethod
    def _open_ended(out: Narrative, text: str, last_part: int) -> bool:
        last = out.claims[last_part]
        tail = text[text.find(last.raw) + len(last.raw) :] if last.raw in text else ""
        return "等" in tail[:8] or bool(re.search(r"等[^，。；]{0,6}$", text[: text.find(last.raw)]))

    def _statements(
        self,
        out: Narrative,
        sentence: Sentence,
        paragraph: _Paragraph,
        start: int,
        year_led: bool,
        statements: list[_StatementPattern],
    ) -> None:
        """The statements of a year-led sentence or one with a statement's trigger (of those it has the words of)."""
        text = sentence.text
        for kind, pattern, unless, _requires in statements:
            if kind == "current_year":
                if year_led:
                    self._current_year(out, sentence, paragraph, start, pattern)
                continue
            match = pattern.search(text)
            if match is None:
                continue
            if unless is not None:  # searched in the clause of the match
                clause_start = max((m.end() for m in self.p.delimiters.finditer(text[: match.start()])), default=0)
                clause_end = next(
                    (m.start() for m in self.p.delimiters.finditer(text, match.end())),
                    len(text),
                )
                if unless.search(text[clause_start:clause_end]):
                    continue
            value: Any = None
            if kind in ("all_closed", "all_upheld", "no_adverse_result"):
                value = sorted({t for t, p in self.p.topics if t != "applications" and p.search(text)})
            out.statements.append(
                Statement(kind, match.group(0), text, paragraph.loc(start + match.start()), sentence.section, value)
            )

    def _current_year(
        self, out: Narrative, sentence: Sentence, paragraph: _Paragraph, start: int, pattern: re.Pattern[str]
    ) -> None:
        lead = _LEAD.match(sentence.text)
        offset = lead.end() if lead else 0
        match = pattern.match(sentence.text[offset:])
        if match is None:
            return
        text = sentence.text
        value = {
            "year": int(match["year"]),
            "past": self.p.past.search(text) is not None,
            "future": self.p.future.search(text) is not None,
        }
        out.statements.append(
            Statement("current_year", match.group(0), text, paragraph.loc(start + offset), sentence.section, value)
        )


def extract(report: Report) -> Narrative:
    """The narrative facts of a parsed report."""
    return Extractor().extract(report)
