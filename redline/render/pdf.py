"""PDF output: one engine that ``pip install`` brings, others when a user asks for them.

* ``weasyprint`` (the default; a dependency of redline): prints the HTML rendering, the
  same on every machine; it fetches nothing (only ``data:`` URLs).  It needs the Pango
  library, which Linux desktops and the usual containers have.
* ``libreoffice``: prints the DOCX rendering (``soffice --convert-to pdf``): the source's
  page headers, footers and numbering as Word would show them.
* ``chromium``: prints the HTML rendering with headless Chromium.

``--pdf-engine`` on the commands (or ``REDLINE_PDF_ENGINE``) chooses one.  Every engine's
history PDF of the sample corpus reads back into the very rounds it shows, clause for
clause (tests/test_history.py).  Where WeasyPrint cannot run and no engine was asked for,
LibreOffice or Chromium prints it with a warning; an engine asked for is never replaced.
The engines work in a private folder named after our process (:mod:`redline.tempfiles`): a
run that is killed leaves it behind only until the next command.
"""
from __future__ import annotations

import logging
import os
import shutil
import subprocess
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator, Optional, Tuple

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


#: The engines, in the order ``--pdf-engine`` lists them; the first is the default.
ENGINES = ("weasyprint", "libreoffice", "chromium")
_BROWSERS = ("chromium", "chromium-browser", "google-chrome")


#: The engine a command was asked for (``--pdf-engine``), for the renderers it calls.
_ASKED: ContextVar[Optional[str]] = ContextVar("redline_pdf_engine", default=None)


@contextmanager
def use_engine(engine: Optional[str]) -> Iterator[None]:
    """Print every PDF made inside the block with ``engine`` (None: the default)."""
    token = _ASKED.set(engine)
    try:
        yield
    finally:
        _ASKED.reset(token)


def choose_engine(engine: Optional[str] = None) -> Tuple[str, bool]:
    """(engine, asked): the engine named, or the one :func:`use_engine` set, or
    ``REDLINE_PDF_ENGINE``, or the default (WeasyPrint); and whether the user asked for it
    (an engine asked for is never replaced by another)."""
    name = engine or _ASKED.get() or os.environ.get("REDLINE_PDF_ENGINE") or ""
    if not name:
        return ENGINES[0], False
    name = name.strip().lower()
    if name not in ENGINES:
        raise OutputError(f"unknown PDF engine {name!r}: choose one of {', '.join(ENGINES)}")
    return name, True


def _weasyprint():
    """The WeasyPrint module, or the reason it cannot run here."""
    try:
        import weasyprint  # type: ignore[import-not-found]
    except ImportError:
        return None, "WeasyPrint is not installed (pip install weasyprint)"
    except OSError as exc:  # the Pango library is missing
        return None, f"WeasyPrint cannot load its libraries ({str(exc).splitlines()[0][:120]})"
    return weasyprint, ""


def _weasy_pdf(weasyprint, html: str) -> bytes:
    import logging

    if hasattr(weasyprint, "URLFetcher"):
        fetcher = weasyprint.URLFetcher(allowed_protocols=("data",))
    else:  # WeasyPrint before 66: a function
        def fetcher(url, *args, **kwargs):
            if not url.startswith("data:"):
                raise ValueError("redline's PDF fetches nothing")
            return weasyprint.default_url_fetcher(url, *args, **kwargs)
    quiet = [logging.getLogger(n) for n in ("weasyprint", "fontTools")]
    levels = [log.level for log in quiet]
    for log in quiet:  # its notes on CSS it ignores are not the user's business
        log.setLevel(logging.ERROR)
    try:
        return weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf()
    except Exception as exc:  # noqa: BLE001 - any engine failure is one line for the user
        raise OutputError(f"WeasyPrint failed ({exc.__class__.__name__}: "
                          f"{str(exc)[:120]})") from None
    finally:
        for log, level in zip(quiet, levels):
            log.setLevel(level)


def _fallback(reason: str) -> str:
    """Where WeasyPrint cannot run and no engine was asked for: LibreOffice or Chromium,
    said in a warning; an error naming what to install when neither is there."""
    if shutil.which("soffice"):
        other = "libreoffice"
    elif any(shutil.which(b) for b in _BROWSERS):
        other = "chromium"
    else:
        raise OutputError(f"PDF output: {reason}, and neither LibreOffice nor Chromium is "
                          "installed")
    logging.getLogger("redline").warning("%s: the PDF is printed with %s instead "
                                         "(--pdf-engine chooses)", reason, other)
    return other


def resolve_engine(engine: Optional[str] = None) -> str:
    """The engine that will print (:func:`choose_engine`): WeasyPrint when chosen and able
    to run; when it cannot, an error if it was asked for, else another engine that is
    installed (:func:`_fallback`, with a warning)."""
    name, asked = choose_engine(engine)
    if name == "weasyprint":
        weasyprint, reason = _weasyprint()
        if weasyprint is None:
            if asked:
                raise OutputError(f"PDF output: {reason}")
            name = _fallback(reason)
    return name


@_engine_files
def html_to_pdf(html: str, engine: Optional[str] = None) -> bytes:
    """Print an HTML rendering with ``engine`` (see :func:`resolve_engine`)."""
    name = resolve_engine(engine)
    if name == "weasyprint":
        return _weasy_pdf(_weasyprint()[0], html)
    browser = next((b for b in _BROWSERS if shutil.which(b)), None) \
        if name == "chromium" else None
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
        elif name == "libreoffice" and shutil.which("soffice"):
            cmd = ["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/profile",
                   "--convert-to", "pdf", "--outdir", tmp, src]
        else:
            raise OutputError(f"PDF output with {name}: it is not installed")
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


def document_pdf(docx_data, html, props=None, engine: Optional[str] = None) -> bytes:
    """A PDF of a rendering: its HTML form printed by WeasyPrint (or Chromium), or its DOCX
    form printed by LibreOffice (the same runs and page headers as the DOCX) when that
    engine is chosen (:func:`resolve_engine`).  ``docx_data``: bytes, or a function making
    them; ``html``: a str, or a function of the engine's name making it.  ``props``
    (:class:`~redline.render.properties.DocumentProperties`) go into its Info dictionary
    whichever engine printed it."""
    name = resolve_engine(engine)
    if name == "libreoffice":
        data = docx_to_pdf(docx_data() if callable(docx_data) else docx_data)
    else:
        data = html_to_pdf(html(name) if callable(html) else html, name)
    if props is None:
        return data
    from .properties import stamp_pdf

    return stamp_pdf(data, props)
