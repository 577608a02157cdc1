"""The access-log check (loggkontroll, issue 14): the manager searches the unit's log,
draws a sample of reads outside the users' own cases, and records a spot check that the
database keeps append-only; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError

from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock
from sip_tui.domain.errors import InvalidInput, NotAllowed
from sip_tui.store.service.api import Store
from sip_tui.store.service.audit import LogFilter
from tests.acting import as_user
from tests.domain.world import AHMED, HC, HSV, KARIN, MANAGER, SARA, at
from tests.store.seed import MovableClock, seed_world, sent_case

ELSA = "194506121237"
NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))
MAJ = as_user(MANAGER.user, HSV)


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock("2026-11-23 08:05")


@pytest.fixture
def store(engine: Engine, clock: MovableClock) -> Store:
    seed_world(engine)
    return Store(engine, Clock(clock), WorkCalendar())


def test_the_manager_finds_who_read_an_individual(store: Store, clock: MovableClock) -> None:
    case_id = sent_case(store, [HSV])
    clock.moment = at("2026-11-23 10:00")
    store.open_case(as_user(KARIN.user, HSV), case_id)
    store.open_case(as_user(AHMED.user, HC), case_id)  # another unit: not in HSV's log
    found = store.search_log(MAJ, LogFilter(*NOVEMBER, personnummer="19450612-1237"))
    assert [(e.login, e.user_name, e.action, e.case_id) for e in found] == [
        ("karin", "Karin Lund", "read", case_id)
    ]
    by_action = store.search_log(MAJ, LogFilter(*NOVEMBER, action="audit"))
    assert [e.action for e in by_action] == ["audit-search"]  # the check is itself logged
    assert by_action[0].personnummer == ELSA


def test_only_the_manager_may_check_the_log(store: Store) -> None:
    with pytest.raises(NotAllowed, match="verksamhetschef"):
        store.search_log(as_user(SARA.user, HSV), LogFilter(*NOVEMBER))
    with pytest.raises(NotAllowed):
        store.draw_sample(as_user(KARIN.user, HSV), 3, *NOVEMBER)


def test_a_bad_personnummer_or_period_is_refused_in_swedish(store: Store) -> None:
    with pytest.raises(InvalidInput):
        store.search_log(MAJ, LogFilter(*NOVEMBER, personnummer="1945"))
    with pytest.raises(InvalidInput, match="före"):
        store.search_log(MAJ, LogFilter(NOVEMBER[1], NOVEMBER[0]))


def test_the_sample_draws_reads_outside_the_users_own_cases(
    store: Store, clock: MovableClock
) -> None:
    case_id = sent_case(store, [HSV])
    clock.moment = at("2026-11-23 10:00")
    store.open_case(as_user(KARIN.user, HSV), case_id)  # Karin has done nothing in it
    # Ahmed (also on HSV) created the case: his reads of it are of his own case
    store.open_case(as_user(AHMED.user, HSV), case_id)
    drawn = store.draw_sample(MAJ, 5, *NOVEMBER, seed=1)
    assert [(e.login, e.action) for e in drawn] == [("karin", "read")]
    assert store.draw_sample(MAJ, 5, date(2026, 12, 1), date(2026, 12, 31)) == []


def test_a_spot_check_is_recorded_and_listed(store: Store, clock: MovableClock) -> None:
    case_id = sent_case(store, [HSV])
    store.open_case(as_user(KARIN.user, HSV), case_id)
    found = store.search_log(MAJ, LogFilter(*NOVEMBER, personnummer=ELSA))
    clock.moment = at("2026-11-30 15:00")
    check = store.record_spot_check(
        MAJ, [e.id for e in found], "Läsningen stämmer med uppdraget.", "Ingen åtgärd.", "Elsa"
    )
    assert check.checked_by_name == "Maj Chef"
    [listed] = store.spot_checks(MAJ)
    assert listed == check
    with pytest.raises(InvalidInput):
        store.record_spot_check(MAJ, [e.id for e in found], "  ")
    with pytest.raises(InvalidInput, match="finns inte"):
        store.record_spot_check(MAJ, [999999], "Fynd")


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE spot_check SET finding = 'ändrat'",
        "DELETE FROM spot_check_entry",
        "DELETE FROM spot_check",
    ],
)
def test_a_recorded_spot_check_cannot_be_changed(
    store: Store, engine: Engine, statement: str
) -> None:
    case_id = sent_case(store, [HSV])
    store.open_case(as_user(KARIN.user, HSV), case_id)
    found = store.search_log(MAJ, LogFilter(*NOVEMBER))
    store.record_spot_check(MAJ, [found[0].id], "Fynd")
    with pytest.raises((IntegrityError, DBAPIError), match="append-only"), engine.begin() as c:
        c.execute(sa.text(statement))
    assert [c.finding for c in store.spot_checks(MAJ)] == ["Fynd"]
