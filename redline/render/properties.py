"""Document properties that say what a file is: made by redline, its title, the party and
date of the newest round, made now.

One helper for every writer: :func:`stamp_docx` rewrites a DOCX package's core properties
(``docProps/core.xml``; python-docx's template says creator "python-docx", created
2013-12-23), :func:`stamp_pdf` appends an Info dictionary to a PDF as an incremental update
(whichever engine printed it), and :func:`html_meta` gives the ``<meta>`` tags of a page.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from html import escape
from typing import Dict, Optional, Sequence

from ..model import Proposal

#: What every file we write names as its creator (DOCX dc:creator, PDF /Author and /Creator).
CREATOR = "redline"

CORE_CONTENT_TYPE = "application/vnd.openxmlformats-package.core-properties+xml"
CORE_REL_TYPE = ("http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
                 "core-properties")
CORE_PART = "docProps/core.xml"
_CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
_DC = "http://purl.org/dc/elements/1.1/"
_DCTERMS = "http://purl.org/dc/terms/"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"


@dataclass(frozen=True)
class DocumentProperties:
    """What a written file says about itself.

    ``subject`` names the newest round (party and date: "Union Counter Proposal
    04/11/2024"); ``created`` is now unless given (tests pass a fixed time).
    """

    title: str
    subject: str = ""
    description: str = ""
    creator: str = CREATOR
    created: Optional[datetime] = None

    def when(self) -> datetime:
        return (self.created or datetime.now(timezone.utc)).astimezone(timezone.utc)


def proposal_properties(title: str, rounds: Sequence[Proposal],
                        what: str = "") -> DocumentProperties:
    """Properties of an output drawn from proposals (oldest first): the subject and the
    description name the newest round's party and date."""
    from ..conventions.proposals import format_proposal_line

    known = [p for p in rounds if p.known]
    newest = known[-1] if known else None
    subject = format_proposal_line(newest) if newest is not None else ""
    parts = [what] if what else []
    if newest is not None:
        parts.append(f"newest round: {newest.party or '?'} {(newest.date or 'undated')[:16]}"
                     .replace("T", " "))
    if len(known) > 1:
        parts.append(f"{len(known)} rounds, from {format_proposal_line(known[0])}")
    parts.append(f"made by {CREATOR}")
    return DocumentProperties(title=title, subject=subject, description="; ".join(parts))


# --- DOCX ---------------------------------------------------------------------------------

def core_xml(props: DocumentProperties) -> bytes:
    """A ``docProps/core.xml`` holding these properties and nothing else."""
    from lxml import etree

    root = etree.Element(f"{{{_CP}}}coreProperties",
                         nsmap={"cp": _CP, "dc": _DC, "dcterms": _DCTERMS, "xsi": _XSI})
    stamp = props.when().strftime("%Y-%m-%dT%H:%M:%SZ")

    def add(ns: str, tag: str, text: str, w3cdtf: bool = False) -> None:
        el = etree.SubElement(root, f"{{{ns}}}{tag}")
        el.text = _xml_safe(text)
        if w3cdtf:
            el.set(f"{{{_XSI}}}type", "dcterms:W3CDTF")

    add(_DC, "title", props.title)
    if props.subject:
        add(_DC, "subject", props.subject)
    add(_DC, "creator", props.creator)
    if props.description:
        add(_DC, "description", props.description)
    add(_CP, "lastModifiedBy", props.creator)
    add(_CP, "revision", "1")
    add(_DCTERMS, "created", stamp, w3cdtf=True)
    add(_DCTERMS, "modified", stamp, w3cdtf=True)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _xml_safe(text: str) -> str:
    from .docx_safety import xml_text

    return xml_text(text)[0]


def stamp_docx(data: bytes, props: DocumentProperties) -> bytes:
    """The DOCX package ``data`` with its core properties replaced by ``props`` (the part
    added, with its relationship and content type, when the package has none); every other
    part is copied as it is."""
    with zipfile.ZipFile(io.BytesIO(data)) as zin:
        infos = zin.infolist()
        parts: Dict[str, bytes] = {i.filename: zin.read(i) for i in infos}
    stamp_parts(parts, props)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        names = [i.filename for i in infos]
        for name in names + [n for n in parts if n not in names]:
            zout.writestr(name, parts[name])
    return out.getvalue()


def stamp_parts(parts: Dict[str, bytes], props: DocumentProperties) -> None:
    """``stamp_docx`` on a package's parts before they are zipped (name -> bytes, changed
    in place): a renderer that writes the package itself stamps it without a second pass."""
    from lxml import etree

    from ..ooxml import CT_NS, PKG_REL_NS, parse_xml, serialise

    rels = parse_xml(parts["_rels/.rels"], "output", "_rels/.rels") if "_rels/.rels" in parts \
        else etree.Element(f"{{{PKG_REL_NS}}}Relationships", nsmap={None: PKG_REL_NS})
    core = next((r.get("Target", "").lstrip("/") for r in rels
                 if r.get("Type") == CORE_REL_TYPE), None)
    if not core:
        core = CORE_PART
        ids = {r.get("Id") for r in rels}
        rid = next(f"rIdCore{k}" for k in range(1, len(ids) + 2) if f"rIdCore{k}" not in ids)
        etree.SubElement(rels, f"{{{PKG_REL_NS}}}Relationship",
                         Id=rid, Type=CORE_REL_TYPE, Target=core)
        parts["_rels/.rels"] = serialise(rels)
    types = parse_xml(parts["[Content_Types].xml"], "output", "[Content_Types].xml")
    if not any(o.get("PartName") == "/" + core for o in types):
        etree.SubElement(types, f"{{{CT_NS}}}Override", PartName="/" + core,
                         ContentType=CORE_CONTENT_TYPE)
        parts["[Content_Types].xml"] = serialise(types)
    parts[core] = core_xml(props)


# --- PDF ----------------------------------------------------------------------------------

#: How far from its end a PDF's last ``startxref`` is looked for (bytes).
_TAIL_BYTES = 1024
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s*%%EOF\s*$")
_ROOT = re.compile(rb"/Root\s+(\d+\s+\d+)\s+R")
_SIZE = re.compile(rb"/Size\s+(\d+)")
_ID = re.compile(rb"/ID\s*\[[^\]]*\]")


def _pdf_text(text: str) -> bytes:
    """A PDF text string: UTF-16BE with its byte order mark, written in hex (nothing to
    escape, any character)."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def stamp_pdf(data: bytes, props: DocumentProperties) -> bytes:
    """The PDF ``data`` with an Info dictionary (Title, Author, Creator, Subject, Keywords,
    dates) added as an incremental update: the engine's bytes stay as they are, and readers
    take the newest trailer.  A PDF whose trailer cannot be read, or that is encrypted, is
    returned unchanged."""
    window = data[-_TAIL_BYTES:]
    tail = _STARTXREF.search(window)
    if tail is None:
        return data
    prev = int(tail.group(1))
    trailer = data[prev:len(data) - len(window) + tail.start()]
    head = trailer.split(b"stream", 1)[0] if not trailer.lstrip().startswith(b"xref") else \
        trailer.rsplit(b"trailer", 1)[-1]
    root, size = _ROOT.search(head), _SIZE.search(head)
    if root is None or size is None or b"/Encrypt" in head:
        return data
    number = int(size.group(1))
    stamp = props.when().strftime("D:%Y%m%d%H%M%SZ")
    entries = [(b"Title", _pdf_text(props.title)), (b"Author", _pdf_text(props.creator)),
               (b"Creator", _pdf_text(props.creator))]
    if props.subject:
        entries.append((b"Subject", _pdf_text(props.subject)))
    if props.description:
        entries.append((b"Keywords", _pdf_text(props.description)))
    entries += [(b"CreationDate", _pdf_text(stamp)), (b"ModDate", _pdf_text(stamp))]
    body = b"".join(b"/" + k + b" " + v + b" " for k, v in entries)
    out = bytearray(data if data.endswith(b"\n") else data + b"\n")
    offset = len(out)
    out += b"%d 0 obj\n<< %s>>\nendobj\n" % (number, body)
    xref = len(out)
    ident = _ID.search(head)
    out += (b"xref\n%d 1\n%010d 00000 n \ntrailer\n<< /Size %d /Root %s R /Info %d 0 R "
            b"/Prev %d %s>>\nstartxref\n%d\n%%%%EOF\n" % (
                number, offset, number + 1, root.group(1), number, prev,
                ident.group(0) + b" " if ident else b"", xref))
    return bytes(out)


# --- HTML ---------------------------------------------------------------------------------

def html_meta(props: DocumentProperties) -> str:
    """``<meta>`` tags for a page's head (WeasyPrint prints them into the PDF's Info)."""
    tags = [("author", props.creator), ("generator", props.creator)]
    if props.subject:
        tags.append(("subject", props.subject))
    if props.description:
        tags.append(("description", props.description))
    return "".join(f'<meta name="{n}" content="{escape(v)}">' for n, v in tags)
