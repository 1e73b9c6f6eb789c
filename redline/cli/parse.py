"""``redline parse``: read a proposal or a redline and show its structure."""
from __future__ import annotations

import json

import click

from . import cli
from ..render.formats import DOCUMENT_FORMATS
from .common import fail_on_library_error, parties_option, plural, read_options, write_output, wrote


@cli.command("parse")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-f", "--format", "fmt", type=click.Choice(DOCUMENT_FORMATS),
              default="json", show_default=True, help="Output format.")
@click.option("-o", "--output", default="-", show_default=True,
              help="Where to write (- for stdout).")
@click.option("--password", default=None, help="Password of an encrypted PDF.")
@parties_option
@fail_on_library_error
def parse_cmd(file: str, fmt: str, output: str, password, aliases) -> None:
    """Read a proposal or redline (DOCX, PDF, text) into articles, clauses and marks.

    JSON is the stable contract documented in docs/json.md.

    \b
    Example:
      redline parse samples/sick_leave/v2_2024-03-07_union_counter.docx --format text
    """
    from ..api import read
    from ..render.document import document_to_dict, document_to_text

    doc = read(file, options=read_options(aliases, password))
    if fmt == "json":
        data = json.dumps(document_to_dict(doc), indent=2, ensure_ascii=False) + "\n"
    else:
        data = document_to_text(doc, style=fmt)
    write_output(output, data, inputs=[file])
    clauses = sum(len(a.clauses) for a in doc.articles)
    wrote(output, f"{plural(len(doc.articles), 'article')}, {plural(clauses, 'clause')}"
          + (f", {plural(len(doc.rounds), 'round')}" if doc.rounds else ""))
