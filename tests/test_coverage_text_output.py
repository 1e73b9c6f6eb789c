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


def _pdf_pages(tmp_path, name: str, count: int, footer: str) -> str:
    """``count`` pages of one article: a running header, a reservation of rights and a
    page number in the footer band."""
    from test_pdf_reader import Page, make_pdf

    pages = []
    for n in range(1, count + 1):
        pg = Page()
        pg.text(72, 760, "MEMORANDUM OF UNDERSTANDING ON SANCTUARY")
        if n == 1:
            pg.text(72, 700, "ARTICLE 5 - HOURS", bold=True)
        pg.text(72, 670, f"5.{n} The regular work day of week {n} is seven hours.")
        pg.text(72, 40, "The District reserves the right to amend its proposals.")
        pg.text(280, 26, footer.format(n=n, count=count))
        pages.append(pg.stream())
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(make_pdf(pages))
    return str(path)


def test_furniture_of_a_two_page_pdf_is_said_for_each_page(tmp_path) -> None:
    """Page furniture is said as printed, never dropped: on one or two pages each line
    once for each page it is on (wordcheck counts the second copy of a two-page
    document's header as body)."""
    from redline.api import read

    doc = read(_pdf_pages(tmp_path, "two-pages", 2, "Page {n} of {count}"))
    text = document_to_text(doc)
    section = text[text.index("PAGE FURNITURE"):]
    assert section.splitlines()[1:] == [
        "  header, page 1: MEMORANDUM OF UNDERSTANDING ON SANCTUARY",
        "  footer, page 1: The District reserves the right to amend its proposals.",
        "  footer, page 1: Page 1 of 2",
        "  header, page 2: MEMORANDUM OF UNDERSTANDING ON SANCTUARY",
        "  footer, page 2: The District reserves the right to amend its proposals.",
        "  footer, page 2: Page 2 of 2"]
    assert "## Page furniture\n- header, page 1: MEMORANDUM" in \
        document_to_text(doc, style="markdown")


def test_running_furniture_is_said_once_with_its_pages(tmp_path) -> None:
    from redline.api import read
    from redline.render.document import document_to_dict

    doc = read(_pdf_pages(tmp_path, "four-pages", 4, "Page {n} of {count}"))
    text = document_to_text(doc)
    assert text[text.index("PAGE FURNITURE"):].splitlines()[1:] == [
        "  header, pages 1-4: MEMORANDUM OF UNDERSTANDING ON SANCTUARY",
        "  footer, pages 1-4: The District reserves the right to amend its proposals.",
        "  footer, pages 1-4: Page 1 of 4 \u2026 Page 4 of 4"]
    assert document_to_dict(doc)["furniture"][2] == {
        "where": "footer", "text": "Page 1 of 4", "pages": [1, 2, 3, 4],
        "last": "Page 4 of 4"}


def test_page_range_names_runs_and_gaps() -> None:
    from redline.render.document import page_range

    assert page_range([4]) == "page 4"
    assert page_range([1, 2, 3, 5, 7, 8]) == "pages 1-3, 5, 7-8"


def test_a_docx_header_and_footer_are_said_without_pages(tmp_path) -> None:
    from docx_builder import build_docx, p

    from redline.api import read

    path = tmp_path / "counter.docx"
    build_docx(p("ARTICLE 5 - HOURS") + p("5.1 The work day is seven hours."),
               header=p("District Proposal 02/05/2026"),
               footer=p("The District reserves the right to amend its proposals."),
               path=path)
    text = document_to_text(read(str(path)))
    assert text.endswith("PAGE FURNITURE\n  header: District Proposal 02/05/2026\n"
                         "  footer: The District reserves the right to amend its "
                         "proposals.\n")


def test_text_kept_out_of_the_clauses_is_said_as_printed(tmp_path) -> None:
    """The proposal line typed above the first article (read as the proposal) and a
    reservation of rights typed in the body (boilerplate) are kept out of the clauses: the
    text output says them as printed."""
    from docx_builder import build_docx, p

    from redline.api import read

    path = tmp_path / "counter.docx"
    build_docx(p("SUSD to NUHW Counterproposal 05.02.2024") + p("ARTICLE 5 - HOURS") +
               p("5.1 The work day is seven hours.") +
               p("The District reserves the right to withdraw, modify, or otherwise amend "
                 "its proposals in the course of the negotiations until such time as the "
                 "parties reach a tentative agreement."), path=path)
    doc = read(str(path))
    assert doc.proposal.date == "2024-05-02"
    text = document_to_text(doc)
    assert text.splitlines()[1] == "Proposal line: SUSD to NUHW Counterproposal 05.02.2024"
    section = text[text.index("OUTSIDE THE CLAUSES"):].splitlines()
    assert section[1].startswith("  The District reserves the right to withdraw")
    assert "reserves" not in " ".join(c.full_text for c in doc.clauses)
