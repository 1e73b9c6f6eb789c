"""The by-party convention (one ink per party, only the latest round's changes underlined,
agreed language in a third ink) read as the two versions it holds, with a warning and the
JSON saying that the earlier rounds cannot be recovered from it (issue 12)."""
from __future__ import annotations

from pathlib import Path
from typing import List

import pytest

from docx_builder import build_docx, p, r
from redline.api import history, read
from redline.readers.blocks import HeaderRun
from redline.conventions.marks import is_by_party
from redline.readers.build import agreed_inks
from redline.conventions.parties import DEFAULT_PARTIES
from redline.model import ColourKeyEntry
from redline.render.history import ColourKey, render_history_docx

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "samples" / "sick_leave")
                 .glob("*.docx"))


def _clauses(articles) -> List[str]:
    return [c.full_text for a in articles for c in a.clauses]


def _entry(colour: str, party: str, date: str) -> ColourKeyEntry:
    return ColourKeyEntry(colour, party, date, None, "")


@pytest.mark.parametrize("legend,agreed,want", [
    # one ink per party, both parties with two rounds: by party
    ([_entry("0000FF", "District", "2024-02-07"), _entry("FF0000", "Union", "2024-03-07"),
      _entry("0000FF", "District", "2024-03-21"), _entry("FF0000", "Union", "2024-04-11")],
     [], True),
    # an agreed-language entry says so with fewer rounds
    ([_entry("0000FF", "District", "2024-02-07"), _entry("FF0000", "Union", "2024-03-07")],
     ["00B050"], True),
    # one ink keyed to two rounds of one party only: several dates of a by-round key
    ([_entry("0000FF", "District", "2024-02-21"), _entry("FF0000", "Union", "2024-03-07"),
      _entry("FF0000", "Union", "2024-05-09")], [], False),
    # a party with two inks: by round
    ([_entry("0000FF", "District", "2024-02-07"), _entry("FF0000", "Union", "2024-03-07"),
      _entry("00B050", "District", "2024-03-21"), _entry("FFA500", "Union", "2024-04-11")],
     ["7030A0"], False),
])
def test_is_by_party(legend, agreed, want) -> None:
    assert is_by_party(legend, agreed) is want


def test_agreed_inks() -> None:
    header = [[HeaderRun("Green - Agreed Language")], [HeaderRun("Blue - District 02/07/24")],
              [HeaderRun("Tentatively agreed", "7030A0")]]
    assert agreed_inks(header, DEFAULT_PARTIES) == ["00B050", "7030A0"]


@pytest.mark.skipif(len(SAMPLES) < 4, reason="samples/sick_leave not found")
def test_our_by_party_redline_reads_back_as_its_last_two_versions(tmp_path: Path) -> None:
    out = tmp_path / "by-party.docx"
    out.write_bytes(render_history_docx(history([str(f) for f in SAMPLES]),
                                        ColourKey(convention="by-party")))
    doc = read(str(out))
    assert [(rd.proposal.party, rd.proposal.date) for rd in doc.rounds] == [
        ("District", "2024-03-21T14:15"), ("Union", "2024-04-11")]
    for rd, clean in zip(doc.rounds, SAMPLES[2:]):
        assert _clauses(rd.articles) == _clauses(read(str(clean)).articles), clean.name
    assert doc.conventions.key_convention == "by-party"
    assert doc.conventions.earlier_rounds_lost
    said = [w for w in doc.warnings if w.startswith("by-party colour key")]
    assert len(said) == 1 and "cannot be recovered" in said[0]
    assert not any("not in the colour key" in w for w in doc.warnings)  # green is agreed


def test_a_by_party_redline_as_the_other_side_prints_it(tmp_path: Path) -> None:
    """Undated entries, one per party, and an agreed-language entry."""
    header = (p("Union Counter Proposal 03/07/2024") + p("District Counter Proposal 04/02/2024")
              + p(r("Blue - District", color="0000FF")) + p(r("Red - Union", color="FF0000"))
              + p(r("Green - Agreed Language", color="00B050")))
    body = (p("ARTICLE 12 - SICK LEAVE")
            + p("X.1 Members earn ", r("one (1)", color="00B050"), " day",
                r(" each month", color="FF0000"), r(" of service", color="0000FF", u=True),
                "."),
            )[0] + p("X.2 Notice is given ", r("two (2)", color="FF0000", strike=True, u=True),
                     r("three (3)", color="0000FF", u=True), r(" hours", color="FF0000"),
                     r(" early", strike=True, color="FF0000"), ".")
    path = tmp_path / "by-party-external.docx"
    build_docx(body, header=header, path=path)
    doc = read(str(path))
    assert [(rd.proposal.party, rd.proposal.date) for rd in doc.rounds] == [
        ("Union", "2024-03-07"), ("District", "2024-04-02")]
    assert _clauses(doc.rounds[0].articles) == [
        "X.1 Members earn one (1) day each month.", "X.2 Notice is given two (2) hours."]
    assert _clauses(doc.rounds[1].articles) == [
        "X.1 Members earn one (1) day each month of service.",
        "X.2 Notice is given three (3) hours."]
    assert doc.conventions.earlier_rounds_lost
