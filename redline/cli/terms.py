"""``redline terms``: what changed in the terms (days, money, percentages, dates)."""
from __future__ import annotations

import os

import click

from . import cli
from .common import Failure, fail_on_library_error, parties_option, read_options, write_output
from .workspace import workspace_option

TERM_FORMATS = ("text", "json", "markdown", "html")
_EXTENSIONS = {"txt": "text", "text": "text", "json": "json", "md": "markdown",
               "markdown": "markdown", "html": "html", "htm": "html"}


def _format(output: str, fmt):
    if fmt:
        return fmt
    if output in (None, "-"):
        return "text"
    ext = os.path.splitext(output)[1].lower().lstrip(".")
    if ext not in _EXTENSIONS:
        raise Failure(f"{output}: cannot tell the format from the extension; give --format")
    return _EXTENSIONS[ext]


def article_rounds(article: str, workspace):
    """Every round of a workspace article, oldest first, each with its stored party and
    date."""
    from ..store import Workspace

    ws = Workspace.open(workspace)
    try:
        return [ws.article_document(v) for v in ws.chain(article)]
    finally:
        ws.close()


@cli.command("terms")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("-o", "--output", default="-", show_default=True,
              help="Where to write (.txt, .json, .md, .html); - for stdout.")
@click.option("-f", "--format", "fmt", type=click.Choice(TERM_FORMATS), default=None,
              help="Output format (default: from the extension; text on stdout).")
@click.option("--password", default=None, help="Password of encrypted PDF inputs.")
@workspace_option
@parties_option
@fail_on_library_error
def terms_cmd(files, output, fmt, password, workspace, aliases) -> None:
    """List the terms that changed: days, money, percentages, dates, table cells.

    With one file, every term it holds (a tentative agreement's final terms table).
    With two files, each changed term of the new version with its clause, old -> new, its
    unit and the party and date that proposed it.  With three or more files (put in date
    order when every header has a date), one colour-keyed redline, or an article name in
    a workspace (its rounds), each term followed through every round: "X.4
    Verification: 5 -> 15 -> 10 consecutive work days; District 02/07, Union 03/07,
    District 03/21".  Exit 0 (a report; `compare` says whether the versions differ).

    \b
    Example:
      redline terms samples/sick_leave/*.docx
      redline terms v1.docx v2.docx --format markdown -o terms.md
    """
    from ..api import read
    from ..terms import compare_terms, term_history
    from ..terms import report

    kind = _format(output, fmt)
    options = read_options(aliases, password)
    if len(files) == 1 and not os.path.exists(files[0]):
        docs = article_rounds(files[0], workspace)  # an article name, not a file
    else:
        docs = [read(f, options) for f in files]
    if len(docs) == 2:
        old, new = docs[0].latest(), docs[1].latest()
        changes = compare_terms(old, new)
        render = {"text": report.changes_text, "json": report.changes_json,
                  "markdown": report.changes_markdown}
        if kind == "html":
            from ..render.html import page

            data = page("Terms changed", report.changes_html(changes) or
                        "<p>No term changed.</p>")
        else:
            data = render[kind](changes, old, new)
    elif len(docs) == 1 and len(docs[0].rounds) < 2:
        # one version (a tentative agreement): its terms, the final terms table
        from ..terms import extract_terms

        terms = extract_terms(docs[0])
        if kind == "html":
            from ..render.html import page

            data = page("Terms", report.terms_html(terms))
        else:
            data = {"text": report.terms_text, "json": report.terms_json,
                    "markdown": report.terms_markdown}[kind](terms, docs[0].latest())
    else:
        if len(docs) == 1:
            versions = [docs[0].round_document(i) for i in range(len(docs[0].rounds))]
        else:
            versions = [d.latest() for d in docs]
            if all(v.proposal.date for v in versions):
                versions.sort(key=lambda v: v.proposal.date or "")
        threads = term_history(versions)
        if kind == "html":
            from ..render.html import page

            data = page("Terms through the rounds", report.history_html(threads, versions))
        else:
            data = {"text": report.history_text, "json": report.history_json,
                    "markdown": report.history_markdown}[kind](threads, versions)
    write_output(output, data, inputs=list(files))
