"""Atomic output: a temporary file beside the target, renamed into place on success.

Before anything is written the target is checked: never an input, never a workspace's own
files (``.redline/``: the database and the stored proposals), never a device node, FIFO,
socket or folder (a rename would replace ``/dev/null`` with a file; ``-`` is how to ask for
standard output).
"""
from __future__ import annotations

import os
import stat
import tempfile
from typing import Iterable, Union

from ..errors import OutputError

#: The folder a workspace keeps its database and stored files in (as store.workspace names
#: it; not imported from there: render does not depend on store).
WORKSPACE_DIR = ".redline"
#: Prefix and suffix of the temporary file written beside the target.
TEMP_PREFIX = ".redline-"
TEMP_SUFFIX = ".tmp"


def same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def check_not_input(path: str, inputs: Iterable[str]) -> None:
    for src in inputs:
        if src and src != "-" and same_file(path, src):
            raise OutputError("the output would overwrite an input; choose another -o path",
                              path)


def check_target(path: str, inputs: Iterable[str] = ()) -> None:
    """Refuse an output path that is an input, inside a workspace's own folder, or not a
    regular file (a device node, FIFO, socket or folder)."""
    check_not_input(path, inputs)
    real = os.path.realpath(path)
    if WORKSPACE_DIR in real.split(os.sep)[:-1] or os.path.basename(real) == WORKSPACE_DIR:
        raise OutputError(f"is inside a workspace's own folder ({WORKSPACE_DIR}/, its "
                          "database and stored proposals); write the output somewhere else",
                          path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"cannot be written ({exc.strerror})", path) from None
    if stat.S_ISDIR(st.st_mode):
        raise OutputError("is a folder; give a file name", path)
    if not stat.S_ISREG(st.st_mode):
        raise OutputError("is not a regular file (a device, FIFO or socket); give a file "
                          "name, or - for standard output", path)


def _mode_for(path: str) -> int:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: str, data: Union[str, bytes], inputs: Iterable[str] = ()) -> None:
    """Write ``data`` to ``path`` so that ``path`` is either the old file or the whole new one.

    Every failure (a folder that cannot be written, a full disk) is an :class:`OutputError`
    with the temporary file removed.
    """
    check_target(path, inputs)
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise OutputError("the output folder does not exist", path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    _sweep(folder)
    try:
        # the writer's process id in the name: a killed write's file is removed by the
        # next write to the same folder
        fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=TEMP_SUFFIX,
                                   dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot be written ({exc.strerror}: {folder})", path) from None
    try:
        # mkstemp makes the file private (0600); give it the mode the user would get from
        # writing the file directly, or keep the mode of the file it replaces
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), _mode_for(path))
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        _discard(tmp)
        raise OutputError(f"cannot be written ({exc.strerror})", path) from None
    except BaseException:
        _discard(tmp)
        raise


def _sweep(folder: str) -> None:
    """Remove the temporary files of writes to ``folder`` whose process has ended."""
    try:
        names = [n for n in os.listdir(folder)
                 if n.startswith(TEMP_PREFIX) and n.endswith(TEMP_SUFFIX)]
    except OSError:
        return
    for name in names:
        pid = name[len(TEMP_PREFIX):].split("-", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            _discard(os.path.join(folder, name))
        except (OSError, OverflowError):
            pass


def _discard(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass
