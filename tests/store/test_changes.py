"""The change feed: a change committed in another process reaches a listener here."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import pytest
from sqlalchemy import Engine

from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock
from sip_tui.domain.commands import AcceptInitiative, DeclineInitiative
from sip_tui.domain.errors import DomainError
from sip_tui.store.changes import listener_for
from sip_tui.store.service.api import Store
from tests.acting import as_user
from tests.domain.world import AHMED, HC, HSV, KARIN, at
from tests.store.seed import seed_world, sent_case

#: The issue's promise: within 1 s on PostgreSQL, 2 s on SQLite.
WITHIN = {"postgresql": 1.0, "sqlite": 2.0}

CHILD = textwrap.dedent("""
    import sys, time
    from sip_tui.domain.calendar import WorkCalendar
    from sip_tui.domain.clock import Clock, parse_moment
    from sip_tui.store.engine import make_engine
    from sip_tui.domain.commands import AcceptInitiative
    from sip_tui.domain.session import Session
    from sip_tui.store.service.api import Store
    store = Store(make_engine(sys.argv[1]), Clock.frozen(parse_moment("2026-11-23 09:00")),
                  WorkCalendar())
    karin = Session("karin", "Karin", "umea-hsv-centrum", "HSV", frozenset())
    store.execute(karin, AcceptInitiative(int(sys.argv[2]), "Passar"))
    print(time.time(), flush=True)
""")


@pytest.fixture
def case_id(engine: Engine) -> int:
    seed_world(engine)
    store = Store(engine, Clock.frozen(at("2026-11-23 08:00")), WorkCalendar())
    case_id = sent_case(store, [HSV])
    return case_id


def test_a_change_in_another_process_reaches_the_listener(
    engine: Engine, db_url: str, backend: str, case_id: int
) -> None:
    listener = listener_for(engine)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, db_url, str(case_id)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        committed = float(child.stdout.readline())  # printed right after the commit
        changed = listener.wait(timeout=WITHIN[backend])
        noticed = time.time()
    finally:
        listener.close()
        assert child.wait(timeout=60) == 0
    assert changed, "no change reached the listener"
    assert noticed - committed <= WITHIN[backend]
    assert changed == {HC, HSV}  # the units whose overview changed, on both backends


def test_a_refused_action_sends_no_change(engine: Engine, backend: str, case_id: int) -> None:
    store = Store(engine, Clock.frozen(at("2026-11-23 09:00")), WorkCalendar())
    listener = listener_for(engine)
    try:
        with pytest.raises(DomainError):
            store.execute(
                as_user(KARIN.user, HSV), DeclineInitiative(case_id, "")
            )  # a reason is required
        assert listener.wait(timeout=0.5) == set()
    finally:
        listener.close()


def test_opening_a_case_wakes_no_listener(engine: Engine, backend: str, case_id: int) -> None:
    """A read writes an access-log line (a commit, which moves SQLite's data_version) but
    changes no unit's overview: nobody is woken; the next real change is heard."""
    store = Store(engine, Clock.frozen(at("2026-11-23 09:00")), WorkCalendar())
    listener = store.listen()
    try:
        store.open_case(as_user(AHMED.user, HC), case_id)
        store.open_case(as_user(KARIN.user, HSV), case_id)
        assert listener.wait(timeout=0.75) == set()
        store.execute(as_user(KARIN.user, HSV), AcceptInitiative(case_id, "Passar"))
        assert listener.wait(timeout=WITHIN[backend]) == {HC, HSV}
    finally:
        listener.close()


def test_the_store_listener_says_store_error_when_the_database_is_gone(
    engine: Engine, backend: str, case_id: int
) -> None:
    from sip_tui.store.errors import StoreError

    store = Store(engine, Clock.frozen(at("2026-11-23 09:00")), WorkCalendar())
    listener = store.listen()
    listener.close()
    with pytest.raises(StoreError):
        listener.wait(timeout=0.1)  # its connection is closed: never a driver's error
