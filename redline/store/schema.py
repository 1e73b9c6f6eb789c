"""The workspace's SQLite schema and how every connection to it is opened.

The database holds rows only; the proposals' bytes live in the object store beside it
(:mod:`redline.store.objects`).  ``PRAGMA user_version`` is the schema version, so a newer
schema is refused rather than misread.
"""
from __future__ import annotations

import sqlite3

from ..errors import WorkspaceError

SCHEMA_VERSION = 2

#: How long a command waits for another command's write transaction before giving up (ms).
DEFAULT_BUSY_TIMEOUT_MS = 30_000

#: Added by schema 2: each party's negotiating team, who sign the tentative agreement.
SIGNATORIES_SCHEMA = """
CREATE TABLE signatories (
    id        INTEGER PRIMARY KEY,     -- also the order they are printed in
    party     TEXT NOT NULL CHECK (party IN ('District', 'Union')),
    name      TEXT NOT NULL,
    title     TEXT NOT NULL DEFAULT '',
    UNIQUE (party, name)
);
"""

SCHEMA = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- one row per stored file (content-addressed: the same bytes are stored once)
CREATE TABLE proposals (
    id        INTEGER PRIMARY KEY,
    sha256    TEXT NOT NULL UNIQUE,
    filename  TEXT NOT NULL,           -- the name it was added under (no folder)
    format    TEXT NOT NULL,           -- docx | pdf | text | markdown
    bytes     INTEGER NOT NULL,
    party     TEXT,
    date      TEXT NOT NULL,           -- YYYY-MM-DD or YYYY-MM-DDTHH:MM
    label     TEXT,
    added_at  TEXT NOT NULL,           -- UTC, ISO 8601
    document  TEXT NOT NULL            -- the parse, as redline.render.document.document_to_dict
);

-- one row per article, keyed by its normalised title (Article.key)
CREATE TABLE articles (
    id          INTEGER PRIMARY KEY,   -- also the order articles were first added
    key         TEXT NOT NULL UNIQUE,
    title       TEXT NOT NULL,
    number      TEXT,                  -- as printed (ARTICLE 12), the latest seen
    state       TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'ta', 'withdrawn')),
    state_date  TEXT,                  -- when it was TA'd or withdrawn
    ta_version  INTEGER REFERENCES versions(id),
    ta_initials TEXT
);

-- an article as it stands in one stored proposal
CREATE TABLE versions (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles(id),
    proposal_id INTEGER NOT NULL REFERENCES proposals(id),
    position    INTEGER NOT NULL,      -- index of the article in the proposal
    title       TEXT NOT NULL,
    number      TEXT,
    clauses     INTEGER NOT NULL,
    text_sha    TEXT NOT NULL,         -- SHA-256 of its clause texts, whitespace-normalised
    UNIQUE (article_id, proposal_id)
);
CREATE INDEX versions_by_article ON versions(article_id);

-- TA, withdrawal and reopening, for the session report
CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles(id),
    kind        TEXT NOT NULL CHECK (kind IN ('ta', 'withdraw', 'reopen')),
    date        TEXT NOT NULL,
    version_id  INTEGER REFERENCES versions(id),
    party       TEXT,
    initials    TEXT,
    recorded_at TEXT NOT NULL
);
CREATE INDEX events_by_article ON events(article_id);
""" + "\n" + SIGNATORIES_SCHEMA


def database_error(exc: sqlite3.Error, path: str) -> WorkspaceError:
    """A database failure as one line that says what to do (never a traceback)."""
    text = str(exc) or exc.__class__.__name__
    low = text.lower()
    if "readonly" in low or "read-only" in low or "permission" in low:
        what = (f"the workspace cannot be written ({text}): its database or its folder is "
                "read-only; reading commands still work")
    elif "locked" in low or "busy" in low:
        what = f"the workspace is busy or locked ({text}); try again"
    elif "full" in low:
        what = f"the workspace cannot be written ({text}); free some space and try again"
    elif isinstance(exc, (sqlite3.DatabaseError)) and not isinstance(
            exc, (sqlite3.IntegrityError, sqlite3.ProgrammingError,
                  sqlite3.InterfaceError)) and (
            "malformed" in low or "not a database" in low or "corrupt" in low
            or "disk i/o" in low or not isinstance(exc, sqlite3.OperationalError)):
        what = (f"the workspace database is damaged ({text}); nothing was written to it; "
                "restore .redline/redline.db from a backup")
    else:
        what = f"the workspace database failed ({text})"
    return WorkspaceError(what, path)


class _GuardedCursor(sqlite3.Cursor):
    """A cursor whose database failures are :class:`WorkspaceError`."""

    def _fail(self, exc: sqlite3.Error) -> WorkspaceError:
        return database_error(exc, getattr(self.connection, "path", ""))

    def execute(self, *args):  # type: ignore[override]
        try:
            return super().execute(*args)
        except sqlite3.Error as exc:
            raise self._fail(exc) from None

    def executemany(self, *args):  # type: ignore[override]
        try:
            return super().executemany(*args)
        except sqlite3.Error as exc:
            raise self._fail(exc) from None

    def fetchone(self):
        try:
            return super().fetchone()
        except sqlite3.Error as exc:
            raise self._fail(exc) from None

    def fetchmany(self, *args):  # type: ignore[override]
        try:
            return super().fetchmany(*args)
        except sqlite3.Error as exc:
            raise self._fail(exc) from None

    def fetchall(self):
        try:
            return super().fetchall()
        except sqlite3.Error as exc:
            raise self._fail(exc) from None

    def __next__(self):
        try:
            return super().__next__()
        except sqlite3.Error as exc:
            raise self._fail(exc) from None


class GuardedConnection(sqlite3.Connection):
    """A connection whose every statement (and every row fetched) turns a database failure
    (a damaged page, a read-only file, a full disk) into one :class:`WorkspaceError`."""

    path = ""

    def execute(self, *args):  # type: ignore[override]
        return self.cursor(_GuardedCursor).execute(*args)

    def executemany(self, *args):  # type: ignore[override]
        return self.cursor(_GuardedCursor).executemany(*args)


def connect(path: str) -> sqlite3.Connection:
    """A connection in autocommit mode: transactions are opened explicitly.

    WAL lets readers work while one command writes; ``synchronous=FULL`` makes a commit
    durable before the command reports success; the busy timeout makes a second command
    wait for the first instead of failing.  A database that cannot be written (a read-only
    file or folder) is opened read-only: reading commands work, writing ones say why not.
    """
    writable = _writable(path)
    try:
        if writable:
            db = _open(path, path)
        else:
            db = _open_read_only(path)
        db.path = path
        db.row_factory = sqlite3.Row
        db.execute(f"PRAGMA busy_timeout = {DEFAULT_BUSY_TIMEOUT_MS}")
        if writable:
            db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as exc:
        raise WorkspaceError(f"the workspace database cannot be opened ({exc})", path) from None
    return db


def _open(target: str, path: str, uri: bool = False) -> GuardedConnection:
    db = sqlite3.connect(target, timeout=DEFAULT_BUSY_TIMEOUT_MS / 1000, uri=uri,
                         isolation_level=None, factory=GuardedConnection)
    db.path = path
    return db


def _open_read_only(path: str) -> GuardedConnection:
    """A database we may not write: read-only, and ``immutable`` when SQLite cannot even
    make the shared-memory file a WAL database needs beside it (a read-only folder)."""
    from pathlib import Path

    base = Path(path).absolute().as_uri()
    db = _open(base + "?mode=ro", path, uri=True)
    try:
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return db
    except WorkspaceError:
        db.close()
    return _open(base + "?mode=ro&immutable=1", path, uri=True)


def _writable(path: str) -> bool:
    import os

    folder = os.path.dirname(os.path.abspath(path))
    return (not os.path.exists(path) or os.access(path, os.W_OK)) and os.access(
        folder, os.W_OK)


#: How much of SQLite's own account of a damaged page a message quotes.
_DETAIL_CHARS = 100


def check_integrity(db: sqlite3.Connection, path: str) -> None:
    """Refuse to write to a damaged database (a write could spread the damage)."""
    rows = [r[0] for r in db.execute("PRAGMA quick_check").fetchall()]
    if rows != ["ok"]:
        first = " ".join(str(rows[0]).split())
        first = first if len(first) <= _DETAIL_CHARS else first[:_DETAIL_CHARS] + "..."
        raise WorkspaceError(f"the workspace database is damaged ({first}); "
                             "nothing was written to it; restore .redline/redline.db from a "
                             "backup", path)


def create(db: sqlite3.Connection, meta: dict) -> None:
    """Create the schema and its metadata in one transaction."""
    db.execute("BEGIN IMMEDIATE")
    try:
        for statement in _statements(SCHEMA):
            db.execute(statement)
        db.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", sorted(meta.items()))
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def check_version(db: sqlite3.Connection, path: str) -> int:
    """The schema version of an existing workspace; refuses none and a newer one."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version == 0:
        raise WorkspaceError("not a redline workspace (no schema); run redline init", path)
    if version > SCHEMA_VERSION:
        raise WorkspaceError(f"made by a newer redline (schema {version}); upgrade redline",
                             path)
    return int(version)


def migrate(db: sqlite3.Connection, path: str) -> None:
    """Bring an older schema up to date in one transaction that only adds (a table, the
    version number): no stored row is rewritten or dropped, and a failure leaves the old
    schema as it was.  Called only on a workspace that can be written."""
    db.execute("BEGIN IMMEDIATE")
    try:
        version = check_version(db, path)  # again, under the write lock
        if version < 2:
            for statement in _statements(SIGNATORIES_SCHEMA):
                db.execute(statement)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _statements(script: str):
    # executescript() would COMMIT our transaction first; run the statements one by one
    buf = ""
    for line in script.splitlines():
        line = line.split("--", 1)[0]
        buf += line + "\n"
        if sqlite3.complete_statement(buf):
            if buf.strip():
                yield buf.strip()
            buf = ""
