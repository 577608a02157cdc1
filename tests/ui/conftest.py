"""A small demo store and the app on it, with the clock frozen (Monday 08:05)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from sip_tui.demo.build import build_demo
from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock, parse_moment
from sip_tui.store.engine import make_engine
from sip_tui.store.schema import upgrade
from sip_tui.store.service.api import Store
from sip_tui.ui.app import SipApp
from tests.ui.outage import PgOutage
from tests.ui.outage import pg_outage as outage_store

NOW = parse_moment("2026-11-23 08:05")
#: Five minutes before the cut-off: the outage seed 002 calls dangerous.
OUTAGE_NOW = parse_moment("2026-11-23 11:55")
LOGIN = "tester"


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ui") / "demo.db"
    url = f"sqlite:///{path}"
    upgrade(url, kind="training")
    engine = make_engine(url)
    build_demo(
        engine,
        login=LOGIN,
        login_name="Tea Testare",
        cases=80,
        seed=5,
        now=NOW,
        calendar=WorkCalendar(),
    )
    engine.dispose()
    return path


@pytest.fixture
def engine(demo_template: Path, tmp_path: Path) -> Iterator[Engine]:
    copy = tmp_path / "demo.db"
    copy.write_bytes(demo_template.read_bytes())
    engine = make_engine(f"sqlite:///{copy}")
    yield engine
    engine.dispose()


@pytest.fixture
def store(engine: Engine) -> Store:
    return Store(engine, Clock.frozen(NOW), WorkCalendar())


def make_app(store: Store, unit: str | None = None, only: str | None = None) -> SipApp:
    memberships = store.memberships(LOGIN)
    if only is not None:
        memberships = [m for m in memberships if m.unit.code == only]
    return SipApp(store, LOGIN, "Tea Testare", memberships, unit=unit, bell=False)


@pytest.fixture
def world(tmp_path: Path) -> Iterator[Store]:
    """The domain tests' small world (Ahmed at Ålidhems HC, Karin at hemsjukvården, …) in an
    empty store, clock frozen at NOW: for the forms, which build their cases step by step."""
    from tests.store.seed import seed_world

    url = f"sqlite:///{tmp_path / 'world.db'}"
    upgrade(url, kind="training")
    engine = make_engine(url)
    seed_world(engine)
    yield Store(engine, Clock.frozen(NOW), WorkCalendar())
    engine.dispose()


@pytest.fixture
def pg_outage() -> Iterator[PgOutage]:
    """The domain tests' world on PostgreSQL behind a proxy the test cuts and restores (a
    server stopped and started: ``tests/ui/outage.py``), clock frozen at ``OUTAGE_NOW``."""
    with outage_store(OUTAGE_NOW) as made:
        yield made


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """The text cursor does not blink in tests: a snapshot must not depend on which half
    of the blink it caught (Textual's blink timer runs in headless tests)."""
    from textual.widgets import Input, TextArea

    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)
