"""The access-log check (loggkontroll, issue 14; HSLF-FS 2016:40 4 kap.): search the log,
draw a random sample, record a spot check. Mixed into :class:`~sip_tui.store.service.api.Store`.

Who: the unit's manager (``Role.MANAGER``, *verksamhetschef / loggranskare*), and only
the log lines made on the manager's own unit (by its users working there). Every search
and every sample is itself access-logged (``audit-search``, ``audit-sample``, with the
criteria and the entries' ids), a refusal too. A recorded spot check (``spot_check`` with
its ``spot_check_entry`` rows) is append-only like the log: the database refuses to change
or delete it.

The sample (``draw_sample``): N log lines drawn at random among those made on the unit in
the period that name an individual (a personnummer) in whose cases the user who made the
line has written nothing (no event in the history of any case of that individual): reads
of someone else's cases, the usual way to find snooping.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, Select, Table, exists, insert, select

from sip_tui.domain.clock import STOCKHOLM
from sip_tui.domain.errors import InvalidInput, NotAllowed
from sip_tui.domain.personnummer import PersonnummerError, parse_personnummer
from sip_tui.domain.roles import Actor, Role
from sip_tui.domain.session import Session
from sip_tui.store import models as t
from sip_tui.store.models import table_of
from sip_tui.store.service.pipeline import LOG, USER, StoreBase

SPOT_CHECK: Table = table_of(t.SpotCheck)
SPOT_CHECK_ENTRY: Table = table_of(t.SpotCheckEntry)
EVENT: Table = table_of(t.CaseEvent)
CASE: Table = table_of(t.SipCase)

#: Who may check the access log of their unit.
AUDIT_ROLES = frozenset({Role.MANAGER})
#: The most lines one search returns (narrow the period or the filters for more).
MOST = 5000
#: The longest finding and follow-up (characters).
MAX_TEXT = 4000


@dataclass(frozen=True)
class LogFilter:
    """What to look for in the log: a period (days, Stockholm time, both included) and
    optionally a user (login), an individual (personnummer, any usual form) and an action
    (``print`` also finds ``print-plan`` …, ``refused`` every refusal)."""

    first: date
    last: date
    login: str = ""
    personnummer: str = ""
    action: str = ""


@dataclass(frozen=True)
class LogEntry:
    id: int
    at: datetime
    login: str
    user_name: str
    unit: str
    action: str
    case_id: int | None
    personnummer: str
    detail: str


@dataclass(frozen=True)
class SpotCheck:
    id: int
    unit: str
    checked_by: str
    checked_by_name: str
    at: datetime
    criteria: str
    finding: str
    follow_up: str
    entries: tuple[int, ...]


class AuditStore(StoreBase):
    """The access-log check (see the module's docstring)."""

    def search_log(self, session: Session, wanted: LogFilter) -> list[LogEntry]:
        """The unit's log lines matching ``wanted``, oldest first (at most :data:`MOST`).
        Manager only; logged as ``audit-search`` with the criteria."""
        number = self._number(wanted.personnummer)
        query = self._lines(session.unit, wanted.first, wanted.last)
        if wanted.login.strip():
            query = query.where(LOG.c.login == wanted.login.strip())
        if number:
            query = query.where(LOG.c.personnummer == number)
        if action := wanted.action.strip():
            query = query.where((LOG.c.action == action) | LOG.c.action.like(f"{action}-%"))
        with (
            self._refusals_logged(session, "audit-search", personnummer=number),
            self._transaction(write=True) as conn,
        ):
            actor = self._auditor(conn, session)
            found = [_entry(row) for row in conn.execute(query.limit(MOST))]
            detail = f"{_criteria(wanted, number)}: {len(found)} lines"
            self._log(conn, actor, "audit-search", detail=detail, personnummer=number or None)
        return found

    def draw_sample(
        self, session: Session, n: int, first: date, last: date, seed: int | None = None
    ) -> list[LogEntry]:
        """``n`` log lines drawn at random (see the module's docstring for which may be
        drawn), oldest first. Logged as ``audit-sample`` with the drawn lines' ids."""
        if n < 1:
            raise InvalidInput("Ange hur många loggposter stickprovet ska ha (minst 1).", "n")
        own = exists().where(
            EVENT.c.login == LOG.c.login,
            EVENT.c.case_id == CASE.c.id,
            CASE.c.personnummer == LOG.c.personnummer,
        )
        query = self._lines(session.unit, first, last).where(
            LOG.c.personnummer.is_not(None), ~own, ~LOG.c.action.like("audit-%")
        )
        with (
            self._refusals_logged(session, "audit-sample"),
            self._transaction(write=True) as conn,
        ):
            actor = self._auditor(conn, session)
            candidates = [_entry(row) for row in conn.execute(query)]
            drawn = random.Random(seed).sample(candidates, min(n, len(candidates)))
            drawn.sort(key=lambda entry: entry.id)
            ids = ", ".join(str(entry.id) for entry in drawn) or "-"
            detail = f"{n} from {first} to {last} of {len(candidates)}: {ids}"
            self._log(conn, actor, "audit-sample", detail=detail)
        return drawn

    def record_spot_check(
        self,
        session: Session,
        entries: Sequence[int],
        finding: str,
        follow_up: str = "",
        criteria: str = "",
    ) -> SpotCheck:
        """Record a spot check of ``entries`` (log ids of the unit's lines) with its finding
        and follow-up. Append-only; logged as ``audit-record``."""
        finding, follow_up = finding.strip(), follow_up.strip()
        if not finding:
            raise InvalidInput("Skriv vad kontrollen visade (fynd).", "finding")
        if len(finding) > MAX_TEXT or len(follow_up) > MAX_TEXT:
            raise InvalidInput(f"Fynd och åtgärd får vara högst {MAX_TEXT} tecken.", "finding")
        ids = sorted(set(entries))
        if not ids:
            raise InvalidInput("Välj de loggposter som kontrollerades.", "entries")
        now = self.clock.now()
        with (
            self._refusals_logged(session, "audit-record"),
            self._transaction(write=True) as conn,
        ):
            actor = self._auditor(conn, session)
            query = select(LOG.c.id).where(LOG.c.id.in_(ids), LOG.c.unit == session.unit)
            known = set(conn.execute(query).scalars())
            if missing := [i for i in ids if i not in known]:
                which = ", ".join(map(str, missing))
                raise InvalidInput(f"Loggpost {which} finns inte på enheten.", "entries")
            values = dict(
                unit=session.unit,
                checked_by=session.user,
                at=now,
                criteria=criteria.strip(),
                finding=finding,
                follow_up=follow_up,
            )
            key = conn.execute(insert(SPOT_CHECK).values(**values)).inserted_primary_key
            assert key is not None
            new_id = int(key[0])
            conn.execute(
                insert(SPOT_CHECK_ENTRY), [{"spot_check_id": new_id, "log_id": i} for i in ids]
            )
            detail = f"spot check {new_id}: {len(ids)} lines"
            self._log(conn, actor, "audit-record", detail=detail)
        return SpotCheck(
            new_id, session.unit, session.user, actor.name, now, *_texts(values), tuple(ids)
        )

    def spot_checks(self, session: Session) -> list[SpotCheck]:
        """The unit's recorded spot checks, newest first. Manager only; logged."""
        query = (
            select(SPOT_CHECK, USER.c.name)
            .join(USER, USER.c.login == SPOT_CHECK.c.checked_by)
            .where(SPOT_CHECK.c.unit == session.unit)
            .order_by(SPOT_CHECK.c.at.desc(), SPOT_CHECK.c.id.desc())
        )
        with (
            self._refusals_logged(session, "audit-checks"),
            self._transaction(write=True) as conn,
        ):
            actor = self._auditor(conn, session)
            rows = conn.execute(query).mappings().all()
            entries: dict[int, list[int]] = {}
            pairs = select(SPOT_CHECK_ENTRY).where(
                SPOT_CHECK_ENTRY.c.spot_check_id.in_([r["id"] for r in rows])
            )
            for check_id, log_id in conn.execute(pairs):
                entries.setdefault(check_id, []).append(log_id)
            self._log(conn, actor, "audit-checks", detail=f"{len(rows)} spot checks")
        return [
            SpotCheck(
                r["id"],
                r["unit"],
                r["checked_by"],
                r["name"],
                r["at"],
                r["criteria"],
                r["finding"],
                r["follow_up"],
                tuple(sorted(entries.get(r["id"], []))),
            )
            for r in rows
        ]

    # --- plumbing ---------------------------------------------------------------------------

    def _auditor(self, conn: Connection, session: Session) -> Actor:
        actor = self._actor(conn, session.user, session.unit)
        if not actor.has_any(AUDIT_ROLES):
            raise NotAllowed("Bara enhetens verksamhetschef kan kontrollera åtkomstloggen.")
        return actor

    def _number(self, text: str) -> str:
        if not text.strip():
            return ""
        try:
            return parse_personnummer(text, self.clock.now().date()).digits12
        except PersonnummerError as error:
            raise InvalidInput(str(error), "personnummer") from None

    def _lines(self, unit: str, first: date, last: date) -> Select[Any]:
        if last < first:
            raise InvalidInput("Periodens sista dag är före dess första.", "period")
        return (
            select(LOG, USER.c.name)
            .outerjoin(USER, USER.c.login == LOG.c.login)
            .where(
                LOG.c.unit == unit,
                LOG.c.at >= _day_start(first),
                LOG.c.at < _day_start(last + timedelta(days=1)),
            )
            .order_by(LOG.c.at, LOG.c.id)
        )


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=STOCKHOLM)


def _entry(row: Any) -> LogEntry:
    return LogEntry(
        row.id,
        row.at,
        row.login,
        row.name or row.login,
        row.unit,
        row.action,
        row.case_id,
        row.personnummer or "",
        row.detail,
    )


def _texts(values: dict[str, Any]) -> tuple[str, str, str]:
    return values["criteria"], values["finding"], values["follow_up"]


def _criteria(wanted: LogFilter, number: str) -> str:
    parts = [f"from {wanted.first} to {wanted.last}"]
    if wanted.login.strip():
        parts.append(f"user {wanted.login.strip()}")
    if number:
        parts.append(f"personnummer {number}")
    if wanted.action.strip():
        parts.append(f"action {wanted.action.strip()}")
    return ", ".join(parts)


def criteria_text(wanted: LogFilter) -> str:
    """The criteria of a search, as recorded with a spot check."""
    return _criteria(wanted, wanted.personnummer.strip())
