"""The ``redline`` command: a thin click layer over the library.

Each command parses its options, calls one library function and turns library errors into a
one-line message with exit code 2.  One module per family of commands.
"""
from __future__ import annotations

import logging

import click

from .common import QUIET, RedlineGroup, configure_logging, run_main


@click.group(cls=RedlineGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="redline")
@click.option("-v", "--verbose", count=True, help="More detail on stderr (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
def cli(verbose: int, quiet: bool) -> None:
    """Parse, compare and render bargaining proposals and colour-keyed redlines.

    \b
    Example:
      redline parse samples/sick_leave/v1_2024-02-07_district_initial.docx
    """
    level = logging.ERROR if quiet else (logging.DEBUG if verbose > 1 else
                                         logging.INFO if verbose else logging.WARNING)
    configure_logging(level)
    click.get_current_context().meta[QUIET] = quiet


from . import parse as _parse  # noqa: E402,F401  (registers commands)
from . import compare as _compare  # noqa: E402,F401
from . import history as _history  # noqa: E402,F401
from . import workspace as _workspace  # noqa: E402,F401
from . import terms as _terms  # noqa: E402,F401
from . import lint as _lint  # noqa: E402,F401
from . import team as _team  # noqa: E402,F401


def main() -> None:
    run_main(cli)


__all__ = ["cli", "main"]
