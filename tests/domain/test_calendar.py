"""The Swedish working-day calendar and the 12:00 cut-off (DOMAIN.md, "Deadlines")."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sip_tui.domain.calendar import OutsideCalendarError, WorkCalendar

SE = ZoneInfo("Europe/Stockholm")
NOON = time(12, 0)
CALENDAR = WorkCalendar()


def se(text: str) -> datetime:
    """A Stockholm wall-clock moment, e.g. se("2026-11-20 09:00")."""
    return datetime.fromisoformat(text).replace(tzinfo=SE)


# Written out by hand from the Swedish calendar (Easter 2026: 5 April; 2027: 28 March).
# Weekend holidays are absent: Nationaldagen 2026 (Sat) and 2027 (Sun), Alla helgons dag
# (always a Saturday), Första maj and Juldagen 2027 (Sat), Annandag jul 2026 (Sat) and
# 2027 (Sun).
NON_WORKING_WEEKDAYS = {
    2026: [
        ("2026-01-01", "Nyårsdagen"),  # Thu
        ("2026-01-06", "Trettondedag jul"),  # Tue
        ("2026-04-03", "Långfredagen"),  # Fri
        ("2026-04-06", "Annandag påsk"),  # Mon
        ("2026-05-01", "Första maj"),  # Fri
        ("2026-05-14", "Kristi himmelsfärdsdag"),  # Thu, Easter + 39
        ("2026-06-19", "Midsommarafton"),  # the Friday in 19–25 June
        ("2026-12-24", "Julafton"),  # Thu
        ("2026-12-25", "Juldagen"),  # Fri
        ("2026-12-31", "Nyårsafton"),  # Thu
    ],
    2027: [
        ("2027-01-01", "Nyårsdagen"),  # Fri
        ("2027-01-06", "Trettondedag jul"),  # Wed
        ("2027-03-26", "Långfredagen"),  # Fri
        ("2027-03-29", "Annandag påsk"),  # Mon
        ("2027-05-06", "Kristi himmelsfärdsdag"),  # Thu
        ("2027-06-25", "Midsommarafton"),  # Fri
        ("2027-12-24", "Julafton"),  # Fri
        ("2027-12-31", "Nyårsafton"),  # Fri
    ],
}


@pytest.mark.parametrize("year", sorted(NON_WORKING_WEEKDAYS))
def test_non_working_weekdays_of_the_year(year: int) -> None:
    listed = [(day.isoformat(), name) for day, name in CALENDAR.non_working_weekdays(year)]
    assert listed == NON_WORKING_WEEKDAYS[year]


@pytest.mark.parametrize(
    ("day", "name"),
    [(day, name) for year in NON_WORKING_WEEKDAYS.values() for day, name in year],
)
def test_each_holiday_is_closed_with_its_name(day: str, name: str) -> None:
    closed = date.fromisoformat(day)
    assert not CALENDAR.is_working_day(closed)
    assert CALENDAR.closed_reason(closed) == name


@pytest.mark.parametrize(
    ("day", "working"),
    [
        ("2026-06-18", True),  # Thursday before Midsommarafton
        ("2026-05-25", True),  # Annandag pingst: a working day since 2005
        ("2025-06-06", False),  # Nationaldagen on a Friday
        ("2026-12-23", True),  # the day before Julafton
        ("2026-11-21", False),  # a Saturday
        ("2026-11-22", False),  # a Sunday
    ],
)
def test_working_days_around_the_holidays(day: str, working: bool) -> None:
    assert CALENDAR.is_working_day(date.fromisoformat(day)) is working


@pytest.mark.parametrize(
    ("day", "reason"),
    [("2026-11-21", "lördag"), ("2026-11-22", "söndag"), ("2026-12-25", "Juldagen")],
)
def test_closed_reason_names_weekends_and_holidays(day: str, reason: str) -> None:
    assert CALENDAR.closed_reason(date.fromisoformat(day)) == reason


def test_a_working_day_has_no_closed_reason() -> None:
    assert CALENDAR.closed_reason(date(2026, 11, 23)) is None


# --- acknowledge: 12:00 on the first working day after sending ------------------------------


@pytest.mark.parametrize(
    ("sent", "deadline"),
    [
        ("2026-11-20 09:00", "2026-11-23T12:00:00+01:00"),  # Fri -> Mon
        ("2026-06-18 10:00", "2026-06-22T12:00:00+02:00"),  # Thu -> Mon (Midsommarafton)
        ("2026-12-23 08:00", "2026-12-28T12:00:00+01:00"),  # Wed -> Mon (Jul)
        ("2026-11-23 00:00", "2026-11-24T12:00:00+01:00"),  # Mon, any hour -> Tue
        ("2026-11-23 11:59", "2026-11-24T12:00:00+01:00"),
        ("2026-11-23 23:59", "2026-11-24T12:00:00+01:00"),
        ("2026-11-21 10:00", "2026-11-23T12:00:00+01:00"),  # sent on a Saturday
        ("2026-12-31 10:00", "2027-01-04T12:00:00+01:00"),  # Nyårsafton, Nyårsdagen (Fri)
    ],
)
def test_acknowledge_deadline(sent: str, deadline: str) -> None:
    assert CALENDAR.acknowledge_deadline(se(sent)).isoformat() == deadline


def test_acknowledge_deadline_takes_the_sending_day_in_stockholm() -> None:
    # 23:30 UTC on Thursday is already Friday 00:30 in Stockholm.
    sent = datetime(2026, 11, 19, 23, 30, tzinfo=UTC)
    assert CALENDAR.acknowledge_deadline(sent) == se("2026-11-23 12:00")
    # A naive moment is Stockholm time: still Thursday.
    assert CALENDAR.acknowledge_deadline(datetime(2026, 11, 19, 23, 30)) == se("2026-11-20 12:00")


# --- next_cutoff ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "cutoff"),
    [
        ("2026-11-23 11:59:59", "2026-11-23T12:00:00+01:00"),  # before: today
        # "senast kl. 12.00" includes 12:00: during 12:00:00 today's cut-off is still next
        ("2026-11-23 12:00:00", "2026-11-23T12:00:00+01:00"),
        ("2026-11-23 12:00:00.999", "2026-11-23T12:00:00+01:00"),
        ("2026-11-23 12:00:01", "2026-11-24T12:00:00+01:00"),  # after
        ("2026-11-20 13:00", "2026-11-23T12:00:00+01:00"),  # Friday afternoon -> Monday
        ("2026-11-21 09:00", "2026-11-23T12:00:00+01:00"),  # Saturday
        ("2026-12-24 09:00", "2026-12-28T12:00:00+01:00"),  # Julafton morning
    ],
)
def test_next_cutoff(moment: str, cutoff: str) -> None:
    assert CALENDAR.next_cutoff(se(moment)).isoformat() == cutoff


def test_next_cutoff_compares_instants_not_wall_clocks() -> None:
    # 10:59 UTC is 11:59 in Stockholm in November; 11:00 UTC is 12:00.
    assert CALENDAR.next_cutoff(datetime(2026, 11, 23, 10, 59, tzinfo=UTC)) == se(
        "2026-11-23 12:00"
    )
    assert CALENDAR.next_cutoff(datetime(2026, 11, 23, 11, 0, 1, tzinfo=UTC)) == se(
        "2026-11-24 12:00"
    )


# --- daylight saving time: the cut-off stays 12:00 local -----------------------------------


@pytest.mark.parametrize(
    ("moment", "cutoff", "utc_hour"),
    [
        # Summer time starts Sunday 2026-03-29.
        ("2026-03-26 14:00", "2026-03-27T12:00:00+01:00", 11),
        ("2026-03-27 13:00", "2026-03-30T12:00:00+02:00", 10),
        # Summer time ends Sunday 2026-10-25.
        ("2026-10-22 14:00", "2026-10-23T12:00:00+02:00", 10),
        ("2026-10-23 13:00", "2026-10-26T12:00:00+01:00", 11),
    ],
)
def test_cutoff_across_dst_changes(moment: str, cutoff: str, utc_hour: int) -> None:
    result = CALENDAR.next_cutoff(se(moment))
    assert result.isoformat() == cutoff
    assert result.astimezone(UTC).hour == utc_hour


@pytest.mark.parametrize("fold", [0, 1])
def test_sent_in_the_repeated_hour_of_october(fold: int) -> None:
    sent = datetime(2026, 10, 25, 2, 30, fold=fold, tzinfo=SE)
    assert CALENDAR.acknowledge_deadline(sent).isoformat() == "2026-10-26T12:00:00+01:00"


def test_sent_on_the_day_summer_time_starts() -> None:
    sent = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # 03:30 CEST
    assert CALENDAR.acknowledge_deadline(sent).isoformat() == "2026-03-30T12:00:00+02:00"


# --- the other deadlines ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("meeting", "deadline"),
    [
        ("2026-11-24 09:00", "2026-11-23T23:59:59+01:00"),  # Tue -> all Monday
        ("2026-11-23 09:00", "2026-11-20T23:59:59+01:00"),  # Mon -> Fri
        ("2026-06-22 10:00", "2026-06-18T23:59:59+02:00"),  # Mon -> Thu (Midsommarafton)
    ],
)
def test_mapping_lock_deadline_is_the_working_day_before(meeting: str, deadline: str) -> None:
    """Seed 001: "Låses senast en arbetsdag före mötet" — the whole of that day."""
    assert CALENDAR.mapping_lock_deadline(se(meeting)).isoformat() == deadline


def test_follow_up_lock_deadline_is_the_working_day_before_the_evaluation() -> None:
    evaluation = se("2026-12-28 13:00")  # Mon after Julafton, Juldagen and a weekend
    assert CALENDAR.follow_up_lock_deadline(evaluation).isoformat() == "2026-12-23T23:59:59+01:00"


@pytest.mark.parametrize(
    ("meeting", "deadline"),
    [
        ("2026-11-24 14:00", "2026-11-25T23:59:59+01:00"),  # Tue -> all Wednesday
        ("2026-11-20 14:00", "2026-11-23T23:59:59+01:00"),  # Fri -> Mon
        ("2026-12-23 14:00", "2026-12-28T23:59:59+01:00"),  # Wed -> Mon
    ],
)
def test_documentation_deadline_is_the_working_day_after(meeting: str, deadline: str) -> None:
    """Seed 001: "Senast arbetsdagen efter det faktiska mötet" — the whole of that day."""
    assert CALENDAR.documentation_deadline(se(meeting)).isoformat() == deadline


@pytest.mark.parametrize(
    ("ready", "deadline"),
    [
        ("2026-11-16 15:00", "2026-11-19T23:59:59+01:00"),  # Mon + 3 days = Thu
        ("2026-12-17 09:00", "2026-12-21T23:59:59+01:00"),  # Thu + 3 = Sun -> Mon
        ("2026-12-21 09:00", "2026-12-28T23:59:59+01:00"),  # Mon + 3 = Julafton -> Mon
    ],
)
def test_discharge_call_deadline(ready: str, deadline: str) -> None:
    assert CALENDAR.discharge_call_deadline(se(ready)).isoformat() == deadline


# --- configuration: cut-off and the organisation's closed days ----------------------------


KLAMDAG = date(2026, 5, 15)  # the Friday after Kristi himmelsfärdsdag
WITH_KLAMDAG = WorkCalendar(closed_days={KLAMDAG: "Klämdag"})


def test_a_configured_closed_day_is_not_a_working_day_and_is_named() -> None:
    assert CALENDAR.is_working_day(KLAMDAG)
    assert not WITH_KLAMDAG.is_working_day(KLAMDAG)
    assert WITH_KLAMDAG.closed_reason(KLAMDAG) == "Klämdag"
    assert (KLAMDAG, "Klämdag") in list(WITH_KLAMDAG.non_working_weekdays(2026))


def test_a_configured_closed_day_moves_deadlines() -> None:
    sent = se("2026-05-13 10:00")  # Wed; Thu is Kristi himmelsfärdsdag
    assert CALENDAR.acknowledge_deadline(sent) == se("2026-05-15 12:00")
    assert WITH_KLAMDAG.acknowledge_deadline(sent) == se("2026-05-18 12:00")


def test_a_configured_cutoff_is_used_everywhere() -> None:
    early = WorkCalendar(cutoff=time(11, 30))
    assert early.next_cutoff(se("2026-11-23 11:45")) == se("2026-11-24 11:30")
    assert early.acknowledge_deadline(se("2026-11-20 09:00")) == se("2026-11-23 11:30")


def test_a_cutoff_at_the_end_of_the_day_is_refused() -> None:
    with pytest.raises(ValueError, match="before 23:59:59"):
        WorkCalendar(cutoff=time(23, 59, 59))


def test_a_cutoff_with_a_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="without zone"):
        WorkCalendar(cutoff=time(12, 0, tzinfo=UTC))


def test_years_without_holiday_data_are_refused_not_guessed() -> None:
    after = CALENDAR.years[-1] + 1
    assert CALENDAR.years[-1] >= 2050
    with pytest.raises(OutsideCalendarError, match=str(after)):
        list(CALENDAR.non_working_weekdays(after))
    with pytest.raises(OutsideCalendarError):
        CALENDAR.acknowledge_deadline(datetime(after - 1, 12, 31, 10, 0, tzinfo=SE))


# --- properties -------------------------------------------------------------------------------

# Well inside the years the calendar knows, so that deadlines stay inside them too.
MOMENTS = st.datetimes(
    min_value=datetime(1954, 1, 1),
    max_value=datetime(2099, 12, 1),
    timezones=st.timezones(),
    allow_imaginary=False,
)
DAYS = st.dates(min_value=date(1954, 1, 1), max_value=date(2099, 12, 1))


def days_between(first: date, last: date) -> list[date]:
    """The days strictly between ``first`` and ``last``."""
    return [first + timedelta(days=n) for n in range(1, (last - first).days)]


def is_noon_in_stockholm(moment: datetime) -> bool:
    local = moment.astimezone(SE)
    return local.time() == NOON and moment.utcoffset() == local.utcoffset()


@given(MOMENTS)
def test_acknowledge_deadline_is_noon_of_the_first_working_day_after(sent: datetime) -> None:
    deadline = CALENDAR.acknowledge_deadline(sent)
    sent_day = sent.astimezone(SE).date()
    due_day = deadline.astimezone(SE).date()
    assert is_noon_in_stockholm(deadline)
    assert CALENDAR.is_working_day(due_day)
    assert due_day > sent_day
    assert not any(CALENDAR.is_working_day(day) for day in days_between(sent_day, due_day))


@given(MOMENTS)
def test_next_cutoff_is_the_first_cutoff_after(moment: datetime) -> None:
    """The first cut-off whose second has not passed (12:00:00 is still on time)."""
    cutoff = CALENDAR.next_cutoff(moment)
    assert cutoff + timedelta(seconds=1) > moment
    assert is_noon_in_stockholm(cutoff)
    assert CALENDAR.is_working_day(cutoff.astimezone(SE).date())
    # No working day's 12:00 lies strictly between the moment and the cut-off.
    first = moment.astimezone(SE).date() - timedelta(days=1)
    for day in days_between(first, cutoff.astimezone(SE).date()):
        if CALENDAR.is_working_day(day):
            assert datetime.combine(day, NOON, tzinfo=SE) + timedelta(seconds=1) <= moment


def first_working_day_from(day: date, step: int) -> date:
    """The first working day at or after (step 1) / at or before (step -1) ``day``."""
    while not CALENDAR.is_working_day(day):
        day += timedelta(days=step)
    return day


@given(DAYS)
def test_previous_and_next_working_day_are_the_nearest(day: date) -> None:
    before = CALENDAR.previous_working_day(day)
    after = CALENDAR.next_working_day(day)
    assert before < day < after
    assert CALENDAR.is_working_day(before)
    assert CALENDAR.is_working_day(after)
    assert not any(CALENDAR.is_working_day(d) for d in days_between(before, day))
    assert not any(CALENDAR.is_working_day(d) for d in days_between(day, after))


@given(DAYS)
def test_previous_and_next_working_day_undo_each_other(day: date) -> None:
    """next(previous(d)) is the first working day >= d, previous(next(d)) the last <= d;
    both are d itself exactly when d is a working day."""
    forward = CALENDAR.next_working_day(CALENDAR.previous_working_day(day))
    backward = CALENDAR.previous_working_day(CALENDAR.next_working_day(day))
    assert forward == first_working_day_from(day, +1) == CALENDAR.working_day_on_or_after(day)
    assert backward == first_working_day_from(day, -1)
    assert (forward == day) is CALENDAR.is_working_day(day)
    assert (backward == day) is CALENDAR.is_working_day(day)
