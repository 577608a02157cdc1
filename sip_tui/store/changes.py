"""The change feed: tell listeners, in any process, that some units' overviews changed.

PostgreSQL: the service sends ``NOTIFY sip_changes, '<unit>,<unit>'`` in the transaction
that made the change (delivered only if it commits); a listener holds its own connection
with ``LISTEN``. SQLite: there is no server to notify, so the same call bumps the units'
rows in ``change_counter`` (one new sequence number per write), and a listener polls
``PRAGMA data_version``, which changes when another connection commits — cheap, a page
read at most. Only when it moved does the listener read the counter rows newer than the
last sequence it saw: a commit that changed no overview (an access-log line written when
a case is opened) wakes nobody. Either way, ``wait()`` returns the units that changed
(``{"*"}`` when the backend cannot say which), or an empty set when nothing happened
within the timeout.
"""

from __future__ import annotations

import sqlite3
import time
import urllib.parse
from pathlib import Path
from typing import Protocol

from sqlalchemy import Connection, Engine, text

from sip_tui.store.engine import DEAD_PEER, file_identity
from sip_tui.store.errors import DatabaseUnreachable

CHANNEL = "sip_changes"
ANY_UNIT = "*"
_MAX_PAYLOAD = 7_900  # PostgreSQL's limit is 8000 bytes
SQLITE_POLL_SECONDS = 0.25


def notify(conn: Connection, units: set[str]) -> None:
    """Queue a notification for ``units``; sent when the transaction commits."""
    if not units:
        return
    if conn.dialect.name == "sqlite":
        _bump_counters(conn, units)
        return
    if conn.dialect.name != "postgresql":
        return
    payload = ",".join(sorted(units))
    if len(payload.encode()) > _MAX_PAYLOAD:
        payload = ANY_UNIT
    conn.execute(
        text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": payload}
    )


def _bump_counters(conn: Connection, units: set[str]) -> None:
    """Give ``units`` one new sequence number (writers are serialised by ``BEGIN
    IMMEDIATE``, so every commit gets a larger one than the last)."""
    seq = conn.execute(text("SELECT coalesce(max(seq), 0) + 1 FROM change_counter")).scalar_one()
    conn.execute(
        text(
            "INSERT INTO change_counter (unit, seq) VALUES (:unit, :seq) "
            "ON CONFLICT (unit) DO UPDATE SET seq = excluded.seq"
        ),
        [{"unit": unit, "seq": seq} for unit in sorted(units)],
    )


class ChangeListener(Protocol):
    def wait(self, timeout: float) -> set[str]:
        """Block up to ``timeout`` seconds; the units that changed, or an empty set."""
        ...

    def close(self) -> None: ...


class PostgresListener:
    def __init__(self, dsn: str) -> None:
        import psycopg  # only for PostgreSQL stores
        from psycopg.conninfo import make_conninfo

        # The feed's connection is idle most of the time: keepalives tell a silent server.
        conninfo = make_conninfo(dsn, **_dead_peer(dsn))
        self._conn = psycopg.connect(conninfo, autocommit=True, connect_timeout=5)
        self._conn.execute(f"LISTEN {CHANNEL}")

    def wait(self, timeout: float) -> set[str]:
        units: set[str] = set()
        for note in self._conn.notifies(timeout=timeout, stop_after=1):
            units.update(note.payload.split(","))
        # Drain what else has arrived, so one wake-up covers a burst of changes.
        for note in self._conn.notifies(timeout=0.01):
            units.update(note.payload.split(","))
        return units

    def close(self) -> None:
        self._conn.close()


def _dead_peer(dsn: str) -> dict[str, int]:
    """``DEAD_PEER`` but what the URL sets itself."""
    return {key: value for key, value in DEAD_PEER.items() if f"{key}=" not in dsn}


class SqliteListener:
    """Polls ``PRAGMA data_version``. Opens the file ``mode=rw`` (never creates it), and
    at every poll checks that it is still the file it opened: a connection to a deleted or
    replaced file would go on reading the old one, and wait for ever."""

    def __init__(self, path: str, poll_seconds: float = SQLITE_POLL_SECONDS) -> None:
        self._path = Path(path)
        self._file = file_identity(self._path)  # raises when it is gone or empty
        uri = f"file:{urllib.parse.quote(path)}?mode=rw"
        self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._poll = poll_seconds
        self._version = self._data_version()
        self._seq = int(
            self._conn.execute("SELECT coalesce(max(seq), 0) FROM change_counter").fetchone()[0]
        )

    def _data_version(self) -> int:
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def _changed_units(self) -> set[str]:
        rows = self._conn.execute(
            "SELECT unit, seq FROM change_counter WHERE seq > ?", (self._seq,)
        ).fetchall()
        if rows:
            self._seq = max(int(seq) for _, seq in rows)
        return {str(unit) for unit, _ in rows}

    def wait(self, timeout: float) -> set[str]:
        deadline = time.monotonic() + timeout
        while True:
            if file_identity(self._path) != self._file:
                raise DatabaseUnreachable(
                    f"the SQLite file {self._path} was replaced",
                    f"databasfilen {self._path} har bytts ut",
                )
            version = self._data_version()
            if version != self._version:
                self._version = version
                units = self._changed_units()
                if units:
                    return units
            left = deadline - time.monotonic()
            if left <= 0:
                return set()
            time.sleep(min(self._poll, left))

    def close(self) -> None:
        self._conn.close()


def listener_for(engine: Engine) -> ChangeListener:
    """A listener on the same database as ``engine`` (its own connection)."""
    url = engine.url
    if url.get_backend_name() == "postgresql":
        dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
        return PostgresListener(dsn)
    if url.get_backend_name() == "sqlite" and url.database:
        return SqliteListener(url.database)
    raise ValueError(f"no change feed for {url.render_as_string()}")
