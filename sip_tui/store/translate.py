r"""The drivers' errors as one-line :class:`~sip_tui.store.errors.StoreError`\ s:
:func:`translate_errors` around every use of a database turns sqlite3's and psycopg's
"cannot use this database" errors (unreachable, locked, missing, emptied, read-only, a
full disk, not migrated) into one line naming the problem and the fix, in English for the
command line and Swedish for the app (``error.swedish``), with any password masked.
Errors about the data (integrity, syntax, …) pass through unchanged."""

from __future__ import annotations

import re
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from sip_tui.store.errors import (
    AccessRefused,
    BadDatabaseUrl,
    DatabaseLocked,
    DatabaseUnreachable,
    DiskFull,
    NotMigrated,
    ReadOnlyDatabase,
    StoreError,
    WriteRefused,
)

if TYPE_CHECKING:
    import psycopg


from sip_tui.store.engine import (
    _WHERE,
    IDLE_IN_TRANSACTION_S,
    LOCK_TIMEOUT_S,
    _in_memory,
    _mask_text,
    _missing,
    display_url,
)


@contextmanager
def translate_errors(target: str | URL | Engine) -> Iterator[None]:
    """Turn the drivers' "cannot use this database" errors into :class:`StoreError`.

    ``target`` names the database in the messages (its password masked). Covers SQLAlchemy
    errors wrapping sqlite3 or psycopg ones, and raw sqlite3 / psycopg errors. Errors about
    the data (integrity, syntax, ...) pass through unchanged.
    """
    try:
        yield
    except StoreError:
        raise
    except Exception as error:
        if not isinstance(error, (DBAPIError, sqlite3.Error, *_psycopg_errors())):
            raise
        translated = _translate(error, target)
        if translated is None:
            raise
        raise translated from error


def _psycopg_errors() -> tuple[type[Exception], ...]:
    """psycopg's error class, if psycopg is loaded: a program that never loaded it (SQLite
    only) cannot meet its errors, and need not pay for importing it (startup time)."""
    module = sys.modules.get("psycopg")
    return (module.Error,) if module is not None else ()


def _translate(error: Exception, target: str | URL | Engine) -> StoreError | None:
    url = target.url if isinstance(target, Engine) else target
    original = error.orig if isinstance(error, DBAPIError) else error
    if isinstance(original, sqlite3.Error):
        return _translate_sqlite(original, _sqlite_path(url))
    if isinstance(original, _psycopg_errors()):
        return _translate_postgresql(original, display_url(url))  # type: ignore[arg-type]
    return None


def _translate_sqlite(error: sqlite3.Error, path: str) -> StoreError | None:
    name = getattr(error, "sqlite_errorname", "") or ""
    reason = str(error)
    gone = path != ":memory:" and not Path(path).exists()
    if name.startswith("SQLITE_BUSY") or reason == "database is locked":
        return DatabaseLocked(
            f"the SQLite file {path} is locked by another program; close it or try again",
            f"databasfilen {path} är låst av ett annat program",
        )
    if name == "SQLITE_FULL" or reason == "database or disk is full":
        return DiskFull(
            f"the disk of the SQLite file {path} is full; make room on it and try again",
            f"disken där databasfilen {path} ligger är full",
        )
    if gone and (
        name.startswith(("SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_IOERR"))
        or reason in ("unable to open database file", "attempt to write a readonly database")
        or reason.startswith("no such table")
    ):
        return _missing(Path(path))
    if name.startswith(("SQLITE_LOCKED", "SQLITE_PROTOCOL")):
        return DatabaseLocked(
            f"the SQLite file {path} is locked by another program; close it or try again",
            f"databasfilen {path} är låst av ett annat program",
        )
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_NOLFS", "SQLITE_NOMEM")) or (
        reason == "unable to open database file"
    ):
        return DatabaseUnreachable(
            f"the SQLite file {path} cannot be opened ({reason}); check the path, its "
            f"permissions and {_WHERE}",
            f"databasfilen {path} kan inte öppnas",
        )
    if name == "SQLITE_NOTADB" or reason == "file is not a database":
        return BadDatabaseUrl(
            f"the file {path} is not a SQLite database; check {_WHERE}",
            f"filen {path} är ingen databas",
        )
    if name.startswith("SQLITE_READONLY") or reason == "attempt to write a readonly database":
        return ReadOnlyDatabase(
            f"the SQLite file {path} is read-only ({reason}); check its permissions",
            f"databasfilen {path} är skrivskyddad",
        )
    if name.startswith("SQLITE_IOERR") or reason == "disk I/O error":
        return DatabaseUnreachable(
            f"the SQLite file {path} cannot be read or written ({reason}); check the disk",
            f"databasfilen {path} kan inte läsas eller skrivas (fel på disken)",
        )
    if name.startswith("SQLITE_CORRUPT") or reason == "database disk image is malformed":
        return DatabaseUnreachable(
            f"the SQLite file {path} is damaged ({reason}); restore it from a backup",
            f"databasfilen {path} är skadad",
        )
    if reason.startswith("no such table"):
        return _not_migrated(f"the SQLite file {path}", reason, f"databasfilen {path}")
    return None


def _translate_postgresql(error: psycopg.Error, shown: str) -> StoreError | None:
    state = error.sqlstate or ""
    if state == "42P01":  # undefined_table
        return _not_migrated(
            f"the database {shown}", _first_line(str(error)), f"databasen {_server(shown)}"
        )
    if state == "53100":  # disk_full
        return DiskFull(
            f"the disk of the database server at {shown} is full; tell its administrator",
            f"disken på databasservern {_server(shown)} är full",
        )
    if state == "55P03":  # lock_not_available: lock_timeout (engine.SESSION_LIMITS)
        return DatabaseLocked(
            f"a row at {shown} stayed locked by another session for more than "
            f"{LOCK_TIMEOUT_S} s; try again",
            f"ärendet ändras av någon annan just nu (låst i mer än {LOCK_TIMEOUT_S} sekunder)",
        )
    if state == "25P03":  # idle_in_transaction_session_timeout: this process stood still
        return WriteRefused(
            f"the server at {shown} ended a transaction left idle for more than "
            f"{IDLE_IN_TRANSACTION_S} s; try again",
            "databasen avbröt en ändring som väntat för länge",
        )
    if state == "42501":  # insufficient_privilege: grants, row-level security (0009)
        return AccessRefused(
            f"the database at {shown} refused this account: {_first_line(str(error))}; "
            "ask the sip-tui administrator for the access you need",
            "databasen nekade åtkomst för ditt konto",
        )
    if state == "25006":  # read_only_sql_transaction (a standby, a read-only database)
        return ReadOnlyDatabase(
            f"the database at {shown} is read-only now ({_first_line(str(error))})",
            f"databasen {_server(shown)} är skrivskyddad just nu",
        )
    import psycopg

    # No SQLSTATE: the connection broke; 08 connection, 28 authorisation, 3D no such
    # database, 53 insufficient resources (too many connections, out of memory), 57
    # operator intervention (shut down, cancelled), 58 the server's system errors.
    unreachable = isinstance(error, psycopg.OperationalError) and (
        not state or state.startswith(("08", "28", "3D", "53", "57", "58"))
    )
    if unreachable:
        return DatabaseUnreachable(
            f"database at {shown} is unreachable ({_connection_reason(error)}); "
            f"check the server and {_WHERE}",
            f"databasservern {_server(shown)} svarar inte",
        )
    return None


def _server(shown: str) -> str:
    """``host:port/database`` of a displayed PostgreSQL URL: what a user can tell support."""
    return shown.split("@", 1)[-1].removeprefix("postgresql://")


def _connection_reason(error: psycopg.Error) -> str:
    """``Connection refused`` out of psycopg's 'connection failed: ... failed: ...' text."""
    message = _first_line(str(error))
    if "failed: " in message:
        message = message.rsplit("failed: ", 1)[1]
    message = re.sub(r"^(FATAL|ERROR):\s+", "", message).strip()
    message = message[:1].lower() + message[1:]
    return _mask_text(message) or type(error).__name__


def _first_line(message: str) -> str:
    return message.strip().splitlines()[0].strip() if message.strip() else ""


def _not_migrated(database: str, reason: str, swedish: str) -> NotMigrated:
    return NotMigrated(
        f"{database} has no sip-tui schema or an older one ({reason}); run `sip-tui db upgrade`",
        f"{swedish} saknar sip-tui:s tabeller",
    )


def _sqlite_path(url: str | URL) -> str:
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return _mask_text(str(url))
    return ":memory:" if _in_memory(parsed) else str(parsed.database)
