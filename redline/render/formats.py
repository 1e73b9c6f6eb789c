"""The output formats: one registry for their names, the file extensions that mean them, and
which formats each kind of output (a comparison, a history, an agreement, a parsed
document) can be written in.

The renderers dispatch through :func:`check_format` (an unknown format is refused, never
written as something else) and the command line takes its ``--format`` choices and its
extension mapping from here.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Dict, Optional, Tuple

from ..errors import OutputError


@dataclass(frozen=True)
class Format:
    """One output format: its name, the extensions that mean it (the first is the one to
    write), and whether it is bytes (DOCX, PDF) or text."""

    name: str
    extensions: Tuple[str, ...]
    binary: bool
    what: str


FORMATS: Dict[str, Format] = {f.name: f for f in (
    Format("docx", (".docx",), True, "Word document"),
    Format("pdf", (".pdf",), True, "PDF"),
    Format("html", (".html", ".htm"), False, "web page"),
    Format("json", (".json",), False, "JSON"),
    Format("text", (".txt", ".text"), False, "text summary"),
    Format("markdown", (".md", ".markdown"), False, "markdown"),
)}

#: What each kind of output can be written in, in the order help texts list them.
COMPARISON_FORMATS = ("docx", "html", "json", "text", "pdf")
HISTORY_FORMATS = ("docx", "html", "pdf", "json", "text")
AGREEMENT_FORMATS = ("docx", "html", "pdf")
DOCUMENT_FORMATS = ("json", "text", "markdown")

#: Extensions that mean another format where markdown is not one of the choices: a summary
#: asked for as ``changes.md`` is the text summary (markdown-friendly as it is).
_FALLBACK = {"markdown": "text"}


def format_of_extension(path: str) -> Optional[str]:
    """The format a file name's extension means (None when no format has it)."""
    ext = os.path.splitext(path)[1].lower()
    return next((f.name for f in FORMATS.values() if ext in f.extensions), None)


def check_format(fmt: str, allowed: Tuple[str, ...], what: str = "this output") -> str:
    """``fmt`` when it is one of ``allowed``; otherwise an :class:`OutputError` naming the
    formats there are."""
    if fmt not in allowed:
        raise OutputError(f"{what} cannot be written as {fmt!r}; formats: "
                          + ", ".join(allowed))
    return fmt


def output_format(output: Optional[str], fmt: Optional[str],
                  allowed: Tuple[str, ...] = COMPARISON_FORMATS,
                  default: str = "text") -> str:
    """The format to write ``output`` in: ``fmt`` when given, ``default`` for standard
    output (``-`` or none), else the one its extension means; refused (an
    :class:`OutputError`) when that is not one of ``allowed``."""
    if fmt:
        return check_format(fmt, allowed)
    if output is None or output == "-":
        return default
    found = format_of_extension(output)
    if found not in allowed and found in _FALLBACK:
        found = _FALLBACK[found]
    if found is None or found not in allowed:
        raise OutputError("cannot tell the format from the extension (" + ", ".join(
            ext for name in allowed for ext in FORMATS[name].extensions) + "); give --format",
            output)
    return found
