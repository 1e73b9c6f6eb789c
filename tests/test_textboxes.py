"""Text boxes in tracked-changes output: a text box whose words changed is diffed inside,
not struck and inserted whole (found comparing with the WmlComparer reference redlines)."""
from __future__ import annotations

import zipfile

from compare_helpers import run_compare
from docx_builder import build_docx, p
from ooxml_views import body_text

VML = 'xmlns:v="urn:schemas-microsoft-com:vml"'


def textbox(*texts: str) -> str:
    inner = "".join(p(t) for t in texts)
    return (f'<w:r><w:pict><v:shape {VML} style="width:200pt;height:40pt">'
            f"<v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape>"
            "</w:pict></w:r>")


def test_words_changed_inside_a_text_box_are_marked_inside_it(tmp_path):
    old = build_docx(p("ARTICLE 3 - HOURS") + p("X.1 See the box: ",
                                                textbox("Shifts start at 8 a.m.")))
    new = build_docx(p("ARTICLE 3 - HOURS") + p("X.1 See the box: ",
                                                textbox("Shifts start at 7 a.m.")))
    out = run_compare(tmp_path, old, new)
    assert body_text(out, "accept") == body_text(new, "accept")
    assert body_text(out, "reject") == body_text(old, "accept")
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    # one text box, with "8" struck and "7" inserted inside it; "Shifts start at" untouched
    assert xml.count("<w:txbxContent") == 1
    assert ">8 </w:delText>" in xml and ">7 </w:t>" in xml
    assert "Shifts start at </w:delText>" not in xml


def test_a_text_box_reads_as_part_of_its_clause(tmp_path):
    from redline.api import read

    path = tmp_path / "box.docx"
    alternate = ('<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/'
                 'markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing>'
                 '<w:txbxContent>' + p("Shifts start at 8 a.m.") + "</w:txbxContent>"
                 "</w:drawing></mc:Choice><mc:Fallback>" + textbox("Shifts start at 8 a.m.")[5:-6]
                 + "</mc:Fallback></mc:AlternateContent></w:r>")
    build_docx(p("ARTICLE 3 - HOURS") + p("X.1 See the box:", alternate, "for shifts."),
               path=path)
    (clause,) = read(str(path)).clauses
    # the box's words once (not its fallback copy too), where the box is anchored
    assert clause.text == "See the box: Shifts start at 8 a.m. for shifts."
