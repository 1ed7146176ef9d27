"""The legal documents the rules rest on, as data: their numbers, exact titles, and the articles cited (SPEC §1-§3).

A rule names its basis with :class:`LegalBasis` (document + article); messages and SARIF help text print it.
"""

from __future__ import annotations

from dataclasses import dataclass

from auditor.pickling import by_constructor, by_name


@by_constructor
@dataclass(frozen=True, slots=True)
class Document:
    """A legal document the rules cite: its number and exact title."""

    key: str
    number: str  # the document number as officially written, or the order number
    title: str  # the exact title, with 《》
    title_en: str
    issuer: str = ""


@by_constructor
@dataclass(frozen=True, slots=True)
class LegalBasis:
    """A document and the article of it that a rule rests on."""

    document: Document
    article_zh: str = ""
    article_en: str = ""

    def text(self, lang: str = "zh") -> str:
        if lang == "zh":
            return f"{self.document.title}（{self.document.number}）{self.article_zh}"
        article = f", {self.article_en}" if self.article_en else ""
        return f"{self.document.title_en} ({self.document.number}){article}"

    def to_json(self) -> dict[str, str]:
        return {
            "document": self.document.number,
            "title": self.document.title,
            "article_zh": self.article_zh,
            "article_en": self.article_en,
            "zh": self.text("zh"),
            "en": self.text("en"),
        }


REGULATION = Document(
    "regulation",
    "国务院令第711号",
    "《中华人民共和国政府信息公开条例》",
    "Regulations of the People's Republic of China on Open Government Information",
    "国务院",
)
REGULATION_2008 = Document(
    "regulation-2008",
    "国务院令第492号",
    "《中华人民共和国政府信息公开条例》（2008年施行）",
    "Regulations of the People's Republic of China on Open Government Information (in force 2008-2019)",
    "国务院",
)
FORMAT_2019 = Document(
    "format-2019",
    "国办公开办函〔2019〕60号",
    "《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》",
    "Notice on matters concerning the annual reports on government information disclosure",
    "国务院办公厅政府信息与政务公开办公室",
)
FORMAT_2021 = Document(
    "format-2021",
    "国办公开办函〔2021〕30号",
    "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》",
    "Notice issuing the Format of the Annual Report on Government Information Disclosure",
    "国务院办公厅政府信息与政务公开办公室",
)
FEE_MEASURE = Document(
    "fee-measure",
    "国办函〔2020〕109号",
    "《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》",
    "Notice issuing the Measures on Information Processing Fees for Government Information Disclosure",
    "国务院办公厅",
)
PLATFORM_NOTICE = Document(
    "platform-notice",
    "国办公开办函〔2019〕61号",
    "《国务院办公厅政府信息与政务公开办公室关于规范政府信息公开平台有关事项的通知》",
    "Notice on standardising government information disclosure platforms",
    "国务院办公厅政府信息与政务公开办公室",
)
DOCUMENTS = {d.key: d for d in (REGULATION, REGULATION_2008, FORMAT_2019, FORMAT_2021, FEE_MEASURE, PLATFORM_NOTICE)}

# The attachment of each format notice and the measure itself, as cited in reports (SPEC §2.1, §3.1, §1.4).
FORMAT_2021_ATTACHMENT = "《中华人民共和国政府信息公开工作年度报告格式》"
FORMAT_2019_ATTACHMENT = "《中华人民共和国政府信息公开工作年度报告格式（试行）》"
FEE_MEASURE_NAME = "《政府信息公开信息处理费管理办法》"
FEE_TERM = "信息处理费"

ARTICLE_49 = LegalBasis(REGULATION, "第四十九条", "Article 49 (deadlines)")
ARTICLE_31_2008 = LegalBasis(REGULATION_2008, "第三十一条", "Article 31 (published by 31 March)")
ARTICLE_32_2008 = LegalBasis(REGULATION_2008, "第三十二条", "Article 32 (contents of the annual report)")
ARTICLE_50 = LegalBasis(REGULATION, "第五十条", "Article 50 (contents and unified format)")
FORMAT_2021_BASIS = LegalBasis(
    FORMAT_2021, "附件《中华人民共和国政府信息公开工作年度报告格式》", "attachment: the annual report format"
)
FORMAT_2019_BASIS = LegalBasis(
    FORMAT_2019,
    "附件《中华人民共和国政府信息公开工作年度报告格式（试行）》",
    "attachment: the annual report format (trial)",
)
FORMAT_2021_TABLE_3 = LegalBasis(
    FORMAT_2021,
    "附件 三、收到和处理政府信息公开申请情况（表注：勾稽关系）",
    "attachment, table 3 and its note on how the rows reconcile",
)
FORMAT_2021_TABLE_4 = LegalBasis(
    FORMAT_2021, "附件 四、政府信息公开行政复议、行政诉讼情况", "attachment, table 4 (review and litigation)"
)
FORMAT_2021_TABLE_2 = LegalBasis(
    FORMAT_2021, "附件 二、主动公开政府信息情况", "attachment, table 2 (proactive disclosure)"
)
FORMAT_2021_SECTION_6 = LegalBasis(
    FORMAT_2021,
    "附件 六、其他需要报告的事项（信息处理费收取情况）",
    "attachment, section 6 (information processing fees collected)",
)
FEE_MEASURE_BASIS = LegalBasis(FEE_MEASURE, "", "")

# ── the narrative (rules/narrative.py) ───────────────────────────────────────────────────────────────────────
ARTICLE_47 = LegalBasis(REGULATION, "第四十七条", "Article 47 (supervision of disclosure work)")
ARTICLE_50_ITEM_4 = LegalBasis(
    REGULATION,
    "第五十条第（四）项（各级人民政府：工作考核、社会评议和责任追究结果情况）",
    "Article 50 item (4) (people's governments: results of assessment, public appraisal and accountability)",
)
FORMAT_2021_OVERVIEW = LegalBasis(
    FORMAT_2021,
    "附件 一、报告内容（一）总体情况（主动公开、依申请公开、政府信息管理、平台建设、监督保障）",
    "attachment, contents (1) overview: proactive disclosure, requests, management, platforms, oversight",
)
FORMAT_2021_SECTION_5 = LegalBasis(
    FORMAT_2021, "附件 五、存在的主要问题及改进情况", "attachment, section 5 (main problems and improvements)"
)
FORMAT_2021_SECTION_6_ITEMS = LegalBasis(
    FORMAT_2021, "附件 六、其他需要报告的事项", "attachment, section 6 (other matters to report)"
)


# A worker sends its findings to the parent pickled: their legal basis travels as the name of the constant.
by_name(globals(), Document, LegalBasis)
