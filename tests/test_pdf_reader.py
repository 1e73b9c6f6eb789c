"""The PDF reader: the corpus PDFs against truth.json, both routes alike, and generated
fixtures for each mark, furniture and error case."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import CORPUS, doc_clauses, match_rate, needs_corpus, truth_clauses, truths  # noqa: E402

from redline.errors import EncryptedError, InputError, NoTextError  # noqa: E402
from redline.readers import read_document  # noqa: E402
from redline.readers.blocks import RawParagraph, RawTable  # noqa: E402
from redline.readers.pdf import ROUTES, read_pdf  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "pdf"


def corpus_pdfs() -> List[Tuple[Path, str, dict]]:
    return [(d / pdf, src, t) for d, t in truths() for pdf, src in t["pdfs"].items()]


def _ids(items) -> List[str]:
    return [f"{p.parent.name}/{p.name}" for p, _, _ in items]


# --- the corpus ----------------------------------------------------------------------------

def _corpus_score(route: str) -> Tuple[int, int, List[str]]:
    from redline.readers.build import build_document

    ok = total = 0
    problems: List[str] = []
    for path, src, t in corpus_pdfs():
        doc = build_document(read_pdf(str(path), route=route), str(path), "pdf")
        if src == "redline.docx":
            versions = t["versions"]
            if len(doc.rounds) != len(versions):
                problems.append(f"{path}: {len(doc.rounds)} rounds, expected {len(versions)}")
                total += sum(len(v["clauses"]) for v in versions)
                continue
            pairs = [(v, r.articles) for v, r in zip(versions, doc.rounds)]
        else:
            v = next(v for v in t["versions"] if v["file"] == src)
            pairs = [(v, doc.articles)]
            if (doc.proposal.party, doc.proposal.date) != (v["party"], v["date"]):
                problems.append(f"{path}: proposal {doc.proposal}")
        for v, articles in pairs:
            o, n, bad = match_rate(truth_clauses(v), doc_clauses(articles))
            ok += o
            total += n
            problems.extend(f"{path} v{v['version']}: {b[:200]}" for b in bad)
    return ok, total, problems


@needs_corpus
@pytest.mark.corpus
@pytest.mark.parametrize("route", ROUTES)
def test_corpus_clauses_match_truth(route: str) -> None:
    ok, total, problems = _corpus_score(route)
    rate = ok / total
    print(f"\n{route}: {ok}/{total} clauses exact ({rate:.2%})")
    assert total > 0
    assert rate >= 0.99, "\n".join(problems[:20])


@needs_corpus
@pytest.mark.corpus
@pytest.mark.parametrize("path,src,truth", corpus_pdfs(), ids=_ids(corpus_pdfs()))
def test_corpus_pdf_reads_through_api(path: Path, src: str, truth: dict) -> None:
    from redline.api import read

    doc = read(str(path))
    assert doc.format == "pdf"
    if src == "redline.docx":
        assert len(doc.rounds) == len(truth["versions"])
        for rnd, v in zip(doc.rounds, truth["versions"]):
            assert (rnd.proposal.party, rnd.proposal.date) == (v["party"], v["date"])
    assert not [w for w in doc.warnings if "not in the colour key" in w]


@needs_corpus
@pytest.mark.corpus
@pytest.mark.parametrize("path,src,truth", corpus_pdfs(), ids=_ids(corpus_pdfs()))
def test_routes_agree_on_corpus(path: Path, src: str, truth: dict) -> None:
    docs = [asdict(read_pdf(str(path), route=r)) for r in ROUTES]
    assert docs[0] == docs[1]


@needs_corpus
@pytest.mark.corpus
def test_corpus_furniture_leaves_the_body() -> None:
    path = CORPUS / "transfer" / "redline.pdf"
    raw = read_pdf(str(path))
    body = " ".join(b.text for b in raw.blocks if isinstance(b, RawParagraph))
    assert "Page 1 of" not in body and "Counterproposal 05.23.2024" not in body
    key = [r for p in raw.header_paragraphs for r in p if r.color]
    assert {r.color for r in key} == {"0000FF", "00B050", "FFA500", "FF0000", "7030A0"}
    assert raw.footer_lines == ["Page 1 of 2"]


# --- a minimal PDF writer for fixtures (no reportlab needed) --------------------------------

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
_WIN = {0x95: "\u2022", 0x80: "\ufb01"}  # code -> character, beyond ASCII


def _widths(font: str) -> bytes:
    from pdfminer.fontmetrics import FONT_METRICS

    metrics = FONT_METRICS[font][1]
    ws = [metrics.get(_WIN.get(code, chr(code)), 500) for code in range(32, 256)]
    return b"[" + b" ".join(str(w).encode() for w in ws) + b"]"


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def make_pdf(pages: Sequence[bytes], *, password: Optional[str] = None,
             image_pages: Sequence[int] = (), extra_resources: bytes = b"") -> bytes:
    """A PDF whose pages draw the given content streams with Helvetica (/F1) and
    Helvetica-Bold (/F2) (widths embedded, so pdfminer and pdfium place glyphs alike).
    ``image_pages``: indexes of pages that only draw an image (a scan).  ``password``:
    RC4 40-bit encryption (standard security handler, revision 2)."""
    import hashlib

    objects: Dict[int, bytes] = {}
    streams: Dict[int, bytes] = {}
    enc = b"/Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding " \
          b"/Differences [128 /fi] >>"
    objects[3] = (b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica " + enc +
                  b" /FirstChar 32 /LastChar 255 /Widths " + _widths("Helvetica") + b" >>")
    objects[4] = (b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold " + enc +
                  b" /FirstChar 32 /LastChar 255 /Widths " + _widths("Helvetica-Bold") + b" >>")
    objects[5] = b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 " \
                 b"/ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>"
    streams[5] = b"\x00\xff\xff\x00"
    kids = []
    num = 6
    for i, content in enumerate(pages):
        page_no, content_no = num, num + 1
        num += 2
        if i in image_pages:
            content = b"q 612 0 0 792 0 0 cm /Im1 Do Q"
        objects[page_no] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                            b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> "
                            b"/XObject << /Im1 5 0 R >> " + extra_resources + b">> "
                            b"/Contents %d 0 R >>" % content_no)
        objects[content_no] = b""
        streams[content_no] = content
        kids.append(b"%d 0 R" % page_no)
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[2] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % len(kids)
    file_id = hashlib.md5(b"redline-fixture").digest()
    trailer_extra = b""
    key = b""
    if password is not None:
        perms = (-4).to_bytes(4, "little", signed=True)
        owner = _rc4(hashlib.md5((b"owner" + _PAD)[:32]).digest()[:5],
                     (password.encode() + _PAD)[:32])
        key = hashlib.md5((password.encode() + _PAD)[:32] + owner + perms +
                          file_id).digest()[:5]
        user = _rc4(key, _PAD)
        objects[num] = (b"<< /Filter /Standard /V 1 /R 2 /O <" + owner.hex().encode() +
                        b"> /U <" + user.hex().encode() + b"> /P -4 >>")
        trailer_extra = b" /Encrypt %d 0 R" % num
        num += 1
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: Dict[int, int] = {}
    for n in sorted(objects):
        offsets[n] = len(out)
        body = objects[n]
        if n in streams:
            data = streams[n]
            if key:
                okey = hashlib.md5(key + n.to_bytes(3, "little") + b"\x00\x00").digest()[:10]
                data = _rc4(okey, data)
            if n != 5:
                body = b"<< /Length %d >>" % len(data)
            out += b"%d 0 obj\n" % n + body + b"\nstream\n" + data + b"\nendstream\nendobj\n"
        else:
            out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (num)
    for n in range(1, num):
        out += b"%010d 00000 n \n" % offsets[n]
    out += (b"trailer\n<< /Size %d /Root 1 0 R /ID [<%s> <%s>]" % (
        num, file_id.hex().encode(), file_id.hex().encode()) + trailer_extra +
        b" >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return bytes(out)


def _esc(text: str) -> bytes:
    raw = text.replace("\u2022", "\x95").replace("\ufb01", "\x80").encode("latin-1")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _width(text: str, size: float, bold: bool = False) -> float:
    from pdfminer.fontmetrics import FONT_METRICS

    m = FONT_METRICS["Helvetica-Bold" if bold else "Helvetica"][1]
    return sum(m.get(c, 500) for c in text) * size / 1000


class Page:
    """Content-stream builder: words placed left to right with their marks."""

    def __init__(self) -> None:
        self.ops: List[bytes] = []

    def text(self, x: float, y: float, text: str, *, size: float = 11, bold: bool = False,
             rgb: Tuple[float, float, float] = (0, 0, 0), cmyk: Optional[Tuple] = None,
             spot: Optional[float] = None, strike: str = "", underline: str = "") -> float:
        """Draw ``text`` at baseline ``y`` (PDF coords); returns the x after it.
        ``strike``/``underline``: "" | "line" (stroked) | "rect" (thin fill) | "curve"."""
        if cmyk is not None:
            fill = b"%g %g %g %g k" % cmyk
        elif spot is not None:
            fill = b"/CS0 cs %g scn" % spot
        else:
            fill = b"%g %g %g rg" % rgb
        self.ops.append(b"BT /F%d %g Tf " % (2 if bold else 1, size) + fill +
                        b" %g %g Td (" % (x, y) + _esc(text) + b") Tj ET")
        w = _width(text, size, bold)
        stroke = b"%g %g %g RG %g %g %g rg" % (rgb + rgb)
        for kind, dy in ((strike, 0.3 * size), (underline, -0.1 * size)):
            yy = y + dy
            if kind == "line":
                self.ops.append(b"q " + stroke + b" 0.6 w %g %g m %g %g l S Q" % (
                    x, yy, x + w, yy))
            elif kind == "rect":
                self.ops.append(b"q " + stroke + b" %g %g %g 0.6 re f Q" % (x, yy - 0.3, w))
            elif kind == "curve":
                self.ops.append(b"q " + stroke + b" 0.6 w %g %g m %g %g %g %g %g %g c S Q" % (
                    x, yy, x + w / 3, yy, x + 2 * w / 3, yy, x + w, yy))
        return x + w

    def words(self, x: float, y: float, parts: Sequence[Tuple[str, dict]], size: float = 11
              ) -> float:
        for text, kw in parts:
            x = self.text(x, y, text, size=size, **kw)
        return x

    def fake_bold(self, x: float, y: float, text: str, size: float = 11) -> None:
        self.text(x, y, text, size=size)
        self.text(x + 0.03 * size, y, text, size=size)

    def rect(self, x: float, y: float, w: float, h: float) -> None:
        self.ops.append(b"q 0 0 0 RG 0.5 w %g %g %g %g re S Q" % (x, y, w, h))

    def stream(self) -> bytes:
        return b"\n".join(self.ops)


RED = (1, 0, 0)
BLUE = (0, 0, 1)


def _header(p: Page, page_no: int, pages: int) -> None:
    p.text(72, 752, "District Counter Proposal 05/09/2024")
    # a two-column colour key: two entries side by side on one line
    p.text(72, 738, "Blue - Union Counter 03/07/2024", rgb=BLUE)
    p.text(330, 738, "Red - District Counter 05/09/2024", rgb=RED)
    p.text(280, 40, f"Page {page_no} of {pages}")


def marks_pdf() -> bytes:
    p1 = Page()
    _header(p1, 1, 2)
    p1.text(270, 690, "TRANSFER", size=13, bold=True)
    p1.words(72, 660, [("X.1 Notice shall be given within ", {}),
                       ("ten (10) ", {"rgb": RED, "strike": "line"}),
                       ("fifteen (15) ", {"rgb": RED, "underline": "rect"}),
                       ("days.", {})])
    p1.words(72, 635, [("X.2 The Union may ", {}),
                       ("also ", {"cmyk": (1, 1, 0, 0), "underline": "curve"}),
                       ("ask.", {})])
    p1.fake_bold(72, 610, "X.3 Heading")
    # the longest line of the page: it reaches the right margin, so it wrapped
    p1.text(72, 585, "X.3.1 The parties shall meet from time to time to discuss the matters "
                     "raised in this article regu-")
    p1.text(72, 571, "larly, and shall con\u0080rm each meeting in writing.")
    p1.text(72, 546, "\u2022")
    p1.text(90, 546, "X.3.2 Bullet item text.")
    p1.words(72, 521, [("X.3.3 Half", {}), ("way", {"rgb": RED, "underline": "line"}),
                       (" mark.", {})])
    # a ruled table: two rows, two columns
    for x, y in ((72, 470), (200, 470), (72, 450), (200, 450)):
        p1.rect(x, y, 128, 20)
    p1.text(76, 476, "Step", bold=True)
    p1.text(204, 476, "Salary", bold=True)
    p1.text(76, 456, "1")
    p1.words(204, 456, [("$10 ", {"rgb": RED, "strike": "line"}), ("$12", {"rgb": RED,
                                                                           "underline": "line"})])
    p2 = Page()
    _header(p2, 2, 2)
    p2.text(72, 690, "X.4 Every effort will be made to keep employees informed.")
    return make_pdf([p1.stream(), p2.stream()])


@pytest.fixture(scope="module")
def marks_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "marks.pdf"
    path.write_bytes(marks_pdf())
    return path


def _paras(raw) -> List[RawParagraph]:
    return [b for b in raw.blocks if isinstance(b, RawParagraph)]


def _find(raw, start: str) -> RawParagraph:
    return next(p for p in _paras(raw) if p.text.startswith(start))


@pytest.mark.parametrize("route", ROUTES)
def test_fixture_marks_from_lines_rects_and_curves(marks_file: Path, route: str) -> None:
    raw = read_pdf(str(marks_file), route=route)
    p = _find(raw, "X.1")
    spans = [(s.text.strip(), s.color, s.underline, s.strike) for s in p.spans]
    assert ("ten (10)", "FF0000", False, True) in spans
    assert ("fifteen (15)", "FF0000", True, False) in spans
    p2 = _find(raw, "X.2")
    # CMYK 1 1 0 0 is blue, underlined by a flat curve
    assert ("also", "0000FF", True, False) in [(s.text.strip(), s.color, s.underline, s.strike)
                                               for s in p2.spans]
    assert all(s.kind == "base" for s in p.spans)  # build.py assigns ins/del


@pytest.mark.parametrize("route", ROUTES)
def test_fixture_fake_bold_hyphen_ligature_bullet_midword(marks_file: Path, route: str
                                                          ) -> None:
    raw = read_pdf(str(marks_file), route=route)
    heading = _find(raw, "X.3 ")
    assert heading.text == "X.3 Heading" and all(s.bold for s in heading.spans)
    assert "regularly, and shall confirm each meeting" in _find(raw, "X.3.1").text
    bullet = _find(raw, "X.3.2")
    assert bullet.list_kind == "bullet" and bullet.text == "X.3.2 Bullet item text."
    mid = _find(raw, "X.3.3")
    assert mid.text == "X.3.3 Halfway mark."
    assert [(s.text.strip(), s.underline) for s in mid.spans if s.color] == [("way", True)]


@pytest.mark.parametrize("route", ROUTES)
def test_fixture_table_and_furniture(marks_file: Path, route: str) -> None:
    raw = read_pdf(str(marks_file), route=route)
    tables = [b for b in raw.blocks if isinstance(b, RawTable)]
    assert len(tables) == 1
    cells = [["".join(s.text for s in cell) for cell in row] for row in tables[0].rows]
    assert cells == [["Step", "Salary"], ["1", "$10 $12"]]
    struck = [s for s in tables[0].rows[1][1] if s.strike]
    assert [s.text.strip() for s in struck] == ["$10"]  # table borders are not strikes
    body = " ".join(p.text for p in _paras(raw))
    assert "Page 1" not in body and "Proposal 05/09/2024" not in body
    assert raw.footer_lines == ["Page 1 of 2"]
    key = raw.header_paragraphs[1]
    assert [(r.text.strip(), r.color) for r in key] == [
        ("Blue - Union Counter 03/07/2024", "0000FF"),
        ("Red - District Counter 05/09/2024", "FF0000")]


def test_fixture_routes_agree(marks_file: Path) -> None:
    assert asdict(read_pdf(str(marks_file), route="pdfium")) == \
        asdict(read_pdf(str(marks_file), route="pdfplumber"))


def test_fixture_builds_rounds(marks_file: Path) -> None:
    doc = read_document(str(marks_file))
    assert doc.format == "pdf" and len(doc.rounds) == 3
    texts = [{c.number: c.text for c in r.articles[0].clauses} for r in doc.rounds]
    assert "within ten (10) days" in texts[0]["X.1"]
    assert "within fifteen (15) days" in texts[2]["X.1"]
    assert texts[0]["X.2"] == "The Union may ask."
    assert texts[1]["X.2"] == "The Union may also ask."


def test_one_page_furniture_by_position(tmp_path: Path) -> None:
    p = Page()
    p.text(300, 755, "SUSD to NUHW Counterproposal 05.02.2024")
    p.text(270, 700, "HOURS", size=13, bold=True)
    p.text(72, 670, "X.1 The work week shall be forty (40) hours.")
    p.text(72, 70, "The District reserves the right to withdraw, modify, or otherwise amend its "
                   "proposals in the course of the negotiations until such", size=8)
    p.text(72, 60, "time as the parties reach a tentative agreement.", size=8)
    p.text(280, 40, "Page 1 of 1")
    path = tmp_path / "one.pdf"
    path.write_bytes(make_pdf([p.stream()]))
    raw = read_pdf(str(path))
    assert [p.text for p in _paras(raw)] == ["HOURS", "X.1 The work week shall be forty (40) "
                                                      "hours."]
    assert [[r.text for r in h] for h in raw.header_paragraphs] == [
        ["SUSD to NUHW Counterproposal 05.02.2024"]]
    assert raw.footer_lines[-1] == "Page 1 of 1" and len(raw.footer_lines) == 2
    doc = read_document(str(path))
    assert (doc.proposal.party, doc.proposal.date) == ("District", "2024-05-02")


@pytest.mark.parametrize("route", ROUTES)
def test_spot_colour_is_unknown_not_guessed(tmp_path: Path, route: str) -> None:
    p = Page()
    p.text(72, 700, "X.1 Plain words and ")
    p.text(180, 700, "spot words", spot=1.0)
    sep = (b"/ColorSpace << /CS0 [/Separation /Spot /DeviceCMYK << /FunctionType 2 "
           b"/Domain [0 1] /C0 [0 0 0 0] /C1 [0 1 0 0] /N 1 >>] >> ")
    path = tmp_path / "spot.pdf"
    path.write_bytes(make_pdf([p.stream()], extra_resources=sep))
    raw = read_pdf(str(path), route=route)
    assert all(s.color is None for p in _paras(raw) for s in p.spans)
    assert any("Separation" in w for w in raw.warnings)


# --- errors --------------------------------------------------------------------------------

def _text_page(text: str = "X.1 Some text.") -> bytes:
    p = Page()
    p.text(72, 700, text)
    return p.stream()


@pytest.mark.parametrize("route", ROUTES)
def test_scanned_pdf_has_no_text(tmp_path: Path, route: str) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf([b"", b""], image_pages=(0, 1)))
    with pytest.raises(NoTextError, match="scanned PDF with no text layer; OCR is not "
                                          "supported"):
        read_pdf(str(path), route=route)


def test_scanned_page_among_text_pages_warns(tmp_path: Path) -> None:
    path = tmp_path / "mixed.pdf"
    path.write_bytes(make_pdf([_text_page(), b""], image_pages=(1,)))
    raw = read_pdf(str(path))
    assert any("page 2" in w and "no text layer" in w for w in raw.warnings)


@pytest.mark.parametrize("route", ROUTES)
def test_encrypted_pdf(tmp_path: Path, route: str) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(make_pdf([_text_page("X.1 Secret terms.")], password="pw"))
    with pytest.raises(EncryptedError, match="encrypted; give --password"):
        read_pdf(str(path), route=route)
    with pytest.raises(EncryptedError, match="wrong password"):
        read_pdf(str(path), password="nope", route=route)
    raw = read_pdf(str(path), password="pw", route=route)
    assert [p.text for p in _paras(raw)] == ["X.1 Secret terms."]


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("damage", ["garbage", "truncated", "bad-stream"])
def test_corrupt_pdf_is_one_input_error(tmp_path: Path, route: str, damage: str) -> None:
    good = make_pdf([_text_page()])
    if damage == "garbage":
        data = b"%PDF-1.4\n" + os.urandom(300)
    elif damage == "truncated":
        data = good[: len(good) // 3]
    else:
        data = good.replace(b"stream\nBT", b"stream\n\x00\xff BT (unclosed ").replace(
            b"/Length", b"/Filter /FlateDecode /Length")
    path = tmp_path / "bad.pdf"
    path.write_bytes(data)
    try:
        raw = read_pdf(str(path), route=route)
    except InputError as exc:
        assert "\n" not in str(exc) and str(path) in str(exc)
    else:  # a lenient parser may recover; then it must still be a document
        assert isinstance(raw.blocks, list)


# --- the command line ----------------------------------------------------------------------

def test_cli_parse_pdf(marks_file: Path) -> None:
    import json

    from click.testing import CliRunner

    from redline.cli import cli

    result = CliRunner().invoke(cli, ["parse", str(marks_file)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data  # the JSON contract itself is tested with the DOCX reader


@pytest.mark.parametrize("kind", ["encrypted", "scanned", "corrupt"])
def test_cli_errors_are_one_line_exit_2(tmp_path: Path, kind: str) -> None:
    from click.testing import CliRunner

    from redline.cli import cli

    path = tmp_path / f"{kind}.pdf"
    if kind == "encrypted":
        path.write_bytes(make_pdf([_text_page()], password="pw"))
    elif kind == "scanned":
        path.write_bytes(make_pdf([b""], image_pages=(0,)))
    else:
        path.write_bytes(b"%PDF-1.7\nnot really a pdf\n")
    result = CliRunner().invoke(cli, ["parse", str(path)])
    assert result.exit_code == 2
    out = result.output.strip()
    assert "Traceback" not in out and len(out.splitlines()) == 1, out
    expected = {"encrypted": "give --password", "scanned": "OCR is not supported",
                "corrupt": "damaged"}[kind]
    assert expected in out


def test_cli_password_option(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from redline.cli import cli

    path = tmp_path / "locked.pdf"
    path.write_bytes(make_pdf([_text_page("X.1 Secret terms.")], password="pw"))
    result = CliRunner().invoke(cli, ["parse", str(path), "--password", "pw", "-f", "text"])
    assert result.exit_code == 0, result.output
    assert "Secret terms." in result.output


# --- a PDF made by LibreOffice from a DOCX -------------------------------------------------

def redline_docx(path: Path, clauses: int = 4) -> None:
    """A colour-keyed redline DOCX: header proposal lines and key, struck/underlined runs."""
    import docx
    from docx.shared import RGBColor

    d = docx.Document()
    header = d.sections[0].header
    header.paragraphs[0].text = "District Counter Proposal 05/09/2024"
    header.add_paragraph("Union Initial Proposal 03/07/2024")
    key = header.add_paragraph()
    for i, (text, rgb) in enumerate((("Blue - Union Counter 03/07/2024", "0000FF"),
                                     ("Red - District Counter 05/09/2024", "FF0000"))):
        if i:
            key.add_run("  ")
        key.add_run(text).font.color.rgb = RGBColor.from_string(rgb)
    d.sections[0].footer.paragraphs[0].text = "Reservation of rights."
    d.add_paragraph().add_run("TRANSFER").bold = True
    for n in range(1, clauses + 1):
        p = d.add_paragraph(f"X.{n} Notice of a vacancy shall be given to every member within ")
        struck = p.add_run("ten (10) ")
        struck.font.strike = True
        struck.font.color.rgb = RGBColor.from_string("FF0000")
        ins = p.add_run("fifteen (15) ")
        ins.font.underline = True
        ins.font.color.rgb = RGBColor.from_string("FF0000")
        # clauses of different lengths, as in life: a periodic layout would repeat lines
        # at the same height on every page, which is what page headers do
        p.add_run("working days, and the announcement will include all relevant information "
                  "regarding the vacancy" + ", its location" * (n % 7) +
                  f" and application deadline number {n}.")
        d.add_paragraph("District proposes language 05/09/2024").runs[0].italic = True
    d.save(str(path))


def soffice_pdf(src: Path, outdir: Path) -> Path:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        pytest.skip("LibreOffice (soffice) is not installed")
    profile = outdir / "lo-profile"
    subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(outdir), str(src)],
                   check=True, capture_output=True, timeout=180)
    return outdir / (src.stem + ".pdf")


@pytest.fixture(scope="module")
def libreoffice_file(tmp_path_factory) -> Path:
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice (soffice) is not installed")
    tmp = tmp_path_factory.mktemp("lo")
    src = tmp / "lo_redline.docx"
    redline_docx(src, clauses=30)  # enough for several pages
    return soffice_pdf(src, tmp)


def test_libreoffice_pdf_matches_its_docx(libreoffice_file: Path) -> None:
    pdf_doc = read_document(str(libreoffice_file))
    docx_doc = read_document(str(libreoffice_file.with_suffix(".docx")))
    assert len(pdf_doc.rounds) == len(docx_doc.rounds) == 3
    for a, b in zip(pdf_doc.rounds, docx_doc.rounds):
        assert doc_clauses(a.articles) == doc_clauses(b.articles)
        assert (a.proposal.party, a.proposal.date) == (b.proposal.party, b.proposal.date)
    assert "within fifteen (15) working days" in pdf_doc.rounds[-1].articles[0].clauses[1].text


def test_libreoffice_routes_agree(libreoffice_file: Path) -> None:
    assert asdict(read_pdf(str(libreoffice_file), route="pdfium")) == \
        asdict(read_pdf(str(libreoffice_file), route="pdfplumber"))
