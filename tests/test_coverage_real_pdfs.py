"""Every word of real PDFs read, and no two words run together (issue 13).

The documents are public records of real negotiations in ``../shared/peers/real-bargaining``
(sources in its README: SantaJordan/sfusd-documents @ 010a74d and
cameronjamesgreene/teacher-contracts @ 69bab58); skipped when that folder or ``pdftotext``
is absent.  ``pdftotext`` (poppler) is the independent extraction: its words of three
letters or more must be in what the reader returns, and no token of ours may be two
adjacent pdftotext tokens glued together ("ofthe").  The measure is the one of
``../shared/tools/wordcheck.py``, taken in-process.
"""
from __future__ import annotations

import collections
import re
import shutil
import subprocess
from pathlib import Path
from typing import Counter, List, Set, Tuple

import pytest

from corpus import PEERS

REAL = PEERS / "real-bargaining"
PDFS = sorted(REAL.glob("*.pdf")) if REAL.exists() else []
needs_real = pytest.mark.skipif(not PDFS, reason=f"real bargaining PDFs not found at {REAL}")
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="pdftotext (poppler-utils) is not installed")

#: Words of this many letters or more are counted (as wordcheck.py does).
_WORD = re.compile(r"[A-Za-z]{3,}")
#: A line printed on this many pages (digits aside) is page furniture, not body.
FURNITURE_PAGES = 3
MIN_COVERAGE = 0.99


def _pdftotext(path: Path, *args: str) -> str:
    out = subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    return out.replace("\u200b", "")


def _body_words(path: Path) -> Counter[str]:
    pages = _pdftotext(path, "-layout").split("\f")

    def key(line: str) -> str:
        return re.sub(r"\s+", " ", re.sub(r"\d+", "#", line.strip()))

    seen: Counter[str] = collections.Counter()
    for page in pages:
        for k in {key(x) for x in page.splitlines() if x.strip()}:
            seen[k] += 1
    words: Counter[str] = collections.Counter()
    for page in pages:
        for line in page.splitlines():
            if line.strip() and seen[key(line)] < FURNITURE_PAGES:
                words.update(w.lower() for w in _WORD.findall(line))
    return words


def _read(path: Path) -> Tuple[str, str]:
    """(the body as ``redline parse --format text`` prints it, the page furniture read)."""
    from redline.api import read
    from redline.render.document import document_to_text

    doc = read(str(path))
    return document_to_text(doc), "\n".join(doc.header_lines + doc.footer_lines)


def _glued(text: str, reference: List[str]) -> List[str]:
    known: Set[str] = set(reference)
    pairs = {a + b for a, b in zip(reference, reference[1:])}
    return [w for w in re.findall(r"\S+", text)
            if w not in known and w in pairs and len(w) > 3 and "..." not in w]


@needs_real
@needs_pdftotext
@pytest.mark.parametrize("path", PDFS, ids=[p.name for p in PDFS])
def test_every_body_word_of_a_real_pdf_is_read(path: Path) -> None:
    """Coverage against pdftotext: a word is read when it is in the body or in the page
    furniture the reader returns (a title printed in the page header of a two-page MOU is
    furniture, read into the header lines, not lost)."""
    body, furniture = _read(path)
    want = _body_words(path)
    got = collections.Counter(w.lower() for w in _WORD.findall(body))
    # a header printed on every page is read once, as the header: its words are read
    read_once = {w.lower() for w in _WORD.findall(furniture)}
    lost = collections.Counter({w: n for w, n in (want - got).items() if w not in read_once})
    coverage = 1 - sum(lost.values()) / max(1, sum(want.values()))
    assert coverage >= MIN_COVERAGE, f"{coverage:.1%}; lost: {lost.most_common(12)}"


#: Tokens pdftotext splits where the page shows no gap: the reader's reading is the page's.
#: uesf-classified-cba: "Time." (a space glyph drawn under the period of a table of
#: contents entry; pdfium and the eye see "Time.").
ACCEPTED_GLUE = {"uesf-classified-cba-2017-2020.pdf": {"Time."}}


@needs_real
@needs_pdftotext
@pytest.mark.parametrize("path", PDFS, ids=[p.name for p in PDFS])
def test_no_two_words_of_a_real_pdf_run_together(path: Path) -> None:
    body, _ = _read(path)
    glued = _glued(body, _pdftotext(path).split())
    unexplained = [w for w in glued if w not in ACCEPTED_GLUE.get(path.name, set())]
    assert not unexplained
    assert len(glued) <= 2  # the accepted one, where it is printed twice


@needs_real
def test_the_counter_header_gives_its_proposal_lines_in_order() -> None:
    """The UESF counter prints the proposals exchanged so far in its page header, newest
    first, each as columns (party to party, date, time): the PDF reader hands them over as
    header paragraphs in that order, the columns kept apart by two spaces, and the blank
    date of the union's own line left blank (the proposal-line reader decides the rest)."""
    from redline.readers.pdf import read_pdf

    raw = read_pdf(str(REAL / "uesf-counter-2026-02-07.pdf"))
    lines = ["".join(r.text for r in p) for p in raw.header_paragraphs]
    assert lines[:2] == ["UESF to SFUSD  Date:", "SFUSD to UESF  Date: 2/5/2026  Time: 5:38 pm"]
    body = " ".join(getattr(b, "text", "") for b in raw.blocks)
    assert "UESF to SFUSD" not in body and "Time: 5:38" not in body


@needs_real
def test_the_counter_keeps_the_text_before_its_first_article() -> None:
    from redline.api import read

    doc = read(str(REAL / "uesf-counter-2026-02-07.pdf"))
    first = doc.articles[0]
    assert first.title == "" and first.number is None
    text = "\n".join(c.full_text for c in first.clauses)
    assert "Rationale" in text and "9.1.1 Classroom Paraeducators" in text


@needs_real
def test_a_clean_agreement_with_three_stray_struck_characters_is_clean() -> None:
    from redline.api import read

    doc = read(str(REAL / "denver-cba-2022-2025.pdf"))
    assert not any(s.strike for c in doc.clauses for s in c.spans)
    assert any("stray rule" in w for w in doc.warnings)
    assert not [w for w in doc.warnings if "struck text but no colour key" in w]
