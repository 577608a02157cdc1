"""The phone list's local copy (``phone_list``, ``phone_list_read``): every unit's
switchboard and direct number as last read from a shared store, and when, so the
downtime desk has them when that store is down (seed 002)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sip_tui.domain.clock import to_stockholm
from sip_tui.domain.contacts import Contact
from sip_tui.local.db import ensure, opened

TABLES = (
    """CREATE TABLE IF NOT EXISTS phone_list (
        store TEXT NOT NULL,
        code TEXT NOT NULL,
        name TEXT NOT NULL,
        short_name TEXT NOT NULL,
        switchboard TEXT NOT NULL,
        direct_phone TEXT NOT NULL,
        PRIMARY KEY (store, code)
    )""",
    """CREATE TABLE IF NOT EXISTS phone_list_read (
        store TEXT PRIMARY KEY,
        read_at TEXT NOT NULL
    )""",
)


@dataclass(frozen=True)
class PhoneList:
    """The units' numbers and when they were read from the store (``None``: never)."""

    contacts: list[Contact] = field(default_factory=list)
    read_at: datetime | None = None


def _ready(connection: sqlite3.Connection) -> sqlite3.Connection:
    ensure(connection, *TABLES)
    return connection


def save(store: str, contacts: Iterable[Contact], at: datetime, path: Path | None = None) -> None:
    """Replace the copy of ``store``'s phone list with ``contacts``, read at ``at``."""
    rows = [(store, c.code, c.name, c.short_name, c.switchboard, c.direct_phone) for c in contacts]
    with opened(path) as connection:
        _ready(connection).execute("DELETE FROM phone_list WHERE store = ?", (store,))
        connection.executemany("INSERT INTO phone_list VALUES (?, ?, ?, ?, ?, ?)", rows)
        connection.execute(
            "INSERT INTO phone_list_read (store, read_at) VALUES (?, ?) "
            "ON CONFLICT (store) DO UPDATE SET read_at = excluded.read_at",
            (store, to_stockholm(at).isoformat()),
        )


def cached(store: str, path: Path | None = None) -> PhoneList:
    """The last copy of ``store``'s phone list (empty, ``read_at`` ``None``, if none)."""
    with opened(path) as connection:
        rows = (
            _ready(connection)
            .execute(
                "SELECT code, name, short_name, switchboard, direct_phone FROM phone_list "
                "WHERE store = ? ORDER BY name, code",
                (store,),
            )
            .fetchall()
        )
        read = connection.execute(
            "SELECT read_at FROM phone_list_read WHERE store = ?", (store,)
        ).fetchone()
    at = None if read is None else to_stockholm(datetime.fromisoformat(read[0]))
    return PhoneList([Contact(*row) for row in rows], at)
