"""Proposal identity as the other side prints it (issue 12): "PARTY to PARTY  Date: ...  Time:
..." lines, party acronyms learned from the document or given with --party-alias, proposal
lines in a cover block at the top of the body, the file name as a last resort (said), and the
time of day kept in the model and the JSON."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import pytest
from click.testing import CliRunner

from conventions_fixtures import write_fixture
from docx_builder import build_docx, p
from redline.api import read
from redline.cli import cli
from redline.conventions.dates import all_dates, file_name_date, month_days, parse_date
from redline.readers import ReadOptions
from redline.conventions import KnownConventions
from redline.conventions.keys import split_proposal_lines
from redline.conventions.parties import DEFAULT_PARTIES, PartyNames, learn_aliases
from redline.conventions.proposals import parse_proposal_line, proposal_from_file_name

SF = PartyNames({"District": ("District", "SFUSD"), "Union": ("Union", "UESF")})


@pytest.mark.parametrize("text,date", [
    ("SFUSD to UESF  Date: 2/7/2026  Time: 8:00pm", "2026-02-07T20:00"),
    ("Date: 2/5/2026 Time: 10:15 AM", "2026-02-05T10:15"),
    ("District Counter Proposal 06.06.24 (12:15 PM)", "2024-06-06T12:15"),
    ("SUSD to NUHW Counter 06/20/2024- 3:35PM", "2024-06-20T15:35"),
    ("UESF to SFUSD  Date:   Time: ", None),  # a line left blank: no date, none invented
])
def test_dates_with_times(text: str, date: Optional[str]) -> None:
    assert parse_date(text)[0] == date


def test_several_dates_and_month_days() -> None:
    assert all_dates("05/09/24 and 06/01/2024 3:35PM") == ["2024-05-09", "2024-06-01T15:35"]
    assert month_days("Red- Union counter on 03/07; 05/09") == [(3, 7), (5, 9)]
    assert month_days("Red- Union counter on 03/07/24") == []


@pytest.mark.parametrize("name,date", [
    ("v3_2024-06-20_1040_union_counter.docx", "2024-06-20T10:40"),
    ("v2_2024-03-07_union_counter.docx", "2024-03-07"),
    ("2024-06-20 15.35 district counter.pdf", "2024-06-20T15:35"),
    ("counter.docx", None),
    ("v1_2024-13-45_x.docx", None),
])
def test_file_name_date(name: str, date: Optional[str]) -> None:
    assert file_name_date(name) == date


@pytest.mark.parametrize("line,parties,party,date", [
    ("SFUSD to UESF  Date: 2/7/2026  Time: 8:00pm", SF, "District", "2026-02-07T20:00"),
    ("UESF to SFUSD Date: 2/5/2026 Time: 4:30pm", SF, "Union", "2026-02-05T16:30"),
    ("SFUSD Counter to UESF 02/09/2026", SF, "District", "2026-02-09"),
])
def test_sender_lines(line: str, parties: PartyNames, party: str, date: str) -> None:
    prop = parse_proposal_line(line, parties)
    assert prop is not None and (prop.party, prop.date) == (party, date)


@pytest.mark.parametrize("line", [
    "SFUSD to UESF  Date: 2/7/2026",  # the acronyms unknown: no party
    "Travel to Sacramento 2/7/2026",  # not two parties
    "District to District 2/7/2026",  # one party twice
])
def test_not_sender_lines(line: str) -> None:
    assert parse_proposal_line(line, DEFAULT_PARTIES) is None


def test_sender_line_stays_whole_in_a_header() -> None:
    assert split_proposal_lines("SFUSD to UESF  Date: 2/7/2026  Time: 8:00pm   UESF to SFUSD  "
                                "Date: 2/5/2026  Time: 4:00pm") == [
        "SFUSD to UESF  Date: 2/7/2026  Time: 8:00pm",
        "UESF to SFUSD  Date: 2/5/2026  Time: 4:00pm"]


@pytest.mark.parametrize("text,learned", [
    ("the San Francisco Unified School District (SFUSD) and United Educators of San Francisco "
     "(UESF)", ["SFUSD=District", "UESF=Union"]),
    ("Stockton Unified School District (District) and the National Union of Healthcare "
     "Workers (NUHW)", []),  # both known already
    ("Los Angeles Unified School District (LAUSD) and United Teachers Los Angeles (UTLA)",
     ["LAUSD=District", "UTLA=Union"]),
    ("California School Employees Association (CSEA) Chapter 821", []),  # CSEA known
    ("the Memorandum of Understanding (MOU) between the parties", []),  # no side in its name
    ("Paid Time Off (PTO) for the District", []),  # initials that name no party
    ("the Union Benefits Committee (UBC)", []),  # a committee, not a party
    ("Denver Classroom Teachers Association (DCTA)", ["DCTA=Union"]),
    ("the Association and the Junior Reserve Officer Training Corps (JROTC)", []),
])
def test_learn_aliases_from_full_names(text: str, learned: list) -> None:
    _, got, guesses = learn_aliases([text], DEFAULT_PARTIES)
    assert got == learned and guesses == []


def test_the_other_party_of_a_sender_line_is_a_guess_said() -> None:
    parties, learned, guesses = learn_aliases(
        ["San Francisco Unified School District (SFUSD)", "SFUSD to UESF  Date: 2/7/2026"],
        DEFAULT_PARTIES)
    assert learned == ["SFUSD=District", "UESF=Union"]
    assert len(guesses) == 1 and "--party-alias Union=UESF" in guesses[0]
    assert parties.canonical("UESF") == "Union"


def test_party_alias_given_is_never_overridden() -> None:
    given = PartyNames({"District": ("District",), "Union": ("Union", "SFUSD")})
    parties, learned, _ = learn_aliases(["San Francisco Unified School District (SFUSD)"], given)
    assert learned == [] and parties.canonical("SFUSD") == "Union"


@pytest.mark.parametrize("name,party,date", [
    ("v3_2024-06-20_1040_union_counter.docx", "Union", "2024-06-20T10:40"),
    ("2024-05-09_District_Counter.docx", "District", "2024-05-09"),
    ("notes_2024-05-09.docx", None, None),  # no party
])
def test_proposal_from_file_name(name: str, party, date) -> None:
    prop = proposal_from_file_name(name)
    assert (prop.party, prop.date) == (party, date) if prop else party is None


def test_sender_line_document_round_trip(tmp_path: Path) -> None:
    doc = read(str(write_fixture("proposal-sender-line-acronyms", tmp_path)))
    assert (doc.proposal.party, doc.proposal.date) == ("District", "2026-02-07T20:00")
    assert doc.conventions.proposal_source == "header"
    assert doc.conventions.aliases == ("SFUSD=District", "UESF=Union")


def test_sender_line_with_party_alias_only(tmp_path: Path) -> None:
    """No full names in the document: --party-alias settles it."""
    path = tmp_path / "alias.docx"
    build_docx(p("ARTICLE 1 - TERM") + p("X.1 Three years."),
               header=p("UESF to SFUSD  Date: 2/9/2026  Time: 10:05am"), path=path)
    assert not read(str(path)).proposal.known
    doc = read(str(path), options=ReadOptions(conventions=KnownConventions(parties=PartyNames(
        {"District": ("District", "SFUSD"), "Union": ("Union", "UESF")}))))
    assert (doc.proposal.party, doc.proposal.date) == ("Union", "2026-02-09T10:05")


def test_cover_block_on_two_lines(tmp_path: Path) -> None:
    doc = read(str(write_fixture("proposal-cover-block", tmp_path)))
    assert (doc.proposal.party, doc.proposal.date) == ("District", "2026-02-05")
    assert doc.conventions.proposal_source == "cover block"


def test_file_name_is_a_last_resort_said(tmp_path: Path) -> None:
    path = tmp_path / "v3_2024-06-20_1040_union_counter.docx"
    build_docx(p("ARTICLE 1 - TERM") + p("X.1 Three years."), path=path)
    doc = read(str(path))
    assert (doc.proposal.party, doc.proposal.date) == ("Union", "2024-06-20T10:40")
    assert doc.conventions.proposal_source == "file name"
    said = [w for w in doc.warnings if "file name" in w]
    assert len(said) == 1 and "--round" in said[0] and said[0] in doc.conventions.guesses
    # a proposal line in the document wins over the file name, and nothing is said
    build_docx(p("ARTICLE 1 - TERM") + p("X.1 Three years."),
               header=p("District Counter Proposal 06/21/2024"), path=path)
    doc = read(str(path))
    assert (doc.proposal.party, doc.proposal.date) == ("District", "2024-06-21")
    assert not any("file name" in w for w in doc.warnings)


def test_time_of_day_in_the_json(tmp_path: Path) -> None:
    path = write_fixture("proposal-sender-line-acronyms", tmp_path)
    result = CliRunner().invoke(cli, ["parse", str(path)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["proposal"]["date"] == "2026-02-07T20:00"
    assert data["conventions"]["proposal_line"] == "SFUSD to UESF  Date: 2/7/2026  Time: 8:00pm"


def test_tracked_authors_named_by_a_learned_acronym(tmp_path: Path) -> None:
    """A revision author 'UESF' is the Union once the document defines the acronym."""
    ins = ('<w:ins w:id="1" w:author="UESF" w:date="2026-02-07T10:00:00Z"><w:r><w:t '
           'xml:space="preserve"> each year</w:t></w:r></w:ins>')
    path = tmp_path / "tracked-acronym.docx"
    build_docx(p("The San Francisco Unified School District (SFUSD) and United Educators of "
                 "San Francisco (UESF) agree.") + p("ARTICLE 1 - SALARY")
               + p("X.1 Salaries rise three percent", ins, "."), path=path)
    doc = read(str(path))
    assert [rd.proposal.party for rd in doc.rounds][1:] == ["Union"]


@pytest.mark.parametrize("text,date", [
    ("Mar. 5th, 2025", "2025-03-05"),
    ("Sept 5 2025", "2025-09-05"),
    ("District proposal March 5, 2025 at 3:30 PM", "2025-03-05T15:30"),
    ("District counter 2024-05-09 15:35", "2024-05-09T15:35"),
    ("2023-2024 school year", None),
    ("Dec 32, 2024", None),
    ("the Union may 5 times a year", None),
])
def test_long_and_iso_dates(text: str, date: Optional[str]) -> None:
    assert parse_date(text)[0] == date


def test_sender_acronyms_read_from_names_spelled_out_said() -> None:
    texts = ["SFUSD to UESF  Date: 2/5/2026", "The San Francisco Unified School District "
             "proposes to keep the schedule.", "United Educators of San Francisco to continue."]
    parties, learned, guesses = learn_aliases(texts, DEFAULT_PARTIES)
    assert learned == ["SFUSD=District", "UESF=Union"]
    assert len(guesses) == 2 and all("spells out" in g and "--party-alias" in g
                                     for g in guesses)
    # a name with those initials that is not a party (a committee) teaches nothing
    _, learned, _ = learn_aliases(["UBC to SFUSD 2/5/2026", "the Union Benefits Committee"],
                                  DEFAULT_PARTIES)
    assert learned == []


def test_acronym_of_the_file_name_read_from_a_name_in_capitals(tmp_path: Path) -> None:
    """The MOU of ../shared/peers/real-bargaining prints no proposal line; its file name
    names SFUSD and a date, its header spells the District out in capitals: all said."""
    path = tmp_path / "sfusd-mou-sanctuary-2026-02-05.docx"
    build_docx(p("The District will seek opportunities to secure funding."),
               header=p("MEMORANDUM OF UNDERSTANDING BETWEEN")
               + p("THE SAN FRANCISCO UNIFIED SCHOOL DISTRICT AND"), path=path)
    doc = read(str(path))
    assert (doc.proposal.party, doc.proposal.date) == ("District", "2026-02-05")
    assert doc.conventions.aliases == ("SFUSD=District",)
    assert doc.conventions.proposal_source == "file name"
    assert len(doc.conventions.guesses) == 2


def test_cover_block_after_blank_lines(tmp_path: Path) -> None:
    """Google Docs writes a blank paragraph between the lines of a cover block."""
    path = tmp_path / "cover-blank-lines.docx"
    build_docx(p("") + p("") + p("") + p("") + p("SFUSD Proposal for District Stability") + p("")
               + p("") + p("") + p("February 5, 2026") + p("ARTICLE 1 - TERM")
               + p("X.1 Three years."), path=path)
    doc = read(str(path))
    assert (doc.proposal.party, doc.proposal.date) == ("District", "2026-02-05")
