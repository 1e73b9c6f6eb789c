"""Benchmark: reading time against the number of clauses (issue 18: it was quadratic).

    python benchmarks/paragraphs.py            # 5,000 / 20,000 / 100,000 paragraphs
    python benchmarks/paragraphs.py --quick    # 5,000 and 20,000 only

Each row is one whole ``python -m redline parse`` process on a generated DOCX of N numbered
clauses and lettered items under one article (the shape that made
``segment._ArticleBuilder._parent_for`` scan back through every earlier clause): wall time
and peak memory.  Before the fix: 5,000 paragraphs 1.8 s, 20,000 27 s, 100,000 not done
after 600 s.  Results go to benchmarks/out/paragraphs.json.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Dict, List, Optional, Sequence

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests"))

from docx_builder import build_docx, p  # noqa: E402
from run import PY, run  # noqa: E402  (the whole-process timer every benchmark shares)

COUNTS = (5_000, 20_000, 100_000)
#: What reading may cost per paragraph at most for the row to count as linear (seconds);
#: ~20x what it measures, room for a slow machine, far below the quadratic 27 s / 20,000.
TARGET_S_PER_PARAGRAPH = 0.001


def long_article(count: int, path: Path) -> None:
    """One article of ``count`` paragraphs: numbered clauses with lettered items under
    them."""
    body = [p("ARTICLE 1 - HOURS OF WORK")]
    for i in range(count):
        if i % 4:
            body.append(p(f"({chr(97 + i % 26)}) An item of clause {i // 4 + 1}, as agreed."))
        else:
            body.append(p(f"{i // 4 + 1}.1 Employees work the hours this clause sets out."))
    build_docx(body="".join(body), path=path)


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="5,000 and 20,000 paragraphs only")
    args = ap.parse_args(argv)
    counts = COUNTS[:2] if args.quick else COUNTS
    rows: List[Dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="redline-bench-") as tmp:
        for count in counts:
            path = Path(tmp) / f"p{count}.docx"
            long_article(count, path)
            res = run([PY, "-m", "redline", "parse", str(path), "-o", str(Path(tmp) / "o.json")],
                      repeat=1, timeout=900)
            per = res["seconds"] / count if "seconds" in res else None
            rows.append({"case": "parse DOCX", "paragraphs": count, **res,
                         "target_s_per_paragraph": TARGET_S_PER_PARAGRAPH,
                         "met": per is not None and per <= TARGET_S_PER_PARAGRAPH})
            print(f"parse {count:>7,} paragraphs  {res}", flush=True)
    OUT.mkdir(exist_ok=True)
    (OUT / "paragraphs.json").write_text(json.dumps({"rows": rows}, indent=2) + "\n")
    return 0 if all(r["met"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
