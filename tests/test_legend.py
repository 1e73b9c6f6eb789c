"""Proposal lines, dates, parties and colour keys (``redline.conventions``), and the header
furniture built from them (``redline.readers.furniture.read_furniture``)."""
from __future__ import annotations

from typing import Optional

import pytest

from redline.readers.blocks import HeaderRun
from redline.readers.build import proposal_from_text
from redline.readers.furniture import read_furniture
from redline.conventions.colours import colour_name, is_neutral, nearest_colour
from redline.conventions.dates import normalise_date, parse_date
from redline.conventions.keys import colour_named_in, parse_key_entries, split_proposal_lines
from redline.conventions.parties import DEFAULT_PARTIES, PartyNames
from redline.conventions.proposals import dedupe_proposals, parse_proposal_line


@pytest.mark.parametrize("text,date", [
    ("05/09/2024", "2024-05-09"),
    ("05/09/24", "2024-05-09"),
    ("05.23.24.", "2024-05-23"),
    ("_05.23.24", "2024-05-23"),
    ("06/20/2024- 3:35PM", "2024-06-20T15:35"),
    ("06/20/2024 at 9:05 am", "2024-06-20T09:05"),
    ("06/20/2024 12:10 AM", "2024-06-20T00:10"),
    ("June 26, 2024", "2024-06-26"),
    ("no date here", None),
    ("13/40/2024", None),
])
def test_parse_date(text: str, date: Optional[str]) -> None:
    assert parse_date(text)[0] == date


@pytest.mark.parametrize("text,date", [("2024-05-09", "2024-05-09"),
                                       ("2024-05-09 15:35", "2024-05-09T15:35"),
                                       ("05/09/2024", "2024-05-09"), ("soon", None)])
def test_normalise_date(text: str, date: Optional[str]) -> None:
    assert normalise_date(text) == date


@pytest.mark.parametrize("line,party,date,label", [
    ("District Counter Proposal 05/09/2024", "District", "2024-05-09",
     "District counter proposal"),
    ("NUHW-SUSD Contract Negotiations _Union Proposal 05/09/24", "Union", "2024-05-09",
     "Union proposal"),
    ("SUSD to NUHW Counter 06/20/2024- 3:35PM", "District", "2024-06-20T15:35",
     "District counter proposal"),
    ("NUHW to SUSD Counter Proposal_ 06/20/24", "Union", "2024-06-20", "Union counter proposal"),
    ("SUSD to NUHW Counterproposal 06.07.2024", "District", "2024-06-07",
     "District counter proposal"),
    ("District Initial Proposal 02.07.24", "District", "2024-02-07",
     "District initial proposal"),
    ("NUHW Initial Proposal 05/09/24", "Union", "2024-05-09", "Union initial proposal"),
])
def test_parse_proposal_line(line: str, party: str, date: str, label: str) -> None:
    prop = parse_proposal_line(line)
    assert prop is not None
    assert (prop.party, prop.date, prop.label, prop.text) == (party, date, label, line)


@pytest.mark.parametrize("line", [
    "Stockton Unified School District",  # no date, no proposal word
    "District Counter Proposal",  # no date
    "Counter Proposal 05/09/2024",  # no party
    "Page 2 of 5",
])
def test_not_proposal_lines(line: str) -> None:
    assert parse_proposal_line(line) is None


def test_party_aliases_extend() -> None:
    parties = PartyNames({"District": ("District", "LAUSD"), "Union": ("Union", "UTLA")})
    prop = parse_proposal_line("UTLA Counter Proposal 01/15/2025", parties)
    assert prop is not None and prop.party == "Union"
    assert parties.find("LAUSD to UTLA Counter 01/20/2025") == "District"


@pytest.mark.parametrize("text,party", [
    ("NUHW-SUSD Contract Negotiations _Union Proposal", "Union"),
    ("SUSD to NUHW Counter", "District"),
    ("NUHW to SUSD Counter", "Union"),
    ("Employer proposal", "District"),
    ("nothing here", None),
])
def test_party_find(text: str, party: Optional[str]) -> None:
    assert DEFAULT_PARTIES.find(text) == party


def test_split_proposal_lines() -> None:
    assert split_proposal_lines(
        "Union Proposal 05/09/24   District Counter Proposal 03/07/2024") == [
        "Union Proposal 05/09/24", "District Counter Proposal 03/07/2024"]


@pytest.mark.parametrize("text,colour", [
    ("Blue - district counter 03.07.24.", "0000FF"),
    ("District Counter in Green_05.23.24", "00B050"),
    ("Red: Union counter 05.09.24", "FF0000"),
    ("Union counter (Purple) 06.06.24", "7030A0"),
    ("Union Counter Proposal_ 06.06.24", None),
])
def test_colour_named_in(text: str, colour: Optional[str]) -> None:
    assert colour_named_in(text) == colour


@pytest.mark.parametrize("text,font,colour,party,date", [
    ("Blue - district counter 03.07.24.", "0000FF", "0000FF", "District", "2024-03-07"),
    ("District Counter in Green_05.23.24", None, "00B050", "District", "2024-05-23"),
    ("Union Counter Proposal_ 06.06.24", "FFA500", "FFA500", "Union", "2024-06-06"),
    # the ink wins when the word and the ink disagree
    ("Blue - district counter 03.07.24.", "FF0000", "FF0000", "District", "2024-03-07"),
])
def test_parse_key_entry(text, font, colour, party, date) -> None:
    (entry,) = parse_key_entries(text, font)
    assert (entry.color, entry.party, entry.date) == (colour, party, date)


def test_key_entry_needs_party_and_date() -> None:
    assert parse_key_entries("Blue - changes", "0000FF") == []


def test_read_furniture_proposals_and_key() -> None:
    header = [
        [HeaderRun("NUHW to SUSD Counter Proposal_ 06/06/24")],
        [HeaderRun("SUSD to NUHW Counterproposal 05.23.2024")],
        [HeaderRun("District Initial Proposal 02.07.24")],
        [HeaderRun("Union Counter Proposal_ 06.06.24", "FFA500"), HeaderRun("    "),
         HeaderRun("District Counter in Green_05.23.24", "00B050")],
    ]
    proposals, legend, lines = read_furniture(header, DEFAULT_PARTIES)
    assert [(p.party, p.date) for p in dedupe_proposals(proposals)] == [
        ("District", "2024-02-07"), ("District", "2024-05-23"), ("Union", "2024-06-06")]
    assert [(e.color, e.party, e.date) for e in legend] == [
        ("FFA500", "Union", "2024-06-06"), ("00B050", "District", "2024-05-23")]
    assert lines[0] == "NUHW to SUSD Counter Proposal_ 06/06/24"


@pytest.mark.parametrize("colour,neutral", [
    (None, True), ("auto", True), ("000000", True), ("404040", True), ("FF0000", False),
    ("0000FF", False), ("00B050", False), ("C0C0C0", False)])
def test_is_neutral(colour: Optional[str], neutral: bool) -> None:
    assert is_neutral(colour) is neutral


def test_nearest_colour_within_tolerance() -> None:
    palette = ["0000FF", "FF0000", "00B050"]
    assert nearest_colour("0A00F0", palette) == "0000FF"
    assert nearest_colour("00B04F", palette) == "00B050"
    assert nearest_colour("FFFF00", palette) is None


def test_colour_name() -> None:
    assert (colour_name("0000FF"), colour_name("00B050"), colour_name(None)) == (
        "Blue", "Green", "Black")


def test_proposal_from_text() -> None:
    prop = proposal_from_text("SUSD 2024-05-09 15:35 District counter")
    assert prop is not None
    assert (prop.party, prop.date, prop.label) == ("District", "2024-05-09T15:35",
                                                   "District counter")
