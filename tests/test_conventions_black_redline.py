"""The black-and-white redline (issue 12, marks): words struck through and new words
underlined, in black, with no colour key: the changes of the latest proposal the document
names, over the one before.  Said in a warning; never taken for a plain proposal with the
struck words still in it."""
from __future__ import annotations

from pathlib import Path

import pytest

from docx_builder import build_docx, p, r
from html_engines import html_engines
from redline.api import read

TWO = p("Union Initial Proposal 05/01/2024") + p("District Counter Proposal 05/09/2024")


def u2(text: str) -> str:
    return f'<w:r><w:rPr><w:u w:val="double"/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def s2(text: str) -> str:
    return f'<w:r><w:rPr><w:dstrike/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def doc_of(tmp_path: Path, *runs: str, header: str = TWO):
    body = p("ARTICLE 5 - LEAVES") + p(*runs) + p("X.2 Leave may be taken in hours.")
    path = tmp_path / "black.docx"
    build_docx(body, header=header or None, path=path)
    return read(str(path))


def texts(doc):
    return [[c.text for c in rnd.articles[0].clauses] for rnd in doc.rounds]


@pytest.mark.parametrize("struck, inserted", [
    (r("five (5)", strike=True), r(" seven (7)", u=True)),
    (s2("five (5)"), u2(" seven (7)")),
])
def test_struck_and_underlined_in_black_are_the_latest_rounds_changes(tmp_path, struck,
                                                                       inserted) -> None:
    doc = doc_of(tmp_path, r("X.1 Employees shall receive "), struck, inserted, r(" days."))
    assert doc.conventions.mode == "marks"
    assert [(x.proposal.party, x.proposal.date) for x in doc.rounds] == [
        ("Union", "2024-05-01"), ("District", "2024-05-09")]
    assert texts(doc) == [
        ["Employees shall receive five (5) days.", "Leave may be taken in hours."],
        ["Employees shall receive seven (7) days.", "Leave may be taken in hours."]]
    assert any("no colour key" in w for w in doc.warnings)
    assert doc.conventions.earlier_rounds_lost


def test_inserted_then_struck_is_in_neither_version(tmp_path) -> None:
    doc = doc_of(tmp_path, r("X.1 Employees shall receive "),
                 '<w:r><w:rPr><w:strike/><w:u w:val="single"/></w:rPr>'
                 '<w:t xml:space="preserve">six (6) </w:t></w:r>', r("days."))
    assert [t[0] for t in texts(doc)] == ["Employees shall receive days."] * 2


def test_one_proposal_line_names_the_changes_and_the_text_before_is_unnamed(tmp_path) -> None:
    doc = doc_of(tmp_path, r("X.1 Employees shall receive "), r("five (5)", strike=True),
                 r(" days."), header=p("District Counter Proposal 05/09/2024"))
    assert [(x.proposal.party, x.proposal.date) for x in doc.rounds] == [
        (None, None), ("District", "2024-05-09")]
    assert doc.proposal.party == "District"


@pytest.mark.parametrize("runs", [
    (r("X.1 "), r("Accrual", u=True), r(" Members earn leave.")),  # underline: emphasis
    (r("X.1 Members earn leave."), r(" ", strike=True)),  # a struck space
    (r("X.1 Members earn "), r("leave", b=True), r(".")),  # bold: never an insertion
])
def test_emphasis_and_stray_marks_are_a_plain_proposal(tmp_path, runs) -> None:
    doc = doc_of(tmp_path, *runs)
    assert doc.conventions.mode == "plain"
    assert not doc.rounds


def test_struck_words_in_an_ink_with_no_key_are_not_read_as_black(tmp_path) -> None:
    doc = doc_of(tmp_path, r("X.1 Employees shall receive "),
                 r("five (5)", strike=True, color="FF0000"), r(" days."),
                 header=p("Union Counter Proposal 05/01/2024"))
    assert doc.conventions.mode != "marks"


def test_struck_words_in_a_document_that_names_no_proposal_are_formatting(tmp_path) -> None:
    """Strikethrough as formatting (Open-XML-PowerTools' strikethrough_change test files):
    with no proposal line there is no round to give the changes to."""
    doc = doc_of(tmp_path, r("X.1 Employees shall receive "), r("five (5)", strike=True),
                 r(" days."), header="")
    assert doc.conventions.mode == "plain" and not doc.rounds
    assert any("struck text but no colour key" in w for w in doc.warnings)


def test_explain_says_it_is_a_black_redline(tmp_path) -> None:
    from click.testing import CliRunner

    from redline.cli import cli

    doc_of(tmp_path, r("X.1 Employees shall receive "), r("five (5)", strike=True),
           r(" seven (7)", u=True), r(" days."))
    res = CliRunner().invoke(cli, ["parse", str(tmp_path / "black.docx"), "--explain"])
    assert res.exit_code == 0, res.output
    assert "redline struck and underlined in black" in res.stdout
    assert "round 2: District 2024-05-09" in res.stdout


@pytest.mark.parametrize("engine", html_engines())
def test_a_printed_black_redline_reads_as_the_docx_does(tmp_path, engine) -> None:
    """Issue 13's parity: the same black-and-white redline printed to PDF (strike and
    underline drawn as lines) reads to the same two versions."""
    from redline.render.pdf import html_to_pdf

    html = ("<html><body><p>Union Initial Proposal 05/01/2024</p>"
            "<p>District Counter Proposal 05/09/2024</p><p><b>ARTICLE 5 - LEAVES</b></p>"
            "<p>X.1 Employees shall receive <s>five (5)</s> <u>seven (7)</u> days of leave "
            "each year for family care.</p><p>X.2 Leave may be taken in hours.</p>"
            "</body></html>")
    path = tmp_path / "black.pdf"
    path.write_bytes(html_to_pdf(html, engine))
    doc = read(str(path))
    assert doc.conventions.mode == "marks"
    assert [(x.proposal.party, x.proposal.date) for x in doc.rounds] == [
        ("Union", "2024-05-01"), ("District", "2024-05-09")]
    assert texts(doc) == [
        ["Employees shall receive five (5) days of leave each year for family care.",
         "Leave may be taken in hours."],
        ["Employees shall receive seven (7) days of leave each year for family care.",
         "Leave may be taken in hours."]]
