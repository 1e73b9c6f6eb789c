"""``redline lint``: what is wrong in a draft (codes in docs/lint.md)."""
from __future__ import annotations

import json
import os
import sys
from dataclasses import replace
from typing import List

import click

from . import cli
from .common import Failure, fail_on_library_error, parties_option, read_options, write_output
from .workspace import workspace_option


def _codes(values) -> list:
    return [c.strip() for v in values for c in v.split(",") if c.strip()]


@cli.command("lint")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@click.option("--select", multiple=True, metavar="CODES",
              help="Only these codes or prefixes, e.g. RL1,RL501 (repeatable).")
@click.option("--ignore", multiple=True, metavar="CODES",
              help="Leave out these codes or prefixes, e.g. RL201 (repeatable).")
@click.option("-o", "--output", default="-", show_default=True,
              help="Where to write (- for stdout).")
@click.option("--password", default=None, help="Password of encrypted PDF inputs.")
@workspace_option
@parties_option
@fail_on_library_error
def lint_cmd(files, fmt, select, ignore, output, password, workspace, aliases) -> None:
    """Find drafting mistakes: numbers whose words and figures disagree, placeholders,
    dangling references, clause numbering, a party named several ways, ...

    FILE may also be an article of the workspace (its last round).  One line per
    finding, `file:clause: CODE message`.  Exit 0 clean, 1 findings, 2 trouble.
    Codes and examples: docs/lint.md.

    \b
    Example:
      redline lint samples/sick_leave/v4_2024-04-11_union_counter.docx
      redline lint draft.docx --ignore RL201 --format json
    """
    from ..api import read
    from ..lint import CODES, Finding, lint_document, unknown_codes

    selected, ignored = _codes(select), _codes(ignore)
    wrong = unknown_codes(selected + ignored)
    if wrong:
        raise Failure(f"no lint code starts with {', '.join(wrong)}; codes: "
                      f"{', '.join(sorted(CODES))}")
    options = read_options(aliases, password)
    findings: List[Finding] = []
    for f in files:
        if os.path.exists(f):
            doc = read(f, options)
        else:  # an article name, not a file: its last round in the workspace
            from .terms import article_rounds

            doc = replace(article_rounds(f, workspace)[-1], source=f)
        findings.extend(lint_document(doc, selected, ignored))
    if fmt == "json":
        data = json.dumps({"files": list(files), "findings": [x.to_dict() for x in findings]},
                          indent=2, ensure_ascii=False) + "\n"
    else:
        data = "".join(x.line() + "\n" for x in findings)
    write_output(output, data, inputs=list(files))
    sys.exit(1 if findings else 0)
