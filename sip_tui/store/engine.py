"""Connecting to the database: URLs, engines, one-line errors, and the schema (Alembic).

Two backends behind one API:

* **SQLite** (the default, a file under the user data directory). Every connection gets
  ``PRAGMA busy_timeout`` (wait up to 5 s for another writer), ``foreign_keys=ON`` and
  ``journal_mode=WAL`` (readers never block the writer). The ``sqlite3`` driver's own
  "legacy" transaction handling is switched off (``isolation_level = None`` on connect) and
  SQLAlchemy emits ``BEGIN`` itself in a ``begin`` event, as the SQLAlchemy SQLite docs
  recommend ("Transactions with SQLite and the sqlite3 driver"). Without that the driver
  only begins a transaction before INSERT/UPDATE/DELETE: SELECTs would not be repeatable,
  DDL and SAVEPOINTs would escape the transaction. With it, everything between
  ``engine.begin()`` and its end is one SQLite transaction. :func:`begin_write` begins
  with ``BEGIN IMMEDIATE`` instead, taking the write lock up front (waiting up to the busy
  timeout) so that a transaction that reads and then writes cannot fail half-way with
  "database is locked" when another process wrote in between.
* **PostgreSQL** through psycopg 3: ``postgresql://`` and ``postgres://`` URLs are read as
  ``postgresql+psycopg://``; connections are checked before use (``pool_pre_ping``) and
  give up after 5 s (``connect_timeout``).

Errors from the drivers become :class:`~sip_tui.store.errors.StoreError` subclasses
inside :func:`translate_errors`, each one line naming the problem and the fix, with any
password masked. The schema is created and upgraded only by the Alembic migrations in
``sip_tui/store/migrations`` (:func:`upgrade`); :func:`check_schema` refuses a database
that is not at the newest revision.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import sys
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from sqlalchemy import URL, Connection, Engine, create_engine, event, inspect, make_url, text
from sqlalchemy.exc import ArgumentError, DBAPIError, DisconnectionError

from sip_tui.store.errors import (
    BadDatabaseUrl,
    DatabaseLocked,
    DatabaseMissing,
    DatabaseUnreachable,
    DiskFull,
    NotMigrated,
    ReadOnlyDatabase,
    StoreError,
)

if TYPE_CHECKING:
    import psycopg
    from alembic.config import Config

    from sip_tui.config import Settings

__all__ = [
    "BUSY_TIMEOUT_MS",
    "CONNECT_TIMEOUT_S",
    "DEAD_PEER",
    "MIGRATIONS",
    "BadDatabaseUrl",
    "DatabaseLocked",
    "DatabaseMissing",
    "DatabaseUnreachable",
    "DiskFull",
    "NotMigrated",
    "ReadOnlyDatabase",
    "SchemaUpgrade",
    "StoreError",
    "alembic_config",
    "begin_write",
    "check_schema",
    "current_revision",
    "database_url",
    "display_url",
    "file_identity",
    "head_revision",
    "make_engine",
    "parse_url",
    "translate_errors",
    "upgrade",
]

#: How long a SQLite connection waits for another writer before "database is locked".
BUSY_TIMEOUT_MS: Final = 5000
#: How long a PostgreSQL connection attempt may take.
CONNECT_TIMEOUT_S: Final = 5
#: A PostgreSQL connection whose server went silent (a network cut without a reset) is
#: given up within about 15 s instead of TCP's many minutes: keepalives on an idle
#: connection (the change feed's), ``tcp_user_timeout`` on one waiting for an answer.
DEAD_PEER: Final = {
    "keepalives": 1,
    "keepalives_idle": 5,
    "keepalives_interval": 2,
    "keepalives_count": 3,
    "tcp_user_timeout": 15_000,
}
#: The Alembic script directory (env.py, versions/), shipped inside the package.
MIGRATIONS: Final = Path(__file__).with_name("migrations")

_POSTGRESQL: Final = "postgresql+psycopg"
_DRIVERS: Final = {
    "sqlite": "sqlite",
    "sqlite+pysqlite": "sqlite",
    "postgresql": _POSTGRESQL,
    "postgres": _POSTGRESQL,
    "postgresql+psycopg": _POSTGRESQL,
}
_EXAMPLES: Final = "sqlite:////path/to/sip.db or postgresql://user@host/sip"
_WHERE: Final = "--db / SIP_TUI_DB"
#: Execution option read by the SQLite "begin" hook (see :func:`begin_write`).
_IMMEDIATE: Final = "sip_tui_begin_immediate"
#: Where a SQLite connection's record keeps the (device, inode) of the file it opened.
_FILE_IDENTITY: Final = "sip_tui_sqlite_file"
#: pg_advisory_xact_lock key serialising concurrent `sip-tui db upgrade` runs.
_MIGRATION_LOCK: Final = 0x5150_7475_6900


# --- URLs -------------------------------------------------------------------------------------


def database_url(cli_url: str | None, settings: Settings) -> str:
    """The URL to use: ``--db`` if given, else the settings (``SIP_TUI_DB``, file, default)."""
    if cli_url is not None and cli_url.strip():
        return cli_url.strip()
    return settings.store.resolved_url()


def parse_url(url: str | URL) -> URL:
    """``url`` checked and normalised (psycopg 3 for PostgreSQL, ``~`` expanded for SQLite).

    Raises :class:`BadDatabaseUrl` for anything that is not a SQLite or PostgreSQL URL.
    """
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        raise BadDatabaseUrl(
            f"{_mask_text(str(url))!r} is not a database URL; give one such as "
            f"{_EXAMPLES} ({_WHERE})"
        ) from None
    driver = _DRIVERS.get(parsed.drivername)
    if driver is None:
        raise BadDatabaseUrl(
            f"{display_url(parsed)}: sip-tui works with SQLite and PostgreSQL (psycopg) only; "
            f"give a URL such as {_EXAMPLES} ({_WHERE})"
        )
    parsed = parsed.set(drivername=driver)
    if driver == "sqlite" and not _in_memory(parsed):
        parsed = parsed.set(database=str(Path(str(parsed.database)).expanduser()))
    return parsed


def display_url(url: str | URL) -> str:
    """``url`` fit for a message or a log: password masked, no driver suffix."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return _mask_text(str(url))
    if parsed.drivername in _DRIVERS:
        sqlite = _DRIVERS[parsed.drivername] == "sqlite"
        parsed = parsed.set(drivername="sqlite" if sqlite else "postgresql")
    return parsed.render_as_string(hide_password=True)


def _mask_text(text: str) -> str:
    """Mask ``user:password@`` in a string that is not a parseable URL."""
    return re.sub(r"(://[^/:@\s]*:)[^@\s]*@", r"\1***@", " ".join(text.split()))


def _in_memory(url: URL) -> bool:
    return url.database in (None, "", ":memory:")


# --- engines ----------------------------------------------------------------------------------


def missing_sqlite_file(url: str | URL) -> Path | None:
    """The SQLite file ``url`` names when it does not exist (connecting would create it
    empty); ``None`` for an existing file, an in-memory database or PostgreSQL."""
    parsed = parse_url(url)
    if parsed.drivername != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    path = Path(str(parsed.database))
    return None if path.exists() else path


def make_engine(
    url: str | URL, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS, create: bool | None = None
) -> Engine:
    """An engine for a SQLite or PostgreSQL URL; connects lazily (on first use).

    SQLite: creates the file's directory, and sets the pragmas and transaction handling
    described in the module docstring. ``busy_timeout_ms`` is how long a SQLite connection
    waits for a lock. ``create``: may a connection create the SQLite file? By default only
    when it does not exist as the engine is made (``db upgrade``, the demo, a first run):
    an engine made for an existing file — the app's, the watch commands' — opens it
    ``mode=rw`` and never makes a new empty one when it is deleted or emptied while the app
    runs (:class:`DatabaseMissing`, :class:`NotMigrated`); a pooled connection whose file
    was deleted, replaced or emptied meanwhile is dropped before use. Raises
    :class:`BadDatabaseUrl` or, when the directory cannot be created,
    :class:`DatabaseUnreachable`.
    """
    parsed = parse_url(url)
    if parsed.drivername == "sqlite":
        return _sqlite_engine(parsed, busy_timeout_ms, create)
    connect_args: dict[str, Any] = {}
    if "connect_timeout" not in parsed.query:
        connect_args["connect_timeout"] = CONNECT_TIMEOUT_S
    if "application_name" not in parsed.query:
        connect_args["application_name"] = "sip-tui"
    connect_args.update((k, v) for k, v in DEAD_PEER.items() if k not in parsed.query)
    return create_engine(parsed, pool_pre_ping=True, connect_args=connect_args)


def _sqlite_engine(url: URL, busy_timeout_ms: int, create: bool | None) -> Engine:
    engine = create_engine(url)
    if not _in_memory(url):
        path = Path(str(url.database))
        if create is None:
            create = not path.exists()
        if create:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise DatabaseUnreachable(
                    f"the directory of the SQLite file {path} cannot be created "
                    f"({error.strerror or error}); check the path and {_WHERE}",
                    f"mappen för databasfilen {path} kan inte skapas",
                ) from error
            _create_private(engine, path)
        else:
            _open_existing(engine, path)
    _sqlite_pragmas(engine, int(busy_timeout_ms))
    return engine


def _create_private(engine: Engine, path: Path) -> None:
    @event.listens_for(engine, "do_connect")
    def _private_file(*_args: Any) -> None:
        # The file holds personal data and is one person's (a shared SQLite file
        # cannot keep users apart): created 0600, and SQLite gives its -wal and -shm
        # files the database file's mode.
        # Where we cannot create it (a read-only place), sqlite3's own error says so next.
        with contextlib.suppress(OSError):
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))


def _open_existing(engine: Engine, path: Path) -> None:
    """Connections to ``path`` that never create it: ``mode=rw`` (SQLite's own check, so no
    moment between a look and the open), an emptied file refused before SQLite would write
    a new header into it, and a pooled connection checked before each use."""

    @event.listens_for(engine, "do_connect")
    def _must_exist(_dialect: Any, record: Any, cargs: list[Any], cparams: dict[str, Any]) -> None:
        if cparams.get("uri"):
            return  # the user wrote a SQLite URI: theirs to say what it may do
        identity = file_identity(path)  # raises when it is gone or empty
        cargs[0] = f"file:{urllib.parse.quote(str(path))}?mode=rw"
        cparams["uri"] = True
        record.info[_FILE_IDENTITY] = identity

    @event.listens_for(engine, "checkout")
    def _still_there(_dbapi: Any, record: Any, _proxy: Any) -> None:
        # A connection keeps reading a deleted (unlinked) or replaced file as it was, and
        # one to an emptied file reads stale pages: use a new one, which says what is wrong.
        known = record.info.get(_FILE_IDENTITY)
        if known is None:
            return
        try:
            now = file_identity(path)
        except StoreError:
            now = None
        if now != known:
            raise DisconnectionError(f"the SQLite file {path} was deleted, replaced or emptied")


def file_identity(path: Path) -> tuple[int, int]:
    """(device, inode) of the existing, non-empty SQLite file ``path``; else the
    :class:`StoreError` that says what is wrong with it."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise _missing(path) from None
    except OSError as error:
        raise DatabaseUnreachable(
            f"the SQLite file {path} cannot be read ({error.strerror or error}); check the "
            f"path, its permissions and {_WHERE}",
            f"databasfilen {path} kan inte läsas",
        ) from error
    if stat.st_size == 0:
        raise NotMigrated(
            f"the SQLite file {path} is empty (0 bytes): its data is gone; restore it from "
            "a backup, or run `sip-tui db upgrade` for an empty database",
            f"databasfilen {path} är tom",
        )
    return stat.st_dev, stat.st_ino


def _missing(path: Path) -> DatabaseMissing:
    return DatabaseMissing(
        f"the SQLite file {path} is missing (deleted or moved); sip-tui does not create a "
        f"new empty one while it runs; restore the file or check {_WHERE}",
        f"databasfilen {path} saknas",
    )


def _sqlite_pragmas(engine: Engine, timeout: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # SQLAlchemy, not the driver, decides where transactions begin (see _on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            # busy_timeout first: switching to WAL may itself have to wait for a lock.
            cursor.execute(f"PRAGMA busy_timeout = {timeout}")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA journal_mode = WAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        options = connection.get_execution_options()
        if options.get("isolation_level") == "AUTOCOMMIT":
            return
        connection.exec_driver_sql("BEGIN IMMEDIATE" if options.get(_IMMEDIATE) else "BEGIN")


@contextmanager
def begin_write(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction meant to write; committed at the end, rolled back on error.

    On SQLite it begins with ``BEGIN IMMEDIATE``: the write lock is taken (or waited for)
    at the start, so the transaction never has to upgrade a read lock later, which SQLite
    refuses at once in WAL mode when another connection has written meanwhile. On
    PostgreSQL it is an ordinary transaction.
    """
    with engine.connect() as connection:
        connection.execution_options(**{_IMMEDIATE: True})
        with connection.begin():
            yield connection


# --- errors -----------------------------------------------------------------------------------


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


# --- the schema -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SchemaUpgrade:
    """What :func:`upgrade` did: the revision before and after (``None``: no schema)."""

    database: str  # display_url(): fit for a message
    before: str | None
    after: str | None

    @property
    def changed(self) -> bool:
        return self.before != self.after


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config for the packaged migrations; ``connection`` is used by env.py."""
    from alembic.config import Config  # Alembic loads only to migrate (startup time)

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


#: The migrations' revisions, oldest first; the last is the schema this program needs.
#: Kept here so that starting the app need not load Alembic; a test checks it against
#: the migration scripts.
REVISIONS: Final = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008")


def head_revision() -> str:
    """The newest schema revision this program knows."""
    return REVISIONS[-1]


def current_revision(engine: Engine) -> str | None:
    """The database's schema revision, ``None`` when it has none (an empty database)."""
    with translate_errors(engine), engine.connect() as connection:
        return _revision_of(connection)


def _revision_of(connection: Connection) -> str | None:
    """Read ``alembic_version`` with plain SQL (no Alembic import at startup)."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
    found = list(versions)
    return found[0] if found else None


def check_schema(engine: Engine) -> None:
    """Raise :class:`NotMigrated` unless the database is at :func:`head_revision`.

    Also raises the other :class:`StoreError` subclasses when it cannot connect.
    """
    _check_revision(engine.url, current_revision(engine), allow_older=False)


def _check_revision(url: URL, revision: str | None, *, allow_older: bool) -> None:
    head = head_revision()
    if revision == head:
        return
    shown = display_url(url)
    if revision is not None and revision not in REVISIONS:
        raise NotMigrated(
            f"the database {shown} has schema revision {revision}, newer than this sip-tui "
            f"knows ({head}); upgrade sip-tui"
        )
    if not allow_older:
        found = (
            "no sip-tui schema"
            if revision is None
            else f"an older sip-tui schema (revision {revision}, this sip-tui needs {head})"
        )
        raise NotMigrated(f"the database {shown} has {found}; run `sip-tui db upgrade`")


def upgrade(target: str | URL | Engine) -> SchemaUpgrade:
    """Bring an empty or older database to the newest schema; nothing to do is no change.

    One transaction on both backends (SQLite with ``BEGIN IMMEDIATE``; PostgreSQL under an
    advisory lock), so concurrent upgrades run one after the other and a failed one leaves
    the database as it was. An engine passed in stays open; one made here is disposed.
    """
    engine = target if isinstance(target, Engine) else make_engine(target, create=True)
    try:
        with translate_errors(engine), begin_write(engine) as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK}
                )
            before = _revision_of(connection)
            _check_revision(engine.url, before, allow_older=True)
            from alembic import command

            command.upgrade(alembic_config(connection), "head")
            after = _revision_of(connection)
    finally:
        if engine is not target:
            engine.dispose()
    return SchemaUpgrade(display_url(engine.url), before, after)
