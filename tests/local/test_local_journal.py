"""The downtime journal and the phone list's copy in the local store: private (0600),
kept across a reopen, per shared store, with no shared store at all."""

from __future__ import annotations

import stat
from dataclasses import replace

import pytest

from sip_tui.domain.contacts import Contact
from sip_tui.domain.errors import WrongState
from sip_tui.domain.journal import (
    Direction,
    JournalDraft,
    Registrar,
    Step,
    check_entry,
)
from sip_tui.local import contacts, db, journal
from tests.domain.world import HC, HSV, at

NOW = at("2026-11-23 11:58")
DEMO, REAL = db.store_key("sqlite:////tmp/demo.db"), db.store_key("postgresql://db/sip")
ENTRY = check_entry(
    JournalDraft(
        at=at("2026-11-23 11:55"),
        login="karin",
        signature="Karin Lund",
        direction=Direction.RECEIVED,
        person="Ahmed Nilsson",
        unit_name="Ålidhems HC",
        information="Kallelse till SIP måndag 30/11 kl. 10 på HC.",
        personnummer="19450612-1237",
        individual_name="Elsa Andersson",
        step=Step.CALL_PLANNING,
        registrar=Registrar.OTHER_UNIT,
        unit_code=HC,
        meeting_at=at("2026-11-30 10:00"),
        unit=HSV,
    ),
    NOW,
)


def test_a_note_is_kept_privately_and_read_back_as_written() -> None:
    stored = journal.add(REAL, ENTRY)
    assert stored.id > 0
    assert stored == replace(ENTRY, id=stored.id)
    path = db.local_path()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert journal.entries(REAL) == [stored]  # a new connection: it survived the close
    assert journal.entries(DEMO) == []  # another store's journal is another


def test_notes_newest_first_for_the_unit_and_those_written_without_one() -> None:
    first = journal.add(REAL, ENTRY)
    unknown_unit = journal.add(REAL, replace(ENTRY, unit="", at=at("2026-11-23 11:57")))
    journal.add(REAL, replace(ENTRY, unit=HC))
    assert journal.entries(REAL, HSV) == [unknown_unit, first]
    assert len(journal.entries(REAL)) == 3


def test_marking_done_keeps_who_and_when_and_is_refused_twice() -> None:
    stored = journal.add(REAL, ENTRY)
    done = journal.mark_done(REAL, stored.id, "olle", at("2026-11-23 14:00"))
    assert (done.done_by, done.done_at) == ("olle", at("2026-11-23 14:00"))
    assert journal.entries(REAL) == [done]
    with pytest.raises(WrongState):
        journal.mark_done(REAL, stored.id, "olle", at("2026-11-23 14:01"))
    with pytest.raises(KeyError):
        journal.mark_done(DEMO, stored.id, "olle", at("2026-11-23 14:01"))


def test_the_phone_list_copy_is_replaced_per_store_and_remembers_when() -> None:
    assert contacts.cached(REAL) == contacts.PhoneList([], None)
    hc = Contact(HC, "Ålidhems HC", "Ålidhem", "090-785 00 00", "090-785 12 34")
    hsv = Contact(HSV, "Hemsjukvården Umeå centrum", "HSV", "090-16 10 00", "")
    contacts.save(REAL, [hc, hsv], at("2026-11-23 08:00"))
    contacts.save(DEMO, [hc], at("2026-11-23 09:00"))
    contacts.save(REAL, [hsv, replace(hc, direct_phone="")], at("2026-11-23 10:00"))
    assert contacts.cached(REAL) == contacts.PhoneList(
        [hsv, replace(hc, direct_phone="")], at("2026-11-23 10:00")
    )
    assert contacts.cached(DEMO).contacts == [hc]
    assert stat.S_IMODE(db.local_path().stat().st_mode) == 0o600
