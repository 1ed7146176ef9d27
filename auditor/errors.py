"""Domain exceptions. Raised inside the pipeline; turned into one clear line (or a fatal finding) at the boundary."""

from __future__ import annotations


class AuditorError(Exception):
    """An error a user can act on, with a Chinese and an English message, the file and (where known) the line."""

    def __init__(self, zh: str, en: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en
        self.path = path
        self.line = line

    def message(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en

    def one_line(self, lang: str = "zh") -> str:
        where = self.path or "-"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message(lang)}"


class ReadError(AuditorError):
    """The file cannot be read as a document (binary junk, unknown encoding, unsupported or hostile format)."""


class NeedsOCR(ReadError):
    """The file is a scan: a PDF (or an image) without a text layer; it must go through OCR first."""


class LimitExceeded(ReadError):
    """Reading the file would exceed a limit (bytes, decompressed size, pages, time): hostile or far too large."""


class NotAReport(AuditorError):
    """The file reads, but is not a government information-disclosure annual report."""


class ConfigError(AuditorError):
    """The configuration (pyproject.toml, auditor.toml or the command line) is invalid."""
