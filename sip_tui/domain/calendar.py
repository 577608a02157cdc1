"""The Swedish working-day calendar and every deadline rule of the SIP process.

A working day is Monday to Friday that is neither a Swedish public holiday nor a de facto
holiday (Midsommarafton, Julafton, Nyårsafton), nor a closed day the organisation adds in
its configuration. Every deadline falls at the cut-off (default 12:00) of a working day,
in Europe/Stockholm time whatever the machine's time zone: the watcher's daily check before
the cut-off then catches every one of them (see docs/architecture.md, "Deadlines").
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, datetime, time, timedelta
from typing import Final

import holidays

from sip_tui.domain.clock import STOCKHOLM, to_stockholm

WEEKDAY_NAMES: Final = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
DEFAULT_CUTOFF: Final = time(12, 0)
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
        """The first cut-off strictly after ``moment`` (at 12:00 sharp it is already passed)."""
        local = to_stockholm(moment)
        today = local.date()
        if self.is_working_day(today) and local < self.cutoff_on(today):
            return self.cutoff_on(today)
        return self.cutoff_on(self.next_working_day(today))

    def acknowledge_deadline(self, sent_at: datetime) -> datetime:
        """Initiative, call, info message: the cut-off of the first working day after the
        day it was sent, whatever the hour it was sent."""
        return self.cutoff_on(self.next_working_day(to_stockholm(sent_at).date()))

    def mapping_lock_deadline(self, meeting_at: datetime) -> datetime:
        """Kartläggning is locked at the latest the working day before the meeting."""
        return self.cutoff_on(self.previous_working_day(to_stockholm(meeting_at).date()))

    def follow_up_lock_deadline(self, evaluation_at: datetime) -> datetime:
        """Uppföljning is locked at the latest the working day before the evaluation."""
        return self.mapping_lock_deadline(evaluation_at)

    def documentation_deadline(self, meeting_at: datetime) -> datetime:
        """Plan and evaluation are documented at the latest the working day after the
        actual meeting."""
        return self.cutoff_on(self.next_working_day(to_stockholm(meeting_at).date()))

    def discharge_call_deadline(self, ready_at: datetime) -> datetime:
        """The call to planning goes out within 3 days of *utskrivningsklar*; when the third
        day is not a working day, by the cut-off of the next one."""
        third_day = to_stockholm(ready_at).date() + timedelta(days=DISCHARGE_CALL_DAYS)
        return self.cutoff_on(self.working_day_on_or_after(third_day))
