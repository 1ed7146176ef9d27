"""Rules and findings: what a rule declares, what it yields.

A rule is a function over the canonical report that yields findings, with its metadata beside it::

    @rule(code="CIT001", name="outdated-format-notice", severity=ERROR, variants=ALL_VARIANTS,
          summary=Text("…", "…"), explanation=Text("…", "…"), basis=(FORMAT_2021_BASIS,))
    def outdated_format_notice(report, ctx):
        yield ctx.finding(Text("…", "…"), loc=..., place=Place(section="一"), values={...})
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import IntEnum
from typing import Any

from auditor.document import Location
from auditor.legal import LegalBasis
from auditor.model import Report
from auditor.patterns import compiled
from auditor.pickling import by_constructor
from auditor.regime import PRE2019

# The variants a rule applies to by default: reports under the 2019 条例, whatever their tables. A report of the 2008
# regime (``pre2019``, auditor.regime) is checked only by the rules that declare that variant too (EVERY_VARIANT).
ALL_VARIANTS = ("2019", "2021", "mixed", "unknown")
EVERY_VARIANT = (*ALL_VARIANTS, PRE2019)
_CODE = compiled(r"^[A-Z]{2,5}\d{3}$")
_NAME = compiled(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class Severity(IntEnum):
    """Ordered: fatal > error > warning > info."""

    INFO = 1
    WARNING = 2
    ERROR = 3
    FATAL = 4

    @property
    def label(self) -> str:
        return self.name.lower()

    def text(self, lang: str) -> str:
        return _SEVERITY_ZH[self] if lang == "zh" else self.label

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        if isinstance(value, Severity):
            return value
        try:
            return cls[value.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r}: use fatal, error, warning or info") from None


_LABELS = {severity: severity.label for severity in Severity}
_SEVERITY_ZH = {Severity.INFO: "提示", Severity.WARNING: "警告", Severity.ERROR: "错误", Severity.FATAL: "致命"}
INFO, WARNING, ERROR, FATAL = Severity.INFO, Severity.WARNING, Severity.ERROR, Severity.FATAL


@by_constructor
@dataclass(frozen=True, slots=True)
class Text:
    """User-facing text in Chinese and English."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def to_json(self) -> dict[str, str]:
        return {"zh": self.zh, "en": self.en}


@by_constructor
@dataclass(frozen=True, slots=True)
class Place:
    """Where a finding is in the report's logical structure (independent of line numbers)."""

    section: str | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None

    def key(self) -> str:
        return f"{self.section or ''}.{self.table or ''}.{self.row or ''}.{self.column or ''}"

    def to_json(self) -> dict[str, str]:
        return {
            k: v
            for k, v in (("section", self.section), ("table", self.table), ("row", self.row), ("column", self.column))
            if v is not None
        }


@by_constructor
@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text ``old`` that starts at ``loc`` (its line and column in the report's text) by ``new``.

    Applied only where ``old`` is found at that place (for DOCX: in the paragraph or table cell ``loc.ref`` names),
    so a fix never lands on text that changed since the audit.
    """

    loc: Location
    old: str
    new: str

    def to_json(self) -> dict[str, Any]:
        return {**self.loc.to_json(), "old": self.old, "new": self.new}


SAFE = "safe"
UNSAFE = "unsafe"


@by_constructor
@dataclass(frozen=True, slots=True)
class Fix:
    """A mechanical correction of one finding: its edits, what it does, and whether it is safe.

    As in Ruff, a *safe* fix keeps the meaning of the report (brackets, a misspelt legal title, the numbering of a
    heading): ``auditor fix`` applies it. An *unsafe* fix may change what the report says (a blank cell made 0, a
    label replaced by the official one): it is applied only with ``--unsafe-fixes``.
    """

    edits: tuple[Edit, ...]
    message: Text
    applicability: str = SAFE  # safe | unsafe

    @property
    def safe(self) -> bool:
        return self.applicability == SAFE

    @classmethod
    def replace(cls, loc: Location, old: str, new: str, message: Text | None = None, safe: bool = True) -> Fix:
        """One edit: ``old`` at ``loc`` becomes ``new``."""
        message = message or Text(f"把“{old}”改为“{new}”", f"replace “{old}” with “{new}”")
        return cls((Edit(loc, old, new),), message, SAFE if safe else UNSAFE)

    @classmethod
    def replace_each(cls, edits: Iterable[tuple[Location, str, str]], safe: bool = True) -> Fix:
        """One fix of several places: each ``old`` at its ``loc`` becomes its ``new``."""
        made = tuple(Edit(loc, old, new) for loc, old, new in edits)
        message = Text(
            "；".join(f"把“{edit.old}”改为“{edit.new}”" for edit in made),
            "; ".join(f"replace “{edit.old}” with “{edit.new}”" for edit in made),
        )
        return cls(made, message, SAFE if safe else UNSAFE)

    def to_json(self) -> dict[str, Any]:
        return {
            "applicability": self.applicability,
            "message": self.message.to_json(),
            "edits": [edit.to_json() for edit in self.edits],
        }


@by_constructor
@dataclass(slots=True)
class Finding:
    """One finding of a rule in one file: what, where, how severe, on what legal basis, and its fix if any."""

    code: str
    name: str
    severity: Severity
    message: Text
    path: str
    loc: Location | None
    place: Place
    values: dict[str, Any]
    basis: tuple[LegalBasis, ...]
    fingerprint: str
    plugin: str = ""
    fix: Fix | None = None  # a mechanical correction, if the rule has one for this finding

    @property
    def line(self) -> int | None:
        return self.loc.line if self.loc else None

    @property
    def column(self) -> int | None:
        return self.loc.column if self.loc else None

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.label,
            "message": self.message.to_json(),
            "path": self.path,
            "line": self.line,
            "column": self.column,
            **({"page": self.loc.page} if self.loc and self.loc.page is not None else {}),
            **({"ref": self.loc.ref} if self.loc and self.loc.ref is not None else {}),
            "place": self.place.to_json(),
            "values": _jsonable(self.values),
            "legal_basis": [basis.to_json() for basis in self.basis],
            "fingerprint": self.fingerprint,
            **({"fix": self.fix.to_json()} if self.fix is not None else {}),
        }

    def json_text(self) -> str:
        """``json.dumps(self.to_json(), ensure_ascii=False)``, built faster: each plain field encoded by itself and
        put in place (no dictionary built and walked), the values by the C encoder, and what repeats — the legal
        basis (most of the text, the same for every finding of a rule), the code, name and severity, the path —
        encoded once, not once per finding."""
        loc, message, place, values = self.loc, self.message, self.place, self.values
        if loc is None:
            where = '"line": null, "column": null'
        else:
            line, column = loc.line, loc.column
            where = (
                f'"line": {int.__repr__(line) if type(line) is int else _scalar(line)}, '
                f'"column": {int.__repr__(column) if type(column) is int else _scalar(column)}'
            )
            if loc.page is not None:
                where += f', "page": {_scalar(loc.page)}'
            if loc.ref is not None:
                where += f', "ref": {_scalar(loc.ref)}'
        section, table, row, cell = place.section, place.table, place.row, place.column
        if table is None and row is None and cell is None:  # most places: a section, or nothing
            where_in = "" if section is None else f'"section": {_scalar(section)}'
        else:
            where_in = ", ".join(
                [
                    f'"{key}": {_scalar(value)}'
                    for key, value in (("section", section), ("table", table), ("row", row), ("column", cell))
                    if value is not None
                ]
            )
        values_text = "{}" if type(values) is dict and not values else json_encode(_jsonable(values))
        fix = "" if self.fix is None else f', "fix": {json_encode(self.fix.to_json())}'
        zh, en, fingerprint = message.zh, message.en, self.fingerprint
        return (
            f"{_head_json(self.code, self.name, self.severity)}"
            f'{{"zh": {_STRING(zh) if type(zh) is str else _scalar(zh)}, '
            f'"en": {_STRING(en) if type(en) is str else _scalar(en)}}}, "path": {_path_json(self.path)}'
            f', {where}, "place": {{{where_in}}}, "values": {values_text}'
            f', "legal_basis": {_basis_json(self.basis)}'
            f', "fingerprint": {_STRING(fingerprint) if type(fingerprint) is str else _scalar(fingerprint)}{fix}}}'
        )


_HEADS: dict[tuple[str, str, Severity], str] = {}


def _head_json(code: str, name: str, severity: Severity) -> str:
    """The start of a finding's JSON text, up to its message: the same for every finding of a rule and severity."""
    key = (code, name, severity)
    head = _HEADS.get(key)
    if head is None:
        if len(_HEADS) >= 4096:  # codes and names made up at run time (a plugin's) must not grow it for ever
            _HEADS.clear()
        head = _HEADS[key] = (
            f'{{"code": {_scalar(code)}, "name": {_scalar(name)}, "severity": {_scalar(_LABELS[severity])}, "message": '
        )
    return head


_last_path = ("", '""')  # the last path and its JSON text: a file's findings come one after another


def _path_json(path: str) -> str:
    global _last_path
    last = _last_path  # read once: another thread may replace it meanwhile, never half of it
    if last[0] is not path:
        last = _last_path = (path, _scalar(path))
    return last[1]


def _json_encoder() -> Callable[[Any], str]:
    """What ``json.dumps(value, ensure_ascii=False)`` does (same text), without building an encoder on every call:
    the C encoder that ``json.dumps`` uses, made once; the pure-Python one where there is no C encoder."""
    standard = json.JSONEncoder(ensure_ascii=False)
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return standard.encode
    encoder = make(None, standard.default, json.encoder.encode_basestring, None, ": ", ", ", False, False, True)

    string = json.encoder.encode_basestring  # what standard.encode does with a str (ensure_ascii off)

    def encode(value: Any) -> str:
        if isinstance(value, str):
            return string(value)
        return "".join(encoder(value, 0))

    return encode


json_encode = _json_encoder()
_STRING = json.encoder.encode_basestring  # what the encoder does with a string when ensure_ascii is off (C)


def _scalar(value: Any) -> str:
    """``json_encode(value)`` of one value, with a shortcut for the strings, integers and nulls of a finding."""
    kind = type(value)
    if kind is str:
        return _STRING(value)
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    return json_encode(value)


_BASIS_JSON: dict[int, tuple[tuple[LegalBasis, ...], str]] = {}


def _basis_json(basis: tuple[LegalBasis, ...]) -> str:
    """The JSON text of a legal basis, kept by identity (a rule's basis is one tuple shared by its findings)."""
    known = _BASIS_JSON.get(id(basis))
    if known is not None and known[0] is basis:
        return known[1]
    text = json_encode([item.to_json() for item in basis])
    if len(_BASIS_JSON) >= 1024:  # bases made per finding (not a rule's constant) must not grow it for ever
        _BASIS_JSON.clear()
    _BASIS_JSON[id(basis)] = (basis, text)  # held, so that its id is not reused while cached
    return text


def _jsonable(value: Any) -> Any:
    kind = type(value)
    if kind is str or kind is int or value is None:  # most of what findings hold: as it is
        return value
    if kind is dict:  # the values of a finding: a dictionary of strings and numbers, walked without a call per item
        out = {}
        for key, item in value.items():
            plain = type(item)
            out[key if type(key) is str else str(key)] = (
                item if plain is str or plain is int or item is None else _jsonable(item)
            )
        return out
    if isinstance(value, Decimal):
        return str(value)
    # In containers a str, an int or None is kept without a call (most of what they hold).
    if isinstance(value, dict):
        return {str(k): v if type(v) is str or type(v) is int or v is None else _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [v if type(v) is str or type(v) is int or v is None else _jsonable(v) for v in value]
    return value


_NOWHERE = Place()  # the place of a finding given none (frozen: one object serves them all)


def fingerprint(code: str, place: Place, key: str = "") -> str:
    """Stable across runs and line moves: the rule, the logical place and a discriminator, never a line number."""
    raw = f"{code}|{place.key()}|{key}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:20]


Check = Callable[[Report, "RuleContext"], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A rule: its code, name, severity, the formats it applies to, and its check."""

    code: str
    name: str
    severity: Severity
    variants: tuple[str, ...]
    summary: Text
    explanation: Text
    basis: tuple[LegalBasis, ...]
    check: Check
    plugin: str = ""
    fix: str | None = None  # safe | unsafe: the rule offers fixes of that kind (for some of its findings)

    def __post_init__(self) -> None:
        if not _CODE.match(self.code):
            raise ValueError(f"rule code {self.code!r} is not of the form AREA### (e.g. CIT001)")
        if not _NAME.match(self.name):
            raise ValueError(f"rule name {self.name!r} is not kebab-case")
        if self.fix not in (None, SAFE, UNSAFE):
            raise ValueError(f"rule {self.code}: fix={self.fix!r}; use 'safe', 'unsafe' or None")

    def applies_to(self, variant: str) -> bool:
        return variant in self.variants

    def with_plugin(self, plugin: str) -> Rule:
        """The rule as ``plugin`` contributes it (a copy: the rule itself is left as it is)."""
        # What dataclasses.replace makes, without running __init__ and __post_init__ again for each of the 82
        # built-in rules at every start: the rule was validated when it was made.
        found = object.__new__(type(self))
        found.__dict__.update(vars(self))
        object.__setattr__(found, "plugin", plugin)
        return found

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.label,
            "variants": list(self.variants),
            "summary": self.summary.to_json(),
            "explanation": self.explanation.to_json(),
            "legal_basis": [basis.to_json() for basis in self.basis],
            "plugin": self.plugin,
            "fix": self.fix,
        }


def no_findings(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """The check of a rule whose findings come from elsewhere: a batch check that compares reports, or the engine
    (a file that cannot be read). Declared like any rule so that ``auditor rules``, ``--select``, ``--ignore`` and
    severity overrides know it."""
    return iter(())


def rule(
    *,
    code: str,
    name: str,
    severity: Severity,
    summary: Text,
    explanation: Text,
    basis: tuple[LegalBasis, ...] = (),
    variants: tuple[str, ...] = ALL_VARIANTS,
    fix: str | None = None,
) -> Callable[[Check], Rule]:
    """Declare a rule: decorate a function ``(report, ctx) -> findings``.

    ``fix``: ``"safe"`` or ``"unsafe"`` if the rule attaches fixes to its findings (``ctx.finding(..., fix=Fix(...))``,
    the most it may offer); ``auditor rules`` shows it.
    """

    def wrap(check: Check) -> Rule:
        return Rule(code, name, severity, variants, summary, explanation, basis, check, fix=fix)

    return wrap


@dataclass(slots=True)
class RuleContext:
    """What a rule gets besides the report: its own metadata (to build findings) and the run's options.

    The engine makes one per report and sets ``rule`` before each rule runs: a rule uses it while it runs (as its
    findings are made), and does not keep it for later."""

    rule: Rule
    path: str
    options: dict[str, Any] = field(default_factory=dict)

    def finding(
        self,
        message: Text,
        *,
        loc: Location | None = None,
        place: Place | None = None,
        values: dict[str, Any] | None = None,
        key: str = "",
        severity: Severity | None = None,
        fix: Fix | None = None,
    ) -> Finding:
        """A finding of this rule.

        ``message``: what is wrong, in Chinese and English (:class:`Text`). ``loc``: where in the text
        (:class:`Location`: line, column, and for DOCX/PDF the page or the reference such as ``T2R5C3``; take it
        from the model, e.g. ``cell.loc``, ``section.loc``). ``place``: where in the report's structure
        (:class:`Place`: section, table, row, column). ``values``: the figures involved, for the JSON output and the
        exports. ``key``: what tells this finding apart from the rule's others at the same place (e.g. the text
        found); the fingerprint is built from the code, the place and the key — never the line — so a baseline
        entry survives edits elsewhere in the report: keep the key free of line numbers. ``severity``: to grade this
        one finding apart from the rule's severity (e.g. a guess as a warning). ``fix``: a :class:`Fix` that
        corrects this finding mechanically (the rule declares ``fix="safe"``/``"unsafe"`` in ``@rule``).
        """
        place = place or _NOWHERE
        found = self.rule
        return Finding(  # code, name, severity, message, path, loc, place, values, basis, fingerprint, plugin, fix
            found.code,
            found.name,
            severity or found.severity,
            message,
            self.path,
            loc,
            place,
            values or {},
            found.basis,
            fingerprint(found.code, place, key),
            found.plugin,
            fix,
        )


@dataclass
class BatchOutcome:
    """What a check across the files of a run found, and what a supervisor should know."""

    findings: list[Finding] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)  # what a supervisor should know (e.g. pairs matched)


@dataclass(frozen=True)
class BatchCheck:
    """A check across the files of one run (e.g. a body's consecutive years, SPEC §4.3).

    ``facts`` runs on each report where it is parsed (possibly in a worker process) and returns the little this
    check needs from it (or None); ``check`` runs once at the end over ``[(path, facts), …]`` and the run's
    options. Its findings use the codes of ``rules``, which the plugin also contributes through ``auditor_rules``.
    A run of one file gathers no facts: its batch is empty. ``wanted``, when given, tells from the run's options
    whether the check can find anything at all (region totals need a map of regions): when it cannot, the run
    neither gathers its facts nor runs it.
    """

    name: str
    rules: tuple[Rule, ...]
    facts: Callable[[Report], dict[str, Any] | None]
    check: Callable[[list[tuple[str, dict[str, Any]]], dict[str, Any]], BatchOutcome]
    wanted: Callable[[dict[str, Any]], bool] | None = None
