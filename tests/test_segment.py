"""Clause segmentation on plain text: ``match_number``, ``note_of`` and ``segment``."""
from __future__ import annotations

from typing import List, Optional

import pytest

from redline.model import Span
from redline.readers.segment import (Para, is_article_title, item_family, match_number,
                                     note_of, number_depth, para_from_spans, segment,
                                     view_text)


@pytest.mark.parametrize("text,number,printed,kind,rest,prefix", [
    ("X.1 Text", "X.1", "X.1", "num", "Text", ""),
    ("X.2.3 Text", "X.2.3", "X.2.3", "num", "Text", ""),
    ("X. 2.1 Text", "X.2.1", "X. 2.1", "num", "Text", ""),
    ("X.2. 4 Text", "X.2.4", "X.2. 4", "num", "Text", ""),
    ("X.1.1. Text", "X.1.1.", "X.1.1.", "num", "Text", ""),
    ("9.4.2 Text", "9.4.2", "9.4.2", "num", "Text", ""),
    ("X.*** Text", "X.***", "X.***", "stars", "Text", ""),
    ("X Sick Leave", "X", "X", "section", "Sick Leave", ""),
    ("(a) Text", "(a)", "(a)", "item", "Text", ""),
    ("a) Text", "a)", "a)", "item", "Text", ""),
    ("(1) Text", "(1)", "(1)", "item", "Text", ""),
    ("i. Text", "i.", "i.", "item", "Text", ""),
    ("xiii. Text", "xiii.", "xiii.", "item", "Text", ""),
    ("- a typed bullet", "", "", "item", "a typed bullet", "-"),
    ("- X.3.1 Sixty (60) days", "X.3.1", "X.3.1", "num", "Sixty (60) days", "-"),
    ("X.1", "X.1", "X.1", "num", "", ""),
    # irregular spacing (issue 12): a space where the first period was meant
    ("X 2.2 Text", "X.2.2", "X 2.2", "num", "Text", ""),
    ("X 2. 3.1 Text", "X.2.3.1", "X 2. 3.1", "num", "Text", ""),
])
def test_match_number(text, number, printed, kind, rest, prefix) -> None:
    m = match_number(text)
    assert m is not None
    assert (m.number, m.printed, m.kind, m.rest, m.prefix) == (number, printed, kind, rest,
                                                                prefix)


@pytest.mark.parametrize("text", [
    "The District shall respond.",
    "X-ray technicians are included.",
    "10 days after the request.",
    "X.1Text glued to the number",
    "Xavier is a name.",
    "X 2 days later",
    "X 25 Employees",
    "",
])
def test_not_a_number(text: str) -> None:
    assert match_number(text) is None


def test_section_line_with_a_sentence_is_not_a_section() -> None:
    assert match_number("X The District shall provide leave. It shall be paid.") is None


@pytest.mark.parametrize("number,depth", [("X.1", 0), ("X.1.2", 1), ("X.1.2.3", 2),
                                          ("X.1.1.", 1), ("12.4", 0)])
def test_number_depth(number: str, depth: int) -> None:
    assert number_depth(number) == depth


@pytest.mark.parametrize("label,previous,family", [
    ("(a)", None, "()alpha"), ("a)", None, ")alpha"), ("(1)", None, "()digit"),
    ("i.", None, ".roman"), ("xiii.", None, ".roman"), ("i.", "h.", ".alpha"),
    ("A.", None, ".ALPHA"),
])
def test_item_family(label: str, previous: Optional[str], family: str) -> None:
    assert item_family(label, previous) == family


@pytest.mark.parametrize("text,title,number", [
    ("ARTICLE 9 - GRIEVANCE PROCEDURE", "GRIEVANCE PROCEDURE", "9"),
    ("ARTICLE IV: HOURS", "HOURS", "IV"),
    ("Article X \u2014 Transfer", "Transfer", None),
    ("SAFETY CONDITIONS", "SAFETY CONDITIONS", None),
])
def test_article_titles(text: str, title: str, number: Optional[str]) -> None:
    assert is_article_title(text, Para(text)) == (title, number)


@pytest.mark.parametrize("text", [
    "X.1 HOURS", "THE END.", "OK", "Informal Level",
    # an article line is a heading line: a sentence that starts with a reference is not one
    "Article 18 (Grievance Procedure) except as provided in this Agreement",
    "Article 27.4, he/she shall be granted either per diem pay",
    "Article 23 language from the 2001-2004 Teachers' Contract",
    "Article 9 of this Agreement applies.",
    "Article 3. The District shall provide",
])
def test_not_article_titles(text: str) -> None:
    assert is_article_title(text, Para(text)) is None


@pytest.mark.parametrize("text,party,date,kind", [
    ("District agrees with language 05/09/2024", "District", "2024-05-09", "agrees"),
    ("Union strikes out language 05/09/24", "Union", "2024-05-09", "strikes_language"),
    ("District remains status quo", "District", None, "status_quo"),
    ("District remains at status quo. 05/23/2024", "District", "2024-05-23", "status_quo"),
    ("District proposes new language 05/02/2024", "District", "2024-05-02",
     "proposes_new_language"),
    ("NUHW proposing new language 06/06/24", "Union", "2024-06-06", "proposes_new_language"),
    ("The Union striking out proposed language 05/09/24", "Union", "2024-05-09",
     "strikes_proposed_language"),
    ("SUSD withdraws its proposal 06.07.2024", "District", "2024-06-07", "withdraws"),
    ("District proposes language. 05/02/2024", "District", "2024-05-02", "counter"),
    # a note with a time of day (issue 12: it became a clause)
    ("District reasserts original language 05/23/2024 3:20PM", "District",
     "2024-05-23T15:20", "status_quo"),
    ("Union reaffirms its language 06/06/24", "Union", "2024-06-06", "status_quo"),
])
def test_note_of(text: str, party: str, date: Optional[str], kind: str) -> None:
    note = note_of(text)
    assert note is not None
    assert (note.party, note.date, note.kind, note.text) == (party, date, kind, text)


@pytest.mark.parametrize("text", [
    "The District agrees to meet within ten (10) days.",  # no date: clause text
    "District Counter Proposal 05/09/2024",  # a proposal line
    "SUSD to NUHW Counter 06/20/2024- 3:35PM",
    "District proposes the following:",
    "Bargaining unit members shall be granted leave 05/09/2024",
    "",
])
def test_not_notes(text: str) -> None:
    assert note_of(text) is None


def paras(*lines: str, bold: tuple = ()) -> List[Para]:
    return [Para(text=t, spans=(Span(t),), bold=i in bold) for i, t in enumerate(lines)]


def test_segment_builds_articles_clauses_and_notes() -> None:
    (art,) = segment(paras(
        "TRANSFER",
        "X.1 Voluntary Transfer",
        "A unit member may request a transfer.",
        "District agrees with language 05/09/2024",
        "X.1.1 Requests shall be in writing.",
        "(a) by email;",
        "(b) by letter.",
        "X.2 Involuntary Transfer",
        "The District may transfer a member",
        "only for cause.",
        bold=(1, 7)))
    assert art.title == "TRANSFER"
    got = [(c.number, c.heading, c.text, c.level, c.parent, [n.kind for n in c.notes])
           for c in art.clauses]
    assert got == [
        ("X.1", "Voluntary Transfer", "A unit member may request a transfer.", 0, None,
         ["agrees"]),
        ("X.1.1", "", "Requests shall be in writing.", 1, 0, []),
        ("(a)", "", "by email;", 2, 1, []),
        ("(b)", "", "by letter.", 2, 1, []),
        ("X.2", "Involuntary Transfer", "The District may transfer a member\nonly for cause.",
         0, None, []),
    ]


def test_segment_lowercase_line_continues_the_clause_above() -> None:
    (art,) = segment(paras("HOURS", "X.1 The work day is eight (8) hours", "exclusive of lunch."))
    assert [(c.number, c.text) for c in art.clauses] == [
        ("X.1", "The work day is eight (8) hours\nexclusive of lunch.")]


def test_segment_unnumbered_paragraph_is_a_para_clause() -> None:
    (art,) = segment(paras("HOURS", "X.1 First.", "Another paragraph that starts uppercase."))
    assert [(c.kind, c.text) for c in art.clauses] == [
        ("num", "First."), ("para", "Another paragraph that starts uppercase.")]


def test_segment_note_before_any_clause_goes_to_the_first_clause() -> None:
    (art,) = segment(paras("HOURS", "Union agrees with language 05/09/24", "X.1 First."))
    assert [n.kind for n in art.clauses[0].notes] == ["agrees"]


def test_segment_drops_boilerplate() -> None:
    (art,) = segment(paras(
        "HOURS", "X.1 First.",
        "The District reserves the right to withdraw, modify, or otherwise amend its proposals.",
        "Page 3 of 4"))
    assert [c.text for c in art.clauses] == ["First."]


def test_segment_word_label_is_the_number() -> None:
    para = Para(text="Members earn leave.", spans=(Span("Members earn leave."),),
                num_label="X.4", list_kind="number")
    (art,) = segment([Para("HOURS", (Span("HOURS"),)), para])
    (c,) = art.clauses
    assert (c.number, c.text, c.list) == ("X.4", "Members earn leave.", "number")


def test_para_from_spans_views_rounds() -> None:
    spans = [Span("X.1 Members earn "), Span("fifteen (15)", kind="del", round=2, origin_round=1),
             Span(" ten (10)", kind="ins", round=2), Span(" days.")]
    assert para_from_spans(spans, 1).text == "X.1 Members earn fifteen (15) days."
    assert para_from_spans(spans, 2).text == "X.1 Members earn ten (10) days."
    latest = para_from_spans(spans)
    assert latest.text == "X.1 Members earn ten (10) days." and not latest.deleted


def test_para_from_spans_wholly_struck_is_deleted() -> None:
    latest = para_from_spans([Span("X.3 Gone.", kind="del", round=2)])
    assert latest.deleted and latest.text == "X.3 Gone."


def _spans(*parts):
    """("text", kind, round) triples -> spans."""
    return [Span(t, kind=k, round=r) for t, k, r in parts]


@pytest.mark.parametrize("parts, round_no, want", [
    # an insertion glued to the period: the space before it is the insertion's
    ((("service ", "base", 1), ("in attendance at the site", "ins", 2), (".", "base", 1)),
     1, "service."),
    ((("service ", "base", 1), ("in attendance at the site", "ins", 2), (".", "base", 1)),
     2, "service in attendance at the site."),
    # an insertion glued to the word before it: the space after it is the base text's
    ((("evaluations", "base", 1), (", unit member discipline ", "ins", 2),
      ("shall", "base", 1)), 1, "evaluations shall"),
    # struck then inserted, the inserted words starting with a comma
    ((("one day ", "base", 1), ("and ", "del", 2), (", provided ", "ins", 2),
      ("in excess", "base", 1)), 2, "one day, provided in excess"),
    ((("one day ", "base", 1), ("and ", "del", 2), (", provided ", "ins", 2),
      ("in excess", "base", 1)), 1, "one day and in excess"),
    # two struck phrases, the space owned by neither: still one space
    ((("days ", "base", 1), ("after the conference. ", "del", 3),
      ("The form.", "del", 2), ("from when", "ins", 3)), 3, "days from when"),
    # glued on both sides (a mid-word change): nothing added
    ((("stu", "base", 1), ("den", "ins", 2), ("t", "base", 1)), 1, "stut"),
    # a prefix glued to the next word keeps the space before it
    ((("A ", "base", 1), ("re", "ins", 2), ("open", "base", 1)), 1, "A open"),
    # a straight quote may open a phrase: the space before it stays
    ((("the term ", "base", 1), ("Day", "del", 2), ('"Workday"', "base", 1)), 2,
     'the term "Workday"'),
])
def test_view_text_decides_inferred_spaces_per_view(parts, round_no, want):
    spans = _spans(*parts)
    got = view_text(spans, lambda s: s.in_round(round_no), inferred_spaces=True)
    assert " ".join(got.split()) == want


def test_view_text_keeps_explicit_spaces_as_they_are():
    """A DOCX's spaces belong to its runs: nothing is re-decided ("day , provided" stays)."""
    spans = _spans(("one day ", "base", 1), ("and", "del", 2), (", provided", "ins", 2))
    assert view_text(spans, lambda s: s.in_round(2)) == "one day , provided"


def test_segment_keeps_a_preamble_before_the_first_article() -> None:
    """A rationale, a recital or a table of contents before the first article is text of the
    document: an untitled first article, not dropped."""
    paras = [Para("UESF Counter Proposal for Stability"), Para("Rationale"),
             Para("The stability package is structured as a two-year agreement to enable "
                  "both parties to address the needs of students, families and educators. "
                  + "Students deserve safe, stable and fully staffed schools. " * 10),
             Para("9.1.1 Classroom paraeducators will work a seven-hour day."),
             Para("ARTICLE 29 - SPECIAL EDUCATION"), Para("29.1 Text.")]
    first, second = segment(paras)
    assert (first.title, first.number) == ("", None)
    assert [c.number for c in first.clauses][-1] == "9.1.1"
    assert "Rationale" in [c.text for c in first.clauses]
    assert (second.number, [c.number for c in second.clauses]) == ("29", ["29.1"])


def test_segment_leaves_a_short_cover_page_out() -> None:
    paras = [Para("Tentative Agreement"), Para("between the District and the Union"),
             Para("ARTICLE 12 - SICK LEAVE"), Para("12.1 Text.")]
    (article,) = segment(paras)
    assert [c.number for c in article.clauses] == ["12.1"]


def test_segment_article_reference_inside_a_sentence_is_no_new_article() -> None:
    paras = [Para("ARTICLE 5 - HOURS"), Para("5.1 Grievances over hours are heard under"),
             Para("Article 18 (Grievance Procedure) except as provided in 5.2 below.")]
    (article,) = segment(paras)
    assert article.number == "5" and len(article.clauses) == 2


def test_segment_contents_entries_are_not_articles() -> None:
    paras = [Para("TABLE OF CONTENTS"), Para("Article 1 - Definitions 7"),
             Para("Article 2 - General 8"), Para("ARTICLE 1 - DEFINITIONS"),
             Para("1-1 A day is a school day.")]
    contents, article = segment(paras)
    assert contents.title == "TABLE OF CONTENTS"
    assert [c.text for c in contents.clauses] == ["Article 1 - Definitions 7",
                                                   "Article 2 - General 8"]
    assert (article.number, article.title) == ("1", "DEFINITIONS")


@pytest.mark.parametrize("line,heading", [
    ("X.3.1 March 15th Notice.", "March 15th Notice."),
    ("X.3.1 Notice of Layoff.", "Notice of Layoff."),
    ("X.3.1 Notice", "Notice"),
    ("X.3.1 Members shall be notified.", ""),  # a sentence, however bold
    ("X.3.1 Notice of the Layoff by the District to Members of the Unit.", ""),  # too long
])
def test_a_bold_heading_closed_with_a_period_holds_its_text(line, heading) -> None:
    """Issue 12: "X.3.1 March 15th Notice." over its text is one clause with a heading."""
    from redline.readers.segment import segment

    paras = [Para(text="ARTICLE 3 - NOTICE", spans=(Span("ARTICLE 3 - NOTICE"),), bold=True),
             Para(text=line, spans=(Span(line),), bold=True),
             Para(text="The District shall notify members.",
                  spans=(Span("The District shall notify members."),))]
    (art,) = segment(paras)
    first = art.clauses[0]
    assert first.heading == heading
    if heading:
        assert len(art.clauses) == 1 and first.text == "The District shall notify members."


from hypothesis import given, strategies as st  # noqa: E402


@given(st.text(alphabet=st.sampled_from(list("ab .\t\n\r\x0b\x0c\u00a0\u2003\u202f")),
               max_size=30))
def test_squash_fast_path_agrees_with_the_pattern(text) -> None:
    import re

    from redline.readers.segment import squash

    assert squash(text) == re.sub(r"[^\S\u00a0\u2007\u202f]+", " ", text).strip()
