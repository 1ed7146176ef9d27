"""Copy-paste across the reports of a batch (雷同, SPEC §4.3 X-4, §6 D5): near-duplicate prose between one body's
consecutive years, and between different bodies of the same year.

Each report contributes the fingerprints of its prose sentences (numbers, years and its own name set aside, so that a
copy whose figures were edited still matches). At the end of the run, sentences that a large share of the batch
uses are common wording and set aside too, as are the template's and the law's own sentences (``[copy]`` in
narrative.toml); candidate pairs come from MinHash/LSH over the remaining sentence sets (datasketch's), so the work
grows with the number of reports, not with its square; each candidate is then measured exactly. A pair is reported
once, on the later (or, in one year, the second) file, with the share of shared prose and where the longest shared
passage is in both files.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import sys
from array import array
from functools import lru_cache
from itertools import accumulate
from typing import Any

from auditor.hookspecs import (
    INFO,
    WARNING,
    BatchCheck,
    BatchOutcome,
    Finding,
    Location,
    Place,
    Report,
    Rule,
    RuleContext,
    Text,
    hookimpl,
    legal,
    narrative,
    no_findings,
    regions,
    rule,
)
from auditor.patterns import compiled

_PROSE = frozenset(("一", "五", "六"))
_NOISE_MARKS = r"０-９〇零一二三四五六七八九十百千万两.,，。、；;：:！!？?（）()《》〈〉“”\"'‘’【】\[\]—\-…·%％"
_NOISE = compiled(r"[\s\d" + _NOISE_MARKS + "]+")
# Every character below U+10000 that Python's re reads as \s or \d (str.isspace() or str.isdecimal(); Unicode
# 14-15.1 add digits beyond U+FFFF only): for text without such characters, the same set as _NOISE spelt out, which
# the regex engine tests with one bitmap look-up a character instead of two Unicode database look-ups.
_BMP_SPACE_DIGIT = (
    r"\x09-\x0d\x1c-\x20\x30-\x39\x85\xa0\u0660-\u0669\u06f0-\u06f9\u07c0-\u07c9\u0966-\u096f\u09e6-\u09ef"
    r"\u0a66-\u0a6f\u0ae6-\u0aef\u0b66-\u0b6f\u0be6-\u0bef\u0c66-\u0c6f\u0ce6-\u0cef\u0d66-\u0d6f\u0de6-\u0def"
    r"\u0e50-\u0e59\u0ed0-\u0ed9\u0f20-\u0f29\u1040-\u1049\u1090-\u1099\u1680\u17e0-\u17e9\u1810-\u1819"
    r"\u1946-\u194f\u19d0-\u19d9\u1a80-\u1a89\u1a90-\u1a99\u1b50-\u1b59\u1bb0-\u1bb9\u1c40-\u1c49\u1c50-\u1c59"
    r"\u2000-\u200a\u2028-\u2029\u202f\u205f\u3000\ua620-\ua629\ua8d0-\ua8d9\ua900-\ua909\ua9d0-\ua9d9"
    r"\ua9f0-\ua9f9\uaa50-\uaa59\uabf0-\uabf9\uff10-\uff19"
)
_KEPT_BMP = compiled("[^" + _BMP_SPACE_DIGIT + _NOISE_MARKS + "]+")  # the runs that _NOISE.sub leaves
_SEPARATOR = "\x00"
_JOINER = "。" + _SEPARATOR  # joins a report's sentences: no name contains it, and _denoise keeps only its NUL
_NUM_PERM = 64
_GAP = 3  # lines between two sentences of one passage (a blank line or a wrapped one), not a table


COPY_PASTE: Rule = rule(
    code="NAR014",
    name="copied-report-text",
    severity=WARNING,
    summary=Text("报告正文与同批另一份报告大段雷同", "Much of the report's prose repeats another report of the batch"),
    explanation=Text(
        "同一机关相邻两年的报告，或同一年度不同机关的报告，正文（总体情况、问题及改进、其他事项）大段相同，多为照搬上年"
        "或他人报告（雷同、敷衍，见各地编制通知；条例第四十七条）。数字、年份和机关名称不计，模板和法规原文以及本批次"
        "大量报告共有的套话也不计。给出相同部分所占比例和最长相同段落在两份文件中的位置。相邻年份的相似度低于较高阈值"
        "时仅作提示。",
        "Long stretches of the same prose (overview, problems, other matters) in one body's reports of consecutive "
        "years, or in different bodies' reports of one year, usually mean a copied report (雷同, which the notices "
        "on compiling reports forbid; Article 47). Numbers, years and the body's name are set aside, as are the "
        "template's and the law's own wording and phrases a large share of the batch uses. The finding gives the "
        "share of shared prose and where the longest shared passage is in both files; between one body's "
        "consecutive years it is info below a higher threshold.",
    ),
    basis=(legal.ARTICLE_47, legal.ARTICLE_50),
)(no_findings)


@lru_cache(maxsize=1)
def _settings() -> tuple[dict[str, Any], re.Pattern[str]]:
    copy = narrative.patterns().raw.get("copy", {})
    return copy, compiled(copy.get("boilerplate", "(?!)"))


_PLACE = compiled(r"^.*[省市县区州盟旗]")
_LEVEL = compiled(r"(镇|乡|街道|办事处|管委会)$")


def _names(body: str, key: str) -> set[str]:
    """The ways a report names its own body: 樟树市店下镇人民政府, 樟树市店下镇, 店下镇, 店下."""
    local = _PLACE.sub("", key)
    return {body, key, local, _LEVEL.sub("", local)}


_COMMON_NOISE = "，、。"  # the commonest noise in prose: each run they end would be one more string for findall


def _denoise(text: str) -> str:
    """``_NOISE.sub("", text)``: the text without numbers, punctuation and spaces. Below U+10000 (two UTF-16 bytes a
    character), the kept runs joined: a third fewer instructions than the substitution, and no category look-ups;
    the commonest marks are removed first by ``str.replace`` (a fast scan each), which leaves far fewer runs."""
    if len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text):
        return _NOISE.sub("", text)
    for mark in _COMMON_NOISE:
        text = text.replace(mark, "")
    return "".join(_KEPT_BMP.findall(text))


_BLAKE2B_8 = hashlib.blake2b(digest_size=8)  # copied for each text: cheaper than a new object from its arguments


def _fingerprints(texts: list[str]) -> array[int]:
    """Each text's fingerprint: the first 8 bytes of its BLAKE2b digest, read as a little-endian number."""
    digests = []
    for text in texts:
        state = _BLAKE2B_8.copy()
        state.update(text.encode("utf-8"))
        digests.append(state.digest())
    hashes = array("Q")
    hashes.frombytes(b"".join(digests))
    if sys.byteorder == "big":
        hashes.byteswap()
    return hashes


def facts(report: Report) -> dict[str, Any] | None:
    """The fingerprints of the report's prose sentences, with their lines and lengths (packed: a national batch)."""
    body, year = report.metadata.issuing_body, report.year
    if body is None or year is None:
        return None
    copy, boilerplate = _settings()
    minimum = int(copy.get("min_chars", 12))
    key = regions.body_key(body.text)
    names = sorted((n for n in _names(body.text, key) if len(n) >= 2), key=len, reverse=True)
    prose = [s for s in report.narrative.sentences if s.section in _PROSE]
    texts = [s.text for s in prose]
    joined = _JOINER.join(texts)
    # one pass over the joined prose, unless a NUL was read from the file or a name would reach into the joiner
    if joined.count(_SEPARATOR) == len(texts) - 1 and not any(_JOINER[0] in name for name in names):
        common = _matched_in(boilerplate, texts, joined)
        for name in names:
            joined = joined.replace(name, "")
        texts = _denoise(joined).split(_SEPARATOR)  # (the 。 of the joiner is noise: each sentence's own text)
    else:
        common = [boilerplate.search(text) is not None for text in texts]
        for name in names:
            texts = [text.replace(name, "") for text in texts]
        texts = [_denoise(text) for text in texts]
    long = [index for index, text in enumerate(texts) if len(text) >= minimum and not common[index]]
    if not long:
        return None
    hashes = _fingerprints([texts[index] for index in long])
    lines = array("I", [prose[index].loc.line for index in long])
    sizes = array("I", [len(texts[index]) for index in long])
    return {
        "body": body.text,
        "key": key,
        "year": year,
        "h": hashes.tobytes(),
        "l": lines.tobytes(),
        "n": sizes.tobytes(),
    }


def _matched(pattern: re.Pattern[str], texts: list[str]) -> list[bool]:
    """Which texts ``pattern`` finds something in (see :func:`_matched_in`)."""
    joined = _JOINER.join(texts)
    if joined.count(_SEPARATOR) != len(texts) - 1:  # a NUL read from the file: one search per text
        return [pattern.search(text) is not None for text in texts]
    return _matched_in(pattern, texts, joined)


def _matched_in(pattern: re.Pattern[str], texts: list[str], joined: str) -> list[bool]:
    """Which texts ``pattern`` finds something in, by one search over them all, ``joined`` by 。 and a NUL (none
    read from the file), which the boilerplate's patterns cannot match across: no literal of theirs holds either,
    and their gaps are [^。]."""
    found = [False] * len(texts)
    starts: list[int] = []
    for match in pattern.finditer(joined):  # one scan (no search first: most reports have some boilerplate)
        if not starts:
            starts = list(accumulate((len(text) + len(_JOINER) for text in texts[:-1]), initial=0))
        found[bisect.bisect_right(starts, match.start()) - 1] = True
    return found


def _unpack_hashes(packed: bytes) -> array[int]:
    hashes = array("Q")
    hashes.frombytes(packed)
    return hashes


def _unpack(fact: dict[str, Any]) -> tuple[array[int], array[int], array[int]]:
    hashes, lines, sizes = _unpack_hashes(fact["h"]), array("I"), array("I")
    lines.frombytes(fact["l"])
    sizes.frombytes(fact["n"])
    return hashes, lines, sizes


def _own(fact: dict[str, Any], common: set[int]) -> frozenset[int]:
    """The report's sentence fingerprints without the batch's common wording."""
    return frozenset(h for h in _unpack(fact)[0] if h not in common)


def _related(a: dict[str, Any], b: dict[str, Any]) -> str | None:
    if a["key"] == b["key"]:
        return "same-body" if abs(a["year"] - b["year"]) == 1 else None
    return "same-year" if a["year"] == b["year"] else None


def check(items: list[tuple[str, dict[str, Any]]], options: dict[str, Any]) -> BatchOutcome:
    outcome = BatchOutcome()
    if len(items) < 2:
        return outcome
    copy, _boilerplate = _settings()
    minimum = int(copy.get("min_shared", 3))
    limit = max(int(copy.get("common_min_reports", 20)), int(float(copy.get("common_share", 0.01)) * len(items)))
    common, candidates = _common_and_candidates(items, limit, minimum)
    if common:
        outcome.notes.append({"common_sentences": len(common), "reports": len(items), "limit": limit})
    if len(candidates) < 2:  # no two reports share enough sentences: nothing to compare, no MinHash to compute
        return outcome
    for first, second in _lsh_pairs(items, candidates, common, copy):
        finding = _pair(items, first, second, common, copy)
        if finding is not None:
            outcome.findings.append(finding)
    return outcome


def _common_and_candidates(
    items: list[tuple[str, dict[str, Any]]], limit: int, minimum: int
) -> tuple[set[int], list[int]]:
    """The batch's common wording (sentences in more than ``limit`` reports) and the reports that share at least
    ``minimum`` other sentences with some other report — the only ones that can be half of a pair.

    Reports with the very same fingerprints (one file submitted twice, a batch of copies) are counted as one set
    held by as many reports: their numbers are the same, found once. A small batch is counted in Python; a large one
    in one array of every set's distinct fingerprints (8 bytes a sentence, with a 4-byte set number), sorted once: a
    few bytes a sentence, not a Python object per sentence, and numpy (≈0.3 s to import) only where that pays."""
    holders: dict[bytes, list[int]] = {}  # the packed fingerprints, and the reports that have exactly those
    for index, (_path, fact) in enumerate(items):
        holders.setdefault(fact["h"], []).append(index)
    packed, members = list(holders), list(holders.values())
    if sum(len(h) for h in packed) // 8 <= _SMALL_BATCH:
        common, chosen = _counted_in_python(packed, members, limit, minimum)
    else:
        common, chosen = _counted_in_arrays(packed, members, limit, minimum)
    return common, sorted(index for one in chosen for index in members[one])


_SMALL_BATCH = 200_000  # fingerprints (with repeats) up to which a dictionary of them is small (≈20 MB at most)


def _counted_in_python(
    packed: list[bytes], members: list[list[int]], limit: int, minimum: int
) -> tuple[set[int], list[int]]:
    """:func:`_common_and_candidates` for ``packed`` fingerprint sets, each held by ``members``: the common
    fingerprints, and which sets share at least ``minimum`` others with some other report."""
    sets = [frozenset(_unpack_hashes(one)) for one in packed]
    holding: dict[int, int] = {}  # fingerprint: the number of reports that have it
    get = holding.get
    for distinct, reports in zip(sets, members, strict=True):
        weight = len(reports)
        for h in distinct:
            holding[h] = get(h, 0) + weight
    common = {h for h, reports in holding.items() if reports > limit}
    chosen = [
        one for one, distinct in enumerate(sets) if sum(1 for h in distinct if 2 <= holding[h] <= limit) >= minimum
    ]
    return common, chosen


def _counted_in_arrays(
    packed: list[bytes], members: list[list[int]], limit: int, minimum: int
) -> tuple[set[int], list[int]]:
    """:func:`_counted_in_python` with numpy arrays (a large batch)."""
    import numpy as np

    distinct = [np.unique(np.frombuffer(one, dtype=np.uint64)) for one in packed]
    owners = np.repeat(np.arange(len(packed), dtype=np.uint32), [len(d) for d in distinct])
    hashes = np.concatenate(distinct)
    del distinct
    if not len(hashes):
        return set(), []  # no set holds a fingerprint: nothing is common, nothing shared
    order = np.argsort(hashes, kind="stable")
    hashes, owners = hashes[order], owners[order]
    del order
    starts = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]])
    runs = np.diff(np.r_[starts, len(hashes)])  # the sets that hold each fingerprint
    weights = np.array([len(reports) for reports in members], dtype=np.int64)
    holding = np.add.reduceat(weights[owners], starts)  # the reports that hold each fingerprint
    common = {int(h) for h in hashes[starts[holding > limit]]}
    shared = np.repeat((holding >= 2) & (holding <= limit), runs)  # a sentence another report has too, not common
    per_set = np.bincount(owners[shared], minlength=len(packed))
    return common, [int(i) for i in np.flatnonzero(per_set >= minimum)]


def _lsh_pairs(
    items: list[tuple[str, dict[str, Any]]],
    candidates: list[int],
    common: set[int],
    copy: dict[str, Any],
) -> list[tuple[int, int]]:
    """Pairs of reports whose MinHash signatures agree on a whole band (LSH), each pair once, in batch order.

    The signatures are datasketch's MinHash over each report's own sentences, and the bands and rows those its
    MinHashLSH chooses for the threshold (:func:`_bands_and_rows`), made here (see ``_PERMUTATIONS``). A few
    candidates are hashed in Python; more in numpy's arrays (≈0.3 G instructions to import), where each band's
    buckets are found by sorting its rows of one compact array (4 bytes per permutation and report) instead of an
    index of Python objects."""
    bands, rows = _bands_and_rows(float(copy.get("lsh_threshold", 0.3)))
    packed = [items[index][1]["h"] for index in candidates]
    few = sum(len(one) for one in packed) // 8 <= _FEW_FINGERPRINTS
    buckets = (_buckets_in_python if few else _buckets_in_arrays)(packed, common, bands, rows)
    pairs: set[tuple[int, int]] = set()
    for rows_alike in buckets:
        members = [candidates[row] for row in rows_alike]  # in batch order
        pairs.update((a, b) for n, a in enumerate(members) for b in members[n + 1 :])
    return sorted(pairs, key=lambda pair: (pair[1], pair[0]))


_FEW_FINGERPRINTS = 20_000  # up to this many (≈10 K instructions each in Python), numpy (≈0.3 G) is not imported


# The (bands, rows) that datasketch's MinHashLSH(threshold, num_perm=_NUM_PERM) chooses, for the thresholds that
# narrative.toml ships (tests/rules/test_copypaste_lsh.py asks datasketch again). MinHashLSH finds them by numerical
# integration, and datasketch cannot be imported without scipy (its package imports its LSH module, which imports
# scipy.integrate): ≈1.5 G instructions, half a second, in every batch where two reports may be copies.
_BANDS_AND_ROWS = {0.3: (21, 3)}


def _bands_and_rows(threshold: float) -> tuple[int, int]:
    """How MinHashLSH splits the signatures into bands for ``threshold``: from the table, else from datasketch."""
    known = _BANDS_AND_ROWS.get(threshold)
    if known is not None:
        return known
    from datasketch import MinHashLSH  # a threshold of the user's: scipy's import is paid once

    index = MinHashLSH(threshold=threshold, num_perm=_NUM_PERM)
    return index.b, index.r


# The permutations (a, b) of datasketch's ``MinHash(num_perm=64, scheme="affine32")`` (its default since 2.0, seed
# 1): a fingerprint's low 32 bits h, pre-mixed (_fmix32), become a·h + b modulo 2³² (a odd: a bijection). The
# signatures are made here rather than by datasketch, which tests/rules/test_copypaste_lsh.py takes as the reference:
# importing any part of datasketch imports scipy (see _BANDS_AND_ROWS), and a scheme fixed here keeps the candidate
# pairs the same whichever datasketch is installed (1.x signs with another scheme).
_PERMUTATIONS = (
    (0xd583e84b, 0xf5383f95), (0xfe8f01d7, 0x696aee31), (0x70ce5f19, 0x887d8539), (0xdd782891, 0x3292b203),
    (0x000efdff, 0xb11edbc4), (0x41998713, 0x4a252b18), (0x9acb5597, 0x50c5a1f1), (0xff823d0b, 0x2461fc2b),
    (0x4b23969f, 0xafbe864c), (0x78e0a781, 0xc8874c1a), (0x2f470121, 0xd5aa0734), (0xcb0ca103, 0x699c2550),
    (0x5f5d7f99, 0x04ae8a6d), (0xc69c3c8f, 0x08bf7373), (0xb0ed55db, 0xc0097529), (0x56e8f3f9, 0x9fc06dd2),
    (0xcb251b0d, 0xfd26000f), (0xdefefa33, 0xa91f6c40), (0x13dfc965, 0xbf87c8c4), (0xb14faa29, 0x4c6a3019),
    (0xd6a0a9fd, 0x47cb2d6f), (0xa06562cb, 0x7235dee2), (0x5ed51725, 0xca0e35d7), (0x0c9193a9, 0x38dd2787),
    (0x68adf717, 0x1a6d051a), (0xe30c41f9, 0x12c7fe99), (0xc1989bd5, 0x72a92668), (0x758b2539, 0x78200416),
    (0x0e05bf3b, 0xe899b709), (0x119eb31d, 0x189ebec3), (0x57478465, 0x4b2a4be7), (0xd3f2d489, 0xe743447e),
    (0xd5a8f9af, 0x49aba517), (0xea16bfaf, 0x1e96ed7d), (0x1e0c97d3, 0x21498d64), (0xdc8485e3, 0x8659409b),
    (0x47e0cbef, 0x04f53ba5), (0xe0d55bbd, 0x15685139), (0x656d8ec1, 0xadc82a53), (0x8e8908ad, 0xeab76ca6),
    (0x99fb311b, 0x362d4288), (0x6e93afd3, 0xe9132520), (0xefbffb13, 0x43fadda2), (0x9b03080f, 0x4c86af0a),
    (0xa079227f, 0x7dd7bd17), (0x2f83967b, 0x959a868f), (0x62781c2d, 0x0da92aef), (0x094b4a73, 0x90df9c57),
    (0xc0b61403, 0x92f95f19), (0xbae3ef01, 0x9d2b0fc7), (0xca09e279, 0x259000f3), (0xa885f1a3, 0xf4df855c),
    (0x2b8aea11, 0x96dcba4a), (0xa8c1c5b1, 0x42cf84be), (0x13fefd1b, 0xb3235d2e), (0x8bcd34e7, 0x3b23d3a0),
    (0x56f4035f, 0x1a3296d8), (0x1e551fd5, 0x88901497), (0xc19be4f3, 0x69ff92b7), (0x574f7391, 0xf32f2541),
    (0x325a843d, 0xb1c43571), (0x2fa6488f, 0x7e39274d), (0xd79b6b07, 0x6a07a703), (0x57e30b8d, 0x8a64cb80),
)  # fmt: skip
_LOW32 = 0xFFFFFFFF  # also an empty set's signature value (datasketch's maximum)


def _fmix32(values: Any) -> Any:
    """MurmurHash3's 32-bit finalizer: datasketch's pre-mix of each hash value (an int, or numpy's uint32 values)."""
    values = values ^ (values >> 16)
    values = (values * 0x85EBCA6B) & _LOW32
    values = values ^ (values >> 13)
    values = (values * 0xC2B2AE35) & _LOW32
    return values ^ (values >> 16)


def _signature(fingerprints: frozenset[int]) -> tuple[int, ...]:
    """The MinHash signature of a set of fingerprints, in Python (see ``_PERMUTATIONS``)."""
    mixed = [_fmix32(h & _LOW32) for h in fingerprints]
    return tuple(min([(a * h + b) & _LOW32 for h in mixed], default=_LOW32) for a, b in _PERMUTATIONS)


def _buckets_in_python(packed: list[bytes], common: set[int], bands: int, rows: int) -> list[list[int]]:
    """The candidates (by their row in ``packed``) whose signatures agree on a band: each band's groups of two or
    more, in order. Sets with the very same fingerprints (copies of one report) are hashed once."""
    signed = {one: _signature(frozenset(_unpack_hashes(one)) - common) for one in dict.fromkeys(packed)}
    signatures = [signed[one] for one in packed]
    buckets = []
    for band in range(bands):
        alike: dict[tuple[int, ...], list[int]] = {}
        for row, signature in enumerate(signatures):
            alike.setdefault(signature[band * rows : (band + 1) * rows], []).append(row)
        buckets += [group for group in alike.values() if len(group) > 1]
    return buckets


_SIGNATURE_ROWS = 1 << 16  # sentences hashed at a time in numpy (16 MB of permuted values): memory stays flat


def _buckets_in_arrays(
    packed: list[bytes], common: set[int], bands: int, rows: int, chunk: int = _SIGNATURE_ROWS
) -> list[list[int]]:
    """:func:`_buckets_in_python` with numpy's arrays (many candidates)."""
    import numpy as np

    signatures = _signatures(packed, common, chunk)
    buckets = []
    for band in range(bands):
        block = np.ascontiguousarray(signatures[:, band * rows : (band + 1) * rows])
        _keys, bucket = np.unique(block, axis=0, return_inverse=True)
        bucket = bucket.reshape(-1)
        order = np.argsort(bucket, kind="stable")
        grouped = bucket[order]
        starts = np.flatnonzero(np.r_[True, grouped[1:] != grouped[:-1]])
        sizes = np.diff(np.r_[starts, len(grouped)])
        for start, size in zip(starts[sizes > 1].tolist(), sizes[sizes > 1].tolist(), strict=True):
            buckets.append(order[start : start + size].tolist())
    return buckets


def _signatures(packed: list[bytes], common: set[int], chunk: int = _SIGNATURE_ROWS) -> Any:
    """The MinHash signature of each packed fingerprint set without ``common`` (see ``_PERMUTATIONS``): an array of
    one row of ``_NUM_PERM`` uint32 values per set. Sets with the very same fingerprints are hashed once."""
    import numpy as np

    uint32 = np.uint32
    multiplier = np.array([a for a, _b in _PERMUTATIONS], dtype=uint32)
    increment = np.array([b for _a, b in _PERMUTATIONS], dtype=uint32)
    distinct = list(dict.fromkeys(packed))
    signatures = np.full((len(distinct), _NUM_PERM), _LOW32, dtype=uint32)  # an empty set's
    excluded = np.array(sorted(common), dtype=np.uint64)
    pending: list[tuple[int, Any]] = []  # (set, its own fingerprints' low 32 bits) hashed together
    size = 0
    for number, one in enumerate(distinct):
        fingerprints = np.frombuffer(one, dtype=np.uint64)
        if len(excluded):
            fingerprints = fingerprints[~np.isin(fingerprints, excluded)]
        if len(fingerprints):
            pending.append((number, (fingerprints & np.uint64(_LOW32)).astype(uint32)))
            size += len(fingerprints)
        if pending and (size >= chunk or number == len(distinct) - 1):
            values = _fmix32(np.concatenate([hashes for _number, hashes in pending]))
            permuted = values[:, None] * multiplier + increment  # wraps around at 2³² in uint32
            starts = np.cumsum([0] + [len(hashes) for _number, hashes in pending[:-1]])
            signatures[[number for number, _hashes in pending]] = np.minimum.reduceat(permuted, starts, axis=0)
            pending, size = [], 0
    row = {one: number for number, one in enumerate(distinct)}
    return signatures[[row[one] for one in packed]]


def _pair(
    items: list[tuple[str, dict[str, Any]]],
    first: int,
    second: int,
    common: set[int],
    copy: dict[str, Any],
) -> Finding | None:
    (path_a, a), (path_b, b) = items[first], items[second]
    how = _related(a, b)
    if how is None:
        return None
    shared = _own(a, common) & _own(b, common)  # recomputed from the packed facts: nothing more is kept per report
    if len(shared) < int(copy.get("min_shared", 3)):
        return None
    ha, la, na = _unpack(a)
    hb, lb, nb = _unpack(b)
    size_a = sum(n for h, n in zip(ha, na, strict=True) if h not in common)
    size_b = sum(n for h, n in zip(hb, nb, strict=True) if h not in common)
    shared_a = sum(n for h, n in zip(ha, na, strict=True) if h in shared)
    ratio = shared_a / max(1, min(size_a, size_b))
    if ratio < float(copy.get("report_share", 0.5)):
        return None
    if (a["year"], path_a) > (b["year"], path_b):  # the finding goes on the later (or second) file
        (path_a, a, ha, la), (path_b, b, hb, lb) = (path_b, b, hb, lb), (path_a, a, ha, la)
    start, end = _longest_run(hb, lb, shared)
    where_b = (lb[start], lb[end])
    first_line = {h: line for h, line in zip(ha, la, strict=True)}
    lines_a = sorted(first_line[h] for h in hb[start : end + 1] if h in first_line)
    where_a = (lines_a[0], lines_a[-1]) if lines_a else (0, 0)
    warn = float(copy.get("warn_same_body" if how == "same-body" else "warn_other_body", 0.6))
    percent = round(ratio * 100)
    if how == "same-body":
        zh_what, en_what = f"与本机关 {a['year']} 年度报告", f"the body's {a['year']} report"
    else:
        zh_what, en_what = f"与同年度“{a['body']}”的报告", f"the {a['year']} report of {a['body']}"
    return RuleContext(COPY_PASTE, path_b).finding(
        Text(
            f"正文约 {percent}% {zh_what}（{path_a}）相同；最长的相同段落在本文件第 {where_b[0]}–{where_b[1]} 行、"
            f"对方第 {where_a[0]}–{where_a[1]} 行。",
            f"about {percent}% of the prose is the same as in {en_what} ({path_a}); the longest shared passage is at "
            f"lines {where_b[0]}–{where_b[1]} here and {where_a[0]}–{where_a[1]} there.",
        ),
        loc=Location(where_b[0]),
        place=Place(section="一"),
        values={
            "similarity": round(ratio, 3),
            "shared_sentences": len(shared),
            "relation": how,
            "other_file": path_a,
            "other_body": a["body"],
            "other_year": a["year"],
            "passage": {"lines": list(where_b), "other_lines": list(where_a)},
        },
        key=f"{path_a}",
        severity=WARNING if ratio >= warn else INFO,
    )


def _longest_run(hashes: array[int], lines: array[int], shared: frozenset[int]) -> tuple[int, int]:
    """The first and last index of the longest run of shared sentences that follow each other in the text."""
    best: tuple[int, int] | None = None
    start: int | None = None
    for index, h in enumerate(hashes):
        if h not in shared:
            start = None
            continue
        if start is None or lines[index] - lines[index - 1] > _GAP:
            start = index
        if best is None or index - start > best[1] - best[0]:
            best = (start, index)
    return best or (0, 0)


COPY_CHECK = BatchCheck("copy-paste", (COPY_PASTE,), facts, check)


@hookimpl
def auditor_rules() -> list[Rule]:
    return [COPY_PASTE]


@hookimpl
def auditor_batch_checks() -> list[BatchCheck]:
    return [COPY_CHECK]
