"""Issue 10, points 4 and 5 through the store, on both backends: a draft stays with its
writer's unit until signed, and Lås carries the version the coordinator saw."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from sip_tui.domain import documents as doc
from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock
from sip_tui.domain.commands import AcceptInitiative, Lock, SaveMapping, Sign
from sip_tui.domain.errors import EditConflict, WrongState
from sip_tui.domain.model import Mapping
from sip_tui.store.service.api import Store
from tests.acting import as_user
from tests.domain.world import AHMED, HC, HSV, KARIN, SARA, at
from tests.store.seed import seed_world, sent_case

MAPPING = doc.DocumentKind.MAPPING


@pytest.fixture
def store(engine: Engine) -> Store:
    seed_world(engine)
    return Store(engine, Clock(lambda: at("2026-11-23 10:00")), WorkCalendar())


def _accepted(store: Store) -> int:
    case_id = sent_case(store, [HSV])
    store.execute(as_user(KARIN.user, HSV), AcceptInitiative(case_id, "ok"))
    return case_id


def _save(store: Store, login: str, unit: str, case_id: int, text: str, base: int | None) -> None:
    store.execute(as_user(login, unit), SaveMapping(case_id, doc.MappingText(text), base))


def test_a_draft_is_not_what_another_unit_gets_to_see(store: Store) -> None:
    """*"När du är klar med din redigering, signerar du det du skrivit. Nu kan andra
    användare läsa i dokumentet."*"""
    case_id = _accepted(store)
    _save(store, AHMED.user, HC, case_id, "Signerad text", None)
    store.execute(as_user(AHMED.user, HC), Sign(case_id, MAPPING))
    _save(store, AHMED.user, HC, case_id, "Ahmeds utkast", 1)

    karins = store.open_case(as_user(KARIN.user, HSV), case_id)
    seen = doc.document_for(karins, MAPPING, HSV)
    assert isinstance(seen, Mapping)
    assert seen.situation == "Signerad text"
    assert seen.edit_lock is not None
    assert seen.edit_lock.user_name == "Ahmed Nilsson"
    ahmeds = store.open_case(as_user(AHMED.user, HC), case_id)
    mine = doc.document_for(ahmeds, MAPPING, HC)
    assert isinstance(mine, Mapping)
    assert mine.situation == "Ahmeds utkast"

    # The same login on another unit does not hold the edit lock: it cannot sign there.
    with pytest.raises(WrongState):
        store.execute(as_user(AHMED.user, HSV), Sign(case_id, MAPPING))

    signed = store.execute(as_user(AHMED.user, HC), Sign(case_id, MAPPING))
    assert signed == store.open_case(as_user(AHMED.user, HC), case_id)
    again = doc.document_for(store.open_case(as_user(KARIN.user, HSV), case_id), MAPPING, HSV)
    assert isinstance(again, Mapping)
    assert again.situation == "Ahmeds utkast"


def test_a_stale_lock_is_refused(store: Store) -> None:
    """Lås carries the version the coordinator saw: *"Nu kan andra användare läsa i
    dokumentet"* — and the coordinator must have read what is locked."""
    case_id = _accepted(store)
    _save(store, SARA.user, HSV, case_id, "v1", None)
    store.execute(as_user(SARA.user, HSV), Sign(case_id, MAPPING))
    _save(store, SARA.user, HSV, case_id, "v2", 1)
    store.execute(as_user(SARA.user, HSV), Sign(case_id, MAPPING))

    with pytest.raises(EditConflict, match="har ändrats av Sara Holm"):
        store.execute(as_user(AHMED.user, HC), Lock(case_id, MAPPING, base_version=1))
    locked = store.execute(as_user(AHMED.user, HC), Lock(case_id, MAPPING, base_version=2))
    assert locked.mapping is not None
    assert locked.mapping.is_locked
    assert locked == store.open_case(as_user(AHMED.user, HC), case_id)
