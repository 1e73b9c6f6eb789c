"""The PDF reader: the corpus PDFs against truth.json, both routes alike, and generated
fixtures for each mark, furniture and error case."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zlib
from dataclasses import asdict
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import CORPUS, doc_clauses, match_rate, needs_corpus, truth_clauses, truths  # noqa: E402

from redline.errors import EncryptedError, InputError, NoTextError  # noqa: E402
from redline.readers import ReadOptions, read_document  # noqa: E402
from redline.readers.blocks import RawParagraph, RawTable  # noqa: E402
from redline.readers.pdf import ROUTES, read_pdf  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "pdf"


def corpus_pdfs() -> List[Tuple[Path, str, dict]]:
    return [(d / pdf, src, t) for d, t in truths() for pdf, src in t["pdfs"].items()]


def _ids(items) -> List[str]:
    return [f"{p.parent.name}/{p.name}" for p, _, _ in items]


# --- the corpus ----------------------------------------------------------------------------

def _corpus_score(route: str) -> Tuple[int, int, List[str]]:
    from redline.readers.build import build_document

    ok = total = 0
    problems: List[str] = []
    for path, src, t in corpus_pdfs():
        doc = build_document(read_pdf(str(path), route=route), str(path), "pdf")
        if src == "redline.docx":
            versions = t["versions"]
            if len(doc.rounds) != len(versions):
                problems.append(f"{path}: {len(doc.rounds)} rounds, expected {len(versions)}")
                total += sum(len(v["clauses"]) for v in versions)
                continue
            pairs = [(v, r.articles) for v, r in zip(versions, doc.rounds)]
        else:
            v = next(v for v in t["versions"] if v["file"] == src)
            pairs = [(v, doc.articles)]
            if (doc.proposal.party, doc.proposal.date) != (v["party"], v["date"]):
                problems.append(f"{path}: proposal {doc.proposal}")
        for v, articles in pairs:
            o, n, bad = match_rate(truth_clauses(v), doc_clauses(articles))
            ok += o
            total += n
            problems.extend(f"{path} v{v['version']}: {b[:200]}" for b in bad)
    return ok, total, problems


@needs_corpus
@pytest.mark.corpus
@pytest.mark.parametrize("route", ROUTES)
def test_corpus_clauses_match_truth(route: str) -> None:
    ok, total, problems = _corpus_score(route)
    rate = ok / total
    print(f"\n{route}: {ok}/{total} clauses exact ({rate:.2%})")
    assert total > 0
    assert rate >= 0.99, "\n".join(problems[:20])


@needs_corpus
@pytest.mark.corpus
@pytest.mark.parametrize("path,src,truth", corpus_pdfs(), ids=_ids(corpus_pdfs()))
def test_corpus_pdf_reads_through_api(path: Path, src: str, truth: dict) -> None:
    from redline.api import read

    doc = read(str(path))
    assert doc.format == "pdf"
    if src == "redline.docx":
        assert len(doc.rounds) == len(truth["versions"])
        for rnd, v in zip(doc.rounds, truth["versions"]):
            assert (rnd.proposal.party, rnd.proposal.date) == (v["party"], v["date"])
    assert not [w for w in doc.warnings if "not in the colour key" in w]


@needs_corpus
@pytest.mark.corpus
@pytest.mark.parametrize("path,src,truth", corpus_pdfs(), ids=_ids(corpus_pdfs()))
def test_routes_agree_on_corpus(path: Path, src: str, truth: dict) -> None:
    docs = [asdict(read_pdf(str(path), route=r)) for r in ROUTES]
    assert docs[0] == docs[1]


@needs_corpus
@pytest.mark.corpus
def test_corpus_furniture_leaves_the_body() -> None:
    path = CORPUS / "transfer" / "redline.pdf"
    raw = read_pdf(str(path))
    body = " ".join(b.text for b in raw.blocks if isinstance(b, RawParagraph))
    assert "Page 1 of" not in body and "Counterproposal 05.23.2024" not in body
    key = [r for p in raw.header_paragraphs for r in p if r.color]
    assert {r.color for r in key} == {"0000FF", "00B050", "FFA500", "FF0000", "7030A0"}
    assert raw.footer_lines == ["Page 1 of 2"]
