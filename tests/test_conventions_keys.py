"""Colour keys as the other side prints them (issue 12): entries with several dates or several
colours, entries with no date, inks near (not equal to) the named colour, and keys printed in
the body's first lines, a table or the footer rather than the page header."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional, Tuple

import pytest

from conventions_fixtures import write_fixture
from corpus import SHARED
from docx_builder import build_docx, p, r
from redline.api import read
from redline.conventions.colours import nearest_hue
from redline.readers.blocks import HeaderRun
from redline.readers.furniture import read_furniture
from redline.conventions.keys import colours_named_in, parse_key_entries, split_proposal_lines
from redline.conventions.parties import DEFAULT_PARTIES


def _entries(text: str, ink: Optional[str] = None, year: Optional[int] = None
             ) -> List[Tuple[Optional[str], Optional[str], Optional[str]]]:
    year_for = (lambda party, month, day: year) if year else None
    return [(e.color, e.party, e.date)
            for e in parse_key_entries(text, ink, DEFAULT_PARTIES, year_for)]


@pytest.mark.parametrize("text,ink,year,want", [
    # several dates: one entry per date, one ink
    ("Red- Union counter on 03/07; 05/09", "FF0000", 2024,
     [("FF0000", "Union", "2024-03-07"), ("FF0000", "Union", "2024-05-09")]),
    ("Red- Union counter on 03/07/24; 05/09/24", None, None,
     [("FF0000", "Union", "2024-03-07"), ("FF0000", "Union", "2024-05-09")]),
    ("Red - Union counters 03/07/2024 and 05/09/2024", None, None,
     [("FF0000", "Union", "2024-03-07"), ("FF0000", "Union", "2024-05-09")]),
    # several colours: one entry per colour
    ("Red & Blue - District Counters 05.09.2024", None, None,
     [("FF0000", "District", "2024-05-09"), ("0000FF", "District", "2024-05-09")]),
    ("Red and Green: Union counter 06/06/24", None, None,
     [("FF0000", "Union", "2024-06-06"), ("00B050", "Union", "2024-06-06")]),
    ("Blue/Purple - District proposal 02/07/2024", None, None,
     [("0000FF", "District", "2024-02-07"), ("7030A0", "District", "2024-02-07")]),
    # one colour, one date: as before
    ("Green- District counter 05.09.2024", None, None, [("00B050", "District", "2024-05-09")]),
    # no party, or no date and nothing to take one from: no entry
    ("Blue - changes 05/09/2024", "0000FF", None, []),
    ("Blue - District counter", "0000FF", None, []),
])
def test_key_entry_forms(text, ink, year, want) -> None:
    assert _entries(text, ink, year) == want


@pytest.mark.parametrize("text,want", [
    ("Red & Blue - District Counters 05.09.2024", ["FF0000", "0000FF"]),
    ("Red & Bold - District", []),  # not every word a colour: not a list of colours
    ("District Counter in Green_05.23.24", ["00B050"]),
    ("Union Counter Proposal 06.06.24", []),
])
def test_colours_named_in(text: str, want: List[str]) -> None:
    assert colours_named_in(text) == want


def test_a_second_date_of_one_entry_stays_with_it() -> None:
    assert split_proposal_lines("Red- Union counter on 03/07/24; 05/09/24   Blue - District "
                                "counter 02/07/24") == [
        "Red- Union counter on 03/07/24; 05/09/24", "Blue - District counter 02/07/24"]


@pytest.mark.parametrize("ink,palette,want", [
    ("0070C0", ["0000FF", "FF0000"], "0000FF"),  # Word's blue for a key that says Blue
    ("C00000", ["0000FF", "FF0000"], "FF0000"),  # Word's dark red
    ("00FF00", ["00B050", "FF0000"], "00B050"),  # the green highlight
    ("808080", ["0000FF", "FF0000"], None),  # gray is base text, never a round
    ("FFC0C0", ["0000FF", "FF0000"], None),  # pale: no reading by hue
    ("00FFFF", ["0000FF", "00B050"], None),  # between blue and green: no guess
])
def test_nearest_hue(ink: str, palette: List[str], want: Optional[str]) -> None:
    assert nearest_hue(ink, palette) == want


def test_undated_entry_takes_the_date_of_its_proposal_line() -> None:
    header = [[HeaderRun("Union Initial Proposal 03/07/2024")],
              [HeaderRun("District Counter Proposal 05/09/2024")],
              [HeaderRun("Blue - District Counter", "0000FF")]]
    warnings: list = []
    _, legend, _ = read_furniture(header, DEFAULT_PARTIES, warnings)
    assert [(e.color, e.party, e.date) for e in legend] == [("0000FF", "District", "2024-05-09")]
    assert warnings == []


def test_undated_entry_with_several_candidate_lines_is_a_guess_said() -> None:
    header = [[HeaderRun("District Counter Proposal 04/01/2024")],
              [HeaderRun("District Counter Proposal 05/09/2024")],
              [HeaderRun("Blue - District Counter", "0000FF")]]
    warnings: list = []
    _, legend, _ = read_furniture(header, DEFAULT_PARTIES, warnings)
    assert [(e.party, e.date) for e in legend] == [("District", "2024-05-09")]
    assert len(warnings) == 1 and "prints no date" in warnings[0] and "--key" in warnings[0]


def _last_x2(doc) -> str:
    return next(c.full_text for a in doc.rounds[-1].articles for c in a.clauses
                if c.number == "X.2")


def _round_texts(doc) -> List[Tuple[Optional[str], Optional[str], List[str]]]:
    return [(rd.proposal.party, rd.proposal.date,
             [c.full_text for a in rd.articles for c in a.clauses]) for rd in doc.rounds]


def test_several_dates_one_ink_latest_round_and_a_warning(tmp_path: Path) -> None:
    doc = read(str(write_fixture("key-several-dates", tmp_path)))
    assert [(rd.proposal.party, rd.proposal.date) for rd in doc.rounds] == [
        ("District", "2024-02-07"), ("District", "2024-02-21"), ("Union", "2024-03-07"),
        ("Union", "2024-05-09")]
    assert "two (2) hours" in _last_x2(doc)
    rounds = _round_texts(doc)
    assert "two (2) hours" not in " ".join(rounds[2][2])  # 03/07 cannot be told apart
    assert any("keyed to 2 rounds" in w and "--key" in w for w in doc.warnings)
    assert doc.conventions.key_source == "header"


def test_seed_key_red_goes_to_the_round_without_an_ink_of_its_own(tmp_path: Path) -> None:
    """The seed package's key: Red for the Union on 03/07 and 05/09, Orange for 05/09 too:
    Red marks are 03/07's (05/09 has Orange alone)."""
    header = (p("District Initial Proposal 02/07/2024")
              + p(r("Blue- District proposal on 02/07", color="0000FF"))
              + p(r("Red- Union counter on 03/07; 05/09", color="FF0000"))
              + p(r("Green- District counter on 05/02", color="00B050"))
              + p(r("Orange - Union counter on 05/09", color="FFA500")))
    body = (p("ARTICLE 12 - SICK LEAVE")
            + p("X.1 Leave ", r("accrues", color="FF0000"), r(" monthly", color="FFA500"), "."))
    path = tmp_path / "seed-key.docx"
    build_docx(body, header=header, path=path)
    doc = read(str(path))
    texts = {(rd.proposal.party, rd.proposal.date): " ".join(
        c.full_text for a in rd.articles for c in a.clauses) for rd in doc.rounds}
    assert "accrues" in texts[("Union", "2024-03-07")]
    assert "monthly" not in texts[("District", "2024-05-02")]
    assert "accrues monthly" in texts[("Union", "2024-05-09")]
    assert any("keyed to 2 rounds" in w and "Union 2024-03-07" in w for w in doc.warnings)


@pytest.mark.parametrize("name", ["key-several-colours", "key-undated-entry", "key-near-colour",
                                  "key-in-body", "key-in-table"])
def test_key_forms_read_into_rounds(tmp_path: Path, name: str) -> None:
    doc = read(str(write_fixture(name, tmp_path)))
    assert doc.rounds, doc.warnings
    first = " ".join(c.full_text for a in doc.rounds[0].articles for c in a.clauses)
    assert "one (1) hour" in first and "two (2) hours" not in first
    assert "Unused days" not in first
    last = _last_x2(doc)
    assert "two (2) hours before" in last and "one (1) hour" not in last
    latest = " ".join(c.full_text for a in doc.rounds[-1].articles for c in a.clauses)
    assert "Unused days carry over." in latest


def test_near_colours_said_in_warnings(tmp_path: Path) -> None:
    doc = read(str(write_fixture("key-near-colour", tmp_path)))
    said = [w for w in doc.warnings if "key colour of its hue" in w]
    assert len(said) == 2 and all("--key" in w for w in said)
    assert set(doc.conventions.guesses) >= set(said)


@pytest.mark.parametrize("name,where", [("key-in-body", "body"), ("key-in-table", "table")])
def test_key_in_the_body_is_found_and_not_read_as_insertions(tmp_path: Path, name: str,
                                                              where: str) -> None:
    doc = read(str(write_fixture(name, tmp_path)))
    assert doc.conventions.key_source == where
    assert [(e.party, e.date, e.color) for e in doc.legend] == [
        ("Union", "2024-03-07", "0000FF"), ("District", "2024-05-09", "00B050")]
    # the key's own words are never an insertion of the round whose ink they are printed in
    for a in doc.articles:
        for c in a.clauses:
            for s in c.spans:
                if "counter 03/07/2024" in s.text:
                    assert s.kind == "base"


def test_key_in_the_footer(tmp_path: Path) -> None:
    body = (p("ARTICLE 12 - SICK LEAVE")
            + p("X.1 Leave ", r("accrues", color="0000FF", u=True), " monthly."))
    path = tmp_path / "key-in-footer.docx"
    build_docx(body, header=p("District Initial Proposal 02/07/2024"),
               footer=p("Blue - Union counter 03/07/2024"), path=path)
    doc = read(str(path))
    assert doc.conventions.key_source == "footer"
    assert [rd.proposal.party for rd in doc.rounds] == ["District", "Union"]
    assert "accrues" not in doc.rounds[0].articles[0].clauses[0].full_text


def test_a_coloured_clause_in_the_body_is_not_a_key(tmp_path: Path) -> None:
    """Only the lines before the first article are searched, and a redline needs a key:
    a blue clause that names a party and a date stays a clause."""
    body = (p("ARTICLE 12 - SICK LEAVE")
            + p(r("X.1 The District shall pay by 05/09/2024.", color="0000FF")))
    path = tmp_path / "blue-clause.docx"
    build_docx(body, path=path)
    doc = read(str(path))
    assert not doc.legend and not doc.rounds
    assert doc.conventions.key_source == "none"


@pytest.mark.parametrize("line,want", [
    ("Blue- District proposal on 02/07 Red- Union counter on 03/07; 05/09 Green- District "
     "counter on 05/02 Orange - Union counter on 05/09",
     ["Blue- District proposal on 02/07", "Red- Union counter on 03/07; 05/09",
      "Green- District counter on 05/02", "Orange - Union counter on 05/09"]),
    ("Blue- Union Proposal 02/07 Red- District Counter 05/09",
     ["Blue- Union Proposal 02/07", "Red- District Counter 05/09"]),
    ("Red & Blue - District Counters 05.09.2024 Green - Union 05/10/2024",
     ["Red & Blue - District Counters 05.09.2024", "Green - Union 05/10/2024"]),
])
def test_a_key_printed_on_one_line_splits_at_each_colour(line: str, want: List[str]) -> None:
    assert split_proposal_lines(line) == want


SEED = SHARED / "seeds"


@pytest.mark.skipif(not SEED.exists(), reason=f"seed package text not found at {SEED}")
def test_seed_package_key_lines_read_entry_by_entry() -> None:
    """Every one-line key of the seed package text (../shared/seeds) reads into one entry
    per colour and date, none of them taking another entry's colour."""
    lines = [ln.strip() for f in sorted(SEED.glob("*.txt"))
             for ln in f.read_text(encoding="utf-8").splitlines()
             if ln.strip().startswith("Blue- District proposal on 02/07 Red-")]
    if not lines:
        pytest.skip("the seed package prints no one-line key")
    header = [[HeaderRun("District Initial Proposal 02/07/2024")], [HeaderRun(lines[0])]]
    _, legend, _ = read_furniture(header, DEFAULT_PARTIES, [])
    assert [(e.color, e.party, e.date) for e in legend] == [
        ("0000FF", "District", "2024-02-07"), ("FF0000", "Union", "2024-03-07"),
        ("FF0000", "Union", "2024-05-09"), ("00B050", "District", "2024-05-02"),
        ("FFA500", "Union", "2024-05-09")]


def test_a_long_coloured_paragraph_is_no_key_entry() -> None:
    """A table of contents in hyperlink blue that happens to name a party and a date (the
    Denver agreement's) is a paragraph, not a key entry."""
    toc = ("TABLE OF CONTENTS 1 STATEMENT OF BELIEFS 3 " + "Article 2 - General 8 " * 12
           + "Article 21 - Association Rights 82 (Beginning August 1, 2022) 117")
    assert parse_key_entries(toc, "1155CC") == []


def test_an_entry_with_only_a_swatch_or_its_colour_word_in_ink() -> None:
    header = [[HeaderRun("Blue -", "0000FF"), HeaderRun(" District counter 05/09/24")],
              [HeaderRun("\u25a0", "FF0000"), HeaderRun(" Union counter 05/20/24")]]
    _, legend, _ = read_furniture(header, DEFAULT_PARTIES, [])
    assert [(e.color, e.party, e.date) for e in legend] == [
        ("0000FF", "District", "2024-05-09"), ("FF0000", "Union", "2024-05-20")]


def test_a_coloured_cover_line_of_a_clean_proposal_is_no_key(tmp_path: Path) -> None:
    body = (p(r("District Counter Proposal 05/09/2024", color="0000FF"))
            + p("ARTICLE 12 - SICK LEAVE") + p("X.1 Leave ", r("accrues", color="FF0000"), "."))
    path = tmp_path / "blue-cover.docx"
    build_docx(body, path=path)
    doc = read(str(path))
    assert not doc.rounds and doc.conventions.key_source == "none"
    assert (doc.proposal.party, doc.proposal.date) == ("District", "2024-05-09")


def test_two_rounds_of_one_party_on_one_day_keep_their_inks(tmp_path: Path) -> None:
    header = (p("District Initial Proposal 06/01/2024")
              + p(r("Blue - Union counter 06/20/2024 10:30AM", color="0000FF"))
              + p(r("Red - Union counter 06/20/2024 3:35PM", color="FF0000")))
    body = (p("ARTICLE 12 - SICK LEAVE")
            + p("X.1 Leave ", r("accrues", color="0000FF", u=True),
                r(" monthly", color="FF0000", u=True), "."))
    path = tmp_path / "same-day.docx"
    build_docx(body, header=header, path=path)
    doc = read(str(path))
    assert [(rd.proposal.date, rd.color) for rd in doc.rounds] == [
        ("2024-06-01", None), ("2024-06-20T10:30", "0000FF"), ("2024-06-20T15:35", "FF0000")]
    texts = [rd.articles[0].clauses[0].full_text for rd in doc.rounds]
    assert texts == ["X.1 Leave .", "X.1 Leave accrues.", "X.1 Leave accrues monthly."]
    assert not any("keyed to" in w for w in doc.warnings)
