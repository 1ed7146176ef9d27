"""The narrative checks of SPEC §7 that the seeds showed first (issue 11): a zero count then its handling described
as done (NAR018), a self-contradicting evaluation (NAR013's lexicon) and a table 二 figure the text never mentions
(NAR019). For each, a report that breaks it, one that does not, and one that is uncertain — in real sentence shapes."""

from __future__ import annotations

import pytest

from auditor import synth
from auditor.model import INFERRED
from auditor.parse import parse_document
from auditor.readers.text import document_from_text
from auditor.rule import Severity
from tests.rules.helpers import clean_spec, engine
from tests.rules.test_narrative import Edit, body, graded, narrative_findings, overview, say, table

# ── NAR018: a count of 0, then the handling described as done ──────────────────────────────────────────────
ZERO = "今年以来，柘沟镇共承办区级人大代表建议0件、政协提案0件。"  # seed 000, section 六 （三）
HANDLED = (  # seed 000, the next sentence
    "柘沟镇高度重视建议、提案办理工作，以此作为深入了解民情、广泛汲取民智、改进工作的重要举措，并召开专题会议进行"
    "研究部署，要求各承办部门加强与代表、委员加强沟通协调，认真采纳提案建议，推动解决实际问题，并形成文字材料上报。"
)


def test_zero_proposals_then_their_handling_is_a_warning() -> None:
    found = narrative_findings(say("六", ZERO, HANDLED))
    (finding,) = [f for f in found if f.code == "NAR018"]
    assert finding.severity == Severity.WARNING
    assert "建议0件、政协提案0件" in finding.message.zh and "召开专题会议" in finding.message.zh
    assert "套话" in finding.message.zh and "boilerplate" in finding.message.en
    assert finding.values["item"] == "proposals" and finding.values["zero"]["text"] == "0件"
    assert finding.values["handled"][0]["text"] == HANDLED
    assert finding.place.section == "六"


def test_none_received_said_in_words_then_replies_and_satisfaction() -> None:
    found = narrative_findings(
        say("六", "本年度未承办人大代表建议和政协提案。", "所承办的建议、提案均按期办复，代表委员满意率达100%。")
    )
    assert graded(found, "NAR018") == ["warning"]


@pytest.mark.parametrize(
    "sentences",
    [
        # plans and general duties are not handling done
        (ZERO, "下一步，我镇将认真做好建议提案办理工作，及时答复代表委员。"),
        (ZERO, "对人大代表建议和政协提案，承办单位应当在规定期限内书面答复。"),
        (ZERO, "如有代表建议、委员提案，我镇将按时办结并书面答复。"),
        # general words on the importance of the work, no work described
        (ZERO, "柘沟镇高度重视建议、提案办理工作，将其作为改进工作的重要举措。"),
        # items assigned from above or carried over may well have been handled
        (ZERO, "对上级交办的人大代表建议，均按时办结并书面答复。"),
        # the public's suggestions are not deputies' suggestions: no zero of those was stated
        ("全年收集群众意见建议0条。", "对群众提出的建议均已办结。"),
    ],
)
def test_plans_duties_and_other_items_are_not_handling_done(sentences: tuple[str, ...]) -> None:
    assert graded(narrative_findings(say("六", *sentences)), "NAR018") == []


def test_a_count_above_zero_makes_the_zero_uncertain() -> None:
    # 「建议0件」 beside 「提案3件」: the handling described may be of the three proposals
    found = narrative_findings(say("六", "共承办人大代表建议0件、政协提案3件。", "所承办的建议、提案均已按时办结。"))
    assert graded(found, "NAR018") == []


def test_no_applications_then_all_answered_is_to_verify() -> None:
    said = say("一", "本年度未收到政府信息公开申请。", "对收到的政府信息公开申请，均在法定期限内予以答复。")
    found = narrative_findings(table(applications=0), said)
    assert graded(found, "NAR018") == ["info"]  # may be a general practice of the body
    (finding,) = [f for f in found if f.code == "NAR018"]
    assert "一般做法" in finding.message.zh and "general practice" in finding.message.en
    assert finding.values["item"] == "applications" and "未收到政府信息公开申请" in finding.message.zh
    # applications carried over from last year were handled: the answers may be theirs
    carried = table(applications=0, applications__carried_over__total=2, applications__grand_total__total=2)
    assert graded(narrative_findings(carried, said), "NAR018") == []
    # the table not read: uncertain, nothing said
    blank = table(applications=0, applications__new_received__total=None)
    assert graded(narrative_findings(blank, said), "NAR018") == []


# ── NAR013: a self-contradicting evaluation (D14 lexicon) ─────────────────────────────────────────────────
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("线上公开文件内容不够全面；村居委公开内容缺少正确的审核，内容正确但不合理。", ["info"]),  # seed 001
        ("部分解读材料表述准确却不够恰当。", ["info"]),
        ("公开数据准确但不够及时。", []),  # two different qualities: a real problem
        ("个别信息发布程序合法但不规范。", []),
        ("确保公开内容准确，不合理的表述及时修改。", []),
    ],
)
def test_self_contradicting_evaluation(sentence: str, expected: list[str]) -> None:
    found = narrative_findings(table(review_litigation=0), say("五", sentence))
    assert graded(found, "NAR013") == expected
    if expected:
        finding = next(f for f in found if f.code == "NAR013")
        assert finding.values["term"] == "self-contradicting-evaluation" and finding.values["correction"]


def test_a_term_is_found_in_its_own_sentence_whatever_the_sentence_before_ends_with() -> None:
    # a heading 「（三）行政复议」, then 「诉讼和申诉…」: over the joined prose, a match from the heading's 复议 through the
    # sentence's 和申诉 would hide the sentence's own 「诉讼和申诉」
    found = narrative_findings(table(review_litigation=0), say("五", "（三）行政复议", "行政诉讼和申诉渠道畅通。"))
    (finding,) = [f for f in found if f.code == "NAR013"]
    assert finding.values["term"] == "old-remedy" and finding.values["text"] == "诉讼和申诉"


# ── NAR019: a table 二 figure the text never mentions ─────────────────────────────────────────────────────
# the clean overview without its words on table 二 (synth._OVERVIEW names 审批、执法决定)
PLAIN_OVERVIEW = overview(
    "本年度主动公开政府信息，依法办理政府信息公开申请，加强政府信息管理和公开平台建设，强化监督保障；"
    "年度政务公开工作考核结果为良好，未发生责任追究情况。"
)
PENALTIES = table(enforcement__penalty__decisions=181, licensing__licensing__decisions=0)


def test_penalties_never_mentioned() -> None:
    # seed 002, 咸祥镇: 行政处罚 181 in table 二, nothing on penalties or enforcement in the prose
    found = narrative_findings(PLAIN_OVERVIEW, PENALTIES, table(enforcement__coercion__decisions=0))
    (finding,) = [f for f in found if f.code == "NAR019"]
    assert finding.severity == Severity.INFO
    assert "181" in finding.message.zh and "行政处罚" in finding.message.zh and "181" in finding.message.en
    assert finding.place.table == "enforcement" and finding.place.row == "penalty"
    assert finding.values == {"cell": "enforcement.penalty.decisions", "value": 181, "category": "penalty"}


@pytest.mark.parametrize(
    "edits",
    [
        (say("一", "全年公开行政处罚决定181件。"),),  # mentioned (NAR005 compares the count)
        (say("一", "推进行政执法公示，及时公开执法结果。"),),  # 行政执法 covers the penalties
        (table(enforcement__penalty__decisions=9),),  # below the threshold
        (body("西岭县人民政府"),),  # a county government's table adds up its departments
    ],
)
def test_penalties_described_small_or_a_region(edits: tuple[Edit, ...]) -> None:
    found = narrative_findings(PLAIN_OVERVIEW, PENALTIES, table(enforcement__coercion__decisions=0), *edits)
    assert graded(found, "NAR019") == []


def test_a_cell_not_read_as_written_says_nothing() -> None:
    spec = clean_spec()
    for edit in (PLAIN_OVERVIEW, PENALTIES, table(enforcement__coercion__decisions=0)):
        edit(spec)
    text = synth.render(spec, "cell-per-line", synth.Noise())
    report = parse_document(document_from_text(text, "report.txt", "text"))
    assert "NAR019" in [f.code for f in engine().check_report(report, "report.txt")]
    report.tables["enforcement"].rows["penalty"].cells["decisions"].confidence = INFERRED  # recovered from flat text
    assert "NAR019" not in [f.code for f in engine().check_report(report, "report.txt")]
    blank = table(enforcement__penalty__decisions=None)  # a blank cell: nothing read
    assert graded(narrative_findings(PLAIN_OVERVIEW, PENALTIES, blank), "NAR019") == []


def test_no_review_then_cases_closed_is_to_verify() -> None:
    none = table(review_litigation=0)
    said = say(
        "一", "本年度未发生因政府信息公开引起的行政复议、行政诉讼。", "政府信息公开行政复议案件均已审结，结果均获维持。"
    )
    assert graded(narrative_findings(none, said), "NAR018") == ["info"]
    # the body's other lawsuits are not table 四's: nothing said
    other = say(
        "一", "本年度未发生因政府信息公开引起的行政复议、行政诉讼。", "全年行政诉讼案件均已审结，负责人出庭应诉率100%。"
    )
    assert graded(narrative_findings(none, other), "NAR018") == []
    # table 四 not all 0 (NAR004 names that contradiction): not this rule's
    one = table(review_litigation=0, review_litigation__review__upheld=1, review_litigation__review__total=1)
    assert graded(narrative_findings(one, said), "NAR018") == []


@pytest.mark.parametrize(("variant", "cell"), [("2021", "issued"), ("2019", "newly_made")])
def test_normative_documents_never_mentioned(variant: str, cell: str) -> None:
    # the preamble cites 《…关于印发〈…年度报告格式〉的通知》: that 印发 is no mention of the body's own documents
    others = table(licensing=0, enforcement=0)
    documents = table(**{f"regulations__normative_documents__{cell}": 12})
    found = narrative_findings(PLAIN_OVERVIEW, others, documents, variant=variant)
    assert graded(found, "NAR019") == ["info"]
    assert next(f for f in found if f.code == "NAR019").values["cell"] == f"regulations.normative_documents.{cell}"
    mentioned = say("一", "全年印发行政规范性文件12件，均已按要求公开。")
    assert graded(narrative_findings(PLAIN_OVERVIEW, others, documents, mentioned, variant=variant), "NAR019") == []
