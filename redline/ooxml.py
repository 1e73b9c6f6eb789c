"""Safe access to the parts of an OOXML package (a DOCX is a zip of XML parts).

Refuses what a hostile file could use against us: entity declarations and DTDs (billion
laughs, external entities), members that inflate past a sane size (zip bombs), member names
that climb out of the package (path traversal).
"""
from __future__ import annotations

import posixpath
import zipfile
import zlib
from typing import Dict, Optional

from lxml import etree

from .errors import InputError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
NS = {"w": W_NS, "r": R_NS}

#: Largest uncompressed part we read, and largest whole package.
MAX_PART_BYTES = 200 * 1024 * 1024
MAX_PACKAGE_BYTES = 500 * 1024 * 1024
#: A part that inflates by more than this ratio is a bomb, not a document.
MAX_COMPRESSION_RATIO = 200
#: Parts smaller than this are never refused for their ratio (a page of spaces deflates
#: well); the same floor as the check on declared sizes.
_RATIO_FLOOR = 10 * 1024 * 1024
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


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=True, remove_blank_text=False)


def parse_xml(data: bytes, path: str, part: str) -> etree._Element:
    """Parse one XML part; refuse DTDs and entity declarations outright."""
    head = data[:4096].lstrip()
    if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in data[:65536].upper():
        raise InputError(f"{part} declares a DTD or XML entities; refusing to read it "
                         "(hostile or damaged document)", path)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{part} is not well-formed XML ({exc.msg}); the file is damaged",
                         path) from None
    if root.getroottree().docinfo.internalDTD is not None:
        raise InputError(f"{part} declares a DTD; refusing to read it", path)
    return root


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
        data = self.read(name)
        if data is None:
            return None
        return parse_xml(data, self.path, name)

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
