"""Fast bulk inserts for large loads (the demo, the benchmark).

On SQLite the rows go straight to the driver's ``executemany``, with values converted the
way SQLAlchemy itself stores them (UTC ``YYYY-MM-DD HH:MM:SS.ffffff`` for moments, ISO
dates, 0/1 booleans); the converter is chosen once per column from its type. That skips
SQLAlchemy's per-value processing, most of the time of a large load. On PostgreSQL it is
``COPY`` (psycopg 3); elsewhere an ordinary SQLAlchemy ``insert``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Boolean, Column, Connection, Date, DateTime, Table, insert

from sip_tui.store.models import UtcDateTime


def _moment(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _flag(value: bool | None) -> int | None:
    return None if value is None else int(value)


def _converter(column: Column[Any]) -> Callable[[Any], Any] | None:
    kind = column.type
    if isinstance(kind, UtcDateTime | DateTime):
        return _moment
    if isinstance(kind, Date):
        return _day
    if isinstance(kind, Boolean):
        return _flag
    return None


def _copy(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """PostgreSQL: ``COPY … FROM STDIN`` through psycopg 3, many times faster than INSERT."""
    defaults = {
        column.name: column.default.arg  # type: ignore[attr-defined]
        for column in table.columns
        if column.default is not None and column.default.is_scalar
    }
    names = [c.name for c in table.columns if c.name in rows[0] or c.name in defaults]
    columns = ", ".join(f'"{name}"' for name in names)
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([row.get(name, defaults.get(name)) for name in names])


def bulk_insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        _copy(conn, table, rows)
        return
    if conn.dialect.name != "sqlite":
        conn.execute(insert(table), rows)
        return
    defaults = {
        column.name: column.default.arg  # type: ignore[attr-defined]
        for column in table.columns
        if column.default is not None and column.default.is_scalar
    }
    used = [c for c in table.columns if c.name in rows[0] or c.name in defaults]
    for row in rows:
        for name, value in defaults.items():
            row.setdefault(name, value)
    names = [c.name for c in used]
    converters = [(c.name, convert) for c in used if (convert := _converter(c)) is not None]
    for row in rows:
        for name, convert in converters:
            row[name] = convert(row[name])
    columns = ", ".join(f'"{name}"' for name in names)
    marks = ", ".join(f":{name}" for name in names)
    conn.exec_driver_sql(f'INSERT INTO "{table.name}" ({columns}) VALUES ({marks})', rows)
