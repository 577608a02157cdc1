"""Helpers of the watch and deviation UI tests: a role for the test user, a store whose
clock is frozen at another moment, the roster's people."""

from __future__ import annotations

from sqlalchemy import Engine, insert

from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock, parse_moment
from sip_tui.domain.roles import Role
from sip_tui.store import models as t
from sip_tui.store.models import table_of
from sip_tui.store.service.api import Store
from tests.ui.conftest import LOGIN

HSV = "umea-hsv-centrum"


def grant(store: Store, role: Role, unit: str = HSV, login: str = LOGIN) -> None:
    """``login`` gets ``role`` on ``unit`` (the demo gives the test user no manager role)."""
    with store.engine.begin() as conn:
        conn.execute(insert(table_of(t.Membership)).values(login=login, unit=unit, role=role.value))


def store_at(engine: Engine, moment: str) -> Store:
    return Store(engine, Clock.frozen(parse_moment(moment)), WorkCalendar())


def watcher_and_cover(store: Store, unit: str = HSV) -> tuple[str, str]:
    """The logins of the demo unit's weekly watcher and its standing cover."""
    roster = store.roster(unit)
    (watcher,) = {w.login for w in roster.weekly}
    (cover,) = {c.login for c in roster.covers}
    return watcher, cover
