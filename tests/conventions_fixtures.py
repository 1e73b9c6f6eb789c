"""Named DOCX fixtures, one per reading convention of issue 12, built from XML snippets
(the snippets are the fixture's source), and their golden readings.

Each fixture is read back and compared with ``tests/golden/conventions/<name>.json``: the
proposal, every round (party, date, ink) with its clauses' text, and the reading report.
``REDLINE_UPDATE_GOLDEN=1 python -m pytest tests/test_conventions_golden.py`` rewrites the
golden files after a deliberate change (read the diff before committing it).
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Callable, Dict

from docx_builder import abstract_num, build_docx, p, r

GOLDEN = Path(__file__).resolve().parent / "golden" / "conventions"

ARTICLE = "ARTICLE 12 - SICK LEAVE"
X1 = "X.1 Members shall earn one (1) day of sick leave for each month of service."


def _rpr(*props: str) -> str:
    return f"<w:rPr>{''.join(props)}</w:rPr>"


def run(text: str, *props: str) -> str:
    """A run with raw property XML (``<w:dstrike/>``, ``<w:highlight w:val="cyan"/>``)."""
    return f'<w:r>{_rpr(*props)}<w:t xml:space="preserve">{text}</w:t></w:r>'


def _notice(struck: str, inserted: str) -> str:
    return p("X.2 Notice shall be given ", struck, inserted, r(" before the work day."))


def key_several_dates() -> dict:
    """One ink keyed to two rounds ("Red- Union counter on 03/07/24; 05/09/24")."""
    header = (p("District Initial Proposal 02/07/24") + p(r("Blue- District counter 02/21/24",
                                                             color="0000FF"))
              + p(r("Red- Union counter on 03/07/24; 05/09/24", color="FF0000")))
    body = (p(ARTICLE) + p(X1, r(" Unused days carry over.", color="0000FF"))
            + _notice(r("one (1) hour", strike=True, color="FF0000"),
                      r("two (2) hours", u=True, color="FF0000")))
    return {"body": body, "header": header}


def key_several_colours() -> dict:
    """Two inks for one round ("Red & Blue - District Counters 05.09.2024")."""
    header = (p("Union Initial Proposal 03/07/2024")
              + p("Red & Blue - District Counters 05.09.2024"))
    body = (p(ARTICLE) + p(X1, r(" Unused days carry over.", color="0000FF"))
            + _notice(r("one (1) hour", strike=True, color="FF0000"),
                      r("two (2) hours", u=True, color="FF0000")))
    return {"body": body, "header": header}


def key_undated_entry() -> dict:
    """A key entry with no date: the date of the party's proposal line."""
    header = (p("Union Initial Proposal 03/07/2024") + p("District Counter Proposal 05/09/2024")
              + p(r("Blue - District Counter", color="0000FF")))
    body = (p(ARTICLE) + p(X1, r(" Unused days carry over.", color="0000FF"))
            + _notice(r("one (1) hour", strike=True, color="0000FF"),
                      r("two (2) hours", u=True, color="0000FF")))
    return {"body": body, "header": header}


def key_near_colour() -> dict:
    """A key that names Blue and Red; the body draws Word's blue 0070C0 and dark red C00000."""
    header = (p("District Initial Proposal 02/07/2024")
              + p("Blue - Union counter 03/07/2024") + p("Red - District counter 05/09/2024"))
    body = (p(ARTICLE) + p(X1, r(" Unused days carry over.", color="0070C0"))
            + _notice(r("one (1) hour", strike=True, color="C00000"),
                      r("two (2) hours", u=True, color="C00000")))
    return {"body": body, "header": header}


def key_in_body() -> dict:
    """The key printed in the body's first lines, no page header at all."""
    body = (p("District Counter Proposal 05/09/2024")
            + p(r("Blue - Union counter 03/07/2024", color="0000FF"))
            + p(r("Green - District counter 05/09/2024", color="00B050"))
            + p(ARTICLE) + p(X1, r(" Unused days carry over.", color="0000FF"))
            + _notice(r("one (1) hour", strike=True, color="00B050"),
                      r("two (2) hours", u=True, color="00B050")))
    return {"body": body}


def key_in_table() -> dict:
    """The key printed as a table at the top of the body."""
    cells = ("<w:tbl><w:tblPr/><w:tr><w:tc>" + p(r("Blue - Union counter 03/07/2024",
                                                   color="0000FF"))
             + "</w:tc><w:tc>" + p(r("Green - District counter 05/09/2024", color="00B050"))
             + "</w:tc></w:tr></w:tbl>")
    body = (cells + p(ARTICLE) + p(X1, r(" Unused days carry over.", color="0000FF"))
            + _notice(r("one (1) hour", strike=True, color="00B050"),
                      r("two (2) hours", u=True, color="00B050")))
    return {"body": body}


def marks_double() -> dict:
    """Double strike for deletions, double underline for insertions."""
    header = (p("District Initial Proposal 02/07/2024")
              + p(r("Red - Union counter 03/07/2024", color="FF0000")))
    body = (p(ARTICLE) + p(X1)
            + _notice(run("one (1) hour", "<w:dstrike/>", '<w:color w:val="FF0000"/>'),
                      run("two (2) hours", '<w:color w:val="FF0000"/>',
                          '<w:u w:val="double"/>')))
    return {"body": body, "header": header}


def marks_highlight() -> dict:
    """The round's colour drawn as a highlight (key entry highlighted too); black ink."""
    header = (p("District Initial Proposal 02/07/2024")
              + p(run("Union counter 03/07/2024", '<w:highlight w:val="cyan"/>')))
    body = (p(ARTICLE) + p(X1, run(" Unused days carry over.", '<w:highlight w:val="cyan"/>'))
            + _notice(run("one (1) hour", "<w:strike/>", '<w:highlight w:val="cyan"/>'),
                      run("two (2) hours", "<w:u/>", '<w:highlight w:val="cyan"/>')))
    return {"body": body, "header": header}


def marks_shading() -> dict:
    """The round's colour drawn as run shading (w:shd fill); the key names Green."""
    shd = '<w:shd w:val="clear" w:color="auto" w:fill="00B050"/>'
    header = (p("District Initial Proposal 02/07/2024") + p("Green - Union counter 03/07/2024"))
    body = (p(ARTICLE) + p(X1, run(" Unused days carry over.", shd))
            + _notice(run("one (1) hour", "<w:strike/>", shd), run("two (2) hours", shd)))
    return {"body": body, "header": header}


def marks_colour_alone() -> dict:
    """Insertions shown by colour alone (no underline)."""
    header = (p("District Initial Proposal 02/07/2024")
              + p(r("Purple - Union counter 03/07/2024", color="7030A0")))
    body = (p(ARTICLE) + p(X1, r(" Unused days carry over.", color="7030A0"))
            + _notice(r("one (1) hour", strike=True, color="7030A0"),
                      r("two (2) hours", color="7030A0")))
    return {"body": body, "header": header}


def proposal_sender_line() -> dict:
    """A published counter's header: acronyms, "PARTY to PARTY  Date: ...  Time: ..."."""
    header = p("SFUSD to UESF  Date: 2/7/2026  Time: 8:00pm")
    body = (p("The San Francisco Unified School District (SFUSD) and United Educators of San "
              "Francisco (UESF) agree as follows.") + p(ARTICLE) + p(X1))
    return {"body": body, "header": header}


def proposal_cover_block() -> dict:
    """The proposal line in a cover block at the top of the body, on two lines."""
    body = (p("SFUSD Proposal for District Stability", center=True)
            + p("February 5, 2026", center=True) + p(ARTICLE) + p(X1))
    return {"body": body}


def numbering_restart() -> dict:
    """Word numbering: a list restarted with w:lvlOverride/w:startOverride, a level
    restarted by w:lvlRestart, and two separate lists."""
    numbering = (
        abstract_num(1, ("decimal", "X.%1"), ("lowerLetter", "(%2)"))
        + abstract_num(2, ("lowerLetter", "(%1)"))
        + '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        + '<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>'
        + '<w:num w:numId="3"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0">'
          '<w:startOverride w:val="1"/></w:lvlOverride></w:num>')
    body = (p(ARTICLE) + p("Members shall earn sick leave.", num=(1, 0))
            + p("one day a month;", num=(1, 1)) + p("two days in summer.", num=(1, 1))
            + p("Notice shall be given.", num=(1, 0)) + p("by phone;", num=(1, 1))
            + p("Leave may be used for:") + p("illness;", num=(2, 0)) + p("injury.", num=(2, 0))
            + p("Leave may not be used for:") + p("vacation;", num=(3, 0))
            + p("strikes.", num=(3, 0)))
    return {"body": body, "numbering": numbering}


def key_none_inks_in_order() -> dict:
    """No key printed: the header lists the proposals, the body draws two inks."""
    header = (p("UESF to SFUSD  Date: 2/7/2026  Time: 9:00am")
              + p("SFUSD to UESF  Date: 2/5/2026  Time: 5:38 pm"))
    body = (p("The San Francisco Unified School District (SFUSD) and United Educators of San "
              "Francisco (UESF) agree as follows.") + p(ARTICLE)
            + p(X1, r(" Unused days carry over.", color="0000FF", u=True))
            + _notice(r("one (1) hour", strike=True, color="FF0000"),
                      r("two (2) hours", u=True, color="FF0000")))
    return {"body": body, "header": header}


def key_by_party() -> dict:
    """One ink per party, undated entries, agreed language in a third ink."""
    header = (p("Union Counter Proposal 03/07/2024") + p("District Counter Proposal 04/02/2024")
              + p(r("Blue - District", color="0000FF")) + p(r("Red - Union", color="FF0000"))
              + p(r("Green - Agreed Language", color="00B050")))
    body = (p(ARTICLE) + p(X1, r(" Unused days carry over.", color="00B050"))
            + _notice(r("one (1) hour", strike=True, u=True, color="FF0000"),
                      r("two (2) hours", u=True, color="0000FF")))
    return {"body": body, "header": header}


FIXTURES: Dict[str, Callable[[], dict]] = {
    "key-none-inks-in-order": key_none_inks_in_order,
    "key-by-party": key_by_party,
    "key-several-dates": key_several_dates,
    "key-several-colours": key_several_colours,
    "key-undated-entry": key_undated_entry,
    "key-near-colour": key_near_colour,
    "key-in-body": key_in_body,
    "key-in-table": key_in_table,
    "marks-double-strike-double-underline": marks_double,
    "marks-highlight": marks_highlight,
    "marks-shading": marks_shading,
    "marks-colour-alone": marks_colour_alone,
    "proposal-sender-line-acronyms": proposal_sender_line,
    "proposal-cover-block": proposal_cover_block,
    "numbering-restart": numbering_restart,
}


def write_fixture(name: str, folder: Path) -> Path:
    path = Path(folder) / f"{name}.docx"
    build_docx(path=path, **FIXTURES[name]())
    return path


def reading(doc) -> dict:
    """What a golden file holds of a document as read."""
    def clauses(articles):
        # numbered clauses only: what the text before the first article becomes is the
        # segmenter's business, not a reading convention's
        return [c.full_text for a in articles for c in a.clauses if c.number]

    return {
        "proposal": doc.proposal.to_dict(),
        "rounds": [{"party": rd.proposal.party, "date": rd.proposal.date, "color": rd.color,
                    "clauses": clauses(rd.articles)} for rd in doc.rounds],
        "clauses": clauses(doc.articles),
        "conventions": doc.conventions.to_dict(),
        "warnings": list(doc.warnings),
    }


def check_golden(name: str, got: dict) -> None:
    path = GOLDEN / f"{name}.json"
    text = json.dumps(got, indent=2, ensure_ascii=False) + "\n"
    if os.environ.get("REDLINE_UPDATE_GOLDEN") or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert json.loads(path.read_text(encoding="utf-8")) == got, (
        f"{name}: the reading differs from {path}; REDLINE_UPDATE_GOLDEN=1 rewrites it")
