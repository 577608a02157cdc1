"""The hand-built report store (``tests.store.report_seed``) for the UI: the test user is
HSV's manager (or ``role``), the clock at the seed's moment."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import insert

from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock
from sip_tui.store import models as t
from sip_tui.store.engine import make_engine
from sip_tui.store.models import table_of
from sip_tui.store.schema import upgrade
from sip_tui.store.service.api import Store
from tests.domain.world import HSV
from tests.store.report_seed import NOW, seed_report_world
from tests.ui.conftest import LOGIN


def report_store(folder: Path, role: str = "manager") -> Store:
    url = f"sqlite:///{folder / 'report.db'}"
    upgrade(url, kind="training")
    engine = make_engine(url)
    seed_report_world(engine)
    with engine.begin() as conn:
        conn.execute(insert(table_of(t.User)).values(login=LOGIN, name="Tea Testare"))
        conn.execute(insert(table_of(t.Membership)).values(login=LOGIN, unit=HSV, role=role))
    return Store(engine, Clock.frozen(NOW), WorkCalendar())
