"""The unit's local routine (seed 000) on SQLite and PostgreSQL: every member reads it,
only the manager writes it (access-logged), anyone else is refused and nothing changes."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import Engine, select

from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock
from sip_tui.domain.errors import InvalidInput, NotAllowed
from sip_tui.domain.routine import LocalRoutine
from sip_tui.store import models as t
from sip_tui.store.models import table_of
from sip_tui.store.service.api import Store
from tests.acting import as_user
from tests.domain.world import AHMED, HC, HSV, KARIN, MANAGER, PSY_PRO, at
from tests.store.seed import seed_world

LOG = table_of(t.AccessLog)
ROUTINE = LocalRoutine(
    HSV,
    watch_function="Undersköterska i tjänst bevakar brevlådan före kl. 12.",
    notify_how="Ansvarig sjuksköterska får SMS; annars telefon.",
    cover="Samordnande sjuksköterska täcker upp vid frånvaro.",
    support="Prator KP: Maj Chef, 090-100 00. Kommunens IT-support.",
)


@pytest.fixture
def store(engine: Engine) -> Store:
    seed_world(engine)
    return Store(engine, Clock(lambda: at("2026-11-23 10:30")), WorkCalendar())


def test_the_manager_writes_the_routine_and_members_read_it(store: Store) -> None:
    karin, boss = as_user(KARIN.user, HSV), as_user(MANAGER.user, HSV)
    assert store.local_routine(karin) == LocalRoutine(HSV)  # nothing written yet: empty

    saved = store.save_local_routine(boss, replace(ROUTINE, cover="  Olle Berg  "))
    assert (saved.cover, saved.updated_by, saved.updated_at) == (
        "Olle Berg",
        MANAGER.user,
        at("2026-11-23 10:30"),
    )
    again = store.save_local_routine(boss, ROUTINE)  # a second save replaces the first
    assert store.local_routine(karin) == again
    assert again.watch_function == ROUTINE.watch_function
    assert again.cover == ROUTINE.cover

    with store.engine.connect() as conn:
        logged = conn.execute(select(LOG.c.login, LOG.c.unit, LOG.c.action)).all()
    assert [tuple(row) for row in logged] == [(MANAGER.user, HSV, "routine-save")] * 2


def test_others_may_not_write_it_and_non_members_may_not_read_it(store: Store) -> None:
    with pytest.raises(NotAllowed, match="Bara enhetschefen"):
        store.save_local_routine(as_user(KARIN.user, HSV), ROUTINE)
    with pytest.raises(InvalidInput, match="högst"):
        store.save_local_routine(as_user(MANAGER.user, HSV), replace(ROUTINE, cover="x" * 5001))
    assert store.local_routine(as_user(KARIN.user, HSV)) == LocalRoutine(HSV)
    with pytest.raises(NotAllowed, match="inte medlem"):
        store.local_routine(as_user(PSY_PRO.user, HSV))
    assert store.local_routine(as_user(AHMED.user, HC)) == LocalRoutine(HC)
