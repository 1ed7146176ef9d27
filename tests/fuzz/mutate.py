"""Hostile and damaged inputs for fuzzing the whole pipeline, in the four formats the auditor reads.

Every generator takes a ``random.Random`` and returns ``(name, bytes)``: the name carries the extension and says
what was done, so that a crash can be reproduced and reported. The same generators drive the hypothesis tests
(``tests/fuzz/test_fuzz.py``, a few hundred examples in CI) and the long runs of ``benchmarks/fuzz.py``.

Starting points are real reports — the seeds and their DOCX/HTML/PDF versions in ``tests/fixtures`` and reports
made by :mod:`auditor.synth` — so that mutations reach deep into parsing and the rules, not only the readers.
"""

from __future__ import annotations

import io
import random
import re
import time
import traceback
import zipfile
from collections.abc import Callable
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

from auditor import synth
from tests.readers.hostile import docx

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_NUMBER = re.compile(r"\d+")
_CN_DIGITS = "〇一二三四五六七八九"


# ── starting points ─────────────────────────────────────────────────────────────────────────────────────
@cache
def seed_texts() -> tuple[str, ...]:
    return tuple(path.read_text(encoding="utf-8") for path in sorted((FIXTURES / "seeds").glob("*.txt")))


@cache
def seed_files(suffix: str) -> tuple[bytes, ...]:
    return tuple(path.read_bytes() for path in sorted((FIXTURES / "formats").glob(f"*{suffix}")))


def base_text(rng: random.Random) -> str:
    """A real or generated report as text."""
    if rng.random() < 0.5:
        return rng.choice(seed_texts())
    return synth.generate(rng)[2]


# ── text mutations ──────────────────────────────────────────────────────────────────────────────────────
def _lines(text: str) -> list[str]:
    return text.split("\n")


def truncate(rng: random.Random, text: str) -> str:
    return text[: rng.randrange(len(text) + 1)]


def delete_span(rng: random.Random, text: str) -> str:
    start = rng.randrange(len(text) + 1)
    return text[:start] + text[start + rng.randrange(1, 2000) :]


def shuffle_lines(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    start = rng.randrange(len(lines))
    chunk = lines[start : start + rng.randrange(2, 60)]
    rng.shuffle(chunk)
    return "\n".join(lines[:start] + chunk + lines[start + len(chunk) :])


def duplicate_section(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    start = rng.randrange(len(lines))
    chunk = lines[start : start + rng.randrange(5, 200)]
    at = rng.randrange(len(lines) + 1)
    return "\n".join(lines[:at] + chunk * rng.randint(1, 3) + lines[at:])


def many_tables(rng: random.Random, text: str) -> str:
    """The statistics tables repeated: up to some thousands of table rows."""
    lines = _lines(text)
    start = next((i for i, line in enumerate(lines) if "三、" in line and "申请" in line), len(lines) // 2)
    chunk = lines[start : start + 120]
    return "\n".join(lines[:start] + chunk * rng.randint(2, 40) + lines[start:])


def _replace_numbers(rng: random.Random, text: str, make: Callable[[str], str], share: float) -> str:
    return _NUMBER.sub(lambda m: make(m.group(0)) if rng.random() < share else m.group(0), text)


def huge_numbers(rng: random.Random, text: str) -> str:
    digits = rng.choice((16, 40, 400, 4301, 5000))
    return _replace_numbers(rng, text, lambda _n: "9" * digits, 0.02)


def negative_numbers(rng: random.Random, text: str) -> str:
    return _replace_numbers(rng, text, lambda n: "-" + n, 0.1)


def fullwidth_numbers(rng: random.Random, text: str) -> str:
    return _replace_numbers(rng, text, lambda n: n.translate(str.maketrans("0123456789", "０１２３４５６７８９")), 0.5)


def chinese_numbers(rng: random.Random, text: str) -> str:
    return _replace_numbers(rng, text, lambda n: "".join(_CN_DIGITS[int(d)] for d in n), 0.3)


def odd_digits(rng: random.Random, text: str) -> str:
    """Digits that are digits to ``str.isdigit`` but not to ``int``, and other look-alikes."""
    marks = ("²", "³", "¹", "①", "⑩", "٣", "𝟠", "Ⅻ", ".", "..", ",")
    return _replace_numbers(rng, text, lambda n: n + rng.choice(marks), 0.05)


def run_together(rng: random.Random, text: str) -> str:
    """Web text that lost its table's cell boundaries: the cells of rows joined without separators."""
    lines = _lines(text)
    out = []
    for line in lines:
        if "\t" in line and rng.random() < 0.7:
            parts = line.split("\t")
            out.append(parts[0] + " " + "".join(parts[1:]))
        else:
            out.append(line)
    joined = "\n".join(out)
    if rng.random() < 0.2:  # a run of thousands of digits
        joined = joined.replace("\n", "\n" + "1" * rng.choice((60, 1001, 2001, 4001)) + "\n", 1)
    return joined


def bad_dates(rng: random.Random, text: str) -> str:
    day = rng.choice(("2月31日", "2月30日", "13月1日", "0月0日", "12月32日", "2月29日", "99月99日"))
    text = re.sub(r"\d{1,2}月\d{1,2}日", lambda m: day if rng.random() < 0.5 else m.group(0), text)
    return f"统计{rng.randint(1900, 2100)}年1月1日至{day}\n" + text if rng.random() < 0.3 else text


def control_characters(rng: random.Random, text: str) -> str:
    chars = ("\x00", "\x1b[31m", "\x1b]0;title\x07", "\x07", "\ufffe", "\uffff", "\u202e", "\x85", "\x0c", "\ufeff")
    out = list(text)
    for _ in range(rng.randint(1, 40)):
        out.insert(rng.randrange(len(out) + 1), rng.choice(chars))
    return "".join(out)


def long_line(rng: random.Random, text: str) -> str:
    size = rng.choice((3_000, 30_000, 99_000, 150_000))
    line = (text.replace("\n", " ") * (size // max(1, len(text)) + 1))[:size]
    return line if rng.random() < 0.5 else text + "\n" + line


def tiny_lines(rng: random.Random, text: str) -> str:
    return "\n".join(rng.choice(("0", "1", "一、", "|", "\t0")) for _ in range(rng.choice((100, 5_000, 60_000))))


TEXT_MUTATIONS: tuple[Callable[[random.Random, str], str], ...] = (
    truncate,
    delete_span,
    shuffle_lines,
    duplicate_section,
    many_tables,
    huge_numbers,
    negative_numbers,
    fullwidth_numbers,
    chinese_numbers,
    odd_digits,
    run_together,
    bad_dates,
    control_characters,
    long_line,
    tiny_lines,
)
_RARE = {long_line, tiny_lines, many_tables}  # slow to audit by design: used less often


def mutate_text(rng: random.Random, text: str) -> tuple[str, list[str]]:
    done = []
    for _ in range(rng.randint(1, 3)):
        mutation = rng.choice(TEXT_MUTATIONS)
        if mutation in _RARE and rng.random() < 0.8:
            mutation = rng.choice([m for m in TEXT_MUTATIONS if m not in _RARE])
        text = mutation(rng, text) or " "
        done.append(mutation.__name__)
    return text, done


# ── byte mutations ──────────────────────────────────────────────────────────────────────────────────────
def flip_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def cut_bytes(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def delete_bytes(rng: random.Random, data: bytes) -> bytes:
    start = rng.randrange(len(data) + 1)
    return data[:start] + data[start + rng.randrange(1, 500) :]


def encode_text(rng: random.Random, text: str) -> tuple[bytes, str]:
    """Text in one of the encodings real reports come in, or a mixture, a stray BOM, a lone surrogate."""
    how = rng.choice(("utf-8", "utf-8-sig", "gb18030", "utf-16", "mixed", "surrogate", "bom-inside"))
    if how == "mixed":
        half = len(text) // 2
        return text[:half].encode("utf-8") + text[half:].encode("gb18030", "replace"), how
    if how == "surrogate":
        at = rng.randrange(len(text) + 1)
        return text[:at].encode() + b"\xed\xa0\x80" + text[at:].encode(), how  # U+D800 written as UTF-8
    if how == "bom-inside":
        at = rng.randrange(len(text) + 1)
        return text[:at].encode() + "\ufeff".encode() + text[at:].encode(), how
    return text.encode(how, "replace"), how


BYTE_MUTATIONS: tuple[Callable[[random.Random, bytes], bytes], ...] = (flip_bytes, cut_bytes, delete_bytes)


# ── the four formats ────────────────────────────────────────────────────────────────────────────────────
def text_input(rng: random.Random) -> tuple[str, bytes]:
    text, done = mutate_text(rng, base_text(rng))
    data, encoding = encode_text(rng, text)
    if rng.random() < 0.2:
        mutation = rng.choice(BYTE_MUTATIONS)
        data = mutation(rng, data)
        done.append(mutation.__name__)
    suffix = rng.choice((".txt", ".txt", ".md"))
    return f"text-{encoding}-{'-'.join(done)}{suffix}", data


def docx_from_text(text: str, rng: random.Random) -> bytes:
    """A Word document: tab-separated lines as table rows, the others as paragraphs."""
    parts = []
    rows: list[str] = []

    def table() -> None:
        if rows:
            parts.append("<w:tbl>" + "".join(rows) + "</w:tbl>")
            rows.clear()

    for line in text.split("\n"):
        safe = escape(_xml_text(line))
        if "\t" in line:
            cells = "".join(
                f"<w:tc><w:p><w:r><w:t>{escape(_xml_text(c))}</w:t></w:r></w:p></w:tc>" for c in line.split("\t")
            )
            rows.append(f"<w:tr>{cells}</w:tr>")
        else:
            table()
            parts.append(f'<w:p><w:r><w:t xml:space="preserve">{safe}</w:t></w:r></w:p>')
    table()
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body>{"".join(parts)}</w:body></w:document>'
    return docx(xml.encode())


def _xml_text(text: str) -> str:
    return re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]", "", text)


def corrupt_member(rng: random.Random, data: bytes) -> bytes:
    """Damage the deflate stream of one member (the central directory stays valid): zlib errors, CRC errors."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return flip_bytes(rng, data)
    info = rng.choice(archive.infolist())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if info.compress_size:
            out[start + rng.randrange(info.compress_size)] = rng.randrange(256)
    return bytes(out)


def docx_input(rng: random.Random) -> tuple[str, bytes]:
    how = rng.random()
    if how < 0.4 and seed_files(".docx"):
        data, done = rng.choice(seed_files(".docx")), ["fixture"]
    else:
        text, done = mutate_text(rng, base_text(rng))
        data = docx_from_text(text, rng)
    mutation = rng.choice((corrupt_member, *BYTE_MUTATIONS, None, None, None))
    if mutation is not None:
        data = mutation(rng, data)
        done.append(mutation.__name__)
    return f"docx-{'-'.join(done)}.docx", data


def html_from_text(text: str, rng: random.Random) -> bytes:
    body = []
    rows: list[str] = []
    for line in text.split("\n"):
        if "\t" in line:
            rows.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in line.split("\t")) + "</tr>")
            continue
        if rows:
            body.append("<table>" + "".join(rows) + "</table>")
            rows = []
        body.append(f"<p>{escape(line)}</p>")
    if rows:
        body.append("<table>" + "".join(rows) + "</table>")
    content = "".join(body)
    if rng.random() < 0.1:  # nesting thousands deep
        depth = rng.choice((300, 3_000, 20_000))
        content = "<div>" * depth + content + "</div>" * depth
    charset = rng.choice(("utf-8", "gb2312", "gbk", "big5", "x-unknown", "utf-16"))
    page = (
        f'<html><head><meta charset="{charset}"><title>报告</title></head>'
        f'<body><div id="zoom">{content}</div></body></html>'
    )
    return page.encode("utf-8" if charset in ("x-unknown", "utf-16", "big5") else "gb18030", "replace")


def html_input(rng: random.Random) -> tuple[str, bytes]:
    if rng.random() < 0.3 and seed_files(".html"):
        data, done = rng.choice(seed_files(".html")), ["fixture"]
    else:
        text, done = mutate_text(rng, base_text(rng))
        data = html_from_text(text, rng)
    if rng.random() < 0.3:
        mutation = rng.choice(BYTE_MUTATIONS)
        data = mutation(rng, data)
        done.append(mutation.__name__)
    return f"html-{'-'.join(done)}.html", data


def pdf_input(rng: random.Random) -> tuple[str, bytes]:
    data = rng.choice(seed_files(".pdf"))
    mutation = rng.choice(BYTE_MUTATIONS)
    return f"pdf-{mutation.__name__}.pdf", mutation(rng, data)


FORMATS: dict[str, Callable[[random.Random], tuple[str, bytes]]] = {
    "text": text_input,
    "docx": docx_input,
    "html": html_input,
    "pdf": pdf_input,
}
_WEIGHTS = {"text": 5, "docx": 2, "html": 2, "pdf": 1}


def any_input(rng: random.Random) -> tuple[str, bytes]:
    """One hostile input in any of the formats (text most often: it is the cheapest and reaches every rule)."""
    kind = rng.choices(list(_WEIGHTS), weights=list(_WEIGHTS.values()))[0]
    return FORMATS[kind](rng)


# ── running one input ───────────────────────────────────────────────────────────────────────────────────
class Outcome:
    """What auditing one input gave: a crash (SYS003 or an exception), a file past its budget, or neither."""

    def __init__(self, name: str, seconds: float, crash: str | None, timed_out: bool, over_budget: bool) -> None:
        self.name = name
        self.seconds = seconds
        self.crash = crash  # the SYS003 message or the exception, None if the run was clean
        self.timed_out = timed_out  # the budget stopped it (one SYS006 finding): bounded, but a slow input
        self.over_budget = over_budget  # it ran past the budget: the budget was not enforced


def audit(engine: Any, path: Path, name: str, data: bytes, slack: float = 1.0) -> Outcome:
    """Write ``data`` to ``path`` and audit it with ``engine`` (its limits hold the per-file budget)."""
    path.write_bytes(data)
    start = time.perf_counter()
    crash = None
    timed_out = False
    try:
        result = engine.check_file(str(path))
        internal = [f for f in result.findings if f.code == "SYS003"]
        if internal:
            crash = internal[0].message.en
        timed_out = any(f.code == "SYS006" and "--timeout" in f.message.en for f in result.findings)
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt):
            raise
        crash = "".join(traceback.format_exception(exc))
    seconds = time.perf_counter() - start
    return Outcome(name, seconds, crash, timed_out, seconds > engine.limits.max_seconds + slack)
