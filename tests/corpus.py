"""Access to ``../shared/corpus`` and ``../shared/peers``, and the comparisons with truth.json.

Tests that need them skip with a reason when the folder is absent (a user's clone).
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Iterator, List, Tuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("REDLINE_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
PEERS = SHARED / "peers"

needs_corpus = pytest.mark.skipif(not (CORPUS / "manifest.json").exists(),
                                  reason=f"sample corpus not found at {CORPUS}")
needs_peers = pytest.mark.skipif(not PEERS.exists(), reason=f"peer suite not found at {PEERS}")


def ws(text: str) -> str:
    return " ".join((text or "").split())


def truths() -> Iterator[Tuple[Path, dict]]:
    if not CORPUS.exists():
        return
    for truth in sorted(CORPUS.glob("*/truth.json")):
        yield truth.parent, json.loads(truth.read_text())


def article_dirs() -> List[str]:
    return [d.name for d, _ in truths()]


def truth_clauses(version: dict) -> List[Tuple[str, str, str]]:
    return [(c["number_normalized"], ws(c["heading"]), ws(c["text"])) for c in
            version["clauses"]]


def doc_clauses(articles) -> List[Tuple[str, str, str]]:
    return [(re.sub(r"\s+", "", c.number), ws(c.heading), ws(c.text))
            for a in articles for c in a.clauses]


def match_rate(expected, got) -> Tuple[int, int, List[str]]:
    """Clauses matched in order (by a diff of the two lists) and the mismatches."""
    import difflib

    sm = difflib.SequenceMatcher(None, expected, got, autojunk=False)
    ok = sum(b.size for b in sm.get_matching_blocks())
    bad = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag != "equal":
            bad.append(f"{tag}: expected {expected[i1:i2]} got {got[j1:j2]}")
    return ok, len(expected), bad


def document_paragraphs(doc) -> List[str]:
    """A parsed document as the paragraphs a reader sees: titles, clauses, notes."""
    out: List[str] = []
    for a in doc.articles:
        if a.title:
            out.append(f"ARTICLE {a.number} - {a.title}" if a.number else a.title)
        for c in a.clauses:
            out.append(c.full_text)
            out.extend(n.text for n in c.notes)
    return out
