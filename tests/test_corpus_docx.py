"""The DOCX reader against the corpus truth (``../shared/corpus``): every clean proposal, every
round of every colour-keyed redline and every tracked-changes file.

One test per file, so a failure names the file and the clauses that differ; a last test adds
the clauses up and prints the match rate.  Everything skips when the corpus is absent.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

from corpus import CORPUS, doc_clauses, match_rate, needs_corpus, truth_clauses, truths

pytestmark = [pytest.mark.corpus, needs_corpus]

_TRACKED = re.compile(r"^tracked_v(?P<a>\d+)_to_v(?P<b>\d+)\.docx$")


def _cases() -> Dict[str, List[Tuple[str, str]]]:
    """``clean``/``redline``/``tracked`` -> (article folder, file name) pairs."""
    out: Dict[str, List[Tuple[str, str]]] = {"clean": [], "redline": [], "tracked": []}
    for folder, truth in truths():
        for version in truth["versions"]:
            out["clean"].append((folder.name, version["file"]))
        if (folder / "redline.docx").exists():
            out["redline"].append((folder.name, "redline.docx"))
        for path in sorted(folder.glob("tracked_v*_to_v*.docx")):
            out["tracked"].append((folder.name, path.name))
    return out


CASES = _cases()


def _params(kind: str) -> list:
    if CASES[kind]:
        return [pytest.param(a, f, id=f"{a}/{f}") for a, f in CASES[kind]]
    return [pytest.param("", "", id="no-corpus",
                         marks=pytest.mark.skip(reason=f"no corpus at {CORPUS}"))]


@functools.lru_cache(maxsize=1)
def _truths_by_folder() -> Dict[str, dict]:
    return {folder.name: truth for folder, truth in truths()}


def _truth(article: str) -> dict:
    return _truths_by_folder()[article]


@functools.lru_cache(maxsize=None)
def _read(article: str, name: str):
    from redline.api import read

    return read(str(CORPUS / article / name))


def _version(truth: dict, number: int) -> dict:
    return next(v for v in truth["versions"] if v["version"] == number)


def _expected_rounds(article: str, name: str) -> List[dict]:
    truth = _truth(article)
    if name == "redline.docx":
        return list(truth["versions"])
    m = _TRACKED.match(name)
    assert m, name
    return [_version(truth, int(m.group("a"))), _version(truth, int(m.group("b")))]


def _diff_report(bad: List[str]) -> str:
    return "\n".join(b[:400] for b in bad[:8])


@pytest.mark.parametrize("article,name", _params("clean"))
def test_clean_proposal_matches_truth(article: str, name: str) -> None:
    truth = _truth(article)
    version = next(v for v in truth["versions"] if v["file"] == name)
    doc = _read(article, name)
    assert (doc.proposal.party, doc.proposal.date) == (version["party"], version["date"])
    assert doc.articles and doc.articles[0].title == version["title"]
    expected, got = truth_clauses(version), doc_clauses(doc.articles)
    _, _, bad = match_rate(expected, got)
    assert got == expected, _diff_report(bad)


@pytest.mark.parametrize("article,name", _params("redline") + _params("tracked"))
def test_every_round_matches_truth(article: str, name: str) -> None:
    doc = _read(article, name)
    versions = _expected_rounds(article, name)
    got_props = [(r.proposal.party, r.proposal.date) for r in doc.rounds]
    want_props = [(v["party"], v["date"]) for v in versions]
    if name != "redline.docx":
        # a tracked file names only its own proposal; the base round is whatever preceded it
        got_props, want_props = got_props[1:], want_props[1:]
        assert len(doc.rounds) == len(versions)
    assert got_props == want_props
    for rnd, version in zip(doc.rounds, versions):
        expected, got = truth_clauses(version), doc_clauses(rnd.articles)
        _, _, bad = match_rate(expected, got)
        assert got == expected, f"round {version['version']}:\n{_diff_report(bad)}"
    assert not doc.warnings


def test_match_rate_is_complete() -> None:
    """Clauses matched over the whole corpus; printed (``pytest -s``) and required at 100%."""
    if not any(CASES.values()):
        pytest.skip(f"no corpus at {CORPUS}")
    ok = total = 0
    for article, name in CASES["clean"]:
        version = next(v for v in _truth(article)["versions"] if v["file"] == name)
        o, n, _ = match_rate(truth_clauses(version), doc_clauses(_read(article, name).articles))
        ok, total = ok + o, total + n
    for article, name in CASES["redline"] + CASES["tracked"]:
        doc = _read(article, name)
        for rnd, version in zip(doc.rounds, _expected_rounds(article, name)):
            o, n, _ = match_rate(truth_clauses(version), doc_clauses(rnd.articles))
            ok, total = ok + o, total + n
    files = sum(len(v) for v in CASES.values())
    print(f"\ncorpus match rate: {ok}/{total} clauses = {100.0 * ok / max(total, 1):.1f}% "
          f"over {files} files")
    assert total and ok == total


def test_corpus_paths_are_what_we_walk() -> None:
    assert all(Path(CORPUS, a, f).exists() for kind in CASES.values() for a, f in kind)
