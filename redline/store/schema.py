"""The workspace's SQLite schema and how every connection to it is opened.

The database holds rows only; the proposals' bytes live in the object store beside it
(:mod:`redline.store.objects`).  ``PRAGMA user_version`` is the schema version, so a newer
schema is refused rather than misread.
"""
from __future__ import annotations

import sqlite3

from ..errors import WorkspaceError

SCHEMA_VERSION = 1

#: How long a command waits for another command's write transaction before giving up (ms).
DEFAULT_BUSY_TIMEOUT_MS = 30_000

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
"""


def connect(path: str) -> sqlite3.Connection:
    """A connection in autocommit mode: transactions are opened explicitly.

    WAL lets readers work while one command writes; ``synchronous=FULL`` makes a commit
    durable before the command reports success; the busy timeout makes a second command
    wait for the first instead of failing.
    """
    try:
        db = sqlite3.connect(path, timeout=DEFAULT_BUSY_TIMEOUT_MS / 1000,
                             isolation_level=None)
        db.row_factory = sqlite3.Row
        db.execute(f"PRAGMA busy_timeout = {DEFAULT_BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as exc:
        raise WorkspaceError(f"the workspace database cannot be opened ({exc})", path) from None
    return db


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


def check_version(db: sqlite3.Connection, path: str) -> None:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version == 0:
        raise WorkspaceError("not a redline workspace (no schema); run redline init", path)
    if version > SCHEMA_VERSION:
        raise WorkspaceError(f"made by a newer redline (schema {version}); upgrade redline",
                             path)


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
