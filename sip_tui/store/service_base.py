"""The plumbing every use case of the store shares: one transaction, the acting user's
membership, the case loaded and written back, the access log, the change notification."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TypeVar

from sqlalchemy import Connection, Engine, Table, insert, select

from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock
from sip_tui.domain.errors import InvalidInput, NotAllowed
from sip_tui.domain.model import Case
from sip_tui.domain.roles import Actor, Role
from sip_tui.store import aggregate, case_load, changes, readmodel
from sip_tui.store import models as t
from sip_tui.store.engine import begin_write, translate_errors
from sip_tui.store.models import table_of

T = TypeVar("T")
LOG: Table = table_of(t.AccessLog)
MEMBERSHIP: Table = table_of(t.Membership)
UNIT: Table = table_of(t.Unit)
USER: Table = table_of(t.User)
INDIVIDUAL: Table = table_of(t.Individual)


class StoreBase:
    """The shared store. Thread-safe: every call takes its own connection."""

    def __init__(self, engine: Engine, clock: Clock, calendar: WorkCalendar) -> None:
        self.engine = engine
        self.clock = clock
        self.calendar = calendar

    # --- plumbing -------------------------------------------------------------------------

    @contextmanager
    def _transaction(self, write: bool) -> Iterator[Connection]:
        """One transaction; a database that cannot be used raises a one-line ``StoreError``
        (never a driver's traceback), so every caller can keep what the user typed."""
        with translate_errors(self.engine):
            if write:
                with begin_write(self.engine) as conn:
                    yield conn
            else:
                with self.engine.begin() as conn:
                    yield conn

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        """A connection for reads, with the same error translation."""
        with translate_errors(self.engine), self.engine.connect() as conn:
            yield conn

    def _actor(self, conn: Connection, login: str, unit: str) -> Actor:
        user = conn.execute(select(USER.c.name).where(USER.c.login == login)).scalar()
        if user is None:
            raise NotAllowed(
                f"Användaren {login} finns inte i sip-tui; be enhetens administratör lägga "
                "till dig."
            )
        roles = (
            conn.execute(
                select(MEMBERSHIP.c.role).where(
                    MEMBERSHIP.c.login == login, MEMBERSHIP.c.unit == unit
                )
            )
            .scalars()
            .all()
        )
        if not roles:
            raise NotAllowed(
                f"Du är inte medlem av enheten {unit}; be enhetens administratör om behörighet."
            )
        return Actor(login, user, unit, frozenset(Role(role) for role in roles))

    def _log(
        self,
        conn: Connection,
        actor: Actor,
        action: str,
        case: Case | None = None,
        detail: str = "",
    ) -> None:
        conn.execute(
            insert(LOG).values(
                at=self.clock.now(),
                login=actor.user,
                unit=actor.unit,
                action=action,
                case_id=case.id if case else None,
                personnummer=case.individual.personnummer if case else None,
                detail=detail,
            )
        )

    def _load(self, conn: Connection, case_id: int, for_update: bool, history: bool = True) -> Case:
        case = case_load.load_case(conn, case_id, for_update=for_update, history=history)
        if case is None:
            raise InvalidInput(f"Ärende {case_id} finns inte.")
        return case

    def _change(
        self,
        login: str,
        unit: str,
        case_id: int,
        action: str,
        change: Callable[[Case, Actor, datetime], T],
    ) -> T:
        """Run one domain action on one case in one transaction."""
        with self._transaction(write=True) as conn:
            actor = self._actor(conn, login, unit)
            case = self._load(conn, case_id, for_update=True, history=False)
            before = aggregate.stored(case, case_load.event_count(conn, case_id))
            now = self.clock.now()
            result = change(case, actor, now)
            aggregate.update_case(conn, before, case)
            units = readmodel.refresh(conn, case, self.calendar, now)
            self._log(conn, actor, action, case)
            changes.notify(conn, units)
            return result
