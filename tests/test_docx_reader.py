"""The DOCX reader on small documents built from XML snippets (see ``docx_builder``).

Each test states one thing a negotiator's document does and what the reader must make of it.
"""
from __future__ import annotations

from pathlib import Path
from typing import List, Tuple

import pytest

from docx_builder import abstract_num, build_docx, comment, num, p, r, read_docx_snippets, table

TITLE = p("LEAVES", b=True, center=True)


def clauses(doc) -> List[Tuple[str, str, str]]:
    return [(c.number, c.heading, c.text) for c in doc.clauses]


def read(tmp_path: Path, body: str, **kwargs):
    return read_docx_snippets(tmp_path, body=body, **kwargs)


# --- numbering forms as printed ------------------------------------------------------------

@pytest.mark.parametrize("line,number,printed,kind,level,text", [
    ("X.1 Members earn sick leave.", "X.1", "X.1", "num", 0, "Members earn sick leave."),
    ("X.2.3 Leave may be used in hours.", "X.2.3", "X.2.3", "num", 1, "Leave may be used in hours."
     ),
    ("X. 2.1 Irregular space after X.", "X.2.1", "X. 2.1", "num", 1, "Irregular space after X."),
    ("X.2. 4 Irregular space inside.", "X.2.4", "X.2. 4", "num", 1, "Irregular space inside."),
    ("X.1.1. Trailing dot.", "X.1.1.", "X.1.1.", "num", 1, "Trailing dot."),
    ("X.1.2.3 Three deep.", "X.1.2.3", "X.1.2.3", "num", 2, "Three deep."),
    ("12.4 Article numbers are digits too.", "12.4", "12.4", "num", 0,
     "Article numbers are digits too."),
    ("X.*** Clause number left open.", "X.***", "X.***", "stars", 0, "Clause number left open."),
])
def test_dotted_numbers(tmp_path: Path, line, number, printed, kind, level, text) -> None:
    doc = read(tmp_path, TITLE + p(line))
    (c,) = doc.clauses
    assert (c.number, c.number_printed, c.kind, c.level, c.text) == (
        number, printed, kind, level, text)
    assert doc.articles[0].title == "LEAVES"


@pytest.mark.parametrize("label", ["(a)", "a)", "(1)", "i.", "xiii.", "(iv)", "1)", "A."])
def test_item_labels(tmp_path: Path, label: str) -> None:
    doc = read(tmp_path, TITLE + p("X.1 Leave may be used for:") + p(f"{label} illness;"))
    first, item = doc.clauses
    assert (item.number, item.kind, item.text) == (label, "item", "illness;")
    assert item.level == first.level + 1 and item.parent == 0


def test_item_families_nest_and_return(tmp_path: Path) -> None:
    body = TITLE + "".join(p(t) for t in [
        "X.1 Leave may be used for:", "(a) illness of the member;", "(1) at home;",
        "(2) in hospital;", "(b) illness of a family member;", "X.2 Next clause."])
    doc = read(tmp_path, body)
    assert [(c.number, c.level) for c in doc.clauses] == [
        ("X.1", 0), ("(a)", 1), ("(1)", 2), ("(2)", 2), ("(b)", 1), ("X.2", 0)]
    assert [c.parent for c in doc.clauses] == [None, 0, 1, 1, 0, None]


def test_roman_i_after_h_is_a_letter(tmp_path: Path) -> None:
    items = "abcdefghi"
    body = TITLE + p("X.1 The list:") + "".join(p(f"{x}. item {x};") for x in items)
    doc = read(tmp_path, body)
    assert {c.level for c in doc.clauses[1:]} == {1}


def test_section_line_and_heading_line(tmp_path: Path) -> None:
    body = TITLE + p("X Sick Leave", b=True) + p("X.1 Accrual", b=True) + p(
        "Members earn one (1) day per month.") + p("Unused days carry over.")
    doc = read(tmp_path, body)
    section, accrual = doc.clauses
    assert (section.kind, section.number, section.heading, section.text) == (
        "section", "X", "Sick Leave", "")
    assert (accrual.number, accrual.heading, accrual.text) == (
        "X.1", "Accrual", "Members earn one (1) day per month.\nUnused days carry over.")


def test_a_title_alone_on_its_number_line_is_a_heading_bold_or_not(tmp_path: Path) -> None:
    """Issue 12: "X.1 Accrual" (not bold) with its text in the next paragraph is one clause,
    as it reads; a number line holding a sentence keeps the next paragraph apart."""
    doc = read(tmp_path, TITLE + p("X.1 Accrual") + p("Members earn leave."))
    assert clauses(doc) == [("X.1", "Accrual", "Members earn leave.")]
    doc = read(tmp_path, TITLE + p("X.1 Members earn leave.") + p("Unused days lapse."))
    assert clauses(doc) == [("X.1", "", "Members earn leave."), ("", "", "Unused days lapse.")]
    doc = read(tmp_path, TITLE + p("X.4 Reserved.") + p("Unused days lapse."))
    assert clauses(doc) == [("X.4", "", "Reserved."), ("", "", "Unused days lapse.")]


def test_heading_in_a_separate_bold_paragraph(tmp_path: Path) -> None:
    doc = read(tmp_path, TITLE + p("X.2", b=True) + p("Informal Level", b=True)
               + p("The grievant shall first meet the supervisor."))
    assert clauses(doc) == [("X.2", "Informal Level",
                             "The grievant shall first meet the supervisor.")]


@pytest.mark.parametrize("title_line,title,number", [
    ("ARTICLE 9 - GRIEVANCE PROCEDURE", "GRIEVANCE PROCEDURE", "9"),
    ("Article 12: Sick Leave", "Sick Leave", "12"),
    ("ARTICLE X \u2013 HOURS", "HOURS", None),
    ("EVALUATION AND PROBATIONARY PERIOD/PERSONNEL FILES",
     "EVALUATION AND PROBATIONARY PERIOD/PERSONNEL FILES", None),
])
def test_article_titles(tmp_path: Path, title_line, title, number) -> None:
    doc = read(tmp_path, p(title_line, b=True) + p("X.1 Text of the clause."))
    (art,) = doc.articles
    assert (art.title, art.number) == (title, number)
    assert clauses(doc) == [("X.1", "", "Text of the clause.")]


def test_two_articles(tmp_path: Path) -> None:
    doc = read(tmp_path, p("ARTICLE 9 - GRIEVANCE") + p("9.1 First.") + p("ARTICLE 10 - HOURS")
               + p("10.1 Second."))
    assert [(a.title, [c.number for c in a.clauses]) for a in doc.articles] == [
        ("GRIEVANCE", ["9.1"]), ("HOURS", ["10.1"])]


def test_cover_block_before_the_title_is_not_a_clause(tmp_path: Path) -> None:
    body = (p("Stockton Unified School District", center=True)
            + p("District Counter Proposal 05/09/2024", center=True) + TITLE + p("X.1 Text."))
    doc = read(tmp_path, body)
    assert clauses(doc) == [("X.1", "", "Text.")]
    assert (doc.proposal.party, doc.proposal.date) == ("District", "2024-05-09")


# --- bullets -------------------------------------------------------------------------------

def test_typed_dash_bullet_keeps_its_prefix_out_of_the_text(tmp_path: Path) -> None:
    doc = read(tmp_path, TITLE + p("X.1 Members may use leave for:") + p("- a medical visit;"))
    item = doc.clauses[1]
    assert (item.prefix, item.number, item.text, item.kind) == ("-", "", "a medical visit;",
                                                                 "item")


def test_typed_dash_before_a_number(tmp_path: Path) -> None:
    doc = read(tmp_path, TITLE + p("- X.3.1 Sixty (60) working days of leave;"))
    (c,) = doc.clauses
    assert (c.prefix, c.number, c.text) == ("-", "X.3.1", "Sixty (60) working days of leave;")


def test_list_bullet_style(tmp_path: Path) -> None:
    doc = read(tmp_path, TITLE + p("X.1 Members may use leave for:")
               + p("a medical visit;", style="ListBullet")
               + p("a family emergency.", style="ListBullet"))
    bullets = doc.clauses[1:]
    assert [(c.list, c.text, c.number) for c in bullets] == [
        ("bullet", "a medical visit;", ""), ("bullet", "a family emergency.", "")]
    assert all(c.level == 1 and c.parent == 0 for c in bullets)


def test_numpr_bullet(tmp_path: Path) -> None:
    numbering = abstract_num(7, ("bullet", "\u2022")) + num(3, 7)
    doc = read(tmp_path, TITLE + p("X.1 Members may use leave for:")
               + p("a medical visit;", num=(3, 0)), numbering=numbering)
    assert (doc.clauses[1].list, doc.clauses[1].text) == ("bullet", "a medical visit;")


# --- Word auto-numbering -------------------------------------------------------------------

NUMBERING = (abstract_num(1, ("decimal", "X.%1"))
             + abstract_num(2, ("lowerLetter", "(%1)"))
             + abstract_num(3, ("decimal", "%1."), ("decimal", "%1.%2"))
             + abstract_num(4, ("decimal", "X.%1", 5))
             + abstract_num(5, ("decimal", "X.%1"), ("decimal", "X.%1.%2"))
             + num(1, 1) + num(2, 2) + num(3, 3) + num(4, 4) + num(5, 5))


def test_decimal_auto_numbering(tmp_path: Path) -> None:
    doc = read(tmp_path, TITLE + p("First.", num=(1, 0)) + p("Second.", num=(1, 0)),
               numbering=NUMBERING)
    assert clauses(doc) == [("X.1", "", "First."), ("X.2", "", "Second.")]
    assert {c.list for c in doc.clauses} == {"number"}


def test_lower_letter_auto_numbering(tmp_path: Path) -> None:
    doc = read(tmp_path, TITLE + p("X.1 Leave covers:") + p("illness;", num=(2, 0))
               + p("injury.", num=(2, 0)), numbering=NUMBERING)
    assert [(c.number, c.kind, c.level) for c in doc.clauses] == [
        ("X.1", "num", 0), ("(a)", "item", 1), ("(b)", "item", 1)]


def test_multi_level_auto_numbering(tmp_path: Path) -> None:
    body = TITLE + "".join(p(t, num=(5, lvl)) for t, lvl in [
        ("Top.", 0), ("Sub one.", 1), ("Sub two.", 1), ("Top two.", 0), ("Sub again.", 1)])
    doc = read(tmp_path, body, numbering=NUMBERING)
    assert [(c.number, c.level, c.parent, c.text) for c in doc.clauses] == [
        ("X.1", 0, None, "Top."), ("X.1.1", 1, 0, "Sub one."), ("X.1.2", 1, 0, "Sub two."),
        ("X.2", 0, None, "Top two."), ("X.2.1", 1, 3, "Sub again.")]


def test_multi_level_percent_labels(tmp_path: Path) -> None:
    body = TITLE + "".join(p(t, num=(3, lvl)) for t, lvl in [
        ("Top.", 0), ("Sub one.", 1), ("Sub two.", 1), ("Top two.", 0), ("Sub again.", 1)])
    doc = read(tmp_path, body, numbering=NUMBERING)
    assert [c.number for c in doc.clauses] == ["1.", "1.1", "1.2", "2.", "2.1"]
    assert [c.text for c in doc.clauses] == ["Top.", "Sub one.", "Sub two.", "Top two.",
                                             "Sub again."]


def test_start_value(tmp_path: Path) -> None:
    doc = read(tmp_path, TITLE + p("Fifth.", num=(4, 0)) + p("Sixth.", num=(4, 0)),
               numbering=NUMBERING)
    assert [c.number for c in doc.clauses] == ["X.5", "X.6"]


def test_a_label_already_typed_is_not_numbered_twice(tmp_path: Path) -> None:
    doc = read(tmp_path, TITLE + p("X.1 First.") + p("X.2 Second."), numbering=NUMBERING)
    assert [c.number for c in doc.clauses] == ["X.1", "X.2"]


# --- position notes ------------------------------------------------------------------------

@pytest.mark.parametrize("note,party,date,kind", [
    ("District agrees with language 05/09/2024", "District", "2024-05-09", "agrees"),
    ("Union strikes out language 05/09/24", "Union", "2024-05-09", "strikes_language"),
    ("District remains status quo", "District", None, "status_quo"),
    ("District proposes new language 05/02/2024", "District", "2024-05-02",
     "proposes_new_language"),
    ("NUHW agrees with language 06/20/24", "Union", "2024-06-20", "agrees"),
    ("SUSD strikes proposed language 05.23.2024", "District", "2024-05-23",
     "strikes_proposed_language"),
])
def test_position_notes_attach_to_their_clause(tmp_path: Path, note, party, date, kind) -> None:
    doc = read(tmp_path, TITLE + p("X.1 Heading", b=True) + p("Text of one.") + p(note, i=True)
               + p("X.2 Text of two."))
    one, two = doc.clauses
    assert [(n.text, n.party, n.date, n.kind) for n in one.notes] == [(note, party, date, kind)]
    assert note not in one.text and not two.notes
    assert clauses(doc) == [("X.1", "Heading", "Text of one."), ("X.2", "", "Text of two.")]


def test_several_notes_under_one_clause(tmp_path: Path) -> None:
    doc = read(tmp_path, TITLE + p("X.1 Text.") + p("Union strikes out language 05/09/24")
               + p("District remains status quo"))
    assert [n.kind for n in doc.clauses[0].notes] == ["strikes_language", "status_quo"]


def test_a_clause_that_mentions_the_district_is_not_a_note(tmp_path: Path) -> None:
    text = "The District agrees to meet within ten (10) days of the request."
    doc = read(tmp_path, TITLE + p("X.1 Text.") + p(f"X.2 {text}"))
    assert clauses(doc)[1] == ("X.2", "", text)
    assert not any(c.notes for c in doc.clauses)


# --- proposal lines and page furniture -----------------------------------------------------

@pytest.mark.parametrize("line,party,date", [
    ("District Counter Proposal 05/09/2024", "District", "2024-05-09"),
    ("NUHW-SUSD Contract Negotiations _Union Proposal 05/09/24", "Union", "2024-05-09"),
    ("SUSD to NUHW Counter 06/20/2024- 3:35PM", "District", "2024-06-20T15:35"),
    ("NUHW to SUSD Counter Proposal_ 03/07/24", "Union", "2024-03-07"),
    ("District Initial Proposal 02.07.24", "District", "2024-02-07"),
])
def test_proposal_line_in_the_header(tmp_path: Path, line, party, date) -> None:
    doc = read(tmp_path, TITLE + p("X.1 Text."), header=p(line))
    assert (doc.proposal.party, doc.proposal.date, doc.proposal.text) == (party, date, line)
    assert line in doc.header_lines
    assert clauses(doc) == [("X.1", "", "Text.")]


RESERVATION = ("The District reserves the right to withdraw, modify, or otherwise amend its "
               "proposals at any time prior to reaching a tentative agreement.")
PAGE_FIELD = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
              '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
              '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r>'
              '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def test_footer_page_numbers_and_reservation_stay_out_of_clauses(tmp_path: Path) -> None:
    footer = p("Page ", PAGE_FIELD, " of ",
               '<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>3</w:t></w:r></w:fldSimple>') + p(
        RESERVATION)
    doc = read(tmp_path, TITLE + p("X.1 Text."), footer=footer,
               header=p("District Counter Proposal 05/09/2024"))
    assert clauses(doc) == [("X.1", "", "Text.")]


def test_reservation_sentence_in_the_body_is_not_clause_text(tmp_path: Path) -> None:
    doc = read(tmp_path, TITLE + p("X.1 Text.") + p(RESERVATION) + p("Page 2 of 3"))
    assert clauses(doc) == [("X.1", "", "Text.")]


# --- tables, fields, links, content controls -----------------------------------------------

def test_table_belongs_to_the_clause_above(tmp_path: Path) -> None:
    doc = read(tmp_path, TITLE + p("X.1 Salary Schedule", b=True) + p("Rates per hour:")
               + table(("Step", "Rate"), ("1", "$50.00"), ("2", "$52.00")) + p("X.2 Next."))
    first, second = doc.clauses
    assert first.table == (("Step", "Rate"), ("1", "$50.00"), ("2", "$52.00"))
    assert (first.heading, first.text) == ("Salary Schedule", "Rates per hour:")
    assert second.table is None


def test_hyperlink_text_is_clause_text(tmp_path: Path) -> None:
    link = '<w:hyperlink r:id="rId99"><w:r><w:t>Ed Code 45191</w:t></w:r></w:hyperlink>'
    doc = read(tmp_path, TITLE + p("X.1 See ", link, " for veterans."))
    assert clauses(doc) == [("X.1", "", "See Ed Code 45191 for veterans.")]


def test_simple_field_keeps_its_result(tmp_path: Path) -> None:
    field = '<w:fldSimple w:instr=" REF sec42 \\h "><w:r><w:t>4.2</w:t></w:r></w:fldSimple>'
    doc = read(tmp_path, TITLE + p("X.1 As in section ", field, ", leave accrues."))
    assert clauses(doc) == [("X.1", "", "As in section 4.2, leave accrues.")]


def test_complex_field_keeps_result_drops_instruction(tmp_path: Path) -> None:
    fld = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
           '<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://example.org" </w:instrText>'
           '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
           '<w:r><w:t>the policy</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')
    doc = read(tmp_path, TITLE + p("X.1 Read ", fld, " first."))
    assert clauses(doc) == [("X.1", "", "Read the policy first.")]
    assert "HYPERLINK" not in doc.clauses[0].text


def test_nested_complex_fields(tmp_path: Path) -> None:
    inner = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText>'
             '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r>'
             '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    outer = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> IF </w:instrText>'
             f'</w:r>{inner}<w:r><w:instrText> = 1 </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>page seven</w:t></w:r>'
             '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    doc = read(tmp_path, TITLE + p("X.1 See ", outer, "."))
    assert clauses(doc) == [("X.1", "", "See page seven.")]


def test_smart_tag_and_inline_content_control(tmp_path: Path) -> None:
    tag = '<w:smartTag w:uri="urn:x" w:element="date"><w:r><w:t>July 1</w:t></w:r></w:smartTag>'
    sdt = ('<w:sdt><w:sdtPr><w:alias w:val="Days"/></w:sdtPr><w:sdtContent><w:r><w:t>ten (10)'
           '</w:t></w:r></w:sdtContent></w:sdt>')
    doc = read(tmp_path, TITLE + p("X.1 From ", tag, ", members earn ", sdt, " days."))
    assert clauses(doc) == [("X.1", "", "From July 1, members earn ten (10) days.")]


def test_block_content_control(tmp_path: Path) -> None:
    body = TITLE + f'<w:sdt><w:sdtPr/><w:sdtContent>{p("X.1 Inside.")}</w:sdtContent></w:sdt>'
    doc = read(tmp_path, body + p("X.2 Outside."))
    assert clauses(doc) == [("X.1", "", "Inside."), ("X.2", "", "Outside.")]


def test_hidden_text_is_not_read(tmp_path: Path) -> None:
    hidden = '<w:r><w:rPr><w:vanish/></w:rPr><w:t>secret </w:t></w:r>'
    doc = read(tmp_path, TITLE + p("X.1 Open ", hidden, "text."))
    assert clauses(doc) == [("X.1", "", "Open text.")]


def test_character_style_bold_makes_a_heading(tmp_path: Path) -> None:
    doc = read(tmp_path, TITLE + p(r("X.1 Accrual", rstyle="Strong")) + p("Members earn."))
    assert clauses(doc) == [("X.1", "Accrual", "Members earn.")]


# --- colour-keyed redlines -----------------------------------------------------------------

RED, BLUE, GREEN, ORANGE = "FF0000", "0000FF", "00B050", "FFA500"
HEADER_LINES = (p("Union Counter Proposal 05/09/2024") + p("District Counter Proposal 03/07/2024")
                + p("Union Initial Proposal 02/07/2024"))
REDLINE_BODY = (
    TITLE
    + p("X.1 Members shall earn ", r("fifteen (15)", strike=True, color=RED),
        r(" ten (10)", u=True, color=BLUE, strike=True), r(" twelve (12)", u=True, color=BLUE),
        " days.")
    + p(r("District agrees with language 03/07/2024", i=True, color=RED))
    + p(r("X.2 A clause the District added.", u=True, color=RED))
    + p(r("X.3 A clause the Union struck.", strike=True, color=BLUE)))

ROUND_TEXTS = [
    [("X.1", "", "Members shall earn fifteen (15) days."),
     ("X.3", "", "A clause the Union struck.")],
    [("X.1", "", "Members shall earn ten (10) days."), ("X.2", "", "A clause the District added."),
     ("X.3", "", "A clause the Union struck.")],
    [("X.1", "", "Members shall earn twelve (12) days."),
     ("X.2", "", "A clause the District added.")],
]


@pytest.mark.parametrize("key", [
    # colour named in the text, each entry in its own colour
    p("Red - district counter 03.07.24.", color=RED) + p("Blue - union counter 05.09.24.",
                                                          color=BLUE),
    # "in <colour>" with underscores, printed newest first
    p("Union Counter in Blue_05.09.24", color=BLUE) + p("District Counter in Red_03.07.24",
                                                        color=RED),
    # the colour only as font colour, out of order, both on one line
    p(r("Union Counter Proposal_ 05.09.24", color=BLUE), "   ",
      r("District Counter Proposal_ 03.07.24", color=RED)),
])
def test_colour_key_rebuilds_every_round(tmp_path: Path, key: str) -> None:
    doc = read(tmp_path, REDLINE_BODY, header=HEADER_LINES + key)
    assert [(r_.proposal.party, r_.proposal.date, r_.color) for r_ in doc.rounds] == [
        ("Union", "2024-02-07", None), ("District", "2024-03-07", RED),
        ("Union", "2024-05-09", BLUE)]
    assert [clauses_of(r_) for r_ in doc.rounds] == ROUND_TEXTS
    assert {(e.party, e.date, e.color) for e in doc.legend} == {
        ("District", "2024-03-07", RED), ("Union", "2024-05-09", BLUE)}
    assert (doc.proposal.party, doc.proposal.date) == ("Union", "2024-05-09")
    assert not doc.warnings


def clauses_of(rnd) -> List[Tuple[str, str, str]]:
    return [(c.number, c.heading, c.text) for a in rnd.articles for c in a.clauses]


def test_redline_spans_carry_round_and_origin(tmp_path: Path) -> None:
    doc = read(tmp_path, REDLINE_BODY, header=HEADER_LINES + p(
        "Red - district counter 03.07.24.", color=RED) + p("Blue - union counter 05.09.24.",
                                                            color=BLUE))
    spans = [s for s in doc.clauses[0].spans if s.text.strip()]
    marks = [(s.text.strip(), s.kind, s.round, s.origin_round) for s in spans]
    assert ("fifteen (15)", "del", 2, 1) in marks
    assert ("ten (10)", "del", 3, 2) in marks  # inserted by the District, struck by the Union
    assert ("twelve (12)", "ins", 3, None) in marks
    assert doc.clauses[0].notes[0].kind == "agrees"


def test_renumbering_in_a_redline(tmp_path: Path) -> None:
    body = TITLE + p(r("X.1.2", strike=True, color=RED), r(" X.2.2", u=True, color=RED),
                     " Leave may be donated.")
    doc = read(tmp_path, body, header=p("District Counter Proposal 03/07/2024")
               + p("Union Initial Proposal 02/07/2024") + p("Red - district counter 03.07.24",
                                                          color=RED))
    assert [clauses_of(r_) for r_ in doc.rounds] == [
        [("X.1.2", "", "Leave may be donated.")], [("X.2.2", "", "Leave may be donated.")]]


def test_colour_not_in_the_key_is_a_warning(tmp_path: Path) -> None:
    body = TITLE + p("X.1 Text ", r("added", u=True, color=RED), r(" odd", u=True, color=GREEN))
    doc = read(tmp_path, body, header=p("Union Initial Proposal 02/07/2024")
               + p("Red - district counter 03.07.24", color=RED))
    assert any(GREEN in w and "colour key" in w for w in doc.warnings)


def test_struck_text_without_a_key_is_a_plain_proposal_with_a_warning(tmp_path: Path) -> None:
    doc = read(tmp_path, TITLE + p("X.1 Text ", r("struck", strike=True, color=RED), " end."))
    assert not doc.rounds
    assert any("no colour key" in w for w in doc.warnings)


# --- tracked changes -----------------------------------------------------------------------

def ins(author: str, date: str, text: str) -> str:
    return (f'<w:ins w:id="1" w:author="{author}" w:date="{date}"><w:r>'
            f'<w:t xml:space="preserve">{text}</w:t></w:r></w:ins>')


def dele(author: str, date: str, text: str) -> str:
    return (f'<w:del w:id="2" w:author="{author}" w:date="{date}"><w:r>'
            f'<w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>')


D1, U2 = "2024-03-07T00:00:00Z", "2024-05-09T10:30:00Z"


def test_tracked_changes_one_round_per_author_and_date(tmp_path: Path) -> None:
    # the later round comes first in the document: rounds are ordered by date, not position
    body = (TITLE + p("X.1 Clause ", dele("Union", U2, "old words"), ins("Union", U2, "new words"),
                      ".")
            + p("X.2 Members earn ", dele("District", D1, "fifteen (15)"),
                ins("District", D1, "ten (10)"), " days", ins("Union", U2, " per year"), "."))
    doc = read(tmp_path, body, header=p("Union Counter Proposal 05/09/2024"))
    assert [(r_.proposal.party, (r_.proposal.date or "")[:10]) for r_ in doc.rounds] == [
        (None, ""), ("District", "2024-03-07"), ("Union", "2024-05-09")]
    assert [clauses_of(r_) for r_ in doc.rounds] == [
        [("X.1", "", "Clause old words."), ("X.2", "", "Members earn fifteen (15) days.")],
        [("X.1", "", "Clause old words."), ("X.2", "", "Members earn ten (10) days.")],
        [("X.1", "", "Clause new words."), ("X.2", "", "Members earn ten (10) days per year.")]]
    assert clauses(doc) == clauses_of(doc.rounds[-1])
    kinds = {(s.text, s.kind, s.round) for s in doc.clauses[1].spans}
    assert ("fifteen (15)", "del", 2) in kinds and (" per year", "ins", 3) in kinds


def test_tracked_round_date_without_time_is_a_date(tmp_path: Path) -> None:
    body = TITLE + p("X.1 Clause ", ins("SUSD", D1, "added"), ".")
    doc = read(tmp_path, body)
    assert (doc.rounds[-1].proposal.party, doc.rounds[-1].proposal.date) == (
        "District", "2024-03-07")


def test_tracked_inserted_paragraph_and_table_row(tmp_path: Path) -> None:
    mark = f'<w:pPr><w:rPr><w:ins w:id="5" w:author="Union" w:date="{U2}"/></w:rPr></w:pPr>'
    new_para = f'<w:p>{mark}{ins("Union", U2, "X.2 A new clause.")}</w:p>'
    row = (f'<w:tr><w:trPr><w:ins w:id="6" w:author="Union" w:date="{U2}"/></w:trPr>'
           f'<w:tc><w:p>{ins("Union", U2, "3")}</w:p></w:tc>'
           f'<w:tc><w:p>{ins("Union", U2, "$54.00")}</w:p></w:tc></w:tr>')
    tbl = table(("Step", "Rate"), ("1", "$50.00")).replace("</w:tbl>", row + "</w:tbl>")
    doc = read(tmp_path, TITLE + p("X.1 Rates:") + tbl + new_para,
               header=p("Union Counter Proposal 05/09/2024"))
    first, last = doc.rounds[0], doc.rounds[-1]
    assert [c.number for a in first.articles for c in a.clauses] == ["X.1"]
    assert first.articles[0].clauses[0].table == (("Step", "Rate"), ("1", "$50.00"))
    assert last.articles[0].clauses[0].table == (
        ("Step", "Rate"), ("1", "$50.00"), ("3", "$54.00"))
    assert clauses_of(last)[1] == ("X.2", "", "A new clause.")


def test_comments_become_notes_of_their_clause(tmp_path: Path) -> None:
    anchored = ('<w:commentRangeStart w:id="0"/>' + r("Text two.")
                + '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>')
    body = TITLE + p("X.1 Clause ", ins("Union", U2, "one"), ".") + p("X.2 ", anchored)
    note = comment(0, "Union", U2, "NUHW agrees with language 05/09/24")
    doc = read(tmp_path, body, comments=note,
               header=p("Union Counter Proposal 05/09/2024"))
    one, two = doc.clauses
    assert not one.notes
    assert [(n.party, n.date, n.kind) for n in two.notes] == [("Union", "2024-05-09", "agrees")]
    assert two.text == "Text two."


def test_python_docx_opens_the_built_fixtures(tmp_path: Path) -> None:
    import docx

    target = tmp_path / "f.docx"
    build_docx(TITLE + p("X.1 Text."), header=p("District Counter Proposal 05/09/2024"),
               numbering=NUMBERING, path=target)
    d = docx.Document(str(target))
    assert [x.text for x in d.paragraphs] == ["LEAVES", "X.1 Text."]


# --- typed bullets (issue 13: the DOCX and the PDF of one document read alike) ---------------

@pytest.mark.parametrize("bullet", ["\u2022", "\uf0b7", "\u25aa"])
def test_a_typed_bullet_is_a_bulleted_item_as_in_its_pdf(tmp_path: Path, bullet: str) -> None:
    """"\u2022 Step 5." typed as text (or Word's Symbol bullet U+F0B7 pasted in) reads as the
    PDF of the same document does, where the bullet drawn is taken for a list's: the item
    "Step 5.", bulleted (else every such item reads as a change between the two)."""
    from test_pdf_reader import Page, make_pdf

    from redline.api import read as read_any

    body = TITLE + p("Grievances go through these steps.") + \
        p(f"{bullet} Step 4. The Union may appeal.") + p(f"{bullet}\tStep 5. Arbitration.")
    docx = read(tmp_path, body)
    page = Page()
    page.text(280, 700, "LEAVES", bold=True)
    page.text(72, 670, "Grievances go through these steps.")
    for y, text in ((650, "Step 4. The Union may appeal."), (630, "Step 5. Arbitration.")):
        page.text(90, y, "\u2022")
        page.text(104, y, text)
    pdf_path = tmp_path / "steps.pdf"
    pdf_path.write_bytes(make_pdf([page.stream()]))
    pdf = read_any(str(pdf_path))
    assert [c.full_text for c in docx.clauses] == [c.full_text for c in pdf.clauses] == [
        "Grievances go through these steps.", "Step 4. The Union may appeal.",
        "Step 5. Arbitration."]
    assert [c.list for c in docx.clauses[1:]] == [c.list for c in pdf.clauses[1:]]


def test_a_swatch_square_in_ink_stays_text(tmp_path: Path) -> None:
    """A key entry typed as a square in the ink before black words ("\u25a0 District
    counter 05/09/2024") is the entry's colour, not a bullet."""
    body = p("Union Initial Proposal 03/07/2024") + \
        p(r("\u25a0", color="0000FF") + r(" District counter 05/09/2024")) + TITLE + \
        p(r("X.1 The work day is "), r("eight", color="0000FF", strike=True),
          r(" seven", color="0000FF", u=True), r(" hours."))
    doc = read(tmp_path, body)
    assert [(e.party, e.date) for e in doc.legend] == [("District", "2024-05-09")]
    assert [r.proposal.date for r in doc.rounds] == ["2024-03-07", "2024-05-09"]
