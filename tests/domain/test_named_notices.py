"""Whom an activity's *Ansvarig person* names, and the person's notices."""

from __future__ import annotations

from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.named_notices import responsible_login, wanted_person_notices
from sip_tui.domain.notices import NoticeKind, OpenItem
from sip_tui.domain.status import TaskKind
from tests.domain.world import at

MEMBERS = {"sara": "Sara Holm", "olle": "Olle Berg", "olle2": "Olle Berg"}


def test_a_login_or_one_members_name_names_a_user() -> None:
    assert responsible_login("SARA", MEMBERS) == "sara"
    assert responsible_login("  sara   HOLM ", MEMBERS) == "sara"
    assert responsible_login("olle2", MEMBERS) == "olle2"


def test_a_shared_name_an_outsider_or_nothing_names_nobody() -> None:
    assert responsible_login("Olle Berg", MEMBERS) is None  # two members: ask the watcher
    assert responsible_login("Dr. Ek, vårdcentralen", MEMBERS) is None
    assert responsible_login("  ", MEMBERS) is None


def test_acknowledgements_are_the_watchers_not_a_persons() -> None:
    item = OpenItem(TaskKind.ANSWER_CALL, at("2026-11-20 09:00"), at("2026-11-23 12:00"))
    assert (
        wanted_person_notices(
            "HSV", [item], at("2026-11-23 11:00"), WorkCalendar(), at("2026-11-23 10:30").time()
        )
        == []
    )


def test_a_late_task_is_counted_and_reminded_until_done() -> None:
    late = OpenItem(TaskKind.SIGN, at("2026-11-16 09:00"), at("2026-11-18 23:59:59"))
    now = at("2026-11-23 11:00")
    new, reminder = wanted_person_notices("HSV", [late], now, WorkCalendar(), now.time())
    assert new.kind is NoticeKind.PERSON_NEW
    assert new.text == "HSV: 1 uppgift för dig i SIP (1 dokument att signera, 1 försenad)"
    assert reminder.text == (
        "Påminnelse: HSV: 1 uppgift för dig i SIP senast i dag (1 dokument att signera, 1 försenad)"
    )
