"""The Swedish working-day calendar and every deadline rule of the SIP process.

A working day is Monday to Friday that is neither a Swedish public holiday nor a de facto
holiday (Midsommarafton, Julafton, Nyårsafton), nor a closed day the organisation adds in
its configuration. All in Europe/Stockholm time whatever the machine's time zone.

A deadline is the last moment that is still on time, and a task is overdue from the next
whole second. Acknowledging what arrived in the mailbox (initiative, call, message) is due
at the cut-off (default 12:00; "senast kl. 12.00" includes 12:00:00, overdue from
12:00:01). Documenting and locking ("senast arbetsdagen efter det faktiska mötet", "låses
senast en arbetsdag före mötet") and sending the call after *utskrivningsklar* have no hour:
they last the whole working day, stored as its last second, 23:59:59 (overdue from 00:00:00
the next calendar day). See docs/architecture.md, "Time and deadlines".
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Final

import holidays

from sip_tui.domain.clock import STOCKHOLM, to_stockholm

WEEKDAY_NAMES: Final = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
DEFAULT_CUTOFF: Final = time(12, 0)
#: A whole-day deadline is stored as the day's last second (Stockholm time).
END_OF_DAY: Final = time(23, 59, 59)
#: A deadline's own second is still on time: overdue from the next whole second.
GRACE: Final = timedelta(seconds=1)
#: "Inom 3 dagar från utskrivningsklar": calendar days, as the law counts them.
DISCHARGE_CALL_DAYS: Final = 3
_SEARCH_LIMIT: Final = 366  # no year has a run of closed days this long


class OutsideCalendarError(ValueError):
    """A day outside :attr:`WorkCalendar.years`, whose holidays are not known."""


class WorkCalendar:
    """Working days and cut-offs. Immutable after construction; cheap to query."""

    def __init__(
        self,
        cutoff: time = DEFAULT_CUTOFF,
        closed_days: Mapping[date, str] | None = None,
    ) -> None:
        if cutoff.tzinfo is not None:
            raise ValueError("the cut-off is a Stockholm wall-clock time; give it without zone")
        if cutoff >= END_OF_DAY:
            raise ValueError("the cut-off must be before 23:59:59, the end of a working day")
        self._cutoff = cutoff
        self._closed: dict[date, str] = dict(closed_days or {})
        self._holidays = holidays.country_holidays(
            "SE", categories=("public", "de_facto"), language="sv"
        )

    @property
    def cutoff(self) -> time:
        return self._cutoff

    @property
    def years(self) -> range:
        """The years whose holidays are known (those of the ``holidays`` package, today
        1953–2100). Asking about a day outside them raises :class:`OutsideCalendarError`
        rather than silently treating every weekday as a working day."""
        return range(self._holidays.start_year, self._holidays.end_year + 1)

    # --- days -----------------------------------------------------------------------------

    def holiday_name(self, day: date) -> str | None:
        """The name of a public or de facto holiday, or of a configured closed day."""
        if day.year not in self.years:
            first, last = self.years[0], self.years[-1]
            raise OutsideCalendarError(
                f"no Swedish holiday data for {day.year}; the calendar covers {first} to {last}"
            )
        if day in self._closed:
            return self._closed[day]
        name = self._holidays.get(day)
        if name is None:
            return None
        # Two holidays on one day are joined by "; " in the holidays package.
        return str(name)

    def closed_reason(self, day: date) -> str | None:
        """Why ``day`` is not a working day ("Juldagen", "lördag"), or None if it is one."""
        name = self.holiday_name(day)
        if name is not None:
            return name
        if day.weekday() >= 5:
            return WEEKDAY_NAMES[day.weekday()]
        return None

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and self.holiday_name(day) is None

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        return self._walk(day, +1)

    def previous_working_day(self, day: date) -> date:
        """The last working day strictly before ``day``."""
        return self._walk(day, -1)

    def working_day_on_or_after(self, day: date) -> date:
        return day if self.is_working_day(day) else self.next_working_day(day)

    def _walk(self, day: date, step: int) -> date:
        candidate = day
        for _ in range(_SEARCH_LIMIT):
            candidate += timedelta(days=step)
            if self.is_working_day(candidate):
                return candidate
        raise ValueError(f"no working day within a year of {day.isoformat()}")

    def non_working_weekdays(self, year: int) -> Iterator[tuple[date, str]]:
        """Every Monday–Friday of ``year`` that is not a working day, with its name."""
        day = date(year, 1, 1)
        while day.year == year:
            if day.weekday() < 5:
                name = self.holiday_name(day)
                if name is not None:
                    yield day, name
            day += timedelta(days=1)

    # --- cut-offs and deadlines -----------------------------------------------------------

    def cutoff_on(self, day: date) -> datetime:
        """The cut-off moment of ``day`` in Stockholm time (correct across DST changes)."""
        return datetime.combine(day, self._cutoff, tzinfo=STOCKHOLM)

    def next_cutoff(self, moment: datetime) -> datetime:
        """The first cut-off that has not passed at ``moment``: during 12:00:00 (the whole
        second) today's cut-off is still the next one; from 12:00:01 it is tomorrow's."""
        local = to_stockholm(moment)
        today = local.date()
        if self.is_working_day(today) and not is_overdue(self.cutoff_on(today), local):
            return self.cutoff_on(today)
        return self.cutoff_on(self.next_working_day(today))

    def acknowledge_deadline(self, sent_at: datetime) -> datetime:
        """Initiative, call, info message: the cut-off of the first working day after the
        day it was sent, whatever the hour it was sent."""
        return self.cutoff_on(self.next_working_day(to_stockholm(sent_at).date()))

    def mapping_lock_deadline(self, meeting_at: datetime) -> datetime:
        """Kartläggning is locked at the latest the working day before the meeting ("Låses
        senast en arbetsdag före mötet"): the whole of that day."""
        return end_of_day(self.previous_working_day(to_stockholm(meeting_at).date()))

    def follow_up_lock_deadline(self, evaluation_at: datetime) -> datetime:
        """Uppföljning is locked at the latest the working day before the evaluation
        ("Senast vardagen före utvärderingsmötet"): the whole of that day."""
        return self.mapping_lock_deadline(evaluation_at)

    def documentation_deadline(self, meeting_at: datetime) -> datetime:
        """Plan and evaluation are documented at the latest the working day after the
        actual meeting ("Senast arbetsdagen efter det faktiska mötet"): the whole day."""
        return end_of_day(self.next_working_day(to_stockholm(meeting_at).date()))

    def discharge_call_deadline(self, ready_at: datetime) -> datetime:
        """The call to planning goes out within 3 days of *utskrivningsklar*; when the third
        day is not a working day, the next one; sending is not acknowledging, so the whole
        day (no cut-off)."""
        third_day = to_stockholm(ready_at).date() + timedelta(days=DISCHARGE_CALL_DAYS)
        return end_of_day(self.working_day_on_or_after(third_day))


# --- deadline moments ---------------------------------------------------------------------------


def end_of_day(day: date) -> datetime:
    """The last second of ``day`` in Stockholm time: a whole-day deadline."""
    return datetime.combine(day, END_OF_DAY, tzinfo=STOCKHOLM)


def is_whole_day(deadline: datetime) -> bool:
    """Whether ``deadline`` lasts the whole working day (documenting, locking), rather than
    ending at the cut-off (acknowledging): told by its Stockholm time of day alone, so a
    stored deadline needs no column saying which."""
    return to_stockholm(deadline).time() == END_OF_DAY


def overdue_from(deadline: datetime) -> datetime:
    """The first moment at which a task due at ``deadline`` is overdue (one whole second
    later: 12:00:01, or 00:00:00 the next day), in Stockholm time."""
    return (to_stockholm(deadline).astimezone(UTC) + GRACE).astimezone(STOCKHOLM)


def is_overdue(deadline: datetime, now: datetime) -> bool:
    """Overdue from the second after the deadline (compared as instants, through UTC)."""
    return to_stockholm(now).astimezone(UTC) >= overdue_from(deadline).astimezone(UTC)


def closes_at(deadline: datetime) -> datetime:
    """The moment a countdown counts to: the cut-off itself, or midnight after a whole day."""
    return overdue_from(deadline) if is_whole_day(deadline) else deadline
