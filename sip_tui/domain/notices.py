"""Which notices (avisering) a unit's watcher should get now, and their words.

Seed 000: the watcher *"meddelar ansvarig yrkesutövare inom enhet (alt SMS/Mejl-avisering
till yrkesutövare)"*. Two kinds, both about the unit's acknowledgements (initiatives and
calls to answer, messages to read — the mailbox's work, due at a cut-off):

* **new** work: once per arrival — its ``ref`` is the moment the newest open item
  arrived, so a later arrival makes a new notice and nothing else does;
* a **reminder** on a working day from ``remind_at`` until the cut-off, once that day,
  while items due at today's cut-off (or overdue) are open.

A notice's text holds the unit's name, counts and the deadline: never a personnummer, a
person's name or anything about health (it travels by e-mail and SMS).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time
from enum import StrEnum

from sip_tui.domain.calendar import WorkCalendar, end_of_day, is_overdue, is_whole_day
from sip_tui.domain.clock import to_stockholm
from sip_tui.domain.status import TaskKind
from sip_tui.domain.texts import WEEKDAYS_SHORT

#: The mailbox's work: what a watcher acknowledges before the cut-off.
ACKNOWLEDGE_KINDS = frozenset(
    {TaskKind.ANSWER_INITIATIVE, TaskKind.ANSWER_CALL, TaskKind.READ_MESSAGE}
)


class NoticeKind(StrEnum):
    NEW = "new"
    REMINDER = "reminder"
    PERSON_NEW = "person-new"  # to a task's named responsible person (domain.named_notices)
    PERSON_REMINDER = "person-reminder"


@dataclass(frozen=True)
class OpenItem:
    """An open task of the unit: what it is, when it arrived, when it is due."""

    kind: TaskKind
    since: datetime
    deadline: datetime | None


@dataclass(frozen=True)
class WantedNotice:
    """A notice to send to the unit's watcher(s). ``ref`` tells one notice of its kind
    from another (with the unit and recipient it makes the outbox key)."""

    kind: NoticeKind
    ref: str
    text: str
    expires_at: datetime  # not sent after this moment


def wanted_notices(
    unit_name: str,
    items: Sequence[OpenItem],
    now: datetime,
    calendar: WorkCalendar,
    remind_at: time,
) -> list[WantedNotice]:
    """The notices the unit's watcher should have at ``now``."""
    local = to_stockholm(now)
    open_items = [i for i in items if i.kind in ACKNOWLEDGE_KINDS and i.deadline is not None]
    if not open_items:
        return []
    wanted = [
        WantedNotice(
            NoticeKind.NEW,
            max(to_stockholm(i.since) for i in open_items).isoformat(),
            new_text(unit_name, open_items, now),
            end_of_day(local.date()),
        )
    ]
    today = local.date()
    if calendar.is_working_day(today):
        cutoff = calendar.cutoff_on(today)
        reminded = [i for i in open_items if i.deadline is not None and i.deadline <= cutoff]
        if reminded and local.time() >= remind_at and not is_overdue(cutoff, now):
            wanted.append(
                WantedNotice(
                    NoticeKind.REMINDER,
                    today.isoformat(),
                    reminder_text(unit_name, reminded, now, cutoff),
                    cutoff,
                )
            )
    return wanted


def new_text(unit_name: str, items: Sequence[OpenItem], now: datetime) -> str:
    """``Hemsjukvården Umeå centrum: 2 nya att kvittera i SIP, senast mån 12:00``."""
    late = [i for i in items if i.deadline is not None and is_overdue(i.deadline, now)]
    coming = sorted(
        i.deadline for i in items if i.deadline is not None and not is_overdue(i.deadline, now)
    )
    text = f"{unit_name}: {count_words(len(items), 'nytt', 'nya')} att kvittera i SIP"
    if coming:
        text += f", senast {short_when(coming[0])}"
    if late:
        text += f" ({count_words(len(late), 'försenat', 'försenade')})"
    return text


def reminder_text(
    unit_name: str, items: Sequence[OpenItem], now: datetime, cutoff: datetime
) -> str:
    """``Påminnelse: Hemsjukvården Umeå centrum: 3 att kvittera i SIP före 12:00 i dag``."""
    late = sum(1 for i in items if i.deadline is not None and is_overdue(i.deadline, now))
    text = (
        f"Påminnelse: {unit_name}: {len(items)} att kvittera i SIP "
        f"före {to_stockholm(cutoff):%H:%M} i dag"
    )
    if late:
        text += f" ({count_words(late, 'försenat', 'försenade')})"
    return text


def count_words(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def short_when(deadline: datetime) -> str:
    local = to_stockholm(deadline)
    day = WEEKDAYS_SHORT[local.weekday()]
    return day if is_whole_day(local) else f"{day} {local:%H:%M}"
