"""Footnotes in tracked-changes output: changes inside notes are tracked like the body's,
so accepting every revision gives the new notes and rejecting every revision the old ones."""
from __future__ import annotations

import zipfile
from pathlib import Path

from click.testing import CliRunner
from docx_builder import build_docx, footnote, footnote_ref, p
from ooxml_views import body_text, paragraphs
from redline.cli import cli

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TITLE = p("ARTICLE 7 - NOTICE")


def notes(path: Path, view: str):
    return [t for t in (" ".join(x.split()) for x in
                        paragraphs(path.read_bytes(), view, "word/footnotes.xml")) if t]


def compare(tmp_path: Path, old: bytes, new: bytes) -> Path:
    (tmp_path / "old.docx").write_bytes(old)
    (tmp_path / "new.docx").write_bytes(new)
    out = tmp_path / "out.docx"
    res = CliRunner().invoke(cli, ["compare", str(tmp_path / "old.docx"),
                                   str(tmp_path / "new.docx"), "-o", str(out)])
    assert res.exit_code in (0, 1), res.output
    return out


def test_a_changed_footnote_shows_its_word_changes(tmp_path):
    body = TITLE + p("X.1 Notice shall be given in writing.", footnote_ref(1))
    old = build_docx(body, footnotes=footnote(1, "Notice by mail within ten (10) days."))
    new = build_docx(body, footnotes=footnote(1, "Notice by email within ten (10) days."))
    out = compare(tmp_path, old, new)
    assert notes(out, "accept") == ["Notice by email within ten (10) days."]
    assert notes(out, "reject") == ["Notice by mail within ten (10) days."]
    part = zipfile.ZipFile(out).read("word/footnotes.xml").decode()
    assert ">mail" in part and ">email" in part and "<w:delText" in part
    # the body itself is unchanged: only the note carries revisions
    assert body_text(out, "accept") == body_text(out, "reject")


def test_a_new_footnote_is_inserted_text(tmp_path):
    old = build_docx(TITLE + p("X.1 Notice shall be given in writing."), footnotes="")
    new = build_docx(TITLE + p("X.1 Notice shall be given in writing.", footnote_ref(1)),
                     footnotes=footnote(1, "Email counts as writing."))
    out = compare(tmp_path, old, new)
    assert notes(out, "accept") == ["Email counts as writing."]
    assert notes(out, "reject") == []


def test_a_struck_reference_keeps_its_old_note_even_when_the_new_file_has_no_notes(tmp_path):
    old = build_docx(TITLE + p("X.1 Notice shall be given in writing.", footnote_ref(1)),
                     footnotes=footnote(1, "Email counts as writing.", "So does fax."))
    new = build_docx(TITLE + p("X.1 Notice shall be given in writing."))
    out = compare(tmp_path, old, new)
    assert notes(out, "reject") == ["Email counts as writing.", "So does fax."]
    assert notes(out, "accept") == []
    with zipfile.ZipFile(out) as z:  # the part, its relationship and its content type
        assert "word/footnotes.xml" in z.namelist()
        assert "footnotes.xml" in z.read("word/_rels/document.xml.rels").decode()
        assert "/word/footnotes.xml" in z.read("[Content_Types].xml").decode()


def test_a_table_inside_a_footnote_is_compared_cell_by_cell(tmp_path):
    def table(a: str) -> str:
        return (f"<w:tbl><w:tr><w:tc>{p('Step')}</w:tc><w:tc>{p(a)}</w:tc></w:tr>"
                "</w:tbl>")

    body = TITLE + p("X.1 Salary schedule.", footnote_ref(2))
    old = build_docx(body, footnotes=f'<w:footnote w:id="2">{p("Rates:")}{table("$10")}'
                                     "</w:footnote>")
    new = build_docx(body, footnotes=f'<w:footnote w:id="2">{p("Rates:")}{table("$12")}'
                                     "</w:footnote>")
    out = compare(tmp_path, old, new)
    assert notes(out, "accept") == ["$12", "Rates:", "Step"] or \
        sorted(notes(out, "accept")) == sorted(["Rates:", "Step", "$12"])
    assert sorted(notes(out, "reject")) == sorted(["Rates:", "Step", "$10"])
