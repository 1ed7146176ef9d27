"""A folder of seed reports audited into a review store, and a corrected version of one of them."""

from __future__ import annotations

import shutil
from pathlib import Path

from auditor.cli import main
from tests.conftest import SEEDS

SIGNED_EARLY = "002"  # 咸祥镇 2022, signed 2022年11月30日: DAT006 signed-before-year-end
EARLY_DATE, CORRECTED_DATE = "2022年11月30日", "2023年1月20日"


def seed_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    return folder


def seed_in(folder: Path, number: str) -> Path:
    return next(folder.glob(f"{number}_*.txt"))


def corrected_version(original: Path, target: Path) -> Path:
    """The same body's report for the same year, signed after the year's end (its DAT006 fixed), under another name."""
    text = original.read_text(encoding="utf-8")
    assert EARLY_DATE in text
    target.write_text(text.replace(EARLY_DATE, CORRECTED_DATE), encoding="utf-8")
    return target


def check(*args: str) -> int:
    return main(["check", *args, "--no-progress"])
