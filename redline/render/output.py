"""Atomic output: a temporary file beside the target, renamed into place on success."""
from __future__ import annotations

import os
import stat
import tempfile
from typing import Iterable, Union

from ..errors import OutputError


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


def _mode_for(path: str) -> int:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: str, data: Union[str, bytes], inputs: Iterable[str] = ()) -> None:
    """Write ``data`` to ``path`` so that ``path`` is either the old file or the whole new one."""
    check_not_input(path, inputs)
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise OutputError("the output folder does not exist", path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=".redline-", suffix=".tmp", dir=folder)
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
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise OutputError(f"cannot be written ({exc.strerror})", path) from None
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
