"""Write small DOCX files from compact XML snippets, for tests that read like specs.

Snippets use the ``w:`` (and ``r:``) prefixes without declaring them; the builder wraps each
part in its root element with the namespaces declared::

    data = build_docx(body=p("X.1 Scope") + p("Text of the clause."),
                      header=p("District Counter Proposal 05/09/2024"))

``p`` and ``r`` write the common paragraphs and runs; anything else (``w:ins``, fields,
``w:sdt``, tables) is written as XML in the test itself.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Dict, Optional, Union
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NSDECL = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"

#: Styles every built document has: Normal, List Bullet and List Number (by name, as Word).
DEFAULT_STYLES = """
<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="24"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/>
  <w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>
  <w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/>
  <w:rPr><w:b/></w:rPr></w:style>
"""


def r(text: str, *, b: bool = False, i: bool = False, u: bool = False, strike: bool = False,
      color: Optional[str] = None, rstyle: Optional[str] = None) -> str:
    """One run: ``r("struck", strike=True, color="FF0000")``."""
    props = []
    if rstyle:
        props.append(f'<w:rStyle w:val="{rstyle}"/>')
    if b:
        props.append("<w:b/>")
    if i:
        props.append("<w:i/>")
    if strike:
        props.append("<w:strike/>")
    if color:
        props.append(f'<w:color w:val="{color}"/>')
    if u:
        props.append('<w:u w:val="single"/>')
    rpr = f"<w:rPr>{''.join(props)}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def p(*content: str, style: Optional[str] = None, num: Optional[tuple] = None,
      center: bool = False, b: bool = False, i: bool = False, color: Optional[str] = None
      ) -> str:
    """One paragraph.  Plain strings become runs (with ``b``/``i``/``color``); strings that
    start with ``<`` are inserted as XML.  ``num=(numId, ilvl)`` puts it in a Word list."""
    ppr = []
    if style:
        ppr.append(f'<w:pStyle w:val="{style}"/>')
    if num is not None:
        ppr.append(f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>')
    if center:
        ppr.append('<w:jc w:val="center"/>')
    body = "".join(c if c.lstrip().startswith("<") else r(c, b=b, i=i, color=color)
                   for c in content)
    return f"<w:p>{'<w:pPr>' + ''.join(ppr) + '</w:pPr>' if ppr else ''}{body}</w:p>"


def table(*rows: tuple) -> str:
    """A table whose cells hold one paragraph of text each."""
    trs = "".join("<w:tr>" + "".join(f"<w:tc>{p(str(c))}</w:tc>" for c in row) + "</w:tr>"
                  for row in rows)
    return f"<w:tbl><w:tblPr/>{trs}</w:tbl>"


def abstract_num(abstract_id: int, *levels: tuple) -> str:
    """``abstract_num(1, ("decimal", "%1."), ("lowerLetter", "(%2)"))``: one level per tuple
    (numFmt, lvlText[, start])."""
    lvls = "".join(
        f'<w:lvl w:ilvl="{n}"><w:start w:val="{lv[2] if len(lv) > 2 else 1}"/>'
        f'<w:numFmt w:val="{lv[0]}"/><w:lvlText w:val="{lv[1]}"/></w:lvl>'
        for n, lv in enumerate(levels))
    return f'<w:abstractNum w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>'


def num(num_id: int, abstract_id: int) -> str:
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'


def footnote(fid: int, *paragraph_texts: str) -> str:
    """A footnote whose first paragraph starts with its number mark."""
    paras = "".join(
        p(*(["<w:r><w:footnoteRef/></w:r>"] if k == 0 else []), text)
        for k, text in enumerate(paragraph_texts))
    return f'<w:footnote w:id="{fid}">{paras}</w:footnote>'


def footnote_ref(fid: int) -> str:
    """A run holding a reference to footnote ``fid`` (for :func:`p`)."""
    return f'<w:r><w:footnoteReference w:id="{fid}"/></w:r>'


def comment(cid: int, author: str, date: str, text: str) -> str:
    return (f'<w:comment w:id="{cid}" w:author="{author}" w:date="{date}">'
            f"{p(text)}</w:comment>")


def zip_members(members: Dict[str, bytes]) -> bytes:
    """A zip of the members as given (for packages no builder would make)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _part(root: str, inner: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f"<w:{root} {_NSDECL}>{inner}</w:{root}>").encode("utf-8")


def build_docx(body: str = "", *, header: Optional[str] = None, footer: Optional[str] = None,
               numbering: Optional[str] = None, comments: Optional[str] = None,
               styles: Optional[str] = None, settings: Optional[str] = None,
               footnotes: Optional[str] = None, extra: Optional[Dict[str, bytes]] = None,
               path: Optional[Union[str, Path]] = None) -> bytes:
    """A DOCX package as bytes (also written to ``path`` when given).

    ``body``, ``header``, ``footer``: paragraph/table XML.  ``numbering``: abstractNum/num XML.
    ``comments``: ``w:comment`` XML.  ``styles``: extra ``w:style`` XML added to the defaults.
    ``footnotes``: ``w:footnote`` XML (see :func:`footnote`), after Word's two separators.
    ``extra``: more members, name -> bytes, written as given (for hostile packages).
    """
    parts: Dict[str, bytes] = {}
    overrides = {"/word/document.xml": f"{_CT_MAIN}.document.main+xml",
                 "/word/styles.xml": f"{_CT_MAIN}.styles+xml"}
    rels = [("rIdStyles", "styles", "styles.xml")]
    sect = ""
    if header is not None:
        parts["word/header1.xml"] = _part("hdr", header)
        overrides["/word/header1.xml"] = f"{_CT_MAIN}.header+xml"
        rels.append(("rIdHeader1", "header", "header1.xml"))
        sect += '<w:headerReference w:type="default" r:id="rIdHeader1"/>'
    if footer is not None:
        parts["word/footer1.xml"] = _part("ftr", footer)
        overrides["/word/footer1.xml"] = f"{_CT_MAIN}.footer+xml"
        rels.append(("rIdFooter1", "footer", "footer1.xml"))
        sect += '<w:footerReference w:type="default" r:id="rIdFooter1"/>'
    if footnotes is not None:
        footnotes = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/>'
                     '</w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" '
                     'w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
                     + footnotes)
    # the parts the body points at, each with its relationship and content type
    for kind, root, inner in (("numbering", "numbering", numbering),
                              ("comments", "comments", comments),
                              ("settings", "settings", settings),
                              ("footnotes", "footnotes", footnotes)):
        if inner is not None:
            parts[f"word/{kind}.xml"] = _part(root, inner)
            overrides[f"/word/{kind}.xml"] = f"{_CT_MAIN}.{kind}+xml"
            rels.append((f"rId{kind.capitalize()}", kind, f"{kind}.xml"))
    parts["word/styles.xml"] = _part("styles", DEFAULT_STYLES + (styles or ""))
    parts["word/document.xml"] = _part(
        "document", f"<w:body>{body}<w:sectPr>{sect}</w:sectPr></w:body>")
    parts["word/_rels/document.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(f'<Relationship Id="{rid}" Type="{_REL}/{kind}" Target="{target}"/>'
                  for rid, kind, target in rels)
        + "</Relationships>").encode("utf-8")
    parts["_rels/.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
        "</Relationships>").encode("utf-8")
    parts["[Content_Types].xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{n}" ContentType="{t}"/>' for n, t in overrides.items())
        + "</Types>").encode("utf-8")
    parts.update(extra or {})
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in ["[Content_Types].xml"] + [n for n in parts if n != "[Content_Types].xml"]:
            zf.writestr(name, parts[name])
    data = buf.getvalue()
    if path is not None:
        Path(path).write_bytes(data)
    return data


def read_docx_snippets(tmp_path: Path, name: str = "fixture.docx", **kwargs):
    """Build a DOCX in ``tmp_path`` and read it with :func:`redline.api.read`."""
    from redline.api import read

    target = Path(tmp_path) / name
    build_docx(path=target, **kwargs)
    return read(str(target))
