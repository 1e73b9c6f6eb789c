"""Benchmarks: redline on long agreements, beside what a user would use instead.

    python benchmarks/run.py            # full run (about 5 minutes), table + benchmarks/out/results.json
    python benchmarks/run.py --quick    # one run per case, 10 and 100 pages only

Every timing is a whole process (``python -m redline ...``): the median wall time of several
runs and the peak resident memory the OS reports for the child (``wait4``).  Inputs are
generated deterministically (benchmarks/agreements.py): agreements of about 10, 100 and 300
pages and a next version with ~5% of sentences edited, a section inserted that renumbers the
sections after it, clauses deleted and inserted, and one clause moved.

The peers run in the same process table when installed (``pip install -e ".[bench]"``):
Python-Redlines with its Docxodus engine on the same DOCX pairs, and houfu ``redlines`` on
the extracted text (skipped with a note where it would take over a minute).
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Dict, List, Optional, Sequence

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from agreements import make_agreement, next_version, write_docx  # noqa: E402

PY = sys.executable
SIZES = (10, 100, 300)


# A small launcher measures the child: forking from this (larger) process would make the
# child's peak RSS start from ours, so the launcher, which is tiny, does the fork.
_LAUNCH = """
import os, subprocess, sys, time
t = time.perf_counter()
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(p.pid, 0)
print(time.perf_counter() - t, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def run(cmd: Sequence[str], repeat: int, ok_codes=(0, 1), timeout: float = 600,
        env: Optional[dict] = None) -> Dict[str, float]:
    """Median wall time and peak RSS (MB) of a whole process, over ``repeat`` runs."""
    times: List[float] = []
    peak = 0.0
    for _ in range(repeat):
        res = subprocess.run([PY, "-c", _LAUNCH, *cmd], capture_output=True, text=True,
                             timeout=timeout, env=env)
        try:
            elapsed, rss_kb, code = res.stdout.split()
        except ValueError:
            raise RuntimeError(f"{' '.join(cmd)}: {res.stderr[-500:]}") from None
        if int(code) not in ok_codes:
            raise RuntimeError(f"{' '.join(cmd)} exited {code}: {res.stderr[-500:]}")
        times.append(float(elapsed))
        peak = max(peak, int(rss_kb) / 1024.0)
    return {"seconds": statistics.median(times), "peak_mb": peak, "runs": repeat}


def generate(pages: int) -> Dict[str, Path]:
    OUT.mkdir(exist_ok=True)
    v1, v2 = OUT / f"agreement-{pages}p-v1.docx", OUT / f"agreement-{pages}p-v2.docx"
    done_file = OUT / f"agreement-{pages}p-edits.json"
    if not (v1.exists() and v2.exists() and done_file.exists()):
        a = make_agreement(pages)
        b, done = next_version(a)
        write_docx(a, str(v1), "District Initial Proposal 02/07/24")
        write_docx(b, str(v2), "NUHW to SUSD Counter Proposal 03/07/24")
        done_file.write_text(json.dumps(done))
    return {"v1": v1, "v2": v2, "edits": done_file}


def rounds(pages: int, n: int = 6) -> List[Path]:
    """``n`` successive versions of an agreement (each the next version of the last)."""
    paths = []
    arts = make_agreement(pages, seed=99)
    parties = ["District", "Union"]
    for k in range(n):
        path = OUT / f"rounds-{pages}p-v{k + 1}.docx"
        if not path.exists():
            label = "Initial Proposal" if k == 0 else "Counter Proposal"
            write_docx(arts, str(path), f"{parties[k % 2]} {label} {k + 2:02d}/07/24")
        paths.append(path)
        arts, _ = next_version(arts, seed=100 + k, edit_share=0.03)
    return paths


def workspace(folder: Path, articles: int) -> Path:
    """A workspace holding ``articles`` articles, each in two rounds and TA'd (set up once,
    outside the timing)."""
    arts = make_agreement(articles * 2, seed=31)[:articles]
    nxt, _ = next_version(arts, seed=32)
    files = []
    src = OUT / "workspace-src"
    src.mkdir(parents=True, exist_ok=True)
    for a, b in zip(arts, nxt):
        for k, (art, header) in enumerate(((a, "District Initial Proposal 02/07/24"),
                                           (b, "NUHW to SUSD Counter Proposal 03/07/24"))):
            path = src / f"article-{a.number:02d}-v{k + 1}.docx"
            if not path.exists():
                write_docx([art], str(path), header)
            files.append(str(path))
    subprocess.run([PY, "-m", "redline", "init", str(folder), "--employer",
                    "Stockton Unified School District", "--union", "NUHW"], check=True,
                   capture_output=True)
    subprocess.run([PY, "-m", "redline", "add", "--workspace", str(folder), *files],
                   check=True, capture_output=True)
    for a in arts:
        subprocess.run([PY, "-m", "redline", "ta", f"ARTICLE {a.number} - {a.title}",
                        "--date", "2024-04-01", "--workspace", str(folder)],
                       capture_output=True)
    return folder


def redline_pdf(pages: int, files: Dict[str, Path]) -> Optional[Path]:
    """The colour-keyed redline of a pair, printed to PDF by LibreOffice (made once)."""
    pdf = OUT / f"redline-{pages}p.pdf"
    if pdf.exists():
        return pdf
    if not shutil.which("soffice"):
        return None
    docx = OUT / f"redline-{pages}p.docx"
    subprocess.run([PY, "-m", "redline", "history", str(files["v1"]), str(files["v2"]), "-o",
                    str(docx)], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/p",
                        "--convert-to", "pdf", "--outdir", str(OUT), str(docx)], check=True,
                       capture_output=True, timeout=900)
    return pdf if pdf.exists() else None


def pdf_pages(path: Path) -> int:
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


def docxodus_available() -> bool:
    try:
        import python_redlines  # noqa: F401
        import python_redlines_docxodus  # noqa: F401
    except ImportError:
        return False
    return True


def houfu_available() -> bool:
    try:
        import redlines  # noqa: F401
    except ImportError:
        return False
    return True


PEER_DOCXODUS = """
import sys
from python_redlines.engines import DocxodusEngine
engine = DocxodusEngine()
out = engine.run_redline("Union", open(sys.argv[1], "rb").read(), open(sys.argv[2], "rb").read())
open(sys.argv[3], "wb").write(out[0] if isinstance(out, tuple) else out)
"""

PEER_HOUFU = """
import sys
sys.path.insert(0, sys.argv[4])
from redline.api import read
from redlines import Redlines
a = "\\n\\n".join(c.full_text for c in read(sys.argv[1]).clauses)
b = "\\n\\n".join(c.full_text for c in read(sys.argv[2]).clauses)
open(sys.argv[3], "w").write(Redlines(a, b, markdown_style="none").output_markdown)
"""


def quality(pages: int, files: Dict[str, Path]) -> Dict[str, object]:
    """Round trips and the marks a reader expects, on the tracked output of one pair."""
    sys.path.insert(0, str(ROOT / "tests"))
    from ooxml_views import body_text

    from redline.api import compare
    from redline.render.docx_tracked import render_tracked

    r = compare(str(files["v1"]), str(files["v2"]))
    data = render_tracked(r)
    edits = json.loads(files["edits"].read_text())
    stats = r.stats()
    return {
        "accept_all_is_new": body_text(data, "accept") == body_text(str(files["v2"]), "accept"),
        "reject_all_is_old": body_text(data, "reject") == body_text(str(files["v1"]), "accept"),
        "renumbered_shown": stats["renumbered"],
        "renumbered_made": edits["renumbered"],
        "moves_shown": stats["moved"],
        "moves_made": edits["moved"],
    }


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="one run per case; 10 and 100 pages")
    ap.add_argument("--repeat", type=int, default=5, help="runs per case (median)")
    args = ap.parse_args(argv)
    repeat = 1 if args.quick else args.repeat
    sizes = (10, 100) if args.quick else SIZES
    rows: List[Dict[str, object]] = []
    targets: Dict[str, object] = {}
    tmp = Path(tempfile.mkdtemp(prefix="redline-bench-"))

    def add(case: str, pages: Optional[int], res: Dict[str, float], target: str = "",
            met: Optional[bool] = None, note: str = "") -> None:
        rows.append({"case": case, "pages": pages, **res, "target": target, "met": met,
                     "note": note})
        mark = "" if met is None else ("ok" if met else "MISSED")
        print(f"{case:<46} {pages or '':>5} {res.get('seconds', float('nan')):>8.3f} s "
              f"{res.get('peak_mb', float('nan')):>7.1f} MB  {target:<22} {mark} {note}",
              flush=True)

    # A regular ``pip install`` byte-compiles the package; an editable install (or a
    # PYTHONDONTWRITEBYTECODE environment) would make every timed process compile ~50
    # modules from source first (~40 ms here).  Measure the installed state.
    import compileall
    import redline
    compileall.compile_dir(str(Path(redline.__file__).parent), quiet=1)

    print(f"{'case':<46} {'pages':>5} {'median':>10} {'peak':>10}  {'target':<22}")
    res = run([PY, "-c", "import redline"], repeat)
    add("import redline", None, res, "<= 0.15 s", res["seconds"] <= 0.15)
    res = run([PY, "-m", "redline", "--help"], repeat)
    add("redline --help", None, res, "<= 0.15 s", res["seconds"] <= 0.15)

    compare_times: Dict[int, float] = {}
    for pages in sizes:
        files = generate(pages)
        v1, v2 = str(files["v1"]), str(files["v2"])
        add("floor: lxml opens both DOCX", pages, run([PY, "-c", (
            "import sys,zipfile;from lxml import etree\n"
            "for p in sys.argv[1:]: etree.fromstring(zipfile.ZipFile(p).read("
            "'word/document.xml'))"), v1, v2], repeat))
        add("parse DOCX", pages, run([PY, "-m", "redline", "parse", v1, "-o",
                                      str(tmp / "p.json")], repeat))
        for fmt, extra in (("docx", []), ("colour docx", ["--style", "colour"]),
                           ("html", []), ("json", [])):
            ext = "docx" if "docx" in fmt else fmt
            res = run([PY, "-m", "redline", "compare", v1, v2, *extra, "-o",
                       str(tmp / f"c.{ext}")], repeat)
            target, met = "", None
            if fmt == "docx":
                compare_times[pages] = res["seconds"]
                if pages == 100:
                    target, met = "<= 0.6 s, <= 150 MB", res["seconds"] <= 0.6 and \
                        res["peak_mb"] <= 150
                elif pages == 300:
                    target, met = "<= 1.5 s, <= 150 MB", res["seconds"] <= 1.5 and \
                        res["peak_mb"] <= 150
            add(f"compare -> {fmt}", pages, res, target, met)
        if docxodus_available():
            res = run([PY, "-c", PEER_DOCXODUS, v1, v2, str(tmp / "peer.docx")],
                      max(1, repeat // 2))
            ours = compare_times[pages]
            add("peer: Python-Redlines (Docxodus) -> docx", pages, res,
                ">= 3x slower than ours" if pages == 100 else "",
                res["seconds"] >= 3 * ours if pages == 100 else None,
                f"ours is {res['seconds'] / ours:.1f}x faster")
        else:
            add("peer: Python-Redlines (Docxodus)", pages, {}, note="not installed "
                "(pip install -e '.[bench]')")
        if houfu_available():
            if pages <= 100:
                res = run([PY, "-c", PEER_HOUFU, v1, v2, str(tmp / "h.md"), str(ROOT)], 1,
                          timeout=120)
                add("peer: houfu redlines (text)", pages, res)
            else:
                add("peer: houfu redlines (text)", pages, {}, note="skipped: over a minute")
        pdf = redline_pdf(pages, files)
        if pdf is not None:
            n = pdf_pages(pdf)
            res = run([PY, "-m", "redline", "parse", str(pdf), "-o", str(tmp / "r.json")],
                      repeat)
            rate = n / res["seconds"]
            add(f"parse redline PDF ({n} pages)", pages, res,
                ">= 25 pages/s" if pages == 100 else "", rate >= 25 if pages == 100 else None,
                f"{rate:.0f} pages/s")
        q = quality(pages, files)
        targets[f"quality_{pages}"] = q
        print(f"  quality {pages}p: {q}", flush=True)
    if 100 in compare_times and 300 in compare_times:
        ratio = compare_times[300] / compare_times[100]
        targets["linear_300_over_100"] = ratio
        print(f"{'compare 300p / 100p':<46} {'':>5} {ratio:>8.2f} x{'':>12}  "
              f"{'<= 3.5x':<22} {'ok' if ratio <= 3.5 else 'MISSED'}")

    art = rounds(3)
    add("history: 6 rounds of one article", 3,
        run([PY, "-m", "redline", "history", *map(str, art), "-o", str(tmp / "h.docx")],
            repeat))
    if not args.quick:
        whole = rounds(100)
        add("history: 6 rounds of a 100-page agreement", 100,
            run([PY, "-m", "redline", "history", *map(str, whole), "-o",
                 str(tmp / "hw.docx")], max(1, repeat // 2)))
    ws = workspace(tmp / "ws", 30)
    add("assemble a 30-article workspace", None,
        run([PY, "-m", "redline", "assemble", "--workspace", str(ws), "-o",
             str(tmp / "TA.docx")], repeat))

    oregon = ROOT.parent / "shared" / "peers" / "oregon-cba-pairs"
    if (oregon / "pairs.json").exists():
        for pair in json.loads((oregon / "pairs.json").read_text())["pairs"]:
            res = run([PY, "-m", "redline", "compare", str(oregon / pair["old"]["path"]),
                       str(oregon / pair["new"]["path"]), "-o", str(tmp / "o.docx")], repeat)
            add(f"Oregon {pair['unit'][:30]}", None, res,
                note=pair["new"].get("conversion", "")[:40])

    OUT.mkdir(exist_ok=True)
    (OUT / "results.json").write_text(json.dumps({"rows": rows, "checks": targets},
                                                 indent=2))
    print(f"\nwritten {OUT / 'results.json'}")
    shutil.rmtree(tmp, ignore_errors=True)
    missed = [r["case"] for r in rows if r["met"] is False]
    if missed:
        print("targets missed: " + ", ".join(f"{m}" for m in missed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
