"""Footnotes and endnotes in a tracked-changes comparison.

A note lives in its own part (``word/footnotes.xml``), pointed at from the body by a
reference mark.  The body diff pairs reference marks by position whatever their ids; this
module then shows what changed *inside* the notes, so that rejecting every revision gives
the old notes back, as it gives the old body:

* a note whose text changed shows its word changes inside the note;
* a note that is new has its text marked inserted;
* a struck reference carries its old note along (copied into the output, struck), instead of
  losing it.

The body's diff decides the pairing: a reference it keeps pairs with the old reference at
the same place, one it inserts brings a new note, one it strikes an old note.
"""
from __future__ import annotations

import copy
import posixpath
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Sequence, Set, Tuple

from lxml import etree

from ..ooxml import CT_NS, PKG_REL_NS, Package, parse_xml, related_part, rels_of, w

if TYPE_CHECKING:  # pragma: no cover
    from .docx_tracked import _Writer

NOTE_KINDS = ("footnote", "endnote")
_WML_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"
#: Notes Word keeps for its own use (the separator lines), never referenced from the body.
_SPECIAL = {"separator", "continuationSeparator", "continuationNotice"}


def _note_text(note: etree._Element) -> str:
    return " ".join("".join(t.text or "" for t in note.iter(w("t"))).split())


def reference_ids(blocks: Sequence[etree._Element], kind: str) -> List[str]:
    """The ids of the ``kind`` notes the blocks refer to, in document order."""
    tag = w(f"{kind}Reference")
    return [ref.get(w("id")) or "" for b in blocks for ref in b.iter(tag)]


class NoteParts:
    """The notes parts of the old document and of the output (the new document's package)."""

    def __init__(self, files: Dict[str, bytes], rels_root: etree._Element,
                 old_pkg: Optional[Package],
                 accept: Callable[[etree._Element], etree._Element],
                 make_importer: Callable[[str, etree._Element, str], Any]) -> None:
        """``make_importer(old part, output part's relationships, tag)``: the importer that
        brings struck old content's pictures and links into a notes part."""
        self.files = files
        self.rels_root = rels_root
        self.make_importer = make_importer
        self.importers: Dict[str, Tuple[Any, str, etree._Element]] = {}
        self.out: Dict[str, Tuple[str, etree._Element]] = {}
        self.old: Dict[str, Dict[str, etree._Element]] = {}
        self.new: Dict[str, Dict[str, etree._Element]] = {}
        self.old_parts: Dict[str, Tuple[Dict[str, str], etree._Element, str]] = {}
        new_rels = rels_of(rels_root)
        old_rels = old_pkg.rels("word/document.xml") if old_pkg is not None else {}
        for kind in NOTE_KINDS:
            name = related_part(new_rels, f"{kind}s")
            if name and name in files:
                root = accept(parse_xml(files[name], "output", name))
                self.out[kind] = (name, root)
                self.new[kind] = self._by_id(root, kind)
            else:
                self.new[kind] = {}
            old_name = related_part(old_rels, f"{kind}s")
            old_root = old_pkg.xml(old_name) if (old_pkg is not None and old_name) else None
            self.old[kind] = {}
            if old_root is not None:
                self.old[kind] = self._by_id(accept(old_root), kind)
                rel = next(r for r in old_rels.values() if r["type"].endswith(f"/{kind}s"))
                self.old_parts[kind] = (rel, old_root, old_name or "")
        self.changed: Set[str] = set()  # kinds whose output part was modified
        self.imported: Dict[str, Set[str]] = {}  # old ids of notes copied in, struck

    def _out_root(self, kind: str) -> Optional[etree._Element]:
        """The output's notes part, made (from the old one's separators) when the new
        document has none: a struck reference's note needs somewhere to live."""
        if kind in self.out:
            return self.out[kind][1]
        if kind not in self.old_parts:
            return None
        rel, old_root, _ = self.old_parts[kind]
        root = etree.Element(old_root.tag, nsmap=old_root.nsmap)
        for note in old_root.iter(w(kind)):
            if note.get(w("type")) in _SPECIAL:
                root.append(copy.deepcopy(note))
        name = f"word/{kind}s.xml"
        k = 1
        while name in self.files:
            k += 1
            name = f"word/{kind}s{k}.xml"
        ids = {r.get("Id") for r in self.rels_root}
        rid = next(f"rIdRedlineNotes{n}" for n in range(1, 1000)
                   if f"rIdRedlineNotes{n}" not in ids)
        etree.SubElement(self.rels_root, f"{{{PKG_REL_NS}}}Relationship", Id=rid,
                         Type=rel["type"], Target=posixpath.relpath(name, "word"))
        ct = parse_xml(self.files["[Content_Types].xml"], "output", "[Content_Types].xml")
        etree.SubElement(ct, f"{{{CT_NS}}}Override", PartName="/" + name,
                         ContentType=f"{_WML_CT}.{kind}s+xml")
        self.files["[Content_Types].xml"] = etree.tostring(
            ct, xml_declaration=True, encoding="UTF-8", standalone=True)
        self.out[kind] = (name, root)
        self.changed.add(kind)
        return root

    def importer(self, kind: str) -> Any:
        """The importer for content written into the ``kind`` notes part: references
        resolve against the old notes part and land in the output notes part's own
        relationships (made when missing)."""
        if kind not in self.importers:
            name, _ = self.out[kind]
            folder, _, base = name.rpartition("/")
            rels_name = f"{folder}/_rels/{base}.rels"
            rels = (parse_xml(self.files[rels_name], "output", rels_name)
                    if rels_name in self.files else
                    etree.Element(f"{{{PKG_REL_NS}}}Relationships", nsmap={None: PKG_REL_NS}))
            old_part = self.old_parts[kind][2] if kind in self.old_parts else ""
            self.importers[kind] = (self.make_importer(old_part, rels, f"{kind}-"),
                                    rels_name, rels)
        return self.importers[kind][0]

    @staticmethod
    def _by_id(root: etree._Element, kind: str) -> Dict[str, etree._Element]:
        return {n.get(w("id")) or "": n for n in root.iter(w(kind))
                if n.get(w("type")) not in _SPECIAL}

    def import_deleted(self, kind: str, old_id: str, writer: "_Writer") -> Optional[str]:
        """Copy old note ``old_id`` into the output, struck by ``writer``; its id there
        (None: cannot)."""
        note = self.old.get(kind, {}).get(old_id)
        root = self._out_root(kind) if note is not None else None
        if note is None or root is None:
            return None
        ids = [int(n.get(w("id"))) for n in root.iter(w(kind))
               if (n.get(w("id")) or "").lstrip("-").isdigit()]
        new_id = str(max(ids + [0]) + 1)
        copy_ = etree.SubElement(root, w(kind))
        copy_.set(w("id"), new_id)
        with writer.using(self.importer(kind)):
            for child in writer.blocks(list(note), []):
                copy_.append(child)
        self.changed.add(kind)
        self.imported.setdefault(kind, set()).add(old_id)
        return new_id

    def track(self, writer: "_Writer", old_blocks: Sequence[etree._Element],
              out_blocks: Sequence[etree._Element]) -> None:
        """After the body is written: show the changes inside the notes whose references
        the body kept, and mark the text of notes whose references it inserted.

        The body decides the pairing: its kept references, in order, are the old document's
        references that were not struck (those were imported by :meth:`import_deleted`).
        """
        for kind in NOTE_KINDS:
            if kind in self.out:
                with writer.using(self.importer(kind)):
                    self._track_kind(writer, kind, old_blocks, out_blocks)

    def _track_kind(self, writer: "_Writer", kind: str, old_blocks: Sequence[etree._Element],
                    out_blocks: Sequence[etree._Element]) -> None:
        old_notes, new_notes = self.old.get(kind, {}), self.new[kind]
        struck = self.imported.get(kind, set())
        kept_old = [i for i in reference_ids(old_blocks, kind)
                    if i in old_notes and i not in struck]
        k = 0
        done: Set[str] = set()
        for ref_id, state in _references(out_blocks, kind):
            if state == "del" or ref_id not in new_notes or ref_id in done:
                continue
            done.add(ref_id)
            new = new_notes[ref_id]
            if state == "ins":
                self._inserted(writer, new)
                self.changed.add(kind)
            elif k < len(kept_old):
                old = old_notes[kept_old[k]]
                k += 1
                if _note_text(old) != _note_text(new) or len(old) != len(new):
                    self._changed(writer, old, new)
                    self.changed.add(kind)

    @staticmethod
    def _changed(writer: "_Writer", old: etree._Element, new: etree._Element) -> None:
        _replace_blocks(new, writer.blocks(list(old), list(new)))

    @staticmethod
    def _inserted(writer: "_Writer", new: etree._Element) -> None:
        _replace_blocks(new, writer.blocks([], list(new)))

    def save(self, clean: Callable[[etree._Element], None]) -> None:
        """Write the changed parts back, after ``clean`` (the writer's working marks)."""
        for _, rels_name, rels in self.importers.values():
            if len(rels):
                self.files[rels_name] = etree.tostring(rels, xml_declaration=True,
                                                       encoding="UTF-8", standalone=True)
        for kind in self.changed:
            name, root = self.out[kind]
            clean(root)
            self.files[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                              standalone=True)


_INSERTED = (w("ins"), w("moveTo"))
_DELETED = (w("del"), w("moveFrom"))


def _references(blocks: Sequence[etree._Element], kind: str) -> List[Tuple[str, str]]:
    """``(note id, "ins" | "del" | "keep")`` of every reference in the written blocks."""
    out = []
    for b in blocks:
        for ref in b.iter(w(f"{kind}Reference")):
            state = "keep"
            for a in ref.iterancestors():
                if a.tag in _INSERTED:
                    state = "ins"
                    break
                if a.tag in _DELETED:
                    state = "del"
                    break
            out.append((ref.get(w("id")) or "", state))
    return out


def _replace_blocks(note: etree._Element, blocks: List[etree._Element]) -> None:
    """The note's paragraphs and tables replaced by ``blocks`` (where the first stood)."""
    first = None
    for child in list(note):
        if child.tag in (w("p"), w("tbl")):
            if first is None:
                first = note.index(child)
            note.remove(child)
    at = first if first is not None else len(note)
    for k, b in enumerate(blocks):
        note.insert(at + k, b)
