"""Copy-paste (雷同) across a batch: NAR014 finds a copied-and-edited report, once, with where the shared passage is;
the seeds alone, common stock wording and unrelated reports give nothing."""

from __future__ import annotations

import hashlib
import json
import pickle
import random
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from auditor import synth
from auditor.cli import main
from auditor.parse import parse_file
from tests.conftest import FIXTURES
from tests.rules.helpers import clean_spec

SEEDS = FIXTURES / "seeds"


def _copies(document: dict) -> list[dict]:
    return [f for f in document["summary"]["cross_file"]["findings"] if f["code"] == "NAR014"]


def _run(folder: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> dict:
    main(["check", str(folder), "--format", "json", "--select", "NAR014", *extra])
    return json.loads(capsys.readouterr().out)


def _seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    shutil.copytree(SEEDS, folder, ignore=shutil.ignore_patterns("*.md"))
    return folder


def test_the_seeds_alone_share_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _copies(_run(_seeds(tmp_path), capsys)) == []


def test_a_copied_and_edited_report_is_found_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _seeds(tmp_path)
    text = (SEEDS / "001_ab25516cfdb0ffab.txt").read_text(encoding="utf-8")
    edited = text.replace("店下镇", "洲上乡").replace("212条", "230条").replace("乡镇动态40条", "乡镇动态52条")
    (folder / "zz_zhoushang-2023.txt").write_text(edited, encoding="utf-8")
    (finding,) = _copies(_run(folder, capsys))
    assert finding["path"].endswith("zz_zhoushang-2023.txt")
    assert finding["values"]["other_file"].endswith("001_ab25516cfdb0ffab.txt")
    assert finding["values"]["relation"] == "same-year" and finding["values"]["similarity"] >= 0.6
    assert finding["severity"] == "warning"
    start, end = finding["values"]["passage"]["lines"]
    assert start <= end and finding["line"] == start
    assert "%" in finding["message"]["zh"] and "lines" in finding["message"]["en"]


def test_last_years_report_with_the_years_moved_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "years"
    folder.mkdir()
    text = (SEEDS / "003_f36b546d9ff9c8b9.txt").read_text(encoding="utf-8")
    (folder / "chengguan-2023.txt").write_text(text, encoding="utf-8")
    moved = text.replace("2024年", "2025年").replace("2023", "2024")
    (folder / "chengguan-2024.txt").write_text(moved, encoding="utf-8")
    (finding,) = _copies(_run(folder, capsys))
    assert finding["path"].endswith("chengguan-2024.txt") and finding["values"]["relation"] == "same-body"
    assert finding["values"]["other_year"] == 2023


def test_unrelated_reports_and_stock_wording(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 25 reports of different bodies that share only the generator's stock sentences: common wording, no copy.
    folder = tmp_path / "many"
    folder.mkdir()
    for seed in range(25):
        spec = synth.random_spec(random.Random(seed), "2021")
        spec.body = spec.body_in_title = f"测试县第{seed}镇人民政府"
        spec.year = 2023
        (folder / f"r{seed:02}.txt").write_text(synth.render(spec, "cell-per-line", synth.Noise()), encoding="utf-8")
    document = _run(folder, capsys)
    assert _copies(document) == []
    assert any(note.get("common_sentences") for note in document["summary"]["cross_file"]["notes"])


def test_facts_travel_to_workers(tmp_path: Path) -> None:
    # the Dask executor pickles each file's facts back to the client
    from auditor.rules import copypaste

    report = parse_file(SEEDS / "001_ab25516cfdb0ffab.txt")
    facts = copypaste.facts(report)
    assert facts is not None and pickle.loads(pickle.dumps(facts)) == facts
    assert len(facts["h"]) // 8 == len(facts["l"]) // 4 > 5


def test_a_report_without_a_body_is_left_out() -> None:
    from auditor.rules import copypaste

    spec = clean_spec()
    report = parse_file_from_text(synth.render(spec, "cell-per-line", synth.Noise()))
    report.metadata.issuing_body = None
    assert copypaste.facts(report) is None


def parse_file_from_text(text: str):
    from auditor.parse import parse_document
    from auditor.readers.text import document_from_text

    return parse_document(document_from_text(text, "r.txt", "text"))


def test_nothing_to_compare_needs_no_minhash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # the seeds share no sentence: the check ends before datasketch (and scipy with it) would be imported
    import sys

    monkeypatch.setitem(sys.modules, "datasketch", None)  # importing it now raises ImportError
    assert _run(_seeds(tmp_path), capsys)["summary"]["cross_file"]["findings"] == []  # nor a crashed check


def test_one_file_gathers_no_fingerprints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # a one-file check has nothing to compare its prose with: the batch checks' facts are not made for it
    from auditor.rules import copypaste

    from auditor.rule import BatchCheck

    made: list[str] = []

    def facts(report):  # type: ignore[no-untyped-def]
        made.append(report.source.path)
        return copypaste.facts(report)

    check = copypaste.COPY_CHECK
    monkeypatch.setattr(copypaste, "COPY_CHECK", BatchCheck(check.name, check.rules, facts, check.check))
    folder = _seeds(tmp_path)
    _run(folder / "001_ab25516cfdb0ffab.txt", capsys)
    assert made == []
    _run(folder, capsys)
    assert len(made) == len(list(folder.glob("*.txt")))


def test_the_copy_is_found_on_the_dask_executor(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed: pip install '.[dask]'")
    folder = _seeds(tmp_path)
    text = (SEEDS / "001_ab25516cfdb0ffab.txt").read_text(encoding="utf-8")
    (folder / "zz_zhoushang-2023.txt").write_text(text.replace("店下镇", "洲上乡"), encoding="utf-8")
    local = _copies(_run(folder, capsys))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        remote = _copies(_run(folder, capsys, "--executor", "dask", "--scheduler", cluster.scheduler_address))
    assert len(remote) == 1 and remote == local  # the workers' facts come back; the pair is judged once, here
    assert remote[0]["path"].endswith("zz_zhoushang-2023.txt")


def test_a_nul_in_the_prose_takes_the_sentence_by_sentence_path_with_the_same_fingerprints() -> None:
    """The one-pass search over the joined prose and the sentence-by-sentence fallback (a NUL read from the file,
    which would fall between two joined sentences) find the same boilerplate and give the same fingerprints."""
    from array import array
    from dataclasses import replace

    from auditor.rules import copypaste

    _copy, boilerplate = copypaste._settings()
    report = parse_file(SEEDS / "000_58b0067790987b2b.txt")
    texts = [s.text for s in report.narrative.sentences]
    assert copypaste._matched(boilerplate, texts) == [boilerplate.search(t) is not None for t in texts]
    with_nul = [*texts[:-1], texts[-1] + "\x00"]
    assert copypaste._matched(boilerplate, with_nul) == [boilerplate.search(t) is not None for t in with_nul]

    def unpacked(facts: dict | None) -> tuple[list[int], list[int]]:
        assert facts is not None
        hashes, lines = array("Q"), array("I")
        hashes.frombytes(facts["h"])
        lines.frombytes(facts["l"])
        return list(hashes), list(lines)

    hashes, lines = unpacked(copypaste.facts(report))
    sentences = report.narrative.sentences
    alone = next(n for n, line in enumerate(lines) if lines.count(line) == 1)  # the one sentence on its line
    marked = next(i for i, s in enumerate(sentences) if s.loc.line == lines[alone] and s.section in copypaste._PROSE)
    sentences[marked] = replace(sentences[marked], text=sentences[marked].text + "\x00")
    nul_hashes, nul_lines = unpacked(copypaste.facts(report))
    assert nul_lines == lines
    assert [h for n, h in enumerate(nul_hashes) if n != alone] == [h for n, h in enumerate(hashes) if n != alone]
    assert nul_hashes[alone] != hashes[alone]  # the sentence with the NUL was fingerprinted NUL and all


# The normalisation and the fingerprint as they were first written (one regex with the \s and \d categories; one
# hash and int per sentence): the faster ones must give the same text and the same numbers.
_OLD_NOISE = re.compile(
    r"[\s\d０-９〇零一二三四五六七八九十百千万两.,，。、；;：:！!？?（）()《》〈〉“”\"'‘’【】\[\]—\-…·%％]+"
)


def _old_fingerprint(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


def test_the_noise_is_the_same_set_of_characters_on_every_code_point() -> None:
    from auditor.rules import copypaste

    every = "".join(map(chr, range(0x110000)))
    assert copypaste._NOISE.pattern == _OLD_NOISE.pattern
    bmp = every[:0x10000]
    assert "".join(copypaste._KEPT_BMP.findall(bmp)) == _OLD_NOISE.sub("", bmp)  # \s and \d spelt out, exactly
    assert copypaste._denoise(bmp) == _OLD_NOISE.sub("", bmp)
    assert copypaste._denoise(every) == _OLD_NOISE.sub("", every)  # beyond U+FFFF: the categories themselves
    assert copypaste._denoise(every[0xF000:0x10000] + "\U000104a0") == _OLD_NOISE.sub("", every[0xF000:0x10000])


_ALPHABET = st.sampled_from(
    [
        *"政务公开信息店下镇人民政府",
        *"０１9〇零两.,，。、；：！？（）《》“”\"'【】[]—-…·%％",
        *" \t\n\u3000\xa0\u2028",
        "\x00",
        "\u0661",
        "\U000104a1",
        "\U0001d7ce",
        "\U0001f600",
        "\U00011f50",
    ]
)


@given(st.lists(st.text(_ALPHABET, max_size=40), max_size=8))
def test_the_normalisation_and_fingerprints_are_the_former_ones(texts: list[str]) -> None:
    from auditor.rules import copypaste

    joined = "\x00".join(texts)
    assert copypaste._denoise(joined) == _OLD_NOISE.sub("", joined)
    assert [copypaste._denoise(t) for t in texts] == [_OLD_NOISE.sub("", t) for t in texts]
    assert list(copypaste._fingerprints(texts)) == [_old_fingerprint(t) for t in texts]


def _reference_facts(report, names: list[str]) -> tuple[list[int], list[int], list[int]] | None:  # type: ignore[no-untyped-def]
    """A report's fingerprints, lines and lengths made plainly, sentence by sentence: the boilerplate searched in
    each, the names removed, the noise removed by the first regex, each fingerprinted on its own."""
    from auditor.rules import copypaste

    copy, boilerplate = copypaste._settings()
    found = []
    for sentence in report.narrative.sentences:
        if sentence.section not in copypaste._PROSE or boilerplate.search(sentence.text):
            continue
        text = sentence.text
        for name in names:
            text = text.replace(name, "")
        text = _OLD_NOISE.sub("", text)
        if len(text) >= int(copy.get("min_chars", 12)):
            found.append((_old_fingerprint(text), sentence.loc.line, len(text)))
    if not found:
        return None
    return [h for h, _line, _n in found], [line for _h, line, _n in found], [n for _h, _line, n in found]


_PROSE_PIECES = st.sampled_from(
    [
        "本镇深入推进政务公开工作",
        "店下镇人民政府",
        "店下",
        "全年共收到申请12件",
        "本报告中所列数据的统计期限自2023年1月1日起",
        "未收取任何信息处理费",
        "联系电话：0795-1234567",
        "。",
        "，",
        "\x00",
        "𠀀",
        "二〇二三年",
        " ",
    ]
)


@given(st.lists(st.tuples(st.sampled_from(["一", "五", "六", "二", None]), st.lists(_PROSE_PIECES, max_size=6))))
def test_the_facts_are_those_made_sentence_by_sentence(sentences: list[tuple[str | None, list[str]]]) -> None:
    """One pass over the joined prose (boilerplate, names, noise) gives each sentence what it gives on its own,
    with a NUL or a character beyond U+FFFF read from the file too."""
    from array import array

    from auditor.rules import copypaste

    from auditor.model import Location, Sentence

    report = parse_file(SEEDS / "001_ab25516cfdb0ffab.txt")
    report.narrative.sentences = [
        Sentence("".join(pieces), Location(line), section) for line, (section, pieces) in enumerate(sentences, 1)
    ]
    body = report.metadata.issuing_body
    assert body is not None
    key = copypaste.regions.body_key(body.text)
    names = sorted((n for n in copypaste._names(body.text, key) if len(n) >= 2), key=len, reverse=True)
    made = copypaste.facts(report)
    expected = _reference_facts(report, names)
    if expected is None:
        assert made is None
        return
    assert made is not None
    hashes, lines, sizes = array("Q"), array("I"), array("I")
    hashes.frombytes(made["h"])
    lines.frombytes(made["l"])
    sizes.frombytes(made["n"])
    assert (list(hashes), list(lines), list(sizes)) == expected


def _reference_common_and_candidates(sets: list[list[int]], limit: int, minimum: int) -> tuple[set[int], list[int]]:
    """The batch's common wording and the candidate reports, counted plainly: report by report, sentence by
    sentence."""
    holders: dict[int, int] = {}
    for fingerprints in sets:
        for h in set(fingerprints):
            holders[h] = holders.get(h, 0) + 1
    common = {h for h, count in holders.items() if count > limit}
    shared = [sum(1 for h in set(fingerprints) if 2 <= holders[h] <= limit) for fingerprints in sets]
    return common, [index for index, count in enumerate(shared) if count >= minimum]


@given(
    st.lists(st.lists(st.integers(0, 12), max_size=8), min_size=1, max_size=6),
    st.lists(st.integers(0, 5), min_size=1, max_size=30),
    st.integers(1, 6),
    st.integers(1, 4),
    st.booleans(),
)
@example([[]], [0, 0], 1, 1, True)  # no report holds a fingerprint (numpy's reduceat has no run to add up)
def test_the_common_wording_and_the_candidates_are_counted_as_report_by_report(
    stock: list[list[int]], picks: list[int], limit: int, minimum: int, in_arrays: bool
) -> None:
    """Reports drawn from a few fingerprint sets (copies of one report among them, counted once as a set held by
    several reports), in Python and in numpy's arrays alike: the same common wording, the same candidates."""
    from array import array

    from auditor.rules import copypaste

    sets = [[1_000_003 * h + 2**63 for h in stock[pick % len(stock)]] for pick in picks]
    items = [(f"r{n}.txt", {"h": array("Q", fingerprints).tobytes()}) for n, fingerprints in enumerate(sets)]
    packed = list(dict.fromkeys(fact["h"] for _path, fact in items))
    members = [[n for n, (_path, fact) in enumerate(items) if fact["h"] == one] for one in packed]
    count = copypaste._counted_in_arrays if in_arrays else copypaste._counted_in_python
    common, chosen = count(packed, members, limit, minimum)
    expected_common, expected_candidates = _reference_common_and_candidates(sets, limit, minimum)
    assert common == expected_common
    assert sorted(n for one in chosen for n in members[one]) == expected_candidates
    assert copypaste._common_and_candidates(items, limit, minimum) == (expected_common, expected_candidates)


def test_a_batch_of_copies_is_checked_without_numpy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # 21 copies of a seed: its sentences are in more reports than the limit (20), the batch's common wording; a
    # batch this small is counted without numpy (≈0.3 s to import)
    import sys

    folder = tmp_path / "copies"
    folder.mkdir()
    text = (SEEDS / "001_ab25516cfdb0ffab.txt").read_bytes()
    for n in range(21):
        (folder / f"{n:02}.txt").write_bytes(text)
    monkeypatch.setitem(sys.modules, "numpy", None)  # importing it now raises ImportError
    document = _run(folder, capsys)
    assert document["summary"]["cross_file"]["findings"] == []  # nor a crashed check (SYS001)
    notes = [note for note in document["summary"]["cross_file"]["notes"] if note["check"] == "copy-paste"]
    assert notes and notes[0]["common_sentences"] > 5 and notes[0]["reports"] == 21
