"""The object store: every proposal's original bytes, named by their SHA-256.

``objects/ab/cdef...`` holds the file whose hash is ``abcdef...``.  A file is written to a
temporary name in its final folder, flushed to disk, then renamed into place, so an object
is either absent or whole; the database only ever names objects that are whole.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from typing import Optional

from ..errors import WorkspaceError

#: Prefix of the temporary files a write leaves behind if it is killed.
TEMP_PREFIX = ".tmp-"


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fsync_dir(folder: str) -> None:
    # the rename is only durable once the folder's entry is on disk (POSIX)
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class ObjectStore:
    """Content-addressed files under ``root``."""

    def __init__(self, root: str) -> None:
        self.root = root

    def path(self, sha: str) -> str:
        return os.path.join(self.root, sha[:2], sha[2:])

    def has(self, sha: str) -> bool:
        """Whether the object is there and whole (its bytes hash to its name)."""
        try:
            with open(self.path(sha), "rb") as fh:
                return sha256_of(fh.read()) == sha
        except OSError:
            return False

    def write_temp(self, data: bytes, sha: str, suffix: str = "") -> str:
        """Write ``data`` to a temporary file beside its final place and flush it to disk.

        The suffix keeps the original extension so the reader can tell text from markdown.
        """
        folder = os.path.dirname(self.path(sha))
        tmp = None
        try:
            os.makedirs(folder, exist_ok=True)
            # the writer's process id in the name: the next command removes the file of an
            # add that was killed (Workspace.clean_leftovers)
            fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=suffix,
                                       dir=folder)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            if tmp is not None:
                discard(tmp)  # a full disk leaves no half-written file behind
            raise WorkspaceError(f"cannot write to the object store ({exc.strerror})",
                                 folder) from None
        except BaseException:
            if tmp is not None:
                discard(tmp)
            raise
        return tmp

    def commit_temp(self, tmp: str, sha: str) -> str:
        """Rename a flushed temporary file to its object name (atomic)."""
        final = self.path(sha)
        try:
            os.chmod(tmp, 0o444)  # objects never change; guard them against editors
            os.replace(tmp, final)
        except OSError as exc:
            discard(tmp)
            raise WorkspaceError(f"cannot store the object ({exc.strerror})", final) from None
        _fsync_dir(os.path.dirname(final))
        return final

    def read(self, sha: str) -> bytes:
        try:
            with open(self.path(sha), "rb") as fh:
                return fh.read()
        except OSError as exc:
            raise WorkspaceError(f"stored file {sha[:12]} is missing ({exc.strerror}); the "
                                 "workspace is damaged", self.path(sha)) from None

    def verify(self, sha: str) -> Optional[str]:
        """None when the object is whole, else what is wrong with it."""
        try:
            with open(self.path(sha), "rb") as fh:
                data = fh.read()
        except OSError:
            return "missing"
        return None if sha256_of(data) == sha else "content does not match its hash"


def writer_gone(name: str) -> bool:
    """Whether the process that wrote temporary file ``name`` (``.tmp-PID-...``) has ended
    (False when the name carries no process id)."""
    pid_text = name[len(TEMP_PREFIX):].split("-", 1)[0]
    if not pid_text.isdigit():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return True
    except (OSError, OverflowError):
        return False
    return False


def discard(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
