"""Generated colour-keyed redlines across the convention space of issue 12, read back exactly.

A hypothesis strategy builds a DOCX with known truth: 1-4 rounds after the initial proposal,
alternating parties, dates with and without a time; the key printed in the header, the
footer, the body's first lines or a table there; each entry in one of the forms negotiators
print ("Blue - District counter 05/09/2024", "District Counter in Blue_05.09.24", "District
counter (Blue) 05/09/24", in its ink with no colour word, "Blue- District counter on 05/09",
only a swatch or the colour word in ink); the marks as strike or double strike, underline,
double underline or colour alone; the ink as font colour, highlight or shading.  Every
round's clauses must read back exactly.
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Tuple
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docx_builder import build_docx, p
from redline.api import read

#: (colour word, font ink, the Word highlight value that draws it)
INKS = [("Blue", "0000FF", "blue"), ("Red", "FF0000", "red"), ("Green", "00B050", None),
        ("Purple", "7030A0", None), ("Magenta", "FF00FF", "magenta")]
FORMS = ["dash", "in", "paren", "ink-only", "year-less", "swatch", "word-inked"]


@dataclass(frozen=True)
class RoundSpec:
    party: str
    month: int
    day: int
    time: str  # "" or "3:35PM"
    ink: int  # index into INKS
    form: str


@dataclass(frozen=True)
class RedlineSpec:
    first_party: str
    rounds: Tuple[RoundSpec, ...]
    place: str  # header | footer | body | table
    ink_style: str  # font | highlight | shading
    insertion: str  # underline | double | colour
    deletion: str  # strike | dstrike


@st.composite
def redlines(draw: st.DrawFn) -> RedlineSpec:
    n = draw(st.integers(1, 4))
    first = draw(st.sampled_from(["District", "Union"]))
    ink_style = draw(st.sampled_from(["font", "highlight", "shading"]))
    usable = [i for i, ink in enumerate(INKS) if ink_style != "highlight" or ink[2]]
    n = min(n, len(usable))
    inks = draw(st.permutations(usable))[:n]
    place = draw(st.sampled_from(["header", "footer", "body", "table"]))
    days = sorted(draw(st.lists(st.integers(1, 300), min_size=n, max_size=n, unique=True)))
    rounds = []
    for k in range(n):
        d = _day(days[k])
        form = draw(st.sampled_from(FORMS))
        party = ("Union" if first == "District" else "District") if k % 2 == 0 else first
        rounds.append(RoundSpec(party, d[0], d[1], draw(st.sampled_from(["", "3:35PM"])),
                                inks[k], form))
    return RedlineSpec(first, tuple(rounds), place, ink_style,
                       draw(st.sampled_from(["underline", "double", "colour"])),
                       draw(st.sampled_from(["strike", "dstrike"])))


def _day(n: int) -> Tuple[int, int]:
    import datetime

    d = datetime.date(2024, 1, 1) + datetime.timedelta(days=n)
    return d.month, d.day


def _date(r: RoundSpec, year: bool = True) -> str:
    return f"{r.month:02d}/{r.day:02d}" + ("/2024" if year else "")


def _entry_text(r: RoundSpec) -> str:
    word = INKS[r.ink][0]
    date = _date(r) + (f" {r.time}" if r.time else "")
    return {"dash": f"{word} - {r.party} counter {date}",
            "in": f"{r.party} Counter in {word}_{date}",
            "paren": f"{r.party} counter ({word}) {date}",
            "ink-only": f"{r.party} Counter Proposal {date}",
            "year-less": f"{word}- {r.party} counter on {_date(r, year=False)}",
            "swatch": f"{r.party} counter {date}",
            "word-inked": f"{r.party} counter {date}"}[r.form]


def _entry_runs(spec: "RedlineSpec", r: RoundSpec) -> str:
    """An entry as printed: in its ink, or (swatch, word-inked) only a square or its colour
    word in ink and the rest in black."""
    if r.form == "swatch":
        return _run("\u25a0", _rpr(spec, r.ink)) + _run(" " + _entry_text(r))
    if r.form == "word-inked":
        return _run(f"{INKS[r.ink][0]} -", _rpr(spec, r.ink)) + _run(" " + _entry_text(r))
    return _run(_entry_text(r), _rpr(spec, r.ink))


def _rpr(spec: RedlineSpec, ink: int, *marks: str) -> str:
    word, font, hl = INKS[ink]
    props = list(marks)
    if spec.ink_style == "font":
        props.append(f'<w:color w:val="{font}"/>')
    elif spec.ink_style == "highlight":
        props.append(f'<w:highlight w:val="{hl}"/>')
    else:
        props.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{font}"/>')
    return "<w:rPr>" + "".join(props) + "</w:rPr>"


def _run(text: str, rpr: str = "") -> str:
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def place_key(spec) -> Tuple[str, Optional[str], str]:
    """The key's entries where ``spec.place`` prints them: (paragraphs to add to the page
    header, the footer or None, paragraphs or a borderless table at the top of the body)."""
    entries = [_entry_runs(spec, r) for r in spec.rounds]
    if spec.place == "header":
        return "".join(p(e) for e in entries), None, ""
    if spec.place == "footer":
        return "", "".join(p(e) for e in entries), ""
    if spec.place == "body":
        return "", None, "".join(p(e) for e in entries)
    return "", None, ("<w:tbl><w:tblPr/><w:tr>" + "".join(f"<w:tc>{p(e)}</w:tc>"
                                                         for e in entries) + "</w:tr></w:tbl>")


def build(spec: RedlineSpec, path: Path) -> None:
    initial = f"{spec.first_party} Initial Proposal 01/01/2024"
    # every round's proposal line, as a header lists them, so year-less entries find a year
    lines = [f"{r.party} Counter Proposal {_date(r)}" + (f" {r.time}" if r.time else "")
             for r in spec.rounds if r.form == "year-less"]
    in_header, footer, top = place_key(spec)
    header = p(initial) + "".join(p(line) for line in lines) + in_header
    ins_mark = {"underline": '<w:u w:val="single"/>', "double": '<w:u w:val="double"/>',
                "colour": ""}[spec.insertion]
    del_mark = {"strike": "<w:strike/>", "dstrike": "<w:dstrike/>"}[spec.deletion]
    body = top + p("ARTICLE 7 - HOURS")
    for k, r in enumerate(spec.rounds, start=1):
        body += p(f"X.{k} The parties agree to ",
                  _run(f"term{k}", _rpr(spec, r.ink, del_mark)),
                  _run(f"newterm{k}", _rpr(spec, r.ink, *([ins_mark] if ins_mark else []))),
                  f" and rule{k}.")
    build_docx(body, header=header, footer=footer, path=path)


def expected(spec: RedlineSpec) -> List[List[str]]:
    n = len(spec.rounds)
    return [[f"X.{k} The parties agree to {'newterm' if k <= upto else 'term'}{k} and rule{k}."
             for k in range(1, n + 1)] for upto in range(n + 1)]


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(redlines())
def test_generated_redlines_read_back_exactly(spec: RedlineSpec) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.docx"
        build(spec, path)
        doc = read(str(path))
    got = [[c.full_text for a in rd.articles for c in a.clauses] for rd in doc.rounds]
    assert got == expected(spec), (spec, doc.warnings)
    want = [(spec.first_party, "2024-01-01")] + [
        (r.party, f"2024-{r.month:02d}-{r.day:02d}") for r in spec.rounds]
    assert [(rd.proposal.party, (rd.proposal.date or "")[:10]) for rd in doc.rounds] == want
    for rd, r in zip(doc.rounds[1:], spec.rounds):
        if r.time and r.form != "year-less":
            assert rd.proposal.date.endswith("T15:35"), (spec, rd.proposal)
    place = {"header": "header", "footer": "footer", "body": "body", "table": "table"}
    assert doc.conventions.key_source == place[spec.place]
