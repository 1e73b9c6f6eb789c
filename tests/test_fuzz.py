"""Property-based fuzzing: generated DOCX structures and random edits, and damaged DOCX and
PDF files.

* Two versions of a document are generated as *specs* (articles of paragraphs and tables;
  runs with marks, tracked insertions and deletions by several authors, hyperlinks, simple
  and complex fields, tabs, bookmarks, Word numbering), the second by random edits of the
  first.  ``compare`` then ``render_tracked`` must not fail, and the tracked DOCX must give
  the new version's text when every revision is accepted and the old one's when every
  revision is rejected (read by ``ooxml_views``, independent of the renderer).
* Damaged files (XML mutated before zipping, bytes of a PDF mutated) must read or fail with
  a :class:`~redline.errors.RedlineError`, never anything else.

The examples here are kept few for CI; ``benchmarks/fuzz.py`` runs the same strategies for
as long as you like (docs/fuzzing.md).
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import List, Optional, Tuple, Union

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docx_builder import abstract_num, build_docx, num
from ooxml_views import body_text, note_texts
from redline.errors import RedlineError
from test_pdf_reader import Page, make_pdf

#: CI budget; benchmarks/fuzz.py runs many more.
CI_EXAMPLES = 40
CI_SETTINGS = settings(max_examples=CI_EXAMPLES, deadline=None,
                       suppress_health_check=[HealthCheck.too_slow,
                                              HealthCheck.function_scoped_fixture])

# --- specs ---------------------------------------------------------------------------------

WORDS = ["the", "District", "shall", "may", "notify", "Union", "within", "ten (10)",
         "fifteen (15)", "days", "employee", "grievance", "seniority", "X.1", "(a)", "$1,200",
         "3.5%", "—", "“quoted”", "don’t", "a\u00a0b", "\u05e9\u05dc\u05d5\u05dd",
         "cafe\u0301", "\U0001f642", "<tag>", "&", "meet-and-confer"]  # tabs: the "tab" run kind
AUTHORS = ["District", "Union", "SUSD", "NUHW", "Jane Roe"]
DATES = ["2024-03-07T00:00:00Z", "2024-05-09T15:35:00Z", "2024-06-20T09:00:00Z"]


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    strike: bool = False
    colour: Optional[str] = None
    # "plain", "ins", "del", "link", "simple-field", "complex-field", "tab", "bookmark"
    kind: str = "plain"
    author: str = "District"
    date: str = DATES[0]


@dataclass(frozen=True)
class Para:
    runs: Tuple[Run, ...]
    numbered: Optional[int] = None  # ilvl of a Word list, or None
    style: Optional[str] = None


@dataclass(frozen=True)
class Table:
    rows: Tuple[Tuple[Para, ...], ...]


Block = Union[Para, Table]


@dataclass(frozen=True)
class DocSpec:
    title: str
    blocks: Tuple[Block, ...] = field(default_factory=tuple)


def _esc(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(text)


def _rpr(run: Run) -> str:
    props = []
    if run.bold:
        props.append("<w:b/>")
    if run.italic:
        props.append("<w:i/>")
    if run.strike:
        props.append("<w:strike/>")
    if run.colour:
        props.append(f'<w:color w:val="{run.colour}"/>')
    if run.underline:
        props.append('<w:u w:val="single"/>')
    return f"<w:rPr>{''.join(props)}</w:rPr>" if props else ""


_IDS = iter(range(1, 10 ** 9))
_FOOTNOTES: List[str] = []  # the footnotes of the document being written


def _run_xml(run: Run) -> str:
    def text_run(tag: str = "t") -> str:
        return (f'<w:r>{_rpr(run)}<w:{tag} xml:space="preserve">{_esc(run.text)}</w:{tag}>'
                "</w:r>")

    rev = f'w:id="{next(_IDS)}" w:author="{_esc(run.author)}" w:date="{run.date}"'
    if run.kind == "ins":
        return f"<w:ins {rev}>{text_run()}</w:ins>"
    if run.kind == "del":
        return f"<w:del {rev}>{text_run('delText')}</w:del>"
    if run.kind == "link":
        return f'<w:hyperlink w:anchor="clause">{text_run()}</w:hyperlink>'
    if run.kind == "simple-field":
        return f'<w:fldSimple w:instr=" MERGEFIELD Name ">{text_run()}</w:fldSimple>'
    if run.kind == "complex-field":
        return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText '
                'xml:space="preserve"> DATE \\@ "M/d/yyyy" </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + text_run() +
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    if run.kind == "tab":
        return "<w:r><w:tab/></w:r>" + text_run()
    if run.kind == "textbox":  # a VML text box holding the run's words
        return (f'<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" '
                f'style="width:120pt;height:30pt"><v:textbox><w:txbxContent><w:p>'
                f"{text_run()}</w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>")
    if run.kind == "footnote":  # a word, then a reference to a footnote holding the run
        fid = next(_IDS)
        _FOOTNOTES.append(f'<w:footnote w:id="{fid}"><w:p><w:r><w:footnoteRef/></w:r>'
                          f"{text_run()}</w:p></w:footnote>")
        return (f'<w:r><w:t xml:space="preserve">note </w:t></w:r>'
                f'<w:r><w:footnoteReference w:id="{fid}"/></w:r>')
    if run.kind == "bookmark":
        bid = next(_IDS)
        return (f'<w:bookmarkStart w:id="{bid}" w:name="b{bid}"/>' + text_run() +
                f'<w:bookmarkEnd w:id="{bid}"/>')
    return text_run()


def para_xml(para: Para) -> str:
    ppr = []
    if para.style:
        ppr.append(f'<w:pStyle w:val="{para.style}"/>')
    if para.numbered is not None:
        ppr.append(f'<w:numPr><w:ilvl w:val="{para.numbered}"/><w:numId w:val="1"/></w:numPr>')
    head = f"<w:pPr>{''.join(ppr)}</w:pPr>" if ppr else ""
    return f"<w:p>{head}{''.join(_run_xml(r) for r in para.runs)}</w:p>"


def block_xml(block: Block) -> str:
    if isinstance(block, Para):
        return para_xml(block)
    rows = "".join("<w:tr>" + "".join(f"<w:tc>{para_xml(c)}</w:tc>" for c in row) + "</w:tr>"
                   for row in block.rows)
    return f"<w:tbl><w:tblPr/>{rows}</w:tbl>"


NUMBERING = abstract_num(1, ("decimal", "X.%1"), ("lowerLetter", "(%2)")) + num(1, 1)


def docx_bytes(spec: DocSpec) -> bytes:
    global _IDS
    _IDS = iter(range(1, 10 ** 9))  # the same spec gives the same bytes (hypothesis replays)
    _FOOTNOTES.clear()
    body = (f'<w:p><w:r><w:t xml:space="preserve">{_esc(spec.title)}</w:t></w:r></w:p>' +
            "".join(block_xml(b) for b in spec.blocks))
    return build_docx(body, numbering=NUMBERING, footnotes="".join(_FOOTNOTES),
                      header=f"<w:p><w:r><w:t>{_esc('Union Counter Proposal 05/09/2024')}"
                             "</w:t></w:r></w:p>")


# --- strategies ----------------------------------------------------------------------------

texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)
colours = st.one_of(st.none(), st.sampled_from(["FF0000", "0000FF", "00B050", "auto"]))
kinds = st.sampled_from(["plain"] * 6 + ["ins", "del", "link", "simple-field",
                                         "complex-field", "tab", "bookmark", "textbox",
                                         "footnote"])


@st.composite
def runs(draw: st.DrawFn) -> Run:
    return Run(draw(texts) + " ", draw(st.booleans()), draw(st.booleans()),
               draw(st.booleans()), draw(st.booleans()) and draw(st.booleans()),
               draw(colours), draw(kinds), draw(st.sampled_from(AUTHORS)),
               draw(st.sampled_from(DATES)))


@st.composite
def paras(draw: st.DrawFn, number: Optional[str] = None) -> Para:
    body = list(draw(st.lists(runs(), min_size=1, max_size=5)))
    if number is not None:
        body.insert(0, Run(f"{number} "))
    return Para(tuple(body), draw(st.one_of(st.none(), st.integers(0, 1))),
                draw(st.sampled_from([None, None, "ListBullet", "Heading1"])))


@st.composite
def tables(draw: st.DrawFn) -> Table:
    width = draw(st.integers(1, 3))
    rows = draw(st.lists(st.lists(paras(), min_size=width, max_size=width).map(tuple),
                         min_size=1, max_size=3))
    return Table(tuple(rows))


@st.composite
def documents(draw: st.DrawFn) -> DocSpec:
    count = draw(st.integers(1, 7))
    blocks: List[Block] = []
    for i in range(count):
        if draw(st.integers(0, 5)) == 0:
            blocks.append(draw(tables()))
        else:
            blocks.append(draw(paras(number=draw(st.sampled_from([f"X.{i + 1}", None])))))
    return DocSpec("ARTICLE 4 - TRANSFER", tuple(blocks))


@st.composite
def edited(draw: st.DrawFn, spec: DocSpec) -> DocSpec:
    """``spec`` after a few random edits: blocks inserted, deleted, moved; words and runs
    replaced, inserted or deleted; marks changed; table cells rewritten and rows added."""
    blocks = list(spec.blocks)
    for _ in range(draw(st.integers(0, 5))):
        op = draw(st.sampled_from(["insert", "delete", "move", "words", "marks", "table"]))
        if op == "insert":
            new: Block = draw(st.one_of(paras(number="X.9"), tables()))
            blocks.insert(draw(st.integers(0, len(blocks))), new)
        elif op == "delete" and blocks:
            blocks.pop(draw(st.integers(0, len(blocks) - 1)))
        elif op == "move" and len(blocks) > 1:
            item = blocks.pop(draw(st.integers(0, len(blocks) - 1)))
            blocks.insert(draw(st.integers(0, len(blocks))), item)
        elif op in ("words", "marks") and blocks:
            k = draw(st.integers(0, len(blocks) - 1))
            block = blocks[k]
            if isinstance(block, Para):
                body = list(block.runs)
                j = draw(st.integers(0, len(body) - 1))
                if op == "words":
                    choice = draw(st.integers(0, 2))
                    if choice == 0:
                        body[j] = replace(body[j], text=draw(texts) + " ")
                    elif choice == 1:
                        body.insert(j, draw(runs()))
                    elif len(body) > 1:
                        body.pop(j)
                else:
                    body[j] = replace(body[j], bold=not body[j].bold, colour=draw(colours))
                blocks[k] = replace(block, runs=tuple(body))
        elif op == "table" and blocks:
            k = draw(st.integers(0, len(blocks) - 1))
            block = blocks[k]
            if isinstance(block, Table):
                rows = [list(r) for r in block.rows]
                i = draw(st.integers(0, len(rows) - 1))
                if draw(st.booleans()):
                    rows[i][draw(st.integers(0, len(rows[i]) - 1))] = draw(paras())
                else:
                    rows.insert(i, [draw(paras()) for _ in rows[i]])
                blocks[k] = Table(tuple(tuple(r) for r in rows))
    return replace(spec, blocks=tuple(blocks))


@st.composite
def version_pairs(draw: st.DrawFn) -> Tuple[DocSpec, DocSpec]:
    old = draw(documents())
    return old, draw(edited(old))


# --- properties ----------------------------------------------------------------------------

def check_round_trip(old: DocSpec, new: DocSpec, folder: Path) -> None:
    """compare -> tracked DOCX: accept all gives the new text, reject all the old text."""
    from redline.api import compare, read
    from redline.render.docx_tracked import render_tracked

    old_data, new_data = docx_bytes(old), docx_bytes(new)
    a, b = folder / "old.docx", folder / "new.docx"
    a.write_bytes(old_data)
    b.write_bytes(new_data)
    out = render_tracked(compare(str(a), str(b)))
    assert body_text(out, "accept") == body_text(new_data, "accept")
    assert body_text(out, "reject") == body_text(old_data, "accept")
    # and in the footnotes (the notes referred to, as text, in any order)
    assert sorted(note_texts(out, "accept")) == sorted(note_texts(new_data, "accept"))
    assert sorted(note_texts(out, "reject")) == sorted(note_texts(old_data, "accept"))
    tracked = folder / "tracked.docx"
    tracked.write_bytes(out)
    read(str(tracked))  # our own output reads back


@CI_SETTINGS
@given(version_pairs())
def test_generated_docx_versions_round_trip(tmp_path_factory: pytest.TempPathFactory,
                                           pair: Tuple[DocSpec, DocSpec]) -> None:
    check_round_trip(*pair, tmp_path_factory.mktemp("fuzz"))


# damaged DOCX: the XML of document.xml mutated before it is zipped

XML_TOKENS = ["<w:r>", "</w:r>", "<w:p>", "</w:p>", "<w:t>", "</w:t>", "<w:ins w:id=\"1\">",
              "</w:ins>", "<w:del>", "<w:delText>x</w:delText>", '<w:fldChar w:fldCharType='
              '"begin"/>', '<w:fldChar w:fldCharType="end"/>', "<w:tbl>", "<w:tr>", "<w:tc>",
              "&amp;", "&#0;", "&lol;", "<!DOCTYPE x>", "<w:numPr><w:numId w:val=\"9\"/>"
              "</w:numPr>", "\x00", "\ufffe", "<![CDATA[x]]>", "<?pi x?>", "<!-- c -->"]


@st.composite
def damaged_docx(draw: st.DrawFn) -> bytes:
    spec = draw(documents())
    data = docx_bytes(spec)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        members = {n: z.read(n) for n in z.namelist()}
    target = draw(st.sampled_from(sorted(members)))
    xml = members[target].decode("utf-8")
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(xml)))
        op = draw(st.integers(0, 2))
        if op == 0:
            xml = xml[:at] + draw(st.sampled_from(XML_TOKENS)) + xml[at:]
        elif op == 1:
            xml = xml[:at] + xml[at + draw(st.integers(1, 40)):]
        else:
            cut = draw(st.integers(0, len(xml)))
            xml = xml[:at] + xml[min(at, cut):max(at, cut)] + xml[at:]
    members[target] = xml.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        del members[draw(st.sampled_from(sorted(members)))]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, part in members.items():
            # a fixed date: the same draw must give the same bytes
            z.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), part,
                       zipfile.ZIP_DEFLATED)
    out = buf.getvalue()
    if draw(st.integers(0, 4)) == 0:  # damage the zip itself now and then
        at = draw(st.integers(0, len(out) - 1))
        out = out[:at] + bytes([draw(st.integers(0, 255))]) + out[at + 1:]
    return out


def check_reads_or_refuses(data: bytes, path: Path) -> bool:
    """Reading either works (and so do parse's renderings) or raises a RedlineError;
    True when it worked."""
    from redline.api import read
    from redline.render.document import document_to_dict, document_to_text

    path.write_bytes(data)
    try:
        doc = read(str(path))
    except RedlineError as exc:
        assert "\n" not in str(exc)
        return False
    document_to_dict(doc)
    document_to_text(doc)
    return True


@CI_SETTINGS
@given(damaged_docx())
def test_damaged_docx_reads_or_refuses(tmp_path_factory: pytest.TempPathFactory,
                                       data: bytes) -> None:
    check_reads_or_refuses(data, tmp_path_factory.mktemp("fuzz") / "damaged.docx")


# PDFs: generated pages (text in colours, strikes, underlines, rules), then damaged bytes

pdf_texts = st.text(st.characters(min_codepoint=32, max_codepoint=255,
                                  blacklist_characters="\x7f"), min_size=1, max_size=40)


@st.composite
def pdf_pages(draw: st.DrawFn) -> bytes:
    page = Page()
    y = 750.0
    for _ in range(draw(st.integers(0, 8))):
        parts = []
        for _ in range(draw(st.integers(1, 4))):
            parts.append((draw(pdf_texts), {
                "rgb": draw(st.sampled_from([(0, 0, 0), (1, 0, 0), (0, 0, 1), (0, 0.6, 0.3)])),
                "strike": draw(st.sampled_from(["", "", "line", "rect", "curve"])),
                "underline": draw(st.sampled_from(["", "", "line", "rect", "curve"])),
                "bold": draw(st.booleans())}))
        x = draw(st.floats(0, 500))
        page.words(x, y, parts, size=draw(st.sampled_from([6, 9, 11, 14, 30])))
        if draw(st.integers(0, 3)) == 0:
            page.rect(draw(st.floats(0, 500)), y - 4, draw(st.floats(0, 200)),
                      draw(st.floats(0, 30)))
        y -= draw(st.floats(0, 60))
    return page.stream()


@st.composite
def damaged_pdfs(draw: st.DrawFn) -> bytes:
    pages = draw(st.lists(pdf_pages(), min_size=1, max_size=3))
    data = bytearray(make_pdf(pages))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(data) - 1))
        op = draw(st.integers(0, 2))
        if op == 0:
            data[at] = draw(st.integers(0, 255))
        elif op == 1:
            del data[at:at + draw(st.integers(1, 30))]
        else:
            data[at:at] = draw(st.sampled_from([b" Tj ", b" 1e308 ", b" -0 0 Td ", b"(", b")",
                                                b" re f ", b" 0 0 0 0 k ", b"<<", b" ET "]))
    return bytes(data)


@CI_SETTINGS
@given(damaged_pdfs())
def test_damaged_pdf_reads_or_refuses(tmp_path_factory: pytest.TempPathFactory,
                                      data: bytes) -> None:
    check_reads_or_refuses(data, tmp_path_factory.mktemp("fuzz") / "damaged.pdf")
