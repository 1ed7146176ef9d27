"""Copy-paste (NAR014) candidates: the MinHash signatures and LSH bands are datasketch's, made without importing it
(its package imports scipy); datasketch is the reference here."""

from __future__ import annotations

import json
import shutil
import sys
import tomllib
from array import array
from pathlib import Path

import pytest
from auditor.rules import copypaste
from hypothesis import example, given
from hypothesis import strategies as st

from auditor.cli import main
from tests.conftest import FIXTURES

SEEDS = FIXTURES / "seeds"
NARRATIVE_TOML = Path(copypaste.__file__).with_name("narrative.toml")


def _datasketch_signature(fingerprints: frozenset[int]) -> list[int]:
    from datasketch import MinHash

    try:
        signature = MinHash(num_perm=copypaste._NUM_PERM, hashfunc=lambda h: h & 0xFFFFFFFF, scheme="affine32")
    except TypeError:  # datasketch 1.x: no permutation schemes, no reference
        pytest.skip("datasketch < 2.0 has no affine32 scheme")
    signature.update_batch(list(fingerprints))
    return [int(value) for value in signature.hashvalues]


_FINGERPRINTS = st.integers(0, 2**64 - 1)


@given(
    st.lists(st.lists(st.one_of(st.integers(0, 20), _FINGERPRINTS), max_size=12), min_size=1, max_size=6),
    st.lists(st.integers(0, 5), min_size=1, max_size=10),
    st.sets(st.integers(0, 20), max_size=4),
    st.integers(1, 40),
    st.sampled_from([(21, 3), (8, 8), (64, 1)]),
)
@example([[1, 2, 3]], [0, 0], {1, 2, 3}, 1, (21, 3))  # every fingerprint common: an empty set's signature
def test_the_signatures_are_datasketchs_in_python_and_in_arrays(
    stock: list[list[int]], picks: list[int], common: set[int], chunk: int, bands_and_rows: tuple[int, int]
) -> None:
    """Sets (copies among them, some wholly common; numpy's hashed in chunks of any size): datasketch's MinHash
    values both ways, and so the same LSH buckets."""
    packed = [array("Q", stock[pick % len(stock)]).tobytes() for pick in picks]
    signatures = copypaste._signatures(packed, common, chunk)
    for one, row in zip(packed, signatures.tolist(), strict=True):
        own = frozenset(array("Q", one)) - common
        assert row == list(copypaste._signature(own)) == _datasketch_signature(own)
    in_python = copypaste._buckets_in_python(packed, common, *bands_and_rows)
    assert sorted(in_python) == sorted(copypaste._buckets_in_arrays(packed, common, *bands_and_rows, chunk))


def test_the_permutations_are_datasketchs() -> None:
    from datasketch import MinHash

    try:
        reference = MinHash(num_perm=copypaste._NUM_PERM, scheme="affine32")
    except TypeError:
        pytest.skip("datasketch < 2.0 has no affine32 scheme")
    multipliers, increments = reference.permutations.tolist()
    assert list(copypaste._PERMUTATIONS) == list(zip(multipliers, increments, strict=True))


def test_the_bands_and_rows_are_datasketchs() -> None:
    from datasketch import MinHashLSH

    shipped = float(tomllib.loads(NARRATIVE_TOML.read_text(encoding="utf-8"))["copy"]["lsh_threshold"])
    assert shipped in copypaste._BANDS_AND_ROWS  # the threshold narrative.toml ships needs no scipy
    for threshold, (bands, rows) in copypaste._BANDS_AND_ROWS.items():
        index = MinHashLSH(threshold=threshold, num_perm=copypaste._NUM_PERM)
        assert (bands, rows) == (index.b, index.r)
    other = MinHashLSH(threshold=0.55, num_perm=copypaste._NUM_PERM)  # any other threshold: datasketch chooses
    assert copypaste._bands_and_rows(0.55) == (other.b, other.r)


@pytest.mark.parametrize("with_numpy", [False, True])
def test_a_copy_is_found_without_importing_datasketch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, with_numpy: bool
) -> None:
    # datasketch's package imports scipy.integrate (~0.5 s): the shipped threshold's bands are known, the
    # signatures made with numpy
    folder = tmp_path / "batch"
    shutil.copytree(SEEDS, folder, ignore=shutil.ignore_patterns("*.md"))
    text = (SEEDS / "001_ab25516cfdb0ffab.txt").read_text(encoding="utf-8")
    edited = text.replace("店下镇", "洲上乡").replace("212条", "230条")
    (folder / "zz_zhoushang-2023.txt").write_text(edited, encoding="utf-8")
    monkeypatch.setitem(sys.modules, "datasketch", None)  # importing it now raises ImportError
    if not with_numpy:  # a few candidates are hashed in Python: numpy is not imported either
        monkeypatch.setitem(sys.modules, "numpy", None)
    else:
        monkeypatch.setattr(copypaste, "_FEW_FINGERPRINTS", 0)
    main(["check", str(folder), "--format", "json", "--select", "NAR014"])
    cross = json.loads(capsys.readouterr().out)["summary"]["cross_file"]
    (finding,) = cross["findings"]  # the copy, and no internal error of the check
    assert finding["code"] == "NAR014" and finding["path"].endswith("zz_zhoushang-2023.txt")
