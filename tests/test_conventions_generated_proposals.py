"""Generated proposals across the header forms of issue 12, their party, date and time read
back exactly: a proposal line in the page header or a cover block (one line or two), in the
forms negotiators print ("District Counter Proposal 05/09/2024", "SUSD to NUHW Counter
06/20/2024- 3:35PM", "SFUSD to UESF  Date: 2/7/2026  Time: 8:00pm" with the acronyms defined
in the text, "Union Counter Proposal March 5th, 2025 at 3:30 PM")."""
from __future__ import annotations

import datetime
import tempfile
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docx_builder import build_docx, p
from redline.api import read

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
ACRONYMS = {"District": ("San Francisco Unified School District", "SFUSD"),
            "Union": ("United Educators of San Francisco", "UESF")}


@dataclass(frozen=True)
class ProposalSpec:
    party: str
    day: datetime.date
    hour: int  # -1: no time
    minute: int
    form: str  # slash | sender | labelled | long
    place: str  # header | cover | cover-two-lines
    kind: str  # Counter | Initial


@st.composite
def proposals(draw: st.DrawFn) -> ProposalSpec:
    form = draw(st.sampled_from(["slash", "sender", "labelled", "long"]))
    place = draw(st.sampled_from(["header", "cover", "cover-two-lines"]))
    if place == "cover-two-lines":
        form = "long" if draw(st.booleans()) else "slash"
    return ProposalSpec(draw(st.sampled_from(["District", "Union"])),
                        datetime.date(2024, 1, 1) + datetime.timedelta(days=draw(
                            st.integers(0, 900))),
                        draw(st.sampled_from([-1, 0, 9, 12, 15, 23])),
                        draw(st.sampled_from([0, 5, 35, 59])), form, place,
                        draw(st.sampled_from(["Counter", "Initial"])))


def _time(spec: ProposalSpec) -> str:
    if spec.hour < 0:
        return ""
    h12 = spec.hour % 12 or 12
    return f"{h12}:{spec.minute:02d}{'PM' if spec.hour >= 12 else 'AM'}"


def _date(spec: ProposalSpec) -> str:
    d = spec.day
    if spec.form == "long":
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(d.day if d.day < 20 else d.day % 10, "th")
        return f"{MONTHS[d.month - 1]} {d.day}{suffix}, {d.year}"
    return f"{d.month}/{d.day}/{d.year}"


def lines(spec: ProposalSpec) -> list:
    other = "Union" if spec.party == "District" else "District"
    when = _date(spec)
    t = _time(spec)
    if spec.form == "sender":
        text = f"{ACRONYMS[spec.party][1]} to {ACRONYMS[other][1]} {spec.kind} {when}"
        text += f"- {t}" if t else ""
    elif spec.form == "labelled":
        text = f"{ACRONYMS[spec.party][1]} to {ACRONYMS[other][1]}  Date: {when}"
        text += f"  Time: {t.lower()}" if t else ""
    else:
        text = f"{spec.party} {spec.kind} Proposal {when}" + (f" at {t}" if t else "")
    if spec.place == "cover-two-lines":
        return [f"{spec.party} {spec.kind} Proposal on Salaries", when + (f" {t}" if t else "")]
    return [text]


def build(spec: ProposalSpec, path: Path) -> None:
    preamble = p(f"The {ACRONYMS['District'][0]} ({ACRONYMS['District'][1]}) and the "
                 f"{ACRONYMS['Union'][0]} ({ACRONYMS['Union'][1]}) agree as follows.")
    printed = "".join(p(line) for line in lines(spec))
    body = preamble + p("ARTICLE 7 - SALARIES") + p("X.1 Salaries rise three percent.")
    if spec.place == "header":
        build_docx(body, header=printed, path=path)
    else:
        build_docx(printed + body, path=path)


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(proposals())
def test_generated_proposals_read_back_exactly(spec: ProposalSpec) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.docx"
        build(spec, path)
        doc = read(str(path))
    want = spec.day.isoformat() + (f"T{spec.hour:02d}:{spec.minute:02d}" if spec.hour >= 0
                                   else "")
    assert (doc.proposal.party, doc.proposal.date) == (spec.party, want), (spec, lines(spec))
    assert doc.conventions.proposal_source == ("header" if spec.place == "header"
                                               else "cover block")
    assert not doc.conventions.guesses, doc.conventions.guesses
