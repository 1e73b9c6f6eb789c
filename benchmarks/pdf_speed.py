"""How fast the PDF reader is, per route, on a ~100-page colour-keyed redline.

    python benchmarks/pdf_speed.py                 # builds the test PDF from the corpus
    python benchmarks/pdf_speed.py some.pdf ...    # or measure given PDFs
    python benchmarks/pdf_speed.py --pages 200 --repeat 3

Without arguments it concatenates the pages of the corpus redline PDFs (../shared/corpus)
until it has ``--pages`` pages.  Prints pages, seconds and pages/s for each route (best of
``--repeat`` runs), reading only (``read_pdf``), and the full ``redline.api.read``.
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
CORPUS = Path(os.environ.get("REDLINE_SHARED", ROOT.parent / "shared")) / "corpus"


def build_long_pdf(out: str, pages: int) -> int:
    """Concatenate corpus redline pages into ``out``; returns the page count."""
    import pypdfium2 as pdfium

    sources = sorted(CORPUS.glob("*/redline.pdf"))
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


def page_count(path: str) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(path)
    try:
        return len(doc)
    finally:
        doc.close()


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
    args = ap.parse_args(argv)

    from redline.readers.pdf import ROUTES, read_pdf

    tmp = None
    pdfs = list(args.pdfs)
    if not pdfs:
        tmp = tempfile.NamedTemporaryFile(suffix=".pdf", delete=False)
        tmp.close()
        build_long_pdf(tmp.name, args.pages)
        pdfs = [tmp.name]
    try:
        print(f"{'file':<28} {'route':<12} {'pages':>6} {'seconds':>9} {'pages/s':>9}")
        for path in pdfs:
            n = page_count(path)
            name = "corpus redlines x" + str(n) if path == (tmp.name if tmp else None) \
                else os.path.basename(path)
            for route in ROUTES:
                secs = best_of(args.repeat, lambda: read_pdf(path, route=route))
                print(f"{name[:28]:<28} {route:<12} {n:>6} {secs:>9.2f} {n / secs:>9.1f}")
    finally:
        if tmp is not None:
            os.unlink(tmp.name)


if __name__ == "__main__":
    main(sys.argv[1:])
