"""redline: parse, compare and render bargaining proposals and colour-keyed redlines.

Public API (imported lazily so ``import redline`` stays fast)::

    doc = redline.read("counter.docx")
    result = redline.compare("old.docx", "new.docx")
    open("redline.docx", "wb").write(redline.render_comparison(result, "docx"))

    with redline.Workspace.open("negotiation") as ws:
        agreement = redline.assemble(ws)
        open("TA.docx", "wb").write(redline.render_agreement(agreement, "docx"))

    for change in redline.compare_terms("old.docx", "new.docx"):   # days, money, dates
        print(change.describe())
    for finding in redline.lint_file("draft.docx"):                # drafting mistakes
        print(finding.line())
"""
from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_API = {
    "read": "redline.api",
    "compare": "redline.api",
    "history": "redline.api",
    "verify": "redline.api",
    "render_comparison": "redline.render.outputs",
    "Workspace": "redline.store",
    "assemble": "redline.store.assembly",
    "AssemblyOptions": "redline.store.assembly",
    "render_agreement": "redline.store.agreement_render",
    "ReadOptions": "redline.readers",
    "KnownConventions": "redline.conventions",
    "PartyNames": "redline.conventions",
    "CompareOptions": "redline.align",
    "Document": "redline.model",
    "Article": "redline.model",
    "Clause": "redline.model",
    "Span": "redline.model",
    "Proposal": "redline.model",
    "ColourKeyEntry": "redline.model",
    "RedlineError": "redline.errors",
    "extract_terms": "redline.terms",
    "compare_terms": "redline.terms",
    "term_history": "redline.terms",
    "lint_file": "redline.lint",
    "lint_document": "redline.lint",
}

__all__ = sorted(_API) + ["__version__"]


def __getattr__(name: str) -> Any:
    if name in _API:
        import importlib

        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'redline' has no attribute {name!r}")
