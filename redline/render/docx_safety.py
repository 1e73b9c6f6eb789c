"""What a DOCX we write may carry: only text XML can hold, and nothing that runs or fetches.

The tracked-changes renderer builds its output on the new version's package, which came from
the other side of the table.  :func:`sanitise_package` is the last pass over that package:
no macros (``vbaProject``), no external relationships other than hyperlinks (a remote
``attachedTemplate``, linked images and OLE objects, subdocuments, mail-merge sources), no
fields that fetch or run something when the document is opened or updated
(``INCLUDETEXT``, ``INCLUDEPICTURE``, ``DDE``, ``DDEAUTO``, ``IMPORT``, ``LINK``, ...).
A removed field keeps its last result as plain text, so the reader still sees what the
author saw.
"""
from __future__ import annotations

import logging
import posixpath
import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Set, Tuple

from lxml import etree

from ..ooxml import CT_NS, R_NS, is_xml_part, parse_xml, unwrap, utf8_compatible, w

log = logging.getLogger("redline")

_MAIN_DOCUMENT = ("application/vnd.openxmlformats-officedocument.wordprocessingml."
                  "document.main+xml")
_MACRO_PART = re.compile(r"(^|/)(vbaProject|vbaData)[^/]*$|(^|/)activeX/", re.I)
_MAYBE_ACTIVE = re.compile(rb"fld|instrText|mailMerge|attachedTemplate")
_DTD_BYTES = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.I)
_MACRO_CONTENT = re.compile(r"macroEnabled|vbaProject|vbaData|ms-office\.activeX", re.I)

#: Field types that read another file or URL, talk to another program, or query a database
#: when the document is opened or its fields are updated.
FETCHING_FIELDS = frozenset({"INCLUDETEXT", "INCLUDE", "INCLUDEPICTURE", "IMPORT", "LINK",
                             "DDE", "DDEAUTO", "DATABASE", "RD"})
#: Elements that only exist to point at a relationship: removed with a removed target.
_REFERENCE_ONLY = {w("attachedTemplate"), w("subDoc")}

# XML 1.0 allows tab, LF, CR and everything from U+0020 except surrogates and U+FFFE/FFFF
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> Tuple[str, int]:
    """``text`` without the characters an XML part cannot hold, and how many were removed.

    Control characters from a text file or a PDF would otherwise make lxml refuse to write
    the DOCX (or, written by hand, make Word refuse to open it).
    """
    cleaned, count = _NOT_XML.subn("", text)
    return cleaned, count


def warn_removed(count: int, what: str = "the DOCX output") -> None:
    if count:
        log.warning("removed %d control character(s) that a DOCX cannot hold from %s",
                    count, what)


class XmlCleaner:
    """One output's text made XML-safe: call it on each string (:func:`xml_text`), then
    :meth:`warn` once, which says how many characters were taken out in all."""

    def __init__(self) -> None:
        self.removed = 0

    def __call__(self, text: str) -> str:
        text, count = xml_text(text)
        self.removed += count
        return text

    def warn(self, what: str = "the DOCX output") -> None:
        warn_removed(self.removed, what)


def field_type(instruction: str) -> str:
    """The field's type, upper case: ``INCLUDETEXT`` from ``' includetext "a.docx" '``."""
    words = instruction.strip().split(None, 1)
    return words[0].upper() if words else ""


def _fetches(instruction: str) -> bool:
    return field_type(instruction) in FETCHING_FIELDS


@dataclass
class _Field:
    """A complex field being read: its instruction text and every element that belongs to
    it except its result (field characters, instruction runs, nested fields in them)."""

    parts: List[etree._Element]
    instr: List[str] = field(default_factory=list)
    in_instr: bool = True


def _maybe_fetching(root: etree._Element, instr_tags: Tuple[str, ...]) -> bool:
    # cheap C-level pre-check so a long body without such fields is not walked run by run;
    # instructions may be split across runs, so look at them joined
    text = "".join(el.text or "" for el in root.iter(*instr_tags)).upper()
    return any(name in text for name in FETCHING_FIELDS)


def strip_fetching_fields(root: etree._Element) -> int:
    """Remove fetching fields from one part, keeping their results; returns how many.

    Simple fields (``w:fldSimple``) are unwrapped.  Complex fields lose their field
    characters and everything in their instruction (nested fields included), so only the
    result runs remain.
    """
    removed = 0
    for fld in list(root.iter(w("fldSimple"))):
        if fld.getparent() is None or not _fetches(fld.get(w("instr"), "")):
            continue
        unwrap(fld)
        removed += 1

    instr_tags = (w("instrText"), w("delInstrText"))
    if not _maybe_fetching(root, instr_tags):
        return removed
    # complex fields: begin, instruction, separate, result, end -- possibly across runs,
    # revisions and paragraphs, and nested -- so walk the run contents in document order
    frames: List[_Field] = []
    doomed: List[etree._Element] = []
    for run in list(root.iter(w("r"))):
        for child in list(run):
            if child.tag == w("rPr"):
                continue
            for f in frames:
                if f.in_instr:
                    f.parts.append(child)  # part of an enclosing instruction
            if child.tag != w("fldChar"):
                if child.tag in instr_tags and frames and frames[-1].in_instr:
                    frames[-1].instr.append(child.text or "")
                continue
            kind = child.get(w("fldCharType"))
            if kind == "begin":
                frames.append(_Field([child]))
            elif frames:
                top = frames[-1]
                if not top.in_instr:
                    top.parts.append(child)
                if kind == "separate":
                    top.in_instr = False
                elif kind == "end":
                    frames.pop()
                    if _fetches("".join(top.instr)):
                        doomed.extend(top.parts)
                        removed += 1
    for top in frames:  # never ended: drop a fetching one all the same
        if _fetches("".join(top.instr)):
            doomed.extend(top.parts)
            removed += 1
    for el in doomed:
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)
            if parent.tag == w("r") and all(c.tag == w("rPr") for c in parent) and \
                    parent.getparent() is not None:
                parent.getparent().remove(parent)  # a run left empty
    return removed


def _rels_owner(rels_name: str) -> Optional[str]:
    """``word/_rels/settings.xml.rels`` -> ``word/settings.xml`` (``_rels/.rels`` -> None)."""
    folder, _, base = rels_name.rpartition("/")
    if not folder.endswith("_rels") or not base.endswith(".rels"):
        return None
    owner_folder = folder[: -len("_rels")].rstrip("/")
    owner = base[: -len(".rels")]
    if not owner:
        return None
    return posixpath.join(owner_folder, owner) if owner_folder else owner


def _drop_references(root: etree._Element, dropped: Set[str]) -> None:
    for node in list(root.iter()):
        if not isinstance(node.tag, str):
            continue
        for attr, value in list(node.attrib.items()):
            if attr.startswith(f"{{{R_NS}}}") and value in dropped:
                if node.tag in _REFERENCE_ONLY and node.getparent() is not None:
                    node.getparent().remove(node)
                    break
                del node.attrib[attr]


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def sanitise_package(files: Dict[str, bytes],
                     roots: Optional[Dict[str, etree._Element]] = None,
                     source: str = "output") -> List[str]:
    """Make the parts of a DOCX we are about to write inert, in place.

    ``roots``: parts the caller has parsed and will serialise itself (the body); they are
    cleaned in place instead of being parsed again from ``files``.  ``source``: the input
    the package came from, named in an error (a part that cannot be parsed).  Returns what kinds of
    thing were removed (also logged at info level).
    """
    roots = roots or {}
    done: List[str] = []
    # macros and ActiveX controls: the binaries, and below whatever points at them
    gone = {n for n in files if _MACRO_PART.search(n)}
    for name in gone:
        del files[name]
    if gone:
        done.append("macros")

    def root_of(name: str) -> etree._Element:
        return roots[name] if name in roots else parse_xml(files[name], source, name)

    def store(name: str, root: etree._Element) -> None:
        if name not in roots:
            files[name] = _serialise(root)

    dropped_by_owner: Dict[str, Set[str]] = {}
    for name in [n for n in set(files) | set(roots) if n.endswith(".rels")]:
        root = root_of(name)
        owner = _rels_owner(name)
        owner_dir = posixpath.dirname(owner) if owner else ""
        dropped: Set[str] = set()
        for rel in list(root):
            kind = rel.get("Type", "")
            external = rel.get("TargetMode") == "External"
            target = posixpath.normpath(posixpath.join(owner_dir, rel.get("Target", "")))
            if (external and not kind.endswith("/hyperlink")) or \
                    kind.endswith(("/vbaProject", "/wordVbaData", "/attachedTemplate")) or \
                    (not external and target.lstrip("/") in gone):
                root.remove(rel)
                dropped.add(rel.get("Id", ""))
        if dropped:
            store(name, root)
            if owner:
                dropped_by_owner[owner] = dropped
            done.append("external or macro relationships")
    fields = 0
    for name in [n for n in set(files) | set(roots)
                 if n.startswith("word/") and n.endswith(".xml")]:
        dropped = dropped_by_owner.get(name, set())
        if name not in roots and not dropped and utf8_compatible(files[name]) and \
                not _MAYBE_ACTIVE.search(files[name]):
            # nothing to do: do not parse styles, numbering, themes again (a part in another
            # encoding, UTF-16, is always parsed: a byte search cannot see its fields)
            continue
        root = root_of(name)
        if dropped:
            _drop_references(root, dropped)
        fields += strip_fetching_fields(root)
        for tag in ("attachedTemplate", "mailMerge"):
            for el in list(root.iter(w(tag))):
                el.getparent().remove(el)
        store(name, root)
    if fields:
        done.append(f"{fields} field(s) that fetch or run something when opened")
    if "[Content_Types].xml" in files:
        ct = parse_xml(files["[Content_Types].xml"], source, "[Content_Types].xml")
        changed = False
        for el in list(ct):
            part = (el.get("PartName") or "").lstrip("/")
            ctype = el.get("ContentType") or ""
            if el.tag == f"{{{CT_NS}}}Override" and part == "word/document.xml" and \
                    _MACRO_CONTENT.search(ctype):
                el.set("ContentType", _MAIN_DOCUMENT)  # a .docm body as a plain .docx
                changed = True
            elif el.tag == f"{{{CT_NS}}}Override" and part in gone:
                ct.remove(el)
                changed = True
            elif el.tag == f"{{{CT_NS}}}Default" and _MACRO_CONTENT.search(ctype):
                ct.remove(el)
                changed = True
        if changed:
            files["[Content_Types].xml"] = _serialise(ct)
    # no DTD anywhere in the output: every XML part the caller does not serialise itself,
    # whatever its encoding, is checked (and one in another encoding written as UTF-8)
    for name in [n for n in files if is_xml_part(n) and n not in roots]:
        data = files[name]
        if not utf8_compatible(data):
            files[name] = _serialise(parse_xml(data, source, name))
        elif _DTD_BYTES.search(data):
            parse_xml(data, source, name)  # raises, naming the part
    if done:
        log.info("removed from the DOCX output: %s", ", ".join(done))
    return done
