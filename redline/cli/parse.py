"""``redline parse``: read a proposal or a redline and show its structure."""
from __future__ import annotations

import json

import click

from . import cli
from ..render.formats import DOCUMENT_FORMATS
from .common import (fail_on_library_error, parties_option, plural, read_options,
                     write_output, wrote)


@cli.command("parse")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-f", "--format", "fmt", type=click.Choice(DOCUMENT_FORMATS),
              default="json", show_default=True, help="Output format.")
@click.option("-o", "--output", default="-", show_default=True,
              help="Where to write (- for stdout).")
@click.option("--password", default=None, help="Password of an encrypted PDF.")
@click.option("--key", "key_file", default=None, type=click.Path(dir_okay=False),
              help="TOML colour key (docs/colour-key.md) to read the redline with, instead of "
                   "the key it prints (or the reader's guess).")
@click.option("--round", "round_text", default=None, metavar='"PARTY DATE LABEL"',
              help="Party, date (and time) and label of a clean proposal that prints none "
                   "(instead of a guess from the file name).")
@click.option("--explain", is_flag=True,
              help="Say how the document was read (where its colour key and proposal line "
                   "were found, its marks, its numbering, every guess) instead of its text.")
@parties_option
@fail_on_library_error
def parse_cmd(file: str, fmt: str, output: str, password, key_file, round_text,
              explain: bool, aliases) -> None:
    """Read a proposal or redline (DOCX, PDF, text) into articles, clauses and marks.

    JSON is the stable contract documented in docs/json.md; its ``conventions`` object (and
    ``--explain``, in words) says how the document was read.

    \b
    Example:
      redline parse samples/sick_leave/v2_2024-03-07_union_counter.docx --format text
      redline parse their_counter.docx --explain --party-alias Union=UESF
    """
    from ..api import read
    from ..render.document import document_to_dict, document_to_text


    options = read_options(aliases, password, key_file)
    if round_text:
        from ..readers.build import proposal_from_text

        prop = proposal_from_text(round_text, options.parties)
        if prop is None or not prop.date:
            raise click.BadParameter(f"{round_text!r}: write it as \"PARTY YYYY-MM-DD[ HH:MM] "
                                     "LABEL\"", param_hint="--round")
        options = options.settled(proposal=prop)
    from .progress import observed

    with observed("reading", False):  # a progress bar on a long PDF (on a terminal)
        doc = read(file, options=options)
    if explain:
        data = explain_text(doc)
    elif fmt == "json":
        out = document_to_dict(doc)
        out["conventions"] = conventions_dict(doc)
        data = json.dumps(out, indent=2, ensure_ascii=False) + "\n"
    else:
        data = document_to_text(doc, style=fmt)
    write_output(output, data, inputs=[file])
    clauses = sum(len(a.clauses) for a in doc.articles)
    wrote(output, f"{plural(len(doc.articles), 'article')}, {plural(clauses, 'clause')}"
          + (f", {plural(len(doc.rounds), 'round')}" if doc.rounds else ""))


def conventions_dict(doc) -> dict:
    """The ``conventions`` object of the JSON: how the document was read, with the key's
    entries as found (docs/json.md)."""
    out = doc.conventions.to_dict()
    out["key_entries"] = [e.to_dict() for e in doc.legend]
    out["proposal"] = doc.proposal.to_dict() if doc.proposal.known else None
    out["proposal_line"] = doc.proposal.text or None
    return out


def explain_text(doc) -> str:
    """How the document was read, one fact a line, for ``parse --explain``."""
    c = doc.conventions
    lines = [f"{doc.source}: read as a {doc.format.upper()} "
             + {"colour": "colour-keyed redline", "tracked": "tracked-changes redline",
                "marks": "redline struck and underlined in black (no colour key)"}
             .get(c.mode, "clean proposal")]
    prop = doc.proposal
    if prop.known:
        who = " ".join(x for x in (prop.party, prop.date, f"({prop.label})" if prop.label
                                   else "") if x)
        shown = f": {prop.text!r}" if prop.text else ""
        lines.append(f"proposal: {who}, from the {c.proposal_source}{shown}")
    else:
        lines.append("proposal: none found (no proposal line; give --round to history, "
                     "compare or the workspace)")
    if c.aliases:
        lines.append("party names learned from the document: " + ", ".join(c.aliases))
    if doc.legend:
        where = ("inferred from the inks in the order the body shows them (no key printed)"
                 if c.key_source == "inferred" else f"from the {c.key_source}")
        lines.append(f"colour key: {len(doc.legend)} entries, {where}")
        for e in doc.legend:
            lines.append(f"  {e.color or 'no colour':>9}  {e.party} {e.date}  ({e.text})")
    else:
        lines.append("colour key: none")
    for k, rnd in enumerate(doc.rounds, start=1):
        p = rnd.proposal
        name = " ".join(x for x in (p.party, p.date, p.label) if x) or (
            "the text before the revisions" if c.mode == "tracked" else "the base text")
        ink = "" if c.mode != "colour" else f", ink {rnd.color}" if rnd.color else ", black"
        lines.append(f"round {k}: {name}{ink}")
    lines.append("marks: " + (", ".join(c.marks) if c.marks else "none"))
    lines.append(f"numbering: {c.numbering}")
    if c.left_out:
        lines.append("kept out of the clauses (a cover page, page furniture in the body):")
        lines.extend(f"  - {t if len(t) <= 100 else t[:99] + '…'}" for t in c.left_out)
    if c.guesses:
        lines.append("decided by a rule of thumb:")
        lines.extend(f"  - {g}" for g in c.guesses)
    else:
        lines.append("decided by a rule of thumb: nothing")
    others = [w_ for w_ in doc.warnings if w_ not in c.guesses]
    if others:
        lines.append("warnings:")
        lines.extend(f"  - {w_}" for w_ in others)
    return "\n".join(lines) + "\n"
