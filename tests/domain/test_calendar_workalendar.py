"""WorkCalendar against an independent implementation: workalendar's Sweden (test-only).

They agree on every year from 2005. Before 2005 workalendar 17 is wrong: it applies today's
list of holidays to every year. Under Lag (1989:253) om allmänna helgdagar as it stood
until 2004, Annandag pingst (Whit Monday) was a public holiday and Sveriges nationaldag
(6 June) was not; the amendment in force from 1 January 2005 swapped them. The holidays
package behind WorkCalendar follows the law, so the comparison corrects workalendar for
those years explicitly instead of skipping them.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from dateutil.easter import easter
from workalendar.europe import Sweden

from sip_tui.domain.calendar import WorkCalendar

CALENDAR = WorkCalendar()
SWEDEN = Sweden()
NATIONAL_DAY_SINCE = 2005  # and Annandag pingst until 2004


def ours(year: int) -> set[date]:
    return {day for day, _ in CALENDAR.non_working_weekdays(year)}


def workalendar(year: int) -> set[date]:
    return {day for day, _ in SWEDEN.holidays(year) if day.weekday() < 5}


def workalendar_corrected(year: int) -> set[date]:
    days = workalendar(year)
    if year < NATIONAL_DAY_SINCE:
        days.discard(date(year, 6, 6))  # not yet a public holiday
        days.add(easter(year) + timedelta(days=50))  # Annandag pingst, always a Monday
    return days


@pytest.mark.parametrize("year", range(2000, 2041))
def test_same_non_working_weekdays_as_workalendar(year: int) -> None:
    assert ours(year) == workalendar_corrected(year)


@pytest.mark.parametrize("year", range(2000, NATIONAL_DAY_SINCE))
def test_the_correction_is_still_needed(year: int) -> None:
    """Fails once workalendar learns the pre-2005 rules: then drop the correction."""
    assert workalendar(year) != workalendar_corrected(year)
