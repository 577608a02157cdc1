"""Printing a case is a disclosure (issue 13): the read for a print is access-logged with
the individual's personnummer, on SQLite and PostgreSQL; a unit without access is refused
and only the refused attempt is logged. The store gives the contact details the printout names."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select

from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock
from sip_tui.domain.errors import NoAccess, NotAllowed
from sip_tui.store import models as t
from sip_tui.store.models import table_of
from sip_tui.store.service.api import Store
from tests.acting import as_user
from tests.domain.world import AHMED, HC, HSV, KARIN, PSY, PSY_PRO, at
from tests.paper.world import GOAL, planned_case_in
from tests.store.seed import MovableClock, seed_world

LOG = table_of(t.AccessLog)


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock("2026-11-23 08:05")


@pytest.fixture
def store(engine: Engine, clock: MovableClock) -> Store:
    seed_world(engine)
    return Store(engine, Clock(clock), WorkCalendar())


def print_lines(engine: Engine) -> list[tuple[object, ...]]:
    query = (
        select(LOG.c.login, LOG.c.unit, LOG.c.action, LOG.c.case_id, LOG.c.personnummer)
        .where(LOG.c.action.like("print-%"))
        .order_by(LOG.c.id)
    )
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(query)]


def test_a_print_is_logged_with_the_individual(
    store: Store, engine: Engine, clock: MovableClock
) -> None:
    case_id = planned_case_in(store, engine)
    clock.moment = at("2026-11-23 09:30")
    source = store.case_for_print(as_user(KARIN.user, HSV), case_id, "plan", "pdf")

    assert source.case.id == case_id
    assert source.case.current_plan() is not None
    assert source.case.current_plan().goals[0].goal == GOAL  # type: ignore[union-attr]
    assert (source.unit, source.unit_name, source.printed_by) == (
        HSV,
        "Hemsjukvården Umeå centrum",
        KARIN.name,
    )
    assert source.printed_at == at("2026-11-23 09:30")
    assert print_lines(engine) == [
        (KARIN.user, HSV, "print-plan", case_id, "194506121237"),
    ]
    with engine.connect() as conn:
        detail = conn.execute(select(LOG.c.detail).where(LOG.c.action == "print-plan"))
        assert detail.scalar_one() == "pdf"


def test_each_kind_has_its_own_action(store: Store, engine: Engine) -> None:
    case_id = planned_case_in(store, engine)
    for what in ("utvardering", "checklista", "dokumentation", "uppfoljning"):
        store.case_for_print(as_user(AHMED.user, HC), case_id, what)
    assert [line[2] for line in print_lines(engine)] == [
        "print-utvardering",
        "print-checklista",
        "print-dokumentation",
        "print-uppfoljning",
    ]
    with pytest.raises(ValueError, match="cannot print 'kartlaggning'"):
        store.case_for_print(as_user(AHMED.user, HC), case_id, "kartlaggning")


def test_the_contact_details_the_printout_names(store: Store, engine: Engine) -> None:
    case_id = planned_case_in(store, engine)
    source = store.case_for_print(as_user(AHMED.user, HC), case_id, "plan")
    ahmed = source.people[AHMED.user]
    assert (ahmed.name, ahmed.title, ahmed.phone, ahmed.email) == (
        AHMED.name,
        "Distriktssköterska",
        "090-785 12 34",
        "ahmed@example.se",
    )
    assert source.units[HC].name == "Ålidhems HC"
    assert source.units[HSV].switchboard == "090-785 00 00"


def test_a_unit_without_access_is_refused_and_only_the_attempt_is_logged(
    store: Store, engine: Engine
) -> None:
    case_id = planned_case_in(store, engine)
    with pytest.raises(NoAccess, match="deltar inte i ärendet"):
        store.case_for_print(as_user(PSY_PRO.user, PSY), case_id, "plan")
    with pytest.raises(NotAllowed, match="inte medlem av enheten"):
        store.case_for_print(as_user(KARIN.user, HC), case_id, "plan")
    assert print_lines(engine) == []
    with engine.connect() as conn:
        query = select(LOG.c.login, LOG.c.action).where(LOG.c.action.like("refused-%"))
        refused = [tuple(row) for row in conn.execute(query.order_by(LOG.c.id))]
    assert refused == [(PSY_PRO.user, "refused-print-plan"), (KARIN.user, "refused-print-plan")]
