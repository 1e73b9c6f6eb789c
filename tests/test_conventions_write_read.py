"""What the renderers print, the readers read back (issue 12: each convention gets a write ->
read round trip): a proposal line written by ``conventions.proposals.format_proposal_line``
gives the same party, date and time of day; a key entry written by
``conventions.keys.format_key_entry`` gives the same ink, party and date, alone or with the
other entries on one header line."""
from __future__ import annotations

import datetime

from hypothesis import given
from hypothesis import strategies as st

from redline.conventions.colours import COLOUR_NAMES
from redline.conventions.keys import format_key_entry, parse_key_entries, split_proposal_lines
from redline.conventions.proposals import format_proposal_line, parse_proposal_line
from redline.model import Proposal

KINDS = ("initial proposal", "counter proposal", "proposal", "tentative agreement")
INKS = sorted(set(COLOUR_NAMES.values()) - {"000000"})


@st.composite
def proposals(draw: st.DrawFn) -> Proposal:
    party = draw(st.sampled_from(["District", "Union"]))
    day = datetime.date(2020, 1, 1) + datetime.timedelta(days=draw(st.integers(0, 3000)))
    date = day.isoformat()
    if draw(st.booleans()):
        date += f"T{draw(st.integers(0, 23)):02d}:{draw(st.sampled_from([0, 5, 30, 59])):02d}"
    return Proposal(party=party, date=date, label=f"{party} {draw(st.sampled_from(KINDS))}")


@given(proposals())
def test_a_written_proposal_line_reads_back(p: Proposal) -> None:
    line = format_proposal_line(p)
    back = parse_proposal_line(line)
    assert back is not None, line
    assert (back.party, back.date, back.label) == (p.party, p.date, p.label), line


@given(st.lists(st.tuples(proposals(), st.sampled_from(INKS)), min_size=1, max_size=4,
                unique_by=lambda t: t[1]))
def test_written_key_entries_read_back_one_by_one_and_on_one_line(entries) -> None:
    printed = [format_key_entry(ink, format_proposal_line(p)) for p, ink in entries]
    for text, (p, ink) in zip(printed, entries):
        (e,) = parse_key_entries(text, ink)
        assert (e.color, e.party, e.date) == (ink, p.party, p.date), text
    # the header packs entries on one line, four spaces apart (render.docx_colour.key_lines)
    split = split_proposal_lines("    ".join(printed))
    assert split == printed


def test_the_base_entry_is_black() -> None:
    p = Proposal(party="District", date="2024-05-09", label="District initial proposal")
    text = format_key_entry(None, format_proposal_line(p))
    assert text == "Black - District Initial Proposal 05/09/2024"
    (e,) = parse_key_entries(text, None)
    assert (e.color, e.party, e.date) == ("000000", "District", "2024-05-09")
