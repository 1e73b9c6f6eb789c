"""Safe access to the parts of an OOXML package (a DOCX is a zip of XML parts).

Refuses what a hostile file could use against us: entity declarations and DTDs (billion
laughs, external entities), members that inflate past a sane size (zip bombs), member names
that climb out of the package (path traversal).
"""
from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from typing import Dict, Optional, Sequence

from lxml import etree

from .errors import InputError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NS = {"w": W_NS, "r": R_NS}

#: Namespaces Word (2010 and later) understands: an ``mc:Choice`` that requires only these is
#: the branch Word shows.  An explicit list, not a prefix match: a hostile file could
#: require a made-up namespace under a Microsoft URL so that Word shows the fallback while a
#: looser reader shows the choice.
UNDERSTOOD_NAMESPACES = frozenset({
    W_NS, R_NS, MC_NS,
    "http://schemas.openxmlformats.org/drawingml/2006/main",
    "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "http://schemas.openxmlformats.org/drawingml/2006/diagram",
    "http://schemas.openxmlformats.org/drawingml/2006/lockedCanvas",
    "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "urn:schemas-microsoft-com:vml",
    "urn:schemas-microsoft-com:office:office",
    "urn:schemas-microsoft-com:office:word",
    "http://schemas.microsoft.com/office/word/2006/wordml",
    "http://schemas.microsoft.com/office/word/2010/wordml",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingInk",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",
    "http://schemas.microsoft.com/office/word/2012/wordml",
    "http://schemas.microsoft.com/office/word/2015/wordml/symex",
    "http://schemas.microsoft.com/office/word/2016/wordml/cid",
    "http://schemas.microsoft.com/office/word/2018/wordml",
    "http://schemas.microsoft.com/office/word/2018/wordml/cex",
    "http://schemas.microsoft.com/office/drawing/2010/main",
    "http://schemas.microsoft.com/office/drawing/2014/chartex",
    "http://schemas.microsoft.com/office/drawing/2016/ink",
    "http://schemas.microsoft.com/office/drawing/2017/model3d",
})
#: The prefixes Word writes for them, for a ``Requires`` whose prefix is not declared
#: (Word's own files always declare it; hand-made ones sometimes do not).
CONVENTIONAL_PREFIXES = {
    "w": W_NS, "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "wpc": "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
    "wpi": "http://schemas.microsoft.com/office/word/2010/wordprocessingInk",
    "wp14": "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "w15": "http://schemas.microsoft.com/office/word/2012/wordml",
    "a14": "http://schemas.microsoft.com/office/drawing/2010/main",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "v": "urn:schemas-microsoft-com:vml",
}

#: Largest uncompressed part we read, and largest whole package.
MAX_PART_BYTES = 200 * 1024 * 1024
MAX_PACKAGE_BYTES = 500 * 1024 * 1024
#: A part that inflates by more than this ratio is a bomb, not a document.
MAX_COMPRESSION_RATIO = 200
#: Parts smaller than this are never refused for their ratio (a page of spaces deflates
#: well); the same floor as the check on declared sizes.
_RATIO_FLOOR = 10 * 1024 * 1024
#: The deepest a paragraph or table may sit in a part, in elements (a table in a table in
#: a table is three levels each; a text box about nine).  Real documents stay far below;
#: a file nested hundreds deep is built to exhaust the recursion that follows it.
MAX_NESTING_DEPTH = 160
_READ_CHUNK = 1024 * 1024


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def unwrap(el: etree._Element) -> None:
    """Replace ``el`` by its children, in place (a ``w:ins`` or ``w:fldSimple`` dissolved)."""
    parent = el.getparent()
    if parent is None:
        return
    idx = parent.index(el)
    for child in list(el):
        parent.insert(idx, child)
        idx += 1
    parent.remove(el)


def _required_namespaces(choice: etree._Element) -> Optional[list]:
    """The namespace URIs an ``mc:Choice`` requires; None when a prefix is unknown."""
    out = []
    for prefix in (choice.get("Requires") or "").split():
        uri = choice.nsmap.get(prefix) or CONVENTIONAL_PREFIXES.get(prefix)
        if uri is None:
            return None
        out.append(uri)
    return out


def _branch_word_takes(block: etree._Element) -> Optional[etree._Element]:
    """The first ``mc:Choice`` whose required namespaces Word understands, else the
    ``mc:Fallback``, else None (Word shows nothing of the block)."""
    fallback = None
    for branch in block:
        if branch.tag == f"{{{MC_NS}}}Choice":
            required = _required_namespaces(branch)
            if required is not None and all(u in UNDERSTOOD_NAMESPACES for u in required):
                return branch
        elif branch.tag == f"{{{MC_NS}}}Fallback" and fallback is None:
            fallback = branch
    return fallback


def resolve_compatibility(root: etree._Element) -> etree._Element:
    """Markup compatibility resolved as Word resolves it, in place; returns ``root``.

    Every ``mc:AlternateContent`` is replaced by the content of the branch Word shows (see
    :func:`_branch_word_takes`), innermost blocks included, and an element named in an
    ``mc:ProcessContent`` of a namespace Word does not understand is replaced by its
    children (Word shows them as if the wrapper were not there).  Readers and renderers
    then see what Word renders: words hidden in a branch no reader looked at (or in a
    wrapper it did not know) would otherwise escape ``compare`` and ``verify``.
    """
    tag = f"{{{MC_NS}}}AlternateContent"
    while True:
        # outermost first: a block nested in a branch Word does not take goes with it
        blocks = [b for b in root.iter(tag) if b.getparent() is not None
                  and not any(a.tag == tag for a in b.iterancestors())]
        if not blocks:
            break
        for block in blocks:
            branch = _branch_word_takes(block)
            if branch is not None:
                unwrap(branch)
                unwrap(block)
            else:
                block.getparent().remove(block)
    attr = f"{{{MC_NS}}}ProcessContent"
    for holder in root.xpath("//*[@mc:ProcessContent]", namespaces={"mc": MC_NS}):
        for qname in (holder.get(attr) or "").split():
            prefix, _, local = qname.rpartition(":")
            uri = holder.nsmap.get(prefix or None)
            if not uri or uri in UNDERSTOOD_NAMESPACES:
                continue
            for el in list(holder.iter(f"{{{uri}}}{local}" if local != "*" else f"{{{uri}}}*")):
                unwrap(el)
        del holder.attrib[attr]
    return root


def may_hold_compatibility(data: bytes) -> bool:
    """Whether a part's bytes may hold markup compatibility for
    :func:`resolve_compatibility` (which walks the whole tree twice): no when they are
    UTF-8 (or ASCII) and never name ``AlternateContent`` or ``ProcessContent`` -- XML names
    cannot be escaped, so such a part holds neither.  Any other encoding: maybe."""
    return not utf8_compatible(data) or b"AlternateContent" in data or \
        b"ProcessContent" in data


_TOO_DEEP = etree.XPath(f"boolean(//w:p[ancestor::*[{MAX_NESTING_DEPTH}]] | "
                        f"//w:tbl[ancestor::*[{MAX_NESTING_DEPTH}]] | "
                        f"//w:r[ancestor::*[{MAX_NESTING_DEPTH}]])", namespaces=NS)


#: Any element with MAX_NESTING_DEPTH ancestors (one step a level: the walk ends at the
#: part's real depth, a dozen levels, where ``_TOO_DEEP`` visits every run's ancestors).
_ANY_THAT_DEEP = etree.XPath("boolean(" + "/*" * (MAX_NESTING_DEPTH + 1) + ")")


def check_no_alt_chunks(root: etree._Element, path: str, part: str) -> None:
    """Refuse imported content (``w:altChunk``: an HTML, RTF or Word file Word merges into
    the page when it opens the document).  Word shows it; redline cannot read it, and a
    comparison that does not see it would call a changed document unchanged.  Word saves
    it as ordinary paragraphs, so the remedy is one Save in Word."""
    if next(root.iter(w("altChunk")), None) is not None:
        raise InputError(f"{part} holds imported content (w:altChunk) that Word shows but "
                         "redline cannot read; open the document in Word and save it (Word "
                         "turns it into ordinary text), then try again", path)


def check_nesting(root: etree._Element, path: str, part: str) -> None:
    """Refuse a part whose paragraphs, tables or runs sit deeper than
    :data:`MAX_NESTING_DEPTH`
    (tables nested hundreds deep): one clear error, not a recursion error later."""
    if _ANY_THAT_DEEP(root) and _TOO_DEEP(root):
        raise InputError(f"{part} nests tables, text boxes or other content more than "
                         f"{MAX_NESTING_DEPTH} levels deep; refusing to read it (hostile or "
                         "damaged document)", path)


_ROW_WRAPPERS = (w("sdt"), w("customXml"))


def unwrap_row_wrappers(root: etree._Element) -> etree._Element:
    """Content controls and custom XML around table rows or cells replaced by the rows or
    cells themselves, in place; returns ``root``.

    Word shows a row in a content control like any other row; a reader or renderer that
    walks a table's ``w:tr`` and a row's ``w:tc`` children would not see it.  (Their
    properties go: the words matter more than the control around them.)
    """
    for holder in root.iter(w("tbl"), w("tr")):
        for child in list(holder):
            if child.tag in _ROW_WRAPPERS:
                _flatten(child)
    return root


def _flatten(wrapper: etree._Element) -> None:
    content = wrapper.find(w("sdtContent")) if wrapper.tag == w("sdt") else wrapper
    parent = wrapper.getparent()
    idx = parent.index(wrapper)
    kids = [c for c in (content if content is not None else ())
            if c.tag not in (w("sdtPr"), w("sdtEndPr"), w("customXmlPr"))]
    parent.remove(wrapper)
    for kid in kids:
        parent.insert(idx, kid)
        idx += 1
        if kid.tag in _ROW_WRAPPERS:
            _flatten(kid)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=True, remove_blank_text=False)


_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.I)
_DECLARED_ENCODING = re.compile(rb"\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)")
_UTF8_NAMES = {b"utf-8", b"utf8", b"us-ascii", b"ascii"}


def utf8_compatible(data: bytes) -> bool:
    """Whether the part's bytes are UTF-8 (or ASCII): then a byte search for ASCII markup
    (``<!DOCTYPE``, field names) finds what the parser would see.  UTF-16 parts, and parts
    declaring another encoding, must be parsed to be inspected."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:256]:
        return False
    m = _DECLARED_ENCODING.match(data[:256].lstrip(b"\xef\xbb\xbf"))
    return m is None or m.group(1).lower() in _UTF8_NAMES


def is_xml_part(name: str) -> bool:
    """Parts held to the XML rules (no DTD, well-formed): ``.xml``, ``.rels`` and
    ``[Content_Types].xml``."""
    return name.lower().endswith((".xml", ".rels"))


def check_no_dtd(data: bytes, path: str, part: str) -> None:
    """Refuse a part that declares a DTD or entities, in whatever encoding it is written."""
    if utf8_compatible(data):
        if _DTD.search(data):
            raise InputError(f"{part} declares a DTD or XML entities; refusing to read it "
                             "(hostile or damaged document)", path)
    else:
        parse_xml(data, path, part)


def parse_xml(data: bytes, path: str, part: str) -> etree._Element:
    """Parse one XML part; refuse DTDs and entity declarations outright (in any encoding:
    the byte check for UTF-8, the parsed document's own for the rest)."""
    if utf8_compatible(data) and _DTD.search(data):
        raise InputError(f"{part} declares a DTD or XML entities; refusing to read it "
                         "(hostile or damaged document)", path)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{part} is not well-formed XML ({exc.msg}); the file is damaged",
                         path) from None
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.doctype or docinfo.externalDTD is not None:
        raise InputError(f"{part} declares a DTD; refusing to read it (hostile or damaged "
                         "document)", path)
    return root


def serialise(root: etree._Element) -> bytes:
    """A part as UTF-8 XML with its declaration (never a DTD: none survives parsing)."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def prepare_parts(files: Dict[str, bytes], path: str, keep: Sequence[str] = ()
                  ) -> Dict[str, etree._Element]:
    """Every XML part of a package about to be built on, in place: parsed whatever its
    encoding (a DTD refused, naming the input ``path``), markup compatibility resolved as
    Word resolves it (the branch Word shows, nothing else), nesting checked, and written
    again as UTF-8 -- so everything after sees what Word shows, in one encoding.  The
    parts named in ``keep`` are returned parsed instead (the caller edits and writes them:
    the largest part is not parsed twice); their bytes in ``files`` are then stale."""
    kept: Dict[str, etree._Element] = {}
    for name in list(files):
        if not is_xml_part(name):
            continue
        root = parse_xml(files[name], path, name)
        if name.startswith("word/"):
            if may_hold_compatibility(files[name]):
                resolve_compatibility(root)
            check_nesting(root, path, name)
            check_no_alt_chunks(root, path, name)
            unwrap_row_wrappers(root)
        if name in keep:
            kept[name] = root
        else:
            files[name] = serialise(root)
    return kept


class Package:
    """The parts of a DOCX, read lazily, each checked before it is inflated."""

    def __init__(self, path: str, data: Optional[bytes] = None) -> None:
        import io

        self.path = path
        try:
            src = io.BytesIO(data) if data is not None else path
            self.zip = zipfile.ZipFile(src)  # type: ignore[arg-type]
        except FileNotFoundError:
            raise InputError("no such file", path) from None
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
            # NotImplementedError: a zip version or compression method the zip module lacks
            # (or a header byte damaged to say so); found by benchmarks/fuzz.py
            raise InputError("not a DOCX file (not a zip package, or a truncated one)",
                             path) from None
        total = 0
        self.names: Dict[str, zipfile.ZipInfo] = {}
        for info in self.zip.infolist():
            name = info.filename
            if name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/"):
                raise InputError(f"package member name {name!r} points outside the package; "
                                 "refusing to read it", path)
            if info.flag_bits & 0x1:
                raise InputError("the package is encrypted; save it without a password", path)
            if info.file_size > MAX_PART_BYTES or (
                    info.compress_size and info.file_size / max(info.compress_size, 1)
                    > MAX_COMPRESSION_RATIO and info.file_size > _RATIO_FLOOR):
                raise InputError(f"part {name} would inflate to {info.file_size} bytes; "
                                 "refusing to read it (zip bomb?)", path)
            total += info.file_size
            self.names[name] = info
        if total > MAX_PACKAGE_BYTES:
            raise InputError(f"the package would inflate to {total} bytes; refusing to read it",
                             path)
        if "word/document.xml" not in self.names:
            if "EncryptedPackage" in self.names or not self.names:
                raise InputError("not a readable DOCX (encrypted or empty package)", path)
            raise InputError("not a DOCX file (no word/document.xml in the package)", path)
        # every XML part, read or not ([Content_Types].xml, relationships, properties,
        # custom XML): no DTD, in any encoding -- refused here, naming this input, rather
        # than copied into an output or refused later as if the output were at fault
        for name in self.names:
            if name == "[Content_Types].xml" or name.endswith(".rels"):
                # the package's own map, small: well-formed too, or the input is refused
                parse_xml(self.read(name) or b"", path, name)
            elif is_xml_part(name):
                check_no_dtd(self.read(name) or b"", path, name)

    def read(self, name: str) -> Optional[bytes]:
        """The bytes of one part, counted as they inflate.

        The sizes checked when the package was opened are what the zip headers *declare*; a
        hostile file can lie there, so the inflated bytes are counted here too and reading
        stops as soon as they pass ``MAX_PART_BYTES`` or the declared size, or inflate by
        more than ``MAX_COMPRESSION_RATIO`` (whatever the zip module itself enforces).
        """
        info = self.names.get(name)
        if info is None:
            return None
        limit = MAX_PART_BYTES
        chunks = []
        total = 0
        try:
            with self.zip.open(info) as fh:
                while True:
                    chunk = fh.read(_READ_CHUNK)
                    if not chunk:
                        break
                    total += len(chunk)
                    if total > limit:
                        raise InputError(f"part {name} inflates past {limit} bytes; refusing "
                                         "to read it (zip bomb?)", self.path)
                    if total > info.file_size:
                        raise InputError(f"part {name} inflates past the size its zip header "
                                         "declares; refusing to read it (hostile or damaged "
                                         "package)", self.path)
                    if total > _RATIO_FLOOR and total > MAX_COMPRESSION_RATIO * max(
                            info.compress_size, 1):
                        raise InputError(f"part {name} inflates more than "
                                         f"{MAX_COMPRESSION_RATIO} times; refusing to read it "
                                         "(zip bomb?)", self.path)
                    chunks.append(chunk)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError,
                zlib.error) as exc:  # RuntimeError includes NotImplementedError (see above)
            raise InputError(f"part {name} cannot be read ({exc}); the file is damaged",
                             self.path) from None
        return b"".join(chunks)

    def xml(self, name: str) -> Optional[etree._Element]:
        """One part parsed, with markup compatibility resolved as Word resolves it."""
        data = self.read(name)
        if data is None:
            return None
        root = parse_xml(data, self.path, name)
        if may_hold_compatibility(data):
            resolve_compatibility(root)
        check_nesting(root, self.path, name)
        check_no_alt_chunks(root, self.path, name)
        return unwrap_row_wrappers(root)

    def rels(self, part: str) -> Dict[str, Dict[str, str]]:
        """Relationships of ``part``: id -> {type, target, mode}."""
        folder, _, base = part.rpartition("/")
        root = self.xml(f"{folder}/_rels/{base}.rels")
        return rels_of(root) if root is not None else {}

    def close(self) -> None:
        self.zip.close()


def rels_of(root: etree._Element) -> Dict[str, Dict[str, str]]:
    """A parsed ``.rels`` part as id -> {type, target, mode}."""
    return {rel.get("Id") or "": {"type": rel.get("Type", ""), "target": rel.get("Target", ""),
                                  "mode": rel.get("TargetMode", "")}
            for rel in root if rel.get("Id")}


def related_part(rels: Dict[str, Dict[str, str]], type_suffix: str,
                 folder: str = "word") -> Optional[str]:
    """The package path of the first internal part whose relationship type ends with
    ``/type_suffix`` (``footnotes``, ``endnotes``), relative targets taken from ``folder``."""
    for rel in rels.values():
        if rel["type"].endswith(f"/{type_suffix}") and rel["mode"] != "External":
            target = rel["target"]
            return target.lstrip("/") if target.startswith("/") else \
                posixpath.normpath(posixpath.join(folder, target))
    return None


#: Word's highlight colours (``w:highlight w:val``) as RGB hex.
HIGHLIGHT_COLOURS: Dict[str, str] = {
    "yellow": "FFFF00", "green": "00FF00", "cyan": "00FFFF", "magenta": "FF00FF",
    "blue": "0000FF", "red": "FF0000", "darkblue": "000080", "darkcyan": "008080",
    "darkgreen": "008000", "darkmagenta": "800080", "darkred": "800000",
    "darkyellow": "808000", "darkgray": "808080", "lightgray": "C0C0C0", "black": "000000",
}
_HEX = re.compile(r"[0-9A-Fa-f]{6}")


def highlight_colour(rpr: Optional[etree._Element]) -> Optional[str]:
    """The colour a run's ``w:highlight`` draws behind it, as RGB hex; None for none."""
    el = rpr.find(w("highlight")) if rpr is not None else None
    if el is None:
        return None
    return HIGHLIGHT_COLOURS.get((el.get(w("val")) or "").lower())


def shading_colour(pr: Optional[etree._Element]) -> Optional[str]:
    """The colour a ``w:shd`` (of a run or a paragraph) fills behind the text, as RGB hex;
    None for none, automatic or white.  A solid pattern shows its pattern colour."""
    el = pr.find(w("shd")) if pr is not None else None
    if el is None:
        return None
    val = (el.get(w("val")) or "").lower()
    pattern, fill = el.get(w("color")) or "", el.get(w("fill")) or ""
    colour = pattern if val == "solid" and _HEX.fullmatch(pattern) else fill
    if not _HEX.fullmatch(colour) or colour.upper() == "FFFFFF" or val == "nil":
        return None
    return colour.upper()


def underline_style(rpr: Optional[etree._Element]) -> Optional[str]:
    """A run's ``w:u`` value (``single``, ``double``, ``none``...); None when it sets none."""
    el = rpr.find(w("u")) if rpr is not None else None
    if el is None:
        return None
    return (el.get(w("val")) or "single").lower()
