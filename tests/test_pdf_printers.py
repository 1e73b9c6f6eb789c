"""The same colour-keyed redline printed by every printer here reads back the same (#13).

Each document of :mod:`printed_redlines` (a fixed list of seeds, chosen to cover the key in
the page header, the footer, the body and a borderless table; inks as font colour,
highlight and shading; insertions underlined, double underlined or in colour alone;
deletions struck once or twice; a whole paragraph struck and one inserted; documents of
one page and of two) is printed

* by LibreOffice from its DOCX, once per font set: every font the DOCX names set to one
  family (two at least of those installed, from a list of candidates);
* by Chromium and by WeasyPrint from its HTML form,

and each PDF must read back to the truth the spec gives: every round (party, date), its
clauses' text, and every marked stretch of the redline (clause, inserted or struck, round,
party, date, text).  A printer or font set that is not installed is a skip saying so.
LibreOffice prints each batch of documents in one call (it is slow to start); the batch
also holds our own history DOCX of two negotiations (the sample corpus, and the one whose
struck "X.1.2 Training will be provided." merged into the clause above under other fonts),
which must read back as the proposals they were made from.  The history's HTML, printed by
Chromium and by WeasyPrint with the key repeated at the top of every page, must too (the
sample corpus's longer negotiations as well, where ``../shared`` is beside the clone).
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

import printed_redlines as pr
from redline.api import read

#: one page and two; header, footer, body and table keys; font, highlight and shading
#: inks; underline, double and colour-only insertions; strike and double strike
SEEDS = (3, 7, 11, 12, 13, 15, 16, 24, 36, 79, 93)
FONTS = pr.present_fonts()
FONT_SETS = FONTS[:3]


def _browser() -> str:
    return next((b for b in ("chromium", "chromium-browser", "google-chrome")
                 if shutil.which(b)), "")


def _weasyprint_reason() -> str:
    from redline.render.pdf import _weasyprint

    return _weasyprint()[1]


def _printers() -> List[object]:
    out: List[object] = []
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    for k in range(max(2, len(FONT_SETS))):
        name = f"libreoffice-{FONT_SETS[k]}" if k < len(FONT_SETS) else f"libreoffice-{k + 1}"
        reason = ""
        if not soffice:
            reason = "LibreOffice (soffice) is not installed"
        elif len(FONT_SETS) < 2:
            reason = ("fewer than two font sets to print with: none or one of "
                      f"{', '.join(pr.FONT_CANDIDATES)} is installed (fc-list)")
        out.append(pytest.param(name, id=name,
                                marks=pytest.mark.skipif(bool(reason), reason=reason)))
    out.append(pytest.param("chromium", id="chromium", marks=pytest.mark.skipif(
        not _browser(), reason="Chromium is not installed")))
    reason = _weasyprint_reason()
    out.append(pytest.param("weasyprint", id="weasyprint", marks=pytest.mark.skipif(
        bool(reason), reason=reason or "WeasyPrint cannot run")))
    return out


_PRINTED: Dict[str, Dict[object, Path]] = {}
SAMPLES = sorted((Path(__file__).resolve().parent.parent / "samples" / "sick_leave")
                 .glob("v*.docx"))
HISTORIES = ("sick-leave", "training")


def _history_sources(folder: Path, name: str) -> List[str]:
    if name == "sick-leave":
        return [str(p) for p in SAMPLES]
    from test_history import write_versions

    return write_versions(folder, "training-v")


def _history_docx(folder: Path, name: str) -> bytes:
    from redline.api import history
    from redline.render.history import ColourKey, render_history_docx

    return render_history_docx(history(_history_sources(folder, name)), ColourKey())


def _specs() -> Dict[int, pr.Spec]:
    return {s: pr.make_spec(s, tuple(FONTS) or ("serif",)) for s in SEEDS}


def _print(printer: str, folder: Path) -> Dict[object, Path]:
    """Every document printed by ``printer``: seed (or history name) -> PDF."""
    if printer in _PRINTED:
        return _PRINTED[printer]
    specs = _specs()
    out = folder / printer.replace(" ", "_")
    out.mkdir(parents=True, exist_ok=True)
    pdfs: Dict[object, Path] = {}
    if printer.startswith("libreoffice-"):
        family = printer[len("libreoffice-"):]
        sources = []
        for seed, spec in specs.items():
            src = out / f"redline-{seed}.docx"
            src.write_bytes(pr.with_font(pr.docx_bytes(spec), family))
            sources.append(str(src))
        for name in HISTORIES:
            src = out / f"history-{name}.docx"
            src.write_bytes(pr.with_font(_history_docx(folder, name), family))
            sources.append(str(src))
            pdfs[name] = out / f"history-{name}.pdf"
        exe = shutil.which("soffice") or shutil.which("libreoffice")
        subprocess.run([exe, f"-env:UserInstallation=file://{folder}/lo-profile", "--headless",
                        "--convert-to", "pdf", "--outdir", str(out), *sources],
                       check=True, capture_output=True, timeout=300)
        pdfs.update({seed: out / f"redline-{seed}.pdf" for seed in specs})
    else:
        from redline.render.pdf import html_to_pdf

        for seed, spec in specs.items():
            path = out / f"redline-{seed}.pdf"
            path.write_bytes(html_to_pdf(pr.html_page(spec), printer))
            pdfs[seed] = path
    _PRINTED[printer] = pdfs
    return pdfs


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("printers")


def marks(doc) -> List[Tuple[str, str, int, str, str, str]]:
    """Every marked stretch of a redline, adjacent spans of one kind and round joined:
    (clause number, kind, round, party, date, text with its spaces squashed)."""
    out: List[list] = []
    for clause in doc.clauses:
        current = None
        for s in clause.spans:
            if not s.text.strip():
                continue
            if s.kind == "base":
                current = None
                continue
            key = (clause.number, s.kind, s.round, s.party, (s.date or "")[:10])
            if current is not None and current[0] == key:
                current[1].append(s.text)
            else:
                current = [key, [s.text]]
                out.append(current)
    return [(*key, " ".join(" ".join(texts).split())) for key, texts in out]


def rounds(doc) -> List[Tuple[str, str, List[str]]]:
    return [(r.proposal.party, (r.proposal.date or "")[:10],
             [c.full_text for a in r.articles for c in a.clauses]) for r in doc.rounds]


@pytest.mark.parametrize("seed", SEEDS)
def test_the_generated_docx_reads_as_its_spec(tmp_path: Path, seed: int) -> None:
    """The truth the printed PDFs are held to is the DOCX's own reading."""
    spec = _specs()[seed]
    path = tmp_path / "redline.docx"
    path.write_bytes(pr.docx_bytes(spec))
    doc = read(str(path))
    assert rounds(doc) == pr.expected_rounds(spec)
    assert marks(doc) == pr.expected_marks(spec)


@pytest.mark.parametrize("printer", _printers())
@pytest.mark.parametrize("seed", SEEDS)
def test_a_printed_redline_reads_back_to_its_rounds_and_marks(folder: Path, printer: str,
                                                              seed: int) -> None:
    spec = _specs()[seed]
    pdf = _print(printer, folder)[seed]
    doc = read(str(pdf))
    assert rounds(doc) == pr.expected_rounds(spec), (printer, spec, doc.warnings)
    assert marks(doc) == pr.expected_marks(spec), (printer, spec, doc.warnings)
    assert not [w for w in doc.warnings if "not in the colour key" in w or
                "not a colour of the key" in w], doc.warnings


@pytest.mark.parametrize("printer", [p for p in _printers()
                                     if p.values[0].startswith("libreoffice")])
@pytest.mark.parametrize("name", HISTORIES)
def test_our_history_pdf_reads_back_under_every_font_set(folder: Path, printer: str,
                                                         name: str) -> None:
    """Issue 13's first bug: our history DOCX printed by LibreOffice with other fonts read
    a struck paragraph into the clause above, and verify reported changes never made."""
    from corpus import doc_clauses

    doc = read(str(_print(printer, folder)[name]))
    sources = _history_sources(folder, name)
    assert len(doc.rounds) == len(sources)
    for rnd, src in zip(doc.rounds, sources):
        want = read(src)
        assert (rnd.proposal.party, rnd.proposal.date) == \
            (want.proposal.party, want.proposal.date)
        assert doc_clauses(rnd.articles) == doc_clauses(want.articles), (printer, src)


def _corpus_negotiation(name: str) -> List[str]:
    from corpus import CORPUS

    return sorted(str(p) for p in (CORPUS / name).glob("v*.docx"))


#: negotiations of the sample corpus long enough (3-6 pages) for the key to repeat at the
#: top of every page; skipped where ../shared is absent
CORPUS_HISTORIES = ("grievance_procedure", "evaluation_probationary_period_personnel_files")


@pytest.mark.parametrize("printer", [p for p in _printers()
                                     if not p.values[0].startswith("libreoffice")])
@pytest.mark.parametrize("name", HISTORIES + CORPUS_HISTORIES)
def test_our_history_pdf_printed_by_a_browser_reads_back(folder: Path, printer: str,
                                                         name: str) -> None:
    """The history printed from its HTML, as ``redline history --engine chromium`` or
    ``weasyprint`` does (the key repeated on every page: a table head for Chromium, a
    running header for WeasyPrint), reads back to the proposals it was made from.
    WeasyPrint drew the bullets in the page's near-black: a clause a later round inserted
    left a lone bullet behind in the earlier rounds."""
    from corpus import doc_clauses
    from redline.api import history
    from redline.render.history import ColourKey, render_history_html
    from redline.render.pdf import html_to_pdf

    if name in CORPUS_HISTORIES:
        sources = _corpus_negotiation(name)
        if not sources:
            pytest.skip(f"the sample corpus ({name}) is not beside the clone")
    else:
        sources = _history_sources(folder, name)
    html = render_history_html(history(sources), ColourKey(),
                               running=printer == "weasyprint")
    pdf = folder / f"history-{name}-{printer}.pdf"
    pdf.write_bytes(html_to_pdf(html, printer))
    doc = read(str(pdf))
    assert len(doc.rounds) == len(sources), doc.warnings
    for rnd, src in zip(doc.rounds, sources):
        want = read(src)
        assert (rnd.proposal.party, rnd.proposal.date) == \
            (want.proposal.party, want.proposal.date)
        assert doc_clauses(rnd.articles) == doc_clauses(want.articles), (printer, src)


def test_every_font_set_prints_the_fonts_it_names(folder: Path) -> None:
    """The font sets are really different fonts in the PDFs LibreOffice printed (a font
    LibreOffice replaced by another would test nothing)."""
    if not (shutil.which("soffice") or shutil.which("libreoffice")) or len(FONT_SETS) < 2:
        pytest.skip("LibreOffice or two of the candidate font families are not installed")
    import pypdfium2 as pdfium
    import pypdfium2.raw as R
    import ctypes

    seen = []
    for family in FONT_SETS[:2]:
        path = _print(f"libreoffice-{family}", folder)[SEEDS[0]]
        pdf = pdfium.PdfDocument(str(path))
        names = set()
        buf = ctypes.create_string_buffer(256)
        page = pdf[0]
        for obj in page.get_objects(filter=(R.FPDF_PAGEOBJ_TEXT,)):
            font = R.FPDFTextObj_GetFont(obj.raw)
            if font and R.FPDFFont_GetBaseFontName(font, buf, 256):
                names.add(buf.value.decode("latin-1").split("+")[-1])
        page.close()
        pdf.close()
        assert any(family.replace(" ", "") in n.replace(" ", "") for n in names), \
            (family, names)
        seen.append(frozenset(names))
    assert seen[0] != seen[1]
