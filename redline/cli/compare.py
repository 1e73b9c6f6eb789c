"""``redline compare``: what changed between two versions, clause by clause."""
from __future__ import annotations

import sys

import click

from . import cli
from ..render.formats import COMPARISON_FORMATS
from ..timing import stage
from .common import (Failure, fail_on_library_error, key_option, parties_option,
                     pdf_engine_option, plural, read_options, write_output, wrote)
from .progress import observed, timings_option

FORMATS = COMPARISON_FORMATS


def output_format(output, fmt, allowed=COMPARISON_FORMATS):
    """The format to write (the registry's rule: ``--format``, else the extension, else
    text for standard output), as a one-line command error when it cannot be told."""
    from ..errors import OutputError
    from ..render.formats import output_format as from_registry

    try:
        return from_registry(output, fmt, allowed)
    except OutputError as exc:
        raise Failure(str(exc)) from None


@cli.command("compare")
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@click.option("-o", "--output", default=None,
              help="Output file (.docx, .html, .json, .pdf); - for stdout. "
                   "Without it, a summary is printed.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format (default: from the extension).")
@click.option("--style", type=click.Choice(["tracked", "colour", "color"]), default="tracked",
              show_default=True, help="DOCX style: Word tracked changes or colour-keyed.")
@click.option("--ignore-case", is_flag=True, help="Treat upper and lower case as equal.")
@click.option("--ignore-whitespace", is_flag=True, help="Treat runs of white space as equal.")
@click.option("--ignore-punctuation-style", is_flag=True,
              help="Treat curly/straight quotes and dash styles as equal.")
@click.option("--ignore-numbering", is_flag=True,
              help="Do not show renumbered clauses as changes.")
@click.option("--party", default=None, help="Author of the changes (default: the new "
              "version's party from its header).")
@click.option("--date", default=None, help="Date of the changes, YYYY-MM-DD[ HH:MM] "
              "(default: the new version's date).")
@click.option("--password", default=None, help="Password of encrypted PDF inputs.")
@click.option("--round-of", "round_of", multiple=True, metavar="[old:|new:]N",
              help="For a redline input, compare its round N (1 = base text) instead of its "
                   "last; old:N or new:N when both inputs are redlines.")
@pdf_engine_option
@key_option
@parties_option
@timings_option
@fail_on_library_error
def compare_cmd(old, new, output, fmt, style, ignore_case, ignore_whitespace,
                ignore_punctuation_style, ignore_numbering, party, date, password,
                round_of, key_file, aliases, timings) -> None:
    """Compare two versions of a proposal (DOCX, PDF, text, any mix).

    Exits like diff: 0 no differences, 1 differences, 2 trouble.

    \b
    Example:
      redline compare v1.docx v2.docx -o v2-redline.docx
      redline compare v1.docx v2.pdf -o changes.html
      redline compare v1.docx v2.docx -o v2-redline.docx --timings
    """
    from ..align import CompareOptions
    from ..api import compare, read
    from ..conventions.dates import normalise_date
    from ..render import outputs

    if date is not None and normalise_date(date) is None:
        raise Failure(f"--date {date!r} is not a date (use YYYY-MM-DD)")
    options = CompareOptions(ignore_case=ignore_case, ignore_whitespace=ignore_whitespace,
                             ignore_punctuation_style=ignore_punctuation_style,
                             ignore_numbering=ignore_numbering, party=party,
                             date=normalise_date(date) if date else None)
    kind = output_format(output, fmt)
    rounds = _round_choices(round_of)
    with observed("comparing", timings):
        ropts = read_options(aliases, password, key_file)
        if None in rounds:  # "--round-of N": whichever input is the redline
            old_doc, new_doc = read(old, ropts), read(new, ropts)
            redlines = [role for role, d in (("old", old_doc), ("new", new_doc)) if d.rounds]
            if len(redlines) != 1:
                raise Failure("--round-of N: " + ("neither input is a redline" if not redlines
                              else "both inputs are redlines; write old:N or new:N"))
            rounds[redlines[0]] = rounds.pop(None)
            result = compare(old_doc, new_doc, options, old_round=rounds.get("old"),
                             new_round=rounds.get("new"))
        else:
            result = compare(old, new, options, read_options=ropts,
                             old_round=rounds.get("old"), new_round=rounds.get("new"))
        data = outputs.render_comparison(result, kind, style="colour" if style != "tracked"
                                         else "tracked")
        with stage("write"):
            write_output(output or "-", data, inputs=[old, new])
        wrote(output, plural(comparison_changes(result), "change"))
    sys.exit(1 if result.differs else 0)


def comparison_changes(result) -> int:
    """How many changes a comparison found: clauses, footnotes and position notes."""
    return (sum(1 for c in result.changes if c.is_change) + len(result.footnotes)
            + len(result.notes))


def _round_choices(values) -> dict:
    """``--round-of`` values as {"old"|"new"|None: N}."""
    out: dict = {}
    for value in values:
        role, _, number = value.rpartition(":")
        if role not in ("", "old", "new") or not number.isdigit() or int(number) < 1:
            raise Failure(f"--round-of {value!r}: write N, old:N or new:N (N from 1)")
        key = role or None
        if key in out:
            raise Failure(f"--round-of given twice for the {role or 'redline'} input")
        out[key] = int(number)
    return out
