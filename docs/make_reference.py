"""Generate docs/model-reference.md from the code and the schema: ``python docs/make_reference.py``.

Everything in the reference comes from its source — the dataclasses of ``auditor.model`` and ``auditor.rule`` with
their docstrings and field comments, the descriptions in ``schemas/report.schema.json``, the tables of
``auditor.template`` with their official labels, the constants of ``auditor.legal`` and the functions of
``auditor.testing`` — so it cannot drift: ``tests/test_docs.py`` fails when the committed file differs.
"""

from __future__ import annotations

import ast
import inspect
import json
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "model-reference.md"

MODEL_CLASSES = (
    "Report",
    "Source",
    "Metadata",
    "Found",
    "Citation",
    "Template",
    "SectionData",
    "TableData",
    "TableRow",
    "Cell",
    "Label",
    "Gap",
)
RULE_CLASSES = ("Text", "Place", "Finding", "Rule", "RuleContext", "Severity")


def _fields(module: ModuleType, name: str) -> list[tuple[str, str, str]]:
    """(field, annotation, trailing comment) of a dataclass, read from its source."""
    source = inspect.getsource(module)
    lines = source.splitlines()
    tree = ast.parse(source)
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == name:
            out = []
            for item in node.body:
                if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    line = lines[item.lineno - 1]
                    comment = line.split("#", 1)[1].strip() if "  # " in line else ""
                    out.append((item.target.id, ast.unparse(item.annotation), comment))
                elif isinstance(item, ast.Assign) and name == "Severity":
                    target = item.targets[0]
                    if isinstance(target, ast.Name):
                        out.append((target.id, ast.unparse(item.value), ""))
            return out
    raise LookupError(name)


def _doc(obj: object) -> str:
    return inspect.cleandoc(obj.__doc__ or "").strip()


def _methods(cls: type) -> list[str]:
    out = []
    for name, member in vars(cls).items():
        if name.startswith("_") or name in ("to_json",):
            continue
        function = member.fget if isinstance(member, property) else member
        if not callable(function) and not isinstance(member, property):
            continue
        doc = _doc(function).split("\n\n")[0].replace("\n", " ") if function.__doc__ else ""
        if isinstance(member, property):
            out.append(f"- `.{name}` (property){': ' + doc if doc else ''}")
        else:
            signature = str(inspect.signature(function)).replace("self, ", "").replace("(self)", "()")
            out.append(f"- `.{name}{signature}`{': ' + doc if doc else ''}")
    return out


def _class_section(module: ModuleType, name: str, heading: str = "###") -> list[str]:
    cls = getattr(module, name)
    out = [f"{heading} `{name}`", ""]
    if _doc(cls) and not _doc(cls).startswith(f"{name}("):
        out += [_doc(cls), ""]
    fields = _fields(module, name)
    if fields:
        out += ["| field | type | meaning |", "|---|---|---|"]
        out += [f"| `{f}` | `{t}` | {c} |".replace(" | None`", " or None`") for f, t, c in fields]
        out.append("")
    methods = _methods(cls)
    if methods:
        out += [*methods, ""]
    return out


def _schema_section() -> list[str]:
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    out = ["## The canonical report as JSON", "", schema.get("description", ""), ""]
    out += [
        "`auditor parse FILE --format json` prints it; `schemas/report.schema.json` (JSON Schema 2020-12) describes",
        "it. Its top-level keys, which are the fields of `Report` below:",
        "",
    ]
    for key in schema["properties"]:
        description = schema["properties"][key].get("description", "")
        out.append(f"- `{key}`{': ' + description if description else ''}")
    definitions = schema.get("$defs", {})
    if definitions:
        out += ["", "Shared definitions: " + ", ".join(f"`{name}`" for name in sorted(definitions)) + "."]
    return [*out, ""]


def _tables_section() -> list[str]:
    from auditor import template
    from auditor.grammar import grammar

    labels = grammar().official_labels()
    out = [
        "## Tables, rows, columns: canonical cell names",
        "",
        "`report.tables[table_id].rows[row_id].cells[column_id]` is a `Cell`; `table.cell(row_id, column_id)` the",
        "same or None. A canonical cell name is `table.row.column` (what `report_from_dict(cells=…)` and",
        "`rules/identities.toml` use). Rows and columns differ between the formats (the `formats` column).",
        "",
    ]
    for table in template.TABLES:
        out += [f"### `{table.id}` — {table.title_zh} ({table.title_en}), section {table.section}", ""]
        for variant, columns in table.columns.items():
            shown = ", ".join(f"`{c.id}` {labels.get(c.terminal, '')}" for c in columns)
            out.append(f"- columns ({variant}): {shown}")
        out += ["", "| row | label | formats |", "|---|---|---|"]
        for row in table.rows:
            out.append(f"| `{row.id}` | {labels.get(row.terminals[-1], '')} | {', '.join(row.variants)} |")
        out.append("")
    out += ["### Sections", "", "| id | heading | English |", "|---|---|---|"]
    out += [f"| `{s.id}` | {s.heading} | {s.heading_en} |" for s in template.SECTIONS]
    return [*out, ""]


def _legal_section() -> list[str]:
    from auditor import legal

    out = [
        "## `legal`: the documents rules rest on",
        "",
        "`from auditor.hookspecs import legal`; give a rule its basis with `basis=(legal.ARTICLE_50,)`.",
        "",
        "| constant | document | article |",
        "|---|---|---|",
    ]
    for name, value in vars(legal).items():
        if isinstance(value, legal.LegalBasis):
            out.append(f"| `{name}` | {value.document.title}（{value.document.number}） | {value.article_zh} |")
    out += ["", "| constant | value |", "|---|---|"]
    for name, value in vars(legal).items():
        if isinstance(value, legal.Document):
            out.append(f"| `{name}` | {value.title}（{value.number}） |")
        elif isinstance(value, str) and name.isupper():
            out.append(f"| `{name}` | {value} |")
    return [*out, ""]


def _testing_section() -> list[str]:
    import auditor.testing as testing

    out = ["## `auditor.testing`", "", _doc(testing).split("\n\n")[0], ""]
    for name in testing.__all__:
        member = getattr(testing, name)
        if inspect.isfunction(member):
            out += [f"### `{name}{inspect.signature(member)}`", "", _doc(member), ""]
    out += _class_section(testing, "Case")
    out += _class_section(testing, "Expected")
    return out


def render() -> str:
    import auditor.model as model
    import auditor.rule as rule

    out = [
        "# Model reference",
        "",
        "<!-- Generated by docs/make_reference.py from the code and the schema: do not edit by hand. -->",
        "",
        "What a rule receives (`report`, an `auditor.model.Report`), what it returns (findings made with",
        "`ctx.finding`), and the names it can use. A plugin imports these from `auditor.hookspecs`; its tests use",
        "`auditor.testing`. See `docs/writing-plugins.md` for a complete plugin.",
        "",
        "## Rules and findings (`auditor.hookspecs`)",
        "",
        _doc(rule),
        "",
        "### `@rule(...)`",
        "",
        _doc(rule.rule),
        "",
        f"`rule{inspect.signature(rule.rule)}`".replace("'", ""),
        "",
        "### `ctx.finding(...)`",
        "",
        _doc(rule.RuleContext.finding),
        "",
        "### `fingerprint(code, place, key)`",
        "",
        _doc(rule.fingerprint),
        "",
    ]
    for name in RULE_CLASSES:
        out += _class_section(rule, name)
    out += ["## The report (`auditor.model`)", "", _doc(model), ""]
    for name in MODEL_CLASSES:
        out += _class_section(model, name)
    out += _schema_section()
    out += _tables_section()
    out += _legal_section()
    out += _testing_section()
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    text = render()
    if "--check" in sys.argv:
        sys.exit(0 if OUT.read_text(encoding="utf-8") == text else 1)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
