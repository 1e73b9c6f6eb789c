"""``parse --format text`` gives back every word the reader read (issue 13's coverage goal
is measured on that output): a marked clause's table included."""
from __future__ import annotations

from redline.model import DEL, INS, Article, Clause, Document, Span
from redline.render.document import document_to_text


def test_a_marked_clause_prints_its_table_with_the_marks() -> None:
    para = (Span("9.1 The workload form: "), Span("old", kind=DEL), Span("new", kind=INS))
    table = ((("Student Name",), ("Case Manager",)),
             ((Span("Initial"), Span(" triennial", kind=INS)), (Span("1"),)))
    clause = Clause(number="9.1", text="The workload form: new", kind="num",
                    paragraphs=(para,), table=(("Student Name", "Case Manager"),
                                               ("Initial triennial", "1")),
                    table_spans=tuple(tuple(tuple(Span(c) if isinstance(c, str) else c
                                                  for c in cell) for cell in row)
                                      for row in table))
    doc = Document(articles=(Article(title="WORKLOAD", number="9", clauses=(clause,)),))
    text = document_to_text(doc)
    assert "9.1 The workload form: [-old-]{+new+}\nStudent Name | Case Manager\n" \
           "Initial{+ triennial+} | 1" in text
    assert "Student Name | Case Manager" in document_to_text(doc, style="markdown")


def test_a_title_printed_in_the_page_header_is_shown_once(tmp_path) -> None:
    """A document whose title sits in the page header (the SFUSD MOU does) shows it in the
    text output; the proposal line and the key, shown already, are not repeated."""
    from docx_builder import build_docx, p

    from redline.api import read

    path = tmp_path / "mou.docx"
    build_docx(p("1. The District will post notices."),
               header=p("MEMORANDUM OF UNDERSTANDING") + p("District Proposal 02/05/2026"),
               path=path)
    text = document_to_text(read(str(path)))
    assert text.count("Page header: MEMORANDUM OF UNDERSTANDING") == 1
    assert "Page header: District Proposal" not in text
