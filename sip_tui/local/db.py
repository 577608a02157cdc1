"""The local store: one SQLite file per OS user in the user data directory
(``platformdirs.user_data_path("sip-tui") / "local.sqlite3"``), created 0600 in a 0700
folder, opened with the standard library's ``sqlite3`` (fast to import, works when the
shared store is down).

Each module that keeps something here owns its table and creates it with
:func:`ensure` (``CREATE TABLE IF NOT EXISTS …``) before it reads or writes. Rows that
belong to one shared store carry :func:`store_key` of its URL (a hash without the
password), so a demo and a real database never see each other's drafts or caches.

A connection is short-lived: open it, do one thing in ``with connection:`` (one
transaction), close it. Several sip-tui processes of the same user may use the file at
once (WAL, a busy timeout)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

FILE_NAME = "local.sqlite3"
BUSY_TIMEOUT_MS = 3000


def local_folder() -> Path:
    """The user's sip-tui data folder (XDG_DATA_HOME honoured), created 0700."""
    from platformdirs import user_data_path

    folder = user_data_path("sip-tui")
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def local_path() -> Path:
    return local_folder() / FILE_NAME


def _private(path: Path) -> None:
    """Create ``path`` readable by the user only (SQLite gives its ``-wal`` and ``-shm``
    files the database file's mode)."""
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    os.chmod(path, 0o600)


def connect(path: Path | None = None) -> sqlite3.Connection:
    """A connection to the local store (created 0600 if new). Autocommit off: use
    ``with connection:`` for one transaction."""
    path = path or local_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    _private(path)
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA journal_mode = WAL")
    return connection


@contextmanager
def opened(path: Path | None = None) -> Iterator[sqlite3.Connection]:
    """``with opened() as connection:`` — one transaction, committed on success, then
    closed."""
    with closing(connect(path)) as connection, connection:
        yield connection


def ensure(connection: sqlite3.Connection, *ddl: str) -> None:
    """Run each ``CREATE … IF NOT EXISTS`` statement (a module's own tables)."""
    for statement in ddl:
        connection.execute(statement)


def store_key(url: str) -> str:
    """Which shared store a local row belongs to: a short hash of its URL with any
    password left out (the file never holds a password)."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        credentials, host = netloc.rsplit("@", 1)
        netloc = credentials.split(":", 1)[0] + "@" + host
    cleaned = urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
    return hashlib.sha256(cleaned.encode()).hexdigest()[:16]
