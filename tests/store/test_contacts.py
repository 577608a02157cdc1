"""The phone list in the store (seed 002) on SQLite and PostgreSQL: everyone reads every
unit's numbers; an administrator changes any unit's, a manager their own unit's, all or
nothing, access-logged."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, insert, select

from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock
from sip_tui.domain.contacts import ContactUpdate
from sip_tui.domain.roles import Role
from sip_tui.store import models as t
from sip_tui.store.models import table_of
from sip_tui.store.service.api import Store
from sip_tui.store.service.contacts import ContactImportRefused
from tests.domain.world import BIST, HC, HSV, KARIN, MANAGER, SUPPORT, UNIT_NAMES, at
from tests.store.seed import seed_world

LOG = table_of(t.AccessLog)


@pytest.fixture
def store(engine: Engine) -> Store:
    seed_world(engine)
    with engine.begin() as conn:  # Lena (support at HSV) is also the county's administrator
        conn.execute(
            insert(table_of(t.Membership)).values(
                login=SUPPORT.user, unit=HC, role=Role.ADMIN.value
            )
        )
    return Store(engine, Clock(lambda: at("2026-11-23 10:30")), WorkCalendar())


def numbers(store: Store) -> dict[str, tuple[str, str]]:
    return {c.code: (c.switchboard, c.direct_phone) for c in store.phone_list()}


def logged(store: Store) -> list[tuple[str, str, str]]:
    with store.engine.connect() as conn:
        query = select(LOG.c.login, LOG.c.unit, LOG.c.detail).where(
            LOG.c.action == "contacts-import"
        )
        return [tuple(row) for row in conn.execute(query)]  # type: ignore[misc]


def test_everyone_reads_every_units_numbers_by_name(store: Store) -> None:
    listed = store.phone_list()
    assert [c.name for c in listed] == sorted(UNIT_NAMES.values())
    assert {c.code for c in listed} == set(UNIT_NAMES)
    assert all(c.switchboard == "090-785 00 00" for c in listed)


def test_an_administrator_changes_any_unit_and_the_change_is_logged(store: Store) -> None:
    changed = store.import_phone_list(
        SUPPORT.user,
        [
            ContactUpdate(2, HSV, direct_phone="090-16 10 00"),
            ContactUpdate(3, BIST, "090-16 00 00", ""),
            ContactUpdate(4, HC, "090-785 00 00", None),  # as it was: no change
        ],
    )
    assert changed == [HSV, BIST]
    got = numbers(store)
    assert got[HSV] == ("090-785 00 00", "090-16 10 00")  # switchboard left as it was
    assert got[BIST] == ("090-16 00 00", "")
    assert logged(store) == [(SUPPORT.user, HC, f"changed: {HSV}, {BIST}")]


def test_a_manager_changes_their_own_unit_only_and_a_refusal_changes_nothing(
    store: Store,
) -> None:
    assert store.import_phone_list(MANAGER.user, [ContactUpdate(2, HSV, "090-16 10 00")]) == [HSV]
    before = numbers(store)
    with pytest.raises(ContactImportRefused, match=rf"^line 3: maj may not change .*'{HC}'"):
        store.import_phone_list(
            MANAGER.user,
            [ContactUpdate(2, HSV, "090-1"), ContactUpdate(3, HC, "090-2")],
        )
    assert numbers(store) == before
    assert len(logged(store)) == 1


def test_unknown_units_and_users_without_the_role_are_refused(store: Store) -> None:
    with pytest.raises(ContactImportRefused, match=r"^line 5: unknown unit 'nowhere'"):
        store.import_phone_list(SUPPORT.user, [ContactUpdate(5, "nowhere", "1")])
    with pytest.raises(ContactImportRefused, match=r"^karin may not change phone numbers"):
        store.import_phone_list(KARIN.user, [ContactUpdate(2, HSV, "1")])
    with pytest.raises(ContactImportRefused, match=r"^nobody is not a sip-tui user"):
        store.import_phone_list("nobody", [ContactUpdate(2, HSV, "1")])
    assert logged(store) == []
