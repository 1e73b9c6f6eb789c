"""Write the sample negotiation in ``samples/`` (python-docx).

One article, ``ARTICLE 12 - SICK LEAVE``, negotiated over four dated proposals that alternate
between the District and the Union.  The text is invented for the samples.  Over the rounds:

* v2 (Union) inserts a clause (``X.2 Family Care``), which renumbers X.2-X.4 to X.3-X.5,
  adds an item ``(d)`` and changes ``five (5)`` to ``fifteen (15)``;
* v3 (District) agrees with the new clause, changes ``fifteen (15)`` to ``ten (10)`` and
  strikes ``X.5 Sick Leave Donation``;
* v4 (Union) agrees with X.4, adds a sentence to X.3 and keeps the rest.

Position notes are italic paragraphs under their clause; the proposal line is in the page
header; the footer has a page number (and, in District proposals, the reservation of rights).

Run ``python samples/make_samples.py`` to rewrite the .docx files.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import List, Sequence, Tuple, Union

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

RESERVATION = ("The District reserves the right to withdraw, modify, or otherwise amend its "
               "proposals at any time prior to reaching a tentative agreement.")


@dataclass(frozen=True)
class Heading:
    """A bold ``X.1 Accrual`` line; the clause text follows in the next paragraph(s)."""

    text: str


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Note:
    """A position note, italic, after the clause it concerns."""

    text: str


Block = Union[Heading, Text, Note]


@dataclass(frozen=True)
class Version:
    number: int
    date: str  # YYYY-MM-DD
    party: str  # District | Union
    kind: str  # initial | counter
    header: str
    blocks: Tuple[Block, ...]

    @property
    def file_name(self) -> str:
        return f"v{self.number}_{self.date}_{self.party.lower()}_{self.kind}.docx"


TITLE = "ARTICLE 12 - SICK LEAVE"

ACCRUAL = (
    Heading("X.1 Accrual"),
    Text("Bargaining unit members shall earn one (1) day of sick leave for each month of "
         "paid service."),
    Text("X.1.1 Unused sick leave shall accumulate from year to year without limit."),
    Text("X.1.2 A member may use sick leave for:"),
    Text("(a) personal illness or injury;"),
    Text("(b) medical, dental or vision appointments;"),
)
ILLNESS_IN_FAMILY = Text("(c) illness or injury of a member of the immediate family.")
ILLNESS_IN_FAMILY_SEMI = Text("(c) illness or injury of a member of the immediate family; and")
SAFE_LEAVE = Text("(d) safe leave for a member who is a victim of domestic violence, sexual "
                  "assault or stalking.")
FAMILY_CARE = (
    Heading("X.2 Family Care"),
    Text("A member may use up to six (6) days of sick leave each school year to care for a "
         "child, parent, spouse or domestic partner who is ill."),
)


def notice(number: str, extra: bool = False) -> Tuple[Block, ...]:
    text = ("A member who will be absent shall notify the supervisor no later than one (1) "
            "hour before the start of the work day.")
    if extra:
        text += " Notice may be given by telephone, text message or email."
    return (Heading(f"{number} Notice"), Text(text))


def verification(number: str, days: str) -> Tuple[Block, ...]:
    return (Heading(f"{number} Verification"),
            Text(f"The District may require a statement from a health care provider for an "
                 f"absence of more than {days} consecutive work days."))


def donation(number: str) -> Tuple[Block, ...]:
    return (Heading(f"{number} Sick Leave Donation"),
            Text("A member may donate up to three (3) days of accumulated sick leave each "
                 "school year to a colleague who has used all of their paid leave."))


VERSIONS: Tuple[Version, ...] = (
    Version(1, "2024-02-07", "District", "initial", "District Initial Proposal 02/07/24", (
        *ACCRUAL, ILLNESS_IN_FAMILY,
        *notice("X.2"),
        *verification("X.3", "five (5)"),
        *donation("X.4"),
    )),
    Version(2, "2024-03-07", "Union", "counter", "NUHW to SUSD Counter Proposal 03/07/24", (
        *ACCRUAL, ILLNESS_IN_FAMILY_SEMI, SAFE_LEAVE,
        Note("Union proposes new language 03/07/24"),
        *FAMILY_CARE,
        Note("Union proposes new language 03/07/24"),
        *notice("X.3"),
        Note("Union agrees with language 03/07/24"),
        *verification("X.4", "fifteen (15)"),
        *donation("X.5"),
        Note("Union agrees with language 03/07/24"),
    )),
    Version(3, "2024-03-21", "District", "counter",
            "SUSD to NUHW Counter Proposal 03/21/2024- 2:15PM", (
                *ACCRUAL, ILLNESS_IN_FAMILY_SEMI, SAFE_LEAVE,
                Note("District agrees with language 03/21/2024"),
                *FAMILY_CARE,
                Note("District agrees with language 03/21/2024"),
                *notice("X.3"),
                *verification("X.4", "ten (10)"),
                Note("District proposes new language 03/21/2024"),
            )),
    Version(4, "2024-04-11", "Union", "counter",
            "NUHW-SUSD Contract Negotiations _Union Proposal 04/11/24", (
                *ACCRUAL, ILLNESS_IN_FAMILY_SEMI, SAFE_LEAVE,
                *FAMILY_CARE,
                *notice("X.3", extra=True),
                Note("Union proposes new language 04/11/24"),
                *verification("X.4", "ten (10)"),
                Note("Union agrees with language 04/11/24"),
            )),
)


def _page_field(paragraph) -> None:
    """``Page N``: a PAGE field, as Word writes one."""
    paragraph.add_run("Page ")
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None),
                       ("result", "1"), ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        elif kind == "result":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)


def write_version(version: Version, folder: Path) -> Path:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    core = doc.core_properties
    core.author = version.party
    core.title = f"{TITLE} - {version.header}"
    section = doc.sections[0]
    section.header.paragraphs[0].text = version.header
    footer = section.footer.paragraphs[0]
    _page_field(footer)
    if version.party == "District":
        section.footer.add_paragraph(RESERVATION)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(TITLE).bold = True
    for block in version.blocks:
        para = doc.add_paragraph()
        run = para.add_run(block.text)
        if isinstance(block, Heading):
            run.bold = True
        elif isinstance(block, Note):
            run.italic = True
        if isinstance(block, Text) and block.text.startswith("("):
            para.paragraph_format.left_indent = Pt(36)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / version.file_name
    doc.save(str(path))
    return path


def main(argv: Sequence[str] = ()) -> List[Path]:
    folder = Path(argv[0]) if argv else HERE / "sick_leave"
    return [write_version(v, folder) for v in VERSIONS]


if __name__ == "__main__":
    for written in main(sys.argv[1:]):
        print(written)
