"""Page headers and footers in the tracked DOCX: their changes marked as the body's are.

The output is built on the new version's package, whose headers and footers are the new
ones.  A change there (a reservation of rights reworded, a title changed) is a change the
other side must see: each header and footer of the new document's last section is paired
with the old document's of the same kind and type (default, first page, even pages) and,
when their text differs, written as tracked changes by the body's writer, with pictures and
links of struck old content brought across as the notes do.
"""
from __future__ import annotations

import posixpath
from typing import Any, Callable, Dict, Optional, Tuple

from lxml import etree

from ..ooxml import PKG_REL_NS, R_NS, Package, parse_xml, rels_of, w

_R_ID = f"{{{R_NS}}}id"
_KINDS = (("header", "headerReference"), ("footer", "footerReference"))


def _text(root: etree._Element) -> str:
    return " ".join("".join(t.text or "" for t in root.iter(w("t"))).split())


def _parts(doc_root: Optional[etree._Element], rels: Dict[str, Dict[str, str]]
           ) -> Dict[Tuple[str, str], str]:
    """(kind, type) -> part name of the headers and footers of the last section."""
    body = doc_root.find(w("body")) if doc_root is not None else None
    sect = body.find(w("sectPr")) if body is not None else None
    out: Dict[Tuple[str, str], str] = {}
    if sect is None:
        return out
    for kind, tag in _KINDS:
        for ref in sect.findall(w(tag)):
            rel = rels.get(ref.get(_R_ID) or "")
            if not rel or rel["mode"] == "External":
                continue
            target = rel["target"]
            out[(kind, ref.get(w("type")) or "default")] = (
                target.lstrip("/") if target.startswith("/")
                else posixpath.normpath(posixpath.join("word", target)))
    return out


def track_headers(files: Dict[str, bytes], doc_root: etree._Element,
                  rels_root: etree._Element, old_pkg: Optional[Package], writer: Any,
                  accept: Callable[[etree._Element], etree._Element],
                  make_importer: Callable[[str, etree._Element, str], Any],
                  clean: Callable[[etree._Element], None]) -> int:
    """Mark in ``files`` (the output's parts) the changes of every header and footer the
    old document has a counterpart of; the number of parts changed."""
    if old_pkg is None:
        return 0
    new_parts = _parts(doc_root, rels_of(rels_root))
    old_doc = old_pkg.xml("word/document.xml")
    old_parts = _parts(old_doc, old_pkg.rels("word/document.xml"))
    changed = 0
    for key, name in sorted(new_parts.items()):
        old_name = old_parts.get(key)
        if name not in files or not old_name:
            continue
        old_root = old_pkg.xml(old_name)
        if old_root is None:
            continue
        new_root = accept(parse_xml(files[name], "output", name))
        old_root = accept(old_root)
        if _text(old_root) == _text(new_root):
            continue
        folder, _, base = name.rpartition("/")
        rels_name = f"{folder}/_rels/{base}.rels"
        part_rels = (parse_xml(files[rels_name], "output", rels_name) if rels_name in files
                     else etree.Element(f"{{{PKG_REL_NS}}}Relationships",
                                        nsmap={None: PKG_REL_NS}))
        keep = (w("p"), w("tbl"))
        with writer.using(make_importer(old_name, part_rels, f"{key[0]}{changed + 1}-")):
            blocks = writer.blocks([c for c in old_root if c.tag in keep],
                                   [c for c in new_root if c.tag in keep])
        for child in list(new_root):
            if child.tag in keep:
                new_root.remove(child)
        for el in blocks:
            new_root.append(el)
        clean(new_root)
        files[name] = etree.tostring(new_root, xml_declaration=True, encoding="UTF-8",
                                     standalone=True)
        if len(part_rels):
            files[rels_name] = etree.tostring(part_rels, xml_declaration=True,
                                              encoding="UTF-8", standalone=True)
        changed += 1
    return changed
