"""Properties of the two kinds of deadline across Swedish holidays and daylight-saving
changes (issue 10, points 2 and 3).

Seed 001: "Kvittering från mottagaren ska ske senast kl. 12.00 vardagen efter att
initiativet skickades" (a cut-off, 12:00 itself on time); "Senast arbetsdagen efter det
faktiska mötet", "Låses senast en arbetsdag före mötet", "Senast vardagen före
utvärderingsmötet" (no hour: the whole working day).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from dateutil.easter import easter
from hypothesis import given
from hypothesis import strategies as st

from sip_tui.domain.calendar import WorkCalendar, end_of_day, is_overdue, is_whole_day
from sip_tui.domain.clock import STOCKHOLM
from sip_tui.domain.deadlines import Due, classify
from sip_tui.domain.explain import LABEL_WIDTH, deadline_label

CALENDAR = WorkCalendar()
YEARS = range(2024, 2036)


def last_sunday(year: int, month: int) -> date:
    day = date(year, month, 31)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def midsommarafton(year: int) -> date:
    day = date(year, 6, 19)
    return day + timedelta(days=(4 - day.weekday()) % 7)


def special_days(year: int) -> list[date]:
    """The days where deadlines go wrong first: the eves that are not working days, Easter,
    and the two Sundays the clocks change."""
    return [
        midsommarafton(year),
        date(year, 12, 24),
        date(year, 12, 31),
        easter(year) - timedelta(days=2),  # Långfredagen
        easter(year) + timedelta(days=1),  # Annandag påsk
        last_sunday(year, 3),
        last_sunday(year, 10),
    ]


SPECIAL = sorted({day for year in YEARS for day in special_days(year)})
NEAR_SPECIAL = st.builds(
    lambda day, shift: day + timedelta(days=shift),
    st.sampled_from(SPECIAL),
    st.integers(min_value=-4, max_value=4),
)
DAYS = NEAR_SPECIAL | st.dates(min_value=date(2024, 1, 10), max_value=date(2035, 12, 1))
# Any instant on such a day, in Stockholm time (through UTC, so the skipped and the
# repeated hour of a DST change are drawn as they really happen).
MOMENTS = st.builds(
    lambda day, seconds: (
        datetime.combine(day, time(0), tzinfo=STOCKHOLM).astimezone(UTC)
        + timedelta(seconds=seconds)
    ).astimezone(STOCKHOLM),
    DAYS,
    st.floats(min_value=0, max_value=86_399.999, allow_nan=False),
)
JUST_UNDER_A_SECOND = st.floats(min_value=0, max_value=0.999)


def working_days_between(first: date, last: date) -> list[date]:
    return [
        first + timedelta(days=n)
        for n in range(1, (last - first).days)
        if CALENDAR.is_working_day(first + timedelta(days=n))
    ]


def next_midnight(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=STOCKHOLM)


@given(MOMENTS)
def test_documentation_lasts_the_whole_working_day_after_the_meeting(meeting: datetime) -> None:
    """ "Senast arbetsdagen efter det faktiska mötet": on time until that day ends."""
    deadline = CALENDAR.documentation_deadline(meeting)
    day = deadline.astimezone(STOCKHOLM).date()
    assert is_whole_day(deadline)
    assert deadline == end_of_day(day)
    assert CALENDAR.is_working_day(day)
    assert day > meeting.date()
    assert not working_days_between(meeting.date(), day)
    midnight = next_midnight(day)
    assert not is_overdue(deadline, midnight - timedelta(microseconds=1))
    assert not is_overdue(deadline, datetime.combine(day, time(12, 0, 1), tzinfo=STOCKHOLM))
    assert is_overdue(deadline, midnight)


@given(MOMENTS)
def test_locking_lasts_the_whole_working_day_before_the_meeting(meeting: datetime) -> None:
    """ "Låses senast en arbetsdag före mötet", "Senast vardagen före utvärderingsmötet"."""
    for deadline in (
        CALENDAR.mapping_lock_deadline(meeting),
        CALENDAR.follow_up_lock_deadline(meeting),
    ):
        day = deadline.astimezone(STOCKHOLM).date()
        assert is_whole_day(deadline)
        assert CALENDAR.is_working_day(day)
        assert day < meeting.date()
        assert not working_days_between(day, meeting.date())
        assert not is_overdue(deadline, next_midnight(day) - timedelta(microseconds=1))
        assert is_overdue(deadline, next_midnight(day))


@given(MOMENTS, JUST_UNDER_A_SECOND)
def test_twelve_sharp_is_on_time_and_twelve_and_one_second_is_late(
    sent: datetime, fraction: float
) -> None:
    """ "Senast kl. 12.00": the whole second 12:00:00 is on time, 12:00:01 overdue."""
    deadline = CALENDAR.acknowledge_deadline(sent)
    assert not is_whole_day(deadline)
    assert deadline.astimezone(STOCKHOLM).time() == time(12, 0)
    within = deadline + timedelta(seconds=fraction)
    late = deadline + timedelta(seconds=1)
    assert not is_overdue(deadline, within)
    assert is_overdue(deadline, late)
    assert CALENDAR.next_cutoff(within) == deadline
    assert CALENDAR.next_cutoff(late) > deadline
    assert classify(deadline, within, CALENDAR) is Due.CUTOFF
    assert classify(deadline, late, CALENDAR) is Due.OVERDUE
    assert not deadline_label(deadline, within).startswith("försenad")
    assert deadline_label(deadline, late).startswith("försenad")


@given(MOMENTS, MOMENTS, st.booleans())
def test_each_deadline_is_counted_once_under_the_right_word(
    now: datetime, basis: datetime, whole_day: bool
) -> None:
    """The status bar: overdue, due at the next cut-off (acknowledgements), due by the end
    of today (whole-day deadlines); never two of them."""
    if whole_day:
        deadline = CALENDAR.documentation_deadline(basis)
    else:
        deadline = CALENDAR.acknowledge_deadline(basis)
    due = classify(deadline, now, CALENDAR)
    overdue = is_overdue(deadline, now)
    assert (due is Due.OVERDUE) == overdue
    if overdue:
        return
    local = deadline.astimezone(STOCKHOLM)
    at_next_cutoff = not whole_day and deadline == CALENDAR.next_cutoff(now)
    tonight = whole_day and local.date() == now.astimezone(STOCKHOLM).date()
    assert (due is Due.CUTOFF) == at_next_cutoff
    assert (due is Due.TODAY) == tonight
    if due is None:
        assert deadline.astimezone(UTC) > now.astimezone(UTC)


@given(MOMENTS, st.integers(-10 * 86_400, 999 * 86_400), st.booleans())
def test_every_deadline_label_fits_the_senast_column(
    basis: datetime, seconds: int, whole_day: bool
) -> None:
    """The overview's "Senast" column is LABEL_WIDTH wide at 80×24: no label is cut, late
    by minutes ("försenad 23 h", never "försenad 23 h 59 min"), days or a weekday away."""
    calendar = CALENDAR
    deadline = (
        calendar.documentation_deadline(basis)
        if whole_day
        else calendar.acknowledge_deadline(basis)
    )
    now = deadline + timedelta(seconds=seconds)
    assert len(deadline_label(deadline, now)) <= LABEL_WIDTH
