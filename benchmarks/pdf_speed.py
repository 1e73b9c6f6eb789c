"""How fast the PDF reader is, per route, on a ~100-page colour-keyed redline.

    python benchmarks/pdf_speed.py                 # builds the test PDF from the corpus
    python benchmarks/pdf_speed.py some.pdf ...    # or measure given PDFs
    python benchmarks/pdf_speed.py --pages 200 --repeat 3
    python benchmarks/pdf_speed.py --libreoffice   # a long redline DOCX through soffice
    python benchmarks/pdf_speed.py --agreement 400 --route pdfium
                                                   # real agreements, 400 pages

Without arguments it concatenates the pages of the corpus redline PDFs (../shared/corpus)
until it has ``--pages`` pages.  ``--agreement N`` concatenates the real agreements of
``../shared/peers/real-bargaining`` to N pages instead (a long agreement: front matter,
tables, numbered articles).  Prints pages, seconds and pages/s for each route (best of
``--repeat`` runs), reading only (``read_pdf``), and for the default route the whole
``redline.api.read`` (reading, clauses and rounds) as ``api.read``.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import List

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from run import pdf_pages  # noqa: E402  (the page count every benchmark shares)

SHARED = Path(os.environ.get("REDLINE_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
REAL = SHARED / "peers" / "real-bargaining"


def build_long_pdf(out: str, pages: int, sources: List[Path] = ()) -> int:  # type: ignore
    """Concatenate corpus redline pages (or ``sources``) into ``out``; returns the page
    count."""
    import pypdfium2 as pdfium

    sources = list(sources) or sorted(CORPUS.glob("*/redline.pdf"))
    if not sources:
        raise SystemExit(f"no corpus at {CORPUS}: give PDF files to measure")
    dest = pdfium.PdfDocument.new()
    opened = [pdfium.PdfDocument(str(s)) for s in sources]
    while len(dest) < pages:
        for src in opened:
            if len(dest) >= pages:
                break
            n = min(len(src), pages - len(dest))
            dest.import_pages(src, list(range(n)), index=len(dest))
    dest.save(out)
    count = len(dest)
    dest.close()
    for src in opened:
        src.close()
    return count


def build_libreoffice_pdf(outdir: str, clauses: int) -> str:
    """A long colour-keyed redline DOCX (python-docx) converted by LibreOffice."""
    import shutil
    import subprocess

    import docx
    from docx.shared import RGBColor

    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise SystemExit("LibreOffice (soffice) is not installed")
    d = docx.Document()
    header = d.sections[0].header
    header.paragraphs[0].text = "District Counter Proposal 05/09/2024"
    key = header.add_paragraph()
    for i, (text, rgb) in enumerate((("Blue - Union Counter 03/07/2024", "0000FF"),
                                     ("Red - District Counter 05/09/2024", "FF0000"))):
        if i:
            key.add_run("  ")
        key.add_run(text).font.color.rgb = RGBColor.from_string(rgb)
    d.add_paragraph().add_run("TRANSFER").bold = True
    for n in range(1, clauses + 1):
        p = d.add_paragraph(f"X.{n} Notice of vacancy {n} shall be given to every member "
                            "within ")
        for text, colour, strike in (("ten (10) ", "FF0000", True),
                                     ("fifteen (15) ", "FF0000", False),
                                     ("twenty (20) ", "0000FF", False)):
            run = p.add_run(text)
            run.font.color.rgb = RGBColor.from_string(colour)
            run.font.strike = strike
            run.font.underline = not strike
        p.add_run("working days; the announcement will include all relevant information "
                  "regarding the vacancy" + ", its location" * (n % 7) +
                  f" and application deadline {n}.")
        d.add_paragraph(f"District proposes language 05/09/2024 ({n})").runs[0].italic = True
    src = os.path.join(outdir, "long_redline.docx")
    d.save(src)
    subprocess.run([exe, f"-env:UserInstallation=file://{outdir}/lo-profile", "--headless",
                    "--convert-to", "pdf", "--outdir", outdir, src], check=True,
                   capture_output=True, timeout=600)
    return os.path.join(outdir, "long_redline.pdf")


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main(argv: List[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdfs", nargs="*")
    ap.add_argument("--pages", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--libreoffice", action="store_true",
                    help="also measure a long redline made by LibreOffice from a DOCX")
    ap.add_argument("--agreement", type=int, default=0, metavar="PAGES",
                    help="measure the real agreements concatenated to this many pages")
    ap.add_argument("--route", choices=("pdfium", "pdfplumber"), action="append",
                    help="measure only this route (repeatable; default: every route)")
    args = ap.parse_args(argv)

    from redline.api import read
    from redline.readers.pdf import DEFAULT_ROUTE, ROUTES, read_pdf

    routes = args.route or list(ROUTES)
    tmp = None
    pdfs = list(args.pdfs)
    if not pdfs:
        tmp = tempfile.NamedTemporaryFile(suffix=".pdf", delete=False)
        tmp.close()
        if args.agreement:
            agreements = [p for p in sorted(REAL.glob("*.pdf")) if pdf_pages(p) > 50]
            if not agreements:
                raise SystemExit(f"no real agreements at {REAL}")
            build_long_pdf(tmp.name, args.agreement, agreements)
        else:
            build_long_pdf(tmp.name, args.pages)
        pdfs = [tmp.name]
    lo_dir = None
    if args.libreoffice:
        lo_dir = tempfile.mkdtemp()
        pdfs.append(build_libreoffice_pdf(lo_dir, clauses=args.pages * 5))
    try:
        print(f"{'file':<28} {'route':<12} {'pages':>6} {'seconds':>9} {'pages/s':>9}")
        for path in pdfs:
            n = pdf_pages(path)
            built = path == (tmp.name if tmp else None)
            name = (("real agreements x" if args.agreement else "corpus redlines x") + str(n)
                    if built else os.path.basename(path))
            for route in routes:
                secs = best_of(args.repeat, lambda: read_pdf(path, route=route))
                print(f"{name[:28]:<28} {route:<12} {n:>6} {secs:>9.2f} {n / secs:>9.1f}")
            if DEFAULT_ROUTE in routes:
                secs = best_of(args.repeat, lambda: read(path))
                print(f"{name[:28]:<28} {'api.read':<12} {n:>6} {secs:>9.2f} {n / secs:>9.1f}")
    finally:
        if tmp is not None:
            os.unlink(tmp.name)
        if lo_dir is not None:
            import shutil

            shutil.rmtree(lo_dir, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
