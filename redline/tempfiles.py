"""Private temporary folders that a killed run does not leave behind for good.

A PDF rendering, a piped-in document and the workspace's conversions copy a document into a
folder under the system's temporary directory.  ``kill -9`` gives no chance to remove it,
so each folder carries the process id of its owner (``redline-pdf-PID-xxxx``), and
:func:`sweep_leftovers` -- run by every command -- removes those whose process has ended.
"""
from __future__ import annotations

import os
import shutil
import stat
import tempfile
import time
from contextlib import contextmanager
from typing import Iterator, Optional

#: Every folder we make starts with this.
PREFIX = "redline-"
#: The kinds of folder redline makes (``redline-KIND-PID-xxxx``); folders of other tools
#: that share the prefix (benchmarks, tests) are never touched.
KINDS = ("pdf", "ta", "stdin", "ws")
#: A PDF or TA folder without a process id in its name (made by an older redline) counts as
#: left behind once it is this old (seconds).
LEFTOVER_AGE_S = 15 * 60


def _owner_pid(name: str) -> Optional[int]:
    """``redline-KIND-PID-xxxx`` -> PID (None when the name carries none)."""
    parts = name[len(PREFIX):].split("-")
    if len(parts) >= 3 and parts[1].isdigit():
        return int(parts[1])
    return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True  # another user's process, or not ours to judge: keep its folder
    return True


@contextmanager
def temp_dir(kind: str) -> Iterator[str]:
    """A private folder (mode 0700) for one run, removed when the block ends."""
    if kind not in KINDS:
        raise ValueError(f"unknown temporary folder kind {kind!r}")
    folder = tempfile.mkdtemp(prefix=f"{PREFIX}{kind}-{os.getpid()}-")
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def sweep_leftovers(root: Optional[str] = None) -> int:
    """Remove our temporary folders whose process has ended (or, without a process id,
    that are older than :data:`LEFTOVER_AGE_S`); only folders this user owns, never
    through a symbolic link.  How many were removed; never raises."""
    root = root or tempfile.gettempdir()
    removed = 0
    try:
        names = [n for n in os.listdir(root)
                 if n.startswith(tuple(f"{PREFIX}{kind}-" for kind in KINDS))]
    except OSError:
        return 0
    now = time.time()
    for name in names:
        path = os.path.join(root, name)
        try:
            st = os.lstat(path)
        except OSError:
            continue
        if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.geteuid():
            continue
        pid = _owner_pid(name)
        if pid is not None:
            stale = not _alive(pid)
        else:  # an older redline's PDF or TA folder
            stale = name.startswith((f"{PREFIX}pdf-", f"{PREFIX}ta-")) and \
                now - st.st_mtime > LEFTOVER_AGE_S
        if stale and pid != os.getpid():
            shutil.rmtree(path, ignore_errors=True)
            removed += not os.path.exists(path)
    return removed
