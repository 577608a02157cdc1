"""The downtime journal in the local store (``journal_entry``): the notes a user wrote
while the shared store was down, kept per shared store (:func:`sip_tui.local.db.store_key`)
until they are marked registered. Works with no shared store at all."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from sip_tui.domain.clock import to_stockholm
from sip_tui.domain.journal import Direction, JournalEntry, Registrar, Step
from sip_tui.domain.journal import mark_done as marked
from sip_tui.local.db import ensure, opened

TABLE = """
CREATE TABLE IF NOT EXISTS journal_entry (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    store TEXT NOT NULL,
    unit TEXT NOT NULL,
    at TEXT NOT NULL,
    login TEXT NOT NULL,
    signature TEXT NOT NULL,
    direction TEXT NOT NULL,
    person TEXT NOT NULL,
    unit_name TEXT NOT NULL,
    unit_code TEXT NOT NULL,
    information TEXT NOT NULL,
    personnummer TEXT NOT NULL,
    individual_name TEXT NOT NULL,
    step TEXT NOT NULL,
    meeting_at TEXT,
    registrar TEXT NOT NULL,
    done_at TEXT,
    done_by TEXT
)"""
INDEX = "CREATE INDEX IF NOT EXISTS ix_journal_entry_store ON journal_entry (store, at)"
COLUMNS = (
    "unit",
    "at",
    "login",
    "signature",
    "direction",
    "person",
    "unit_name",
    "unit_code",
    "information",
    "personnummer",
    "individual_name",
    "step",
    "meeting_at",
    "registrar",
    "done_at",
    "done_by",
)


def _ready(connection: sqlite3.Connection) -> sqlite3.Connection:
    ensure(connection, TABLE, INDEX)
    return connection


def add(store: str, entry: JournalEntry, path: Path | None = None) -> JournalEntry:
    """Keep ``entry`` (checked by ``domain.journal.check_entry``) for ``store``; the entry
    with its id."""
    values = _values(entry)
    with opened(path) as connection:
        cursor = _ready(connection).execute(
            f"INSERT INTO journal_entry (store, {', '.join(COLUMNS)}) "
            f"VALUES (?, {', '.join('?' for _ in COLUMNS)})",
            (store, *values),
        )
        new_id = cursor.lastrowid
    assert new_id is not None
    return replace(entry, id=new_id)


def entries(store: str, unit: str | None = None, path: Path | None = None) -> list[JournalEntry]:
    """The notes for ``store``, newest first; with ``unit``, only that unit's and those
    written where the unit was not known (in ``sip-tui downtime``)."""
    query = f"SELECT id, {', '.join(COLUMNS)} FROM journal_entry WHERE store = ?"
    parameters: tuple[str, ...] = (store,)
    if unit is not None:
        query += " AND unit IN (?, '')"
        parameters += (unit,)
    with opened(path) as connection:
        rows = _ready(connection).execute(query + " ORDER BY at DESC, id DESC", parameters)
        return [_entry(row) for row in rows.fetchall()]


def mark_done(
    store: str, entry_id: int, login: str, at: datetime, path: Path | None = None
) -> JournalEntry:
    """Mark the note registered by ``login`` at ``at`` (the domain refuses one already
    done); the note as it now is. A ``KeyError`` for an id the store does not have."""
    with opened(path) as connection:
        row = (
            _ready(connection)
            .execute(
                f"SELECT id, {', '.join(COLUMNS)} FROM journal_entry WHERE store = ? AND id = ?",
                (store, entry_id),
            )
            .fetchone()
        )
        if row is None:
            raise KeyError(entry_id)
        done = marked(_entry(row), login, at)
        connection.execute(
            "UPDATE journal_entry SET done_at = ?, done_by = ? WHERE id = ?",
            (_moment(done.done_at), done.done_by, entry_id),
        )
    return done


def _moment(moment: datetime | None) -> str | None:
    return None if moment is None else to_stockholm(moment).isoformat()


def _read_moment(text: str | None) -> datetime | None:
    return None if text is None else to_stockholm(datetime.fromisoformat(text))


def _values(entry: JournalEntry) -> tuple[object, ...]:
    return (
        entry.unit,
        _moment(entry.at),
        entry.login,
        entry.signature,
        entry.direction.value,
        entry.person,
        entry.unit_name,
        entry.unit_code,
        entry.information,
        entry.personnummer,
        entry.individual_name,
        entry.step.value,
        _moment(entry.meeting_at),
        entry.registrar.value,
        _moment(entry.done_at),
        entry.done_by,
    )


def _entry(row: tuple[object, ...]) -> JournalEntry:
    values = dict(zip(("id", *COLUMNS), row, strict=True))
    at = _read_moment(str(values["at"]))
    assert at is not None
    return JournalEntry(
        id=int(str(values["id"])),
        at=at,
        login=str(values["login"]),
        signature=str(values["signature"]),
        direction=Direction(str(values["direction"])),
        person=str(values["person"]),
        unit_name=str(values["unit_name"]),
        information=str(values["information"]),
        personnummer=str(values["personnummer"]),
        individual_name=str(values["individual_name"]),
        step=Step(str(values["step"])),
        registrar=Registrar(str(values["registrar"])),
        unit_code=str(values["unit_code"]),
        meeting_at=_read_moment(_text(values["meeting_at"])),
        unit=str(values["unit"]),
        done_at=_read_moment(_text(values["done_at"])),
        done_by=_text(values["done_by"]),
    )


def _text(value: object) -> str | None:
    return None if value is None else str(value)
