"""The package type-checks: ``python -m mypy`` with pyproject.toml's ``[tool.mypy]``
(the style guide: "Type hints everywhere; mypy on the package")."""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None,
                    reason="mypy is not installed (pip install -e '.[test]')")
def test_mypy_reports_no_errors(tmp_path):
    # the cache in a temporary folder: a cold run of the whole package takes seconds
    done = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, (f"mypy exited {done.returncode}:\n{done.stdout}"
                                  f"{done.stderr}")
