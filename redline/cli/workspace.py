"""The negotiation workspace commands: ``init``, ``add``, ``log``, ``show``, ``diff``,
``ws-history``, ``ta``, ``withdraw``, ``reopen``, ``status``, ``assemble`` and ``report``.

Each command opens the workspace (``--workspace DIR``, ``$REDLINE_WORKSPACE``, or the nearest
``.redline`` folder from here up), calls one library method and prints the result.
"""
from __future__ import annotations

import contextlib
import os
import sys
from typing import Iterator, List, Optional, Sequence, Tuple

import click

from ..errors import RedlineError
from . import cli
from .common import (Failure, err_text, fail_on_library_error, output_options,
                     party_names_options, plural, warn, write_output, wrote)

#: File types ``add`` picks up when given a folder.
PROPOSAL_EXTENSIONS = (".docx", ".pdf", ".txt", ".md", ".markdown")


def workspace_option(func):
    return click.option(
        "--workspace", "workspace", default=None, metavar="DIR", envvar="REDLINE_WORKSPACE",
        type=click.Path(file_okay=False),
        help="The workspace folder (default: $REDLINE_WORKSPACE, or the nearest folder "
             "from here up that holds .redline).")(func)


@contextlib.contextmanager
def _open(folder: Optional[str]) -> Iterator["Workspace"]:
    from ..store import Workspace

    ws = Workspace.open(folder)
    try:
        yield ws
    finally:
        ws.close()


def _progress(items: Sequence, label: str):
    """A progress bar on stderr when it is a terminal; nothing when piped."""
    return click.progressbar(items, label=label, file=sys.stderr,
                             hidden=not _isatty(sys.stderr))


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _when(date: Optional[str]) -> str:
    from ..store.views import when

    return when(date)


if False:  # pragma: no cover - for type checkers only
    from ..store import Workspace  # noqa: F401


# --- init, add -----------------------------------------------------------------------------

@cli.command("init")
@click.argument("folder", default=".", type=click.Path(file_okay=False))
@click.option("--employer", required=True, help="The employer, e.g. \"Stockton Unified "
              "School District\" (the District party).")
@click.option("--union", required=True, help="The union, e.g. \"NUHW\" (the Union party).")
@click.option("--alias", "aliases", multiple=True, metavar="PARTY=ALIAS[,ALIAS]",
              help="Extra names for a party, e.g. District=SUSD,Employer (repeatable).")
@click.option("--term", default=None, help="The contract term, e.g. 2024-2027.")
@party_names_options
@fail_on_library_error
def init_cmd(folder: str, employer: str, union: str, aliases, term, names) -> None:
    """Create a negotiation workspace (FOLDER/.redline) for two parties.

    \b
    Example:
      redline init bargaining --employer "Stockton Unified School District" --union NUHW
    """
    from ..store import Workspace, parse_aliases

    names = {k: v for k, v in names.items() if v}
    with Workspace.init(folder, employer, union, term, parse_aliases(aliases), names) as ws:
        click.echo(f"initialised workspace {ws.dir}")
        click.echo(f"  {ws.info.employer} (District) and {ws.info.union} (Union)"
                   + (f", term {ws.info.term}" if ws.info.term else ""))


def folder_files(path: str) -> List[str]:
    """Every proposal file under a folder, sorted by name (hidden and Word lock files
    aside)."""
    found = []
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith((".", "~$")):
                continue
            if name.lower().endswith(PROPOSAL_EXTENSIONS):
                found.append(os.path.join(root, name))
    if not found:
        raise Failure(f"{path}: no .docx, .pdf, .txt or .md files in this folder")
    return found


@cli.command("add")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--party", default=None, help="Who proposed it (default: from its header).")
@click.option("--date", default=None, help="When, YYYY-MM-DD[ HH:MM] (default: from its "
              "header).")
@click.option("--label", default=None, help="Label, e.g. \"District counter proposal\".")
@workspace_option
@fail_on_library_error
def add_cmd(files, party, date, label, workspace) -> None:
    """Store proposals (DOCX, PDF, text; folders too) and link their articles.

    A folder's clean proposals are added by date, then its redlines (the other side's
    marking of a round never stands for the round's text ahead of the clean counter).
    Each file is stored byte for byte, once (adding it again does nothing), and committed
    on its own: the line for a file is printed once it is safely stored.  Exit 2 if any file
    could not be stored (the others are).

    \b
    Example:
      redline add samples/sick_leave/*.docx
    """
    # files given one by one are stored in the order given; a folder's in a negotiation's
    groups: List[Tuple[List[str], bool]] = []
    for f in files:
        if os.path.isdir(f):
            groups.append((folder_files(f), True))
        elif groups and not groups[-1][1]:
            groups[-1][0].append(f)
        else:
            groups.append(([f], False))
    failures = 0
    # on a terminal the result lines wait for the progress bar, which shares the screen
    hold = _isatty(sys.stderr) and _isatty(sys.stdout)
    held: List[str] = []

    def say(line: str) -> None:
        if hold:
            held.append(line)
        else:
            click.echo(line)

    def reading(paths):
        with _progress(paths, "Reading proposals") as bar:
            yield from bar

    with _open(workspace) as ws:
        try:
            for paths, folder in groups:
                results = ws.add_all(paths, party, date, label, reading) if folder else \
                    _each_added(ws, paths, party, date, label)
                for path, r in results:
                    if isinstance(r, RedlineError):
                        failures += 1
                        say(f"failed {path}")
                        click.echo(err_text(f"redline: error: {r}"), err=True)
                        continue
                    p = r.proposal
                    if r.status == "exists":
                        say(f"exists {p.sha12} {path}: already stored as {p.filename} "
                            f"({p.party} {_when(p.date)})")
                    else:
                        say(f"added {p.sha12} {path}: {p.party} {_when(p.date)} "
                            f"{p.label}; {', '.join(p.articles)}")
                    for note in r.notes:
                        say(f"  note: {note}")
        finally:
            for line in held:
                click.echo(line)
    if failures:
        sys.exit(2)


def _each_added(ws, paths: Sequence[str], party, date, label):
    """Each file stored in turn (under a progress bar), or the error that stopped it."""
    with _progress(paths, "Storing proposals") as bar:
        for path in bar:
            try:
                yield path, ws.add(path, party=party, date=date, label=label)
            except RedlineError as exc:
                yield path, exc


# --- log, show, diff, ws-history -----------------------------------------------------------

@cli.command("log")
@click.argument("article", required=False)
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@workspace_option
@fail_on_library_error
def log_cmd(article, fmt, workspace) -> None:
    """Every stored proposal by date (or one article's rounds and TA/withdrawal events).

    \b
    Example:
      redline log
      redline log "SICK LEAVE"
    """
    from ..store.views import log_view

    with _open(workspace) as ws:
        if article:
            rec = ws.article(article)
            rounds = {v.proposal.id: v.round for v in ws.chain(rec, strict=False)}
            text = log_view(ws.proposals(rec.key), fmt, rounds,
                            [e for e in ws.events() if e.article == rec.title])
        else:
            text = log_view(ws.proposals(), fmt)
    click.echo(text, nl=False)


@cli.command("show")
@click.argument("article")
@click.option("--as-of", "as_of", default=None, help="The latest round on or before this "
              "date (YYYY-MM-DD).")
@click.option("--round", "round_no", type=int, default=None, help="Round N of the article.")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "markdown"]), default="text",
              show_default=True, help="Output format.")
@workspace_option
@fail_on_library_error
def show_cmd(article, as_of, round_no, fmt, workspace) -> None:
    """Show an article's text at its latest round (or as of a date).

    \b
    Example:
      redline show "SICK LEAVE" --as-of 2024-03-21
    """
    from ..render.document import document_to_text

    if as_of and round_no:
        raise Failure("give --as-of or --round, not both")
    with _open(workspace) as ws:
        v = ws.version(article, round_no if round_no else as_of)
        total = len(ws.chain(article))
        doc = ws.article_document(v)
        click.echo(f"round {v.round} of {total}: {v.proposal.filename} ({v.proposal.sha12})")
        click.echo(document_to_text(doc, style=fmt), nl=False)


def _pick_pair(ws, article, start, end):
    chain = ws.chain(article)
    new = ws.version(article, end) if end else chain[-1]
    if start:
        old = ws.version(article, start)
    else:
        earlier = [v for v in chain if v.round < new.round]
        if not earlier:
            raise Failure(f"{ws.article(article).key} has no round before round {new.round}; "
                          "nothing to compare")
        old = earlier[-1]
    return old, new


@cli.command("diff")
@click.argument("article")
@click.option("--from", "start", default=None, metavar="DATE|N",
              help="The older round: a date (latest on or before it) or a round number "
                   "(default: the round before --to).")
@click.option("--to", "end", default=None, metavar="DATE|N",
              help="The newer round (default: the latest).")
@output_options(["docx", "html", "json", "text", "pdf"], output=None,
                output_help="Output file (.docx, .html, .json, .pdf); without it, a summary.")
@click.option("--style", type=click.Choice(["tracked", "colour", "color"]), default="tracked",
              show_default=True, help="DOCX style: Word tracked changes or colour-keyed.")
@workspace_option
@fail_on_library_error
def diff_cmd(article, start, end, output, fmt, style, workspace) -> None:
    """Compare two stored rounds of an article (default: the last two). Exit 1 if they differ.

    \b
    Example:
      redline diff "SICK LEAVE"
      redline diff "SICK LEAVE" --from 2024-02-07 --to 2024-04-11 -o changes.docx
    """
    from dataclasses import replace

    from ..align import CompareOptions, compare_documents
    from ..render import outputs
    from .compare import output_format

    kind = output_format(output, fmt)
    colour = style != "tracked"
    with _open(workspace) as ws:
        old, new = _pick_pair(ws, article, start, end)
        result = compare_documents(
            ws.article_document(old), ws.article_document(new),
            CompareOptions(party=new.party, date=new.date, label=new.proposal.label))
        # the stored files named as the user added them (the tracked DOCX builds on the
        # package the model carries, not on a path)
        result = replace(result,
                         old=replace(result.old, source=f"{old.proposal.filename} "
                                     f"(round {old.round})"),
                         new=replace(result.new, source=f"{new.proposal.filename} "
                                     f"(round {new.round})"))
        data = outputs.render_comparison(result, kind, style="colour" if colour else "tracked")
    write_output(output or "-", data)
    from .compare import comparison_changes

    wrote(output or "-", plural(comparison_changes(result), "change"))
    sys.exit(1 if result.differs else 0)


@cli.command("ws-history")
@click.argument("article")
@output_options(["docx", "html", "pdf", "json"],
                output_help="Output (.docx, .html, .pdf, .json); - for JSON on stdout.")
@click.option("--key", "key_file", default=None, type=click.Path(dir_okay=False),
              help="TOML colour key (docs/colour-key.md).")
@click.option("--convention", type=click.Choice(["by-round", "by-party"]), default=None,
              help="Colour convention (default by-round, or the key file's).")
@click.option("--as-of", "as_of", default=None, help="Only the rounds on or before this date.")
@workspace_option
@fail_on_library_error
def ws_history_cmd(article, output, fmt, key_file, convention, as_of, workspace) -> None:
    """The colour-keyed redline of an article's whole chain of stored rounds.

    Like 'redline history FILE...', with the files, parties and dates taken from the
    workspace.

    \b
    Example:
      redline ws-history "SICK LEAVE" -o sick_leave-redline.docx
    """
    from ..api import history
    from ..render.history import colour_key, history_changes, render_history
    from ..store.workspace import check_date, on_or_before
    from .compare import output_format

    if fmt is None and output == "-":
        fmt = "json"
    kind = output_format(output, fmt)
    key = colour_key(key_file, convention)
    with _open(workspace) as ws:
        chain = ws.chain(article)
        if as_of:
            limit = check_date(as_of, "--as-of")
            chain = [v for v in chain if on_or_before(v.date, limit or "")]
            if not chain:
                raise Failure(f"no round of {ws.article(article).key} on or before {limit}")
        h = history([ws.article_document(v) for v in chain],
                    [v.proposal.proposal for v in chain])
    write_output(output, render_history(h, key, kind),
                 inputs=[key_file] if key_file else ())
    wrote(output, f"{plural(len(h.rounds), 'round')}, {plural(history_changes(h), 'change')}")


# --- ta, withdraw, reopen, status ----------------------------------------------------------

@cli.command("ta")
@click.argument("article")
@click.option("--date", required=True, help="The date of the tentative agreement.")
@click.option("--version", "version", default=None, metavar="N|DATE",
              help="The round agreed to: its number, or a date (the latest round on or before "
                   "it). Default: the latest round.")
@click.option("--initials", default=None, help="Initials of the signatories, e.g. TD/MM.")
@workspace_option
@fail_on_library_error
def ta_cmd(article, date, version, initials, workspace) -> None:
    """Record a tentative agreement (TA) on an article.

    \b
    Example:
      redline ta "SICK LEAVE" --date 2024-04-18 --initials "TD/MM"
    """
    with _open(workspace) as ws:
        v = ws.ta(article, date, version, initials)
        rec = ws.article(article)
        click.echo(f"{rec.key}: TA'd {rec.state_date} at round {v.round} ("
                   f"{v.proposal.label or v.party} of {_when(v.date)})"
                   + (f", initials {initials}" if initials else ""))


@cli.command("withdraw")
@click.argument("article")
@click.option("--date", default=None, help="When (default: today).")
@click.option("--party", default=None, help="Who withdrew it.")
@workspace_option
@fail_on_library_error
def withdraw_cmd(article, date, party, workspace) -> None:
    """Mark an open article withdrawn (it is then left out of the agreement).

    \b
    Example:
      redline withdraw "SICK LEAVE" --date 2024-04-18 --party Union
    """
    with _open(workspace) as ws:
        rec = ws.withdraw(article, date, party)
        click.echo(f"{rec.key}: withdrawn {rec.state_date}")


@cli.command("reopen")
@click.argument("article")
@click.option("--date", default=None, help="When (default: today).")
@workspace_option
@fail_on_library_error
def reopen_cmd(article, date, workspace) -> None:
    """Put a TA'd or withdrawn article back on the table.

    \b
    Example:
      redline reopen "SICK LEAVE"
    """
    with _open(workspace) as ws:
        rec = ws.reopen(article, date)
        click.echo(f"{rec.key}: open")


@cli.command("status")
@output_options(["text", "json", "csv"], default_format="text")
@workspace_option
@fail_on_library_error
def status_cmd(fmt, output, workspace) -> None:
    """Where the negotiation stands: one row per article (last proposal, rounds, state).

    \b
    Example:
      redline status
      redline status --format csv -o status.csv
    """
    from ..store.views import status_view

    with _open(workspace) as ws:
        rows = ws.status()
        info = ws.info
    write_output(output, status_view(rows, info, fmt))
    wrote(output, plural(len(rows), "article"))


# --- assemble ------------------------------------------------------------------------------

def _read_text(path: str, what: str) -> str:
    from ..errors import InputError
    from ..inputs import MAX_SMALL_FILE_BYTES, read_input

    try:
        return read_input(path, MAX_SMALL_FILE_BYTES, f"{what} file").decode("utf-8-sig")
    except InputError as exc:
        raise Failure(str(exc)) from None
    except UnicodeDecodeError:
        raise Failure(f"{path}: cannot read the {what} file (not UTF-8 text)") from None


def read_numbers(value: Optional[str]):
    """``--numbers``: a file of ``TITLE = N`` lines, or inline ``"Grievance Procedure=9,
    Hours=14"``."""
    from ..store.assembly import read_mapping

    if not value:
        return {}
    if os.path.exists(value):
        return read_mapping(_read_text(value, "numbers"), value)
    if "=" not in value:
        raise Failure(f"--numbers {value!r}: no such file, and not TITLE=N[,TITLE=N]")
    return read_mapping("\n".join(value.split(",")), "--numbers")


def read_terms(path: Optional[str], effective: Optional[str], term_end: Optional[str],
               date: Optional[str]):
    """The package's terms: a template file (TOML, the manifest's [terms] table) with the
    options on top."""
    from dataclasses import replace

    from ..store.package import Terms
    from ..store.workspace import check_date

    terms = Terms()
    if path:
        from ..store.manifest import read_terms_file

        terms = read_terms_file(path)
    if effective:
        eff = check_date(effective, "--effective") if effective[:1].isdigit() else effective
        terms = replace(terms, effective=eff)
    if term_end:
        terms = replace(terms, term_end=check_date(term_end, "--term-end"))
    if date:
        terms = replace(terms, date=check_date(date, "--date"))
    return terms


@cli.command("assemble")
@click.argument("articles", nargs=-1)
@output_options(["docx", "html", "pdf"], required=True,
                output_help="The agreement (.docx, .html, .pdf); with --redline-against, the "
                            "changes (.docx tracked changes, .html, .pdf); with --package, "
                            "the package to sign (.docx, .pdf).")
@click.option("--order", "order_file", default=None, type=click.Path(dir_okay=False),
              help="Contract order: one article name per line (the rest follow in the "
                   "order they were first added).")
@click.option("--numbers", "numbers", default=None, metavar="FILE|TITLE=N,...",
              help="Article numbers: a file of 'TITLE = N' lines ('Appendix NAME = A' for "
                   "appendices), or inline \"Grievance Procedure=9,Hours=14\"; ahead of the "
                   "numbers the proposals print.")
@click.option("--renumber", is_flag=True,
              help="Number articles 1..N in contract order, ignoring printed numbers.")
@click.option("--include-open", is_flag=True,
              help="Assemble articles that are not TA'd too, marked as open.")
@click.option("--skip-open", is_flag=True,
              help="Leave articles that are not TA'd out (with a warning).")
@click.option("--redline-against", "prior_file", default=None,
              type=click.Path(dir_okay=False),
              help="The prior contract: write the agreed changes against it as tracked "
                   "changes instead of the agreement.")
@click.option("--package", "package", is_flag=True,
              help="The package the parties sign: cover, terms, signature blocks, each "
                   "article with its TA line, page numbers (docs/workspace.md).")
@click.option("--manifest", "manifest", default=None, type=click.Path(dir_okay=False),
              help="Make the package from the files a TOML manifest names, with no "
                   "workspace (docs/manifest.md); implies --package.")
@click.option("--attach", type=click.Choice(["clean", "redline", "both"]), default=None,
              help="Package: each article's final clean text (default), its final "
                   "colour-keyed redline, or both.")
@click.option("--terms", "terms_file", default=None, type=click.Path(dir_okay=False),
              help="Package: a TOML file with a [terms] table (term, effective, term_end, "
                   "paragraph templates; docs/manifest.md).")
@click.option("--effective", default=None, help="Package: the effective date (or words).")
@click.option("--term-end", "term_end", default=None,
              help="Package: the date the agreement continues in effect until.")
@click.option("--date", "date", default=None,
              help="Package: the date on its cover (default: the last TA).")
@click.option("--report", "report_file", default=None, type=click.Path(dir_okay=False),
              help="Package: write its JSON report (per article: file, party, date, round, "
                   "SHA-256) here.")
@click.option("--provenance", is_flag=True,
              help="Package: add the provenance table as an appendix.")
@workspace_option
@fail_on_library_error
def assemble_cmd(articles, output, fmt, order_file, numbers, renumber, include_open,
                 skip_open, prior_file, package, manifest, attach, terms_file, effective,
                 term_end, date, report_file, provenance, workspace) -> None:
    """Assemble the tentative agreement from the TA'd articles (all, or those named).

    A cover page (parties, term, ratification, the articles with their TA dates, signature
    blocks), then every article in contract order at its TA'd round, numbered, with X.n
    placeholders and "Article ?" references resolved; unresolved references are listed as
    warnings. An article that is not TA'd is refused (exit 2) unless --include-open or
    --skip-open.

    With --package (or --manifest), the package as the parties sign it: the cover in the
    form of the seed package, the terms paragraph, the list of agreed articles, a
    signature block per party with each signatory's name and title ('redline team'), then
    each article with its TA line and page numbers; --report writes where each article's
    text came from, with the SHA-256 of its file.

    \b
    Example:
      redline assemble -o TA.docx
      redline assemble --package --attach both --report TA.json -o TA.pdf
      redline assemble --manifest samples/ta-manifest.toml -o TA.docx
      redline assemble --redline-against old-contract.docx -o TA-changes.docx
    """
    from ..store.agreement_render import render_agreement
    from ..store.assembly import AssemblyOptions, assemble, prior_articles, read_order
    from .compare import output_format

    if include_open and skip_open:
        raise Failure("give --include-open or --skip-open, not both")
    package = package or bool(manifest)
    kind = output_format(output, fmt)
    if package and kind not in ("docx", "pdf"):
        raise Failure(f"{output}: the package is written as .docx or .pdf (it has pages)")
    if kind not in ("docx", "html", "pdf"):
        raise Failure(f"{output}: the agreement is written as .docx, .html or .pdf")
    if not package and (attach or terms_file or effective or term_end or date or report_file
                        or provenance):
        raise Failure("--attach, --terms, --effective, --term-end, --date, --report and "
                      "--provenance are for the package: add --package")
    if package and prior_file:
        raise Failure("give --package or --redline-against, not both")
    order = read_order(_read_text(order_file, "order")) if order_file else ()
    number_map = read_numbers(numbers)
    inputs = [p for p in (order_file, numbers, prior_file, manifest, terms_file)
              if p and os.path.exists(p)]
    if manifest:
        if articles or order or include_open or skip_open:
            raise Failure("with --manifest, the manifest names the articles and their order")
        from ..store.manifest import package_from_manifest

        pkg = package_from_manifest(manifest, AssemblyOptions(numbers=number_map,
                                                              renumber=renumber),
                                    attach, provenance or None)
        if terms_file or effective or term_end or date:
            from dataclasses import replace

            pkg = replace(pkg, terms=_merge_terms(pkg.terms, read_terms(
                terms_file, effective, term_end, date)))
        _write_package(pkg, kind, output, report_file, inputs + list(pkg.inputs))
        return
    bar = None

    def progress(done: int, total: int, title: str) -> None:
        nonlocal bar
        if bar is None:
            bar = _progress(range(total), "Assembling").__enter__()
        bar.update(done - bar.pos)

    with _open(workspace) as ws:
        prior = None
        if prior_file:
            from ..api import read

            prior = read(prior_file, ws.read_options())
        options = AssemblyOptions(articles=tuple(articles), order=order, numbers=number_map,
                                  renumber=renumber, include_open=include_open,
                                  skip_open=skip_open, prior=prior)
        try:
            if package:
                from ..store.package import PackageOptions, package_from_workspace

                pkg = package_from_workspace(ws, options, PackageOptions(
                    attach or "clean", provenance,
                    read_terms(terms_file, effective, term_end, date)), progress)
            else:
                agreement = assemble(ws, options, progress)
        finally:
            if bar is not None:
                bar.__exit__(None, None, None)
        read_opts = ws.read_options()
        stored = [ws.objects.path(a.provenance.sha256) for a in pkg.articles] \
            if package else []
    if package:
        _write_package(pkg, kind, output, report_file, inputs + stored)
        return
    for warning in agreement.warnings:
        warn(warning)
    data = render_agreement(agreement, kind,
                            prior_articles(agreement, prior) if prior is not None else None,
                            read_opts)
    write_output(output, data, inputs=inputs)
    wrote(output, plural(len(agreement.articles), "article"))
    n_open = sum(1 for a in agreement.articles if a.state != "ta")
    summary = (f"assembled {len(agreement.articles)} article(s)"
               + (f", {n_open} marked open" if n_open else "")
               + ("" if output == "-" else f" into {output}"))
    if prior is not None:
        summary = summary.replace("assembled", "compared") + f" against {prior_file}"
    click.echo(summary, err=output == "-")


def _merge_terms(base, over):
    """The manifest's terms with what the command line gives on top."""
    from dataclasses import replace

    templates = dict(base.templates)
    templates.update(over.templates)
    return replace(base, term=over.term or base.term, effective=over.effective or
                   base.effective, term_end=over.term_end or base.term_end,
                   date=over.date or base.date, templates=templates)


def _write_package(pkg, kind: str, output: str, report_file: Optional[str], inputs) -> None:
    from ..store.package_render import render_package

    for warning in pkg.warnings:
        warn(warning)
    data = render_package(pkg, kind)
    if report_file:
        write_output(report_file, pkg.report_json(), inputs=inputs)
        wrote(report_file)
    write_output(output, data, inputs=inputs)
    wrote(output, f"the package, {plural(len(pkg.articles), 'article')}")
    click.echo(f"assembled the package: {len(pkg.articles)} article(s), attached "
               f"{pkg.attach}" + ("" if output == "-" else f", into {output}"),
               err=output == "-")


# --- report --------------------------------------------------------------------------------

@cli.command("report")
@click.option("--since", default=None, help="Only sessions on or after this date.")
@output_options(["markdown", "html"],
                format_help="Output format (default: from the extension, else markdown).")
@workspace_option
@fail_on_library_error
def report_cmd(since, fmt, output, workspace) -> None:
    """The bargaining log: per session date (newest first), who presented proposals on
    which articles, what was TA'd or withdrawn, and what is still open.

    \b
    Example:
      redline report --since 2024-03-01 -o bargaining-log.md
    """
    from ..store.report import build_log, render_html, render_markdown

    if fmt is None:
        fmt = "html" if output.lower().endswith((".html", ".htm")) else "markdown"
    with _open(workspace) as ws:
        log = build_log(ws, since)
    write_output(output, render_html(log) if fmt == "html" else render_markdown(log))
    wrote(output)
