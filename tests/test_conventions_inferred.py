"""Redlines that print no colour key but list their proposals in the header (the real counter
in ../shared/peers/real-bargaining, issue 12): the body's inks are taken to be the proposals
in the order the body shows them, said in a warning; a proposal line whose date is left blank
takes the file name's date (said) or none at all (said)."""
from __future__ import annotations

from pathlib import Path

import pytest

from corpus import PEERS
from docx_builder import build_docx, p, r
from redline.api import read
from redline.readers import ReadOptions
from redline.conventions import KnownConventions
from redline.conventions.parties import PartyNames

SF = ReadOptions(conventions=KnownConventions(parties=PartyNames({
    "District": ("District", "SFUSD"), "Union": ("Union", "UESF")})))
REAL_COUNTER = PEERS / "real-bargaining" / "uesf-counter-2026-02-07.pdf"


def _counter(path: Path, header: str) -> Path:
    body = (p("ARTICLE 1 - SALARY")
            + p("X.1 Salaries rise ", r("two", strike=True, color="FF0000"),
                r("three", u=True, color="FF0000"), " percent",
                r(" each year", u=True, color="0000FF"), "."))
    build_docx(body, header=header, path=path)
    return path


def test_inks_in_order_of_the_body_are_the_proposals_oldest_first(tmp_path: Path) -> None:
    header = (p("UESF to SFUSD  Date: 2/7/2026  Time: 9:00am")
              + p("SFUSD to UESF  Date: 2/5/2026  Time: 5:38 pm"))
    doc = read(str(_counter(tmp_path / "counter.docx", header)), options=SF)
    assert [(rd.proposal.party, rd.proposal.date, rd.color) for rd in doc.rounds] == [
        (None, None, None), ("District", "2026-02-05T17:38", "FF0000"),
        ("Union", "2026-02-07T09:00", "0000FF")]
    texts = [rd.articles[0].clauses[0].full_text for rd in doc.rounds]
    assert texts == ["X.1 Salaries rise two percent.", "X.1 Salaries rise three percent.",
                     "X.1 Salaries rise three percent each year."]
    assert doc.conventions.key_source == "inferred"
    said = [w for w in doc.warnings if w.startswith("no colour key")]
    assert len(said) == 1 and "--key" in said[0] and said[0] in doc.conventions.guesses


def test_one_proposal_more_than_inks_the_oldest_is_the_base(tmp_path: Path) -> None:
    header = (p("Union Counter Proposal 03/07/2024") + p("District Counter 02/21/2024")
              + p("District Initial Proposal 02/07/2024"))
    doc = read(str(_counter(tmp_path / "counter.docx", header)))
    assert [(rd.proposal.party, rd.proposal.date) for rd in doc.rounds] == [
        ("District", "2024-02-07"), ("District", "2024-02-21"), ("Union", "2024-03-07")]


def test_inks_and_proposals_that_do_not_fit_are_not_guessed(tmp_path: Path) -> None:
    doc = read(str(_counter(tmp_path / "counter.docx", p("Union Counter Proposal 03/07/2024"))))
    assert not doc.rounds
    assert any("no colour key in the header" in w for w in doc.warnings)


def test_a_blank_date_is_taken_from_the_file_name_and_said(tmp_path: Path) -> None:
    header = p("UESF to SFUSD  Date:") + p("SFUSD to UESF  Date: 2/5/2026  Time: 5:38 pm")
    doc = read(str(_counter(tmp_path / "uesf-counter-2026-02-07.docx", header)), options=SF)
    assert [(rd.proposal.party, rd.proposal.date) for rd in doc.rounds][1:] == [
        ("District", "2026-02-05T17:38"), ("Union", "2026-02-07")]
    said = [w for w in doc.warnings if "leaves its date blank" in w]
    assert len(said) == 1 and "file name" in said[0] and "--round" in said[0]


def test_a_blank_date_with_no_file_name_date_is_only_said(tmp_path: Path) -> None:
    header = p("UESF to SFUSD  Date:") + p("SFUSD to UESF  Date: 2/5/2026  Time: 5:38 pm")
    doc = read(str(_counter(tmp_path / "counter.docx", header)), options=SF)
    assert not any(rd.proposal.party == "Union" for rd in doc.rounds)
    assert any("leaves its date blank and the file name gives none" in w
               for w in doc.warnings)


@pytest.mark.skipif(not REAL_COUNTER.exists(), reason=f"real counter not found at {REAL_COUNTER}")
def test_real_counter_reads_into_its_header_rounds() -> None:
    """SantaJordan/sfusd-documents @ 010a74d: '[Exchanged 2.7.2025] UESF to SFUSD Counter to
    Stability Plan Proposal.pdf' (copied as uesf-counter-2026-02-07.pdf): no key, the header
    lists 'SFUSD to UESF Date: 2/5/2026 Time: 5:38 pm' and the union's line left blank."""
    doc = read(str(REAL_COUNTER), options=SF)
    assert [(rd.proposal.party, rd.proposal.date) for rd in doc.rounds][1:] == [
        ("District", "2026-02-05T17:38"), ("Union", "2026-02-07")]
    assert doc.conventions.key_source == "inferred"
    assert any("leaves its date blank" in w for w in doc.warnings)


@pytest.mark.skipif(not REAL_COUNTER.exists(), reason=f"real counter not found at {REAL_COUNTER}")
def test_real_counter_reads_without_flags_every_guess_said() -> None:
    """The counter names the parties only by acronyms in its header and spells the names out
    in its text: both are read, and said to be guesses."""
    doc = read(str(REAL_COUNTER))
    assert [(rd.proposal.party, rd.proposal.date) for rd in doc.rounds][1:] == [
        ("District", "2026-02-05T17:38"), ("Union", "2026-02-07")]
    assert set(doc.conventions.aliases) == {"SFUSD=District", "UESF=Union"}
    assert sum("spells out" in g for g in doc.conventions.guesses) == 2


def test_a_clean_proposal_with_a_coloured_word_is_no_redline(tmp_path: Path) -> None:
    """One proposal line and a red word (test_fuzz's case): no inks taken for rounds."""
    path = tmp_path / "clean.docx"
    build_docx(p("ARTICLE 4 - TRANSFER") + p("X.1 The ", r("District", color="FF0000"),
                                             " posts vacancies."),
               header=p("Union Counter Proposal 05/09/2024"), path=path)
    doc = read(str(path))
    assert not doc.rounds and doc.conventions.key_source == "none"
    # two proposal lines but nothing struck: still no redline
    build_docx(p("ARTICLE 4 - TRANSFER") + p("X.1 The ", r("District", color="FF0000"),
                                             " posts vacancies."),
               header=p("Union Counter Proposal 05/09/2024")
               + p("District Counter Proposal 05/01/2024"), path=path)
    assert not read(str(path)).rounds
