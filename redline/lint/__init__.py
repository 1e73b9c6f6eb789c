"""The drafting lint: what is wrong in a draft before the other side (or an arbitrator)
finds it.

    for finding in redline.lint.lint_document(redline.read("counter.docx")):
        print(finding.line())      # counter.docx:X.2.1: RL101 'fifteen (10)': the words ...

Codes and what they find: :data:`CODES` (docs/lint.md).  The same checks run as warnings
when the workspace assembles the tentative agreement (:func:`lint_articles`).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, List, Sequence, Tuple, Union

from ..model import Article, Document
from .checks import (check_colours, check_notes, check_numbering, check_numbers,
                     check_placeholders, check_references)
from .findings import CODES, Finding, select_findings, unknown_codes
from .parties import check_party_names

__all__ = ["CODES", "Finding", "lint_document", "lint_articles", "lint_file",
           "select_findings", "unknown_codes", "CHECKS"]

#: The checks of the text, in the order findings are reported (a redline: of its latest
#: round's clean text).
TEXT_CHECKS: Tuple[Callable[[Document], List[Finding]], ...] = (
    check_numbers, check_placeholders, check_references, check_numbering, check_party_names)
#: The checks of a redline's marks and notes (every round).
MARK_CHECKS: Tuple[Callable[[Document], List[Finding]], ...] = (check_notes, check_colours)
CHECKS = TEXT_CHECKS + MARK_CHECKS


def lint_document(doc: Document, select: Sequence[str] = (), ignore: Sequence[str] = ()
                  ) -> Tuple[Finding, ...]:
    """Every drafting finding of a document (a redline: its latest text, and its marks),
    filtered by code prefixes (``select=["RL1"]``, ``ignore=["RL201"]``)."""
    findings: List[Finding] = []
    latest = doc.latest()
    for check in TEXT_CHECKS:
        findings.extend(check(latest))
    for check in MARK_CHECKS:
        findings.extend(check(doc))
    return tuple(replace(f, source=doc.source) if not f.source else f
                 for f in select_findings(findings, select, ignore))


def lint_file(path: Union[str, Document], select: Sequence[str] = (),
              ignore: Sequence[str] = (), options=None) -> Tuple[Finding, ...]:
    """Read a proposal or redline and lint it."""
    if isinstance(path, Document):
        return lint_document(path, select, ignore)
    from ..readers import read_document

    return lint_document(read_document(str(path), options), select, ignore)


#: What assembly leaves out: it fills the X placeholder in and reports the references it
#: cannot resolve itself (RL201, RL202); the agreed text is clean, with no marks or notes
#: to check (RL601, RL602).
ASSEMBLY_IGNORE = ("RL201", "RL202", "RL601", "RL602")


def lint_articles(articles: Sequence[Article], source: str = "",
                  ignore: Sequence[str] = ASSEMBLY_IGNORE) -> Tuple[Finding, ...]:
    """Lint articles put together (the tentative agreement): the checks of
    :func:`lint_document` but those in ``ignore``."""
    doc = Document(source=source, articles=tuple(articles))
    return lint_document(doc, ignore=ignore)
