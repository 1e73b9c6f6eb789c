"""``redline history``, ``blame`` and ``verify``: carrying an article through its counters."""
from __future__ import annotations

import json
import os
import sys

import click

from . import cli
from ..render.formats import HISTORY_FORMATS
from .common import (Failure, fail_on_library_error, key_option, parties_option,
                     pdf_engine_option, plural, read_options, write_output, wrote)
from .progress import observed


def _proposal(text, aliases, shown):
    from ..readers.build import proposal_from_text

    p = proposal_from_text(text, read_options(aliases).parties)
    if p is None or not p.date:
        raise Failure(f"--round {shown!r}: write it as \"PARTY YYYY-MM-DD[ HH:MM] LABEL\", "
                      "or FILE=\"PARTY YYYY-MM-DD LABEL\" for one file")
    return p


def _proposals(rounds, aliases, files):
    """``--round`` values as one proposal (or None: from its header) per file.

    Either one value per file in the order given, or ``FILE=PARTY DATE LABEL`` for just the
    files that need one (a file without a header among files with theirs).
    """
    if not rounds:
        return None
    named = [r for r in rounds if "=" in r and _file_index(r.split("=", 1)[0], files) is not None]
    if not named:
        if len(rounds) != len(files):
            raise Failure(f"--round given {len(rounds)} time(s) for {len(files)} file(s): "
                          "give one per file in order, or FILE=\"PARTY DATE LABEL\" for the "
                          "files without a header")
        return [_proposal(text, aliases, text) for text in rounds]
    if len(named) != len(rounds):
        raise Failure("--round: give every value as FILE=\"PARTY DATE LABEL\", or one per "
                      "file in order without FILE=; not both")
    out = [None] * len(files)
    for value in rounds:
        name, text = value.split("=", 1)
        k = _file_index(name, files)
        if out[k] is not None:
            raise Failure(f"--round given twice for {files[k]}")
        out[k] = _proposal(text.strip(), aliases, value)
    return out


def _file_index(name, files):
    """Which of ``files`` ``name`` is (the path as given, or the same file)."""
    from ..render.atomic import same_file

    name = name.strip()
    for k, f in enumerate(files):
        if name == f or (os.path.exists(name) and same_file(name, f)):
            return k
    return None


@cli.command("history")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("-o", "--output", default=None,
              help="Output (.docx, .html, .pdf, .json); - for stdout. Without it, a summary "
                   "is printed.")
@click.option("-f", "--format", "fmt", type=click.Choice(HISTORY_FORMATS),
              default=None, help="Output format (default: from the extension; text, a "
                                 "summary, without -o).")
@click.option("--round", "rounds", multiple=True, metavar="[FILE=]\"PARTY DATE LABEL\"",
              help="Party, date and label: one per file in the order given, or FILE=... for "
                   "just the files whose header lacks them (repeatable).")
@click.option("--key", "key_file", default=None, type=click.Path(dir_okay=False),
              help="TOML colour key (docs/colour-key.md).")
@click.option("--convention", type=click.Choice(["by-round", "by-party"]), default=None,
              help="Colour convention (default by-round, or the key file's).")
@click.option("--password", default=None, help="Password of encrypted PDF inputs.")
@pdf_engine_option
@parties_option
@fail_on_library_error
def history_cmd(files, output, fmt, rounds, key_file, convention, password, aliases) -> None:
    """Render the cumulative colour-keyed redline of dated versions (any order).

    Given one article name instead of files, the article's whole chain of rounds from the
    workspace (as 'redline ws-history').

    \b
    Example:
      redline history samples/sick_leave/*.docx -o sick_leave-redline.docx
      redline history v1.docx v2.docx --round v1.docx="District 2024-02-07 initial"
    """
    from ..api import history
    from ..render.history import colour_key, history_changes, render_history
    from .compare import output_format

    if len(files) == 1 and not os.path.exists(files[0]) and not rounds:
        # an article name, not a file: its whole chain from the workspace
        from .workspace import ws_history_cmd

        click.get_current_context().invoke(
            ws_history_cmd, article=files[0], output=output or "-", fmt=fmt,
            key_file=key_file, convention=convention, as_of=None, workspace=None)
        return
    kind = output_format(output, fmt, HISTORY_FORMATS)
    key = colour_key(key_file, convention)
    with observed("building the history", False):  # a progress bar when it takes a while
        h = history(files, _proposals(rounds, aliases, files), read_options(aliases, password))
        data = render_history(h, key, kind)
    write_output(output or "-", data, inputs=list(files) + ([key_file] if key_file else []))
    wrote(output, f"{plural(len(h.rounds), 'round')}, {plural(history_changes(h), 'change')}")


@cli.command("blame")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--round", "rounds", multiple=True, metavar="[FILE=]\"PARTY DATE LABEL\"",
              help="As for history.")
@click.option("--json", "as_json", is_flag=True, help="Every clause's spans as JSON.")
@click.option("--password", default=None, help="Password of encrypted PDF inputs.")
@parties_option
@fail_on_library_error
def blame_cmd(files, rounds, as_json, password, aliases) -> None:
    """Who introduced each span of text, and who struck it: one line per span, in text order.

    \b
    Example:
      redline blame samples/sick_leave/*.docx
    """
    from ..align.history import blame
    from ..api import history

    with observed("building the history", False):
        h = history(files, _proposals(rounds, aliases, files), read_options(aliases, password))
    clauses = blame(h)
    if as_json:
        click.echo(json.dumps(clauses, indent=2, ensure_ascii=False))
        return
    titles = {c["article"] for c in clauses}
    article = None
    for clause in clauses:
        if len(titles) > 1 and clause["article"] != article:
            article = clause["article"]
            click.echo(article or "(untitled)")
        number = clause["number"] or "(unnumbered)"
        for span in clause["spans"]:
            click.echo(f"{number}  {_blame_who(span)}: {span['text']}")


def _blame_who(span) -> str:
    def who(role: str) -> str:
        when = (span[f"{role}_on"] or "undated").replace("T", " ")
        return f"{span[f'{role}_by'] or '?'} {when} (round {span[f'{role}_round']})"

    said = (f"inserted by {who('introduced')}" if span["introduced_round"] > 1 else
            f"from {who('introduced')}")
    if "struck_round" in span:
        said += f", struck by {who('struck')}"
    return said


@cli.command("verify")
@click.argument("counter", type=click.Path(dir_okay=False))
@click.option("--against", required=True, type=click.Path(dir_okay=False),
              help="Our previous version (the text the counter must start from).")
@click.option("--clean", default=None, type=click.Path(dir_okay=False),
              help="The counter's clean version, to check its marks produce it.")
@click.option("--json", "as_json", is_flag=True, help="Report as JSON.")
@click.option("--password", default=None, help="Password of encrypted PDF inputs.")
@key_option
@parties_option
@fail_on_library_error
def verify_cmd(counter, against, clean, as_json, password, key_file, aliases) -> None:
    """Find changes a redline makes without marking them. Exit 1 when any is found.

    \b
    Example:
      redline verify their-redline.docx --against our-counter.docx
    """
    from ..api import verify

    found = verify(counter, against, clean, read_options(aliases, password, key_file))
    if as_json:
        click.echo(json.dumps([f.to_dict() for f in found], indent=2, ensure_ascii=False))
    elif not found:
        click.echo("verify: every change is marked")
    else:
        click.echo(f"verify: {len(found)} unmarked change(s)")
        for f in found:
            click.echo(f"  {f.clause or '(unnumbered)'}  {f.kind}: {f.old!r} -> {f.new!r}")
    sys.exit(1 if found else 0)
