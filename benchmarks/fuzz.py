"""A long fuzz run of the readers (and the compare round trip), with hypothesis.

The strategies are those of ``tests/test_fuzz.py`` (which runs a few dozen examples in CI);
here they run in batches until the time is up, with fresh random data in every batch::

    python benchmarks/fuzz.py --target docx --minutes 10
    python benchmarks/fuzz.py --target pdf --minutes 10
    python benchmarks/fuzz.py --target all --minutes 30      # the three targets in turn

Targets:

* ``docx``: damaged DOCX packages (document, styles, numbering... XML mutated before zipping,
  members dropped, zip bytes flipped) must read, or fail with a ``RedlineError``;
* ``pdf``: generated PDFs (text in colours, strikes and underlines as lines, rectangles and
  curves, ruled boxes) with bytes flipped, cut or inserted must read, or fail with a
  ``RedlineError``;
* ``roundtrip``: two generated DOCX versions (runs, tracked changes by several authors,
  tables, numbering, hyperlinks, fields) compared and rendered as tracked changes: accept-all
  gives the new text, reject-all the old one.

Prints one line per batch and a summary; exits 1 with the shrunk failing example when one
is found.  The last result is recorded in docs/fuzzing.md.
"""
from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Callable, Dict

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402

import test_fuzz as strategies  # noqa: E402

BATCH = 200


def _target(name: str) -> Callable[[int, Dict[str, int]], None]:
    """A function running ``n`` examples of one target, counting them in ``stats``."""

    def check(value, stats: Dict[str, int]) -> None:
        with tempfile.TemporaryDirectory(prefix="redline-fuzz-") as tmp:
            folder = Path(tmp)
            if name == "roundtrip":
                strategies.check_round_trip(*value, folder)
            elif strategies.check_reads_or_refuses(value, folder / f"input.{name}"):
                stats["read"] += 1
            else:
                stats["refused"] += 1

    source = {"docx": strategies.damaged_docx(), "pdf": strategies.damaged_pdfs(),
              "roundtrip": strategies.version_pairs()}[name]

    def run(n: int, stats: Dict[str, int]) -> None:
        @settings(max_examples=n, deadline=None, database=None,
                  phases=[Phase.generate, Phase.shrink],
                  suppress_health_check=list(HealthCheck))
        @given(source)
        def one(value) -> None:
            stats["examples"] += 1
            check(value, stats)

        one()

    return run


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", choices=["docx", "pdf", "roundtrip", "all"],
                        default="all")
    parser.add_argument("--minutes", type=float, default=10.0,
                        help="time per target (default 10)")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)  # readers warn about odd colours on every example
    targets = ["docx", "pdf", "roundtrip"] if args.target == "all" else [args.target]
    for name in targets:
        stats = {"examples": 0, "read": 0, "refused": 0}
        run = _target(name)
        start = time.monotonic()
        deadline = start + args.minutes * 60
        batches = 0
        while time.monotonic() < deadline:
            try:
                run(BATCH, stats)
            except Exception as exc:  # hypothesis re-raises the shrunk failure
                # the traceback, and hypothesis's notes with the falsifying example
                traceback.print_exception(exc)
                print(f"{name}: FAILED after {stats['examples']} examples: "
                      f"{type(exc).__name__}: {exc}", flush=True)
                return 1
            batches += 1
            elapsed = time.monotonic() - start
            print(f"{name}: batch {batches}, {stats['examples']} examples, "
                  f"{elapsed / 60:.1f} min", flush=True)
        elapsed = time.monotonic() - start
        detail = "" if name == "roundtrip" else \
            f" ({stats['read']} read, {stats['refused']} refused with a one-line error)"
        print(f"{name}: OK, {stats['examples']} examples in {elapsed / 60:.1f} min "
              f"({stats['examples'] / elapsed:.0f}/s){detail}, no failure", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
