"""Connecting to the database: URLs and engines (the drivers' errors are translated in
:mod:`sip_tui.store.translate`, the schema is :mod:`sip_tui.store.schema`).

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

"""

from __future__ import annotations

import contextlib
import os
import re
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from sqlalchemy import URL, Connection, Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError, DisconnectionError

from sip_tui.config_sections import url_has_password
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
    "StoreError",
    "begin_write",
    "database_url",
    "display_url",
    "file_identity",
    "make_engine",
    "parse_url",
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
#: One frozen client (a process stopped mid-transaction) must not block a case for
#: everybody: a PostgreSQL session waits at most ``LOCK_TIMEOUT_S`` for a row another holds
#: (then a Swedish refusal: try again), and the server ends a transaction left idle for
#: ``IDLE_IN_TRANSACTION_S``. No statement timeout: the demo's and the migrations' long
#: statements are legitimate.
LOCK_TIMEOUT_S: Final = 5
IDLE_IN_TRANSACTION_S: Final = 30
SESSION_LIMITS: Final = (
    f"-c lock_timeout={LOCK_TIMEOUT_S * 1000} "
    f"-c idle_in_transaction_session_timeout={IDLE_IN_TRANSACTION_S * 1000}"
)
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


# --- URLs -------------------------------------------------------------------------------------


def database_url(cli_url: str | None, settings: Settings) -> str:
    """The URL to use: ``--db`` if given, else the settings (``SIP_TUI_DB``, file, default).

    A ``--db`` URL holding a password raises :class:`BadDatabaseUrl`: the command line is
    visible to every user in ``ps``. ``SIP_TUI_DB`` may hold one (a process's environment is
    readable by its owner only), and so may a config file readable by its owner only
    (:func:`sip_tui.config.load_settings` refuses one that others can read).
    """
    if cli_url is not None and cli_url.strip():
        if url_has_password(cli_url):
            raise BadDatabaseUrl(
                f"--db {display_url(cli_url.strip())}: a password on the command line is "
                "visible to every user (ps); put it in ~/.pgpass, PGPASSWORD, SIP_TUI_DB or "
                "the config file (chmod 600) instead"
            )
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
    text = parsed.render_as_string(hide_password=True)
    return re.sub(r"([?&]password=)[^&]*", r"\1***", text)  # libpq's ?password=


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
    if "options" not in parsed.query:
        connect_args["options"] = SESSION_LIMITS
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
