"""Notices to a task's named responsible person (issue 12: *"för uppgifter med en namngiven
ansvarig, till den personen"*; seed 000: the watcher *"meddelar ansvarig yrkesutövare"*).

A task names a person in two ways:

* **signing** a document (``TaskKind.SIGN``): the user holding the document's edit lock
  (``Task.holder``, a login);
* **following up** an activity of the plan (``TaskKind.FOLLOW_UP_ACTIVITY``): the
  activity's *Ansvarig person* (``Activity.responsible_person``), free text typed in the
  plan — it names a user when it is a member's login, or the name of exactly one member
  of the activity's responsible unit (``responsible_login``); otherwise nobody is notified
  (a name shared by two members, or someone outside sip-tui).

As for the watcher (``domain.notices``), a person gets one notice per arrival of new
work (keyed by the newest arrival) and one reminder a working day from ``remind_at``
while something of theirs is due today or overdue. The text holds the unit's name, counts
and the deadline — never a name, a personnummer or what the activity is about.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, time

from sip_tui.domain.calendar import WorkCalendar, end_of_day, is_overdue
from sip_tui.domain.clock import to_stockholm
from sip_tui.domain.notices import NoticeKind, OpenItem, WantedNotice, count_words
from sip_tui.domain.status import TaskKind
from sip_tui.domain.texts import deadline_moment

#: The tasks that name a person.
NAMED_KINDS = frozenset({TaskKind.SIGN, TaskKind.FOLLOW_UP_ACTIVITY})

_WORDS: dict[TaskKind, tuple[str, str]] = {
    TaskKind.SIGN: ("dokument att signera", "dokument att signera"),
    TaskKind.FOLLOW_UP_ACTIVITY: ("aktivitet att följa upp", "aktiviteter att följa upp"),
}


def responsible_login(named: str, members: Mapping[str, str]) -> str | None:
    """The login of the member (login -> name) that ``named`` names: a login (any case),
    else the one member with that name (case and spacing ignored); None when nobody or
    more than one member matches."""
    wanted = " ".join(named.split()).casefold()
    if not wanted:
        return None
    for login in members:
        if login.casefold() == wanted:
            return login
    found = [
        login for login, name in members.items() if " ".join(name.split()).casefold() == wanted
    ]
    return found[0] if len(found) == 1 else None


def wanted_person_notices(
    unit_name: str,
    items: Sequence[OpenItem],
    now: datetime,
    calendar: WorkCalendar,
    remind_at: time,
) -> list[WantedNotice]:
    """The notices one person should have at ``now`` about ``items``, the unit's open
    tasks that name them."""
    named = [item for item in items if item.kind in NAMED_KINDS]
    if not named:
        return []
    local = to_stockholm(now)
    today = local.date()
    wanted = [
        WantedNotice(
            NoticeKind.PERSON_NEW,
            max(to_stockholm(i.since) for i in named).isoformat(),
            person_new_text(unit_name, named, now),
            end_of_day(today),
        )
    ]
    due = [i for i in named if i.deadline is not None and i.deadline <= end_of_day(today)]
    if due and calendar.is_working_day(today) and local.time() >= remind_at:
        wanted.append(
            WantedNotice(
                NoticeKind.PERSON_REMINDER,
                today.isoformat(),
                person_reminder_text(unit_name, due, now),
                end_of_day(today),
            )
        )
    return wanted


def _kinds(items: Sequence[OpenItem]) -> str:
    parts = []
    for kind, (one, many) in _WORDS.items():
        number = sum(1 for i in items if i.kind is kind)
        if number:
            parts.append(count_words(number, one, many))
    return ", ".join(parts)


def _late(items: Sequence[OpenItem], now: datetime) -> str:
    late = sum(1 for i in items if i.deadline is not None and is_overdue(i.deadline, now))
    return f", {count_words(late, 'försenad', 'försenade')}" if late else ""


def person_new_text(unit_name: str, items: Sequence[OpenItem], now: datetime) -> str:
    """``Hemsjukvården Umeå centrum: 2 uppgifter för dig i SIP (1 dokument att signera,
    1 aktivitet att följa upp), senast tis 19 jan`` (the day, and the hour of a cut-off:
    these deadlines may be weeks away)."""
    coming = sorted(
        i.deadline for i in items if i.deadline is not None and not is_overdue(i.deadline, now)
    )
    text = (
        f"{unit_name}: {count_words(len(items), 'uppgift', 'uppgifter')} för dig i SIP "
        f"({_kinds(items)}{_late(items, now)})"
    )
    return text + (f", senast {deadline_moment(coming[0])}" if coming else "")


def person_reminder_text(unit_name: str, items: Sequence[OpenItem], now: datetime) -> str:
    """``Påminnelse: Hemsjukvården Umeå centrum: 1 uppgift för dig i SIP senast i dag
    (1 aktivitet att följa upp)``."""
    return (
        f"Påminnelse: {unit_name}: {count_words(len(items), 'uppgift', 'uppgifter')} för dig "
        f"i SIP senast i dag ({_kinds(items)}{_late(items, now)})"
    )
