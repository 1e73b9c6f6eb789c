"""Marks as the other side draws them (issue 12): double strike as a deletion, double
underline as an insertion, highlight (w:highlight) and shading (w:shd) as the round's colour
when the text has no ink, insertions shown by colour alone."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import pytest
from lxml import etree

from conventions_fixtures import run, write_fixture
from docx_builder import W_NS, build_docx, p
from redline.api import read
from redline.ooxml import highlight_colour, shading_colour, underline_style
from redline.readers.docx import read_run_props


def _rpr(xml: str) -> etree._Element:
    return etree.fromstring(f'<w:rPr xmlns:w="{W_NS}">{xml}</w:rPr>')


@pytest.mark.parametrize("xml,want", [
    ('<w:highlight w:val="yellow"/>', "FFFF00"),
    ('<w:highlight w:val="darkBlue"/>', "000080"),
    ('<w:highlight w:val="none"/>', None),
    ("", None),
])
def test_highlight_colour(xml: str, want: Optional[str]) -> None:
    assert highlight_colour(_rpr(xml)) == want


@pytest.mark.parametrize("xml,want", [
    ('<w:shd w:val="clear" w:color="auto" w:fill="00B050"/>', "00B050"),
    ('<w:shd w:val="solid" w:color="FF0000" w:fill="auto"/>', "FF0000"),
    ('<w:shd w:val="clear" w:color="auto" w:fill="auto"/>', None),
    ('<w:shd w:val="clear" w:color="auto" w:fill="FFFFFF"/>', None),
    ('<w:shd w:val="nil"/>', None),
])
def test_shading_colour(xml: str, want: Optional[str]) -> None:
    assert shading_colour(_rpr(xml)) == want


@pytest.mark.parametrize("xml,strike,underline,dstrike,double", [
    ("<w:dstrike/>", True, None, True, None),
    ('<w:dstrike w:val="0"/>', None, None, False, None),
    ('<w:u w:val="double"/>', None, True, None, True),
    ('<w:u w:val="wavyDouble"/>', None, True, None, True),
    ('<w:u w:val="single"/>', None, True, None, False),
    ('<w:u w:val="none"/>', None, False, None, False),
])
def test_run_marks(xml, strike, underline, dstrike, double) -> None:
    props = read_run_props(_rpr(xml))
    assert (props.strike, props.underline, props.dstrike, props.double_underline) == (
        strike, underline, dstrike, double)
    assert underline_style(_rpr(xml)) == (None if underline is None else
                                          _rpr(xml)[0].get(f"{{{W_NS}}}val").lower())


@pytest.mark.parametrize("name,marks", [
    ("marks-double-strike-double-underline", {"double strike", "double underline"}),
    ("marks-highlight", {"highlight"}),
    ("marks-shading", {"shading"}),
    ("marks-colour-alone", {"colour", "strike"}),
])
def test_mark_styles_read_into_rounds(tmp_path: Path, name: str, marks: set) -> None:
    doc = read(str(write_fixture(name, tmp_path)))
    assert [rd.proposal.party for rd in doc.rounds] == ["District", "Union"], doc.warnings
    first = [c.full_text for a in doc.rounds[0].articles for c in a.clauses]
    last = [c.full_text for a in doc.rounds[1].articles for c in a.clauses]
    assert first[-1] == "X.2 Notice shall be given one (1) hour before the work day."
    assert last[-1] == "X.2 Notice shall be given two (2) hours before the work day."
    assert set(doc.conventions.marks) >= marks
    assert doc.conventions.mode == "colour"
    kinds = {s.text: s.kind for c in doc.articles[0].clauses for s in c.spans}
    assert kinds["one (1) hour"] == "del" and kinds["two (2) hours"] == "ins"


def test_highlight_for_emphasis_is_not_a_round(tmp_path: Path) -> None:
    """A yellow highlight the key does not name is emphasis: unmarked text, said."""
    header = (p("District Initial Proposal 02/07/2024")
              + p(run("Union counter 03/07/2024", '<w:color w:val="FF0000"/>')))
    body = (p("ARTICLE 12 - SICK LEAVE")
            + p("X.1 Leave ", run("must", '<w:highlight w:val="yellow"/>'), " be ",
                run("approved", '<w:color w:val="FF0000"/>'), "."))
    path = tmp_path / "highlight-emphasis.docx"
    build_docx(body, header=header, path=path)
    doc = read(str(path))
    first = doc.rounds[0].articles[0].clauses[0].full_text
    assert first == "X.1 Leave must be ."
    assert any("highlight FFFF00 is not a colour of the key" in w for w in doc.warnings)


def test_shaded_paragraph_is_the_round_of_its_colour(tmp_path: Path) -> None:
    """A whole paragraph inserted and shown by paragraph shading."""
    header = (p("District Initial Proposal 02/07/2024") + p("Green - Union counter 03/07/2024"))
    shaded = ('<w:p><w:pPr><w:shd w:val="clear" w:color="auto" w:fill="00B050"/></w:pPr>'
              + run("X.2 Leave may be donated.") + "</w:p>")
    path = tmp_path / "shaded-paragraph.docx"
    build_docx(p("ARTICLE 12 - SICK LEAVE") + p("X.1 Leave accrues.") + shaded,
               header=header, path=path)
    doc = read(str(path))
    assert [c.number for c in doc.rounds[0].articles[0].clauses] == ["X.1"]
    assert [c.number for c in doc.rounds[1].articles[0].clauses] == ["X.1", "X.2"]
