"""Which of a unit's deadlines the status bar counts, and under which word.

Three disjoint groups of not-yet-done tasks, as ranges of stored deadlines so the store can
count them with plain comparisons (no column says which kind a deadline is: see
:func:`sip_tui.domain.calendar.is_whole_day`):

* **overdue** (*försenade*): the deadline's second has passed;
* **due at the next cut-off** (*före brytpunkt*): acknowledgements due at the next 12:00;
* **due today** (*i dag*): whole-day deadlines (documenting, locking) that end tonight.

Whole-day deadlines are 23:59:59 of a working day and cut-off deadlines the cut-off of one,
so the ranges below hold exactly those.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import NamedTuple

from sip_tui.domain.calendar import GRACE, WorkCalendar, end_of_day
from sip_tui.domain.clock import STOCKHOLM, to_stockholm


class Due(StrEnum):
    OVERDUE = "overdue"
    CUTOFF = "cutoff"  # at the next cut-off
    TODAY = "today"  # by the end of today


class DueCounts(NamedTuple):
    due: int  # at the next cut-off
    today: int  # by the end of today (whole-day deadlines)
    overdue: int


@dataclass(frozen=True)
class Windows:
    """``overdue_to``: a deadline at or before it is overdue. ``cutoff`` and ``today``:
    half-open ranges ``(low, high]`` of deadlines due at the next cut-off and by the end of
    today (a range is empty when ``low >= high``)."""

    overdue_to: datetime
    cutoff: tuple[datetime, datetime]
    today: tuple[datetime, datetime]


def windows(now: datetime, calendar: WorkCalendar) -> Windows:
    local = to_stockholm(now)
    overdue_to = (local.astimezone(UTC) - GRACE).astimezone(STOCKHOLM)
    cutoff = calendar.next_cutoff(local)
    tonight = end_of_day(local.date())
    if cutoff.astimezone(UTC) <= tonight.astimezone(UTC):  # before today's cut-off
        return Windows(overdue_to, (overdue_to, cutoff), (cutoff, tonight))
    return Windows(overdue_to, (tonight, cutoff), (overdue_to, tonight))


def _within(deadline: datetime, bounds: tuple[datetime, datetime]) -> bool:
    low, high = (moment.astimezone(UTC) for moment in bounds)
    return low < deadline.astimezone(UTC) <= high


def classify(deadline: datetime | None, now: datetime, calendar: WorkCalendar) -> Due | None:
    """Which status-bar count a task due at ``deadline`` falls in at ``now``, if any."""
    if deadline is None:
        return None
    limits = windows(now, calendar)
    if deadline.astimezone(UTC) <= limits.overdue_to.astimezone(UTC):
        return Due.OVERDUE
    if _within(deadline, limits.cutoff):
        return Due.CUTOFF
    if _within(deadline, limits.today):
        return Due.TODAY
    return None
