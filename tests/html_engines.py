"""The engines that print HTML to PDF on this machine, as pytest parameters: each one that is
missing is a skip that says why (tests pass on any fresh machine)."""
from __future__ import annotations

import shutil
from typing import List

import pytest


def html_engines() -> List[object]:
    """``weasyprint`` and ``chromium``, each skipped with its reason when it cannot run."""
    from redline.render.pdf import _weasyprint

    reason = _weasyprint()[1]
    browser = any(shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome"))
    return [pytest.param("weasyprint", marks=pytest.mark.skipif(
                bool(reason), reason=reason or "WeasyPrint cannot run")),
            pytest.param("chromium", marks=pytest.mark.skipif(
                not browser, reason="Chromium is not installed"))]
