"""What every command shares: error handling, party options, output files."""
from __future__ import annotations

import sys
from typing import Optional

import click

from ..errors import RedlineError


def run_main(group: click.Group) -> None:
    """Run the CLI; library errors become one line on stderr and exit code 2."""
    try:
        rv = group.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("redline: aborted", err=True)
        sys.exit(2)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2 if exc.exit_code == 1 else exc.exit_code)
    except RedlineError as exc:
        click.echo(f"redline: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("redline: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    sys.exit(rv if isinstance(rv, int) else 0)


class Failure(click.ClickException):
    """A one-line user error with exit code 2."""

    exit_code = 2

    def format_message(self) -> str:
        return self.message


def fail_on_library_error(func):
    """Turn :class:`RedlineError` into a one-line click error (exit 2) inside a command."""
    import functools

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except RedlineError as exc:
            raise Failure(f"{exc}") from None
    return wrapper


def parties_option(func):
    return click.option(
        "--party-alias", "aliases", multiple=True, metavar="PARTY=ALIAS[,ALIAS]",
        help="Extra names for a party, e.g. District=SUSD,Employer (repeatable).")(func)


def read_options(aliases=(), password: Optional[str] = None):
    from ..readers import ReadOptions
    from ..readers.legend import DEFAULT_ALIASES, PartyNames

    table = {k: tuple(v) for k, v in DEFAULT_ALIASES.items()}
    for item in aliases:
        if "=" not in item:
            raise Failure(f"--party-alias {item!r}: write it as PARTY=ALIAS[,ALIAS]")
        party, names = item.split("=", 1)
        party = party.strip()
        table[party] = tuple(table.get(party, ())) + tuple(
            n.strip() for n in names.split(",") if n.strip())
    return ReadOptions(parties=PartyNames(table), password=password)


def write_output(path: str, data, inputs=()) -> None:
    """Write ``data`` (str or bytes) to ``path`` atomically; ``-`` is stdout."""
    from ..render.output import write_atomic

    if path == "-":
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            click.echo(data, nl=False)
        return
    write_atomic(path, data, inputs=inputs)
