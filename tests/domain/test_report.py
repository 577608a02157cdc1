"""The report's figures from plain facts: every figure of a hand-built period is known."""

from __future__ import annotations

import statistics
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sip_tui.domain.kinds import Phase, Status
from sip_tui.domain.report import Arrival, ArrivalKind, Facts, make_report, percentile, phase_of
from sip_tui.domain.report_rows import duration_text, rows, share_text
from sip_tui.domain.watch import Roster, Weekly
from tests.domain.world import CALENDAR, HSV, at

FIRST, LAST = date(2026, 11, 1), date(2026, 11, 30)
INI, C, M = ArrivalKind.INITIATIVE, ArrivalKind.CALL, ArrivalKind.MESSAGE
numbers = st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=40)


@given(numbers)
def test_the_median_is_the_50th_percentile(values: list[float]) -> None:
    assert percentile(values, 50) == pytest.approx(statistics.median(values), abs=1e-6)


@given(numbers, st.floats(0, 100), st.floats(0, 100))
def test_percentiles_grow_with_p_and_stay_within_the_values(
    values: list[float], p: float, q: float
) -> None:
    low, high = sorted((p, q))
    assert min(values) <= percentile(values, low) <= percentile(values, high) <= max(values)


def test_percentile_is_linear_between_ranks_like_excel() -> None:
    values = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0]
    assert percentile(values, 90) == pytest.approx(9.1)  # =PERCENTILE.INC(1..10; 0,9)
    assert percentile([7.0], 90) == 7.0
    with pytest.raises(ValueError, match="no values"):
        percentile([], 50)


def test_the_phase_is_the_first_not_done() -> None:
    done = dict.fromkeys(Phase, Status.DONE)
    assert phase_of({**done, Phase.KAL: Status.CREATABLE, Phase.SIP: Status.NOT_YET}) is Phase.KAL
    assert phase_of({**done, Phase.INI: Status.THEIRS}) is Phase.INI
    assert phase_of(done) is Phase.UPP


def facts() -> Facts:
    """November 2026, made on Tue 1 Dec 09:00. Arrivals (deadline → outcome):
    Mon 2 Nov 08:00 initiative, acked 10:00 (2 h, in time)
    Mon 2 Nov 15:00 call, acked Tue 3 Nov 12:00:00 (21 h, in time: 12:00 itself)
    Wed 11 Nov 09:00 message, read Thu 12 Nov 12:30 (27 h 30 min, late by 30 min)
    Fri 20 Nov 16:00 call, never (due Mon 23 Nov 12:00: overdue 7 d 21 h at 1 Dec 09:00)
    Mon 30 Nov 10:00 message, never (due Tue 1 Dec 12:00: pending)
    Sat 31 Oct and Tue 1 Dec: outside the period."""
    arrivals = (
        Arrival(HSV, INI, at("2026-11-02 08:00"), at("2026-11-02 10:00")),
        Arrival(HSV, C, at("2026-11-02 15:00"), at("2026-11-03 12:00")),
        Arrival(HSV, M, at("2026-11-11 09:00"), at("2026-11-12 12:30")),
        Arrival(HSV, C, at("2026-11-20 16:00"), None),
        Arrival(HSV, M, at("2026-11-30 10:00"), None),
        Arrival(HSV, M, at("2026-10-31 10:00"), None),
        Arrival(HSV, M, at("2026-12-01 08:00"), None),
    )
    done = dict.fromkeys(Phase, Status.DONE)
    roster = Roster(HSV, {"karin": "Karin"}, frozenset(Weekly("karin", d) for d in range(4)))
    return Facts(
        (HSV,),
        date(2026, 11, 1),
        date(2026, 11, 30),
        at("2026-12-01 09:00"),
        arrivals,
        ({**done, Phase.SIP: Status.OURS}, {**done, Phase.INI: Status.THEIRS}),
        deviations=2,
        proposed=1,
        rosters=(roster,),
    )


def test_every_figure_of_a_hand_built_month() -> None:
    report = make_report(facts(), CALENDAR)
    assert report.incoming == 5
    assert report.by_kind == {INI: 1, C: 2, M: 2}
    assert (report.in_time, report.late, report.overdue, report.pending) == (2, 1, 1, 1)
    assert report.share_in_time == pytest.approx(2 / 4)
    assert report.median == timedelta(hours=21)
    # 2 h, 21 h, 27 h 30: rank 1.8 → 21 h + 0.8 × 6 h 30 = 26 h 12 min
    assert report.p90 == timedelta(hours=26, minutes=12)
    assert report.worst_overdue == timedelta(days=7, hours=21)
    assert report.open_by_phase == {Phase.INI: 1, Phase.KAL: 0, Phase.SIP: 1, Phase.UPP: 0}
    assert (report.deviations, report.proposed) == (2, 1)
    # Karin watches Mon–Thu: the Fridays of November (6, 13, 20, 27) have nobody.
    assert report.unwatched_days == 4
    assert [(w.number, w.incoming, w.in_time) for w in report.weeks] == [
        (44, 0, 0),
        (45, 2, 2),
        (46, 1, 0),
        (47, 1, 0),
        (48, 0, 0),
        (49, 1, 0),
    ]


def test_the_rows_say_it_in_swedish() -> None:
    shown = {key: value for key, _, value in rows(make_report(facts(), CALENDAR))}
    assert shown["share_in_time"] == "50,0 %"
    assert shown["median"] == "21 h 0 min"
    assert shown["worst_overdue"] == "7 d 21 h 0 min"
    assert duration_text(timedelta(hours=2, minutes=40)) == "2 h 40 min"
    assert share_text(None) == "–"


moments = st.datetimes(
    min_value=at("2026-10-25 00:00").replace(tzinfo=None),
    max_value=at("2026-12-05 00:00").replace(tzinfo=None),
).map(lambda moment: moment.replace(tzinfo=at("2026-11-01 00:00").tzinfo))


@given(
    st.lists(
        st.tuples(
            moments,
            st.none() | st.timedeltas(timedelta(0), timedelta(days=6)),
            st.sampled_from(ArrivalKind),
        ),
        max_size=30,
    )
)
def test_every_arrival_of_the_period_is_counted_once(
    items: list[tuple[datetime, timedelta | None, ArrivalKind]],
) -> None:
    arrivals = tuple(
        Arrival(HSV, kind, sent, None if wait is None else sent + wait)
        for sent, wait, kind in items
    )
    made = facts()
    report = make_report(replace(made, arrivals=arrivals), CALENDAR)
    inside = [a for a in arrivals if FIRST <= a.arrived_at.date() <= LAST]
    assert report.incoming == len(inside) == sum(report.by_kind.values())
    assert report.in_time + report.late + report.overdue + report.pending == report.incoming
    assert sum(w.incoming for w in report.weeks) == report.incoming
    assert sum(w.in_time for w in report.weeks) == report.in_time
    if report.median is not None and report.p90 is not None:
        assert timedelta(0) <= report.median <= report.p90 <= timedelta(days=6)
