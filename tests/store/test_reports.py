"""Reports from the store, on SQLite and PostgreSQL: every figure of the hand-built store
(``tests.store.report_seed``) as known; who may take one out; each one access-logged."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine, select

from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock
from sip_tui.domain.errors import NotAllowed
from sip_tui.domain.kinds import Phase
from sip_tui.domain.report import ArrivalKind
from sip_tui.store import models as t
from sip_tui.store.errors import UnknownUnit
from sip_tui.store.models import table_of
from sip_tui.store.service.api import Store
from tests.acting import as_user
from tests.domain.world import BIST, HC, HSV, KARIN, MANAGER
from tests.store.report_seed import ADMIN, FIRST, LAST, NOW, seed_report_world

LOG = table_of(t.AccessLog)


@pytest.fixture
def store(engine: Engine) -> Store:
    seed_report_world(engine)
    return Store(engine, Clock(lambda: NOW), WorkCalendar())


def test_every_figure_of_the_unit_is_as_built(store: Store) -> None:
    report = store.report(as_user(MANAGER.user, HSV), [HSV], FIRST, LAST)
    assert report.incoming == 5
    assert report.by_kind == {ArrivalKind.INITIATIVE: 1, ArrivalKind.CALL: 2,
                              ArrivalKind.MESSAGE: 2}  # fmt: skip
    assert (report.in_time, report.late, report.overdue, report.pending) == (2, 1, 1, 1)
    assert report.share_in_time == 0.5
    assert (report.median, report.p90) == (timedelta(hours=21), timedelta(hours=26, minutes=12))
    assert report.worst_overdue == timedelta(days=7, hours=21)
    assert report.open_by_phase == {Phase.INI: 1, Phase.KAL: 0, Phase.SIP: 1, Phase.UPP: 0}
    assert (report.deviations, report.proposed, report.unwatched_days) == (2, 1, 4)
    assert [(w.number, w.incoming, w.in_time) for w in report.weeks] == [
        (44, 0, 0), (45, 2, 2), (46, 1, 0), (47, 1, 0), (48, 0, 0), (49, 1, 0)
    ]  # fmt: skip

    with store.engine.connect() as conn:
        logged = conn.execute(select(LOG.c.login, LOG.c.unit, LOG.c.action, LOG.c.case_id,
                                     LOG.c.personnummer, LOG.c.detail)).all()  # fmt: skip
    assert logged == [(MANAGER.user, HSV, "report", None, None,
                       f"{HSV}: 2026-11-01 – 2026-11-30")]  # fmt: skip


def test_the_county_administrator_takes_out_several_units(store: Store) -> None:
    report = store.report(as_user(ADMIN, HC), [HSV, BIST], FIRST, LAST)
    assert report.incoming == 6
    assert (report.in_time, report.late, report.overdue, report.pending) == (2, 2, 1, 1)
    # 2 h, 21 h, 27 h 30, 49 h: median 24 h 15 min; rank 2.7 → 27 h 30 + 0.7 × 21 h 30
    assert report.median == timedelta(hours=24, minutes=15)
    assert report.p90 == timedelta(hours=42, minutes=33)
    assert report.unwatched_days == 4 + 21
    assert report.open_by_phase[Phase.SIP] == 1


def test_only_the_manager_or_an_administrator(store: Store) -> None:
    with pytest.raises(NotAllowed, match="Bara enhetschefen"):
        store.report(as_user(KARIN.user, HSV), [HSV], FIRST, LAST)
    with pytest.raises(NotAllowed, match=f"inte enhetschef för {BIST}"):
        store.report(as_user(MANAGER.user, HSV), [HSV, BIST], FIRST, LAST)
    with pytest.raises(UnknownUnit, match="unknown unit 'nope'"):
        store.report(as_user(MANAGER.user, HSV), ["nope"], FIRST, LAST)
    with store.engine.connect() as conn:
        assert conn.execute(select(LOG.c.id)).first() is None
