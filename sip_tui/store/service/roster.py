"""The watch roster in the store: read a unit's roster, change it (its manager only,
access-logged), and who is on watch on a day (the domain decides: ``domain.watch``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import astuple
from datetime import date
from typing import Any

from sqlalchemy import Connection, Table, delete, insert, select, tuple_

from sip_tui.domain.session import Session
from sip_tui.domain.watch import (
    Dated,
    OnWatch,
    Period,
    Roster,
    RosterChange,
    Weekly,
    change_roster,
    describe,
    on_watch,
)
from sip_tui.store import models as t
from sip_tui.store.errors import UnknownUnit
from sip_tui.store.models import table_of
from sip_tui.store.service.pipeline import MEMBERSHIP, UNIT, USER, StoreBase

WEEKLY: Table = table_of(t.WatchWeekly)
DATED: Table = table_of(t.WatchDated)
ABSENCE: Table = table_of(t.Absence)
COVER: Table = table_of(t.WatchCover)


class RosterStore(StoreBase):
    """Roster reads and writes (mixed into :class:`~sip_tui.store.service.api.Store`)."""

    def unit_name(self, unit: str) -> str:
        """The unit's name; :class:`UnknownUnit` (one line, exit 2 on the command line)
        when the store has no such unit."""
        with self._read() as conn:
            name = conn.execute(select(UNIT.c.name).where(UNIT.c.code == unit)).scalar()
        if name is None:
            raise UnknownUnit(f"unknown unit {unit!r}: no unit has that code in this database")
        return str(name)

    def roster(self, unit: str) -> Roster:
        """The unit's roster: its members, weekly and dated watches, covers, and the
        members' absences."""
        with self._read() as conn:
            return _read_roster(conn, unit)

    def on_watch(self, unit: str, day: date) -> OnWatch:
        """Who watches the unit's mailbox on ``day`` (watchers, else covers)."""
        return on_watch(self.roster(unit), day, self.calendar)

    def change_roster(self, session: Session, change: RosterChange) -> Roster:
        """Apply ``change`` to the session unit's roster and return the new roster. Only
        the unit's manager may (roles from the memberships); a refusal is a Swedish
        ``DomainError`` and nothing is written. Access-logged in the same transaction."""
        with self._transaction(write=True) as conn:
            actor = self._actor(conn, session.user, session.unit)
            before = _read_roster(conn, session.unit)
            after = change_roster(before, change, actor)
            unit = session.unit
            _write(conn, WEEKLY, before.weekly, after.weekly, unit)
            _write(conn, DATED, before.dated, after.dated, unit)
            _write(conn, COVER, before.covers, after.covers, unit)
            _write(conn, ABSENCE, before.absences, after.absences, None)
            self._log(conn, actor, change.log_action, detail=describe(change))
        return after


def _read_roster(conn: Connection, unit: str) -> Roster:
    members = dict(
        conn.execute(
            select(USER.c.login, USER.c.name)
            .join(MEMBERSHIP, MEMBERSHIP.c.login == USER.c.login)
            .where(MEMBERSHIP.c.unit == unit)
            .distinct()
        ).all()
    )
    weekly = conn.execute(select(WEEKLY.c.login, WEEKLY.c.weekday).where(WEEKLY.c.unit == unit))
    dated = conn.execute(select(DATED.c.login, DATED.c.day).where(DATED.c.unit == unit))
    covers = conn.execute(
        select(COVER.c.login, COVER.c.first, COVER.c.last).where(COVER.c.unit == unit)
    )
    absences = conn.execute(
        select(ABSENCE.c.login, ABSENCE.c.first, ABSENCE.c.last).where(
            ABSENCE.c.login.in_(sorted(members))
        )
    )
    return Roster(
        unit,
        members,
        frozenset(Weekly(*row) for row in weekly),
        frozenset(Dated(*row) for row in dated),
        frozenset(Period(*row) for row in absences),
        frozenset(Period(*row) for row in covers),
    )


def _write(
    conn: Connection,
    table: Table,
    before: Iterable[Weekly | Dated | Period],
    after: Iterable[Weekly | Dated | Period],
    unit: str | None,
) -> None:
    """Only the difference: rows gone are deleted, new rows inserted (keyed by all columns)."""
    old, new = set(before), set(after)
    columns = [c for c in table.primary_key.columns if c.name != "unit"]

    def values(item: Weekly | Dated | Period) -> dict[str, Any]:
        row = dict(zip([c.name for c in columns], astuple(item), strict=True))
        return row if unit is None else {"unit": unit, **row}

    gone = [astuple(item) for item in old - new]
    if gone:
        where = tuple_(*columns).in_(gone)
        conn.execute(delete(table).where(where, *([table.c.unit == unit] if unit else [])))
    added = [values(item) for item in sorted(new - old)]
    if added:
        conn.execute(insert(table), added)
