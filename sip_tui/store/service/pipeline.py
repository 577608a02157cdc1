"""The store's one write pipeline (:meth:`StoreBase.execute`) and its plumbing: one
transaction, the acting user's membership, the case loaded and written back, the access
log, the change notification."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, Table, insert, select, text
from sqlalchemy.dialects import sqlite

from sip_tui import identity
from sip_tui.domain import workflow as wf
from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import NOW_VARIABLE, Clock
from sip_tui.domain.commands import Command, CreateCase, perform
from sip_tui.domain.errors import DomainError, InvalidInput, NoAccess, NotAllowed
from sip_tui.domain.model import Case, Individual
from sip_tui.domain.personnummer import PersonnummerError, parse_personnummer
from sip_tui.domain.roles import Actor, Role
from sip_tui.domain.rules import check_text_limits
from sip_tui.domain.session import Session
from sip_tui.store import changes, security
from sip_tui.store import models as t
from sip_tui.store.engine import begin_write, display_url
from sip_tui.store.errors import FrozenClockRefused, StoreError
from sip_tui.store.models import table_of
from sip_tui.store.rows import aggregate, case_load, readmodel
from sip_tui.store.service.histories import HistoryCache
from sip_tui.store.translate import translate_errors

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
        self.histories = HistoryCache()
        self._connected: security.Connected | None = None

    # --- plumbing -------------------------------------------------------------------------

    @contextmanager
    def _transaction(self, write: bool, snapshot: bool = False) -> Iterator[Connection]:
        """One transaction; a database that cannot be used raises a one-line ``StoreError``
        (never a driver's traceback), so every caller can keep what the user typed.
        ``snapshot``: every statement sees the same state (PostgreSQL's REPEATABLE READ;
        SQLite's write transaction is one already) — a whole case read without row locks,
        which under READ COMMITTED could see a signature whose document a concurrent write
        had not yet committed."""
        with translate_errors(self.engine):
            if write:
                with begin_write(self.engine) as conn:
                    if snapshot and conn.dialect.name == "postgresql":
                        conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                    yield conn
            else:
                with self.engine.begin() as conn:
                    yield conn

    @contextmanager
    def _read(self, unit: str | None = None) -> Iterator[Connection]:
        """A connection for reads, with the same error translation; ``unit``: the unit the
        read acts for (PostgreSQL's row-level security shows a person only its cases)."""
        with translate_errors(self.engine), self.engine.connect() as conn:
            if unit is not None:
                security.act_for(conn, unit)
            yield conn

    def connected(self) -> security.Connected | None:
        """Who PostgreSQL says is connected (``None`` on SQLite): on a shared store the
        user is the database's ``session_user``, never what the client claims."""
        if self._connected is None and self.engine.dialect.name == "postgresql":
            with self._read() as conn:
                self._connected = security.connected(conn)
        return self._connected

    def user_login(self, account: str | None = None) -> str:
        """The login of whoever runs sip-tui: on a PostgreSQL store that enforces it, the
        role the database says is connected; else the operating-system ``account``."""
        who = self.connected()
        if who is not None and who.enforced:
            return who.login
        return account if account is not None else identity.os_login()

    def check_clock(self, environ: Mapping[str, str] | None = None) -> None:
        """Refuse a frozen clock (``SIP_TUI_NOW``) on a real store: only a demo or
        training database may pretend another time (on PostgreSQL the access log of a
        real one is stamped by the server's clock whatever the client says)."""
        env = os.environ if environ is None else environ
        if not env.get(NOW_VARIABLE, "").strip():
            return
        with self._read() as conn:
            kind = security.store_kind(conn)
        if kind not in ("demo", "training"):
            raise FrozenClockRefused(
                f"{NOW_VARIABLE} is set, but {display_url(self.engine.url)} is a real store, "
                f"not a demo or training one; unset {NOW_VARIABLE}"
            )

    def _actor(self, conn: Connection, login: str, unit: str) -> Actor:
        """The acting user with their roles on ``unit`` from the memberships; on
        PostgreSQL the transaction acts for ``unit`` (the policies check the membership
        again) and a person's login must be the one they connected as."""
        security.act_for(conn, unit)
        who = self.connected()
        if who is not None and who.enforced and who.login != login:
            raise NotAllowed(
                f"Du är ansluten till databasen som {who.login}, inte som {login}; "
                "starta sip-tui med ditt eget konto."
            )
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
        personnummer: str | None = None,
    ) -> None:
        conn.execute(
            insert(LOG).values(
                at=self.clock.now(),
                login=actor.user,
                unit=actor.unit,
                action=action,
                case_id=case.id if case else None,
                personnummer=case.individual.personnummer if case else personnummer,
                detail=detail,
            )
        )

    @contextmanager
    def _refusals_logged(
        self, session: Session, action: str, case_id: int | None = None, personnummer: str = ""
    ) -> Iterator[None]:
        """An access refused (no membership, no access to the case, a role that may not) is
        access-logged as ``refused-<action>`` in a transaction of its own: the refused
        transaction rolls back, and the attempt must stay in the log (HSLF-FS 2016:40)."""
        try:
            yield
        except (NotAllowed, NoAccess) as error:
            self._log_refusal(session, action, error, case_id, personnummer)
            raise

    def _log_refusal(
        self,
        session: Session,
        action: str,
        error: DomainError,
        case_id: int | None,
        personnummer: str,
    ) -> None:
        case = table_of(t.SipCase)
        try:
            with self._transaction(write=True) as conn:
                if case_id is not None and not personnummer:
                    query = select(case.c.personnummer).where(case.c.id == case_id)
                    personnummer = conn.execute(query).scalar() or ""
                known = conn.execute(select(case.c.id).where(case.c.id == case_id)).scalar()
                conn.execute(
                    insert(LOG).values(
                        at=self.clock.now(),
                        login=session.user,
                        unit=session.unit,
                        action=f"refused-{action}",
                        case_id=known,
                        personnummer=personnummer or None,
                        detail=f"{error.code}: {error.message}"
                        + ("" if known == case_id else f" (case {case_id})"),
                    )
                )
        except StoreError:
            pass  # the refusal is still raised; a store that cannot log failed the read too

    def _known_units(self, conn: Connection, named: Mapping[str, Sequence[str]]) -> dict[str, str]:
        """The names of the units a command names; a code the store does not know is a
        Swedish refusal under the form field that named it (never a foreign-key error)."""
        codes = {code.strip() for each in named.values() for code in each if code.strip()}
        query = select(UNIT.c.code, UNIT.c.name).where(UNIT.c.code.in_(sorted(codes)))
        known = {code: name for code, name in conn.execute(query)} if codes else {}
        for field, each in named.items():
            unknown = [c for c in dict.fromkeys(c.strip() for c in each) if c and c not in known]
            if unknown:
                which = ", ".join(unknown)
                raise InvalidInput(
                    f"Enheten {which} finns inte i sip-tui; välj en enhet ur listan."
                    if len(unknown) == 1
                    else f"Enheterna {which} finns inte i sip-tui; välj enheter ur listan.",
                    field,
                )
        return known

    def _load(self, conn: Connection, case_id: int, for_update: bool, history: bool = True) -> Case:
        case = case_load.load_case(conn, case_id, for_update=for_update, history=history)
        if case is None:
            who = self.connected()
            if who is not None and who.enforced:  # row-level security hides the case
                raise NoAccess(
                    f"Ärende {case_id} finns inte, eller din enhet har inte tillgång till det."
                )
            raise InvalidInput(f"Ärende {case_id} finns inte.")
        return case

    def execute(self, session: Session, command: Command | CreateCase) -> Case:
        """Run one command in one transaction and return the case as it now is.

        The pipeline every write takes: the acting user's membership of the unit (roles
        from ``membership``, never from the client), the case loaded (its row locked on
        PostgreSQL so writers of one case queue up), the command applied by the domain
        (which refuses in Swedish and leaves the case as it was; a refused access is
        logged on its own: :meth:`_refusals_logged`), the changed rows
        written, the read models refreshed, the access-log line, and the change notice
        to the units whose overview changed. A refusal rolls everything back."""
        if isinstance(command, CreateCase):
            return self._create(session, command)
        with (
            self._refusals_logged(session, command.log_action, command.case_id),
            self._transaction(write=True) as conn,
        ):
            actor = self._actor(conn, session.user, session.unit)
            case = self._load(conn, command.case_id, for_update=True, history=False)
            count = case_load.event_count(conn, case.id)
            before = aggregate.stored(case, count)
            now = self.clock.now()
            perform(command, case, actor, now)
            self._known_units(conn, command.units())
            aggregate.update_case(conn, before, case)
            units = readmodel.refresh(conn, case, self.calendar, now)
            self._log(conn, actor, command.log_action, case)
            changes.notify(conn, units)
            # The caller shows the case: its whole history (the write needed none of it;
            # the cache usually has it) and the names of anyone new to it.
            known = self.histories.get(case.id, count)
            if known is None:
                case.history = case_load.load_history(conn, case.id)
            else:
                case.history = [*known, *case.history]
            case_load.complete_names(conn, case)
        self.histories.put(case.id, case.history)  # committed
        return case

    def _create(self, session: Session, command: CreateCase) -> Case:
        """Nytt ärende: the case gets its id here. The individual is added if new; one
        already known keeps the name first stored (another unit's case never changes name
        because someone typed another spelling)."""
        check_text_limits(command)
        try:
            number = parse_personnummer(command.personnummer, self.clock.now().date())
        except PersonnummerError as error:
            raise InvalidInput(str(error), "personnummer") from None
        with self._transaction(write=True) as conn:
            actor = self._actor(conn, session.user, session.unit)
            now = self.clock.now()
            names = self._known_units(
                conn, {"recipients": command.recipients, "unit": [session.unit]}
            )
            typed = command.name.strip()
            case = wf.new_case(
                case_id=0,
                actor=actor,
                at=now,
                individual=Individual(
                    number.digits12, self._individual(conn, number.digits12, typed)
                ),
                typed_name=typed,
                reason=command.reason,
                consent=command.consent,
                recipients=command.recipients,
                unit_names=names,
                discharge_ready_at=command.discharge_ready_at,
            )
            aggregate.insert_case(conn, case)
            units = readmodel.refresh(conn, case, self.calendar, now, replace=False)
            self._log(conn, actor, command.log_action, case)
            changes.notify(conn, units)
            case_load.complete_names(conn, case)
            return case

    def _individual(self, conn: Connection, personnummer: str, name: str) -> str:
        """The individual's stored name, adding them with ``name`` if they are new.

        ``INSERT … ON CONFLICT DO NOTHING``: two coordinators creating a case for the same
        new individual at once both go on (on PostgreSQL the second insert waits for the
        first transaction, then does nothing; SQLite writers queue on ``BEGIN IMMEDIATE``),
        and both cases then show the one stored name."""
        if conn.dialect.name == "postgresql":
            # A function of the database's: a person reads no individual of another
            # unit's cases, but may add one (migration 0009).
            added = text("SELECT sip_tui_add_individual(:personnummer, :name)")
            return str(
                conn.execute(added, {"personnummer": personnummer, "name": name}).scalar_one()
            )
        dialect = sqlite
        conn.execute(
            dialect.insert(INDIVIDUAL)
            .values(personnummer=personnummer, name=name)
            .on_conflict_do_nothing(index_elements=[INDIVIDUAL.c.personnummer])
        )
        query = select(INDIVIDUAL.c.name).where(INDIVIDUAL.c.personnummer == personnummer)
        return str(conn.execute(query).scalar_one())
