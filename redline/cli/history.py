"""``redline history``, ``blame`` and ``verify``: carrying an article through its counters."""
from __future__ import annotations

import json
import os
import sys

import click

from . import cli
from .common import Failure, fail_on_library_error, parties_option, read_options, write_output


def _proposals(rounds, aliases):
    from ..readers.build import proposal_from_text

    out = []
    for text in rounds:
        p = proposal_from_text(text, read_options(aliases).parties)
        if p is None or not p.date:
            raise Failure(f"--round {text!r}: write it as \"PARTY YYYY-MM-DD[ HH:MM] "
                          "LABEL\"")
        out.append(p)
    return out


@cli.command("history")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("-o", "--output", default="-", show_default=True,
              help="Output (.docx, .html, .pdf, .json); - for JSON on stdout.")
@click.option("-f", "--format", "fmt", type=click.Choice(["docx", "html", "pdf", "json"]),
              default=None, help="Output format (default: from the extension).")
@click.option("--round", "rounds", multiple=True, metavar="\"PARTY DATE LABEL\"",
              help="Party, date and label of each file, in the order given (repeatable).")
@click.option("--key", "key_file", default=None, type=click.Path(dir_okay=False),
              help="TOML colour key (docs/colour-key.md).")
@click.option("--convention", type=click.Choice(["by-round", "by-party"]), default=None,
              help="Colour convention (default by-round, or the key file's).")
@click.option("--password", default=None, help="Password of encrypted PDF inputs.")
@parties_option
@fail_on_library_error
def history_cmd(files, output, fmt, rounds, key_file, convention, password, aliases) -> None:
    """Render the cumulative colour-keyed redline of dated versions (any order).

    Given one article name instead of files, the article's whole chain of rounds from the
    workspace (as 'redline ws-history').

    \b
    Example:
      redline history samples/sick_leave/*.docx -o sick_leave-redline.docx
    """
    from ..api import history
    from ..render.history import colour_key, render_history
    from .compare import output_format

    if len(files) == 1 and not os.path.exists(files[0]) and not rounds:
        # an article name, not a file: its whole chain from the workspace
        from .workspace import ws_history_cmd

        click.get_current_context().invoke(
            ws_history_cmd, article=files[0], output=output, fmt=fmt, key_file=key_file,
            convention=convention, as_of=None, workspace=None)
        return
    if fmt is None and output == "-":
        fmt = "json"
    kind = output_format(output, fmt)
    key = colour_key(key_file, convention)
    h = history(files, _proposals(rounds, aliases) if rounds else None,
                read_options(aliases, password))
    data = render_history(h, key, kind)
    write_output(output, data, inputs=list(files) + ([key_file] if key_file else []))


@cli.command("blame")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--round", "rounds", multiple=True, help="As for history.")
@click.option("--password", default=None, help="Password of encrypted PDF inputs.")
@parties_option
@fail_on_library_error
def blame_cmd(files, rounds, password, aliases) -> None:
    """Who introduced each word of the latest round, and who struck each struck word.

    \b
    Example:
      redline blame samples/sick_leave/*.docx
    """
    from ..align.history import blame
    from ..api import history

    h = history(files, _proposals(rounds, aliases) if rounds else None,
                read_options(aliases, password))
    for clause in blame(h):
        live = [w for w in clause["words"] if "struck_round" not in w]
        struck = [w for w in clause["words"] if "struck_round" in w]
        click.echo(f"{clause['number'] or '(unnumbered)'}{'  [struck]' if clause['deleted'] else ''}")
        for w in live:
            if w["introduced_round"] > 1:
                click.echo(f"  + {w['text']!r}: {w['introduced_by']} {w['introduced_on']}")
        for w in struck:
            click.echo(f"  - {w['text']!r}: struck by {w['struck_by']} {w['struck_on']}")


@cli.command("verify")
@click.argument("counter", type=click.Path(dir_okay=False))
@click.option("--against", required=True, type=click.Path(dir_okay=False),
              help="Our previous version (the text the counter must start from).")
@click.option("--clean", default=None, type=click.Path(dir_okay=False),
              help="The counter's clean version, to check its marks produce it.")
@click.option("--json", "as_json", is_flag=True, help="Report as JSON.")
@click.option("--password", default=None, help="Password of encrypted PDF inputs.")
@parties_option
@fail_on_library_error
def verify_cmd(counter, against, clean, as_json, password, aliases) -> None:
    """Find changes a redline makes without marking them. Exit 1 when any is found.

    \b
    Example:
      redline verify their-redline.docx --against our-counter.docx
    """
    from ..api import verify

    found = verify(counter, against, clean, read_options(aliases, password))
    if as_json:
        click.echo(json.dumps([f.to_dict() for f in found], indent=2, ensure_ascii=False))
    elif not found:
        click.echo("verify: every change is marked")
    else:
        click.echo(f"verify: {len(found)} unmarked change(s)")
        for f in found:
            click.echo(f"  {f.clause or '(unnumbered)'}  {f.kind}: {f.old!r} -> {f.new!r}")
    sys.exit(1 if found else 0)
