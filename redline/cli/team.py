"""The parties' names and negotiating teams, who sign the tentative agreement:
``redline team add``, ``list``, ``remove``, ``names`` and ``load``."""
from __future__ import annotations

import json

import click

from . import cli
from .common import fail_on_library_error, party_names_options
from .workspace import _open, workspace_option


@cli.group("team")
def team_group() -> None:
    """The parties' full names, acronyms and signatories (printed in the TA package).

    \b
    Example:
      redline team add District "Tara Draper" --title "Lead Negotiator"
    """


@team_group.command("add")
@click.argument("party")
@click.argument("name")
@click.option("--title", default="", help="The signatory's title, e.g. \"Lead Negotiator\".")
@workspace_option
@fail_on_library_error
def team_add_cmd(party, name, title, workspace) -> None:
    """Add a signatory to a party's team (a known name gets the new title).

    \b
    Example:
      redline team add NUHW "Monica Madrid" --title "NUHW Labor Rep"
    """
    with _open(workspace) as ws:
        s = ws.add_signatory(party, name, title)
        click.echo(f"{s.party}: {s.line}")


@team_group.command("remove")
@click.argument("party")
@click.argument("name")
@workspace_option
@fail_on_library_error
def team_remove_cmd(party, name, workspace) -> None:
    """Remove a signatory from a party's team.

    \b
    Example:
      redline team remove District "Dana Carey"
    """
    with _open(workspace) as ws:
        ws.remove_signatory(party, name)
        click.echo(f"removed {name}")


@team_group.command("list")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@workspace_option
@fail_on_library_error
def team_list_cmd(fmt, workspace) -> None:
    """Both parties: full name, acronym and signatories.

    \b
    Example:
      redline team list
    """
    with _open(workspace) as ws:
        parties = ws.parties()
    if fmt == "json":
        click.echo(json.dumps([{"role": p.role, "name": p.name, "acronym": p.acronym,
                                "signatories": [{"name": s.name, "title": s.title}
                                                for s in p.team]} for p in parties],
                              indent=2, ensure_ascii=False))
        return
    for p in parties:
        click.echo(f"{p.role}: {p.named}")
        for s in p.team:
            click.echo(f"  {s.line}")
        if not p.team:
            click.echo("  (no signatories yet)")


@team_group.command("names")
@party_names_options
@workspace_option
@fail_on_library_error
def team_names_cmd(names, workspace) -> None:
    """Set the parties' full names and acronyms (as the package's cover prints them).

    \b
    Example:
      redline team names --union-full-name "National Union of Healthcare Workers" --union-acronym NUHW
    """
    with _open(workspace) as ws:
        if names:
            ws.set_names(names)
        for p in ws.parties():
            click.echo(f"{p.role}: {p.named}")


@team_group.command("load")
@click.argument("file", type=click.Path(dir_okay=False))
@workspace_option
@fail_on_library_error
def team_load_cmd(file, workspace) -> None:
    """Set names and teams from a TOML file ([district] and [union] tables, as in a
    manifest: name, acronym, signatories); a party's team is replaced by the file's.

    \b
    Example:
      redline team load team.toml
    """
    from ..store.manifest import read_team_file

    parties = read_team_file(file)
    with _open(workspace) as ws:
        for p in parties:
            if not p.name and not p.team:
                continue
            prefix = "employer" if p.role == "District" else "union"
            names = {f"{prefix}_full": p.name}
            if p.acronym and p.acronym != p.name:
                names[f"{prefix}_acronym"] = p.acronym
            ws.set_names(names)
            ws.replace_team(p.role, p.team)
        for p in ws.parties():
            click.echo(f"{p.role}: {p.named}; {len(p.team)} signator"
                       f"{'y' if len(p.team) == 1 else 'ies'}")
