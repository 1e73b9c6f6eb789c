"""The drafting lint (redline/lint): every planted error found, no finding on a clean
document, the seed package's mistakes found, few findings on real agreements."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus import CORPUS, PEERS, SHARED, needs_corpus, needs_peers
from docx_builder import p, r
from lint_docs import PLANTABLE, clean_documents, document_docx, plant
from redline.api import read
from redline.cli import cli
from redline.lint import CODES, lint_articles, lint_document, select_findings
from redline.model import Article, Clause, Document

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples" / "sick_leave").glob("*.docx"))
SEED = SHARED / "seeds" / "001_82ecdd8926fabcd0.txt"
OREGON = PEERS / "oregon-cba-pairs" / "agreements" / "state" / "cba"
needs_seed = pytest.mark.skipif(not SEED.exists(), reason=f"seed package not found at {SEED}")
#: Most findings per thousand clauses on the current Oregon agreements (measured: 0.92, 24
#: findings in 25,971 clauses, half of them real slips: docs/lint.md).
MAX_OREGON_FINDINGS_PER_1000_CLAUSES = 2.0


def one_clause(text: str, number: str = "X.1", title: str = "HOURS") -> Document:
    return Document(source="t.docx", articles=(Article(title, None, (
        Clause(number=number, number_printed=number, text=text, kind="num"),)),))


def codes(doc: Document, **kwargs) -> list:
    return [f.code for f in lint_document(doc, **kwargs)]


# --- the seed package: every finding the issue names -------------------------------------

@pytest.fixture(scope="module")
def seed_findings():
    if not SEED.exists():
        pytest.skip(f"seed package not found at {SEED}")
    return lint_document(read(str(SEED)))


@needs_seed
def test_seed_union_named_two_ways_is_reported_once_with_the_spellings(seed_findings):
    names = [f for f in seed_findings if f.code == "RL501" and "NUHW" in f.message]
    assert len(names) == 1
    assert "'National Union of Health Workers'" in names[0].message
    assert "'National Union of Healthcare Workers'" in names[0].message
    assert "'National Union of Health Care Workers'" in names[0].message


@needs_seed
@pytest.mark.parametrize("code,text", [
    ("RL202", "Article?"),  # "as described in Article? Recognition"
    ("RL102", "2% 4%"),  # a struck and an inserted figure left together
    ("RL102", "6% 7%"),
    ("RL102", "fifteen (15) ten(10) working days"),
    ("RL102", "twelve SIXTEEN (16) holidays"),
    ("RL101", "one hundred eight (208) duty days"),
    ("RL202", "Section (HOURS)"),
    ("RL201", "Article X"),
])
def test_seed_findings(seed_findings, code, text):
    assert any(f.code == code and text in f.message for f in seed_findings), \
        [f.line() for f in seed_findings if f.code == code]


@needs_seed
def test_seed_x_placeholders_reported_once_per_article(seed_findings):
    xs = [f for f in seed_findings if f.code == "RL201" and "keep the X placeholder" in
          f.message]
    assert len({f.article for f in xs}) == len(xs) >= 10
    assert any("(the article is numbered 9)" in f.message for f in xs)


# --- generated documents -------------------------------------------------------------------

@settings(max_examples=120, deadline=None)
@given(clean_documents())
def test_a_clean_generated_document_gives_no_finding(doc):
    assert lint_document(doc) == ()


@settings(max_examples=150, deadline=None)
@given(clean_documents(), st.sampled_from(PLANTABLE), st.integers(0, 50))
def test_a_planted_error_is_always_found(doc, code, where):
    found = lint_document(plant(doc, code, where))
    assert code in {f.code for f in found}, [f.line() for f in found]


@settings(max_examples=12, deadline=None)
@given(clean_documents(), st.sampled_from([c for c in PLANTABLE
                                           if c not in ("RL601", "RL602")]),
       st.integers(0, 50))
def test_planted_errors_are_found_through_the_docx_reader(tmp_path_factory, doc, code, where):
    folder = tmp_path_factory.mktemp("gen")
    clean, bad = folder / "clean.docx", folder / "bad.docx"
    clean.write_bytes(document_docx(doc))
    bad.write_bytes(document_docx(plant(doc, code, where)))
    assert lint_document(read(str(clean))) == ()
    assert code in {f.code for f in lint_document(read(str(bad)))}


def test_a_note_dated_after_its_proposal_is_found_through_the_reader(tmp_path):
    from docx_builder import read_docx_snippets

    body = (p("ARTICLE 12 - SICK LEAVE", b=True) + p("X.1 Members earn one (1) day a month.")
            + p("Union agrees with language 06/01/2024", i=True))
    doc = read_docx_snippets(tmp_path, body=body,
                             header=p("District Counter Proposal 05/09/2024"))
    found = [f for f in lint_document(doc) if f.code == "RL601"]
    assert len(found) == 1 and "2024-06-01" in found[0].message and "2024-05-09" in \
        found[0].message


def test_a_mark_in_no_rounds_colour_is_found_through_the_reader(tmp_path):
    from docx_builder import read_docx_snippets

    red, green = "FF0000", "00B050"
    body = p("ARTICLE 12 - SICK LEAVE", b=True) + p(
        "X.1 Members earn ", r("two", u=True, color=red), r(" odd", u=True, color=green),
        " days.")
    doc = read_docx_snippets(tmp_path, body=body, header=p("Union Initial Proposal 02/07/2024")
                             + p("Red - district counter 03.07.24", color=red))
    found = [f for f in lint_document(doc) if f.code == "RL602"]
    assert len(found) == 1 and green in found[0].message
    # the colour of the key is not a finding
    doc = read_docx_snippets(tmp_path, "ok.docx", body=p("ARTICLE 12 - SICK LEAVE", b=True)
                             + p("X.1 Members earn ", r("two", u=True, color=red), " days."),
                             header=p("Union Initial Proposal 02/07/2024")
                             + p("Red - district counter 03.07.24", color=red))
    assert "RL602" not in codes(doc)


# --- what is not a finding (found on real agreements) -------------------------------------

@pytest.mark.parametrize("text", [
    "paid at time and one-half (1.5) the regular rate",
    "two and one-half (2.5) hours",
    "six and ninety five one hundredths percent (6.95%)",
    "four and seventy-five percent (4.75%)",
    "up to six tenths of one percent (0.6%) of wages",
    "one-half (50%) of the premium",
    "one hundred and twenty thousand dollars ($120,000)",
    "one dollar and two cents ($1.02) per hour",
    "a five-eight (5/8) schedule",
    "a schedule of four (4) ten (10) hour days",
    "four (4) ten (10)-hour shifts",
    "a combination of eight (8) ten (10) and twelve (12) hour shifts",
    "to be determined by the Agency",
    "Signed this ____ day of ________, 2023.",
    "Employee Name: ______________",
    "as provided in Article 12 of the Oregon Constitution",
])
def test_not_a_finding(text):
    assert codes(one_clause(text, "9.1")) == []


@pytest.mark.parametrize("text,code", [
    ("within fifteen (10) working days", "RL101"),
    ("within fifty (5) miles", "RL101"),
    ("An additional 2% 4% on the salary schedule", "RL102"),
    ("a lump sum of $5,000. $7500.", "RL102"),
    ("within three (3) two (2) days", "RL102"),
    ("the following twelve SIXTEEN (16) holidays", "RL102"),
    ("the stipend shall be paid within ___ days", "RL203"),
    ("the stipend is [insert amount]", "RL203"),
    ("as described in Article ? Recognition", "RL202"),
    ("under Article (Vacation)", "RL202"),
])
def test_a_finding(text, code):
    assert code in codes(one_clause(text, "9.1"))


def test_party_names_two_agencies_are_not_one_party_misspelled():
    text = ("The Oregon Department of Human Services (ODHS) and the Oregon Department of "
            "Administrative Services (DAS) agree. The Oregon Department of Human Services "
            "shall act.")
    assert "RL501" not in codes(one_clause(text))


def test_party_names_reported_once_with_every_spelling():
    text = ("Between the District and the National Union of Health Workers (NUHW). The "
            "National Union of Healthcare Workers (NUHW) and the National Union of Health "
            "Care Workers (NUHW or union) agree.")
    found = [f for f in lint_document(one_clause(text)) if f.code == "RL501"]
    assert len(found) == 1
    assert found[0].message.count("'National Union of") == 3


def test_numbering_restarts_under_a_section_line_and_after_a_heading():
    clauses = (Clause(number="X.1", text="A."), Clause(number="X.2", text="B."),
               Clause(number="X", text="Military Leave", kind="section"),
               Clause(number="X.1", text="C."), Clause(text="Bereavement Leave"),
               Clause(number="X.1", text="D."))
    doc = Document(articles=(Article("LEAVES", None, clauses),))
    assert codes(doc, ignore=["RL201"]) == []


def test_a_wrapped_reference_is_not_a_clause_number():
    clauses = (Clause(number="Section1", text="A."), Clause(number="Section2", text="B."),
               Clause(number="Section15", text="of Article 13 applies."),
               Clause(number="Section3", text="C."))
    assert codes(Document(articles=(Article("HOURS", "12", clauses),))) == []


def test_select_and_ignore_by_prefix():
    doc = one_clause("within fifteen (10) days; an additional 2% 4%; TBD")
    assert {f.code for f in lint_document(doc)} == {"RL101", "RL102", "RL201", "RL203"}
    assert {f.code for f in lint_document(doc, select=["RL1"])} == {"RL101", "RL102"}
    assert {f.code for f in lint_document(doc, ignore=["RL1", "RL201"])} == {"RL203"}
    assert select_findings(lint_document(doc), ["rl203"]) == list(
        lint_document(doc, select=["RL203"]))


def test_every_code_has_a_name_and_an_example_in_the_docs():
    doc = (ROOT / "docs" / "lint.md").read_text()
    for code, (name, _what) in CODES.items():
        assert f"`{code}`" in doc and name in doc, code


def test_assembly_lint_leaves_out_what_assembly_resolves():
    art = Article("HOURS", "3", (Clause(number="X.1", text="see Article ? Safety; TBD"),))
    assert [f.code for f in lint_articles([art])] == ["RL203"]


# --- samples, corpus and real agreements ---------------------------------------------------

@pytest.mark.parametrize("path", SAMPLES, ids=lambda x: x.name)
def test_samples_find_only_the_x_placeholder(path):
    found = lint_document(read(str(path)))
    assert [f.code for f in found] == ["RL201"]
    assert "(the article is numbered 12)" in found[0].message


@needs_corpus
def test_corpus_finds_the_one_skipped_number():
    """The corpus's last EVALUATION version numbers X.3.3 then X.3.5; nothing else is wrong
    in the corpus's proposals but their X placeholders."""
    found = []
    for path in sorted(CORPUS.glob("*/v*.docx")):
        found.extend(lint_document(read(str(path)), ignore=["RL201"]))
    assert [(Path(f.source).name, f.code, f.where) for f in found] == [
        ("v4_2024-06-20_district_counter.docx", "RL402", "X.3.5")]


@needs_peers
def test_few_findings_on_the_real_oregon_agreements():
    """The 26 current (2025-2027) Oregon agreements: few findings per clause, most of them
    real slips (docs/lint.md has the whole measurement on all 52)."""
    files = sorted(OREGON.glob("*-2025-2027.md"))
    if not files:
        pytest.skip(f"Oregon agreements not found at {OREGON}")
    clauses = findings = 0
    started = time.perf_counter()
    for path in files:
        doc = read(str(path))
        clauses += len(doc.clauses)
        findings += len(lint_document(doc))
    assert findings * 1000 / clauses <= MAX_OREGON_FINDINGS_PER_1000_CLAUSES, findings
    assert time.perf_counter() - started < 60


# --- the command ---------------------------------------------------------------------------

def test_cli_lines_and_exit_codes(tmp_path):
    runner = CliRunner()
    res = runner.invoke(cli, ["lint", str(SAMPLES[0])])
    assert res.exit_code == 1
    assert res.output.startswith(f"{SAMPLES[0]}:SICK LEAVE: RL201 ")
    res = runner.invoke(cli, ["lint", "--ignore", "RL201", *map(str, SAMPLES)])
    assert res.exit_code == 0 and res.output == ""
    res = runner.invoke(cli, ["lint", str(tmp_path / "missing.docx")])
    assert res.exit_code == 2
    res = runner.invoke(cli, ["lint", "--select", "RL9", str(SAMPLES[0])])
    assert res.exit_code == 2 and "RL9" in res.output


def test_cli_json_and_output_file(tmp_path):
    out = tmp_path / "lint.json"
    res = CliRunner().invoke(cli, ["lint", "--format", "json", "--select", "RL2,RL5",
                                   str(SAMPLES[-1]), "-o", str(out)])
    assert res.exit_code == 1, res.output
    data = json.loads(out.read_text())
    assert data["files"] == [str(SAMPLES[-1])]
    assert [f["code"] for f in data["findings"]] == ["RL201"]
    assert data["findings"][0]["name"] == "x-placeholder"


def test_cli_lints_a_redline_latest_text_and_marks(tmp_path):
    redline_path = tmp_path / "redline.docx"
    res = CliRunner().invoke(cli, ["history", *map(str, SAMPLES), "-o", str(redline_path)])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(cli, ["lint", "--ignore", "RL201", str(redline_path)])
    assert res.exit_code == 0, res.output


def test_cli_lints_a_workspace_article(tmp_path, monkeypatch):
    runner = CliRunner()
    folder = tmp_path / "ws"
    assert runner.invoke(cli, ["init", str(folder), "--employer", "Example District",
                               "--union", "NUHW"]).exit_code == 0
    monkeypatch.chdir(folder)
    assert runner.invoke(cli, ["add", *map(str, SAMPLES)]).exit_code == 0
    res = runner.invoke(cli, ["lint", "sick leave"])
    assert res.exit_code == 1 and res.output.startswith("sick leave:SICK LEAVE: RL201 ")
    res = runner.invoke(cli, ["terms", "sick leave"])
    assert res.exit_code == 0, res.output
    assert "X.4 Verification: 5 -> 15 -> 10 consecutive work days" in res.output
