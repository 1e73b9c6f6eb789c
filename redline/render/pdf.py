"""PDF output: the HTML rendering printed by a maintained engine.

The engines work in a private folder named after our process (:mod:`redline.tempfiles`):
a run that is killed leaves it behind only until the next command.

WeasyPrint when it is installed (``pip install weasyprint``), otherwise headless Chromium
(``chromium --headless --print-to-pdf``), otherwise LibreOffice.  A clear error says what to
install when none is there.
"""
from __future__ import annotations

import os
import shutil
import subprocess

from ..errors import OutputError
from ..tempfiles import temp_dir


def _engine_files(func):
    """The engines' files (the copy of the document, the PDF) live in the temporary folder:
    a full disk or a folder that cannot be written there is one OutputError."""
    import functools

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except OSError as exc:
            raise OutputError(f"the PDF cannot be made: the temporary folder cannot be "
                              f"written ({exc.strerror or exc.__class__.__name__})") from None
    return wrapper


@_engine_files
def html_to_pdf(html: str) -> bytes:
    try:
        import weasyprint  # type: ignore[import-not-found]
    except ImportError:
        weasyprint = None
    if weasyprint is not None:
        return weasyprint.HTML(string=html).write_pdf()
    browser = next((b for b in ("chromium", "chromium-browser", "google-chrome")
                    if shutil.which(b)), None)
    with temp_dir("pdf") as tmp:
        src = os.path.join(tmp, "page.html")
        out = os.path.join(tmp, "page.pdf")
        with open(src, "w", encoding="utf-8") as fh:
            fh.write(html)
        if browser:
            cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu",
                   "--disable-background-networking", "--disable-component-update",
                   "--no-first-run", "--disable-sync", f"--user-data-dir={tmp}/profile",
                   "--no-pdf-header-footer", f"--print-to-pdf={out}", "file://" + src]
        elif shutil.which("soffice"):
            cmd = ["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, src]
        else:
            raise OutputError("PDF output needs WeasyPrint (pip install weasyprint), "
                              "Chromium or LibreOffice; none is installed")
        try:
            subprocess.run(cmd, check=True, capture_output=True, timeout=180)
        except (subprocess.SubprocessError, OSError) as exc:
            raise OutputError(f"the PDF engine failed ({exc.__class__.__name__})") from None
        if not os.path.exists(out):
            raise OutputError("the PDF engine produced no file")
        with open(out, "rb") as fh:
            return fh.read()


@_engine_files
def docx_to_pdf(data: bytes) -> bytes:
    """Print a DOCX with LibreOffice: the PDF shows exactly the document's runs and page
    header (colour key on every page)."""
    if not shutil.which("soffice"):
        raise OutputError("PDF output from DOCX needs LibreOffice (soffice)")
    with temp_dir("pdf") as tmp:
        src = os.path.join(tmp, "document.docx")
        with open(src, "wb") as fh:
            fh.write(data)
        cmd = ["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/profile",
               "--convert-to", "pdf", "--outdir", tmp, src]
        try:
            subprocess.run(cmd, check=True, capture_output=True, timeout=300)
        except (subprocess.SubprocessError, OSError) as exc:
            raise OutputError(f"LibreOffice failed ({exc.__class__.__name__})") from None
        out = os.path.join(tmp, "document.pdf")
        if not os.path.exists(out):
            raise OutputError("LibreOffice produced no PDF")
        with open(out, "rb") as fh:
            return fh.read()


def document_pdf(docx_data, html: str, props=None) -> bytes:
    """A PDF of a rendering: LibreOffice from its DOCX form when installed (the same runs
    and page headers as the DOCX), else the HTML form through WeasyPrint or Chromium.
    ``props`` (:class:`~redline.render.properties.DocumentProperties`) go into its Info
    dictionary whichever engine printed it."""
    if shutil.which("soffice"):
        data = docx_to_pdf(docx_data() if callable(docx_data) else docx_data)
    else:
        data = html_to_pdf(html)
    if props is None:
        return data
    from .properties import stamp_pdf

    return stamp_pdf(data, props)
