"""Verksamhetsrapporter in the store (issue 14): the facts of a report gathered for one unit
or several and a period of Stockholm days; the figures are the domain's
(``domain.report.make_report``).

Who may: a member of the session unit holding the manager or administrator role there, for
the units where they are manager or administrator; an administrator for any units (the
county administrator's report on several) — ``domain.report.check_report_access``. Every
report is access-logged as ``report`` with the units and the period; a report holds no
individuals, so no case and no personnummer are logged. Open cases per phase are as of now
(the read model keeps no history); the rest is of the period.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from sqlalchemy import Connection, Table, func, select

from sip_tui.domain.clock import STOCKHOLM
from sip_tui.domain.kinds import JoinedVia
from sip_tui.domain.report import Arrival, ArrivalKind, Facts, Report, check_report_access
from sip_tui.domain.report import make_report as figures
from sip_tui.domain.roles import Role
from sip_tui.domain.session import Session
from sip_tui.store import models as t
from sip_tui.store.errors import UnknownUnit
from sip_tui.store.models import table_of
from sip_tui.store.rows import readmodel
from sip_tui.store.service.deviations import DEVIATION
from sip_tui.store.service.pipeline import MEMBERSHIP, UNIT, StoreBase
from sip_tui.store.service.roster import _read_roster

PARTICIPANT: Table = table_of(t.Participant)
INITIATIVE: Table = table_of(t.Initiative)
CALL: Table = table_of(t.Call)
CALL_RECIPIENT: Table = table_of(t.CallRecipient)
MESSAGE: Table = table_of(t.InfoMessage)
MESSAGE_RECIPIENT: Table = table_of(t.MessageRecipient)


class ReportStore(StoreBase):
    """Reports (mixed into :class:`~sip_tui.store.service.api.Store`)."""

    def report(self, session: Session, units: Sequence[str], first: date, last: date) -> Report:
        """The report on ``units`` from ``first`` to ``last`` (both included). A unit code
        the store does not know is :class:`UnknownUnit`; a user who may not is a Swedish
        ``NotAllowed``. Access-logged (see the module)."""
        codes = tuple(dict.fromkeys(units))
        start, end = _day_start(first), _day_start(last + timedelta(days=1))
        now = self.clock.now()
        with self._transaction(write=True) as conn:
            known = set(conn.execute(select(UNIT.c.code).where(UNIT.c.code.in_(codes))).scalars())
            unknown = [code for code in codes if code not in known]
            if unknown:
                raise UnknownUnit(
                    f"unknown unit {unknown[0]!r}: no unit has that code in this database"
                )
            actor = self._actor(conn, session.user, session.unit)
            check_report_access(actor.roles, _roles_on(conn, session.user, codes), codes)
            facts = Facts(
                codes,
                first,
                last,
                now,
                _arrivals(conn, codes, start, end),
                tuple(
                    readmodel.decode(letters)
                    for letters in conn.execute(
                        select(readmodel.VIEW.c.statuses).where(
                            readmodel.VIEW.c.unit.in_(codes), readmodel.VIEW.c.is_open
                        )
                    ).scalars()
                ),
                _deviations(conn, codes, start, end, "confirmed"),
                _deviations(conn, codes, start, end, "proposed"),
                tuple(_read_roster(conn, code) for code in codes),
            )
            self._log(conn, actor, "report", detail=f"{', '.join(codes)}: {first} – {last}")
        return figures(facts, self.calendar)


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=STOCKHOLM)


def _roles_on(conn: Connection, login: str, units: Sequence[str]) -> dict[str, frozenset[Role]]:
    rows = conn.execute(
        select(MEMBERSHIP.c.unit, MEMBERSHIP.c.role).where(
            MEMBERSHIP.c.login == login, MEMBERSHIP.c.unit.in_(units)
        )
    )
    found: dict[str, set[Role]] = {}
    for unit, role in rows:
        found.setdefault(unit, set()).add(Role(role))
    return {unit: frozenset(roles) for unit, roles in found.items()}


def _arrivals(
    conn: Connection, units: Sequence[str], start: datetime, end: datetime
) -> tuple[Arrival, ...]:
    initiatives = select(PARTICIPANT.c.unit, PARTICIPANT.c.joined_at, PARTICIPANT.c.answered_at)
    initiatives = initiatives.join(INITIATIVE, INITIATIVE.c.case_id == PARTICIPANT.c.case_id)
    initiatives = initiatives.where(
        PARTICIPANT.c.unit.in_(units),
        PARTICIPANT.c.via.in_([JoinedVia.INITIATIVE.value, JoinedVia.FORWARD.value]),
        INITIATIVE.c.voided_at.is_(None),
        PARTICIPANT.c.joined_at >= start,
        PARTICIPANT.c.joined_at < end,
    )
    calls = select(CALL_RECIPIENT.c.unit, CALL.c.sent_at, CALL_RECIPIENT.c.answered_at)
    calls = calls.join(
        CALL,
        (CALL.c.case_id == CALL_RECIPIENT.c.case_id)
        & (CALL.c.number == CALL_RECIPIENT.c.call_number),
    )
    calls = calls.where(
        CALL_RECIPIENT.c.unit.in_(units),
        CALL_RECIPIENT.c.must_acknowledge,
        CALL.c.voided_at.is_(None),
        CALL.c.sent_at >= start,
        CALL.c.sent_at < end,
    )
    messages = select(MESSAGE_RECIPIENT.c.unit, MESSAGE.c.sent_at, MESSAGE_RECIPIENT.c.read_at)
    messages = messages.join(
        MESSAGE,
        (MESSAGE.c.case_id == MESSAGE_RECIPIENT.c.case_id)
        & (MESSAGE.c.number == MESSAGE_RECIPIENT.c.message_number),
    )
    messages = messages.where(
        MESSAGE_RECIPIENT.c.unit.in_(units),
        MESSAGE.c.voided_at.is_(None),
        MESSAGE.c.sent_at >= start,
        MESSAGE.c.sent_at < end,
    )
    found: list[Arrival] = []
    for kind, query in (
        (ArrivalKind.INITIATIVE, initiatives),
        (ArrivalKind.CALL, calls),
        (ArrivalKind.MESSAGE, messages),
    ):
        found += [Arrival(unit, kind, at, done) for unit, at, done in conn.execute(query)]
    return tuple(found)


def _deviations(
    conn: Connection, units: Sequence[str], start: datetime, end: datetime, status: str
) -> int:
    query = select(func.count()).where(
        DEVIATION.c.unit.in_(units),
        DEVIATION.c.status == status,
        DEVIATION.c.occurred_at >= start,
        DEVIATION.c.occurred_at < end,
    )
    return int(conn.execute(query).scalar_one())
