"""An accept-all / reject-all reader for tracked-changes DOCX, independent of the renderer.

Body text only: paragraphs in order (tables cell by cell), each as its text in that view.
"""
from __future__ import annotations

import zipfile
from typing import List

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _inside(el, tags) -> bool:
    p = el.getparent()
    while p is not None:
        if p.tag in tags:
            return True
        p = p.getparent()
    return False


def _row_gone(p, view: str) -> bool:
    tr = p.getparent()
    while tr is not None and tr.tag != q("tr"):
        tr = tr.getparent()
    if tr is None:
        return False
    trpr = tr.find(q("trPr"))
    if trpr is None:
        return False
    gone = q("del") if view == "accept" else q("ins")
    return trpr.find(gone) is not None


def paragraphs(path_or_bytes, view: str, part: str = "word/document.xml") -> List[str]:
    """Paragraph texts of the body (or of another part, e.g. ``word/footnotes.xml``; none
    when the package has no such part) under ``view`` = "accept" or "reject"."""
    import io

    src = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else path_or_bytes
    with zipfile.ZipFile(src) as z:
        if part not in z.namelist():
            return []
        root = etree.fromstring(z.read(part), etree.XMLParser(resolve_entities=False))
    body = root.find(q("body")) if part == "word/document.xml" else root
    drop = {q("del"), q("moveFrom")} if view == "accept" else {q("ins"), q("moveTo")}
    out: List[str] = []
    for p in body.iter(q("p")):
        if _row_gone(p, view):
            continue
        parts = []
        for t in p.iter(q("t"), q("delText")):
            if _inside(t, drop):
                continue
            if t.tag == q("delText") and not _inside(t, {q("del"), q("moveFrom")}):
                continue
            parts.append(t.text or "")
        out.append("".join(parts))
    return out


def body_text(path_or_bytes, view: str) -> str:
    """The whole body as one whitespace-normalised string."""
    return " ".join(" ".join(paragraphs(path_or_bytes, view)).split())


def note_texts(path_or_bytes, view: str,
               parts=("word/footnotes.xml", "word/endnotes.xml")) -> List[str]:
    """The non-empty paragraph texts of the notes parts under ``view``, white space folded,
    in document order (Word's separator notes have no text and drop out)."""
    return [t for part in parts
            for t in (" ".join(x.split()) for x in paragraphs(path_or_bytes, view, part)) if t]
