"""Findings about a file rather than about its content: it cannot be read, it is not a report, a check crashed,
a baseline entry no longer matches.

They are declared as rules of the engine's own plugin (so that ``auditor rules`` lists them and ``--select``,
``--ignore`` and severity overrides know them), but the engine emits them: their check finds nothing by itself.
"""

from __future__ import annotations

from auditor.budget import BudgetExceeded
from auditor.errors import AuditorError, LimitExceeded, NeedsOCR
from auditor.hookspecs import hookimpl
from auditor.legal import ARTICLE_50
from auditor.rule import ERROR, FATAL, INFO, Rule, Text, no_findings, rule

UNREADABLE_FILE: Rule = rule(
    code="SYS001",
    name="unreadable-file",
    severity=FATAL,
    summary=Text("文件无法读取", "The file cannot be read"),
    explanation=Text(
        "文件无法作为报告读取：编码无法识别、内容是二进制数据、格式不受支持（如 .doc、.wps、图片、压缩包）、文件损坏，"
        "或超出读取限制（大小、解压后大小、页数、时间）。请转换为 .docx、.pdf（含文字层）、.html 或 .txt 后再审查。",
        "The file cannot be read as a report: its encoding is not recognised, it holds binary data, its format is not "
        "supported (e.g. .doc, .wps, images, archives), it is damaged, or it exceeds a reading limit (size, "
        "decompressed size, pages, time). Convert it to .docx, .pdf with a text layer, .html or .txt and audit again.",
    ),
)(no_findings)

NOT_A_REPORT: Rule = rule(
    code="SYS002",
    name="not-a-report",
    severity=FATAL,
    summary=Text("不是政府信息公开工作年度报告", "Not a government information-disclosure annual report"),
    explanation=Text(
        "文件可以读取，但不是年度报告：既没有年度报告标题，也没有六个部分的章节标题或统一格式的统计表；或者是提到年度报告"
        "的其他公文——报送函（“关于报送《…年度报告》的函”“特此函告”）、通知或转发通知（“特此通知”“转发给你们”）、"
        "目录页、网页上的年度报告列表——其中没有统计表，也没有带正文的章节；或者是主要用拉丁字母写成、引用报告内容的"
        "说明或笔记。结论列出据以判断的行。在文件夹中查找到的这类文件不报本条，而列为“跳过”并注明原因，不影响退出码；"
        "在命令行上点名的文件报本条。",
        "The file reads, but it is not an annual report: it has no annual-report title, none of the six section "
        "headings and none of the format's tables; or it is another document that mentions a report — a cover letter "
        "(关于报送《…年度报告》的函, 特此函告), a notice or a forwarding notice (特此通知, 转发给你们), a table of "
        "contents, a web page's list of reports — with no statistics table and no section with text; or notes "
        "written mainly in Latin letters that quote a report. The finding quotes the lines that show it. Such a file "
        "found while walking a folder is not this finding but a skipped file, with the reason, and fails nothing; a "
        "file named on the command line is.",
    ),
    basis=(ARTICLE_50,),
)(no_findings)

INTERNAL_ERROR: Rule = rule(
    code="SYS003",
    name="internal-error",
    severity=ERROR,
    summary=Text("检查程序内部错误", "A check failed with an internal error"),
    explanation=Text(
        "某条规则或解析器在处理此文件时出错。该文件的其他检查照常进行，批量中的其他文件不受影响。这是审查工具的缺陷，"
        "不代表报告有误；请将文件和错误信息报告给维护者。",
        "A rule or the parser failed on this file. The other checks of the file ran, and the other files of the batch "
        "are unaffected. This is a defect of the auditor, not of the report: please report it with the file.",
    ),
)(no_findings)

STALE_BASELINE_ENTRY: Rule = rule(
    code="SYS004",
    name="stale-baseline-entry",
    severity=INFO,
    summary=Text("基线条目已不再匹配任何问题", "A baseline entry no longer matches any finding"),
    explanation=Text(
        "使用 --baseline 时，基线文件中记录的问题只要仍然存在就不再报告。某个条目所记录的问题已经不再出现（已修改报告，"
        "或文件已删除）时，报告本条提示：该条目已失效，可用 --write-baseline 重写基线将其删除，以免日后同一问题再次"
        "出现时被基线掩盖。",
        "With --baseline, the findings recorded in the baseline file are not reported while they persist. When the "
        "finding of an entry no longer occurs (the report was corrected, or the file deleted), this notice says the "
        "entry is stale: rewrite the baseline with --write-baseline to drop it, so that it cannot hide the same "
        "defect should it come back.",
    ),
)(no_findings)


NEEDS_OCR: Rule = rule(
    code="SYS005",
    name="needs-ocr",
    severity=FATAL,
    summary=Text("文件没有文字层，需要先进行文字识别（OCR）", "The file has no text layer; it needs OCR first"),
    explanation=Text(
        "这是扫描件：PDF 的页面只有图像，没有可提取的文字，因此无法审查其内容。请使用原始的 Word 文件或带文字层的 PDF，"
        "或先用 OCR 软件（如 ocrmypdf -l chi_sim）识别文字后再审查。",
        "This is a scan: the PDF's pages hold images and no extractable text, so its content cannot be audited. "
        "Audit the original Word file or a PDF with a text layer, or run OCR first (e.g. ocrmypdf -l chi_sim).",
    ),
)(no_findings)

LIMIT_EXCEEDED: Rule = rule(
    code="SYS006",
    name="limit-exceeded",
    severity=FATAL,
    summary=Text("文件超出读取或审查限制", "The file exceeds a reading or time limit"),
    explanation=Text(
        "审查此文件会超出限制：文件大小（--max-bytes）、解压后大小（--max-decompressed）、页数（--max-pages）、行数（"
        "--max-lines）、单行长度，或单个文件的审查时间（--timeout，含读取、解析和全部检查）；或文件含有恶意构造（压缩"
        "炸弹、XML 实体膨胀）。为保护审查过程，该文件未被审查，其他文件不受影响。确属正常的大文件可放宽相应限制后再审查。",
        "Auditing this file would exceed a limit: its size (--max-bytes), its decompressed size (--max-decompressed), "
        "its pages (--max-pages), its lines (--max-lines), the length of a line, or the time allowed per file "
        "(--timeout: reading, parsing and every check); or it is built to attack readers (a zip bomb, XML entity "
        "expansion). It was not audited, to protect the run; the other files are unaffected. Raise the limit for a "
        "genuinely large file and audit it again.",
    ),
)(no_findings)


def diagnostic_for(exc: AuditorError) -> Rule:
    """The engine's finding for a file that cannot be read."""
    if isinstance(exc, NeedsOCR):
        return NEEDS_OCR
    if isinstance(exc, LimitExceeded | BudgetExceeded):
        return LIMIT_EXCEEDED
    return UNREADABLE_FILE


@hookimpl
def auditor_rules() -> list[Rule]:
    return [UNREADABLE_FILE, NOT_A_REPORT, INTERNAL_ERROR, STALE_BASELINE_ENTRY, NEEDS_OCR, LIMIT_EXCEEDED]
