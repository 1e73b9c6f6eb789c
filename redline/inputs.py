"""Input files bounded before they are read: regular files only (or ``-``, standard input),
never more than a size cap.

A device (``/dev/zero`` reads forever), a FIFO (opening it waits for a writer that never
comes) or a socket is refused by what it *is*, before a byte is read; a regular file by its
size.  Shared by the readers, the colour-key and order-file loaders and the workspace.
"""
from __future__ import annotations

import os
import stat
import sys
from typing import BinaryIO, Optional

from .errors import InputError

#: Largest document redline reads (a 2,000-page PDF is ~20 MB; a DOCX package is also held
#: to ooxml.MAX_PACKAGE_BYTES once inflated).
MAX_INPUT_BYTES = 500 * 1024 * 1024
#: Largest small text file it reads: colour keys, article orders, number maps.
MAX_SMALL_FILE_BYTES = 1024 * 1024
#: The name that means standard input.
STDIN = "-"

_MB = 1024 * 1024


def _size_text(n: int) -> str:
    return f"{n / _MB:.0f} MB" if n >= _MB else f"{n} bytes"


def check_input(path: str, limit: int = MAX_INPUT_BYTES, what: str = "document") -> int:
    """The size of the regular file at ``path``; an :class:`InputError` for anything else
    (missing, a folder, a device, FIFO or socket, larger than ``limit``)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError("no such file", path) from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", path) from None
    return _check_stat(st, path, limit, what)


def _check_stat(st: os.stat_result, path: str, limit: int, what: str) -> int:
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"is a folder, not a {what}", path)
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"is not a regular file (a device, FIFO or socket); give a {what} "
                         "file", path)
    if st.st_size > limit:
        raise InputError(f"is {_size_text(st.st_size)}, more than the {_size_text(limit)} "
                         f"redline reads as a {what}; is it the right file?", path)
    return st.st_size


def open_input(path: str, limit: int = MAX_INPUT_BYTES, what: str = "document") -> BinaryIO:
    """Open a regular file for reading, checked on the opened file itself (so a FIFO put in
    its place after a check is still refused, and opening it never waits)."""
    check_input(path, limit, what)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", path) from None
    try:
        _check_stat(os.fstat(fd), path, limit, what)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def read_input(path: str, limit: int = MAX_INPUT_BYTES, what: str = "document") -> bytes:
    """The bytes of a regular file (or of standard input for ``-``), at most ``limit``."""
    if path == STDIN:
        return read_stdin(limit, what)
    with open_input(path, limit, what) as fh:
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise InputError(f"cannot be read ({exc.strerror})", path) from None
    if len(data) > limit:  # it grew since it was checked
        raise InputError(f"is more than the {_size_text(limit)} redline reads as a {what}",
                         path)
    return data


def read_stdin(limit: int = MAX_INPUT_BYTES, what: str = "document",
               stream: Optional[BinaryIO] = None) -> bytes:
    """Standard input, read to its end but never past ``limit``."""
    src = stream if stream is not None else sys.stdin.buffer
    chunks = []
    total = 0
    while True:
        chunk = src.read(min(_MB, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise InputError(f"is more than the {_size_text(limit)} redline reads as a "
                             f"{what}", "standard input")
    return b"".join(chunks)
