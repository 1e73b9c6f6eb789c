"""What every command shares: error handling, party options, output files."""
from __future__ import annotations

import errno
import logging
import os
import re
import sys
from typing import Any, Optional, Sequence

import click

from ..errors import RedlineError


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush of output that could not
    be written (a full device, a closed pipe) does not print a traceback at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


#: What a terminal must never receive raw from a document (C0 controls but tab and newline,
#: DEL, C1 controls): escape sequences that clear the screen, hide text or retitle the
#: window.  Shown as ``\\u001b``, which is also what the character means inside JSON.
_TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """``text`` with every control character a terminal would act on written as ``\\uXXXX``
    (tabs and newlines stay)."""
    return _TERMINAL_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class TerminalSafeStream:
    """A text stream on a terminal that shows control characters escaped, never raw.

    Applied to stdout only when it is a terminal: output to a file or a pipe keeps the
    text exactly as the document has it.  (stderr: :func:`err_text` and a logging filter.)
    """

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(terminal_safe(text))
        return len(text)

    def isatty(self) -> bool:
        return True

    def __getattr__(self, name: str):
        if name == "buffer":
            raise AttributeError(name)  # text only: bytes would bypass the escaping
        return getattr(self._stream, name)


def _is_terminal(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def err_text(text: str) -> str:
    """``text`` as it may go to stderr: escaped when stderr is a terminal.  (stderr itself
    is not wrapped: progress bars draw on it with the control characters they need.)"""
    return terminal_safe(text) if _is_terminal(sys.stderr) else text


class _TerminalSafeRecords:
    """A logging filter: warnings quote documents (a paragraph, a file name), so on a
    terminal their control characters are shown escaped."""

    def filter(self, record) -> bool:
        if _is_terminal(sys.stderr):
            record.msg, record.args = terminal_safe(record.getMessage()), ()
        return True


def _guard_terminals() -> None:
    import logging

    if _is_terminal(sys.stdout) and not isinstance(sys.stdout, TerminalSafeStream):
        sys.stdout = TerminalSafeStream(sys.stdout)  # type: ignore[assignment]
    logger = logging.getLogger("redline")
    if not any(isinstance(f, _TerminalSafeRecords) for f in logger.filters):
        logger.addFilter(_TerminalSafeRecords())


def run_main(group: click.Group) -> None:
    """Run the CLI; library errors become one line on stderr and exit code 2."""
    _tune_collector()
    _guard_terminals()
    from ..tempfiles import sweep_leftovers

    sweep_leftovers()  # what a killed run left in the temporary folder (PDF copies, ...)
    try:
        rv = group.main(standalone_mode=False)
        sys.stdout.flush()  # here, not at exit: a full device is an error we can report
    except (click.exceptions.Abort, click.ClickException) as exc:
        exit_on_click_error(exc)
    except RedlineError as exc:
        for line in error_lines(exc):
            click.echo(err_text(f"redline: error: {line}"), err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("redline: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(0)
    except OSError as exc:
        # a full disk or device, an I/O error: no library call let it through on purpose,
        # but it is the machine's trouble, not a bug to show as a traceback
        _silence_stdout()
        click.echo(err_text(f"redline: error: {_os_error_text(exc)}"), err=True)
        sys.exit(2)
    except RecursionError:
        click.echo("redline: error: the input is nested too deeply to process", err=True)
        sys.exit(2)
    except MemoryError:
        click.echo("redline: error: out of memory (is the input a document?)", err=True)
        sys.exit(2)
    sys.exit(rv if isinstance(rv, int) else 0)


#: The cyclic garbage collector's thresholds for one command's process (Python's default:
#: 700, 10, 10).  A comparison allocates millions of short-lived, acyclic objects (tokens,
#: word lists, XML proxies); at the default the collector ran ~370 passes over them on the
#: largest real DOCX pair, ~50 ms (4% of the run), to find a few hundred objects; at
#: (100,000, 20, 100) still ~20-30 ms (each pass walks the survivors again), at these ~3 ms.
#: Collected less often, never skipped: only cyclic garbage waits longer (peak memory of
#: that run unchanged, 72 MB).
GC_THRESHOLDS = (500_000, 20, 100)


def _tune_collector() -> None:
    """For a process that runs one command and exits: what is loaded so far (the command
    line, click) is set aside from collection (``gc.freeze``), and collections come after
    more allocations (:data:`GC_THRESHOLDS`).  Only the command-line entry point does this;
    a program using the library keeps its own settings."""
    import gc

    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


#: What every error line and every warning line on stderr starts with (the README's form).
ERROR_PREFIX = "redline: error: "
WARNING_PREFIX = "redline: warning: "


def show_click_error(exc: click.ClickException) -> None:
    """A click error as ours look: a usage error keeps click's usage line and hint, and the
    message itself starts with :data:`ERROR_PREFIX` (click writes ``Error:``)."""
    if isinstance(exc, click.UsageError) and exc.ctx is not None:
        click.echo(exc.ctx.get_usage(), err=True)
        if exc.ctx.command.get_help_option(exc.ctx) is not None:
            click.echo(f"Try '{exc.ctx.command_path} {exc.ctx.help_option_names[0]}' for "
                       "help.\n", err=True)
    for line in exc.format_message().splitlines() or [""]:
        click.echo(err_text(f"{ERROR_PREFIX}{line}"), err=True)


class RedlineGroup(click.Group):
    """The command group: click's own errors (a usage error, a bad choice) and ours look the
    same, ``redline: error: ...`` with exit code 2, also when the group is run in-process
    (click's standalone mode would print ``Error:``)."""

    def main(self, args: Optional[Sequence[str]] = None, prog_name: Optional[str] = None,
             complete_var: Optional[str] = None, standalone_mode: bool = True,
             **kwargs: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **kwargs)
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **kwargs)
        except (click.exceptions.Abort, click.ClickException) as exc:
            exit_on_click_error(exc)
        sys.exit(rv if isinstance(rv, int) else 0)


def exit_on_click_error(exc: Exception) -> None:
    """click's own failures as ours: one line, exit 2 (a usage error's 1 too)."""
    if isinstance(exc, click.exceptions.Abort):
        click.echo("redline: aborted", err=True)
        sys.exit(2)
    assert isinstance(exc, click.ClickException)
    show_click_error(exc)
    sys.exit(2 if exc.exit_code == 1 else exc.exit_code)


def warn(message: str) -> None:
    """One warning line on stderr, as the library's logged warnings look."""
    click.echo(err_text(f"{WARNING_PREFIX}{message}"), err=True)


#: Where ``--quiet`` is kept for the commands (the context's ``meta``).
QUIET = "redline.quiet"


def wrote(path: str, summary: str = "") -> None:
    """The one line said on stderr once an output file is written (nothing for stdout, nor
    with ``--quiet``)."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None and ctx.meta.get(QUIET):
        return
    if path and path != "-":
        click.echo(err_text(f"wrote {path}{': ' + summary if summary else ''}"), err=True)


def plural(n: int, word: str, many: str = "") -> str:
    """``1 round``, ``4 rounds``."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


class MessageFormatter(logging.Formatter):
    """Log records on stderr as ``redline: warning: ...`` (lower-case level, our prefix)."""

    def format(self, record: logging.LogRecord) -> str:
        return f"redline: {record.levelname.lower()}: {super().format(record)}"


def configure_logging(level: int) -> None:
    """The library's log records on stderr with :class:`MessageFormatter`."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(MessageFormatter("%(message)s"))
    logging.basicConfig(level=level, handlers=[handler], force=True)


def _os_error_text(exc: OSError) -> str:
    what = exc.strerror or exc.__class__.__name__
    target = exc.filename if exc.filename is not None else None
    if target is None and exc.errno in (errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG):
        target = "standard output or an output file"
    return f"{target}: cannot be written ({what})" if target else what


class Failure(click.ClickException):
    """A one-line user error with exit code 2."""

    exit_code = 2

    def format_message(self) -> str:
        return err_text(self.message)


def fail_on_library_error(func):
    """Turn :class:`RedlineError` into a one-line click error (exit 2) inside a command."""
    import functools

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except RedlineError as exc:
            raise Failure("\n".join(error_lines(exc))) from None
    return wrapper


def error_lines(exc: RedlineError) -> list:
    """An error as the lines to show: one, or one per problem (a key file's schema check
    lists them all), each naming the file."""
    problems = getattr(exc, "problems", ())
    if len(problems) > 1:
        return [f"{exc.path}: {p}" if exc.path else p for p in problems]
    return [str(exc)]


def parties_option(func):
    return click.option(
        "--party-alias", "aliases", multiple=True, metavar="PARTY=ALIAS[,ALIAS]",
        help="Extra names for a party, e.g. District=SUSD,Employer (repeatable).")(func)


def key_entries(path: str):
    """A key file's rounds as colour key entries, for reading a redline with them."""
    from ..model import ColourKeyEntry
    from ..render.key_file import read_key_file

    spec = read_key_file(path)
    return tuple(ColourKeyEntry(color=colour, party=party, date=date or None,
                                label=f"{party} proposal" if party else None,
                                text=f"{path}: {party or ''} {date} {colour}".strip())
                 for party, date, colour in spec.rounds if party and date)


def key_option(func):
    """``--key FILE``: read redline inputs with this colour key instead of the key they
    print (or the inks taken in order), as the readers' warnings advise."""
    return click.option(
        "--key", "key_file", default=None, type=click.Path(dir_okay=False),
        help="TOML colour key (docs/colour-key.md) to read redline inputs with, instead of "
             "the key they print (or the reader's guess).")(func)


def read_options(aliases=(), password: Optional[str] = None, key_file: Optional[str] = None):
    from ..conventions import KnownConventions
    from ..conventions.parties import DEFAULT_ALIASES, PartyNames
    from ..readers import ReadOptions

    table = {k: tuple(v) for k, v in DEFAULT_ALIASES.items()}
    for item in aliases:
        if "=" not in item:
            raise Failure(f"--party-alias {item!r}: write it as PARTY=ALIAS[,ALIAS]")
        party, names = item.split("=", 1)
        party = party.strip()
        table[party] = tuple(table.get(party, ())) + tuple(
            n.strip() for n in names.split(",") if n.strip())
    known = KnownConventions(parties=PartyNames(table),
                             key=key_entries(key_file) if key_file else ())
    return ReadOptions(conventions=known, password=password)


def write_output(path: str, data, inputs=()) -> None:
    """Write ``data`` (str or bytes) to ``path`` atomically; ``-`` is stdout."""
    from ..errors import OutputError
    from ..render.atomic import write_atomic

    if path == "-":
        try:
            if isinstance(data, bytes):
                if isinstance(sys.stdout, TerminalSafeStream):
                    raise OutputError("binary output (DOCX, PDF) would garble the terminal; "
                                      "give -o FILE, or redirect standard output")
                sys.stdout.buffer.write(data)
            else:
                click.echo(data, nl=False)
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            _silence_stdout()
            raise OutputError(f"standard output cannot be written ({exc.strerror})") from None
        return
    write_atomic(path, data, inputs=inputs)


def output_options(formats, output: Optional[str] = "-", required: bool = False,
                   output_help: str = "Where to write; - is standard output.",
                   default_format: Optional[str] = None, format_help: Optional[str] = None):
    """The ``-o/--output`` and ``-f/--format`` pair every writing command takes, as one
    decorator: ``fmt`` is one of ``formats`` (default ``default_format``, else from the
    output's extension)."""
    def decorate(func):
        if "pdf" in formats:
            func = pdf_engine_option(func)
        func = click.option(
            "-f", "--format", "fmt", type=click.Choice(list(formats)), default=default_format,
            show_default=default_format is not None,
            help=format_help or "Output format" + ("." if default_format else
                                                   " (default: from the extension).")
        )(func)
        return click.option("-o", "--output", default=None if required else output,
                            required=required, show_default=not required and bool(output),
                            help=output_help)(func)
    return decorate


def _set_pdf_engine(ctx: click.Context, _param, value: Optional[str]) -> None:
    if value:
        from ..render.pdf import use_engine

        ctx.with_resource(use_engine(value))


def pdf_engine_option(func):
    """``--pdf-engine``: which engine prints a PDF output (docs/pdf.md, "Printing")."""
    from ..render.pdf import ENGINES

    return click.option(
        "--pdf-engine", type=click.Choice(ENGINES), default=None, expose_value=False,
        callback=_set_pdf_engine, envvar="REDLINE_PDF_ENGINE",
        help="What prints a .pdf output: weasyprint (the default, installed with "
             "redline), libreoffice (from the DOCX form: Word's page layout) or chromium.")(func)


def party_names_options(func):
    """``--employer-full-name``, ``--employer-acronym``, ``--union-full-name`` and
    ``--union-acronym`` (how the TA package names the parties), given to the command as one
    ``names`` dict of those given (keys ``employer_full``, ``employer_acronym``,
    ``union_full``, ``union_acronym``)."""
    import functools

    keys = ("employer_full", "employer_acronym", "union_full", "union_acronym")

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        kwargs["names"] = {k: v for k in keys if (v := kwargs.pop(k)) is not None}
        return func(*args, **kwargs)

    for decl, name, text in reversed((
            ("--employer-full-name", "employer_full",
             "The employer's full name, e.g. \"Stockton Unified School District\" "
             "(default: the employer's name)."),
            ("--employer-acronym", "employer_acronym",
             "How the package's cover names the employer in brackets (default: District)."),
            ("--union-full-name", "union_full",
             "The union's full name, e.g. \"National Union of Healthcare Workers\"."),
            ("--union-acronym", "union_acronym",
             "The union's acronym, e.g. NUHW (default: the union's name)."))):
        wrapper = click.option(decl, name, default=None, help=text)(wrapper)
    return wrapper
