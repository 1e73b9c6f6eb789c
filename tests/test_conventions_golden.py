"""Every named convention fixture (tests/conventions_fixtures.py) read back exactly as its
golden file says: proposal, rounds with their inks and clauses, the reading report and the
warnings.  ``REDLINE_UPDATE_GOLDEN=1`` rewrites the golden files after a deliberate change."""
from __future__ import annotations

from pathlib import Path

import pytest

from conventions_fixtures import FIXTURES, GOLDEN, check_golden, reading, write_fixture
from redline.api import read


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_convention_fixture_matches_its_golden_reading(tmp_path: Path, name: str) -> None:
    doc = read(str(write_fixture(name, tmp_path)))
    check_golden(name, reading(doc))


def test_every_golden_file_has_its_fixture() -> None:
    assert sorted(f.stem for f in GOLDEN.glob("*.json")) == sorted(FIXTURES)
