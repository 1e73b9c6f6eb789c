"""Native Word tracked changes: ``w:ins``/``w:del``/``w:moveFrom``/``w:moveTo``.

Works on the body blocks of both documents, so everything in the body (titles, notes, tables,
images, fields, footnote references) is carried over, and the new document's package (styles,
numbering, headers, footers, media) is the base of the output.  Blocks are aligned by content
(clause numbers stripped, so a renumbered clause pairs with itself), then words are diffed
inside paired paragraphs and table cells.  Accepting all revisions gives the new document's
text; rejecting all gives the old one's.

Inputs that are not DOCX (PDF, text) are turned into plain paragraphs first, and a blank
package is used as the base when the new version is not a DOCX.
"""
from __future__ import annotations

import copy
from collections import Counter
from bisect import bisect_right
from contextlib import contextmanager
import io
import logging
import posixpath
import re
import zipfile
from dataclasses import dataclass
from typing import Any, Dict, Iterator, List, Optional, Sequence, Set, Tuple

from lxml import etree

from ..align.blocks import block_pairs, clause_hints, clause_solos, gap_pairs, text_key
from ..align.result import Comparison
from ..align.sequence import Item, align, merge_order
from ..align.words import DELETE, EQUAL, diff_opcodes, text_opcodes, tokenize
from ..model import Document
from ..ooxml import CT_NS, PKG_REL_NS, R_NS, Package, parse_xml, prepare_parts, unwrap, w
from .docx_headers import track_headers
from .docx_notes import NoteParts
from .docx_safety import XmlCleaner, sanitise_package, xml_text

log = logging.getLogger("redline")

_TEXT_CHILDREN = {w("t"), w("tab"), w("br"), w("cr"), w("noBreakHyphen"), w("softHyphen"),
                  w("rPr"), w("lastRenderedPageBreak")}
_MATH_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_DROP_IN_CHANGED = {w("proofErr"), w("permStart"), w("permEnd")}


@dataclass
class Atom:
    """A piece of a paragraph: text with its run properties, or an opaque element."""

    text: str
    rpr: Optional[etree._Element] = None
    element: Optional[etree._Element] = None  # object run / container, copied whole
    marker: bool = False  # bookmark or comment range marker: zero width, kept from new side


@dataclass
class RevisionIds:
    author: str
    date: Optional[str]  # None: the revisions are written undated (w:date is optional)
    next_id: int = 9000

    def take(self) -> str:
        self.next_id += 1
        return str(self.next_id)

    def mark(self, tag: str) -> etree._Element:
        el = etree.Element(w(tag))
        el.set(w("id"), self.take())
        el.set(w("author"), self.author)
        if self.date:
            el.set(w("date"), self.date)
        return el


# --- reading blocks ------------------------------------------------------------------------

def accept_all(root: etree._Element) -> etree._Element:
    """Accept the revisions already in a body (WmlComparer does the same before comparing)."""
    for tag in ("del", "moveFrom"):
        for el in list(root.iter(w(tag))):
            parent = el.getparent()
            if parent is not None and parent.tag == w("rPr"):
                # a deleted paragraph mark: merge with the next paragraph is what Word does;
                # keeping the paragraph loses no text, so just drop the mark
                parent.remove(el)
            elif parent is not None and parent.tag == w("trPr"):
                row = parent.getparent()
                if row is not None and row.getparent() is not None:
                    row.getparent().remove(row)
            elif parent is not None:
                parent.remove(el)
    for tag in ("ins", "moveTo"):
        for el in list(root.iter(w(tag))):
            parent = el.getparent()
            if parent is None:
                continue
            if parent.tag in (w("rPr"), w("trPr")):
                parent.remove(el)
                continue
            unwrap(el)
    for tag in ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart",
                "moveToRangeEnd", "rPrChange", "pPrChange", "sectPrChange", "tblPrChange",
                "trPrChange", "tcPrChange", "numberingChange"):
        for el in list(root.iter(w(tag))):
            el.getparent().remove(el)
    return root


def _is_text_run(r: etree._Element) -> bool:
    return all(child.tag in _TEXT_CHILDREN for child in r)


def _run_text(r: etree._Element) -> str:
    out = []
    for child in r:
        if child.tag == w("t"):
            out.append(child.text or "")
        elif child.tag == w("tab"):
            out.append("\t")
        elif child.tag in (w("br"), w("cr")):
            out.append("\n")
        elif child.tag == w("noBreakHyphen"):
            out.append("\u2011")
        elif child.tag == w("softHyphen"):
            out.append("\u00ad")
    return "".join(out)


def _visible_text(el: etree._Element) -> str:
    return "".join(t.text or "" for t in el.iter(w("t"), w("delText")))


def paragraph_atoms(p: etree._Element) -> List[Atom]:
    atoms: List[Atom] = []
    for child in p:
        tag = child.tag
        if tag == w("pPr"):
            continue
        if tag == w("r"):
            if _is_text_run(child):
                text = _run_text(child)
                if text:
                    atoms.append(Atom(text, child.find(w("rPr"))))
            else:
                atoms.append(Atom(_visible_text(child), element=child))
        elif tag in _DROP_IN_CHANGED:
            continue
        elif tag in (w("bookmarkStart"), w("bookmarkEnd"), w("commentRangeStart"),
                     w("commentRangeEnd")):
            atoms.append(Atom("", element=child, marker=True))
        else:
            # hyperlinks, fields, content controls, math: kept whole
            atoms.append(Atom(_visible_text(child), element=child))
    return atoms


_NOTE_REFS = (w("footnoteReference"), w("endnoteReference"))


def _canon(el: etree._Element) -> str:
    """A key for an object's identity: its XML without revision-session ids, and without
    the ids of the notes it refers to (notes are compared by their text, apart)."""
    if any(True for _ in el.iter(*_NOTE_REFS)):
        el = copy.deepcopy(el)
        for ref in el.iter(*_NOTE_REFS):
            ref.attrib.pop(w("id"), None)
    data = etree.tostring(el)
    data = re.sub(rb'\s?w(?:14)?:(?:rsid\w*|paraId|textId)="[^"]*"', b"", data)
    import hashlib  # here: loading OpenSSL costs a text-only document's run ~3 ms

    return hashlib.sha1(data).hexdigest()


_TEXTBOX = w("txbxContent")


def _frame_canon(el: etree._Element) -> str:
    """The identity of an object apart from the text in its text boxes: a text box whose
    words changed is the same text box, diffed inside (:meth:`_Writer.merged_object`)."""
    if not any(True for _ in el.iter(_TEXTBOX)):
        return _canon(el)
    el = copy.deepcopy(el)
    for box in el.iter(_TEXTBOX):
        for child in list(box):
            box.remove(child)
    return _canon(el)


@dataclass
class Token:
    """A word (or space, or punctuation) of a paragraph, or one whole object.

    ``pieces``: the token's text cut where its runs change, each piece with the run it came
    from (a word Word split over runs, "V" + "ideo", is still one word).
    """

    key: str
    pieces: List[Tuple[str, Atom]]

    @property
    def atom(self) -> Atom:
        return self.pieces[0][1]


def paragraph_tokens(atoms: Sequence[Atom]) -> List[Token]:
    """The paragraph's tokens: text runs are tokenized together, so that words split over
    runs (spell-check marks, revision ids, a letter formatted apart) diff as words."""
    out: List[Token] = []
    text_atoms: List[Atom] = []

    def flush() -> None:
        if not text_atoms:
            return
        if len(text_atoms) == 1:  # the usual case: one run, no cutting
            atom = text_atoms[0]
            out.extend(Token(tok, [(tok, atom)]) for tok in tokenize(atom.text))
            text_atoms.clear()
            return
        text = "".join(a.text for a in text_atoms)
        bounds = []  # (end offset, atom)
        pos = 0
        for a in text_atoms:
            pos += len(a.text)
            bounds.append((pos, a))
        k = 0
        start = 0
        for tok in tokenize(text):
            end = start + len(tok)
            pieces: List[Tuple[str, Atom]] = []
            at = start
            while at < end:
                while bounds[k][0] <= at:
                    k += 1
                stop = min(end, bounds[k][0])
                pieces.append((text[at:stop], bounds[k][1]))
                at = stop
            out.append(Token(tok, pieces))
            start = end
        text_atoms.clear()

    for a in atoms:
        if a.marker:
            continue
        if a.element is not None:
            flush()
            out.append(Token("\x00" + _frame_canon(a.element), [(a.text, a)]))
        else:
            text_atoms.append(a)
    flush()
    return out


class _PlainText:
    """A paragraph of text runs only, as its words (``keys``, as :func:`paragraph_tokens`
    cuts them) and the runs of any stretch of them: what ``_Writer._runs`` makes of the
    stretch's tokens (a run per stretch of atoms sharing run properties), without a Token
    per word."""

    def __init__(self, atoms: Sequence[Atom]) -> None:
        text_atoms = [a for a in atoms if not a.marker]
        self.text = "".join(a.text for a in text_atoms)
        self.keys: Sequence[str] = ()
        self.offsets = [0]  # where each token starts, and the text's end
        self.starts: List[int] = []  # where each atom starts
        pos = 0
        for a in text_atoms:
            self.starts.append(pos)
            pos += len(a.text)
        self.atoms = text_atoms

    def cut(self, keys: Sequence[str]) -> None:
        """Take ``keys``, the text's tokens (``tokenize(self.text)``)."""
        self.keys = keys
        pos = 0
        offsets = self.offsets = [0]
        for k in keys:
            pos += len(k)
            offsets.append(pos)

    def runs(self, i1: int, i2: int, deleted: bool) -> List[etree._Element]:
        """The runs of tokens ``i1`` to ``i2``."""
        s, e = self.offsets[i1], self.offsets[i2]
        if s >= e:
            return []
        atoms, starts, text = self.atoms, self.starts, self.text
        if len(atoms) == 1:
            return [_text_run(text[s:e], atoms[0].rpr, deleted)]
        out: List[etree._Element] = []
        k = bisect_right(starts, s) - 1
        cur = atoms[k]
        begin = s
        k += 1
        while k < len(atoms) and starts[k] < e:
            atom = atoms[k]
            if atom is not cur and atom.rpr is not cur.rpr:
                out.append(_text_run(text[begin:starts[k]], cur.rpr, deleted))
                cur, begin = atom, starts[k]
            k += 1
        out.append(_text_run(text[begin:e], cur.rpr, deleted))
        return out


def _textbox_changed(old: "Token", new: "Token") -> bool:
    """Two paired object tokens whose text boxes hold different words."""
    o, n = old.atom.element, new.atom.element
    return (o is not None and n is not None and old.key == new.key and
            any(True for _ in n.iter(_TEXTBOX)) and _canon(o) != _canon(n))


def _same_content(a: Sequence[Atom], b: Sequence[Atom]) -> bool:
    """Same text and the same objects (images, fields), in the same order."""
    if "".join(x.text for x in a if not x.marker) != "".join(x.text for x in b if not x.marker):
        return False
    objs_a = [x.element for x in a if x.element is not None and not x.marker]
    objs_b = [x.element for x in b if x.element is not None and not x.marker]
    return len(objs_a) == len(objs_b) and all(
        _canon(x) == _canon(y) for x, y in zip(objs_a, objs_b))


def block_key(el: etree._Element, atoms: Optional[List[Atom]] = None) -> Tuple[str, str]:
    """(content key, clause number) of a body block, for alignment (``atoms``: a paragraph's,
    when the caller has them already)."""
    if el.tag == w("tbl"):
        rows = []
        for tr in el.findall(w("tr")):
            rows.append("|".join(" ".join(_visible_text(tc).split())
                                 for tc in tr.findall(w("tc"))))
        return "\x01T " + "\n".join(rows), ""
    if el.tag == w("p"):
        atoms = paragraph_atoms(el) if atoms is None else atoms
        text = "".join(a.text for a in atoms if not a.marker)
        if not text.strip():
            objs = [a for a in atoms if a.element is not None and not a.marker]
            if objs:
                return "\x02" + "".join(_canon(a.element) for a in objs), ""
        return text_key(text)
    return "\x03" + _canon(el), ""


# --- writing -------------------------------------------------------------------------------

_RUN_BREAKS = re.compile("(\t|\n|\u2011|\u00ad)")
_T, _DEL_TEXT, _XML_SPACE = w("t"), w("delText"), "{http://www.w3.org/XML/1998/namespace}space"


def _text_run(text: str, rpr: Optional[etree._Element], deleted: bool) -> etree._Element:
    r = etree.Element(w("r"))
    if rpr is not None:
        r.append(copy.deepcopy(rpr))
    parts = _RUN_BREAKS.split(text)
    if len(parts) == 1:  # no tab, break or special hyphen: the usual run
        if text:
            t = etree.SubElement(r, _DEL_TEXT if deleted else _T)
            t.text = text
            t.set(_XML_SPACE, "preserve")
        return r
    for part in parts:
        if not part:
            continue
        if part == "\t":
            etree.SubElement(r, w("tab"))
        elif part == "\n":
            etree.SubElement(r, w("br"))
        elif part == "\u2011":
            etree.SubElement(r, w("noBreakHyphen"))
        elif part == "\u00ad":
            etree.SubElement(r, w("softHyphen"))
        else:
            t = etree.SubElement(r, w("delText" if deleted else "t"))
            t.text = part
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return r


def _deleted_copy(el: etree._Element) -> etree._Element:
    el = copy.deepcopy(el)
    for t in list(el.iter(w("t"))):
        t.tag = w("delText")
    for t in list(el.iter(w("instrText"))):
        t.tag = w("delInstrText")
    return el


class _Writer:
    def __init__(self, ids: RevisionIds, importer: "_RelImporter") -> None:
        self.ids = ids
        self.importer = importer
        self.revisions = 0
        self.move_names: Set[str] = set()
        #: new paragraph key -> old, from the comparison's clause pairs (``clause_hints``)
        self.hints: Dict[str, str] = {}
        #: keys of the lines of clauses the comparison deleted and inserted
        #: (``clause_solos``): never paired by likeness
        self.solos: Tuple[Set[str], Set[str]] = (set(), set())

    @contextmanager
    def using(self, importer: "_RelImporter") -> Iterator[None]:
        """Write with another part's importer (a note's references resolve in its part)."""
        saved, self.importer = self.importer, importer
        try:
            yield
        finally:
            self.importer = saved

    # runs ---------------------------------------------------------------------------------
    def _runs(self, tokens: Sequence[Token], deleted: bool) -> List[etree._Element]:
        out: List[etree._Element] = []
        buf: List[str] = []
        cur: Optional[Atom] = None

        def flush() -> None:
            if buf and cur is not None:
                out.append(_text_run("".join(buf), cur.rpr, deleted))
            buf.clear()

        for tok in tokens:
            if tok.atom.element is not None:
                flush()
                cur = None
                el = _deleted_copy(tok.atom.element) if deleted else copy.deepcopy(
                    tok.atom.element)
                if deleted:
                    self.importer.import_refs(el)
                out.append(el)
                continue
            for text, atom in tok.pieces:
                if cur is not atom and (cur is None or cur.rpr is not atom.rpr):
                    flush()
                    cur = atom
                buf.append(text)
        flush()
        return out

    def _equal_runs(self, old: Sequence[Token], new: Sequence[Token]) -> List[etree._Element]:
        """Runs of an unchanged stretch; a text box whose words changed is diffed inside."""
        out: List[etree._Element] = []
        start = 0
        for k, (o, n) in enumerate(zip(old, new)):
            if _textbox_changed(o, n):
                out.extend(self._runs(new[start:k], False))
                out.append(self.merged_object(o.atom.element, n.atom.element))
                start = k + 1
        out.extend(self._runs(new[start:], False))
        return out

    def merged_object(self, old: etree._Element, new: etree._Element) -> etree._Element:
        """The new object with the paragraphs of each of its text boxes diffed against the
        old one's (the k-th box against the k-th: Word keeps a fallback copy of each)."""
        out = copy.deepcopy(new)
        for old_box, new_box in zip(list(old.iter(_TEXTBOX)), list(out.iter(_TEXTBOX))):
            blocks = self.blocks(list(old_box), list(new_box))
            for child in list(new_box):
                new_box.remove(child)
            for b in blocks:
                new_box.append(b)
        return out

    def _wrap(self, tag: str, children: List[etree._Element]) -> List[etree._Element]:
        if not children:
            return []
        self.revisions += 1
        # runs go inside w:ins/w:del; other containers (hyperlinks, fields) take the
        # revision on their runs
        out: List[etree._Element] = []
        group: Optional[etree._Element] = None
        for child in children:
            if child.tag == w("r"):
                if group is None:
                    group = self.ids.mark(tag)
                    out.append(group)
                group.append(child)
            else:
                group = None
                # (equations' runs too: ``m:r`` takes a revision like ``w:r``)
                for r in list(child.iter(w("r"), f"{{{_MATH_NS}}}r")):
                    parent = r.getparent()
                    idx = parent.index(r)
                    wrapper = self.ids.mark(tag)
                    parent.insert(idx, wrapper)
                    wrapper.append(r)
                out.append(child)
        return out

    def _mark_paragraph(self, p: etree._Element, tag: str) -> None:
        ppr = p.find(w("pPr"))
        if ppr is None:
            ppr = etree.Element(w("pPr"))
            p.insert(0, ppr)
        rpr = ppr.find(w("rPr"))
        if rpr is None:
            rpr = etree.SubElement(ppr, w("rPr"))
        rpr.insert(0, self.ids.mark(tag))

    # paragraphs ---------------------------------------------------------------------------
    def whole_paragraph(self, p: etree._Element, tag: str, move: Optional[str] = None
                        ) -> etree._Element:
        """A paragraph wholly inserted (``ins``) or deleted (``del``), mark included."""
        deleted = tag in ("del", "moveFrom")
        out = etree.Element(w("p"))
        ppr = p.find(w("pPr"))
        if ppr is not None:
            out.append(copy.deepcopy(ppr))
        atoms = paragraph_atoms(p)
        # nothing is diffed inside a whole paragraph: a token per run, no word split
        tokens = [Token("", [(a.text, a)]) for a in atoms if not a.marker]
        runs = self._runs(tokens, deleted)  # deleted objects' references imported there
        kind = tag
        if move:
            start = etree.SubElement(out, w(f"{tag}RangeStart"))
            start.set(w("id"), self.ids.take())
            start.set(w("name"), move)
            start.set(w("author"), self.ids.author)
            if self.ids.date:
                start.set(w("date"), self.ids.date)
        for el in self._wrap(kind, runs):
            out.append(el)
        if move:
            end = etree.SubElement(out, w(f"{tag}RangeEnd"))
            end.set(w("id"), start.get(w("id")))
        if not deleted:
            for a in atoms:
                if a.marker and a.element is not None:
                    out.append(copy.deepcopy(a.element))
        self._mark_paragraph(out, tag)
        return out

    def changed_paragraph(self, old: etree._Element, new: etree._Element,
                          old_atoms: Optional[List[Atom]] = None,
                          new_atoms: Optional[List[Atom]] = None) -> etree._Element:
        old_atoms = paragraph_atoms(old) if old_atoms is None else old_atoms
        new_atoms = paragraph_atoms(new) if new_atoms is None else new_atoms
        if _same_content(old_atoms, new_atoms):
            return copy.deepcopy(new)  # most paragraphs of a counter are untouched
        plain = not any(a.element is not None and not a.marker
                        for a in (*old_atoms, *new_atoms))
        if plain:
            # text only (no object, field or link): the paragraphs' texts differ
            # (``_same_content``), so their words do; no Token is made
            old_text, new_text = _PlainText(old_atoms), _PlainText(new_atoms)
            # the tokens and their diff, shared with the comparison's diff of a clause
            # that is this paragraph (``text_opcodes``: made once)
            old_keys, new_keys, codes = text_opcodes(old_text.text, new_text.text)
            old_text.cut(old_keys)
            new_text.cut(new_keys)
        else:
            old_tokens = paragraph_tokens(old_atoms)
            new_tokens = paragraph_tokens(new_atoms)
            if [t.key for t in old_tokens] == [t.key for t in new_tokens] and not any(
                    _textbox_changed(o, n) for o, n in zip(old_tokens, new_tokens)):
                return copy.deepcopy(new)
        out = etree.Element(w("p"), nsmap=new.nsmap)
        ppr = new.find(w("pPr"))
        if ppr is not None:
            out.append(copy.deepcopy(ppr))
        for a in new_atoms:
            if a.marker and a.element is not None and a.element.tag == w("bookmarkStart"):
                out.append(copy.deepcopy(a.element))
        if plain:
            for tag, i1, i2, j1, j2 in codes:
                if tag == EQUAL:
                    out.extend(new_text.runs(j1, j2, False))
                elif tag == DELETE:
                    out.extend(self._wrap("del", old_text.runs(i1, i2, True)))
                else:
                    out.extend(self._wrap("ins", new_text.runs(j1, j2, False)))
        else:
            codes = tuple(diff_opcodes([t.key for t in old_tokens], [t.key for t in new_tokens]))
            for tag, i1, i2, j1, j2 in codes:
                if tag == EQUAL:
                    out.extend(self._equal_runs(old_tokens[i1:i2], new_tokens[j1:j2]))
                elif tag == DELETE:
                    out.extend(self._wrap("del", self._runs(old_tokens[i1:i2], True)))
                else:
                    out.extend(self._wrap("ins", self._runs(new_tokens[j1:j2], False)))
        for a in new_atoms:
            if a.marker and a.element is not None and a.element.tag != w("bookmarkStart"):
                out.append(copy.deepcopy(a.element))
        return out

    # tables -------------------------------------------------------------------------------
    def whole_table(self, tbl: etree._Element, tag: str) -> etree._Element:
        out = copy.deepcopy(tbl)
        for tr in out.findall(w("tr")):
            self._mark_row(tr, tag)
        return out

    def _mark_row(self, tr: etree._Element, tag: str) -> None:
        trpr = tr.find(w("trPr"))
        if trpr is None:
            trpr = etree.Element(w("trPr"))
            tblpr_ex = tr.find(w("tblPrEx"))
            tr.insert(1 if tblpr_ex is not None else 0, trpr)
        trpr.append(self.ids.mark(tag))
        for tc in tr.findall(w("tc")):
            new_children = []
            for child in tc:
                if child.tag == w("p"):
                    new_children.append(self.whole_paragraph(child, tag))
                elif child.tag == w("tbl"):
                    new_children.append(self.whole_table(child, tag))
                else:
                    new_children.append(child)
            for child in list(tc):
                tc.remove(child)
            for child in new_children:
                tc.append(child)

    def changed_table(self, old: etree._Element, new: etree._Element) -> etree._Element:
        out = etree.Element(w("tbl"))
        for child in new:
            if child.tag != w("tr"):
                out.append(copy.deepcopy(child))
        old_rows, new_rows = old.findall(w("tr")), new.findall(w("tr"))
        pairs = align([Item(block_key_row(r)) for r in old_rows],
                      [Item(block_key_row(r)) for r in new_rows], use_numbers=False)
        row_keys = ([block_key_row(r) for r in old_rows], [block_key_row(r) for r in new_rows])
        for i, j, pair in gap_pairs(merge_order(len(old_rows), len(new_rows), pairs),
                                    *row_keys):
            if i is not None and j is not None and pair is not None and not pair.moved:
                orow, nrow = old_rows[i], new_rows[j]
                ocells, ncells = orow.findall(w("tc")), nrow.findall(w("tc"))
                if len(ocells) == len(ncells):
                    row = etree.Element(w("tr"))
                    for child in nrow:
                        if child.tag != w("tc"):
                            row.append(copy.deepcopy(child))
                    for oc, nc in zip(ocells, ncells):
                        cell = etree.SubElement(row, w("tc"))
                        tcpr = nc.find(w("tcPr"))
                        if tcpr is not None:
                            cell.append(copy.deepcopy(tcpr))
                        for el in self.blocks([c for c in oc if c.tag != w("tcPr")],
                                              [c for c in nc if c.tag != w("tcPr")]):
                            cell.append(el)
                        if cell.find(w("p")) is None:
                            etree.SubElement(cell, w("p"))
                    out.append(row)
                    continue
                i_row, j_row = copy.deepcopy(orow), copy.deepcopy(nrow)
                self._mark_row(i_row, "del")
                self._mark_row(j_row, "ins")
                out.append(i_row)
                out.append(j_row)
            elif j is not None and (pair is None or i is None or pair.moved) and \
                    (pair is None or j == pair.new):
                if pair is not None and pair.moved:
                    row = copy.deepcopy(new_rows[j])
                    self._mark_row(row, "ins")
                    out.append(row)
                else:
                    row = copy.deepcopy(new_rows[j])
                    self._mark_row(row, "ins")
                    out.append(row)
            elif i is not None:
                row = _deleted_copy(old_rows[i])
                self.importer.import_refs(row)
                self._mark_row(row, "del")
                out.append(row)
        return out

    # a sequence of blocks -----------------------------------------------------------------
    def blocks(self, old: Sequence[etree._Element], new: Sequence[etree._Element],
               plan: Optional[Tuple[Sequence[Any], Sequence[Optional[int]],
                                    Sequence[Optional[int]]]] = None
               ) -> List[etree._Element]:
        """The tracked blocks for ``old`` -> ``new``.  ``plan``: the comparison's clause
        changes and, for every block, the clause it belongs to on each side; the blocks
        then pair as their clauses did (``align.blocks``)."""
        keep = (w("p"), w("tbl"))
        if plan is not None:
            changes, old_owner_all, new_owner_all = plan
            old_owner = [c for b, c in zip(old, old_owner_all) if b.tag in keep]
            new_owner = [c for b, c in zip(new, new_owner_all) if b.tag in keep]
        old = [b for b in old if b.tag in keep]
        new_all = list(new)
        new = [b for b in new_all if b.tag in keep]
        # each paragraph read once: for its alignment key and, when paired, for its diff
        atoms = {id(b): paragraph_atoms(b) for b in (*old, *new) if b.tag == w("p")}
        ok = [block_key(b, atoms.get(id(b))) for b in old]
        nk = [block_key(b, atoms.get(id(b))) for b in new]
        keys = {id(b): k for b, (k, _) in zip((*old, *new), (*ok, *nk))}
        old_items = [Item(k, n) for k, n in ok]
        new_items = [Item(k, n) for k, n in nk]
        fixed: Set[int] = set()
        if plan is not None:
            pairs = block_pairs(changes, old_owner, new_owner, old_items, new_items)
            # the comparison decided about every clause's blocks: none pair by likeness
            fixed = {id(b) for b, c in zip(old, old_owner) if c is not None} | \
                {id(b) for b, c in zip(new, new_owner) if c is not None}
        else:
            gone, added = self.solos
            if gone or added:  # a key the body holds twice decides nothing
                old_count, new_count = Counter(k for k, _ in ok), Counter(k for k, _ in nk)
                gone = {k for k in gone if old_count[k] == 1}
                added = {k for k in added if new_count[k] == 1}
            pairs = [p for p in align(old_items, new_items, hints=self.hints)
                     if ok[p.old][0] == nk[p.new][0] or
                     (ok[p.old][0] not in gone and nk[p.new][0] not in added)]
            fixed = {id(b) for b, (k, _) in zip(old, ok) if k in gone} | \
                {id(b) for b, (k, _) in zip(new, nk) if k in added}
        move_names: Dict[Tuple[int, int], str] = {}
        out: List[etree._Element] = []
        for i, j, pair in gap_pairs(
                merge_order(len(old), len(new), pairs), [keys[id(b)] for b in old],
                [keys[id(b)] for b in new], [b.tag for b in old], [b.tag for b in new],
                {k for k, b in enumerate(old) if id(b) in fixed},
                {k for k, b in enumerate(new) if id(b) in fixed}):
            if i is not None and j is not None and pair is not None and not pair.moved:
                o, n = old[i], new[j]
                if o.tag == w("p") and n.tag == w("p"):
                    out.append(self.changed_paragraph(o, n, atoms[id(o)], atoms[id(n)]))
                elif o.tag == w("tbl") and n.tag == w("tbl"):
                    out.append(self.changed_table(o, n))
                else:
                    out.extend(self._delete_block(o))
                    out.extend(self._insert_block(n))
            elif pair is not None and pair.moved:
                # unique in the whole output: blocks() also writes notes and text boxes
                name = move_names.setdefault((pair.old, pair.new),
                                             f"redlineMove{len(self.move_names) + 1}")
                self.move_names.add(name)
                if j is None:  # the old place of a moved block
                    assert i is not None  # merge_order gives every triple an old or a new place
                    out.extend(self._delete_block(old[i], move=name))
                else:
                    out.extend(self._insert_block(new[j], move=name))
            elif j is not None:
                out.extend(self._insert_block(new[j]))
            elif i is not None:
                out.extend(self._delete_block(old[i]))
        return out

    def _insert_block(self, el: etree._Element, move: Optional[str] = None
                      ) -> List[etree._Element]:
        if el.tag == w("tbl"):
            return [self.whole_table(el, "ins")]
        if move:
            return [self.whole_paragraph(el, "moveTo", move=move)]
        return [self.whole_paragraph(el, "ins")]

    def _delete_block(self, el: etree._Element, move: Optional[str] = None
                      ) -> List[etree._Element]:
        if el.tag == w("tbl"):
            t = _deleted_copy(el)
            self.importer.import_refs(t)
            return [self.whole_table(t, "del")]
        if move:
            return [self.whole_paragraph(el, "moveFrom", move=move)]
        return [self.whole_paragraph(el, "del")]


def block_key_row(tr: etree._Element) -> str:
    return "|".join(" ".join(_visible_text(tc).split()) for tc in tr.findall(w("tc")))


# --- relationships of deleted content ------------------------------------------------------

#: A working mark on nodes whose references were imported; never written out.
_WORKING_NS = "urn:redline:working"
IMPORTED = f"{{{_WORKING_NS}}}imported"


def strip_import_marks(root: etree._Element) -> None:
    marked = root.xpath(f"//*[@*[namespace-uri()='{_WORKING_NS}']]")
    for node in marked:
        del node.attrib[IMPORTED]
    if marked:
        etree.cleanup_namespaces(root)


class _RelImporter:
    """Deleted content from the old document may point at its images; copy them across."""

    def __init__(self, old_pkg: Optional[Package], files: Dict[str, bytes],
                 rels_root: etree._Element, part: str = "word/document.xml",
                 tag: str = "") -> None:
        """``part``: the old part whose content is imported (its relationships resolve the
        references); ``rels_root``: the output part's relationships; ``tag`` keeps the media
        names of several importers apart."""
        #: set once the writer exists: old notes of struck references come along, struck
        self.notes: Optional[NoteParts] = None
        self.writer: Optional[_Writer] = None
        self.old_pkg = old_pkg
        self.files = files
        self.rels_root = rels_root
        self.tag = tag
        self.old_rels = old_pkg.rels(part) if old_pkg else {}
        self.mapped: Dict[str, Optional[str]] = {}
        existing = {r.get("Id") for r in rels_root}
        self.counter = 0
        self.existing = existing

    def _new_id(self) -> str:
        while True:
            self.counter += 1
            rid = f"rIdRedline{self.counter}"
            if rid not in self.existing:
                self.existing.add(rid)
                return rid

    def import_refs(self, el: etree._Element) -> None:
        """Point the references of struck old content (images, links, notes) at copies in
        the output.  Done once per node: a node already done (or a copy of one) carries
        ``IMPORTED`` until :func:`strip_import_marks` (struck tables pass through twice)."""
        for node in list(el.iter()):
            if node.get(IMPORTED):
                continue
            if node.tag in _NOTE_REFS and self.notes is not None and self.writer:
                kind = "footnote" if node.tag == w("footnoteReference") else "endnote"
                node.set(IMPORTED, "1")
                new_id = self.notes.import_deleted(kind, node.get(w("id")) or "",
                                                   self.writer)
                if new_id is not None:
                    node.set(w("id"), new_id)
                    continue
            if node.tag in (w("footnoteReference"), w("endnoteReference"),
                            w("commentReference")):
                node.getparent().remove(node)
                continue
            for attr, value in list(node.attrib.items()):
                if not attr.startswith(f"{{{R_NS}}}"):
                    continue
                new = self._import(value)
                node.set(IMPORTED, "1")
                if new is None:
                    del node.attrib[attr]
                else:
                    node.set(attr, new)

    def _import(self, rid: str) -> Optional[str]:
        if rid in self.mapped:
            return self.mapped[rid]
        rel = self.old_rels.get(rid)
        result: Optional[str] = None
        if rel and rel["mode"] != "External" and self.old_pkg is not None:
            src = posixpath.normpath(posixpath.join("word", rel["target"]))
            data = self.old_pkg.read(src)
            if data is not None:
                name = (f"media/redline-old-{self.tag}{len(self.mapped)}-"
                        f"{posixpath.basename(src)}")
                self.files[f"word/{name}"] = data
                new_id = self._new_id()
                etree.SubElement(self.rels_root, f"{{{PKG_REL_NS}}}Relationship", Id=new_id,
                                 Type=rel["type"], Target=name)
                result = new_id
        elif rel and rel["type"].endswith("/hyperlink"):
            new_id = self._new_id()
            etree.SubElement(self.rels_root, f"{{{PKG_REL_NS}}}Relationship", Id=new_id,
                             Type=rel["type"], Target=rel["target"], TargetMode="External")
            result = new_id
        self.mapped[rid] = result
        return result


# --- packages ------------------------------------------------------------------------------

def _synthetic_body(doc: Document, owners: Optional[List[Optional[int]]] = None
                    ) -> List[etree._Element]:
    """Paragraphs for a document that did not come from a DOCX (PDF, text).  ``owners``,
    when given, receives for each paragraph the index of the clause it belongs to (its
    lines and notes), None for article titles."""
    out: List[etree._Element] = []
    safe = XmlCleaner()  # text and PDF inputs may hold control characters XML cannot
    owner: Optional[int] = None

    def para(text: str, bold: bool = False, italic: bool = False) -> None:
        text = safe(text)
        p = etree.Element(w("p"))
        rpr = None
        if bold or italic:
            rpr = etree.Element(w("rPr"))
            if bold:
                etree.SubElement(rpr, w("b"))
            if italic:
                etree.SubElement(rpr, w("i"))
        p.append(_text_run(text, rpr, False))
        out.append(p)
        if owners is not None:
            owners.append(owner)

    index = 0
    for art in doc.latest().articles:
        if art.title:
            owner = None
            para(f"ARTICLE {art.number} - {art.title}" if art.number else art.title, bold=True)
        for c in art.clauses:
            owner = index
            index += 1
            for k, line in enumerate(c.full_text.split("\n")):
                para(line, bold=bool(c.heading) and k == 0)
            for n in c.notes:
                para(n.text, italic=True)
    safe.warn(f"the text of {doc.source or 'a document'}")
    return out


def blank_package() -> Dict[str, bytes]:
    """The files of an empty DOCX (python-docx's default template)."""
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        return {n: z.read(n) for n in z.namelist()}


def _body_of(doc: Document) -> Tuple[Optional[Package], List[etree._Element],
                                    Optional[List[Optional[int]]]]:
    """The package (None when made from the model), its body blocks, and for blocks made
    from the model the clause each belongs to (None for a DOCX's own body)."""
    # A round of a colour-keyed redline (or an earlier round of a tracked one) is not what
    # the package's body says: its struck words would come back as inserted text.
    if doc.format == "docx" and (doc.package or doc.source) and doc.package_text_is_latest:
        # the package as it was read (a path only for a document made by hand)
        pkg = Package(doc.source or "the document", doc.package)
        root = pkg.xml("word/document.xml")
        body = root.find(w("body")) if root is not None else None
        if body is None:
            return pkg, [], None
        accept_all(body)
        return pkg, [c for c in body if c.tag != w("sectPr")], None
    owners: List[Optional[int]] = []
    return None, _synthetic_body(doc, owners), owners


def render_tracked(result: Comparison, properties: Optional[Any] = None) -> bytes:
    """The comparison as a DOCX with native tracked changes (author = new version's party);
    ``properties`` (:class:`~redline.render.properties.DocumentProperties`) are written into
    the package as it is made."""
    author = xml_text(result.author.party or "")[0] or "redline"
    date: Optional[str] = result.author.date
    if date:
        date = (date if "T" in date else date + "T00:00") + ":00Z"
    else:
        # never a made-up date (1970): Word shows undated revisions as such
        log.warning("%s: the new version names no date: its tracked changes are written "
                    "undated (give --date, or a file whose header dates it)",
                    result.new.source or "the new version")
    old_pkg, old_blocks, old_owners = _body_of(result.old)
    new_pkg, new_blocks, new_owners = _body_of(result.new)
    # blocks drawn from the model follow the comparison's clause pairs: one alignment for
    # every output (a DOCX's own body is aligned paragraph by paragraph, as before)
    plan = (result.changes, old_owners, new_owners) if (
        old_owners is not None and new_owners is not None) else None
    rels_name = "word/_rels/document.xml.rels"
    try:
        kept: Dict[str, etree._Element] = {}
        if new_pkg is not None:
            files = {n: new_pkg.read(n) or b"" for n in new_pkg.names}
            # every XML part parsed (any encoding), as Word shows it (mc:AlternateContent
            # resolved), in UTF-8: notes, headers and the sanitiser all start from that; the
            # body and its relationships come back parsed (written once, at the end)
            kept = prepare_parts(files, new_pkg.path, ("word/document.xml", rels_name))
        else:
            files = blank_package()
        doc_root = kept.get("word/document.xml")
        if doc_root is None:
            doc_root = parse_xml(files["word/document.xml"], "output", "word/document.xml")
        body = doc_root.find(w("body"))
        sect = body.find(w("sectPr")) if body is not None else None
        rels_root = kept.get(rels_name)
        if rels_root is None:
            rels_root = (parse_xml(files[rels_name], "output", rels_name) if rels_name in files
                         else etree.Element(f"{{{PKG_REL_NS}}}Relationships",
                                            nsmap={None: PKG_REL_NS}))
        importer = _RelImporter(old_pkg, files, rels_root)
        writer = _Writer(RevisionIds(author, date), importer)
        notes = NoteParts(files, rels_root, old_pkg, accept_all,
                          lambda old_part, out_rels, tag: _RelImporter(
                              old_pkg, files, out_rels, old_part, tag))
        importer.notes, importer.writer = notes, writer
        if plan is None:
            writer.hints = clause_hints(result)
            writer.solos = clause_solos(result)
        new_body = writer.blocks(old_blocks, new_blocks, plan)
        notes.track(writer, old_blocks, new_body)
        notes.save(strip_import_marks)
        if new_pkg is not None:
            # headers and footers changed between the versions: marked, not carried as is
            track_headers(files, doc_root, rels_root, old_pkg, writer, accept_all,
                          lambda old_part, out_rels, tag: _RelImporter(
                              old_pkg, files, out_rels, old_part, tag), strip_import_marks)
        for child in list(body):
            body.remove(child)
        for el in new_body:
            body.append(el)
        if sect is not None:
            body.append(sect)
        strip_import_marks(doc_root)
        # the package came from the other side: nothing in it may run or fetch when opened
        # (macros, remote templates, external links, INCLUDETEXT/DDE/LINK fields)
        sanitise_package(files, roots={"word/document.xml": doc_root, rels_name: rels_root})
        files["word/document.xml"] = etree.tostring(doc_root, xml_declaration=True,
                                                    encoding="UTF-8", standalone=True)
        files[rels_name] = etree.tostring(rels_root, xml_declaration=True, encoding="UTF-8",
                                          standalone=True)
        _ensure_content_types(files)
        if properties is not None:
            from .properties import stamp_parts

            stamp_parts(files, properties)
        out = io.BytesIO()
        # the fastest deflate level: a fifth of the default's time on a long body, for a
        # file about a fifth larger
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
            order = ["[Content_Types].xml"] + [n for n in files if n != "[Content_Types].xml"]
            for name in order:
                if name in files:
                    z.writestr(name, files[name])
        return out.getvalue()
    finally:
        for pkg in (old_pkg, new_pkg):
            if pkg is not None:
                pkg.close()


_MEDIA_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg",
                "gif": "image/gif", "emf": "image/x-emf", "wmf": "image/x-wmf",
                "bmp": "image/bmp", "tif": "image/tiff", "tiff": "image/tiff",
                "svg": "image/svg+xml"}


def _ensure_content_types(files: Dict[str, bytes]) -> None:
    root = parse_xml(files["[Content_Types].xml"], "output", "[Content_Types].xml")
    defaults = {d.get("Extension", "").lower() for d in root if d.tag == f"{{{CT_NS}}}Default"}
    for name in files:
        ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if ext in _MEDIA_TYPES and ext not in defaults:
            etree.SubElement(root, f"{{{CT_NS}}}Default", Extension=ext,
                             ContentType=_MEDIA_TYPES[ext])
            defaults.add(ext)
    files["[Content_Types].xml"] = etree.tostring(root, xml_declaration=True,
                                                  encoding="UTF-8", standalone=True)
