"""The unit's local routine in the store (seed 000): read by the unit's members, written
by its manager (``domain.routine`` decides), the write access-logged."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import Connection, Table, select
from sqlalchemy.dialects import postgresql, sqlite

from sip_tui.domain.routine import LocalRoutine, check_routine, text_fields
from sip_tui.domain.session import Session
from sip_tui.store import models as t
from sip_tui.store.models import table_of
from sip_tui.store.service.pipeline import StoreBase

ROUTINE: Table = table_of(t.LocalRoutine)


class RoutineStore(StoreBase):
    """The local routine (mixed into :class:`~sip_tui.store.service.api.Store`)."""

    def local_routine(self, session: Session) -> LocalRoutine:
        """The session unit's routine (empty texts when none is written yet); a member of
        the unit may read it, anyone else gets a Swedish ``NotAllowed``."""
        with self._transaction(write=False) as conn:
            self._actor(conn, session.user, session.unit)
            return _read(conn, session.unit)

    def save_local_routine(self, session: Session, routine: LocalRoutine) -> LocalRoutine:
        """Store the session unit's routine (its manager only; a Swedish refusal and
        nothing written otherwise); access-logged in the same transaction."""
        now = self.clock.now()
        with self._transaction(write=True) as conn:
            actor = self._actor(conn, session.user, session.unit)
            checked = check_routine(replace(routine, unit=session.unit), actor)
            values = {**text_fields(checked), "updated_by": actor.user, "updated_at": now}
            dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
            conn.execute(
                dialect.insert(ROUTINE)
                .values(unit=session.unit, **values)
                .on_conflict_do_update(index_elements=[ROUTINE.c.unit], set_=values)
            )
            changed = ",".join(name for name, text in text_fields(checked).items() if text)
            self._log(conn, actor, "routine-save", detail=f"filled: {changed or '-'}")
            return _read(conn, session.unit)


def _read(conn: Connection, unit: str) -> LocalRoutine:
    row = conn.execute(select(ROUTINE).where(ROUTINE.c.unit == unit)).mappings().first()
    if row is None:
        return LocalRoutine(unit)
    return LocalRoutine(
        unit,
        row["watch_function"],
        row["notify_how"],
        row["cover"],
        row["support"],
        row["updated_by"],
        row["updated_at"],
    )
