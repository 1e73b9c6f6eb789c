"""Readers: DOCX, PDF and plain text/markdown into the document model."""
from __future__ import annotations

import os
from typing import Optional

from ..errors import InputError
from ..inputs import STDIN, check_input, open_input, read_input, read_stdin
from ..model import Document
from .build import ReadOptions, build_document

__all__ = ["read_document", "ReadOptions", "detect_format"]

_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"


def detect_format(path: str, head: bytes) -> str:
    """``docx``, ``pdf``, ``text`` or ``markdown``, from the bytes first and the name second."""
    ext = os.path.splitext(path)[1].lower()
    if head.startswith(_PDF_MAGIC) or (ext == ".pdf" and _PDF_MAGIC in head[:1024]):
        return "pdf"
    if head.startswith(_ZIP_MAGIC) or ext in (".docx", ".docm", ".dotx"):
        if ext in (".md", ".markdown", ".txt"):
            raise InputError("looks like a zip package, not text", path)
        return "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError("a legacy .doc or an encrypted Office file; save it as .docx "
                         "(without a password) first", path)
    if ext == ".pdf":
        raise InputError("not a PDF file (no %PDF header); the file is damaged", path)
    if ext in (".md", ".markdown"):
        return "markdown"
    if ext in (".txt", ".text", ""):
        return "text"
    raise InputError(f"unsupported file type {ext!r}: give a .docx, .pdf, .txt or .md file",
                     path)


def read_document(path: str, options: Optional[ReadOptions] = None) -> Document:
    """Read a proposal or a redline (DOCX, PDF, text or markdown) into a :class:`Document`.

    ``path`` must be a regular file (or ``-``: standard input) of at most
    :data:`~redline.inputs.MAX_INPUT_BYTES`; anything else is refused before it is read.
    """
    options = options or ReadOptions()
    if path == STDIN:
        return _read_stdin(options)
    size = check_input(path)
    if not size:
        raise InputError("the file is empty", path)
    with open_input(path) as fh:
        try:
            head = fh.read(4096)
        except OSError as exc:
            raise InputError(f"cannot be read ({exc.strerror})", path) from None
    if not head:
        raise InputError("the file is empty", path)
    fmt = detect_format(path, head)
    package = None
    if fmt == "docx":
        from .docx import read_docx

        # the package's bytes are read once (size checked above) and kept in the model, so
        # that what is rendered on it is what was read
        package = read_input(path)
        raw = read_docx(path, package)
    elif fmt == "pdf":
        from .pdf import read_pdf

        raw = read_pdf(path, password=options.password, parties=options.parties)
    else:
        from .text import read_text

        raw = read_text(path, markdown=(fmt == "markdown"))
    doc = build_document(raw, path, fmt, options)
    if package is not None:
        from dataclasses import replace

        doc = replace(doc, package=package)
    return doc


def _read_stdin(options: ReadOptions) -> Document:
    """A document piped in: its bytes (capped) in a private temporary file while it is read;
    errors name standard input, not the temporary file."""
    from dataclasses import replace

    from ..tempfiles import temp_dir

    data = read_stdin()
    if not data:
        raise InputError("the file is empty", "standard input")
    ext = ".pdf" if data.startswith(_PDF_MAGIC) else ".docx" if data.startswith(
        _ZIP_MAGIC) else ".txt"
    try:
        with temp_dir("stdin") as folder:
            tmp = os.path.join(folder, "stdin" + ext)
            with open(tmp, "wb") as fh:
                fh.write(data)
            try:
                doc = read_document(tmp, options)
            except InputError as exc:
                msg = str(exc)
                msg = msg[len(tmp) + 2:] if msg.startswith(tmp + ": ") else msg
                raise exc.__class__(msg, "standard input") from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", "standard input") from None
    return replace(doc, source=STDIN)
