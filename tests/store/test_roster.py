"""The watch roster in the store, on SQLite and PostgreSQL: the manager changes it (each
change access-logged), anyone else is refused in Swedish, and who is on watch follows."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine, select

from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock
from sip_tui.domain.errors import NotAllowed
from sip_tui.domain.watch import Period, SetAbsence, SetCover, SetDated, SetWeekdays, Weekly
from sip_tui.store import models as t
from sip_tui.store.errors import UnknownUnit
from sip_tui.store.models import table_of
from sip_tui.store.service.api import Store
from tests.acting import as_user
from tests.domain.world import HSV, KARIN, MANAGER, SARA, at
from tests.store.seed import seed_world

MONDAY = date(2026, 11, 23)
LOG = table_of(t.AccessLog)


@pytest.fixture
def store(engine: Engine) -> Store:
    seed_world(engine)
    return Store(engine, Clock(lambda: at("2026-11-20 09:12")), WorkCalendar())


def test_the_manager_writes_the_roster_and_each_change_is_logged(store: Store) -> None:
    boss = as_user(MANAGER.user, HSV)
    store.change_roster(boss, SetWeekdays(KARIN.user, frozenset(range(5))))
    store.change_roster(boss, SetCover(SARA.user, date(2026, 11, 1), date(2026, 12, 31)))
    store.change_roster(boss, SetDated(SARA.user, date(2026, 12, 24)))
    roster = store.change_roster(boss, SetAbsence(KARIN.user, MONDAY, date(2026, 11, 27)))

    assert store.roster(HSV) == roster
    assert roster.weekly == {Weekly(KARIN.user, d) for d in range(5)}
    assert roster.absences == {Period(KARIN.user, MONDAY, date(2026, 11, 27))}
    watch = store.on_watch(HSV, MONDAY)
    assert (watch.logins, watch.covering) == ((SARA.user,), True)
    assert store.on_watch(HSV, date(2026, 11, 30)).logins == (KARIN.user,)

    # Fewer weekdays: only Karin's removed rows go.
    store.change_roster(boss, SetWeekdays(KARIN.user, frozenset({0})))
    assert store.roster(HSV).weekly == {Weekly(KARIN.user, 0)}
    store.change_roster(boss, SetAbsence(KARIN.user, MONDAY, date(2026, 11, 27), on=False))
    assert store.on_watch(HSV, MONDAY).logins == (KARIN.user,)

    with store.engine.connect() as conn:
        logged = conn.execute(
            select(LOG.c.login, LOG.c.unit, LOG.c.action, LOG.c.detail).order_by(LOG.c.id)
        ).all()
    assert [(row.login, row.unit) for row in logged] == [(MANAGER.user, HSV)] * 6
    assert [row.action for row in logged] == [
        "roster-weekdays",
        "roster-cover",
        "roster-date",
        "roster-absence",
        "roster-weekdays",
        "roster-absence",
    ]
    assert logged[0].detail == "karin: mån,tis,ons,tor,fre"


def test_a_watcher_may_not_change_the_roster_and_nothing_is_written(store: Store) -> None:
    with pytest.raises(NotAllowed, match="Bara enhetschefen"):
        store.change_roster(as_user(KARIN.user, HSV), SetWeekdays(KARIN.user, frozenset({0})))
    assert store.roster(HSV).weekly == frozenset()
    with store.engine.connect() as conn:
        assert conn.execute(select(LOG.c.id)).first() is None


def test_an_unknown_unit_is_one_line(store: Store) -> None:
    assert store.unit_name(HSV) == "Hemsjukvården Umeå centrum"
    with pytest.raises(UnknownUnit, match="unknown unit 'nope'"):
        store.unit_name("nope")
