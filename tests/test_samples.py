"""The sample negotiation in ``samples/``: each proposal reads as written, and
``samples/make_samples.py`` still writes what is committed."""
from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from typing import List, Tuple

import pytest

from redline.api import read

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
FILES = sorted(SAMPLES.glob("*/v*.docx"))
_NAME = re.compile(r"^v(?P<v>\d+)_(?P<date>\d{4}-\d{2}-\d{2})_(?P<party>district|union)_"
                   r"(?P<kind>initial|counter)\.docx$")


def _maker():
    spec = importlib.util.spec_from_file_location("make_samples", SAMPLES / "make_samples.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_samples"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _clauses(path: Path) -> List[Tuple[str, str, str, Tuple[str, ...]]]:
    doc = read(str(path))
    return [(c.number, c.heading, c.text, tuple(n.text for n in c.notes)) for c in doc.clauses]


def test_samples_are_there() -> None:
    assert len(FILES) >= 3
    assert all(_NAME.match(f.name) for f in FILES), [f.name for f in FILES]


@pytest.mark.parametrize("path", FILES, ids=lambda f: f"{f.parent.name}/{f.name}")
def test_sample_reads_as_named(path: Path) -> None:
    m = _NAME.match(path.name)
    assert m
    doc = read(str(path))
    assert doc.proposal.party == m.group("party").capitalize()
    assert (doc.proposal.date or "")[:10] == m.group("date")
    assert not doc.warnings and not doc.rounds
    (article,) = doc.articles
    assert (article.number, article.title) == ("12", "SICK LEAVE")
    for clause in doc.clauses:
        assert not any(n.text in clause.text for n in clause.notes)
        assert "reserves the right" not in clause.text and "Page" not in clause.text


def test_the_negotiation_moves() -> None:
    """What the samples are for: a renumbering, an inserted and a struck clause, a changed
    number phrase and position notes."""
    versions = [_clauses(f) for f in FILES if f.parent.name == "sick_leave"]
    numbers = [[c[0] for c in v if c[0].startswith("X")] for v in versions]
    assert numbers[0] == ["X.1", "X.1.1", "X.1.2", "X.2", "X.3", "X.4"]
    assert numbers[1] == ["X.1", "X.1.1", "X.1.2", "X.2", "X.3", "X.4", "X.5"]
    assert numbers[2] == numbers[3] == ["X.1", "X.1.1", "X.1.2", "X.2", "X.3", "X.4"]
    headings = [[c[1] for c in v if c[1]] for v in versions]
    assert "Family Care" not in headings[0] and "Family Care" in headings[1]
    assert "Sick Leave Donation" in headings[1] and "Sick Leave Donation" not in headings[2]
    verification = [next(c[2] for c in v if c[1] == "Verification") for v in versions]
    assert ["five (5)" in verification[0], "fifteen (15)" in verification[1],
            "ten (10)" in verification[2]] == [True, True, True]
    items = [c[0] for c in versions[1] if c[0].startswith("(")]
    assert items == ["(a)", "(b)", "(c)", "(d)"]
    assert all(any(c[3] for c in v) for v in versions[1:])


def test_make_samples_writes_what_is_committed(tmp_path: Path) -> None:
    written = _maker().main([str(tmp_path)])
    committed = {f.name: f for f in FILES if f.parent.name == "sick_leave"}
    assert sorted(p.name for p in written) == sorted(committed)
    for path in written:
        assert _clauses(path) == _clauses(committed[path.name]), path.name
