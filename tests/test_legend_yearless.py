"""Colour keys printed without a year ("Blue- District proposal on 02/07", as the seed
package prints them): the year comes from the proposal lines, said when guessed (issue 12).
Fixtures named after the convention: legend-year-less-dates."""
from __future__ import annotations

from pathlib import Path

from docx_builder import build_docx, p, r
from redline.api import read
from redline.readers.blocks import HeaderRun
from redline.readers.furniture import read_furniture
from redline.conventions.dates import month_day
from redline.conventions.keys import parse_key_entries
from redline.conventions.parties import DEFAULT_PARTIES


def test_month_day_reads_only_year_less_dates():
    assert month_day("Blue- District proposal on 02/07") == (2, 7)
    assert month_day("Red - Union counter 03.07") == (3, 7)
    assert month_day("Union counter 03/07/2024") is None  # a full date
    assert month_day("Article 9, section 2") is None
    assert month_day("Green - 13/40") is None


def test_an_entry_without_a_year_is_not_read_without_a_source_for_it():
    assert parse_key_entries("Blue- District proposal on 02/07", None) == []


def test_year_from_the_proposal_line_of_the_same_day_is_no_guess():
    header = [[HeaderRun("District Initial Proposal 02/07/2024")],
              [HeaderRun("Union Counter Proposal 03/07/2024")],
              [HeaderRun("Blue- District proposal on 02/07", "0000FF")],
              [HeaderRun("Red- Union counter on 03/07", "FF0000")]]
    warnings: list = []
    _, legend, _ = read_furniture(header, DEFAULT_PARTIES, warnings)
    assert [(e.color, e.party, e.date) for e in legend] == [
        ("0000FF", "District", "2024-02-07"), ("FF0000", "Union", "2024-03-07")]
    assert warnings == []


def test_year_taken_from_other_proposal_lines_is_said_to_be_a_guess():
    header = [[HeaderRun("Union Counter Proposal 05/09/2024")],
              [HeaderRun("Green- District counter on 05/02", "00B050")]]
    warnings: list = []
    _, legend, _ = read_furniture(header, DEFAULT_PARTIES, warnings)
    assert [(e.party, e.date) for e in legend] == [("District", "2024-05-02")]
    assert len(warnings) == 1 and "prints no year" in warnings[0] and "2024" in warnings[0]


def _redline(path: Path, blue: str, red: str) -> Path:
    header = (p("District Initial Proposal 02/07/24") + p("NUHW Counter Proposal 03/07/24") +
              p(r(blue, color="0000FF")) + p(r(red, color="FF0000")))
    body = (p("ARTICLE 12 - SICK LEAVE") +
            p("X.1 Members shall earn one (1) day of sick leave for each month of service.") +
            p("X.2 Notice shall be given ", r("one (1) hour", strike=True, color="FF0000"),
              r("two (2) hours", u=True, color="FF0000"), r(" before the work day.")))
    path.write_bytes(build_docx(body, header=header))
    return path


def test_legend_year_less_dates_docx_reads_as_the_dated_key_does(tmp_path: Path):
    """The seed package's key form in a DOCX header: before, the whole redline read as a
    plain proposal with struck and inserted words run together."""
    yearless = read(str(_redline(tmp_path / "legend-year-less-dates.docx",
                                 "Blue- District proposal on 02/07",
                                 "Red- Union counter on 03/07")))
    dated = read(str(_redline(tmp_path / "dated.docx", "Blue- District proposal on 02/07/24",
                              "Red- Union counter on 03/07/24")))
    assert yearless.rounds and len(yearless.rounds) == len(dated.rounds)
    for a, b in zip(yearless.rounds, dated.rounds):
        assert (a.proposal.party, a.proposal.date, a.color) == \
            (b.proposal.party, b.proposal.date, b.color)
        assert [c.full_text for x in a.articles for c in x.clauses] == \
            [c.full_text for x in b.articles for c in x.clauses]
    last = " ".join(c.full_text for x in yearless.rounds[-1].articles for c in x.clauses)
    assert "two (2) hours before" in last and "one (1) hour" not in last
